// The checker's worker: loads the self-hosted Pyodide runtime and the decision wheel, then
// answers JSON requests with decision.browser.handle, off the page's thread so the page stays
// responsive while Python starts. Every URL it loads comes from config.json, on the site's own
// origin; the build puts this script in a folder named by its hash, beside nothing else, and
// config.json names it, so the worker, the runtime and the wheel are always of one build.
//
// A classic worker that loads the runtime with importScripts("pyodide.js"): every file it
// fetches ends in .js, .wasm, .zip or .json, names that stock servers (nginx, Apache, Caddy,
// python -m http.server, GitHub Pages) send with types browsers accept. A module worker would
// need pyodide.mjs, which stock nginx sends as application/octet-stream, and browsers refuse.
//
// No fixed deadline: every download, Pyodide's own included (it calls the global fetch), goes
// through a counting fetch, and each report says how many bytes have arrived of the total and
// which downloads are still open. The page stops the load only when no byte arrives for a
// while; this worker stops it at once when a file comes back wrong, naming the file. Each
// download is checked against its size and SHA-256 from config.json before it is used.
//
// Messages in:  {type: "start", config, assets, fresh, encoding}   (config.json, the URL it
//               came from, whether to fetch past every cache: a "Try again", and the
//               Content-Encoding config.json came with: how this host likely sends the rest)
//               {type: "call", id, request: "<JSON string>"}
// Messages out: {type: "progress", step, received, total, exact, open: [file names]}
//               (bytes on the wire: see wireTotals),
//               {type: "ready"}, {type: "failed", step, problem, file, missing, status},
//               {type: "reply", id, response: "<JSON string>"}
// `step` is "start", "runtime", "rules" or "ready" (the page words them); `problem` is plain
// words naming the file; `file` its URL, if one file is at fault; `missing` when the web server
// has no such file (an old config.json after a new deploy, say); `status` an HTTP error's
// status, which the page words (runtime.js httpProblem), as for the files it fetches itself.

let handle = null;
let step = "start"; // what is loading, for a failure message a reader can follow
let gaveUp = false;
let fresh = false; // a "Try again": every download skips the caches
let wheelURL = "";

// Bytes ----------------------------------------------------------------------------------------
let expected = {}; // absolute URL -> {bytes, sha256, br?, gzip?}, from config.json
let likely = ""; // the Content-Encoding this host likely uses, until a file's own answer says
const wire = new Map(); // URL -> {size, exact}: its size on the wire, from its answer's headers
const counted = new Map(); // URL -> bytes of it received, after any decompression
const open = new Map(); // URL -> downloads of it open now: while one is, silence means a stall
let lastReport = 0;

const nameOf = (url) => String(url).split("?")[0].split("/").pop();

// What the reader's connection carries: a file sent compressed counts its compressed bytes.
// Its answer's Content-Length is that size exactly; a host that compresses on the fly sends
// none, and config.json's size for the encoding stands in. A file not answered yet counts as
// the encoding config.json came with. Bytes received count in proportion as they decompress.
function wireTotals() {
  let total = 0;
  let received = 0;
  let exact = true;
  for (const [url, facts] of Object.entries(expected)) {
    const known = wire.get(url);
    const size = known ? known.size : facts[likely] || facts.bytes;
    total += size;
    received += Math.min(size, ((counted.get(url) || 0) * size) / (facts.bytes || 1));
    exact = exact && Boolean(known?.exact);
  }
  return { total: Math.round(total), received: Math.round(received), exact };
}

function sizeOnWire(response, facts) {
  const encoding = (response.headers.get("Content-Encoding") || "").trim().toLowerCase();
  const length = Number(response.headers.get("Content-Length")) || 0;
  if (!encoding || encoding === "identity") return { size: length || facts.bytes, exact: true };
  return length ? { size: length, exact: true } : { size: facts[encoding] || facts.bytes, exact: false };
}

function report(force = false) {
  const now = Date.now();
  if (!force && now - lastReport < 150) return;
  lastReport = now;
  self.postMessage({ type: "progress", step, ...wireTotals(), open: [...open.keys()].map(nameOf) });
}

function progress(name) {
  step = name;
  report(true);
}

// A problem in plain words, naming the file; anything else a start throws (a parser's or
// Python's message) never reaches the reader.
function plain(message, { file = null, missing = false, status = 0 } = {}) {
  return Object.assign(new Error(message), { plain: true, file, missing, status });
}

// What the reader is told when an error carries no plain words of ours: the step's files.
function unplainProblem() {
  if (step === "rules") return `the file ${nameOf(wheelURL)} could not be used`;
  if (step === "runtime") return "Python did not start from its files (pyodide.js, pyodide.asm.js, pyodide.asm.wasm, python_stdlib.zip)";
  return "its program did not run";
}

// Stops the start now, with the reason in words; later faults add nothing.
function failed(error, during = step) {
  if (gaveUp || handle) return;
  gaveUp = true;
  const known = Boolean(error && error.plain);
  self.postMessage({
    type: "failed",
    step: during,
    problem: known ? error.message : unplainProblem(),
    file: known ? error.file : null,
    missing: known && error.missing,
    status: known ? error.status : 0,
  });
}

const WASM_TYPE = "application/wasm";
const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d]; // "\0asm": every WebAssembly file starts so

// What is wrong with a response for one of the runtime's files, as a plain error, or null.
function responseProblem(response, url) {
  const name = nameOf(url);
  if (!response.ok) {
    // The page words an HTTP error (runtime.js httpProblem), as for the files it fetches itself.
    const missing = response.status === 404 || response.status === 410;
    return plain(`HTTP ${response.status}`, { file: url, missing, status: response.status });
  }
  const type = (response.headers.get("Content-Type") || "").split(";")[0].trim().toLowerCase();
  if (type === "text/html") {
    return plain(`the web server sent a web page instead of the file ${name}`, { file: url });
  }
  // Only a clear wrong answer counts: a host that sends no type still gets to serve the file.
  if (name.endsWith(".wasm") && type && type !== WASM_TYPE) {
    return plain(
      `the web server sends the file ${name} with the wrong type ("${type}"). ` +
        `The site's owner must set the server to send .wasm files as "${WASM_TYPE}"`,
      { file: url }
    );
  }
  return null;
}

async function sha256(parts, length) {
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

const networkFetch = self.fetch.bind(self);

self.fetch = async function countedFetch(input, init) {
  const url = new URL(input instanceof Request ? input.url : String(input), self.location.href).href;
  const name = nameOf(url);
  const facts = expected[url];
  const during = url === wheelURL ? "rules" : "runtime";
  const bad = (error) => {
    failed(error, during);
    return error;
  };
  // Past the offline copy (which answers such a request from the network); the HTTP cache
  // serves only what the web server confirms unchanged.
  if (fresh && facts) init = { ...init, cache: "no-cache" };
  open.set(url, (open.get(url) || 0) + 1);
  const done = () => {
    if (open.get(url) > 1) open.set(url, open.get(url) - 1);
    else open.delete(url);
    report(true);
  };
  report(true);
  let response;
  try {
    response = await networkFetch(input instanceof Request ? new Request(input, init) : input, init);
  } catch (error) {
    done();
    if (facts) throw bad(plain(`the file ${name} could not be downloaded (is the connection down?)`, { file: url }));
    throw error;
  }
  const problem = facts ? responseProblem(response, url) : null;
  if (problem) {
    done();
    throw bad(problem);
  }
  if (facts) wire.set(url, sizeOnWire(response, facts));
  if (!response.body) {
    done();
    return response;
  }
  const reader = response.body.getReader();
  const parts = [];
  let count = 0;
  let page = false; // it starts like HTML: a web page the host sent in its place
  const body = new ReadableStream({
    async pull(controller) {
      let part;
      try {
        part = await reader.read();
      } catch (error) {
        done();
        controller.error(facts ? bad(plain(`the download of the file ${name} broke off part-way`, { file: url })) : error);
        return;
      }
      if (part.done) {
        done();
        // Checked before the file is used: a page the host sent instead, a cut-short or a
        // damaged copy is named here, not by whatever fails to read it.
        if (facts && page && (count !== facts.bytes || (await sha256(parts, count)) !== facts.sha256)) {
          controller.error(bad(plain(`the web server sent a web page instead of the file ${name}`, { file: url })));
        } else if (facts && count < facts.bytes) {
          controller.error(bad(plain(`the file ${name} arrived incomplete (${count} of ${facts.bytes} bytes)`, { file: url })));
        } else if (facts && (count !== facts.bytes || (await sha256(parts, count)) !== facts.sha256)) {
          controller.error(bad(plain(`the file ${name} is damaged (it is not the file this site built)`, { file: url })));
        } else {
          controller.close();
        }
        return;
      }
      if (count === 0) page = /^\s*</.test(new TextDecoder().decode(part.value.subarray(0, 64)));
      if (count === 0 && name.endsWith(".wasm") && !WASM_MAGIC.every((byte, i) => part.value[i] === byte)) {
        failed(plain(`the file ${name} is damaged (it is not a WebAssembly program)`, { file: url }), during);
      }
      count += part.value.byteLength;
      if (facts) counted.set(url, (counted.get(url) || 0) + part.value.byteLength);
      if (facts) parts.push(part.value);
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
      if (/Content Security Policy|unsafe-eval/i.test(String(error && error.message))) {
        failed(plain("the site's security policy blocks it (script-src)"));
      } else if (error instanceof WebAssembly.CompileError) {
        failed(plain("the file pyodide.asm.wasm is damaged (it is not a working program)"));
      }
      throw error;
    });
  };
}

// Downloads a file through the counting fetch, so its bytes show and are checked; the HTTP
// cache (or the offline copy) keeps it for importScripts, which cannot be counted.
async function download(url) {
  const response = await self.fetch(url);
  return response.arrayBuffer();
}

// Runs one of the runtime's scripts, checked already by download().
function run(url) {
  try {
    importScripts(url);
  } catch {
    throw plain(`the file ${nameOf(url)} could not be run`, { file: url });
  }
}

async function start({ config, assets, fresh: again, encoding }) {
  fresh = Boolean(again);
  likely = String(encoding || "").toLowerCase();
  const url = (path) => new URL(path, assets).href;
  expected = Object.fromEntries(Object.entries(config.downloads || {}).map(([path, facts]) => [url(path), facts]));
  const indexURL = url(config.pyodideIndex);
  wheelURL = url(config.wheel);
  progress("runtime");
  const wheel = download(wheelURL); // small: fetched while the runtime loads
  wheel.catch(() => {}); // its failure is reported when it is used
  await Promise.all([download(`${indexURL}pyodide.js`), download(`${indexURL}pyodide.asm.js`)]);
  if (gaveUp) return false;
  run(`${indexURL}pyodide.js`); // defines self.loadPyodide
  // stdLibURL: the build's trimmed, precompiled standard library (sitebuild/stdlib.py).
  // lock: the package index's info, inline (sitebuild/runtime_files.py), so no lock file is fetched;
  // packageBaseUrl: the site's own copy, so no address of another host is even formed.
  const pyodide = await self.loadPyodide({
    indexURL,
    stdLibURL: url(config.stdlib),
    lockFileContents: config.lock,
    packageBaseUrl: indexURL,
  });
  if (gaveUp) return false;
  progress("rules");
  const bytes = await wheel;
  try {
    pyodide.unpackArchive(bytes, "wheel", { extractDir: config.sitePackages });
    handle = pyodide.pyimport("decision.browser").handle;
  } catch {
    throw plain(`the file ${nameOf(wheelURL)} is damaged`, { file: wheelURL });
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
