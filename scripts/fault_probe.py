"""Serves the built site with one broken file at a time and prints what a reader is told.

    .venv/bin/python scripts/fault_probe.py [SITE] [--service-worker] [--only NAME]

For each of the checker's files (config.json, the worker script, the three Pyodide files, the
standard library, the wheel) and each way a host can get one wrong (missing, a server error, a
web page sent instead, empty, cut short, broken off, damaged, the wrong type, a stall), a fresh
headless Chromium opens the start page of a fresh server, asks for a plan, and notes the message.
The fault is served once; then "Try again" must give the plan. With --service-worker the site's
offline copy is allowed (a first visit lets it install) and a reload must also give the plan.

It prints a row per case and a summary: raw browser or parser text in a message (the words of
RAW below, case-insensitive), messages that name neither the file nor the step, and cases where
"Try again" did not recover. It asserts nothing; tests/test_checker_*.py pin the behaviour.
"""

from __future__ import annotations

import argparse
import json
import mimetypes
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from support.checker import ERROR, READY, RESULTS, send  # noqa: E402
from support.browsers import CHROMIUM, CHROMIUM_ARGS, NO_SERVICE_WORKER  # noqa: E402
from support.servers import StaticServer  # noqa: E402

# Text that only a browser, a parser or Python writes: a reader must never see it.
RAW = ("failed to execute", "importscripts", "unexpected token", "syntaxerror", "typeerror",
       "referenceerror", "traceback", "nonetype", "aborted(", "uncaught", "workerglobalscope",
       "undefined", "[object", "error:")
# How the checker names its steps, and how the build before issue 19 did.
STEPS = ("could not start", "could not be loaded")
FILES = ("config.json", "checker-worker.js", "/pyodide.js", "pyodide.asm.js", "pyodide.asm.wasm",
         "python_stdlib.zip", ".whl")
STALL_MS = 3000


def real_bytes(handler) -> bytes:
    return Path(handler.translate_path(handler.path.split("?")[0])).read_bytes()


def typed(handler) -> str:
    return mimetypes.guess_type(handler.path.split("?")[0])[0] or "application/octet-stream"


def broken_off(handler):
    body = real_bytes(handler)
    send(handler, body[: len(body) // 2], typed(handler), length=len(body))
    handler.wfile.flush()
    handler.close_connection = True


def damaged(handler):
    body = bytearray(real_bytes(handler))
    middle = len(body) // 2
    body[middle:middle + 64] = bytes(byte ^ 0xFF for byte in body[middle:middle + 64])
    send(handler, bytes(body), typed(handler))


def stall(release):
    return lambda handler: release.wait(120)


def faults(site: Path, release: threading.Event) -> dict:
    page = (site / "404.html").read_bytes()
    return {
        "missing": lambda h: h.send_error(404),
        "server-error": lambda h: h.send_error(500),
        "web-page": lambda h: send(h, page, "text/html"),
        "web-page-typed": lambda h: send(h, page, typed(h)),
        "empty": lambda h: send(h, b"", typed(h)),
        "cut-short": lambda h: send(h, real_bytes(h)[: len(real_bytes(h)) // 2], typed(h)),
        "broken-off": broken_off,
        "damaged": damaged,
        "wrong-type": lambda h: send(h, real_bytes(h), "text/plain"),
        "stall": stall(release),
    }


def short_stall_config(site: Path):
    config = json.loads((site / "assets/checker/config.json").read_text())
    body = json.dumps({**config, "stallMs": STALL_MS}).encode()
    return lambda handler: send(handler, body, "application/json")


def once(fault):
    """The fault for the first request, then the real file (the host is fixed)."""
    calls = []

    def serve(handler):
        calls.append(handler.path)
        if len(calls) > 1:
            return False
        fault(handler)
        return True

    return serve


def outcome(page, timeout_ms: float) -> str:
    page.wait_for_selector(f"{RESULTS}, {ERROR}", timeout=timeout_ms)
    if page.locator(ERROR).is_visible():
        return page.locator(f"{ERROR} .rg-error__text").inner_text()
    return ""


def ready(page, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if page.evaluate(READY):
            return True
        if page.locator(ERROR).is_visible():
            return False
        page.wait_for_timeout(100)
    return False


def probe(browser, site: Path, name: str, kind: str, service_worker: bool) -> dict:
    release = threading.Event()
    fault = faults(site, release)[kind]
    served = {name: once(fault)}
    if name != "config.json":
        served["config.json"] = short_stall_config(site)
    context = browser.new_context(**({} if service_worker else NO_SERVICE_WORKER))
    row = {"file": name.strip("/"), "fault": kind}
    try:
        with StaticServer(site, faults=served) as server:
            page = context.new_page()
            page.goto(server.url)
            if service_worker:
                deadline = time.monotonic() + 20
                while not page.evaluate("navigator.serviceWorker.controller !== null") and time.monotonic() < deadline:
                    page.wait_for_timeout(100)
            page.check("#rg-q-sits_long-yes")
            page.locator("[data-rg-step]:visible").last.get_by_role("button", name="Show my plan").click()
            row["message"] = outcome(page, 60_000)
            release.set()
            if row["message"]:
                page.get_by_role("button", name="Try again").click()
                row["try again"] = ready(page, 60)
                if service_worker:
                    page.reload()
                    page.check("#rg-q-sits_long-yes")
                    row["reload"] = ready(page, 60)
    except Exception as error:  # a case that hangs or breaks the page is a finding, not a crash
        row["message"] = row.get("message", "")
        row["probe error"] = str(error).splitlines()[0]
    finally:
        release.set()
        context.close()
    return row


def judge(row: dict) -> list[str]:
    text = row.get("message", "")
    problems = []
    if not text:
        return ["no failure shown"] if "probe error" in row else []
    lower = text.lower()
    problems += [f"raw text {word!r}" for word in RAW if word in lower]
    if row["file"].lstrip(".") not in text and not (row["file"] == ".whl" and ".whl" in text):
        problems.append("file not named")
    if not any(step in text for step in STEPS):
        problems.append("step not named")
    if row.get("try again") is False:
        problems.append("Try again did not recover")
    if row.get("reload") is False:
        problems.append("reload did not recover")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=REPO / "site")
    parser.add_argument("--service-worker", action="store_true", help="allow the offline copy")
    parser.add_argument("--only", help="probe only files whose name contains this")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name in FILES:
            if args.only and args.only not in name:
                continue
            for kind in faults(args.site, threading.Event()):
                row = probe(browser, args.site, name, kind, args.service_worker)
                row["problems"] = judge(row)
                rows.append(row)
                shown = row.get("message", "").replace("\n", " ")
                flag = "; ".join(row["problems"]) or "ok"
                print(f"{row['file']:<18} {kind:<15} {flag:<28} {shown or '(plan shown)'}", flush=True)
        browser.close()
    failures = [row for row in rows if row.get("message")]
    print(f"\n{len(rows)} cases, {len(failures)} showed a failure; "
          f"raw text in {sum(any(p.startswith('raw') for p in row['problems']) for row in rows)}, "
          f"file not named in {sum('file not named' in row['problems'] for row in rows)}, "
          f"step not named in {sum('step not named' in row['problems'] for row in rows)}, "
          f"Try again did not recover in {sum('Try again did not recover' in row['problems'] for row in rows)}"
          + (f", reload did not recover in {sum('reload did not recover' in row['problems'] for row in rows)}"
             if args.service_worker else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
