// The reader's state on the start page, as one pure machine: no DOM, no clock, no storage.
// `transition(state, event)` returns the next state and the effects the page must carry out
// (start the runtime, ask for a plan, push a history entry...); `screen(state)` says what the
// view shows. Both are plain functions of plain data, so tests/node/checker_machine.test.mjs
// walks every state with every event in Node in milliseconds, and holds the safety rules:
//
// - while a warning sign is ticked, a bar with its advice (and, for a sign that needs the
//   emergency number, its call link) is on screen on every step, plan or no plan;
// - a request the reader made ("Show my plan") survives a failed start and "Try again";
// - a page never runs another build's checker: a deploy since the page opened reloads it once,
//   with the answers, the step and the request kept.
//
// Levels are ranks: the index in decision's LEVELS (least urgent first), given at start.

export const PHASES = ["idle", "loading", "ready", "failed", "outdated"];
export const REQUESTS = ["plan", "share"];

// `steps`: how many steps the form has; `levels`: decision's levels, least urgent first;
// `restored`: what a reload for a new build kept ({step, request, reloadedFor}).
export function initial({ steps, levels, restored = {} }) {
  if (!Number.isInteger(steps) || steps < 1) throw new Error("the form has no steps");
  if (!Array.isArray(levels) || !levels.includes("emergency")) throw new Error("the levels are missing");
  return {
    steps,
    levels,
    step: clamp(Number(restored.step) || 0, steps),
    sign: null, // the most urgent ticked warning sign: {card, level}
    runtime: "idle",
    request: REQUESTS.includes(restored.request) ? restored.request : null,
    waiting: false, // a request is with Python now
    shown: null, // the level of the plan's card on show
    reloadedFor: typeof restored.reloadedFor === "string" ? restored.reloadedFor : null,
  };
}

const clamp = (step, steps) => Math.max(0, Math.min(step, steps - 1));
const rank = (state, level) => state.levels.indexOf(level);

// -> {state, effects}. Unknown events are a programming error, not a reader's: they throw.
export function transition(state, event) {
  const next = { ...state };
  const effects = [];
  const ask = () => {
    if (next.runtime === "ready") {
      next.waiting = true;
      effects.push({ do: "ask", kind: next.request });
    } else if (next.runtime === "idle") {
      next.runtime = "loading";
      effects.push({ do: "start-runtime" });
    }
    // loading: the request waits for "ready"; failed or outdated: it waits for a retry.
  };
  switch (event.type) {
    case "signs": {
      // The view reads the ticked signs' cards; the most urgent one's card and level come here.
      const sign = event.sign && rank(state, event.sign.level) >= 0 ? { card: event.sign.card, level: event.sign.level } : null;
      next.sign = sign;
      break;
    }
    case "continue":
      if (event.missing) {
        effects.push({ do: "field-error", question: event.missing });
      } else if (state.step < state.steps - 1) {
        next.step = state.step + 1;
        effects.push({ do: "push-step", step: next.step }, { do: "focus-step" });
      }
      break;
    case "back":
      if (state.step > 0) {
        // The browser's Back does the same: the history entry of this step goes, and its
        // popstate comes back as a "history" event.
        effects.push({ do: "history-back" });
      }
      break;
    case "history":
      next.step = clamp(Number(event.step) || 0, state.steps);
      if (next.step !== state.step) effects.push({ do: "focus-step" });
      break;
    case "goto":
      next.step = clamp(Number(event.step) || 0, state.steps);
      if (next.step !== state.step) effects.push({ do: "push-step", step: next.step });
      if (event.focus) effects.push({ do: "focus-step" });
      break;
    case "request":
      if (!REQUESTS.includes(event.kind)) throw new Error(`unknown request ${event.kind}`);
      next.request = event.kind;
      ask();
      break;
    case "runtime": {
      if (!PHASES.includes(event.phase)) throw new Error(`unknown runtime phase ${event.phase}`);
      if (event.phase === "outdated") {
        // Another build is on the server. Once: reload with everything kept. If the reload
        // brought the same mismatch, stop and say so (never a loop, never a mix).
        if (state.reloadedFor !== event.build) {
          next.runtime = "outdated";
          next.reloadedFor = event.build;
          effects.push({ do: "reload", keep: { step: state.step, request: state.request, reloadedFor: event.build } });
        } else {
          next.runtime = "failed";
          next.waiting = false;
          effects.push({ do: "show-outdated" });
        }
        break;
      }
      next.runtime = event.phase;
      if (event.phase === "ready" && state.request && !state.waiting) {
        next.waiting = true;
        effects.push({ do: "ask", kind: state.request });
      }
      if (event.phase === "failed") next.waiting = false;
      break;
    }
    case "retry":
      next.runtime = "loading";
      next.waiting = false;
      effects.push({ do: "restart-runtime" });
      break;
    case "reply":
      // Python answered a request: shown (`level`: the card the page could show) or refused.
      next.waiting = false;
      next.request = null;
      next.shown = event.level && rank(state, event.level) >= 0 ? event.level : null;
      break;
    case "drop":
      // The plan on show is stale (an error, answers that could not be read): it goes. A
      // failure to start keeps the reader's request for "Try again"; "Forget" drops it too.
      next.shown = null;
      next.waiting = false;
      if (event.forget) next.request = null;
      break;
    default:
      throw new Error(`unknown event ${event.type}`);
  }
  return { state: next, effects };
}

// What the view shows for a state.
export function screen(state) {
  const signRank = state.sign ? rank(state, state.sign.level) : -1;
  const shownRank = state.shown ? rank(state, state.shown) : -1;
  return {
    step: state.step,
    // The compact bar: on every step, with or without a plan, while a sign is ticked. Its
    // card is the sign's; the view draws the card's call link into it.
    bar: state.sign ? { card: state.sign.card, level: state.sign.level } : null,
    // Step one's card under the signs stays until a plan's card of at least its level shows.
    earlyCard: signRank >= 0 && shownRank < signRank,
    // After a sign, going on to the other questions is a deliberate, secondary choice.
    continueSecondary: state.step === 0 && signRank >= rank(state, "urgent"),
    busy: state.waiting || (state.request !== null && state.runtime === "loading"),
    pressed: state.request,
  };
}
