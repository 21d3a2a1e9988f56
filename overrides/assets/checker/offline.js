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

// `urls`: the checker's downloads, fetched already, so the worker takes them from the HTTP cache.
export function keepForOffline(urls) {
  const workers = navigator.serviceWorker;
  if (!workers) return;
  if (workers.controller) {
    workers.controller.postMessage({ type: "keep", urls });
  } else {
    // The first visit's worker may take control only now: ask it when it does.
    workers.addEventListener("controllerchange", () => keepForOffline(urls), { once: true });
  }
}
