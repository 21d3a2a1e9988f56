// The start page's checker: the steps, the early warning card, "Show my plan" (queued until
// Python is ready), the plan next to where the reader pressed, updates when an answer changes,
// share, copy, print and forget. The plan itself always comes from decision in the worker.
import { make, sentence } from "./dom.js";
import { clearFieldErrors, keepExclusive, markField, readAnswers, writeAnswers } from "./form.js";
import { createPlanView } from "./plan-view.js";
import { getRuntime, restartRuntime, runtimeEvents, runtimeReady } from "./runtime.js";
import { buttonWaiting, createSteps } from "./steps.js";
import { UNREADABLE, clearState, linkToken, loadState, saveState, setLinkToken, shareURL } from "./store.js";

// `signal` ends this page's listeners on the next page (Material's instant navigation).
export function initChecker(box, signal) {
  box.dataset.rgStarted = "true";
  const part = (name) => box.querySelector(`[data-rg="${name}"]`);
  const form = part("form");
  const status = part("status");
  const statusText = part("status-text");
  const progress = part("progress");
  const errorBox = part("error");
  const share = part("share");
  const view = createPlanView(box);
  const steps = createSteps(box);
  let current = null; // the answers, plan and share token on show

  part("nojs").hidden = true;
  keepExclusive(form, signal);
  form.querySelectorAll("input, button, select").forEach((control) => {
    control.disabled = false;
  });

  // Status and errors -------------------------------------------------------------
  // `done` of `total` fills the bar; without them, no bar.
  const say = (text, done, total) => {
    status.hidden = false;
    statusText.textContent = text;
    progress.hidden = done === undefined;
    if (done !== undefined) {
      progress.max = total || 1;
      progress.value = Math.min(done, total || 1);
    }
  };
  const showError = (title, message, { field = null, retry = false } = {}) => {
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
    if (retry) {
      const again = make("button", "rg-button", "Try again");
      again.type = "button";
      again.addEventListener("click", () => {
        errorBox.hidden = true;
        restartRuntime();
        // A share link that could not be read while the runtime failed is read now.
        const token = linkToken();
        if (token !== null && token !== current?.share) openLink(token);
      });
      errorBox.append(again);
    }
    errorBox.hidden = false;
  };
  const hideError = () => {
    errorBox.hidden = true;
    errorBox.replaceChildren();
  };

  // Bytes received of the total while the files download, then what Python is doing.
  const megabytes = (bytes) => (bytes / 1e6).toFixed(1);
  const onProgress = ({ detail }) => {
    const { received = 0, total = 0 } = detail;
    if (total && received < total) {
      say(`Loading the checker: ${megabytes(received)} of ${megabytes(total)} MB downloaded…`, received, total);
    } else {
      say(`Loading the checker (step ${detail.step} of ${detail.of}): ${detail.label}…`, detail.step, detail.of);
    }
  };
  const onReady = () => say("The checker is ready. Your answers stay in this browser.");
  // An error hides any plan on show: advice for answers that could not be read is stale.
  const dropPlan = () => {
    view.hide();
    steps.planShown(null);
  };
  const showFailure = (reason) => {
    status.hidden = true;
    dropPlan();
    showError(
      "The checker could not start",
      `What went wrong: ${reason}. Nothing is lost: all of the guidance is ` +
        "on this page and the other pages of this site. Use the menu to read it.",
      { retry: true }
    );
  };
  runtimeEvents.addEventListener("progress", onProgress, { signal });
  runtimeEvents.addEventListener("ready", onReady, { signal });
  runtimeEvents.addEventListener("failed", ({ detail }) => showFailure(detail.reason), { signal });

  const showFieldError = (id, message) => {
    dropPlan();
    const field = id ? markField(form, id, message) : null;
    showError("Check your answer", message, { field });
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
    if (linkToken() !== null) setLinkToken(null);
  }

  function unreadable(reason) {
    startOver();
    showError(UNREADABLE, `${sentence(reason)} The form is empty, so you can answer again.`);
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
    await view.render(response.plan);
    steps.planShown(response.plan.triage);
    return current;
  }

  // "Show my plan": the plan goes under the step pressed in, and the page scrolls to it. A press
  // before Python is ready waits in the queue, and its button says so.
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (document.activeElement === part("share-link")) return;
    view.placeAfter(steps.stepOf(event));
    const button = event.submitter;
    const waiting = button && !runtimeReady() ? buttonWaiting(button) : null;
    const onStep = ({ detail }) => waiting?.progress(detail);
    runtimeEvents.addEventListener("progress", onStep);
    try {
      if (await showPlan()) view.scrollToPlan();
    } finally {
      runtimeEvents.removeEventListener("progress", onStep);
      waiting?.done();
    }
  });

  // Once a plan is on show, changing an answer updates it in place.
  form.addEventListener("change", () => {
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

  box.addEventListener("click", async (event) => {
    const action = event.target.closest("[data-rg-action]")?.dataset.rgAction;
    if (action === "forget") {
      startOver();
      view.placeAfter(null);
      say("Your answers are forgotten. Nothing about them is kept in this browser.");
    } else if (action === "share") {
      view.placeAfter(null);
      const shown = await showPlan();
      if (!shown) return;
      part("share-link").value = shareURL(shown.share);
      part("share-note").textContent = "";
      share.hidden = false;
      part("share-link").focus();
      part("share-link").select();
    } else if (action === "copy-link") {
      const input = part("share-link");
      copy(input.value, part("share-note"), () => input.select());
    } else if (action === "copy-summary") {
      copy(part("summary-text").textContent, part("summary-note"));
    } else if (action === "print-summary") {
      document.documentElement.classList.add("rg-print-summary");
      window.print();
    }
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
  const openLink = (token) => {
    say("Reading the answers in your link…");
    hideError();
    whileBusy(async () => {
      const response = await getRuntime().call({ op: "decode", token });
      if (!response.ok) return unreadable(response.error);
      writeAnswers(form, response.answers);
      steps.update();
      return planForForm();
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
