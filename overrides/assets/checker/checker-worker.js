// The checker's worker: loads the self-hosted Pyodide runtime and the decision wheel, then
// answers JSON requests with decision.browser.handle. A module worker, so the page stays
// responsive while Python starts. Every URL it is given comes from the site's own origin.
//
// Messages in:  {type: "start", indexURL, wheelURL, sitePackages}
//               {type: "call", id, request: "<JSON string>"}
// Messages out: {type: "progress", step, of, label}, {type: "ready"}, {type: "failed", message},
//               {type: "reply", id, response: "<JSON string>"}

let handle = null;

const progress = (step, label) => self.postMessage({ type: "progress", step, of: 3, label });

async function start({ indexURL, wheelURL, sitePackages }) {
  progress(1, "Loading the Python runtime");
  const { loadPyodide } = await import(`${indexURL}pyodide.mjs`);
  const pyodide = await loadPyodide({ indexURL });
  progress(2, "Loading the checker's rules");
  const response = await fetch(wheelURL);
  if (!response.ok) {
    throw new Error(`the checker's rules could not be downloaded (HTTP ${response.status})`);
  }
  pyodide.unpackArchive(await response.arrayBuffer(), "wheel", { extractDir: sitePackages });
  handle = pyodide.pyimport("decision.browser").handle;
  progress(3, "Ready");
}

function call(request) {
  try {
    return handle(request);
  } catch (error) {
    // decision.browser.handle never raises by contract; if it does, the page still gets JSON.
    return JSON.stringify({ ok: false, error: String(error && error.message || error), field: null });
  }
}

self.addEventListener("message", async ({ data }) => {
  if (data.type === "start") {
    try {
      await start(data);
      self.postMessage({ type: "ready" });
    } catch (error) {
      self.postMessage({ type: "failed", message: String(error && error.message || error) });
    }
  } else if (data.type === "call") {
    self.postMessage({ type: "reply", id: data.id, response: call(data.request) });
  }
});
