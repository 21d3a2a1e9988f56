// The plan on the start page: the card the plan names (in a live region), with the plan's lines
// and the answers behind it, what the questions not answered yet could add, the reader's topics
// with a reason each, and the summary for the doctor (dated, with the advice). All of it comes
// from decision's reply: nothing here chooses, orders or filters.
import { make } from "./dom.js";
import { ROOT, sectionsById } from "./runtime.js";

export function createPlanView(box) {
  const part = (name) => box.querySelector(`[data-rg="${name}"]`);
  const outcome = part("outcome");
  const results = part("results");
  const notices = part("notices");
  const moreBox = part("more");
  let drawn = 0; // renders and hides so far: a render the next one overtook stops
  const fill = (list, items) => {
    list.replaceChildren(...items.map((text) => make("li", "", text)));
    list.hidden = items.length === 0;
  };
  // The day the summary was made, in the page's language ("December 2, 2026").
  const today = () => new Intl.DateTimeFormat(document.documentElement.lang || "en", { dateStyle: "long" }).format(new Date());

  return {
    hide() {
      drawn += 1;
      box.querySelectorAll("[data-card]:not([data-rg-early])").forEach((card) => {
        card.hidden = true;
      });
      results.hidden = true;
      notices.hidden = true;
      moreBox.hidden = true;
    },

    card() {
      return outcome.querySelector("[data-card]:not([hidden])");
    },

    // `more`: decision's word on the questions not answered yet (none for a saved plan).
    // -> the level of the card shown (null if none could be).
    async render(plan, more = null) {
      const mine = (drawn += 1);
      // The card first: it needs nothing more, while the topics wait for the section manifest
      // (which has a deadline of its own), so a slow manifest never holds back urgent advice.
      // A card this page does not have (the plan came from another build) falls back to the
      // page's card for the plan's level: a plan is never shown without a card of its level.
      const card =
        outcome.querySelector(`[data-card="${CSS.escape(plan.card.id)}"]`) ||
        outcome.querySelector(`[data-card="${CSS.escape(plan.triage)}"]`) ||
        outcome.querySelector(`[data-card][data-triage="${CSS.escape(plan.triage)}"]`);
      outcome.querySelectorAll("[data-card]").forEach((other) => {
        other.hidden = other !== card;
      });
      if (card) {
        fill(card.querySelector('[data-rg="lines"]'), plan.card.lines);
        fill(card.querySelector('[data-rg="because"]'), plan.card.because);
        card.querySelector('[data-rg="because-box"]').hidden = plan.card.because.length === 0;
      }
      fill(notices, plan.notices);
      part("more-text").textContent = more?.text || "";
      moreBox.hidden = !more?.text;
      moreBox.querySelector("button").hidden = !more?.groups?.length;
      part("summary-date").textContent = today();
      part("summary-advice").textContent = card?.dataset.rgAdvice || "";
      const sections = await sectionsById();
      if (mine !== drawn) return null; // hidden, or a newer plan drawn, meanwhile
      part("topics").replaceChildren(
        ...plan.show.map((item) => {
          const section = sections.get(item.id);
          const entry = make("li", "rg-topics__item");
          if (section) {
            const link = make("a", "rg-topics__link", section.title);
            link.href = new URL(`${section.url}#${item.id}`, ROOT).href;
            entry.append(link);
          }
          entry.append(make("span", "rg-topics__reason", item.reason));
          return entry;
        })
      );
      part("topics-box").hidden = plan.show.length === 0;
      part("summary-text").textContent = plan.summary || "You did not answer any questions, so there is nothing to sum up yet.";
      results.hidden = false;
      return card ? card.dataset.triage : null;
    },

    // What "Copy summary" copies: the date and the advice, then the answers.
    summaryText() {
      return `${part("summary-meta").textContent}\n${part("summary-text").textContent}`;
    },
  };
}
