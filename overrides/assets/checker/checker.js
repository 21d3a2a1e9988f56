// Relaxer Guide checker: the entry module. The rules live only in Python (decision.browser.handle),
// run in a Web Worker; these modules read the answers, send them as JSON and apply the plan:
//   runtime.js          the worker, started once, and its progress
//   store.js            what the tab remembers and the share link
//   form.js             reading and writing the form's answers, field errors
//   steps.js            step one's early warning card and the fold of the other steps
//   plan-view.js        the plan on the start page
//   checker-machine.js  the reader's state on the start page, as one pure machine
//   checker-view.js     draws the machine's screen
//   start-page.js       the checker on the start page: wiring of page events to the machine
//   tailor.js           every other page: the reader's sections first, the rest folded
//   offline.js          the service worker that keeps the site, and the runtime once loaded, offline
//                       (and drops a file a failed start named)
// Loaded as a module (deferred by nature): the guidance paints before any of this runs.
import { forgetForOffline, keepForOffline, registerOffline } from "./offline.js";
import { ROOT, getRuntime, runtimeEvents } from "./runtime.js";
import { initChecker } from "./start-page.js";
import { applyToPage, closeFoldsAfterPrint, openFoldsForPrint, revealTarget } from "./tailor.js";

let pageListeners = new AbortController();

function onPage() {
  const box = document.querySelector("[data-rg-checker]");
  if (box?.dataset.rgStarted) return; // the same page again
  pageListeners.abort();
  pageListeners = new AbortController();
  if (box) {
    initChecker(box, pageListeners.signal);
    return;
  }
  const article = document.querySelector("article.md-content__inner") || document.querySelector("article");
  if (article) applyToPage(article);
}

registerOffline(ROOT);
runtimeEvents.addEventListener("ready", ({ detail }) => keepForOffline(detail.downloads));
runtimeEvents.addEventListener("failed", ({ detail }) => forgetForOffline(detail.files));

window.addEventListener("beforeprint", openFoldsForPrint);
window.addEventListener("afterprint", closeFoldsAfterPrint);
window.addEventListener("hashchange", () => revealTarget());

// Material's document$ fires on every page, also with instant navigation; else the DOM event.
if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(onPage);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", onPage);
} else {
  onPage();
}

// For tests and the curious: the same worker the page uses.
window.relaxerChecker = {
  get ready() {
    return getRuntime().ready.then(() => true);
  },
  plan(answers) {
    return getRuntime().call({ op: "plan", answers });
  },
};
