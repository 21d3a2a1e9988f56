// Runs the decision wheel inside Pyodide under Node, the way the browser worker does, and
// prints the replies of decision.browser.handle for a list of answer sets as one JSON list.
//
//   node tests/node/run_plans.mjs <the site's assets/checker/config.json> <answers json file>
//
// The answers file holds a JSON list of answer objects. Each reply is the parsed JSON that
// handle() returned for {"op": "plan", "answers": ...}; stderr ends with "python 3.x.y". Nothing is fetched from the network:
// Pyodide, its standard library and the wheel are the files config.json names, as in the browser.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";

async function main() {
  const [configPath, answersPath] = process.argv.slice(2);
  if (!configPath || !answersPath) {
    console.error("usage: node run_plans.mjs <config.json> <answers json file>");
    process.exit(2);
  }
  const config = JSON.parse(await readFile(configPath, "utf8"));
  const assets = path.dirname(path.resolve(configPath));
  const indexURL = path.join(assets, config.pyodideIndex);
  // The site ships the classic-script build (pyodide.js), which Node loads with require.
  const { loadPyodide } = createRequire(import.meta.url)(path.join(indexURL, "pyodide.js"));
  // As the worker does: the trimmed standard library, and the lock's info inline (no lock file ships).
  const pyodide = await loadPyodide({
    indexURL,
    stdLibURL: path.join(assets, config.stdlib),
    lockFileContents: config.lock,
    packageBaseUrl: indexURL,
    stdout: () => {},
    stderr: (line) => console.error(line),
  });

  const wheel = await readFile(path.join(assets, config.wheel));
  const minor = pyodide.runPython("import sys; f'{sys.version_info[0]}.{sys.version_info[1]}'");
  pyodide.unpackArchive(new Uint8Array(wheel), "wheel", {
    extractDir: `/lib/python${minor}/site-packages`,
  });
  pyodide.runPython("import decision.browser");
  // A kept proxy to handle(), as the worker keeps one: one lookup, many calls.
  const handle = pyodide.runPython("decision.browser.handle");

  const answerSets = JSON.parse(await readFile(answersPath, "utf8"));
  const replies = answerSets.map((answers) =>
    JSON.parse(handle(JSON.stringify({ op: "plan", answers }))),
  );
  handle.destroy();
  // The interpreter goes to stderr, so stdout stays exactly the JSON list of replies.
  console.error(`python ${pyodide.runPython("import sys; sys.version.split()[0]")}`);
  process.stdout.write(JSON.stringify(replies) + "\n");
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
