// The checker's state machine (overrides/assets/checker/checker-machine.js), in Node: every named
// state with every event (a table), the states a few events away from them, and the safety rules
// over all of them.
//   node --test tests/node/checker_machine.test.mjs
import assert from "node:assert/strict";
import test from "node:test";

import { EVENTS, initial, screen, transition } from "../../overrides/assets/checker/checker-machine.js";

const LEVELS = ["self_care", "see_doctor", "urgent", "emergency"];
const STEPS = 6;
const FORM = {
  steps: STEPS,
  levels: LEVELS,
  questions: { red_flags: 0, relaxer: 1, days_taken: 2 },
  groups: { signs: 0, medicine: 1, time: 2 },
};
const ANSWERS = { red_flags: ["none"], relaxer: "baclofen", days_taken: 30 };
const EMERGENCY = { card: "emergency", level: "emergency" };
const plan = (triage) => ({ triage, card: { id: triage }, show: [], summary: "" });
const PYTHON = ["decode", "check", "plan"]; // the effects that ask Python

// Python's replies to the job out now (none when no job is out: the id matches nothing). A
// reply that reads fine holds what each kind of question gets (a plan, or the answers read).
const jobId = (s) => s.job?.id ?? -1;
const planned = (triage, share = "v1.ok") => (s) => ({
  type: "reply", id: jobId(s), request: { op: "plan", answers: ANSWERS }, now: {},
  response: { ok: true, plan: plan(triage), more: { text: "More", groups: ["time"] }, share, answers: ANSWERS },
});
const ok = (s) =>
  s.job?.op === "decode" || s.job?.op === "check"
    ? { type: "reply", id: jobId(s), response: { ok: true, answers: ANSWERS }, now: {} }
    : planned("see_doctor")(s);
const refused = (s) => ({ type: "reply", id: jobId(s), response: { ok: false, field: "days_taken", error: "Too many days." } });

// Every kind of event the page, the runtime and storage send, as data or made from the state.
const TABLE = {
  signs: [{ type: "signs", sign: null }, { type: "signs", sign: EMERGENCY }, { type: "signs", sign: { card: "urgent", level: "urgent" } }],
  open: [
    { type: "open", link: null, saved: {} },
    { type: "open", link: "v1.link", saved: {} },
    { type: "open", link: null, saved: { error: "the saved data is damaged" } },
    { type: "open", link: null, saved: { state: { answers: ANSWERS, plan: plan("self_care"), share: "v1.s" } }, planEntry: true },
    { type: "open", link: null, saved: { state: { answers: ANSWERS, resume: { request: "plan" } } } },
  ],
  link: [{ type: "link", token: "v1.other" }, { type: "link", token: null }],
  input: [{ type: "input", question: "relaxer" }],
  changed: [{ type: "changed", question: "relaxer", answers: ANSWERS }],
  turned: [{ type: "turned" }],
  continue: [
    { type: "continue", problem: null, missing: null },
    { type: "continue", problem: null, missing: { field: "red_flags", error: "Tick each warning sign." } },
  ],
  back: [{ type: "back" }],
  history: [{ type: "history", step: 0 }, { type: "history", step: 3 }],
  goto: [{ type: "goto", step: 2, focus: true }],
  submit: [{ type: "submit", from: 0, button: 0, problem: null, missing: null }, { type: "submit", from: STEPS - 1, button: 5, problem: null, missing: null }],
  request: [{ type: "request", kind: "plan", button: 1 }, { type: "request", kind: "share" }],
  "answer-more": [{ type: "answer-more" }],
  "see-card": [{ type: "see-card" }],
  forget: [{ type: "forget" }],
  undo: [{ type: "undo" }],
  reply: [ok, refused, planned("emergency"), (s) => ({ type: "reply", id: jobId(s), failed: "the worker stopped" })],
  progress: [{ type: "progress", detail: { received: 600, total: 1000, exact: false } }, { type: "progress", detail: { step: 2, of: 4, label: "Starting Python" } }],
  ready: [{ type: "ready" }],
  failed: [{ type: "failed", reason: "the file x.wasm is missing" }],
  outdated: [{ type: "outdated", build: "b2" }, { type: "outdated", build: "b3" }],
  retry: [{ type: "retry" }],
};
const eventsFor = (state) => Object.values(TABLE).flat().map((event) => (typeof event === "function" ? event(state) : event));

const start = (extra = {}) => initial({ ...FORM, ...extra });
// Runs `events` (data, or made from the state) from `state`; -> the last {state, effects}.
function run(state, ...events) {
  let result = { state, effects: [] };
  for (const event of events) result = transition(result.state, typeof event === "function" ? event(result.state) : event);
  return result;
}
const after = (...events) => run(start(), ...events).state;

// The states as issue 27 names them, with and without a ticked emergency sign.
const opened = { type: "open", link: null, saved: {} };
const NAMED = {
  idle: after(opened),
  loading: after(opened, { type: "turned" }, TABLE.progress[0]),
  ready: after(opened, { type: "turned" }, { type: "ready" }),
  planning: after(opened, { type: "ready" }, { type: "request", kind: "plan", button: 0 }),
  waiting: after(opened, { type: "request", kind: "plan", button: 0 }, TABLE.progress[0]),
  shown: after(opened, { type: "ready" }, { type: "request", kind: "plan" }, planned("urgent")),
  sharing: after(opened, { type: "ready" }, { type: "request", kind: "share" }, planned("self_care")),
  failed: after(opened, { type: "request", kind: "plan", button: 0 }, { type: "failed", reason: "stalled" }),
  unreadable: after({ type: "open", link: null, saved: { error: "the saved data is damaged" } }),
  forgotten: after(opened, { type: "ready" }, { type: "request", kind: "plan" }, planned("self_care"), { type: "forget" }),
  restoring: after(TABLE.open[3]),
  linking: after(TABLE.open[1], { type: "ready" }),
  outdated: after(opened, { type: "outdated", build: "b2" }),
  "outdated again": run(start({ restored: { reloadedFor: "b2" } }), opened, { type: "outdated", build: "b2" }).state,
  "field error": after(opened, { type: "continue", problem: null, missing: TABLE.continue[1].missing }),
};
for (const [name, state] of Object.entries(NAMED)) NAMED[`${name}, emergency sign`] = run(state, { type: "signs", sign: EMERGENCY }).state;

// The named states, and every state up to two events from one of them, with the edges.
function explore(depth) {
  const seen = new Map(Object.values(NAMED).map((state) => [JSON.stringify(state), state]));
  const edges = [];
  let frontier = [...seen.values()];
  for (let level = 0; level < depth; level += 1) {
    const next = [];
    for (const from of frontier) {
      for (const event of eventsFor(from)) {
        const { state: to, effects } = transition(from, event);
        edges.push({ from, event, to, effects });
        const key = JSON.stringify(to);
        if (!seen.has(key)) {
          seen.set(key, to);
          next.push(to);
        }
      }
    }
    frontier = next;
  }
  return { states: [...seen.values()], edges };
}
const { states, edges } = explore(2);

test("the table holds every event the machine knows, and the named states are the issue's", () => {
  assert.deepEqual(Object.keys(TABLE).sort(), [...EVENTS].sort());
  const phases = new Set(Object.values(NAMED).map((state) => screen(state).phase));
  for (const name of ["idle", "loading", "ready", "planning", "shown", "failed", "unreadable", "forgotten", "outdated"]) {
    assert.ok(phases.has(name), `no named state is ${name}`);
    assert.equal(screen(NAMED[name]).phase, name);
  }
});

test("every named state takes every event without throwing, and stays in range", () => {
  for (const [name, state] of Object.entries(NAMED)) {
    for (const event of eventsFor(state)) {
      const { state: to, effects } = transition(state, event);
      assert.ok(to.step >= 0 && to.step < STEPS, `${name} + ${event.type}`);
      assert.ok(effects.every((effect) => typeof effect.do === "string"), `${name} + ${event.type}`);
      screen(to);
    }
  }
  assert.ok(states.length > 2000, `only ${states.length} states`);
});

test("unknown events and requests are refused plainly", () => {
  assert.throws(() => transition(start(), { type: "jump" }), /unknown event jump/);
  assert.throws(() => transition(start(), { type: "toString" }), /unknown event toString/);
  assert.throws(() => transition(start(), { type: "request", kind: "delete" }), /unknown request/);
  assert.throws(() => initial({ ...FORM, steps: 0 }), /no steps/);
  assert.equal(initial({ ...FORM, restored: { step: 99 } }).step, STEPS - 1);
});

test("a ticked emergency sign keeps its bar, with its call link, in every view", () => {
  let checked = 0;
  for (const state of states) {
    const view = screen(state);
    if (!state.sign) {
      assert.equal(view.bar, null);
      continue;
    }
    assert.deepEqual(view.bar, state.sign, `${view.phase}: ${JSON.stringify(state.sign)}`);
    if (state.sign.level === "emergency") checked += 1;
    // Step one's card stays until a plan card at least as urgent is on show.
    const covered = state.shown !== null && LEVELS.indexOf(state.shown.level) >= LEVELS.indexOf(state.sign.level);
    assert.equal(view.earlyCard, !covered);
    assert.equal(view.continueSecondary, state.step === 0 && LEVELS.indexOf(state.sign.level) >= LEVELS.indexOf("urgent"));
  }
  assert.ok(checked > 500, `${checked} states with an emergency sign`);
});

test("the reader's request survives a failed start: Try again, then ready, asks for it", () => {
  let failures = 0;
  for (const { from, event, to } of edges) {
    if (to.runtime !== "failed" || from.runtime === "failed" || !from.request) continue;
    assert.equal(to.request, from.request, `${event.type} dropped the request`);
    assert.deepEqual(to.restore, from.restore, `${event.type} dropped what was to be restored`);
    failures += 1;
  }
  assert.ok(failures > 10, `${failures} failures with a request`);
  let checked = 0;
  for (const state of states) {
    if (state.runtime !== "failed" || !state.request || state.restore) continue;
    const retried = transition(state, { type: "retry" });
    assert.deepEqual(retried.effects, [{ do: "restart-runtime" }]);
    assert.equal(screen(retried.state).busy, true);
    const ready = transition(retried.state, { type: "ready" });
    assert.deepEqual(ready.effects, [{ do: "plan", id: ready.state.job.id }]);
    assert.equal(ready.state.job.request, state.request);
    const answered = transition(ready.state, planned("self_care")(ready.state));
    assert.equal(answered.state.request, null);
    assert.equal(screen(answered.state).phase, "shown");
    checked += 1;
  }
  assert.ok(checked > 10, `${checked} failed states with a request`);
  // A share link still to be read is read after Try again too.
  const link = after(TABLE.open[1], { type: "failed", reason: "HTTP 503" }, { type: "retry" });
  assert.deepEqual(transition(link, { type: "ready" }).effects, [{ do: "decode", id: link.asked + 1, token: "v1.link" }]);
});

test("Python is asked nothing unless the runtime is ready, and a deploy reloads once", () => {
  for (const { from, event, to, effects } of edges) {
    if (effects.some((effect) => PYTHON.includes(effect.do))) {
      assert.equal(to.runtime, "ready", `${event.type} asked Python while ${to.runtime}`);
      assert.equal(effects.filter((effect) => PYTHON.includes(effect.do)).length, 1, "one question at a time");
    }
    if (event.type !== "outdated") continue;
    const reload = effects.find((effect) => effect.do === "reload");
    if (from.reloadedFor === event.build) {
      assert.equal(reload, undefined, "a second mismatch for the same build does not reload again");
      assert.equal(screen(to).phase, "outdated");
      assert.equal(to.job, null);
    } else {
      assert.deepEqual(reload.keep, { step: from.step, request: from.request, reloadedFor: event.build });
    }
  }
  // Once a reload could not reach the new build, nothing runs: "Try again" does nothing.
  const stuck = NAMED["outdated again"];
  assert.deepEqual(transition(stuck, { type: "retry" }).effects, []);
  assert.equal(transition(stuck, { type: "request", kind: "plan" }).effects.length, 0);
  // After the reload the kept request is asked for as soon as the saved answers are checked.
  const reloaded = after({ type: "open", link: null, saved: { state: { answers: ANSWERS, resume: { request: "plan", reloadedFor: "b2" } } } }, { type: "ready" });
  const checked = transition(reloaded, ok(reloaded));
  assert.deepEqual(checked.effects.map((effect) => effect.do), ["write-answers", "save", "plan"]);
  assert.equal(checked.state.job.request, "plan");
});

test("Forget, then Undo, gives the answers and the step back; a late reply is dropped", () => {
  let checked = 0;
  for (const state of states) {
    if (!state.shown) continue;
    const forgot = transition(state, { type: "forget" });
    assert.equal(screen(forgot.state).phase, "forgotten");
    assert.equal(screen(forgot.state).plan, null);
    assert.ok(forgot.effects.some((effect) => effect.do === "clear-saved"));
    assert.equal(forgot.state.job, null, "a question asked before Forget gets no answer in");
    if (state.job) assert.equal(transition(forgot.state, ok(state)).state.shown, null);
    const undone = transition(forgot.state, { type: "undo" });
    assert.deepEqual(undone.effects[0], { do: "write-answers", answers: state.shown.answers });
    assert.equal(undone.state.step, state.step);
    assert.equal(undone.state.forgotten, null);
    checked += 1;
  }
  assert.ok(checked > 100, `${checked} states with a plan`);
  // An answer given after Forget means the forgotten answers stay forgotten.
  const answered = transition(NAMED.forgotten, TABLE.changed[0]).state;
  assert.deepEqual(transition(answered, { type: "undo" }).effects, []);
});

test("a link that cannot be read shows no plan and leaves the answers this tab saved", () => {
  let checked = 0;
  for (const state of states) {
    if (state.runtime !== "ready" || state.problem?.kind === "outdated") continue;
    const opened = transition(state, { type: "link", token: "v1.tampered" });
    if (opened.state.restore?.token !== "v1.tampered") continue;
    const asked = opened.state.job?.op === "decode" ? opened : transition(opened.state, ok(opened.state));
    if (asked.state.job?.op !== "decode") continue;
    const bad = transition(asked.state, { type: "reply", id: asked.state.job.id, response: { ok: false, error: "the link is damaged" } });
    assert.equal(screen(bad.state).plan, null);
    assert.equal(screen(bad.state).phase, "unreadable");
    assert.ok(!bad.effects.some((effect) => ["clear-saved", "save"].includes(effect.do)), JSON.stringify(bad.effects));
    assert.deepEqual(bad.effects.find((effect) => effect.do === "write-answers"), { do: "write-answers", answers: {} });
    checked += 1;
  }
  assert.ok(checked > 50, `${checked} states`);
  // Saved answers that cannot be read are cleared: they are the damaged thing.
  assert.ok(transition(start(), TABLE.open[2]).effects.some((effect) => effect.do === "clear-saved"));
});

test("a press before Python is ready starts it once, says so on its button, and asks when ready", () => {
  const pressed = run(NAMED.idle, { type: "request", kind: "plan", button: 2 });
  assert.deepEqual(pressed.effects, [{ do: "start-runtime" }]);
  assert.deepEqual(screen(pressed.state).pressed, { button: 2, text: "Starting the checker…" });
  assert.equal(screen(pressed.state).busy, true);
  const loading = run(pressed.state, TABLE.progress[0], { type: "request", kind: "plan", button: 3 });
  assert.deepEqual(loading.effects, [], "a second press while loading waits with the first");
  assert.deepEqual(screen(loading.state).pressed, { button: 2, text: "Starting the checker (60%)…" });
  const ready = transition(loading.state, { type: "ready" });
  assert.deepEqual(ready.effects, [{ do: "plan", id: 1 }]);
  const shown = transition(ready.state, planned("emergency")(ready.state));
  assert.deepEqual(shown.effects.at(-1), { do: "focus", on: "plan" });
  assert.equal(screen(shown.state).busy, false);
  assert.equal(screen(shown.state).pressed, null);
});

test("the status line and the three moments a screen reader hears", () => {
  const state = after(opened, { type: "turned" }, { type: "progress", detail: { received: 1.2e6, total: 3e6, exact: false } });
  assert.deepEqual(screen(state).status, { text: "Loading the checker: 1.2 of about 3.0 MB downloaded…", done: 1.2e6, total: 3e6 });
  assert.equal(state.announcement, "Loading the checker: about 3.0 MB. You can answer while it loads.");
  const half = run(state, { type: "progress", detail: { received: 1.6e6, total: 3e6 } }, { type: "progress", detail: { received: 2e6, total: 3e6 } }).state;
  assert.deepEqual(half.announced, ["start", "half"]);
  assert.equal(half.announcement, "The checker is half loaded.");
  const ready = transition(half, { type: "ready" }).state;
  assert.equal(screen(ready).status.text, "The checker is ready. Your answers stay in this browser.");
  assert.equal(ready.announcement, "The checker is ready.");
  assert.equal(screen(transition(ready, { type: "failed", reason: "x" }).state).status, null);
});

test("a restore keeps what the reader answered meanwhile, and one link at a time", () => {
  const restoring = after(TABLE.open[3], { type: "input", question: "relaxer" }, { type: "ready" });
  const reply = { type: "reply", id: restoring.job.id, response: { ok: true, answers: ANSWERS }, now: { relaxer: "tizanidine" } };
  const written = transition(restoring, reply).effects[0];
  assert.deepEqual(written, { do: "write-answers", answers: { red_flags: ["none"], days_taken: 30, relaxer: "tizanidine" } });
  // A link opened while the saved answers are read replaces them: their reply is dropped.
  const linked = transition(restoring, { type: "link", token: "v1.new" }).state;
  assert.equal(transition(linked, reply).state.restore.token, "v1.new");
});

test("Continue with an unanswered warning sign stays and says so; Back goes through history", () => {
  for (const { from, event, to, effects } of edges) {
    if (event.type !== "continue") continue;
    if (event.missing) {
      assert.equal(to.problem.kind, "field");
      assert.equal(to.step, 0);
      assert.deepEqual(effects.at(-1), { do: "focus", on: "field", question: "red_flags" });
    } else if (from.step < STEPS - 1) {
      assert.deepEqual(effects, [{ do: "push-step", step: from.step + 1 }, { do: "focus", on: "step" }]);
    }
  }
  const on2 = after({ type: "continue" }, { type: "continue" });
  assert.equal(on2.step, 2);
  assert.deepEqual(transition(on2, { type: "back" }).effects, [{ do: "history-back" }]);
  assert.equal(transition(on2, { type: "history", step: 1 }).state.step, 1);
  assert.deepEqual(transition(start(), { type: "back" }).effects, [], "no Back from step one");
  // Enter in a box of an earlier step means Continue.
  assert.equal(transition(on2, { type: "submit", from: 0, button: 0 }).state.step, 3);
});
