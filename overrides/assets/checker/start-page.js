// The start page's checker: wiring. The reader's state (the step, the ticked warning signs, a
// request waiting for Python, the runtime's phase, the plan's level, a deploy since the page
// opened) is the machine's (checker-machine.js): page events go in as machine events, and the
// effects it returns are carried out here; `render` draws its screen. The plan itself always
// comes from decision in the worker; the words of every failure are the build's
// (checker_html), filled in here.
import { initial, screen, transition } from "./checker-machine.js";
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
  let waiting = null; // the pressed button's "Starting the checker…", while it waits

  part("nojs").hidden = true;
  keepExclusive(form, signal);
  box.querySelectorAll("input, button, select").forEach((control) => {
    control.disabled = false;
  });
  box.querySelectorAll('[data-rg="nav"]').forEach((nav) => {
    nav.hidden = false;
  });

  // The machine ------------------------------------------------------------------------
  const saved = loadState();
  const resume = saved.state?.resume || {};
  let state = initial({
    steps: steps.count,
    levels: (box.dataset.rgLevels || "").split(" "),
    // The step comes from this history entry (a reload or Forward keeps it), else step one.
    restored: { step: history.state?.rgStep ?? 0, reloadedFor: resume.reloadedFor },
  });
  if (runtimeReady()) state = transition(state, { type: "runtime", phase: "ready" }).state;
  // The entry the page opened on is a step too: Back to it shows that step.
  history.replaceState({ ...history.state, rgStep: state.step }, "");

  const dispatch = (event) => {
    const { state: next, effects } = transition(state, event);
    state = next;
    render();
    for (const effect of effects) run(effect);
  };
  // The ticked warning signs as they are now (their card under the list): the machine's "signs".
  const signsChanged = () => dispatch({ type: "signs", sign: steps.update() });

  // The screen of the machine's state; the only writer of the bar, the early card's and the
  // step's visibility, and of Continue's weight on step one.
  const bars = [...box.querySelectorAll("[data-rg-bar]")];
  const stepOne = box.querySelector("[data-rg-step]");
  const continueButton = stepOne.querySelector('[data-rg-action="continue"]');
  const continueLabel = continueButton?.textContent;
  function render() {
    const shown = screen(state);
    if (steps.at() !== shown.step) steps.show(shown.step);
    steps.setEarly(shown.earlyCard);
    for (const bar of bars) bar.hidden = bar.dataset.rgBar !== shown.bar?.card;
    document.documentElement.classList.toggle("rg-has-bar", Boolean(shown.bar));
    if (continueButton) {
      continueButton.textContent = shown.continueSecondary ? "Continue to the other questions" : continueLabel;
      continueButton.classList.toggle("rg-button--primary", !shown.continueSecondary);
      continueButton.classList.toggle("rg-button--link", shown.continueSecondary);
    }
  }

  const effects = {
    "start-runtime": () => getRuntime(),
    "restart-runtime": () => restartRuntime(),
    ask: ({ kind }) => (kind === "share" ? openShare() : pressPlan()),
    "field-error": ({ question }) => {
      const field = form.querySelector(`[data-question="${CSS.escape(question)}"]`);
      showFieldError(question, field?.dataset.rgRequired || "Check this answer.");
    },
    "push-step": ({ step }) => {
      if (history.state?.rgStep !== step) history.pushState({ ...history.state, rgStep: step }, "");
    },
    "history-back": () => history.back(),
    "focus-step": () => reveal(steps.current().querySelector("legend"), { focus: true, jump: true }),
    // Another build is on the server: reload into it, with the answers, step and request kept.
    reload: ({ keep }) => {
      saveState({ answers: readAnswers(form).answers, resume: keep });
      history.replaceState({ ...history.state, rgStep: keep.step }, "");
      location.reload();
    },
    "show-outdated": () => {
      finishWaiting();
      status.hidden = true;
      showProblem("outdated", "This page and the site on the web server are from different versions.");
    },
  };
  const run = (effect) => effects[effect.do](effect);

  window.addEventListener("popstate", (event) => {
    if (typeof event.state?.rgStep === "number") dispatch({ type: "history", step: event.state.rgStep });
  }, { signal });

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
      const counted = detail.of ? ` (step ${detail.step} of ${detail.of})` : "";
      say(`Loading the checker${counted}: ${detail.label}…`, detail.step, detail.of || 1);
    }
    waiting?.progress(detail);
  };
  const onReady = () => {
    say("The checker is ready. Your answers stay in this browser.");
    announce("ready", "The checker is ready.");
  };
  // An error hides any plan on show: advice for answers that could not be read is stale.
  const dropPlan = (forget = false) => {
    view.hide();
    dispatch({ type: "drop", forget });
  };
  const finishWaiting = () => {
    waiting?.done();
    waiting = null;
  };
  const showFailure = (reason) => {
    finishWaiting();
    status.hidden = true;
    dropPlan();
    showProblem("failed", `What went wrong: ${reason}`);
  };
  runtimeEvents.addEventListener("progress", (event) => {
    if (state.runtime === "idle") dispatch({ type: "runtime", phase: "loading" });
    onProgress(event);
  }, { signal });
  runtimeEvents.addEventListener("ready", () => {
    onReady();
    dispatch({ type: "runtime", phase: "ready" });
  }, { signal });
  runtimeEvents.addEventListener("failed", ({ detail }) => {
    showFailure(detail.reason);
    dispatch({ type: "runtime", phase: "failed" });
  }, { signal });
  runtimeEvents.addEventListener("outdated", ({ detail }) => dispatch({ type: "runtime", phase: "outdated", build: detail.build }), { signal });

  // A question's problem: shown at the question, on its step, with the focus on it.
  const showFieldError = (id, message) => {
    dropPlan();
    const question = form.querySelector(`[data-question="${CSS.escape(id || "")}"]`);
    if (question) {
      const index = Number(question.closest("[data-rg-step]").dataset.rgStep) - 1;
      if (index !== state.step) dispatch({ type: "goto", step: index });
    }
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
    signsChanged();
    dispatch({ type: "drop", forget: true });
    dispatch({ type: "goto", step: 0 });
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
    // The level of the card the page could show (its own card for the plan's level if this
    // page has no card of that name): the early card stays until one at least as urgent is.
    const level = await view.render(response.plan, response.more);
    dispatch({ type: "reply", level });
    // This history entry has a plan on show: a return to it (Back from a topic) lands there.
    history.replaceState({ ...history.state, rgPlan: true }, "");
    return current;
  }

  // The plan where the reader looks: its card on screen, with the focus on it.
  const lookAtPlan = () => reveal(view.card(), { focus: true });

  // What a request asks for, once Python is ready (the machine's "ask").
  const pressPlan = () =>
    showPlan().then((shown) => {
      finishWaiting();
      if (shown) lookAtPlan();
      else dispatch({ type: "reply", level: null });
    });
  const openShare = async () => {
    const shown = await showPlan();
    finishWaiting();
    if (!shown) return dispatch({ type: "reply", level: null });
    part("share-link").value = shareURL(shown.share);
    part("share-note").textContent = "";
    share.hidden = false;
    part("share-link").focus();
    part("share-link").select();
  };

  // A press of "Show my plan" (or "Show my plan now"). A press before Python is ready waits
  // (the machine keeps the request, through a failed start and "Try again" too), and its button
  // says so. Enter in a box of an earlier step means Continue.
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const button = event.submitter;
    if (!steps.current().contains(button) && !steps.isLast()) {
      goOn();
      return;
    }
    if (button && !runtimeReady() && !waiting) waiting = buttonWaiting(button);
    dispatch({ type: "request", kind: "plan" });
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
    const question = steps.missingHere();
    dispatch({ type: "continue", missing: question ? question.dataset.question : null });
    if (!question && !errorBox.hidden && errorBox.querySelector(".rg-error__link")) hideError();
  }

  // A tick among the warning signs: its card under the list (heard once, in a live region),
  // and the machine's bar with its advice at the foot of the screen; the page does not jump.
  form.addEventListener("change", (event) => {
    if (event.target.closest?.("[data-rg-step]") === stepOne) {
      signsChanged();
    }
  });

  // Once a plan is on show, changing an answer updates it in place; an answer after "Forget"
  // means the forgotten ones stay forgotten. Every answer is kept in this tab as it is given,
  // so a reload or a return keeps it.
  form.addEventListener("change", () => {
    undo = null;
    forgotten.hidden = true;
    if (!part("results").hidden) showPlan();
    else saveState({ answers: readAnswers(form).answers, ...(current ? { plan: current.plan, share: current.share } : {}) });
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
    back: () => dispatch({ type: "back" }),
    clear: (target) => clearAnswer(target),
    "answer-more": () => dispatch({ type: "goto", step: steps.indexOf(view.moreGroups()[0]), focus: true }),
    // The bar's "What to do": the card itself, the plan's if one is on show, else step one's.
    "see-card": () => {
      if (view.card()) return reveal(view.card(), { focus: true });
      dispatch({ type: "goto", step: 0 });
      const card = steps.early();
      if (card) {
        card.tabIndex = -1;
        reveal(card, { focus: true });
      }
    },
    retry: () => {
      hideError();
      dispatch({ type: "retry" });
      // A share link that could not be read while the runtime failed is read now.
      const token = linkToken();
      if (token !== null && token !== current?.share) openLink(token);
    },
    reload: () => location.reload(),
    forget: () => {
      undo = current && { ...current, step: state.step };
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
      signsChanged();
      dispatch({ type: "goto", step });
      showPlan().then((shown) => shown && lookAtPlan());
    },
    share: () => dispatch({ type: "request", kind: "share" }),
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
  signal.addEventListener("abort", () => document.documentElement.classList.remove("rg-has-bar"));

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
      signsChanged();
      dispatch({ type: "goto", step: 0 });
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
  // Boxes ticked before this script ran (their cards already showed by CSS) count too.
  signsChanged();
  const token = linkToken();
  if (token !== null) {
    openLink(token);
    return;
  }
  const { state: stored, stale, error } = saved;
  if (error) {
    unreadable(`${error}.`);
  } else if (stored) {
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
    if (stored.plan && !stale) {
      view.render(stored.plan).then((level) => {
        dispatch({ type: "reply", level });
        // Back from a topic the plan linked to: the plan where the reader left it.
        if (history.state?.rgPlan) reveal(view.card(), { focus: true, jump: true });
      });
    }
    whileBusy(async () => {
      const response = await getRuntime().call({ op: "check", answers: stored.answers });
      if (!response.ok) return unreadable(response.error);
      const now = readAnswers(form).answers;
      const answers = Object.fromEntries(Object.entries(response.answers).filter(([id]) => !touched.has(id)));
      for (const id of touched) if (now[id] !== undefined) answers[id] = now[id];
      writeAnswers(form, answers);
      signsChanged();
      // A reload into a new build carries on with what the reader had asked for.
      if (resume.request) {
        saveState({ answers });
        return dispatch({ type: "request", kind: resume.request });
      }
      // The plan comes again from the rules, if there was one; answers alone just come back.
      if (stored.plan) return planForForm({ fromSaved: true });
      saveState({ answers });
      return null;
    }).catch((error) => showFailure(error.message));
  }
}
