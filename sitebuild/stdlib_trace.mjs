// Which standard-library files the checker uses, measured under Pyodide itself (in Node).
//
//   node sitebuild/stdlib_trace.mjs <pyodide dir> <wheel> <requests json file> [stdlib zip]
//
// Does what the browser worker does (start the runtime, unpack the wheel, import
// decision.browser, call handle) for every request in the file, plus one Python error (the
// path that formats a traceback), then prints one JSON object:
//   {"python": "3.13.x", "files": [paths inside the stdlib zip of every module loaded],
//    "replies": [handle's reply to each request]}
// CPython's -X importtime cannot stand in: it misses the modules Pyodide itself imports.
// With a stdlib zip, that zip is loaded instead of the runtime's (stdLibURL, as the worker
// does), so the build can check the trimmed one gives the same replies.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";

const LIST_FILES = `
import json, sys
zips = [entry for entry in sys.path if entry.endswith(".zip")]
files = set()
for module in list(sys.modules.values()):
    origin = getattr(getattr(module, "__spec__", None), "origin", None) or getattr(module, "__file__", None)
    for prefix in zips:
        if isinstance(origin, str) and origin.startswith(prefix + "/"):
            files.add(origin[len(prefix) + 1:])
json.dumps(sorted(files))
`;

async function main() {
  const [pyodideDir, wheelPath, requestsPath, stdlibZip] = process.argv.slice(2);
  if (!pyodideDir || !wheelPath || !requestsPath) {
    console.error("usage: node stdlib_trace.mjs <pyodide dir> <wheel> <requests json file> [stdlib zip]");
    process.exit(2);
  }
  const indexURL = path.resolve(pyodideDir) + path.sep;
  const { loadPyodide } = createRequire(import.meta.url)(path.join(indexURL, "pyodide.js"));
  const options = { indexURL, stdout: () => {}, stderr: (line) => console.error(line) };
  if (stdlibZip) options.stdLibURL = path.resolve(stdlibZip);
  const pyodide = await loadPyodide(options);

  const minor = pyodide.runPython("import sys; f'{sys.version_info[0]}.{sys.version_info[1]}'");
  pyodide.unpackArchive(new Uint8Array(await readFile(wheelPath)), "wheel", {
    extractDir: `/lib/python${minor}/site-packages`,
  });
  const handle = pyodide.pyimport("decision.browser").handle;
  const requests = JSON.parse(await readFile(requestsPath, "utf8"));
  const replies = [];
  for (const request of requests) {
    const reply = JSON.parse(handle(typeof request === "string" ? request : JSON.stringify(request)));
    replies.push(reply);
    // A share token from a plan is decoded too: the page does it for a share link.
    if (reply.share) replies.push(JSON.parse(handle(JSON.stringify({ op: "decode", token: reply.share }))));
  }
  handle.destroy();
  try {
    pyodide.runPython("raise ValueError('a traceback, as a failing call would format one')");
  } catch (error) {
    // Expected: it loads what turning a Python error into a JavaScript one needs.
  }
  const python = pyodide.runPython("import sys; sys.version.split()[0]");
  const files = JSON.parse(pyodide.runPython(LIST_FILES));
  process.stdout.write(JSON.stringify({ python, files, replies }) + "\n");
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
