// The reader's state on the start page, as one pure machine: no DOM, no clock, no storage.
// `transition(state, event)` returns the next state and the effects the page must carry out
// (start the runtime, ask Python, save the answers, push a history entry, move the focus...);
// `screen(state)` says what the view shows. Both are plain functions of plain data, so
// tests/node/checker_machine.test.mjs sweeps every state with every event in Node, and holds the
// safety rules:
//
// - while a warning sign is ticked, a bar with its advice (and, for a sign that needs the
//   emergency number, its call link) is on screen on every step, plan or no plan;
// - a request the reader made ("Show my plan", "Share") survives a failed start and "Try again";
//   so does a share link or saved answers still to be read;
// - a page never runs another build's checker: a deploy since the page opened reloads it once,
//   with the answers, the step and the request kept, and Python is asked nothing meanwhile;
// - "Forget my answers" then "Undo" gives the answers and the step back, and an answer from
//   Python to a question asked before "Forget" is dropped;
// - a link that cannot be read never shows a plan and never clears the answers this tab saved.
//
// One question to Python at a time (`job`, with an id its reply must carry): the restore (a
// share link, else the saved answers), then the reader's request, then a plan the page makes
// on its own (answers changed under a plan, the saved answers' plan, Undo). A reply to a job
// that is no longer asked is dropped, so a link opened during a restore never races it.
//
// Levels are ranks: the index in decision's LEVELS (least urgent first), given at start.

export const REQUESTS = ["plan", "share"];
const READY_TEXT = "The checker is ready. Your answers stay in this browser.";
const OUTDATED = "This page and the site on the web server are from different versions.";

// `steps`: how many steps the form has; `levels`: decision's levels, least urgent first;
// `questions` and `groups`: the step (from 0) of each question and question group;
// `restored`: what a reload for a new build kept ({step, reloadedFor}); `ready`: the runtime is
// ready already (a return to this page); `saveData`: start Python only on a request.
export function initial({ steps, levels, questions = {}, groups = {}, restored = {}, ready = false, saveData = false }) {
  if (!Number.isInteger(steps) || steps < 1) throw new Error("the form has no steps");
  if (!Array.isArray(levels) || !levels.includes("emergency")) throw new Error("the levels are missing");
  return {
    form: { steps, levels, questions, groups, saveData }, // fixed for the page's life
    step: clamp(Number(restored.step) || 0, steps),
    sign: null, // the most urgent ticked warning sign: {card, level}
    runtime: ready ? "ready" : "idle",
    progress: null, // the runtime's last progress report since the press (the pressed button's words)
    status: null, // the status line: {text, done, total}
    announced: [], // the moments a screen reader has heard (start, half, ready)
    announcement: "",
    request: null, // the reader's press waiting for its answer: "plan" or "share"
    pressed: null, // the submit button (its index) that says "Starting the checker…"
    restore: null, // still to read: {token} (a share link) or {answers, plan, resume, touched}
    replan: null, // a plan the page makes on its own: "update", "saved" or "undo"
    job: null, // the question with Python now: {id, op, request, replan}
    asked: 0, // jobs asked so far (their ids)
    address: null, // the share token in the address bar
    shown: null, // the plan on show: {plan, more, answers, share, level}
    sharing: null, // the share token in the share box
    problem: null, // the error box: {kind: failed|unreadable|outdated, detail} or {kind: field, question, message}
    forgotten: null, // "Answers forgotten": {undo: {answers, step} or null}
    reloadedFor: typeof restored.reloadedFor === "string" ? restored.reloadedFor : null,
  };
}

const clamp = (step, steps) => Math.max(0, Math.min(step, steps - 1));
const rank = (state, level) => state.form.levels.indexOf(level);
const megabytes = (bytes) => (bytes / 1e6).toFixed(1);

// Each handler changes `s` (a copy of the state) and pushes effects to `fx`.
function goto(s, fx, step, focus = false) {
  const next = clamp(Number(step) || 0, s.form.steps);
  if (next !== s.step) fx.push({ do: "push-step", step: next });
  s.step = next;
  if (focus) fx.push({ do: "focus", on: "step" });
}

function announce(s, moment, text) {
  if (s.announced.includes(moment)) return;
  s.announced = [...s.announced, moment];
  s.announcement = text;
}

// Asks Python the next question, if there is one and none is out: the restore first, then the
// reader's request, then the page's own plan. Starts the runtime if it has not started; while
// it loads, the work waits for "ready"; after a failure, for "Try again".
function ask(s, fx) {
  if (s.job || !(s.restore || s.request || s.replan)) return;
  if (s.runtime === "idle") {
    s.runtime = "loading";
    fx.push({ do: "start-runtime" });
  }
  if (s.runtime !== "ready") {
    if (s.runtime === "loading" && !s.status) s.status = { text: "Loading the checker…", done: 0, total: 1 };
    return;
  }
  const id = (s.asked += 1);
  if (s.restore?.token !== undefined) {
    s.job = { id, op: "decode" };
    fx.push({ do: "decode", id, token: s.restore.token });
  } else if (s.restore) {
    s.job = { id, op: "check" };
    fx.push({ do: "check", id, answers: s.restore.answers });
  } else {
    s.job = { id, op: "plan", request: s.request, replan: s.request ? null : s.replan };
    s.replan = null; // the plan reads the form as it is now: it answers a change too
    if (s.problem?.kind !== "outdated") s.problem = null;
    fx.push({ do: "plan", id });
  }
}

// Empty form, no plan, nothing asked, no answers in the address; the tab's saved answers go
// too unless `keepSaved` (a link that could not be read leaves what this tab saved).
function startOver(s, fx, keepSaved = false) {
  Object.assign(s, { shown: null, sharing: null, request: null, pressed: null, restore: null, replan: null, job: null, problem: null });
  fx.push({ do: "write-answers", answers: {} });
  if (!keepSaved) fx.push({ do: "clear-saved" });
  goto(s, fx, 0);
  if (s.address !== null) {
    s.address = null;
    fx.push({ do: "set-link", token: null });
  }
}

function unreadable(s, fx, reason, keepSaved) {
  startOver(s, fx, keepSaved);
  s.problem = { kind: "unreadable", detail: reason };
}

// A failed start or a failed call: the plan on show goes (advice for answers Python could not
// read is stale); the reader's request and a restore wait for "Try again".
function fail(s, reason) {
  Object.assign(s, { runtime: "failed", job: null, pressed: null, status: null, shown: null, sharing: null, replan: null });
  s.problem = { kind: "failed", detail: `What went wrong: ${reason}` };
}

// A question's problem: shown at the question, on its step, with the focus on it.
function fieldError(s, fx, question, message) {
  s.shown = null;
  s.sharing = null;
  s.problem = { kind: "field", question: question || null, message };
  if (question in s.form.questions) goto(s, fx, s.form.questions[question]);
  fx.push({ do: "focus", on: "field", question });
}

// A restore (a share link, or the saved answers) to read once Python is ready.
function openLink(s, fx, token) {
  s.restore = { token };
  s.job = null; // its reply, to what was asked before the link, is dropped
  s.address = token;
  if (s.problem?.kind !== "outdated") s.problem = null;
  s.status = { text: "Reading the answers in your link…" };
  ask(s, fx);
}

function reply(s, e, fx) {
  if (!s.job || e.id !== s.job.id) return; // asked before a Forget, a new link or a failure
  const job = s.job;
  s.job = null;
  if (e.failed !== undefined) return fail(s, e.failed);
  const r = e.response;
  if (job.op === "decode") {
    if (!r.ok) return unreadable(s, fx, r.error, true);
    s.restore = null;
    fx.push({ do: "write-answers", answers: r.answers });
    goto(s, fx, 0);
    s.request ||= "plan"; // a link opens at its plan, as if the reader had pressed
  } else if (job.op === "check") {
    if (!r.ok) return unreadable(s, fx, r.error, false);
    // A question the reader answered meanwhile keeps the reader's answer.
    const { touched, plan, resume } = s.restore;
    const answers = Object.fromEntries(Object.entries(r.answers).filter(([id]) => !touched.includes(id)));
    for (const id of touched) if (e.now?.[id] !== undefined) answers[id] = e.now[id];
    s.restore = null;
    fx.push({ do: "write-answers", answers });
    if (resume) {
      // A reload into a new build carries on with what the reader had asked for.
      fx.push({ do: "save", kept: { answers } });
      s.request ||= resume;
    } else if (plan) {
      s.replan = "saved"; // the plan comes again from the rules
    } else {
      fx.push({ do: "save", kept: { answers } });
    }
  } else if (!r.ok) {
    if (job.replan === "saved") return unreadable(s, fx, r.error, false);
    if (job.request && s.request === job.request) s.request = null;
    s.pressed = null;
    fieldError(s, fx, r.field, r.error);
  } else {
    const answers = e.request.answers;
    s.shown = { plan: r.plan, more: r.more ?? null, answers, share: r.share, level: r.plan.triage };
    s.forgotten = null; // a new plan: what was forgotten stays forgotten
    fx.push({ do: "save", kept: { answers, plan: r.plan, share: r.share } });
    if (s.address !== null) {
      s.address = r.share;
      fx.push({ do: "set-link", token: r.share });
    }
    // This history entry has a plan on show: a return to it (Back from a topic) lands there.
    fx.push({ do: "mark-plan-entry" });
    if (job.request && s.request === job.request) s.request = null;
    if (job.request) s.pressed = null;
    if (job.request === "share") {
      s.sharing = r.share;
      fx.push({ do: "focus", on: "share" });
    } else if (job.request === "plan" || job.replan === "undo") {
      fx.push({ do: "focus", on: "plan" });
    }
  }
  ask(s, fx);
}

const HANDLERS = {
  // The ticked warning signs' most urgent card and level (the view combines their cards).
  signs(s, e) {
    s.sign = e.sign && rank(s, e.sign.level) >= 0 ? { card: e.sign.card, level: e.sign.level } : null;
  },
  // The page has opened: a share link in the address first, else what this tab saved
  // (`saved`: store.js loadState's {state, stale} or {error}); `planEntry`: this history entry
  // had a plan on show (Back from a topic).
  open(s, e, fx) {
    const saved = e.saved || {};
    if (e.link !== null && e.link !== undefined) return openLink(s, fx, e.link);
    if (saved.error) return unreadable(s, fx, `${saved.error}.`, false);
    const stored = saved.state;
    if (!stored) return;
    // The saved plan shows at once (it is only shown, never trusted as answers); the answers
    // reach the form once decision has checked them. A plan made for an earlier build's
    // sections is not shown: the answers get a new one.
    if (stored.plan && !saved.stale) {
      s.shown = { plan: stored.plan, more: null, answers: stored.answers, share: stored.share ?? null, level: stored.plan.triage };
      if (e.planEntry) fx.push({ do: "focus", on: "plan", jump: true });
    }
    const resume = REQUESTS.includes(stored.resume?.request) ? stored.resume.request : null;
    s.restore = { answers: stored.answers, plan: Boolean(stored.plan), resume, touched: [] };
    ask(s, fx);
  },
  // A link opened while the page is showing changes only the fragment (hashchange).
  link(s, e, fx) {
    if (e.token === null || e.token === undefined || e.token === s.address || e.token === s.shown?.share) return;
    openLink(s, fx, e.token);
  },
  // The reader typed in or changed a question (`answers`: the form's now).
  input(s, e) {
    if (s.restore?.touched && e.question && !s.restore.touched.includes(e.question)) {
      s.restore = { ...s.restore, touched: [...s.restore.touched, e.question] };
    }
  },
  // An answer changed: once a plan is on show it is made again; an answer after "Forget"
  // means the forgotten ones stay forgotten. Every answer is kept in this tab as it is given.
  changed(s, e, fx) {
    HANDLERS.input(s, e);
    s.forgotten = null;
    if (s.shown) {
      if (s.replan !== "saved") s.replan = "update";
      ask(s, fx);
    } else {
      fx.push({ do: "save", kept: { answers: e.answers } });
    }
  },
  // The reader turned to the checker (a touch, or scrolled to it): Python starts, unless the
  // browser asks to save data (then only a request starts it).
  turned(s, e, fx) {
    if (s.runtime !== "idle" || s.form.saveData) return;
    s.runtime = "loading";
    fx.push({ do: "start-runtime" });
  },
  // Continue (`problem`: a box of this step the browser cannot read as a number; `missing`: a
  // question decision needs before it can reassure, unanswered up to this step).
  continue(s, e, fx) {
    const problem = e.problem || e.missing;
    if (problem) return fieldError(s, fx, problem.field, problem.error);
    if (s.problem?.kind === "field") s.problem = null;
    if (s.step < s.form.steps - 1) goto(s, fx, s.step + 1, true);
  },
  back(s, e, fx) {
    // The browser's Back does the same: this step's history entry goes, and its popstate
    // comes back as a "history" event.
    if (s.step > 0) fx.push({ do: "history-back" });
  },
  history(s, e, fx) {
    const step = clamp(Number(e.step) || 0, s.form.steps);
    if (step !== s.step) fx.push({ do: "focus", on: "step" });
    s.step = step;
  },
  goto(s, e, fx) {
    goto(s, fx, e.step, e.focus);
  },
  // Enter in a box of an earlier step means Continue; else a press of "Show my plan (now)".
  submit(s, e, fx) {
    if (e.from !== s.step && s.step < s.form.steps - 1) return HANDLERS.continue(s, e, fx);
    HANDLERS.request(s, { kind: "plan", button: e.button }, fx);
  },
  // A press before Python is ready waits, and its button says so.
  request(s, e, fx) {
    if (!REQUESTS.includes(e.kind)) throw new Error(`unknown request ${e.kind}`);
    s.request = e.kind;
    if (Number.isInteger(e.button) && s.runtime !== "ready" && s.pressed === null) {
      s.pressed = e.button;
      s.progress = null; // its words change with the progress from now on
    }
    ask(s, fx);
  },
  "answer-more"(s, e, fx) {
    goto(s, fx, s.form.groups[s.shown?.more?.groups?.[0]] ?? 0, true);
  },
  // The bar's "What to do": the plan's card if one is on show, else step one's.
  "see-card"(s, e, fx) {
    if (s.shown) return fx.push({ do: "focus", on: "plan" });
    goto(s, fx, 0);
    fx.push({ do: "focus", on: "early" });
  },
  forget(s, e, fx) {
    const undo = s.shown ? { answers: s.shown.answers, step: s.step } : null;
    startOver(s, fx);
    s.status = null;
    s.forgotten = { undo };
    fx.push({ do: "focus", on: "forgotten" });
  },
  undo(s, e, fx) {
    const undo = s.forgotten?.undo;
    if (!undo) return;
    s.forgotten = null;
    fx.push({ do: "write-answers", answers: undo.answers });
    goto(s, fx, undo.step);
    s.replan = "undo";
    ask(s, fx);
  },
  // Python's reply to a job: {id, request, response, now} or {id, failed}.
  reply,
  progress(s, e) {
    if (s.runtime === "idle") s.runtime = "loading";
    if (s.runtime !== "loading") return;
    const detail = e.detail || {};
    s.progress = detail;
    const { received = 0, total = 0, exact = true } = detail;
    if (total && received < total) {
      // Megabytes on the wire ("about" while some are the build's estimate of what this host
      // sends); a screen reader hears the start and the halfway mark.
      const of = `${exact ? "" : "about "}${megabytes(total)} MB`;
      s.status = { text: `Loading the checker: ${megabytes(received)} of ${of} downloaded…`, done: received, total };
      announce(s, "start", `Loading the checker: ${of}. You can answer while it loads.`);
      if (received >= total / 2) announce(s, "half", "The checker is half loaded.");
    } else {
      const counted = detail.of ? ` (step ${detail.step} of ${detail.of})` : "";
      s.status = { text: `Loading the checker${counted}: ${detail.label}…`, done: detail.step, total: detail.of || 1 };
    }
  },
  ready(s, e, fx) {
    s.runtime = "ready";
    s.progress = null;
    s.status = { text: READY_TEXT };
    announce(s, "ready", "The checker is ready.");
    ask(s, fx);
  },
  failed(s, e) {
    fail(s, e.reason);
  },
  // Another build is on the server. Once: reload with everything kept. If the reload brought
  // the same mismatch, stop and say so (never a loop, never a mix).
  outdated(s, e, fx) {
    s.job = null;
    if (s.reloadedFor !== e.build) {
      s.runtime = "outdated";
      s.reloadedFor = e.build;
      const keep = { step: s.step, request: s.request, reloadedFor: e.build };
      return fx.push({ do: "reload", keep, answers: s.restore?.answers ?? null });
    }
    Object.assign(s, { runtime: "outdated", pressed: null, status: null });
    s.problem = { kind: "outdated", detail: OUTDATED };
  },
  // "Try again" after a failed start: the request and the restore are carried through.
  retry(s, e, fx) {
    if (s.runtime === "outdated" || s.runtime === "ready") return;
    if (s.problem?.kind === "failed") s.problem = null;
    s.runtime = "loading";
    s.job = null;
    fx.push({ do: "restart-runtime" });
  },
};
export const EVENTS = Object.keys(HANDLERS);

// -> {state, effects}. Unknown events are a programming error, not a reader's: they throw.
export function transition(state, event) {
  const handler = Object.hasOwn(HANDLERS, event.type) ? HANDLERS[event.type] : null;
  if (!handler) throw new Error(`unknown event ${event.type}`);
  const next = { ...state };
  const effects = [];
  handler(next, event, effects);
  return { state: next, effects };
}

// The phase, in the words of issue 27: what the checker is doing, for the view and the tests.
function phase(state) {
  if (state.problem && state.problem.kind !== "field") return state.problem.kind;
  if (state.forgotten) return "forgotten";
  if (state.job) return "planning";
  if (state.shown) return "shown";
  return state.runtime === "outdated" ? "outdated" : state.runtime;
}

// The words on the pressed button while Python starts: in steps of a tenth, not every packet.
function pressedText({ step, of, received = 0, total = 0 } = {}) {
  if (total && received < total) return `Starting the checker (${10 * Math.floor((10 * received) / total)}%)…`;
  return of ? `Starting the checker (${step} of ${of})…` : "Starting the checker…";
}

// What the view shows for a state. Objects are the state's own, so the view redraws a part
// only when it changed.
export function screen(state) {
  const signRank = state.sign ? rank(state, state.sign.level) : -1;
  const shownRank = state.shown ? rank(state, state.shown.level) : -1;
  const waiting = state.runtime === "idle" || state.runtime === "loading";
  return {
    phase: phase(state),
    step: state.step,
    // The compact bar: on every step, with or without a plan, while a sign is ticked. Its
    // card is the sign's; the view draws the card's call link into it.
    bar: state.sign ? { card: state.sign.card, level: state.sign.level } : null,
    // Step one's card under the signs stays until a plan's card of at least its level shows.
    earlyCard: signRank >= 0 && shownRank < signRank,
    // After a sign, going on to the other questions is a deliberate, secondary choice.
    continueSecondary: state.step === 0 && signRank >= rank(state, "urgent"),
    // aria-busy: Python works on a question, or one waits for it to start.
    busy: state.job !== null || (waiting && Boolean(state.restore || state.request || state.replan)),
    pressed: state.pressed === null ? null : { button: state.pressed, text: pressedText(state.progress || {}) },
    status: state.status,
    announcement: state.announcement,
    problem: state.problem,
    plan: state.shown,
    share: state.sharing,
    forgotten: state.forgotten,
  };
}
