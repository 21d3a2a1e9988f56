"""Issue 12's fault rows: each fault a reader could meet gets plain words and loses nothing.

Each test serves the fault from a real local server (or puts it in the tab's storage or
address) and checks what the reader sees; each failed on the checker before its fix.
scripts/fault_probe.py runs every file with every fault and prints the messages.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

import decision.browser
from support.checker import (
    ERROR,
    READY,
    RESULTS,
    STORE_KEY,
    all_sections_visible,
    answer_form,
    expected,
    form_answers,
    plain_words,
    problem_text,
    plan_button,
    send,
    served_once,
    settled,
    show_plan,
    visible_card,
    wait_until,
)
from support.servers import StaticServer
from support.project import runtime_path

UNREADABLE = "These saved answers could not be read"
ANSWERS = {"red_flags": ["none"], "sits_long": True, "days_taken": 30}


def ask_for_plan(page, answers=None):
    page.check("#rg-q-red_flags-none")
    plan_button(page).click()


def test_sections_manifest_served_as_an_object(page, site_dir):
    """`{}` instead of the list: the triage card still shows, and the next plan asks again."""
    asked = []

    def empty_object_once(handler):
        asked.append(handler.path)
        return len(asked) == 1 and (send(handler, b"{}", "application/json") or True)

    with StaticServer(site_dir, faults={"sections.json": empty_object_once}) as server:
        page.goto(server.url)
        ask_for_plan(page)
        show_plan(page, timeout=60_000)
        assert visible_card(page).is_visible()
        assert not page.locator(ERROR).is_visible()
        answer_form(page, {"recurring": True})  # the plan updates, and the manifest is read again
        wait_until(page, "document.querySelectorAll('[data-rg=topics] a').length > 0")
        assert len(asked) == 2


def test_sections_manifest_that_stalls_has_its_own_deadline(page, site_dir):
    release = threading.Event()

    def hang(handler):
        release.wait(60)
        return True

    with StaticServer(site_dir, faults={"sections.json": hang}) as server:
        try:
            page.goto(server.url)
            page.check("#rg-q-red_flags-none")
            wait_until(page, READY, timeout=60_000)
            plan_button(page).click()
            # The card comes first, while the manifest is still stalled (the topics wait for it).
            page.wait_for_selector("[data-triage]:visible", timeout=30_000)
            assert visible_card(page).is_visible()
            assert page.locator(RESULTS).count() == 0
            # The manifest's deadline is 5 s: the topics come well before a 60 s stall ends.
            page.wait_for_selector(RESULTS, timeout=20_000)
        finally:
            release.set()


def test_config_that_stalls_then_try_again(page, site_dir):
    """The failed start's request is aborted, so the retry is not queued behind it."""
    release = threading.Event()
    asked = []

    def hang_once(handler):
        asked.append(handler.path)
        if len(asked) > 1:
            return False
        release.wait(90)
        return True

    with StaticServer(site_dir, faults={"config.json": hang_once}) as server:
        try:
            page.goto(server.url)
            ask_for_plan(page)
            page.wait_for_selector(ERROR, timeout=60_000)
            assert "it could not start (the download of the file config.json stalled" in problem_text(page)
            page.get_by_role("button", name="Try again").click()
            wait_until(page, READY, timeout=60_000)
            show_plan(page)
            assert visible_card(page).is_visible()
        finally:
            release.set()


def test_share_link_opened_while_the_runtime_fails(page, site_dir):
    """After "Try again" the link's answers are applied."""
    refuse_once = served_once(lambda handler: handler.send_error(503))

    token = expected(ANSWERS)["share"]
    with StaticServer(site_dir, faults={"pyodide.asm.wasm": refuse_once}) as server:
        page.goto(f"{server.url}#answers={token}")
        page.wait_for_selector(ERROR, timeout=60_000)
        assert "HTTP 503" in problem_text(page)
        page.get_by_role("button", name="Try again").click()
        page.wait_for_selector(RESULTS, timeout=60_000)
        settled(page)
        assert form_answers(page) == ANSWERS
        assert visible_card(page).get_attribute("data-triage") == expected(ANSWERS)["plan"]["triage"]


def test_stored_answers_are_checked_by_decision(page, site_server):
    bad = {"sits_long": "false", "recurring": None, "red_flags": "bowel_bladder", "relaxer": "bogus", "days_taken": "NaN"}
    page.goto(site_server.url)
    page.evaluate(f"sessionStorage.setItem({json.dumps(STORE_KEY)}, {json.dumps(json.dumps({'answers': bad}))})")
    page.goto(site_server.url)
    error = page.locator(ERROR)
    error.wait_for(timeout=60_000)
    settled(page)
    text = plain_words(problem_text(page))
    assert UNREADABLE in text
    want = json.loads(decision.browser.handle(json.dumps({"op": "check", "answers": bad})))
    assert not want["ok"] and want["error"] in text
    # "false" was never read as yes: nothing reached the form.
    assert form_answers(page) == {}
    assert not page.locator(RESULTS).is_visible()


def test_a_fragment_that_is_not_percent_encoding(page, site_server):
    """`page` fails the test on any uncaught error, URIError included."""
    page.goto(site_server.url + "why-not-working/")
    page.evaluate("location.hash = '%E0%A4%A'")  # a link followed within the page
    page.goto(site_server.url + "#%E0%A4%A")
    page.wait_for_timeout(500)
    assert all_sections_visible(page) == []


def test_a_share_link_holding_null(page, site_server):
    page.goto(f"{site_server.url}#answers=v1.bnVsbA")
    error = page.locator(ERROR)
    error.wait_for(timeout=60_000)
    assert UNREADABLE in plain_words(problem_text(page))


def test_html_served_as_config(page, site_dir):
    html = b"<!doctype html><title>Page not found</title><p>Sorry."
    with StaticServer(site_dir, faults={"config.json": lambda h: send(h, html, "text/html") or True}) as server:
        page.goto(server.url)
        ask_for_plan(page)
        page.wait_for_selector(ERROR, timeout=30_000)
        text = plain_words(problem_text(page))
        assert "the file config.json is damaged" in text


@pytest.mark.parametrize("change", [
    {"steps": []}, {"stallMs": "20000"}, {"build": None}, {"downloads": {"pyodide.js": {"bytes": "many"}}},
], ids=["no steps", "stall as text", "no build", "a download without its size"])
def test_a_config_json_missing_what_the_build_writes(page, site_dir, change):
    """The page checks config.json once and defaults nothing: a field the build always writes,
    missing or of the wrong kind, is a damaged file, named."""
    config = {**json.loads((site_dir / "assets/checker/config.json").read_text()), **change}
    body = json.dumps(config).encode()
    with StaticServer(site_dir, faults={"config.json": lambda h: send(h, body, "application/json") or True}) as server:
        page.goto(server.url)
        ask_for_plan(page)
        page.wait_for_selector(ERROR, timeout=30_000)
        assert "the file config.json is damaged" in plain_words(problem_text(page))


def test_a_corrupt_wheel(page, site_dir):
    wheel = site_dir / runtime_path(site_dir, ".whl")
    size = wheel.stat().st_size
    junk = (b"PK\x03\x04" + b"\x00garbage" * size)[:size]
    with StaticServer(site_dir, faults={".whl": lambda h: send(h, junk, "application/zip") or True}) as server:
        page.goto(server.url)
        ask_for_plan(page)
        page.wait_for_selector(ERROR, timeout=60_000)
        text = plain_words(problem_text(page))
        assert f"the checker's rules could not be loaded (the file {wheel.name} is damaged" in text


def page_instead(handler, content_type: str) -> bool:
    """The host's 404 page, sent with status 200 in place of the file asked for."""
    body = Path(handler.directory, "404.html").read_bytes()
    send(handler, body, content_type)
    return True


def damaged_copy(handler) -> bool:
    """The file asked for, with 64 bytes in its middle changed (its size stays)."""
    body = bytearray(Path(handler.translate_path(handler.path.split("?")[0])).read_bytes())
    middle = len(body) // 2
    body[middle:middle + 64] = bytes(byte ^ 0xFF for byte in body[middle:middle + 64])
    send(handler, bytes(body), "text/javascript")
    return True


@pytest.mark.parametrize(
    "ending, fault, words",
    [
        # The browser's own words were "Uncaught SyntaxError: Unexpected token '<'".
        ("checker-worker.js", lambda h: page_instead(h, "text/javascript"),
         "it could not start (the file checker-worker.js could not be downloaded or run)"),
        # "Failed to execute 'importScripts' on 'WorkerGlobalScope': Invalid or unexpected token".
        ("/pyodide.js", lambda h: page_instead(h, "text/javascript"),
         "the Python runtime could not be loaded (the web server sent a web page instead of the file pyodide.js)"),
        ("pyodide.asm.js", damaged_copy,
         "the Python runtime could not be loaded (the file pyodide.asm.js is damaged (it is not the file this site built))"),
    ],
    ids=["worker-script-as-a-page", "pyodide-js-as-a-page", "damaged-pyodide-asm-js"],
)
def test_a_broken_script_is_named_in_plain_words(page, site_dir, ending, fault, words):
    with StaticServer(site_dir, faults={ending: fault}) as server:
        page.goto(server.url)
        ask_for_plan(page)
        page.wait_for_selector(ERROR, timeout=60_000)
        assert words in plain_words(problem_text(page))
