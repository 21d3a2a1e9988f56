// The start page's checker: wiring. The reader's state is the machine's (checker-machine.js);
// the view (checker-view.js) draws its screen. Here page, runtime and storage events become
// machine events, and the effects it returns are carried out. The plan itself always comes
// from decision in the worker.
import { initial, screen, transition } from "./checker-machine.js";
import { createView } from "./checker-view.js";
import { whenReaderTurns } from "./dom.js";
import { keepExclusive, readAnswers, writeAnswers } from "./form.js";
import { getRuntime, restartRuntime, runtimeEvents, runtimeReady } from "./runtime.js";
import { clearAnswer } from "./steps.js";
import { clearState, linkToken, loadState, saveState, setLinkToken } from "./store.js";

// `signal` ends this page's listeners on the next page (Material's instant navigation).
export function initChecker(box, signal) {
  const view = createView(box, signal);
  const form = view.form;
  const listen = (target, type, handler) => target.addEventListener(type, handler, { signal });
  keepExclusive(form, signal);
  const saved = loadState();
  let state = initial({
    ...view.layout(),
    levels: (box.dataset.rgLevels || "").split(" "),
    // The step comes from this history entry (a reload or Forward keeps it), else step one.
    restored: { step: history.state?.rgStep ?? 0, reloadedFor: saved.state?.resume?.reloadedFor },
    ready: runtimeReady(),
    saveData: Boolean(navigator.connection?.saveData),
  });
  // The entry the page opened on is a step too: Back to it shows that step.
  history.replaceState({ ...history.state, rgStep: state.step }, "");

  const dispatch = (event) => {
    const next = transition(state, event);
    state = next.state;
    view.render(screen(state));
    for (const effect of next.effects) effects[effect.do](effect);
  };
  const answers = () => readAnswers(form).answers;
  const signs = () => dispatch({ type: "signs", sign: view.tickedSign() });
  // A question to Python; its reply, or its failure, goes back to the machine with the job's id.
  const ask = (id, request) =>
    getRuntime()
      .call(request)
      .then(
        (response) => dispatch({ type: "reply", id, request, response, now: answers() }),
        (error) => dispatch({ type: "reply", id, failed: error.message })
      );

  const effects = {
    "start-runtime": () => getRuntime(),
    "restart-runtime": () => restartRuntime(),
    decode: ({ id, token }) => ask(id, { op: "decode", token }),
    check: ({ id, answers: stored }) => ask(id, { op: "check", answers: stored }),
    // The form as it is now; a box the browser cannot read as a number is refused here, at its
    // question, as decision refuses one.
    plan: ({ id }) => {
      const { answers: given, problems } = readAnswers(form);
      if (!problems.length) return ask(id, { op: "plan", answers: given });
      dispatch({ type: "reply", id, response: { ok: false, field: problems[0].field, error: problems[0].error } });
    },
    "write-answers": ({ answers: given }) => {
      writeAnswers(form, given);
      signs();
    },
    save: ({ kept }) => saveState(kept),
    "clear-saved": () => clearState(),
    "set-link": ({ token }) => setLinkToken(token),
    "push-step": ({ step }) => history.pushState({ ...history.state, rgStep: step }, ""),
    "history-back": () => history.back(),
    "mark-plan-entry": () => history.replaceState({ ...history.state, rgPlan: true }, ""),
    focus: (effect) => view.focus(effect),
    // Another build is on the server: reload into it, with the answers, step and request kept.
    reload: ({ keep, answers: stored }) => {
      saveState({ answers: stored ?? answers(), resume: keep });
      history.replaceState({ ...history.state, rgStep: keep.step }, "");
      location.reload();
    },
  };

  listen(form, "submit", (event) => {
    event.preventDefault();
    const button = event.submitter;
    dispatch({ type: "submit", from: view.stepOf(button), button: view.buttonOf(button), ...view.lacks() });
  });
  listen(form, "input", (event) => dispatch({ type: "input", question: view.questionOf(event.target) }));
  listen(form, "change", (event) => {
    if (view.inStepOne(event.target)) signs();
    dispatch({ type: "changed", question: view.questionOf(event.target), answers: answers() });
  });
  const actions = {
    continue: () => dispatch({ type: "continue", ...view.lacks() }),
    clear: (target) => clearAnswer(target),
    reload: () => location.reload(),
    share: () => dispatch({ type: "request", kind: "share" }),
    "copy-link": () => view.copyLink(),
    "copy-summary": () => view.copySummary(),
    "print-summary": () => view.print(),
  };
  listen(box, "click", (event) => {
    const target = event.target.closest("[data-rg-action]");
    const name = target?.dataset.rgAction;
    // back, answer-more, see-card, retry, forget, undo: machine events of the same name.
    if (actions[name]) actions[name](target);
    else if (["back", "answer-more", "see-card", "retry", "forget", "undo"].includes(name)) dispatch({ type: name });
  });

  listen(runtimeEvents, "progress", ({ detail }) => dispatch({ type: "progress", detail }));
  listen(runtimeEvents, "ready", () => dispatch({ type: "ready" }));
  listen(runtimeEvents, "failed", ({ detail }) => dispatch({ type: "failed", reason: detail.reason }));
  listen(runtimeEvents, "outdated", ({ detail }) => dispatch({ type: "outdated", build: detail.build }));
  listen(window, "popstate", (event) => {
    if (typeof event.state?.rgStep === "number") dispatch({ type: "history", step: event.state.rgStep });
  });
  // A link opened while this page is showing changes only the fragment: no reload.
  listen(window, "hashchange", () => dispatch({ type: "link", token: linkToken() }));
  whenReaderTurns(form, signal, () => dispatch({ type: "turned" }));

  // Boxes ticked before this script ran (their cards already showed by CSS) count too; then a
  // share link, else what this tab saved.
  signs();
  dispatch({ type: "open", link: linkToken(), saved, planEntry: Boolean(history.state?.rgPlan) });
}
