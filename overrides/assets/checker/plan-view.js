// The plan on the start page: the triage card (in a live region), the reader's topics with a
// reason each, and the summary for the doctor. All of it comes from decision's plan.
import { make } from "./dom.js";
import { ROOT, sectionsById } from "./runtime.js";

export function createPlanView(box) {
  const part = (name) => box.querySelector(`[data-rg="${name}"]`);
  const outcome = part("outcome");
  const results = part("results");
  const home = outcome.parentElement; // where the plan sits until the reader presses a button

  return {
    outcome,
    hide() {
      box.querySelectorAll("[data-triage]").forEach((card) => {
        card.hidden = true;
      });
      results.hidden = true;
      part("share").hidden = true;
    },

    // Next to the step the reader pressed "Show my plan" in; back at the end when null.
    placeAfter(step) {
      if (step) step.after(outcome);
      else home.append(outcome);
    },

    async render(plan) {
      // The card first: it needs nothing more, while the topics wait for the section manifest
      // (which has a deadline of its own), so a slow manifest never holds back urgent advice.
      const card = box.querySelector(`[data-triage="${CSS.escape(plan.triage)}"]`);
      box.querySelectorAll("[data-triage]").forEach((other) => {
        other.hidden = other !== card;
      });
      const sections = await sectionsById();
      if (card) {
        // The warning-sign reasons go on the card itself, so an urgent card says why.
        const reasons = card.querySelector('[data-rg="reasons"]');
        const urgent = plan.show.filter((item) => (sections.get(item.id)?.tags || []).includes("red-flag"));
        reasons.replaceChildren(...urgent.map((item) => make("li", "", item.reason)));
        reasons.hidden = urgent.length === 0;
      }
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
      box.querySelector("[data-triage]:not([hidden])")?.scrollIntoView({ block: "start" });
    },
  };
}
