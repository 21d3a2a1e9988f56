// Offline after the first visit: registers the site's service worker (sw.js at the site's
// root, written by sitebuild/offline.py), and once the checker has loaded, asks it to keep the
// runtime, so the next visit, online or not, starts the checker from this browser's cache.
// `root`: the site's root URL, where sw.js is and which it covers.
export function registerOffline(root) {
  // Service workers need a secure context (https, or 127.0.0.1/localhost while testing).
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  const register = () =>
    navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.pathname }).catch(() => {
      // No offline copy (a host without sw.js, a private window): the site works as before.
    });
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}

// Tells the worker that controls this page (if any) `message`; the first visit's worker may
// take control only later: it is told then.
function tell(message) {
  const workers = navigator.serviceWorker;
  if (!workers) return;
  if (workers.controller) workers.controller.postMessage(message);
  else workers.addEventListener("controllerchange", () => tell(message), { once: true });
}

// `urls`: the checker's downloads, fetched already, so the worker takes them from the HTTP cache
// (it keeps only files whose bytes are the build's).
export const keepForOffline = (urls) => tell({ type: "keep", urls });

// `urls`: files a failed start named: not kept, so the next start fetches them again.
export const forgetForOffline = (urls) => urls.length && tell({ type: "forget", urls });
