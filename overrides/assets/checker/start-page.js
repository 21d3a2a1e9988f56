// The start page's checker: the steps, the early warning card, "Show my plan" (queued until
// Python is ready), the plan brought to where the reader looks, updates when an answer changes,
// share, copy, print, and forget with undo. The plan itself always comes from decision in the
// worker; the words of every failure are the build's (checker_html), filled in here.
import { make, reveal, sentence } from "./dom.js";
import { clearFieldErrors, keepExclusive, markField, readAnswers, writeAnswers } from "./form.js";
import { createPlanView } from "./plan-view.js";
import { getRuntime, restartRuntime, runtimeEvents, runtimeReady } from "./runtime.js";
import { buttonWaiting, clearAnswer, createSteps } from "./steps.js";
import { clearState, linkToken, loadState, saveState, setLinkToken, shareURL } from "./store.js";

// `signal` ends this page's listeners on the next page (Material's instant navigation).
export function initChecker(box, signal) {
  box.dataset.rgStarted = "true";
  const part = (name) => box.querySelector(`[data-rg="${name}"]`);
  const form = part("form");
  const status = part("status");
  const statusText = part("status-text");
  const progress = part("progress");
  const announcer = part("announce");
  const errorBox = part("error");
  const share = part("share");
  const forgotten = part("forgotten");
  const view = createPlanView(box);
  const steps = createSteps(box);
  let current = null; // the answers, plan and share token on show
  let undo = null; // what "Forget my answers" forgot, until the reader answers anew

  part("nojs").hidden = true;
  keepExclusive(form, signal);
  box.querySelectorAll("input, button, select").forEach((control) => {
    control.disabled = false;
  });
  box.querySelectorAll('[data-rg="nav"]').forEach((nav) => {
    nav.hidden = false;
  });

  // Status and errors -------------------------------------------------------------
  // The line and the bar change as bytes arrive, in no live region; a screen reader hears the
  // few moments that matter (start, halfway, ready), from the announcer, and a failure from
  // the error box (role=alert).
  const say = (text, done, total) => {
    status.hidden = false;
    statusText.textContent = text;
    progress.hidden = done === undefined;
    if (done !== undefined) {
      progress.max = total || 1;
      progress.value = Math.min(done, total || 1);
    }
  };
  let announced = "";
  const announce = (moment, text) => {
    if (announced.includes(moment)) return;
    announced += ` ${moment}`;
    announcer.textContent = text;
  };

  // A message from the build's words (a <template>), with what went wrong under "Details".
  const showProblem = (template, detail) => {
    errorBox.replaceChildren(part(template).content.cloneNode(true));
    const text = sentence(String(detail));
    errorBox.querySelector('[data-rg="detail"]').textContent = /[.!?]["”)]?$/.test(text) ? text : `${text}.`;
    errorBox.hidden = false;
  };
  const showError = (title, message, field) => {
    errorBox.replaceChildren(make("p", "rg-error__title", title), make("p", "rg-error__text", message));
    if (field) {
      const link = make("a", "rg-error__link", "Go to the question");
      link.href = `#${field.id}`;
      link.addEventListener("click", (event) => {
        event.preventDefault();
        field.focus();
      });
      const line = make("p");
      line.append(link);
      errorBox.append(line);
    }
    errorBox.hidden = false;
  };
  const hideError = () => {
    errorBox.hidden = true;
    errorBox.replaceChildren();
  };

  // Megabytes on the wire, as the worker counts them ("about" while some are the build's
  // estimate of what this host sends), then what Python is doing.
  const megabytes = (bytes) => (bytes / 1e6).toFixed(1);
  const onProgress = ({ detail }) => {
    const { received = 0, total = 0, exact = true } = detail;
    if (total && received < total) {
      const of = `${exact ? "" : "about "}${megabytes(total)} MB`;
      say(`Loading the checker: ${megabytes(received)} of ${of} downloaded…`, received, total);
      announce("start", `Loading the checker: ${of}. You can answer while it loads.`);
      if (received >= total / 2) announce("half", "The checker is half loaded.");
    } else {
      say(`Loading the checker (step ${detail.step} of ${detail.of}): ${detail.label}…`, detail.step, detail.of);
    }
  };
  const onReady = () => {
    say("The checker is ready. Your answers stay in this browser.");
    announce("ready", "The checker is ready.");
  };
  // An error hides any plan on show: advice for answers that could not be read is stale.
  const dropPlan = () => {
    view.hide();
    steps.planShown(null);
  };
  const showFailure = (reason) => {
    status.hidden = true;
    dropPlan();
    showProblem("failed", `What went wrong: ${reason}`);
  };
  runtimeEvents.addEventListener("progress", onProgress, { signal });
  runtimeEvents.addEventListener("ready", onReady, { signal });
  runtimeEvents.addEventListener("failed", ({ detail }) => showFailure(detail.reason), { signal });

  // A question's problem: shown at the question, on its step, with the focus on it.
  const showFieldError = (id, message) => {
    dropPlan();
    const question = form.querySelector(`[data-question="${CSS.escape(id || "")}"]`);
    if (question) steps.show(Number(question.closest("[data-rg-step]").dataset.rgStep) - 1);
    const field = id ? markField(form, id, message) : null;
    showError("Check your answer", message, field);
    field?.focus();
  };

  // Empty form, no plan, nothing stored, no answers in the address.
  function startOver() {
    clearState();
    current = null;
    form.reset();
    clearFieldErrors(form);
    hideError();
    view.hide();
    steps.planShown(null);
    steps.show(0);
    if (linkToken() !== null) setLinkToken(null);
  }

  function unreadable(reason) {
    startOver();
    showProblem("unreadable", reason);
  }

  // Ask Python for the plan of these answers; null (and the failure on screen) if it cannot.
  const askPlan = (answers) =>
    getRuntime()
      .call({ op: "plan", answers })
      .catch((error) => {
        showFailure(error.message);
        return null;
      });

  // aria-busy while Python works: assistive tech waits, and tests know when the page is done.
  let busy = 0;
  async function whileBusy(work) {
    busy += 1;
    box.setAttribute("aria-busy", "true");
    try {
      return await work();
    } finally {
      busy -= 1;
      if (!busy) box.removeAttribute("aria-busy");
    }
  }

  const showPlan = (options) => whileBusy(() => planForForm(options));

  async function planForForm({ fromSaved = false } = {}) {
    clearFieldErrors(form);
    hideError();
    const { answers, problems } = readAnswers(form);
    if (problems.length) {
      showFieldError(problems[0].field, problems[0].error);
      return null;
    }
    if (!fromSaved && status.hidden && !runtimeReady()) say("Loading the checker…", 0, 1);
    const response = await askPlan(answers);
    if (!response) return null;
    if (!response.ok) {
      if (fromSaved) unreadable(response.error);
      else showFieldError(response.field, response.error);
      return null;
    }
    current = { answers, plan: response.plan, share: response.share };
    saveState(current);
    if (linkToken() !== null) setLinkToken(response.share);
    await view.render(response.plan, response.more);
    steps.planShown(response.plan.triage);
    return current;
  }

  // The plan where the reader looks: its card on screen, with the focus on it.
  const lookAtPlan = () => reveal(view.card(), { focus: true });

  // A press of "Show my plan" (or "Show my plan now"). A press before Python is ready waits in
  // the queue, and its button says so. Enter in a box of an earlier step means Continue.
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = event.submitter;
    if (!steps.current().contains(button) && !steps.isLast()) {
      goOn();
      return;
    }
    const waiting = button && !runtimeReady() ? buttonWaiting(button) : null;
    const onStep = ({ detail }) => waiting?.progress(detail);
    runtimeEvents.addEventListener("progress", onStep);
    try {
      if (await showPlan()) lookAtPlan();
    } finally {
      runtimeEvents.removeEventListener("progress", onStep);
      waiting?.done();
    }
  });

  // Continue: a box of this step the browser cannot read as a number is shown here, before
  // the reader moves on (decision's own checks come with the plan, at their question).
  function goOn() {
    const here = readAnswers(form).problems.find((problem) =>
      steps.current().querySelector(`[data-question="${CSS.escape(problem.field)}"]`)
    );
    if (here) {
      showFieldError(here.field, here.error);
      return;
    }
    const question = steps.next();
    if (question) showFieldError(question.dataset.question, question.dataset.rgRequired);
    else if (!errorBox.hidden && errorBox.querySelector(".rg-error__link")) hideError();
  }

  // Once a plan is on show, changing an answer updates it in place; an answer after "Forget"
  // means the forgotten ones stay forgotten.
  form.addEventListener("change", () => {
    undo = null;
    forgotten.hidden = true;
    if (!part("results").hidden) showPlan();
  });

  const copy = async (text, note, select) => {
    try {
      await navigator.clipboard.writeText(text);
      note.textContent = "Copied.";
    } catch {
      select?.();
      note.textContent = "This browser did not let the page copy. Select the text and copy it yourself.";
    }
  };

  const actions = {
    continue: goOn,
    back: () => steps.back(),
    clear: (target) => clearAnswer(target),
    "answer-more": () => steps.showGroup(view.moreGroups()[0]),
    retry: () => {
      hideError();
      restartRuntime();
      // A share link that could not be read while the runtime failed is read now.
      const token = linkToken();
      if (token !== null && token !== current?.share) openLink(token);
    },
    forget: () => {
      undo = current && { ...current, step: steps.current() };
      startOver();
      status.hidden = true;
      forgotten.hidden = false;
      part("undo").hidden = !undo;
      forgotten.focus();
    },
    undo: () => {
      if (!undo) return;
      const { answers, step } = undo;
      undo = null;
      forgotten.hidden = true;
      writeAnswers(form, answers);
      steps.update();
      steps.show(Number(step.dataset.rgStep) - 1);
      showPlan().then((shown) => shown && lookAtPlan());
    },
    share: async () => {
      const shown = await showPlan();
      if (!shown) return;
      part("share-link").value = shareURL(shown.share);
      part("share-note").textContent = "";
      share.hidden = false;
      part("share-link").focus();
      part("share-link").select();
    },
    "copy-link": () => {
      const input = part("share-link");
      copy(input.value, part("share-note"), () => input.select());
    },
    "copy-summary": () => copy(view.summaryText(), part("summary-note")),
    "print-summary": () => {
      document.documentElement.classList.add("rg-print-summary");
      window.print();
    },
  };
  box.addEventListener("click", (event) => {
    const target = event.target.closest("[data-rg-action]");
    const action = actions[target?.dataset.rgAction];
    if (action) action(target);
  });
  window.addEventListener("afterprint", () => document.documentElement.classList.remove("rg-print-summary"), {
    signal,
  });

  // Start Python when the reader turns to the checker: the first touch of the form, or the
  // reader scrolling it into view. Never on page load alone: a reader who came to read
  // downloads none of the runtime's megabytes. When the browser asks to save data (Save-Data),
  // nothing starts until the reader asks for a plan.
  if (!navigator.connection?.saveData) {
    const start = () => getRuntime();
    form.addEventListener("focusin", start, { once: true, signal });
    form.addEventListener("pointerdown", start, { once: true, signal });
    if ("IntersectionObserver" in window) {
      const whenIdle = (fn) => ("requestIdleCallback" in window ? requestIdleCallback(fn, { timeout: 2000 }) : setTimeout(fn, 200));
      const watcher = new IntersectionObserver((entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        watcher.disconnect();
        whenIdle(start);
      });
      // Watched only once the reader scrolls: a form already on screen at load waits for a touch.
      window.addEventListener("scroll", () => watcher.observe(form), { once: true, passive: true, signal });
      signal.addEventListener("abort", () => watcher.disconnect());
    }
  }

  // Restore: a share link first, else what this tab remembers ---------------------------
  // A link opens at its plan: the card on screen and focused, as if the reader had pressed.
  const openLink = (token) => {
    say("Reading the answers in your link…");
    hideError();
    whileBusy(async () => {
      const response = await getRuntime().call({ op: "decode", token });
      if (!response.ok) return unreadable(response.error);
      writeAnswers(form, response.answers);
      steps.update();
      steps.show(0);
      return (await planForForm()) && lookAtPlan();
    }).catch((error) => showFailure(error.message));
  };
  // A link opened while this page is showing changes only the fragment: no reload.
  window.addEventListener(
    "hashchange",
    () => {
      const token = linkToken();
      if (token !== null && token !== current?.share) openLink(token);
    },
    { signal }
  );
  const token = linkToken();
  if (token !== null) {
    openLink(token);
    return;
  }
  // Boxes ticked before this script ran (their cards already showed by CSS) count too.
  steps.update();
  const { state, stale, error } = loadState();
  if (error) {
    unreadable(`${error}.`);
  } else if (state) {
    // The saved plan shows at once (it is only shown, never trusted as answers); the saved
    // answers reach the form only once decision has checked them. A question the reader
    // answers meanwhile keeps the reader's answer: a late restore must not undo it.
    const touched = new Set();
    const touch = (event) => {
      const question = event.target.closest("[data-question]");
      if (question) touched.add(question.dataset.question);
    };
    form.addEventListener("input", touch, { signal });
    form.addEventListener("change", touch, { signal });
    // A plan made for an earlier build's sections is not shown: the answers get a new one.
    if (state.plan && !stale) view.render(state.plan).then(() => steps.planShown(state.plan.triage));
    whileBusy(async () => {
      const response = await getRuntime().call({ op: "check", answers: state.answers });
      if (!response.ok) return unreadable(response.error);
      const now = readAnswers(form).answers;
      const answers = Object.fromEntries(Object.entries(response.answers).filter(([id]) => !touched.has(id)));
      for (const id of touched) if (now[id] !== undefined) answers[id] = now[id];
      writeAnswers(form, answers);
      steps.update();
      return planForForm({ fromSaved: true }); // and the plan comes again from the rules
    }).catch((error) => showFailure(error.message));
  }
}
