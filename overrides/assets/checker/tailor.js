// Every guidance page: the reader's sections first, each with its reason, and the rest folded
// under "Other topics on this page" (never removed; one click opens them). A page where nothing
// fits is left as written, with one line saying so. The table of contents marks folded topics.
import { make } from "./dom.js";
import { ROOT } from "./runtime.js";
import { LINK_KEY, OLDER, UNREADABLE, clearState, loadState, saveState } from "./store.js";

const originals = new WeakMap(); // article -> {sections, end}: the page as written

function topSections(article) {
  return [...article.children].filter((child) => child.matches("section.rg-section"));
}

function tocLinks(id) {
  return document.querySelectorAll(`.md-nav--secondary a.md-nav__link[href="#${CSS.escape(id)}"]`);
}

function pageAsWritten(article) {
  document.querySelectorAll(".rg-toc-folded").forEach((mark) => mark.remove());
  document.querySelectorAll(".rg-safety__checker[hidden]").forEach((line) => {
    line.hidden = false;
  });
  const original = originals.get(article);
  if (!original) return;
  for (const section of original.sections) original.end.before(section);
  article.querySelectorAll(".rg-reason, .rg-other, .rg-tailored").forEach((node) => node.remove());
  article.querySelectorAll(".rg-section--shown").forEach((node) => node.classList.remove("rg-section--shown"));
}

// -> "tailored" | "nothing" (no section here fits: the page stays as written) | "same" (no change)
// The arrangement is decision's (plan.layout.pages, one entry per page where a shown section
// sits, found by the sections this article holds: a sub-path or a language folder changes no
// id): every top-level section in `order`, the ones in `fold` (the last) folded. This only moves
// them, and gives every shown section its reason (plan.show).
function tailor(article, plan) {
  if (!originals.has(article)) {
    const sections = topSections(article);
    if (!sections.length) return "same";
    const end = document.createComment(" end of sections ");
    sections[sections.length - 1].after(end);
    originals.set(article, { sections, end });
  }
  pageAsWritten(article);
  const { sections, end } = originals.get(article);
  const first = sections[0].dataset.section;
  const arranged = Object.values(plan.layout.pages).find((entry) => entry.order.includes(first));
  if (!arranged) return "nothing";
  const reason = new Map(plan.show.map((item) => [item.id, item.reason]));
  for (const section of article.querySelectorAll("section.rg-section[data-section]")) {
    if (!reason.has(section.dataset.section)) continue;
    section.classList.add("rg-section--shown");
    const heading = section.querySelector(":scope > h2, :scope > h3");
    (heading || section.firstChild).after(make("p", "rg-reason", reason.get(section.dataset.section)));
  }
  const byId = new Map(sections.map((section) => [section.dataset.section, section]));
  const inOrder = arranged.order.map((id) => byId.get(id)).filter(Boolean);
  const folds = new Set(arranged.fold);
  const folded = inOrder.filter((section) => folds.has(section.dataset.section));
  for (const section of inOrder) if (!folded.includes(section)) end.before(section);
  if (folded.length) {
    const other = make("details", "rg-other");
    other.append(make("summary", "rg-other__summary", "Other topics on this page"), ...folded);
    end.before(other);
    markFoldedInContents(folded);
  }
  return "tailored";
}

// The table of contents keeps every topic (its links still work: they open the fold), marked.
function markFoldedInContents(folded) {
  for (const section of folded) {
    for (const inner of [section, ...section.querySelectorAll("section.rg-section")]) {
      for (const link of tocLinks(inner.dataset.section)) {
        const mark = make("span", "rg-toc-folded", "in Other topics");
        (link.querySelector(".md-ellipsis") || link).append(mark);
      }
    }
  }
}

// "<words> · Change answers", then the view toggle. The dot is glued to the link (a no-break
// space, no wrap inside), so it never dangles at a line end; the words before may wrap, so the
// line fits a phone at 200% text.
function banner(article, words, toggle) {
  const control = make("p", "rg-tailored");
  const lead = make("span", "rg-tailored__lead", `${words} `);
  const glue = make("span", "rg-tailored__glue", "·\u00a0");
  const change = make("a", "rg-tailored__change", "Change answers");
  change.href = new URL("#checker", ROOT).href;
  glue.append(change);
  lead.append(glue);
  control.append(lead);
  if (toggle) {
    const button = make("button", "rg-tailored__toggle", toggle.label);
    button.type = "button";
    button.addEventListener("click", toggle.onClick);
    control.append(button);
  }
  const title = article.querySelector("h1");
  if (title) title.after(control);
  else article.prepend(control);
  // The safety aside's "Answer a few questions" line is done: the banner says where to change.
  document.querySelectorAll(".rg-safety__checker").forEach((line) => {
    line.hidden = true;
  });
}

function unreadable(article, error) {
  clearState();
  const note = make("p", "rg-tailored rg-tailored--problem", `${UNREADABLE}: ${error}. The page is shown as written.`);
  const again = make("a", "rg-tailored__change", "Answer the questions again");
  again.href = new URL("#checker", ROOT).href;
  note.append(" ", again);
  (article.querySelector("h1") || article.firstChild).after(note);
}

export function applyToPage(article) {
  pageAsWritten(article);
  const { state, stale, error } = loadState();
  if (error) return unreadable(article, error);
  if (!state || !state.plan) return;
  // Made for the sections of an earlier build: dropped with a notice, never applied half-way.
  if (stale) return unreadable(article, OLDER);
  const outcome = tailor(article, state.plan);
  if (outcome === "same") return;
  if (outcome === "nothing") {
    pageAsWritten(article);
    banner(article, "Nothing on this page was picked out for your answers, so it is shown as written.");
    return;
  }
  const tailored = state.view !== "as-written";
  if (!tailored) pageAsWritten(article);
  banner(article, tailored ? "Tailored to your answers" : "Showing the page as written", {
    label: tailored ? "Show the page as written" : "Tailor it to my answers",
    onClick: () => {
      saveState({ ...state, view: tailored ? "as-written" : "tailored" });
      applyToPage(article);
      article.querySelector(".rg-tailored__toggle")?.focus();
    },
  });
  revealTarget({ moved: tailored });
}

// The fragment as an id; one that is not valid percent-encoding (#%E0%A4%A) is taken as written.
function fragmentId() {
  const raw = location.hash.slice(1);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

// A link to a folded section opens the fold; after reordering, the target moved: scroll again.
export function revealTarget({ moved = false } = {}) {
  const id = fragmentId();
  const target = id && !id.startsWith(LINK_KEY) ? document.getElementById(id) : null;
  const fold = target && target.closest("details.rg-other:not([open])");
  if (fold) fold.open = true;
  if (target && (fold || moved)) target.scrollIntoView();
}

// Printing shows every section: open the folds first, close them again after.
const openedForPrint = [];
export function openFoldsForPrint() {
  for (const fold of document.querySelectorAll("details.rg-other:not([open])")) {
    fold.open = true;
    openedForPrint.push(fold);
  }
}
export function closeFoldsAfterPrint() {
  for (const fold of openedForPrint.splice(0)) fold.open = false;
}
