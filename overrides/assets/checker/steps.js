// The steps, one on screen at a time (as NHS 111 online asks one thing at a time): Continue
// and Back move between them, keeping every answer; a question decision must have before it
// can reassure (data-rg-required: the warning signs) holds Continue until it is answered, and
// "Show my plan now" shows only once it is. The order of the steps and the questions in each
// are the build's, from decision's question groups.
//
// Step one answers at once. Under each warning-sign option the build put the card decision
// gives for that option alone; CSS shows it when the box is ticked (JavaScript off too). With
// JavaScript, one card (the most urgent of the ticked signs, with every ticked sign listed)
// goes right under the question, in a live region (heard once). The page does not jump to it:
// the reader stays at the list, and the checker's bar (checker-machine.js) brings the advice
// and its call link into view at the foot of the screen. The focus stays on the box: moving it
// on a tick would change the context under the reader's hand (WCAG 3.2.2).
import { make, reveal } from "./dom.js";
import { answered } from "./form.js";

export function createSteps(box) {
  const part = (name) => box.querySelector(`[data-rg="${name}"]`);
  const early = part("early");
  const steps = [...box.querySelectorAll("[data-rg-step]")];
  const stepOne = steps[0];
  let at = 0; // the step on show

  // The first question up to `step` that decision needs answered and is not, or null.
  const missing = (upTo) =>
    steps
      .slice(0, upTo + 1)
      .flatMap((step) => [...step.querySelectorAll("[data-rg-required]")])
      .find((question) => !answered(question)) || null;

  function show(index, { focus = false } = {}) {
    at = Math.max(0, Math.min(index, steps.length - 1));
    steps.forEach((step, i) => {
      step.hidden = i !== at;
    });
    refresh();
    // A new step is a new screen: it comes at once, its title at the top, with the focus.
    if (focus) reveal(steps[at].querySelector("legend"), { focus: true, jump: true });
  }

  // What depends on the answers: "Show my plan now" once the warning signs are answered, and
  // each radio question's "Clear this answer" while it has one.
  function refresh() {
    steps.forEach((step, i) => {
      const now = step.querySelector("[data-rg-now]");
      if (now) now.hidden = Boolean(missing(i));
    });
    for (const clear of box.querySelectorAll('[data-rg-action="clear"]')) {
      clear.hidden = !answered(clear.closest("[data-question]"));
    }
  }

  const tickedCards = () =>
    [...stepOne.querySelectorAll(".rg-option__input:checked")]
      .map((input) => input.closest(".rg-option").querySelector("[data-rg-early]"))
      .filter(Boolean);

  // The card for what is ticked now, under the signs; -> the most urgent sign's {card, level}
  // (its early card's), or null. Whether the card shows is the machine's (setEarly).
  function update() {
    const cards = tickedCards();
    const rank = (card) => Number(card.dataset.rgRank);
    const first = cards.reduce((best, card) => (!best || rank(card) > rank(best) ? card : best), null);
    // A card that covers the first one (decision's Card.covers: it says all that one says, and
    // more) is shown instead, as engine.card_for does.
    const covers = (card) => (card.dataset.rgCovers || "").split(" ");
    const top = cards.find((card) => first && rank(card) === rank(first) && covers(card).includes(first.dataset.card)) || first;
    const from = cards.map((card) => card.dataset.rgEarly).join(" ");
    if (!top) {
      early.replaceChildren();
    } else if (early.firstChild?.dataset.rgFrom !== from) {
      const card = top.cloneNode(true);
      card.classList.replace("rg-early-card", "rg-early-combined");
      card.dataset.rgFrom = from;
      delete card.dataset.rgEarly;
      // The most urgent sign's card, with the lines and the answers of every ticked sign of
      // its level (as decision.plan gives for the same ticks: tests/test_checker_early.py
      // checks every pair against it); decision's own plan replaces it once Python answers.
      const texts = (list, name) =>
        [...new Set(list.flatMap((c) => [...c.querySelectorAll(`[data-rg="${name}"] > li`)].map((li) => li.textContent)))];
      const fill = (name, items) => {
        const target = card.querySelector(`[data-rg="${name}"]`);
        target.replaceChildren(...items.map((text) => make("li", "", text)));
        target.hidden = items.length === 0;
      };
      const level = cards.filter((c) => rank(c) === rank(top));
      fill("lines", texts(level, "lines"));
      fill("because", texts(level, "because"));
      early.replaceChildren(card);
    }
    refresh();
    return top ? { card: top.dataset.card, level: top.dataset.rgLevel } : null;
  }

  box.addEventListener("input", refresh);
  box.addEventListener("change", refresh);

  return {
    update,
    show,
    current: () => steps[at],
    isLast: () => at === steps.length - 1,
    count: steps.length,
    at: () => at,
    early: () => early.firstChild,
    // Step one's card shows until a plan's card at least as urgent is on show (the machine's).
    setEarly(visible) {
      if (early.firstChild) early.firstChild.hidden = !visible;
    },
    // The first question of the step on show, or of any earlier step, that decision needs
    // answered and is not (the page marks it when the reader presses Continue).
    missingHere: () => missing(at),
    // The index of a question group's step (decision's group id), or step one.
    indexOf(group) {
      const index = steps.findIndex((step) => step.dataset.rgGroup === group);
      return index < 0 ? 0 : index;
    },
  };
}

// A radio answer cannot be unticked by hand: "Clear this answer" leaves it unanswered.
export function clearAnswer(button) {
  const question = button.closest("[data-question]");
  for (const input of question.querySelectorAll("input:checked")) input.checked = false;
  question.querySelector("input").focus();
  question.dispatchEvent(new Event("change", { bubbles: true }));
}
