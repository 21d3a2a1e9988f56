// The site's service worker (written to site/sw.js by sitebuild/offline.py): a second visit,
// or a visit with the network gone, opens the pages, and the checker once it has loaded once,
// from this browser's own cache.
//
// - One cache per build: its name carries a hash of the files it keeps, so a changed site
//   installs a new worker, which fills a new cache and then deletes every older one.
// - On install: the pages and the assets they need (the list below; a few hundred KiB). The
//   runtime (about 11 MB unpacked) is cached only when a page loads the checker: as it is
//   fetched, and when the page says the checker has started ({type: "keep", urls}).
// - Only GET requests to this site's own origin, under this worker's scope, are answered or
//   kept. Anything else is not touched, so nothing from another origin is ever cached.
// - Cached files are served first (the cache holds exactly this build); the network fills in
//   what is missing. A page asked for while offline and not cached fails as it would anyway.
"use strict";

const VERSION = "@VERSION@";
const PRECACHE = @PRECACHE@;
const PREFIX = "@PREFIX@";
const CACHE = `${PREFIX}${VERSION}`;
const SCOPE = new URL(self.registration.scope);

const ours = (url) => url.origin === SCOPE.origin && url.pathname.startsWith(SCOPE.pathname);

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // no-cache: a host's HTTP cache (GitHub Pages keeps files 10 minutes) must not put the
      // previous build's pages into this build's cache; unchanged files come back as 304.
      await Promise.all(
        PRECACHE.map(async (path) => {
          const url = new URL(path, SCOPE);
          const response = await fetch(new Request(url, { cache: "no-cache" }));
          if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`); // install fails whole
          await cache.put(url.href, await keepable(response));
        })
      );
      await self.skipWaiting();
    })()
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })()
  );
});

// A response that followed a redirect (say, a host sending http to https) cannot answer a page
// load from the cache: browsers refuse it. Its body and headers, without the redirect, can.
async function keepable(response) {
  if (!response.redirected) return response;
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers: response.headers });
}

// Keeps a whole, plain answer (no error, no partial content, nothing opaque) under `key`.
async function keepIfWhole(cache, key, response) {
  if (response.status === 200 && response.type === "basic") await cache.put(key, await keepable(response));
}

// A directory page may be asked for as DIR/ or DIR/index.html; the cache keeps DIR/.
function cacheKey(url) {
  const key = new URL(url);
  key.search = "";
  key.hash = "";
  if (key.pathname.endsWith("/index.html")) key.pathname = key.pathname.slice(0, -"index.html".length);
  return key.href;
}

async function fromCacheOrNetwork(request) {
  const cache = await caches.open(CACHE);
  const key = cacheKey(request.url);
  const kept = await cache.match(key);
  if (kept) return kept;
  const response = await fetch(request);
  // Not awaited: the page gets its answer now. A full disk, or a download cut short, only
  // means no offline copy of this file.
  keepIfWhole(cache, key, response.clone()).catch(() => {});
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || request.headers.has("range")) return;
  const url = new URL(request.url);
  if (!ours(url)) return; // another origin, or outside this site: the browser's own handling
  event.respondWith(fromCacheOrNetwork(request));
});

// The checker has started: keep each of its downloads (same origin only) for the next visit.
self.addEventListener("message", (event) => {
  const { data } = event;
  if (!data || data.type !== "keep" || !Array.isArray(data.urls)) return;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      for (const href of data.urls) {
        let url;
        try {
          url = new URL(String(href), SCOPE);
        } catch {
          continue;
        }
        if (!ours(url) || (await cache.match(cacheKey(url)))) continue;
        try {
          // The HTTP cache has it: the checker just loaded it.
          await keepIfWhole(cache, cacheKey(url), await fetch(url));
        } catch {
          // offline now: it is kept the next time it loads
        }
      }
    })()
  );
});
