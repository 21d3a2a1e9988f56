"""The checker on a real network: no fixed deadline, a stall or a bad file named at once.

A phone on Slow 4G needs about a minute for the runtime; the checker must wait for it while
bytes arrive, show how far it got, and give up only when nothing arrives for a while (the
stall) or a file comes back wrong, saying which. "Try again" then works. Each fault is served by
a real local server (tests/support/servers.py), the way a broken host would send it.
"""

from __future__ import annotations

import json
import threading

import pytest

from support.checker import (
    ERROR,
    READY,
    RESULTS,
    all_sections_visible,
    plain_words,
    problem_text,
    plan_button,
    send,
    served_once,
    show_plan,
    visible_card,
    wait_until,
)
from support.browsers import NO_SERVICE_WORKER
from support.servers import StaticServer
from support.project import runtime_path

WASM = "pyodide.asm.wasm"
# Chrome DevTools' "Slow 4G" profile, as issue 11 measured with.
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}


def config(site_dir, **changes) -> bytes:
    data = json.loads((site_dir / "assets" / "checker" / "config.json").read_text())
    return json.dumps({**data, **changes}).encode()


def short_stall(site_dir, ms: int = 3000):
    """config.json with a short stall time, so a test need not wait 20 s."""
    return lambda handler: send(handler, config(site_dir, stallMs=ms), "application/json") or True


def start_checker(page):
    page.check("#rg-q-red_flags-none")
    plan_button(page).click()


def failure_text(page, timeout: float = 60_000) -> str:
    page.wait_for_selector(ERROR, timeout=timeout)
    text = problem_text(page)
    assert "The checker could not start" in text
    plain_words(text)
    assert all_sections_visible(page) == []
    return text


def try_again_gives_the_plan(page):
    page.get_by_role("button", name="Try again").click()
    wait_until(page, READY, timeout=60_000)
    show_plan(page)
    assert visible_card(page).is_visible()
    assert not page.locator(ERROR).is_visible()


# What the checker's announcer (its only live region while loading) says, in order.
HEARD = """() => {
  window.__rgHeard = [];
  const announcer = document.querySelector('[data-rg="announce"]');
  new MutationObserver(() => announcer.textContent && window.__rgHeard.push(announcer.textContent))
    .observe(announcer, { childList: true, characterData: true, subtree: true });
}"""


def test_completes_on_slow_4g_with_progress_in_bytes(browser, site_dir):
    """Cold cache, Slow 4G: about a minute of download, which the old 15 s deadline killed."""
    with StaticServer(site_dir) as server:
        context = browser.new_context(**NO_SERVICE_WORKER)
        try:
            tab = context.new_page()
            cdp = context.new_cdp_session(tab)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", SLOW_4G)
            tab.goto(server.url)
            tab.evaluate(HEARD)
            start_checker(tab)
            status = tab.locator('[data-rg="status-text"]')
            # Real progress: megabytes received of the total (what the build lists), in words
            # and on the bar.
            total = f"{sum(f['bytes'] for f in json.loads(config(site_dir))['downloads'].values()) / 1e6:.1f}".replace(".", "\\.")
            wait_until(tab, f"/[1-9]\\.\\d of {total} MB downloaded/.test(document.querySelector('[data-rg=status-text]').textContent)", timeout=60_000)
            bar = tab.locator('progress[data-rg="progress"]')
            assert bar.is_visible()
            value, top = tab.evaluate("[document.querySelector('progress[data-rg=progress]').value, document.querySelector('progress[data-rg=progress]').max]")
            assert top == sum(f["bytes"] for f in json.loads(config(site_dir))["downloads"].values())
            assert 0.9e6 < value < top
            tab.wait_for_selector(RESULTS, timeout=240_000)
            assert visible_card(tab).is_visible()
            assert not tab.locator(ERROR).is_visible()
            assert "ready" in status.inner_text()
            # A screen reader hears a few moments, not every packet: the changing line is in no
            # live region, and the announcer spoke at start, halfway and ready.
            assert status.evaluate("s => s.closest('[aria-live], [role=status], [role=alert]')") is None
            heard = tab.evaluate("window.__rgHeard")
            assert heard[0].startswith("Loading the checker: ") and "You can answer while it loads." in heard[0]
            assert heard[1:] == ["The checker is half loaded.", "The checker is ready."], heard
        finally:
            context.close()


def test_a_stalled_download_fails_then_try_again_works(page, site_dir):
    release = threading.Event()

    @served_once  # then the network is back
    def stall_once(handler):
        body = (site_dir / runtime_path(site_dir, WASM)).read_bytes()
        send(handler, body[: 1_000_000], "application/wasm", length=len(body))
        handler.wfile.flush()
        release.wait(60)  # then nothing more, with the connection open

    fetched = []  # (file, the browser already had a copy): what reached the server

    def log(handler):
        fetched.append((handler.path.split("/")[-1], "If-Modified-Since" in handler.headers))
        return False

    faults = {WASM: stall_once, "config.json": short_stall(site_dir), ".js": log, ".zip": log}
    with StaticServer(site_dir, faults=faults) as server:
        try:
            page.goto(server.url)
            start_checker(page)
            text = failure_text(page)
            assert "(the download of the file pyodide.asm.wasm stalled: nothing arrived for 3 seconds" in text
            first = len(fetched)
            try_again_gives_the_plan(page)
        finally:
            release.set()
    # "Try again" resumes from the HTTP cache: what arrived whole is not downloaded again.
    again = fetched[first:]
    assert not [name for name, cached in again if name in ("pyodide.asm.js", "python_stdlib.zip") and not cached]
    # The worker's counted download fills the cache that importScripts then reads.
    assert [name for name, _ in fetched[:first]].count("pyodide.asm.js") == 1


def test_a_stalled_worker_script_then_fixed_works_on_the_first_try_again(page, site_dir):
    """The first request for the worker's script never gets an answer. "Try again" loads it from
    a new address, so it does not queue behind the stalled one (the browser holds a second
    request for one address until the first ends)."""
    release = threading.Event()
    asked = []

    def stall_once(handler):
        asked.append(handler.path)
        if len(asked) > 1:
            return False  # the host is fixed
        release.wait(90)
        return True

    faults = {"checker-worker.js": stall_once, "config.json": short_stall(site_dir)}
    with StaticServer(site_dir, faults=faults) as server:
        try:
            page.goto(server.url)
            start_checker(page)
            text = failure_text(page)
            assert "it could not start (the file checker-worker.js did not arrive or did not run: nothing came of it for 3 seconds" in text
            try_again_gives_the_plan(page)
            assert len(asked) == 2 and asked[0] != asked[1]
        finally:
            release.set()


def wasm_bytes(site_dir) -> bytes:
    return (site_dir / runtime_path(site_dir, WASM)).read_bytes()


def server_error(handler):
    handler.send_error(500)
    return True


def as_text(site_dir):
    return lambda handler: send(handler, wasm_bytes(site_dir), "text/plain") or True


def truncated(site_dir):
    return lambda handler: send(handler, wasm_bytes(site_dir)[:3_000_000], "application/wasm") or True


def corrupted(site_dir):
    def serve(handler):
        body = bytearray(wasm_bytes(site_dir))
        body[100_000:100_400] = b"\xff" * 400
        return send(handler, bytes(body), "application/wasm") or True

    return serve


def not_wasm(site_dir):
    return lambda handler: send(handler, b"<!doctype html><title>Not found</title>" * 200, "application/wasm") or True


@pytest.mark.parametrize(
    "fault, cause",
    [
        (lambda site_dir: server_error, "the web server answered with an error for the file pyodide.asm.wasm (HTTP 500)"),
        (as_text, 'sends the file pyodide.asm.wasm with the wrong type ("text/plain")'),
        (truncated, "the file pyodide.asm.wasm arrived incomplete (3000000 of 8647684 bytes)"),
        (corrupted, "the file pyodide.asm.wasm is damaged"),
        (not_wasm, "the file pyodide.asm.wasm is damaged"),
    ],
    ids=["http-500", "text-plain", "truncated", "corrupted", "html"],
)
def test_a_bad_wasm_fails_at_once_naming_the_cause(page, site_dir, fault, cause):
    # The stall time is long, so only a fast failure passes.
    with StaticServer(site_dir, faults={WASM: fault(site_dir), "config.json": short_stall(site_dir, 120_000)}) as server:
        page.goto(server.url)
        start_checker(page)
        text = failure_text(page, timeout=30_000)
        assert "the Python runtime could not be loaded" in text
        assert cause in text
