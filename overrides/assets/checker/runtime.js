// The runtime client: starts the worker that runs decision (Pyodide) once, reports its progress
// as events, and sends it JSON requests. The rules live only in Python; nothing here knows them.

export const ASSETS = new URL("./", import.meta.url); // this file is assets/checker/runtime.js
export const ROOT = new URL("../../", import.meta.url);

// "progress" {step, of, label, received, total, exact} (bytes on the wire; `exact` false while
// some are the build's estimate), "ready" {downloads}, "failed" {reason, files}, "outdated"
// {build} (the web server has another build than this page: nothing of it was run):
// the page shows them in words; `downloads` are the runtime's URLs, for the offline cache to
// keep, and `files` the ones a failed start names, for it to drop.
export const runtimeEvents = new EventTarget();
let runtime = null;
let attempts = 0;

export function getRuntime() {
  if (!runtime) runtime = createRuntime(++attempts);
  return runtime;
}

// After a failure, "Try again" starts from scratch: config.json and every file past the offline
// copy (the HTTP cache serves only what the web server confirms unchanged), and the worker's
// script from a new address, so nothing waits behind a request the failed start left stalled.
export function restartRuntime() {
  runtime = null;
  return getRuntime();
}

export const runtimeReady = () => Boolean(runtime?.isReady());

// Before config.json has come, the page's own words for reading it; every later step, with its
// words, and the stall time come from the build's config.json (sitebuild/runtime_files.py), checked
// once by checkConfig: nothing of it is defaulted here.
const START = { id: "start", label: "Starting", failure: "it could not start" };

// How long the download of config.json itself may stall: the build writes the same stall time
// on the checker (data-rg-stall-ms) as in config.json, which is not here yet.
function pageStallMs() {
  const ms = Number(document.querySelector("[data-rg-stall-ms]")?.dataset.rgStallMs);
  if (!(ms > 0)) throw plainError("this page does not hold the checker's settings");
  return ms;
}

const fileName = (url) => url.pathname.split("/").pop();
// An error whose message is plain words for the reader; no other error's text is shown.
const plainError = (message) => Object.assign(new Error(message), { plain: true });
const namesOf = (names) =>
  names.length === 1 ? `the file ${names[0]}` : `the files ${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;

// An HTTP error for one of the checker's files, in words: here for the files this page fetches,
// and for the runtime's files, whose status the worker reports (it sends no words of its own).
export const isMissing = (status) => status === 404 || status === 410;
export function httpProblem(name, status) {
  return isMissing(status)
    ? `the file ${name} is missing from the web server (HTTP ${status})`
    : `the web server answered with an error for the file ${name} (HTTP ${status})`;
}

// A JSON file of the checker's, read in full; `signal` lets a failed start abort it, so a
// retry is not queued behind a request that never ends. Failures are plain words naming it.
// `sent.encoding` gets the Content-Encoding it came with.
export async function fetchJSON(url, signal, cache = "default", sent = {}) {
  const name = fileName(url);
  let response;
  let data;
  try {
    response = await fetch(url, { signal, cache });
  } catch {
    throw plainError(`the file ${name} could not be downloaded (is the connection down?)`);
  }
  if (!response.ok) throw plainError(httpProblem(name, response.status));
  sent.encoding = response.headers.get("Content-Encoding") || "";
  try {
    data = await response.json();
  } catch {
    throw plainError(`the file ${name} is damaged (it is not the checker's data)`);
  }
  return data;
}

// The start has no fixed deadline: on a slow phone network the runtime may take a minute, and a
// load that still receives bytes goes on. It stops only when no byte has arrived for stallMs
// (config.json's) while a download is open, or on an error.

// config.json as the build writes it, or a plain error naming it: every field the page and
// the worker use, checked here once.
const text = (value) => typeof value === "string" && value !== "";
export function checkConfig(config) {
  const fine =
    config !== null &&
    typeof config === "object" &&
    ["worker", "wheel", "stdlib", "pyodideIndex", "build"].every((key) => text(config[key])) &&
    Number.isFinite(config.stallMs) &&
    config.stallMs > 0 &&
    config.downloads !== null &&
    typeof config.downloads === "object" &&
    Object.values(config.downloads).every((file) => Number.isInteger(file?.bytes) && text(file?.sha256)) &&
    Array.isArray(config.steps) &&
    config.steps.length > 0 &&
    config.steps.every((step) => text(step?.id) && text(step?.label) && text(step?.failure));
  if (!fine) throw plainError("the file config.json is damaged (it is not the checker's data)");
  return config;
}

function createRuntime(attempt) {
  const emit = (type, detail) => runtimeEvents.dispatchEvent(new CustomEvent(type, { detail }));
  const pending = new Map();
  let aborter = null;
  let worker = null;
  let nextId = 0;
  let settled = false;
  let isReady = false;
  let broken = null;
  let stallMs = 0; // the page's, then config.json's
  let stallTimer = 0;
  let steps = [START]; // START, then config.json's steps
  let step = START;
  let resolveReady;
  let rejectReady;
  const ready = new Promise((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  ready.catch(() => {}); // failures are shown in the page, not thrown at the console

  // Ends what a boot left pending (a download, the worker), so the next one does not wait on it.
  const stopBoot = () => {
    aborter?.abort();
    worker?.terminate();
    worker = null;
    clearTimeout(stallTimer);
  };
  const fail = (problem, files = []) => {
    const reason = `${step.failure} (${problem})`;
    broken = new Error(reason);
    for (const { reject } of pending.values()) reject(broken);
    pending.clear();
    stopBoot();
    if (!settled) {
      settled = true;
      emit("failed", { reason, files });
      rejectReady(broken);
    }
  };
  const failWith = (error) => fail(error?.plain ? error.message : "its program did not run");
  // Armed while a download is open (`open`: their file names); every report of bytes received
  // starts it again.
  // `script`: the worker's own file, of which the page sees nothing until it runs.
  const watchStall = (open, script = null) => {
    clearTimeout(stallTimer);
    if (!open.length || settled) return;
    const what = script
      ? `the file ${script} did not arrive or did not run: nothing came of it`
      : `the download of ${namesOf(open)} stalled: nothing arrived`;
    stallTimer = setTimeout(
      () => fail(`${what} for ${stallMs / 1000} seconds; the connection may be down or too weak`),
      stallMs
    );
  };

  // One boot: config.json, then the worker it names. `fresh` skips every cache. A file the web
  // server no longer has, named by a config.json that did not come fresh (an offline copy
  // older than the site), boots once more with a fresh one instead of failing.
  const boot = async (fresh) => {
    aborter = new AbortController();
    step = START;
    emit("progress", { step: 0, of: 0, label: START.label, received: 0, total: 0 }); // how many steps: config.json's
    stallMs = pageStallMs();
    watchStall(["config.json"]);
    if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
      throw plainError("this browser cannot run it: it needs WebAssembly and Web Workers");
    }
    const configURL = new URL("config.json", ASSETS);
    const sent = {};
    const config = checkConfig(await fetchJSON(configURL, aborter.signal, fresh ? "no-cache" : "default", sent));
    if (settled) return;
    // One build, one checker: the page and config.json carry the same build id. A config.json
    // from another build is never run beside this page: a kept copy is asked for fresh once;
    // if the web server itself has another build (a deploy since the page opened), the page
    // hears "outdated" and reloads into it, answers kept.
    const pageBuild = document.querySelector('meta[name="rg-build"]')?.content;
    if (pageBuild && config.build !== pageBuild) {
      if (!fresh) {
        stopBoot();
        return boot(true);
      }
      settled = true;
      stopBoot();
      broken = new Error("this page is from another version of the site");
      emit("outdated", { build: String(config.build) });
      rejectReady(broken);
      return;
    }
    stallMs = config.stallMs;
    steps = [START, ...config.steps];
    const workerURL = new URL(config.worker, configURL);
    const downloads = [...Object.keys(config.downloads).map((name) => new URL(name, configURL).href), workerURL.href];
    // A new address for each attempt after the first: a request for the old one may still be
    // stalled, and the browser would queue this one behind it.
    const address = new URL(workerURL);
    if (attempt > 1 || fresh) address.searchParams.set("attempt", `${attempt}${fresh ? "-fresh" : ""}`);
    let heard = false;
    try {
      // A classic worker: it loads pyodide.js with importScripts, so no file needs a module type.
      worker = new Worker(address);
    } catch {
      throw plainError(`the file ${fileName(workerURL)} could not be started`);
    }
    watchStall([fileName(workerURL)], fileName(workerURL)); // the worker's own script is downloading
    worker.addEventListener("error", (event) => {
      event.preventDefault(); // the browser's own words (a parser's message) stay in the console
      fail(
        heard ? `its program, ${fileName(workerURL)}, stopped with an error` : `the file ${fileName(workerURL)} could not be downloaded or run`,
        [workerURL.href]
      );
    });
    worker.addEventListener("message", ({ data }) => {
      heard = true;
      // The worker names its step; one this build's config.json does not list keeps the last.
      const named = steps.find((known) => known.id === data.step);
      if (data.type === "progress") {
        step = named || step;
        watchStall(data.open);
        const number = steps.indexOf(step);
        emit("progress", { step: number, of: steps.length - 1, label: step.label, received: data.received, total: data.total, exact: data.exact });
      } else if (data.type === "failed") {
        step = named || step;
        if (data.missing && !fresh) {
          stopBoot();
          boot(true).catch(failWith);
        } else {
          const problem = data.status ? httpProblem(fileName(new URL(data.file)), data.status) : data.problem;
          fail(problem, data.file ? [data.file] : []);
        }
      } else if (data.type === "ready" && !settled) {
        settled = true;
        isReady = true;
        clearTimeout(stallTimer);
        emit("ready", { downloads });
        resolveReady();
      } else if (data.type === "reply" && pending.has(data.id)) {
        pending.get(data.id).resolve(JSON.parse(data.response));
        pending.delete(data.id);
      }
    });
    worker.postMessage({ type: "start", config, assets: configURL.href, fresh, encoding: sent.encoding });
  };
  boot(attempt > 1).catch(failWith);

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
