// The checker's worker: loads the self-hosted Pyodide runtime and the decision wheel, then
// answers JSON requests with decision.browser.handle, off the page's thread so the page stays
// responsive while Python starts. Every URL it is given comes from the site's own origin.
//
// A classic worker that loads the runtime with importScripts("pyodide.js"): every file it
// fetches ends in .js, .wasm, .zip or .json, names that stock servers (nginx, Apache, Caddy,
// python -m http.server, GitHub Pages) send with types browsers accept. A module worker would
// need pyodide.mjs, which stock nginx sends as application/octet-stream, and browsers refuse.
//
// Messages in:  {type: "start", indexURL, wheelURL, sitePackages}
//               {type: "call", id, request: "<JSON string>"}
// Messages out: {type: "progress", step, of, label}, {type: "ready"}, {type: "failed", message},
//               {type: "reply", id, response: "<JSON string>"}

let handle = null;
let step = "start"; // what was loading, for a failure message a reader can follow

const STEPS = { runtime: 1, rules: 2, ready: 3 };
const LABELS = {
  runtime: "Loading the Python runtime",
  rules: "Loading the checker's rules",
  ready: "Ready",
};
const FAILURES = {
  start: "it could not start",
  runtime: "the Python runtime could not be loaded",
  rules: "the checker's rules could not be loaded",
};

function progress(name) {
  step = name;
  self.postMessage({ type: "progress", step: STEPS[name], of: 3, label: LABELS[name] });
}

function failed(error) {
  const detail = String((error && error.message) || error).split("\n")[0];
  self.postMessage({ type: "failed", message: `${FAILURES[step] || FAILURES.start} (${detail})` });
}

// Pyodide can wait forever, with no error, when its .wasm cannot be downloaded or comes with
// the wrong type: ask the server first (headers only), so either fails at once, in words, not
// at the deadline. Only a clear answer counts: a host that refuses HEAD requests, or sends no
// type, still gets to serve the file.
const WASM_TYPE = "application/wasm";

async function checkDownloadable(url) {
  const name = url.split("/").pop();
  let response;
  try {
    response = await fetch(url, { method: "HEAD", cache: "no-store" });
  } catch (error) {
    throw new Error(`${name} could not be downloaded`);
  }
  if (response.status === 404 || response.status === 410) {
    throw new Error(`${name}: HTTP ${response.status}`);
  }
  const type = (response.headers.get("Content-Type") || "").split(";")[0].trim().toLowerCase();
  if (response.ok && type && type !== WASM_TYPE) {
    throw new Error(
      `the web server sends the file ${name} with the wrong type ("${type}"). ` +
        `The site's owner must set the server to send .wasm files as "${WASM_TYPE}"`,
    );
  }
}

async function start({ indexURL, wheelURL, stdLibURL, sitePackages }) {
  progress("runtime");
  await checkDownloadable(`${indexURL}pyodide.asm.wasm`);
  importScripts(`${indexURL}pyodide.js`); // defines self.loadPyodide
  // stdLibURL: the build's trimmed, precompiled standard library (sitebuild/stdlib.py).
  const pyodide = await self.loadPyodide({ indexURL, stdLibURL });
  progress("rules");
  const response = await fetch(wheelURL);
  if (!response.ok) {
    throw new Error(`HTTP ${response.status}`);
  }
  pyodide.unpackArchive(await response.arrayBuffer(), "wheel", { extractDir: sitePackages });
  handle = pyodide.pyimport("decision.browser").handle;
  progress("ready");
}

function call(request) {
  try {
    return handle(request);
  } catch (error) {
    // decision.browser.handle never raises by contract; if it does, the page still gets JSON.
    return JSON.stringify({ ok: false, error: String(error && error.message || error), field: null });
  }
}

// Pyodide reports some start-up failures (such as a blocked .wasm download) only as an
// unhandled rejection; pass them on instead of waiting for the page's deadline.
self.addEventListener("unhandledrejection", (event) => {
  if (handle) return;
  event.preventDefault();
  failed(event.reason);
});

// A Content-Security-Policy without 'wasm-unsafe-eval' makes Pyodide wait forever: say so now.
self.addEventListener("securitypolicyviolation", (event) => {
  if (!handle) failed(new Error(`the site's security policy blocks it (${event.effectiveDirective})`));
});

self.addEventListener("message", async ({ data }) => {
  if (data.type === "start") {
    try {
      await start(data);
      self.postMessage({ type: "ready" });
    } catch (error) {
      failed(error);
    }
  } else if (data.type === "call") {
    self.postMessage({ type: "reply", id: data.id, response: call(data.request) });
  }
});
