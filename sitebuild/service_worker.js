// The site's service worker (written to site/sw.js by sitebuild/offline.py): a second visit,
// or a visit with the network gone, opens the pages, and the checker once it has loaded once,
// from this browser's own cache.
//
// - One cache per build and scope: its name carries a hash of the files it keeps and the
//   scope's path, so two copies of the site under /a/ and /b/ of one origin keep their own.
//   A worker deletes only the older caches of its own scope.
// - Every file has a revision (the SHA-256 of its bytes). A new build's worker takes each file
//   whose revision did not change from the older cache of its scope and downloads the rest,
//   so a returning reader fetches only what changed.
// - On install: the pages and the assets they need (INSTALL; a few hundred KiB). The runtime
//   (ON_USE; about 11 MB unpacked) is kept only when a page loads the checker: as it is
//   fetched, and when the page says the checker has started ({type: "keep", urls}); and only
//   when its bytes hash to the build's revision, so a wrong answer from a host (an HTML page,
//   a cut-short file, another build's copy) is never kept. {type: "forget", urls} drops files a failed start named.
// - Only GET requests for this build's files, under this worker's scope, are answered or kept.
//   Anything else is not touched, so nothing from another origin is ever cached.
// - Kept files are served first (the cache holds exactly this build); the network fills in
//   what is missing. A request made with cache: "no-cache" or "reload" (the checker's "Try
//   again", a reload of the page) goes to the network, and the cache answers only if that
//   fails. After install, a file is kept only if its bytes are this build's.
// - ENABLED is false under `mkdocs serve`: the worker deletes its scope's caches and
//   unregisters, so an author never sees a cached page.
"use strict";

const ENABLED = @ENABLED@;
const VERSION = "@VERSION@";
const PREFIX = "@PREFIX@";
const INSTALL = @INSTALL@;
const ON_USE = @ON_USE@;
const SCOPE = new URL(self.registration.scope);
// A URL's path holds no space, so the scope ends the name unambiguously.
const CACHE = `${PREFIX}${VERSION} ${SCOPE.pathname}`;
// Each kept response carries its revision, so a later build can tell an unchanged file.
const REVISION = "X-Relaxer-Guide-Revision";

const revisionOf = (address) => INSTALL[address] ?? ON_USE[address];
const keyOf = (address) => new URL(address, SCOPE).href;

// This build's address for a URL (DIR/ for DIR/index.html, no query), or null if the URL is
// not one of this build's files under this scope.
function addressOf(url) {
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return null;
  let address = url.pathname.slice(SCOPE.pathname.length);
  if (address === "index.html" || address.endsWith("/index.html")) address = address.slice(0, -"index.html".length);
  return revisionOf(address) === undefined ? null : address;
}

// Caches of this scope: named so, or made by a build before names carried the scope (those
// hold the scope's start page).
async function ofThisScope(name) {
  if (!name.startsWith(PREFIX)) return false;
  if (name.includes(" ")) return name.endsWith(` ${SCOPE.pathname}`);
  return Boolean(await (await caches.open(name)).match(SCOPE.href));
}

async function olderCaches() {
  const names = [];
  for (const name of await caches.keys()) if (name !== CACHE && (await ofThisScope(name))) names.push(name);
  return names;
}

async function sha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

// Keeps a whole, plain answer (no error, no partial content, nothing opaque) for `address`,
// marked with its revision. `checked`: only if its bytes are the build's (always, but for the
// pages at install: a host that adds to its pages still gets an offline copy). The body is
// kept without any redirect the host made (browsers refuse a cached redirected response for a
// page load). Returns whether it was kept.
async function keep(cache, address, response, checked = true) {
  if (response.status !== 200 || response.type !== "basic") return false;
  const body = await response.arrayBuffer();
  if (checked && (await sha256(body)) !== revisionOf(address)) return false;
  const headers = new Headers(response.headers);
  headers.set(REVISION, revisionOf(address));
  await cache.put(keyOf(address), new Response(body, { status: 200, statusText: response.statusText, headers }));
  return true;
}

// The kept copy of `address` at this build's revision, from the cache `names` lists first.
async function findKept(address, names) {
  for (const name of names) {
    const kept = await (await caches.open(name)).match(keyOf(address));
    if (kept && kept.headers.get(REVISION) === revisionOf(address)) return kept;
  }
  return null;
}

// Install: every file of INSTALL, and of ON_USE what an older cache already holds. An earlier
// attempt may have filled part of this cache; an older cache gives each unchanged file.
async function fill() {
  const cache = await caches.open(CACHE);
  const older = await olderCaches();
  const take = async (address) => {
    if (await findKept(address, [CACHE])) return true;
    const kept = await findKept(address, older);
    if (kept) await cache.put(keyOf(address), kept);
    return Boolean(kept);
  };
  await Promise.all([
    ...Object.keys(INSTALL).map(async (address) => {
      if (await take(address)) return;
      // no-cache: a host's HTTP cache (GitHub Pages keeps files 10 minutes) must not put the
      // previous build's pages into this build's cache; unchanged files come back as 304.
      const response = await fetch(new Request(keyOf(address), { cache: "no-cache" }));
      if (!(await keep(cache, address, response, false))) throw new Error(`${address}: HTTP ${response.status}`); // install fails whole
    }),
    ...Object.keys(ON_USE).map(take),
  ]);
}

self.addEventListener("install", (event) => {
  event.waitUntil((ENABLED ? fill() : Promise.resolve()).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await olderCaches()) await caches.delete(name);
      if (ENABLED) await self.clients.claim();
      else await self.registration.unregister();
    })()
  );
});

async function answer(event, address) {
  const { request } = event;
  const cache = await caches.open(CACHE);
  const kept = await cache.match(keyOf(address));
  const fresh = ["no-cache", "reload", "no-store"].includes(request.cache);
  if (kept && !fresh) return kept;
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    if (kept) return kept; // offline: the kept copy is this build's
    throw error;
  }
  // The page gets its answer now. A full disk, or a download cut short, only means no offline
  // copy of this file.
  event.waitUntil(keep(cache, address, response.clone()).catch(() => false));
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (!ENABLED || request.method !== "GET" || request.headers.has("range")) return;
  const address = addressOf(new URL(request.url));
  if (address === null) return; // not this build's file: the browser's own handling
  event.respondWith(answer(event, address));
});

// The page's messages name files by URL; only this build's files loaded on use are touched.
function onUseAddresses(urls) {
  const addresses = [];
  for (const href of Array.isArray(urls) ? urls : []) {
    let address = null;
    try {
      address = addressOf(new URL(String(href), SCOPE));
    } catch {
      // not a URL: ignored
    }
    if (address !== null && address in ON_USE) addresses.push(address);
  }
  return addresses;
}

self.addEventListener("message", (event) => {
  const { data } = event;
  if (!ENABLED || !data) return;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      for (const address of onUseAddresses(data.urls)) {
        if (data.type === "forget") {
          await cache.delete(keyOf(address));
        } else if (data.type === "keep" && !(await findKept(address, [CACHE]))) {
          try {
            // The HTTP cache has it: the checker just loaded it.
            await keep(cache, address, await fetch(keyOf(address)));
          } catch {
            // offline now: it is kept the next time it loads
          }
        }
      }
    })()
  );
});
