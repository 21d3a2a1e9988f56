// The runtime client: starts the worker that runs decision (Pyodide) once, reports its progress
// as events, and sends it JSON requests. The rules live only in Python; nothing here knows them.

export const ASSETS = new URL("./", import.meta.url); // this file is assets/checker/runtime.js
export const ROOT = new URL("../../", import.meta.url);
const DEFAULT_TIMEOUT_MS = 15000;

// "progress" {step, of, label}, "ready", "failed" {reason}: the page shows them in words.
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

export async function fetchJSON(url) {
  let response;
  try {
    response = await fetch(url);
  } catch {
    throw new Error("its files could not be downloaded (is the connection down?)");
  }
  if (!response.ok) throw new Error(`its files could not be downloaded (HTTP ${response.status})`);
  return response.json();
}

function createRuntime() {
  const emit = (type, detail) => runtimeEvents.dispatchEvent(new CustomEvent(type, { detail }));
  const pending = new Map();
  const started = performance.now();
  let worker = null;
  let nextId = 0;
  let settled = false;
  let isReady = false;
  let broken = null;
  let timer = 0;
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
    if (worker) worker.terminate();
    clearTimeout(timer);
    if (!settled) {
      settled = true;
      emit("failed", { reason });
      rejectReady(broken);
    }
  };
  // One deadline for the whole start, from the first byte: the config can only shorten it.
  const armDeadline = (ms) => {
    clearTimeout(timer);
    const left = Math.max(0, ms - (performance.now() - started));
    timer = setTimeout(() => fail(`it did not finish loading within ${ms / 1000} seconds`), left);
  };

  armDeadline(DEFAULT_TIMEOUT_MS);
  emit("progress", { step: 0, of: 3, label: "Starting" });
  (async () => {
    if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
      throw new Error("this browser cannot run it (it needs WebAssembly and Web Workers)");
    }
    const config = await fetchJSON(new URL("config.json", ASSETS));
    if (settled) return;
    armDeadline(Number(config.loadTimeoutMs) || DEFAULT_TIMEOUT_MS);
    worker = startWorker();
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      fail(event.message ? `it stopped with an error (${event.message})` : "its program could not be loaded");
    });
    worker.addEventListener("message", ({ data }) => {
      if (data.type === "progress") emit("progress", data);
      else if (data.type === "failed") fail(data.message);
      else if (data.type === "ready" && !settled) {
        settled = true;
        isReady = true;
        clearTimeout(timer);
        emit("ready");
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
      sitePackages: config.sitePackages,
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

let manifest = null;
// The section manifest by id; topics show without links if it cannot be read.
export function sectionsById() {
  manifest ||= fetchJSON(new URL("sections.json", ASSETS)).then(
    (list) => new Map(list.map((section) => [section.id, section])),
    () => new Map()
  );
  return manifest;
}
