"""When the checker cannot run, the guidance still can.

JavaScript off, Pyodide blocked, a download that hangs, an old browser, a missing
file: each shows a clear message, and every section of every page stays readable. And the
checker only loads where it is needed: never on the guidance pages, and on the start page only
when the reader turns to it.
"""

from __future__ import annotations

import json

import pytest

from decision.sections import section_ids
from support.checker import (
    ERROR,
    PAGES,
    RESULTS,
    all_sections_visible,
    manifest,
    plan_button,
    problem_text,
    settled,
    show_plan,
    visible_card,
    wait_until,
)

NOT_STARTED = "The checker could not start"
SECTION_IDS = set(section_ids())


def config_with_stall(site_dir, ms: int) -> dict:
    config = json.loads((site_dir / "assets" / "checker" / "config.json").read_text())
    return {**config, "stallMs": ms}


def start_checker(page):
    """The reader turns to the checker: ticks a box (which starts Python) and asks for the plan."""
    page.check("#rg-q-red_flags-none")
    show_plan(page)


def assert_guidance_intact(page):
    assert all_sections_visible(page) == []
    assert page.locator("[data-triage]:visible").count() == 0
    assert not page.locator(RESULTS).is_visible()


def test_javascript_off(browser, site_server, site_dir):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        for url in PAGES:
            tab.goto(site_server.url + url)
            assert all_sections_visible(tab) == [], url
            assert tab.locator(".rg-tailored, details.rg-other").count() == 0
        tab.goto(site_server.url)
        note = tab.locator('[data-rg="nojs"]')
        assert note.is_visible()
        assert "The other questions need JavaScript" in note.inner_text()
        # Not a greyed-out form: one line, with a link to each guidance page, and no other step.
        hrefs = note.get_by_role("link").evaluate_all("links => links.map((a) => a.href)")
        # Every page the checker points into (decision's sections), each once.
        guidance = {section["url"] for section in manifest(site_dir) if section["id"] in SECTION_IDS}
        assert sorted(hrefs) == sorted(site_server.url + url for url in guidance)
        for href in hrefs:
            assert tab.request.get(href).ok, href
        assert tab.locator("[data-rg-step]:visible").count() == 1
        assert note.bounding_box()["height"] < 400, "a short line, not a disabled form"
        # Step one, the warning signs, works: its boxes can be ticked (test_checker_early.py).
        step_one = tab.locator('[data-rg-step="1"]')
        assert step_one.locator("input:enabled").count() == step_one.locator("input").count() > 0
    finally:
        context.close()


def test_javascript_on_hides_the_note(page, site_server):
    page.goto(site_server.url)
    assert not page.locator('[data-rg="nojs"]').is_visible()
    assert page.locator('[data-rg="form"] :is(input, button):disabled').count() == 0


@pytest.mark.parametrize(
    "pattern, reason",
    [
        ("**/pyodide/**", "the Python runtime could not be loaded"),
        ("**/*.wasm", "the Python runtime could not be loaded"),
        ("**/*.whl", "the checker's rules could not be loaded"),
        ("**/checker-worker.js", "it could not start (the file checker-worker.js could not be downloaded or run)"),
    ],
)
def test_blocked_downloads(page, site_server, pattern, reason):
    page.route(pattern, lambda route: route.abort())
    page.goto(site_server.url)
    start_checker(page)
    text = problem_text(page)
    assert NOT_STARTED in text
    assert reason in text
    assert "Your guidance is all here" in text
    assert_guidance_intact(page)


def test_missing_file(page, site_server):
    page.route("**/*.whl", lambda route: route.fulfill(status=404, body="not here"))
    page.goto(site_server.url)
    start_checker(page)
    assert "the checker's rules could not be loaded (the file relaxer_guide_decision-" in problem_text(page)
    assert "is missing from the web server (HTTP 404)" in problem_text(page)


def test_no_webassembly(page, site_server):
    page.add_init_script("delete window.WebAssembly")
    page.goto(site_server.url)
    start_checker(page)
    assert "this browser cannot run it" in problem_text(page)
    assert_guidance_intact(page)


def test_a_hung_download_gives_up_then_tries_again(page, site_server, site_dir):
    page.route("**/config.json", lambda route: route.fulfill(json=config_with_stall(site_dir, 1500)))
    page.route("**/*.wasm", lambda route: None)  # never answered: the download hangs
    page.goto(site_server.url)
    page.check("#rg-q-red_flags-none")
    plan_button(page).click()
    status = page.locator('[data-rg="status"]')
    assert "Loading the checker" in status.inner_text()
    assert page.locator('progress[data-rg="progress"]').is_visible()
    settled(page, timeout=10_000)
    assert ("the Python runtime could not be loaded (the download of the file pyodide.asm.wasm stalled: "
            "nothing arrived for 1.5 seconds") in problem_text(page)
    assert not status.is_visible()
    assert_guidance_intact(page)

    # The network is back: "Try again" starts over, and the plan comes.
    page.unroute("**/*.wasm")
    page.unroute("**/config.json")
    page.get_by_role("button", name="Try again").click()
    wait_until(page, "document.querySelector('[data-rg=status-text]').textContent.includes('ready')")
    show_plan(page)
    assert visible_card(page).is_visible()
    assert not page.locator(ERROR).is_visible()


def checker_requests(page) -> list[str]:
    return [url for url, _ in page.rg_watch.requests if "/assets/checker/" in url and not url.endswith((".js", ".css"))]


def test_never_loads_on_guidance_pages(page, site_server):
    for url in PAGES[1:]:
        page.goto(site_server.url + url)
        page.wait_for_timeout(300)
    assert checker_requests(page) == []
    assert "/pyodide/" not in " ".join(url for url, _ in page.rg_watch.requests)


def test_starts_only_when_the_reader_turns_to_it(page, site_server):
    page.set_viewport_size({"width": 1000, "height": 400})  # the form starts below the fold
    page.goto(site_server.url)
    page.wait_for_timeout(1000)
    assert checker_requests(page) == []
    # The guidance text is there before anything loads.
    assert page.locator('section[data-section="what-this-site-is"]').is_visible()
    page.focus("#rg-q-red_flags-bowel_bladder")
    wait_until(page, "document.querySelector('[data-rg=status-text]').textContent.includes('ready')")
    assert page.rg_watch.saw(lambda url: "pyodide.asm.wasm" in url)
