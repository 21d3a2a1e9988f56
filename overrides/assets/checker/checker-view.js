// The start page's checker, drawn from the machine's screen (checker-machine.js `screen`): the
// only writer of what shows and hides, the status line, the error box, the announcer, the
// pressed button's words and aria-busy. It decides nothing: each part is redrawn when its piece
// of the screen changed. It also reads the form for the wiring (the ticked signs, what the step
// on show lacks), and moves the focus where an effect says.
import { make, reveal, sentence } from "./dom.js";
import { clearFieldErrors, markField, readAnswers } from "./form.js";
import { createPlanView } from "./plan-view.js";
import { createSteps } from "./steps.js";
import { shareURL } from "./store.js";

export function createView(box, signal) {
  const part = (name) => box.querySelector(`[data-rg="${name}"]`);
  const form = part("form");
  const [status, statusText, progress, announcer, errorBox] = ["status", "status-text", "progress", "announce", "error"].map(part);
  const [share, shareLink, forgotten] = ["share", "share-link", "forgotten"].map(part);
  const plan = createPlanView(box);
  const steps = createSteps(box);
  const stepOf = (element) => Number(element?.closest("[data-rg-step]")?.dataset.rgStep) - 1;
  const questionOf = (element) => element?.closest?.("[data-question]")?.dataset.question || null;
  const submits = [...form.querySelectorAll("button[type=submit]")];
  const labels = submits.map((button) => button.textContent);
  const bars = [...box.querySelectorAll("[data-rg-bar]")];
  const continueButton = box.querySelector('[data-rg-step] [data-rg-action="continue"]');
  const continueLabel = continueButton?.textContent;
  let drawn = {}; // the screen last drawn
  let drawing = 0; // plans still waiting for the section list (their topics)
  let planDrawn = Promise.resolve(); // the last plan drawn whole

  // What works only with JavaScript: the steps' buttons, and no "needs JavaScript" note.
  box.dataset.rgStarted = "true";
  part("nojs").hidden = true;
  box.querySelectorAll("input, button, select").forEach((control) => (control.disabled = false));
  box.querySelectorAll('[data-rg="nav"]').forEach((nav) => (nav.hidden = false));
  window.addEventListener("afterprint", () => document.documentElement.classList.remove("rg-print-summary"), { signal });
  signal.addEventListener("abort", () => document.documentElement.classList.remove("rg-has-bar"));

  const busy = () => (drawn.busy || drawing > 0 ? box.setAttribute("aria-busy", "true") : box.removeAttribute("aria-busy"));

  // A message from the build's words (a <template>), with what went wrong under "Details"; or a
  // question's problem, marked at the question, with a link to it.
  function drawProblem(problem) {
    clearFieldErrors(form);
    errorBox.hidden = !problem;
    if (!problem) return errorBox.replaceChildren();
    if (problem.kind !== "field") {
      errorBox.replaceChildren(part(problem.kind).content.cloneNode(true));
      const text = sentence(String(problem.detail));
      errorBox.querySelector('[data-rg="detail"]').textContent = /[.!?]["”)]?$/.test(text) ? text : `${text}.`;
      return;
    }
    errorBox.replaceChildren(make("p", "rg-error__title", "Check your answer"), make("p", "rg-error__text", problem.message));
    const field = problem.question ? markField(form, problem.question, problem.message) : null;
    if (field) {
      const link = make("a", "rg-error__link", "Go to the question");
      link.href = `#${field.id}`;
      link.addEventListener("click", (event) => {
        event.preventDefault();
        field.focus();
      });
      errorBox.append(make("p"));
      errorBox.lastChild.append(link);
    }
  }

  function drawStatus(line) {
    status.hidden = !line;
    if (!line) return;
    statusText.textContent = line.text;
    progress.hidden = line.done === undefined;
    if (line.done !== undefined) {
      progress.max = line.total || 1;
      progress.value = Math.min(line.done, line.total || 1);
    }
  }

  function render(shown) {
    const changed = (key) => shown[key] !== drawn[key];
    box.dataset.rgPhase = shown.phase;
    if (steps.at() !== shown.step) steps.show(shown.step);
    steps.setEarly(shown.earlyCard);
    for (const bar of bars) bar.hidden = bar.dataset.rgBar !== shown.bar?.card;
    document.documentElement.classList.toggle("rg-has-bar", Boolean(shown.bar));
    if (continueButton) {
      const words = shown.continueSecondary ? "Continue to the other questions" : continueLabel;
      if (continueButton.textContent !== words) continueButton.textContent = words;
      continueButton.classList.toggle("rg-button--primary", !shown.continueSecondary);
      continueButton.classList.toggle("rg-button--link", shown.continueSecondary);
    }
    submits.forEach((button, index) => {
      const pressed = shown.pressed?.button === index;
      const text = pressed ? shown.pressed.text : labels[index];
      if (button.textContent !== text) button.textContent = text;
      if (pressed) button.setAttribute("aria-busy", "true");
      else button.removeAttribute("aria-busy");
    });
    if (changed("status")) drawStatus(shown.status);
    // The line and the bar change as bytes arrive, in no live region; a screen reader hears
    // the few moments that matter from the announcer, and a failure from the error box.
    if (changed("announcement")) announcer.textContent = shown.announcement;
    if (changed("problem")) drawProblem(shown.problem);
    if (changed("plan")) {
      if (!shown.plan) plan.hide();
      else {
        drawing += 1;
        planDrawn = plan.render(shown.plan.plan, shown.plan.more).finally(() => {
          drawing -= 1;
          busy();
        });
      }
    }
    if (changed("share")) {
      share.hidden = !shown.share;
      if (shown.share) {
        shareLink.value = shareURL(shown.share);
        part("share-note").textContent = "";
      }
    }
    forgotten.hidden = !shown.forgotten;
    part("undo").hidden = !shown.forgotten?.undo;
    drawn = shown;
    busy();
  }

  // Where the reader looks next (the machine's "focus" effects).
  const places = {
    // Once the plan is drawn whole (its topics too): its card on screen, with the focus.
    plan: ({ jump }) => planDrawn.then(() => reveal(plan.card(), { focus: true, jump })),
    step: () => reveal(steps.current().querySelector("legend"), { focus: true, jump: true }),
    early: () => {
      const card = steps.early();
      if (card) card.tabIndex = -1;
      reveal(card, { focus: true });
    },
    field: ({ question }) => {
      const field = question && form.querySelector(`[data-question="${CSS.escape(question)}"]`);
      (field?.querySelector("input:checked") || field?.querySelector("input"))?.focus();
    },
    share: () => {
      shareLink.focus();
      shareLink.select();
    },
    forgotten: () => forgotten.focus(),
  };

  const copy = async (text, note, select) => {
    try {
      await navigator.clipboard.writeText(text);
      note.textContent = "Copied.";
    } catch {
      select?.();
      note.textContent = "This browser did not let the page copy. Select the text and copy it yourself.";
    }
  };

  return {
    form,
    render,
    focus: (effect) => places[effect.on](effect),
    // The form's shape, for the machine: its steps, and the step of each question and group.
    layout() {
      const index = (selector, key) =>
        Object.fromEntries([...box.querySelectorAll(selector)].map((element) => [element.dataset[key], stepOf(element)]));
      return { steps: steps.count, questions: index("[data-question]", "question"), groups: index("[data-rg-step]", "rgGroup") };
    },
    // The ticked warning signs: their card under the list, and the most urgent one's {card, level}.
    tickedSign: () => steps.update(),
    inStepOne: (element) => stepOf(element) === 0,
    stepOf,
    questionOf,
    buttonOf: (button) => (submits.includes(button) ? submits.indexOf(button) : null),
    // What the step on show lacks: a box the browser cannot read as a number, and the first
    // question decision needs answered (up to this step) that is not.
    lacks() {
      const problem = readAnswers(form).problems.find((p) => questionOf(steps.current().querySelector(`[data-question="${CSS.escape(p.field)}"]`)));
      const missing = steps.missingHere();
      const needed = missing && { field: missing.dataset.question, error: missing.dataset.rgRequired || "Check this answer." };
      return { problem: problem || null, missing: needed || null };
    },
    copyLink: () => copy(shareLink.value, part("share-note"), () => shareLink.select()),
    copySummary: () => copy(plan.summaryText(), part("summary-note")),
    print() {
      document.documentElement.classList.add("rg-print-summary");
      window.print();
    },
  };
}
