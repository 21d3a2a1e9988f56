// The runtime client: starts the worker that runs decision (Pyodide) once, reports its progress
// as events, and sends it JSON requests. The rules live only in Python; nothing here knows them.

export const ASSETS = new URL("./", import.meta.url); // this file is assets/checker/runtime.js
export const ROOT = new URL("../../", import.meta.url);

// "progress" {step, of, label, received, total}, "ready" {downloads}, "failed" {reason}: the page
// shows them in words; `downloads` are the runtime's URLs, for the offline cache.
export const runtimeEvents = new EventTarget();
let runtime = null;

export function getRuntime() {
  if (!runtime) runtime = createRuntime();
  return runtime;
}

// After a failure, "Try again" starts from scratch.
export function restartRuntime() {
  runtime = null;
  return getRuntime();
}

export const runtimeReady = () => Boolean(runtime?.isReady());

// The one place that makes the worker.
function startWorker() {
  // A classic worker: it loads pyodide.js with importScripts, so no file needs a module type.
  return new Worker(new URL("checker-worker.js", ASSETS));
}

// A JSON file of the checker's, read in full; `signal` lets a failed start abort it, so a
// retry is not queued behind a request that never ends.
export async function fetchJSON(url, signal) {
  let response;
  let data;
  try {
    response = await fetch(url, { signal });
  } catch {
    throw new Error("its files could not be downloaded (is the connection down?)");
  }
  if (!response.ok) throw new Error(`its files could not be downloaded (HTTP ${response.status})`);
  try {
    data = await response.json();
  } catch {
    throw new Error(`the file ${url.pathname.split("/").pop()} is damaged (it is not the checker's data)`);
  }
  return data;
}

// The start has no fixed deadline: on a slow phone network the runtime may take a minute, and a
// load that still receives bytes goes on. It stops only when no byte has arrived for stallMs
// while a download is open (config.json can set it), or on an error.
const DEFAULT_STALL_MS = 20000;

function createRuntime() {
  const emit = (type, detail) => runtimeEvents.dispatchEvent(new CustomEvent(type, { detail }));
  const pending = new Map();
  const aborter = new AbortController();
  let worker = null;
  let nextId = 0;
  let settled = false;
  let isReady = false;
  let broken = null;
  let stallMs = DEFAULT_STALL_MS;
  let stallTimer = 0;
  let resolveReady;
  let rejectReady;
  const ready = new Promise((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  ready.catch(() => {}); // failures are shown in the page, not thrown at the console

  const fail = (reason) => {
    broken = new Error(reason);
    for (const { reject } of pending.values()) reject(broken);
    pending.clear();
    aborter.abort(); // what this start left pending must not hold up the next one
    if (worker) worker.terminate();
    clearTimeout(stallTimer);
    if (!settled) {
      settled = true;
      emit("failed", { reason });
      rejectReady(broken);
    }
  };
  // Armed while a download is open; every report of bytes received starts it again.
  const watchStall = (downloading) => {
    clearTimeout(stallTimer);
    if (!downloading || settled) return;
    stallTimer = setTimeout(
      () => fail(`its download stalled: nothing arrived for ${stallMs / 1000} seconds (the connection may be down or too weak)`),
      stallMs
    );
  };

  watchStall(true);
  emit("progress", { step: 0, of: 3, label: "Starting", received: 0, total: 0 });
  (async () => {
    if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
      throw new Error("this browser cannot run it (it needs WebAssembly and Web Workers)");
    }
    const config = await fetchJSON(new URL("config.json", ASSETS), aborter.signal);
    if (settled) return;
    stallMs = Number(config.stallMs) || DEFAULT_STALL_MS;
    const sizes = config.downloads && typeof config.downloads === "object" ? config.downloads : {};
    const downloads = Object.fromEntries(
      Object.entries(sizes).map(([name, size]) => [new URL(name, ASSETS).href, Number(size) || 0])
    );
    worker = startWorker();
    watchStall(true); // the worker's own script is downloading
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      fail(event.message ? `it stopped with an error (${event.message})` : "its program could not be loaded");
    });
    worker.addEventListener("message", ({ data }) => {
      if (data.type === "progress") {
        watchStall(data.active > 0);
        emit("progress", data);
      } else if (data.type === "failed") fail(data.message);
      else if (data.type === "ready" && !settled) {
        settled = true;
        isReady = true;
        clearTimeout(stallTimer);
        emit("ready", { downloads: Object.keys(downloads) });
        resolveReady();
      } else if (data.type === "reply" && pending.has(data.id)) {
        pending.get(data.id).resolve(JSON.parse(data.response));
        pending.delete(data.id);
      }
    });
    worker.postMessage({
      type: "start",
      indexURL: new URL(config.pyodideIndex, ASSETS).href,
      wheelURL: new URL(config.wheel, ASSETS).href,
      stdLibURL: new URL(config.stdlib, ASSETS).href,
      lock: config.lock,
      sitePackages: config.sitePackages,
      downloads,
    });
  })().catch((error) => fail(error.message || String(error)));

  return {
    ready,
    isReady: () => isReady,
    async call(request) {
      await ready;
      if (broken) throw broken;
      return new Promise((resolve, reject) => {
        const id = ++nextId;
        pending.set(id, { resolve, reject });
        worker.postMessage({ type: "call", id, request: JSON.stringify(request) });
      });
    },
  };
}

// The section manifest has its own deadline: the plan waits for it at most this long.
const MANIFEST_DEADLINE_MS = 5000;
let manifest = null;

async function readManifest() {
  const list = await fetchJSON(new URL("sections.json", ASSETS), AbortSignal.timeout(MANIFEST_DEADLINE_MS));
  if (!Array.isArray(list)) throw new Error("the section list is damaged");
  return new Map(list.filter((section) => typeof section?.id === "string").map((section) => [section.id, section]));
}

// The section manifest by id; topics show without links if it cannot be read, and a failure is
// not kept: the next plan asks again.
export function sectionsById() {
  manifest ||= readManifest().catch(() => {
    manifest = null;
    return new Map();
  });
  return manifest;
}
