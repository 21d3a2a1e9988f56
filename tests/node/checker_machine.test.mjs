// The checker's state machine (overrides/assets/checker/checker-machine.js), in Node: every
// reachable state with every event, and the safety rules over all of them.
//   node --test tests/node/checker_machine.test.mjs
import assert from "node:assert/strict";
import test from "node:test";

import { initial, screen, transition } from "../../overrides/assets/checker/checker-machine.js";

const LEVELS = ["self_care", "see_doctor", "urgent", "emergency"];
const STEPS = 6;
const SIGNS = [null, { card: "emergency", level: "emergency" }, { card: "urgent", level: "urgent" }, { card: "poison", level: "urgent" }];
const EVENTS = [
  ...SIGNS.map((sign) => ({ type: "signs", sign })),
  { type: "continue", missing: null },
  { type: "continue", missing: "red_flags" },
  { type: "back" },
  ...Array.from({ length: STEPS }, (_, step) => ({ type: "history", step })),
  ...Array.from({ length: STEPS }, (_, step) => ({ type: "goto", step, focus: true })),
  { type: "request", kind: "plan" },
  { type: "request", kind: "share" },
  ...["loading", "ready", "failed"].map((phase) => ({ type: "runtime", phase })),
  { type: "runtime", phase: "outdated", build: "b2" },
  { type: "runtime", phase: "outdated", build: "b3" },
  { type: "retry" },
  ...[null, ...LEVELS].map((level) => ({ type: "reply", level })),
  { type: "drop" },
  { type: "drop", forget: true },
];

const start = () => initial({ steps: STEPS, levels: LEVELS });

// Every state reachable from the start by any sequence of events, with the edges into it.
function explore() {
  const seen = new Map();
  const queue = [start()];
  const edges = [];
  seen.set(JSON.stringify(queue[0]), queue[0]);
  while (queue.length) {
    const state = queue.shift();
    for (const event of EVENTS) {
      const { state: next, effects } = transition(state, event);
      edges.push({ from: state, event, to: next, effects });
      const key = JSON.stringify(next);
      if (!seen.has(key)) {
        seen.set(key, next);
        queue.push(next);
      }
    }
  }
  return { states: [...seen.values()], edges };
}
const { states, edges } = explore();

test("the machine reaches many states and every step", () => {
  assert.ok(states.length > 1000, `only ${states.length} states`);
  assert.deepEqual(new Set(states.map((s) => s.step)), new Set([0, 1, 2, 3, 4, 5]));
});

test("while a warning sign is ticked, its bar is on screen on every step, plan or not", () => {
  for (const state of states) {
    const view = screen(state);
    if (!state.sign) {
      assert.equal(view.bar, null);
      continue;
    }
    assert.deepEqual(view.bar, { card: state.sign.card, level: state.sign.level }, JSON.stringify(state));
  }
});

test("step one's card stays until a plan card at least as urgent is on show", () => {
  for (const state of states) {
    if (!state.sign) continue;
    const covered = state.shown !== null && LEVELS.indexOf(state.shown) >= LEVELS.indexOf(state.sign.level);
    assert.equal(screen(state).earlyCard, !covered, JSON.stringify(state));
  }
});

test("after a sign, Continue on step one is the secondary choice", () => {
  for (const state of states) {
    assert.equal(screen(state).continueSecondary, state.step === 0 && state.sign !== null);
  }
});

test("a request survives a failed start: Try again, then ready, asks for it", () => {
  let checked = 0;
  for (const state of states) {
    if (state.runtime !== "failed" || !state.request) continue;
    const retried = transition(state, { type: "retry" });
    assert.deepEqual(retried.effects, [{ do: "restart-runtime" }]);
    const ready = transition(retried.state, { type: "runtime", phase: "ready" });
    assert.deepEqual(ready.effects, [{ do: "ask", kind: state.request }], JSON.stringify(state));
    checked += 1;
  }
  assert.ok(checked > 0);
});

test("a press before Python is ready starts it once and asks when it is ready", () => {
  const pressed = transition(start(), { type: "request", kind: "plan" });
  assert.deepEqual(pressed.effects, [{ do: "start-runtime" }]);
  assert.equal(screen(pressed.state).busy, true);
  const again = transition(pressed.state, { type: "request", kind: "plan" });
  assert.deepEqual(again.effects, [], "a second press while loading waits with the first");
  const ready = transition(again.state, { type: "runtime", phase: "ready" });
  assert.deepEqual(ready.effects, [{ do: "ask", kind: "plan" }]);
  const shown = transition(ready.state, { type: "reply", level: "emergency" });
  assert.equal(shown.state.request, null);
  assert.equal(screen(shown.state).busy, false);
});

test("a deploy reloads once with the step and the request kept, and never loops", () => {
  for (const { from, event, effects } of edges) {
    if (event.type !== "runtime" || event.phase !== "outdated") continue;
    const reload = effects.find((effect) => effect.do === "reload");
    if (from.reloadedFor === event.build) {
      assert.equal(reload, undefined, "a second mismatch for the same build does not reload again");
      assert.deepEqual(effects, [{ do: "show-outdated" }]);
    } else {
      assert.deepEqual(reload.keep, { step: from.step, request: from.request, reloadedFor: event.build });
    }
  }
  // After the reload the kept request is asked for as soon as the new build is ready.
  const after = initial({ steps: STEPS, levels: LEVELS, restored: { step: 3, request: "plan", reloadedFor: "b2" } });
  assert.equal(after.step, 3);
  const started = transition(after, { type: "runtime", phase: "ready" });
  assert.deepEqual(started.effects, [{ do: "ask", kind: "plan" }]);
});

test("Continue with an unanswered warning sign stays and says so; steps stay in range", () => {
  for (const { from, event, to, effects } of edges) {
    assert.ok(to.step >= 0 && to.step < STEPS);
    if (event.type === "continue" && event.missing) {
      assert.equal(to.step, from.step);
      assert.deepEqual(effects, [{ do: "field-error", question: "red_flags" }]);
    }
    if (event.type === "continue" && !event.missing && from.step < STEPS - 1) {
      assert.deepEqual(effects, [{ do: "push-step", step: from.step + 1 }, { do: "focus-step" }]);
    }
  }
});

test("Back goes through the browser's history; the history sets the step", () => {
  const on2 = transition(transition(start(), { type: "continue" }).state, { type: "continue" }).state;
  assert.equal(on2.step, 2);
  assert.deepEqual(transition(on2, { type: "back" }).effects, [{ do: "history-back" }]);
  assert.equal(transition(on2, { type: "history", step: 1 }).state.step, 1);
  assert.deepEqual(transition(start(), { type: "back" }).effects, [], "no Back from step one");
});

test("bad input is refused plainly", () => {
  assert.throws(() => transition(start(), { type: "jump" }), /unknown event jump/);
  assert.throws(() => transition(start(), { type: "request", kind: "delete" }), /unknown request/);
  assert.throws(() => initial({ steps: 0, levels: LEVELS }), /no steps/);
  assert.equal(initial({ steps: STEPS, levels: LEVELS, restored: { step: 99, request: "rm" } }).step, STEPS - 1);
  assert.equal(initial({ steps: STEPS, levels: LEVELS, restored: { request: "rm" } }).request, null);
});
