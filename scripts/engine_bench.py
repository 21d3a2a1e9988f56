"""WebKit beside Chromium, for scripts/bench: the same reader, the same page code, one run.

Measured in the page, from the reader's first touch of the checker (it starts loading then,
never on page load alone; the touch comes right after the page has loaded):
  * Python ready: the worker has started Pyodide and imported the checker's rules;
  * press to plan: "Show my plan now" pressed to the plan painted (the next animation frame
    after the checker stops being busy), for a reader in a hurry (one tick, then the press at
    once: the wait is Python's start) and at a human answering pace (PACE seconds a step:
    "None of these", Continue, a medicine, what it was prescribed for, then the press);
  * where a start goes, from the status line: the downloads done (it says "Loading the Python
    runtime"), then Pyodide started, its WebAssembly instantiated and Python's own start run
    (it says "Loading the checker's rules"), then the rules imported (ready).
Cold is a fresh browser (a new Chromium profile; a new WebKit session, which starts with empty
storage); warm is the second visit of the same browser, once the service worker has kept the
runtime. Chromium is headless (Playwright); WebKit is WebKitGTK's MiniBrowser on Xvfb
(scripts/webkit_session.py), the service worker allowed in both.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# One visit: the reader's first touch at t0, answers at `pace` ms a step, then the press.
READER = """async ({pace}) => {
  const box = document.querySelector("[data-rg-checker]");
  const results = box.querySelector('[data-rg="results"]');
  const status = box.querySelector('[data-rg="status-text"]');
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const steps = {};
  let t0 = 0;
  new MutationObserver(() => { steps[status.textContent] ??= performance.now() - t0; })
    .observe(status, {childList: true, characterData: true, subtree: true});
  const painted = () => new Promise((resolve) => {
    const done = () => !box.hasAttribute("aria-busy") && !results.hidden;
    const observer = new MutationObserver(() => {
      if (done()) { observer.disconnect(); requestAnimationFrame(() => resolve(performance.now())); }
    });
    observer.observe(box, {attributes: true, subtree: true, attributeFilter: ["aria-busy", "hidden"]});
  });
  const click = (selector) => document.querySelector(selector).click();
  const onShow = (selector) => [...document.querySelectorAll(`[data-rg-step]:not([hidden]) ${selector}`)]
    .find((b) => b.checkVisibility());
  const first = document.querySelector("#rg-q-red_flags-none");
  t0 = performance.now();
  first.focus();                        // the first touch: the runtime starts loading
  first.click();
  let ready = null;
  window.relaxerChecker.ready.then(() => { ready = performance.now() - t0; });
  if (pace > 0) {
    for (const step of [() => onShow('[data-rg-action="continue"]').click(), () => click("#rg-q-relaxer-cyclobenzaprine"),
                        () => click("#rg-q-prescribed_for-recent_strain")]) {
      await sleep(pace);
      step();
    }
    await sleep(pace);
  }
  const plan = painted();
  const pressed = performance.now();
  onShow("button[type=submit]").click();  // "Show my plan now"
  const shown = await plan;
  await window.relaxerChecker.ready;
  return {ready, press: pressed - t0, pressToPlan: shown - pressed, steps};
}"""

LOADED = """() => document.readyState === "complete" ||
  new Promise((resolve) => addEventListener("load", () => resolve(true), {once: true}))"""

SW_KEPT = """async (urls) => {
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    if ((await Promise.all(urls.map((url) => cache.match(url)))).every(Boolean)) return true;
  }
  return false;
}"""


def script_module(name: str):
    """scripts/<name>.py, imported once (this folder is no package)."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


class Chromium:
    name = "Chromium (headless)"

    def __init__(self, playwright, executable: str, args: list[str]):
        self.playwright, self.executable, self.args = playwright, executable, args

    @contextlib.contextmanager
    def fresh(self):
        with tempfile.TemporaryDirectory(prefix="bench-engine-") as profile:
            context = self.playwright.chromium.launch_persistent_context(
                profile, executable_path=self.executable, args=self.args, viewport={"width": 1000, "height": 900})
            page = context.pages[0] if context.pages else context.new_page()
            try:
                yield Tab(lambda url: page.goto(url, wait_until="load"), lambda fn, arg: page.evaluate(fn, arg))
            finally:
                context.close()


class WebKit:
    name = "WebKit (WebKitGTK, Xvfb)"

    @contextlib.contextmanager
    def fresh(self):
        with script_module("webkit_session").webkit_session() as driver:
            driver.set_script_timeout(300)
            yield Tab(driver.get, lambda fn, arg: driver.execute_script(f"return ({fn})(arguments[0])", arg))


class Tab:
    def __init__(self, open_url, evaluate):
        self.open, self.evaluate = open_url, evaluate


def visit(tab: Tab, url: str, pace_ms: int) -> dict:
    tab.evaluate("() => { try { sessionStorage.clear(); } catch {} }", None)  # no answers to restore
    tab.open(url)
    # WebKitWebDriver returns once the page is parsed, before its module scripts have run.
    tab.evaluate(LOADED, None)
    return tab.evaluate(READER, {"pace": pace_ms})


def kept(tab: Tab, urls: list[str]) -> None:
    """Waits (10 s at most) until the service worker has kept the runtime for the next visit."""
    deadline = time.monotonic() + 10
    while not tab.evaluate(SW_KEPT, urls) and time.monotonic() < deadline:
        time.sleep(0.1)


def measure(engine, root: str, site: Path, runs: int, pace_s: float) -> dict[str, list[float]]:
    """{measure: [ms, ...]} for one engine: `runs` rounds of two fresh browsers each."""
    config = json.loads((site / "assets/checker/config.json").read_text())
    runtime = [f"{root}assets/checker/{name}" for name in config["downloads"]]
    out: dict[str, list[float]] = {}
    add = lambda key, value: out.setdefault(key, []).append(value)  # noqa: E731
    for _ in range(runs):
        for pace, label in ((0, "at once"), (int(pace_s * 1000), "paced")):
            with engine.fresh() as tab:
                for warmth in ("cold", "warm"):
                    result = visit(tab, root, pace)
                    add(f"ready {warmth}", result["ready"])
                    add(f"plan {label} {warmth}", result["pressToPlan"])
                    if label == "paced":
                        add(f"press {warmth}", result["press"])
                    for key, words in (("downloaded", "Python runtime"), ("runtime loaded", "checker's rules")):
                        at = [at for text, at in result["steps"].items() if words in text]
                        if at:
                            add(f"{key} {warmth}", at[0])
                    if warmth == "cold":
                        kept(tab, runtime)
    return out


def cell(values: list[float] | None) -> str:
    if not values:
        return "-"
    return f"{statistics.median(values) / 1000:.2f} s ({min(values) / 1000:.2f} to {max(values) / 1000:.2f})"


def report(results: dict[str, dict[str, list[float]]], pace_s: float) -> None:
    press = next((statistics.median(r["press cold"]) / 1000 for r in results.values() if r.get("press cold")), 0)
    rows = [
        ("first touch -> Python ready, cold", "ready cold"),
        ("first touch -> Python ready, warm", "ready warm"),
        ("  of which the downloads done, cold", "downloaded cold"),
        ("  of which Pyodide started (before the rules), cold", "runtime loaded cold"),
        ("  of which Pyodide started, warm", "runtime loaded warm"),
        ("press -> plan, pressed at once after one tick, cold", "plan at once cold"),
        ("press -> plan, pressed at once after one tick, warm", "plan at once warm"),
        (f"press -> plan at a human pace ({pace_s:g} s a step, press at {press:.1f} s), cold", "plan paced cold"),
        ("press -> plan at a human pace, warm", "plan paced warm"),
    ]
    names = list(results)
    table = [("measure (median, range)", *names)] + [
        (label, *(cell(results[name].get(key)) for name in names)) for label, key in rows]
    width = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    print("\nWebKit beside Chromium: from the first touch of the checker (runs: "
          f"{len(next(iter(results.values()))['ready cold'])} per cell)\n")
    for row in [table[0], tuple("-" * w for w in width), *table[1:]]:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, width)).rstrip())
