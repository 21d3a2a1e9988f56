// The plan on the start page: the card the plan names (in a live region), with the plan's lines
// and the answers behind it, the reader's topics with a reason each, and the summary for the
// doctor. All of it comes from decision's plan: nothing here chooses, orders or filters.
import { make } from "./dom.js";
import { ROOT, sectionsById } from "./runtime.js";

export function createPlanView(box) {
  const part = (name) => box.querySelector(`[data-rg="${name}"]`);
  const outcome = part("outcome");
  const results = part("results");
  const home = outcome.parentElement; // where the plan sits until the reader presses a button
  const notices = part("notices");
  const fill = (list, items) => {
    list.replaceChildren(...items.map((text) => make("li", "", text)));
    list.hidden = items.length === 0;
  };

  return {
    outcome,
    hide() {
      box.querySelectorAll("[data-card]:not([data-rg-early])").forEach((card) => {
        card.hidden = true;
      });
      results.hidden = true;
      notices.hidden = true;
      part("share").hidden = true;
    },

    // Next to the step the reader pressed "Show my plan" in; back at the end when null.
    placeAfter(step) {
      if (step) step.after(outcome);
      else home.append(outcome);
    },

    card() {
      return outcome.querySelector("[data-card]:not([hidden])");
    },

    async render(plan) {
      // The card first: it needs nothing more, while the topics wait for the section manifest
      // (which has a deadline of its own), so a slow manifest never holds back urgent advice.
      const card = outcome.querySelector(`[data-card="${CSS.escape(plan.card.id)}"]`);
      outcome.querySelectorAll("[data-card]").forEach((other) => {
        other.hidden = other !== card;
      });
      if (card) {
        fill(card.querySelector('[data-rg="lines"]'), plan.card.lines);
        fill(card.querySelector('[data-rg="because"]'), plan.card.because);
        card.querySelector('[data-rg="because-box"]').hidden = plan.card.because.length === 0;
      }
      fill(notices, plan.notices);
      const sections = await sectionsById();
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
    },

    scrollToPlan() {
      this.card()?.scrollIntoView({ block: "start" });
    },
  };
}
