// The checker's worker: loads the self-hosted Pyodide runtime and the decision wheel, then
// answers JSON requests with decision.browser.handle, off the page's thread so the page stays
// responsive while Python starts. Every URL it is given comes from the site's own origin.
//
// A classic worker that loads the runtime with importScripts("pyodide.js"): every file it
// fetches ends in .js, .wasm, .zip or .json, names that stock servers (nginx, Apache, Caddy,
// python -m http.server, GitHub Pages) send with types browsers accept. A module worker would
// need pyodide.mjs, which stock nginx sends as application/octet-stream, and browsers refuse.
//
// No fixed deadline: every download, Pyodide's own included (it calls the global fetch), goes
// through a counting fetch, and each report says how many bytes have arrived of the total and
// whether a download is still open. The page stops the load only when no byte arrives for a
// while, and this worker stops it at once when a file comes back wrong, naming the file.
//
// Messages in:  {type: "start", indexURL, wheelURL, stdLibURL, lock, sitePackages, downloads: {url: bytes}}
//               {type: "call", id, request: "<JSON string>"}
// Messages out: {type: "progress", step, of, label, received, total, active},
//               {type: "ready"}, {type: "failed", message},
//               {type: "reply", id, response: "<JSON string>"}

let handle = null;
let step = "start"; // what was loading, for a failure message a reader can follow
let gaveUp = false;

const STEPS = { start: 0, runtime: 1, rules: 2, ready: 3 };
const LABELS = {
  start: "Starting",
  runtime: "Loading the Python runtime",
  rules: "Loading the checker's rules",
  ready: "Ready",
};
const FAILURES = {
  start: "it could not start",
  runtime: "the Python runtime could not be loaded",
  rules: "the checker's rules could not be loaded",
};

// Bytes ----------------------------------------------------------------------------------------
let expected = {}; // absolute URL -> size on disk, from config.json
let total = 0;
let received = 0;
let active = 0; // downloads open now: while one is, silence means a stall
let lastReport = 0;

function report(force = false) {
  const now = Date.now();
  if (!force && now - lastReport < 150) return;
  lastReport = now;
  self.postMessage({ type: "progress", step: STEPS[step], of: 3, label: LABELS[step], received, total, active });
}

function progress(name) {
  step = name;
  report(true);
}

// Stops the start now, with the reason in words; later faults add nothing.
function failed(error, during = step) {
  if (gaveUp || handle) return;
  gaveUp = true;
  self.postMessage({ type: "failed", message: `${FAILURES[during] || FAILURES.start} (${plainWords(error)})` });
}

// A reader sees words, not a Python traceback or a parser's message.
function plainWords(error) {
  if (error && error.plain) return error.message;
  const text = String((error && error.message) || error || "");
  if (!text || /Traceback|Error:|NoneType|Unexpected token|Aborted\(/.test(text)) {
    return "one of its files could not be used";
  }
  return text.split("\n")[0];
}

function plain(message) {
  return Object.assign(new Error(message), { plain: true });
}

const WASM_TYPE = "application/wasm";
const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d]; // "\0asm": every WebAssembly file starts so

// What is wrong with a response for one of the runtime's files, in words, or null.
function responseProblem(response, name) {
  if (response.status === 404 || response.status === 410) {
    return `the file ${name} is missing from the web server (HTTP ${response.status})`;
  }
  if (!response.ok) return `the web server answered with an error for the file ${name} (HTTP ${response.status})`;
  const type = (response.headers.get("Content-Type") || "").split(";")[0].trim().toLowerCase();
  // Only a clear wrong answer counts: a host that sends no type still gets to serve the file.
  if (name.endsWith(".wasm") && type && type !== WASM_TYPE) {
    return (
      `the web server sends the file ${name} with the wrong type ("${type}"). ` +
      `The site's owner must set the server to send .wasm files as "${WASM_TYPE}"`
    );
  }
  return null;
}

const networkFetch = self.fetch.bind(self);

self.fetch = async function countedFetch(input, init) {
  const url = new URL(input instanceof Request ? input.url : String(input), self.location.href).href;
  const name = url.split("?")[0].split("/").pop();
  const size = expected[url];
  const during = name.endsWith(".whl") ? "rules" : "runtime";
  const done = () => {
    active -= 1;
    report(true);
  };
  active += 1;
  report(true);
  let response;
  try {
    response = await networkFetch(input, init);
  } catch (error) {
    done();
    if (size !== undefined) failed(plain(`the file ${name} could not be downloaded (is the connection down?)`), during);
    throw error;
  }
  const problem = size === undefined ? null : responseProblem(response, name);
  if (problem) {
    done();
    failed(plain(problem), during);
    throw plain(problem);
  }
  if (!response.body) {
    done();
    return response;
  }
  const reader = response.body.getReader();
  let count = 0;
  const body = new ReadableStream({
    async pull(controller) {
      let part;
      try {
        part = await reader.read();
      } catch (error) {
        done();
        if (size !== undefined) failed(plain(`the download of the file ${name} broke off part-way`), during);
        controller.error(error);
        return;
      }
      if (part.done) {
        done();
        if (size !== undefined && count !== size) {
          failed(plain(`the file ${name} arrived incomplete (${count} of ${size} bytes)`), during);
        }
        controller.close();
        return;
      }
      if (count === 0 && name.endsWith(".wasm") && !WASM_MAGIC.every((byte, i) => part.value[i] === byte)) {
        failed(plain(`the file ${name} is damaged (it is not a WebAssembly program)`), during);
      }
      count += part.value.byteLength;
      received += part.value.byteLength;
      report();
      controller.enqueue(part.value);
    },
    cancel(reason) {
      done();
      return reader.cancel(reason);
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
};

// A damaged .wasm of the right size fails only when it is compiled: say so, in words.
for (const method of ["instantiateStreaming", "instantiate", "compileStreaming", "compile"]) {
  const original = typeof WebAssembly === "object" ? WebAssembly[method] : undefined;
  if (typeof original !== "function") continue;
  WebAssembly[method] = function (...args) {
    return original.apply(this, args).catch((error) => {
      // A policy without 'wasm-unsafe-eval' refuses to compile with the same error type.
      if (/Content Security Policy|unsafe-eval/.test(String(error && error.message))) {
        failed(plain("the site's security policy blocks it (script-src)"));
      } else if (error instanceof WebAssembly.CompileError) {
        failed(plain("the file pyodide.asm.wasm is damaged (it is not a working program)"));
      }
      throw error;
    });
  };
}

// Downloads a file through the counting fetch, so its bytes show; the HTTP cache keeps it for
// importScripts, which cannot be counted.
async function download(url) {
  const response = await self.fetch(url);
  return response.arrayBuffer();
}

async function start({ indexURL, wheelURL, stdLibURL, lock, sitePackages, downloads }) {
  expected = downloads || {};
  total = Object.values(expected).reduce((sum, size) => sum + size, 0);
  progress("runtime");
  const wheel = download(wheelURL); // small: fetched while the runtime loads
  wheel.catch(() => {}); // its failure is reported when it is used
  await Promise.all([download(`${indexURL}pyodide.js`), download(`${indexURL}pyodide.asm.js`)]);
  if (gaveUp) return false;
  importScripts(`${indexURL}pyodide.js`); // defines self.loadPyodide
  // stdLibURL: the build's trimmed, precompiled standard library (sitebuild/stdlib.py).
  // lock: the package index's info, inline (sitebuild/runtime.py), so no lock file is fetched;
  // packageBaseUrl: the site's own copy, so no address of another host is even formed.
  const pyodide = await self.loadPyodide({ indexURL, stdLibURL, lockFileContents: lock, packageBaseUrl: indexURL });
  if (gaveUp) return false;
  progress("rules");
  const bytes = await wheel;
  const wheelName = wheelURL.split("/").pop();
  try {
    pyodide.unpackArchive(bytes, "wheel", { extractDir: sitePackages });
    handle = pyodide.pyimport("decision.browser").handle;
  } catch {
    throw plain(`the file ${wheelName} is damaged`);
  }
  progress("ready");
  return true;
}

function call(request) {
  try {
    return handle(request);
  } catch (error) {
    // decision.browser.handle never raises by contract; if it does, the page still gets JSON.
    return JSON.stringify({ ok: false, error: "The checker could not work out an answer.", field: null });
  }
}

// Pyodide reports some start-up failures (such as a blocked .wasm download) only as an
// unhandled rejection; pass them on instead of waiting.
self.addEventListener("unhandledrejection", (event) => {
  if (handle) return;
  event.preventDefault();
  failed(event.reason);
});

// A Content-Security-Policy without 'wasm-unsafe-eval' makes Pyodide wait forever: say so now.
self.addEventListener("securitypolicyviolation", (event) => {
  failed(plain(`the site's security policy blocks it (${event.effectiveDirective})`));
});

self.addEventListener("message", async ({ data }) => {
  if (data.type === "start") {
    try {
      if (await start(data)) self.postMessage({ type: "ready" });
    } catch (error) {
      failed(error);
    }
  } else if (data.type === "call") {
    self.postMessage({ type: "reply", id: data.id, response: call(data.request) });
  }
});
