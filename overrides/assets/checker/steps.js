// Step one answers at once. Under each warning-sign option the build put the card decision
// gives for that option alone; CSS shows it when the box is ticked (JavaScript off too). With
// JavaScript, one card (the most urgent of the ticked signs, with every ticked sign listed)
// goes right under the question, in a live region, and the rest of the checker folds away: the
// next step is the call, not more questions. The focus stays where the reader is.
import { make } from "./dom.js";

export function createSteps(box) {
  const part = (name) => box.querySelector(`[data-rg="${name}"]`);
  const early = part("early");
  const rest = part("rest");
  const foldBar = part("rest-fold");
  const unfoldButton = foldBar.querySelector('[data-rg-action="unfold"]');
  const levels = (box.dataset.rgLevels || "").split(" ");
  const stepOne = early.closest("[data-rg-step]");
  let openedByReader = false;
  let planLevel = null; // the triage of the plan on show, if any

  const tickedCards = () =>
    [...stepOne.querySelectorAll(".rg-option__input:checked")]
      .map((input) => input.closest(".rg-option").querySelector("[data-rg-early]"))
      .filter(Boolean);

  function setFolded(folded) {
    rest.hidden = folded;
    unfoldButton.setAttribute("aria-expanded", String(!folded));
    unfoldButton.textContent = folded ? "Answer the other questions" : "Hide the other questions";
  }

  // The card for what is ticked now; `announce` false when restoring (nothing new happened).
  function update() {
    const cards = tickedCards();
    const rank = (card) => Number(card.dataset.rgRank);
    const top = cards.reduce((best, card) => (!best || rank(card) > rank(best) ? card : best), null);
    const planCovers = top && planLevel !== null && levels.indexOf(planLevel) >= rank(top);
    if (!top) {
      early.replaceChildren();
    } else if (early.firstChild?.dataset.rgFrom !== cards.map((card) => card.dataset.rgEarly).join(" ")) {
      const card = top.cloneNode(true);
      card.classList.replace("rg-early-card", "rg-early-combined");
      card.dataset.rgFrom = cards.map((c) => c.dataset.rgEarly).join(" ");
      delete card.dataset.rgEarly;
      // The most urgent sign's card, with every ticked sign of its level's line and every
      // ticked sign listed; decision's own plan replaces it once Python has answered.
      const texts = (list, name) =>
        [...new Set(list.flatMap((c) => [...c.querySelectorAll(`[data-rg="${name}"] > li`)].map((li) => li.textContent)))];
      const fill = (name, items) => {
        const target = card.querySelector(`[data-rg="${name}"]`);
        target.replaceChildren(...items.map((text) => make("li", "", text)));
        target.hidden = items.length === 0;
      };
      fill("lines", texts(cards.filter((c) => rank(c) === rank(top)), "lines"));
      fill("because", texts(cards, "because"));
      early.replaceChildren(card);
    }
    // The full plan's card replaces this one when it is at least as urgent: never less.
    if (early.firstChild) early.firstChild.hidden = Boolean(planCovers);
    foldBar.hidden = !top;
    if (!top) openedByReader = false;
    setFolded(Boolean(top) && !openedByReader);
    // A plan shown under a later step would fold away with it: it moves under step one, where
    // the reader is, so the card that covers the early one is never out of sight.
    const outcome = part("outcome");
    if (rest.hidden && rest.contains(outcome)) stepOne.after(outcome);
  }

  unfoldButton.addEventListener("click", () => {
    openedByReader = rest.hidden;
    setFolded(!rest.hidden);
  });
  stepOne.addEventListener("change", update);

  return {
    update,
    planShown(level) {
      planLevel = level;
      update();
    },
    // The step the reader pressed "Show my plan" in (or typed Enter in).
    stepOf(event) {
      const from = document.activeElement?.closest?.("[data-rg-step]");
      return from && box.contains(from) ? from : event.submitter?.closest("[data-rg-step]") || stepOne;
    },
  };
}

// "Show my plan" before the runtime is ready: the press is queued and the button says so.
export function buttonWaiting(button) {
  const label = button.textContent;
  button.setAttribute("aria-busy", "true");
  const setText = (text) => {
    button.textContent = text;
  };
  setText("Starting the checker…");
  return {
    progress: ({ step, of, received = 0, total = 0 }) =>
      setText(
        total && received < total
          ? `Starting the checker (${Math.floor((100 * received) / total)}%)…`
          : `Starting the checker (${step} of ${of})…`
      ),
    done: () => {
      button.removeAttribute("aria-busy");
      setText(label);
    },
  };
}

