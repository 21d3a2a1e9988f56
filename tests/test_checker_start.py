"""When the runtime starts downloading: when the reader turns to the checker, never on load.

A reader who came to read must not pay for 3.5 MB they did not ask for; a reader who scrolls
to the checker or touches it should find it ready sooner. When the browser asks to save data
(Save-Data, emulated through Chromium's own CDP override), nothing downloads until the reader
asks for a plan.
"""

from __future__ import annotations

import json

from support.checker import RESULTS, answer_form, show_plan

FORM = '[data-rg="form"]'


def runtime_requests(page) -> list[str]:
    return [url for url, _ in page.rg_watch.requests if "/assets/checker/pyodide/" in url or url.endswith("config.json")]


def expect_runtime_request(page):
    return page.context.expect_event("request", predicate=lambda r: "/assets/checker/pyodide/" in r.url, timeout=20_000)


def test_nothing_downloads_on_load_even_with_the_checker_on_screen(page, site_server):
    page.set_viewport_size({"width": 1280, "height": 1600})  # a tall screen: the form shows at once
    page.goto(site_server.url)
    assert page.evaluate(f"document.querySelector('{FORM}').getBoundingClientRect().top < innerHeight")
    page.wait_for_timeout(3000)  # idle, with the page open: a reader reading
    assert runtime_requests(page) == []


def test_scrolling_to_the_checker_starts_it(page, site_server):
    page.goto(site_server.url)
    page.wait_for_timeout(1000)
    assert runtime_requests(page) == []
    with expect_runtime_request(page):
        page.locator(FORM).scroll_into_view_if_needed()


def test_the_first_touch_starts_it(page, site_server):
    page.goto(site_server.url)
    page.wait_for_timeout(1000)
    assert runtime_requests(page) == []
    with expect_runtime_request(page):
        page.locator(f"{FORM} input").first.focus()


def test_save_data_waits_until_the_reader_asks_for_a_plan(page, site_server):
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setDataSaverOverride", {"dataSaverEnabled": True})
    page.goto(site_server.url)
    assert page.evaluate("navigator.connection.saveData") is True
    page.locator(FORM).scroll_into_view_if_needed()
    answer_form(page, {"red_flags": ["fever"], "sits_long": True})  # focus, ticks, the early card
    page.wait_for_timeout(3000)
    assert runtime_requests(page) == [], "the runtime downloaded although the browser asked to save data"
    show_plan(page, timeout=60_000)
    assert page.locator(RESULTS).is_visible()
    assert runtime_requests(page)


def test_the_runtime_fetches_only_the_files_config_lists(page, site_server, site_dir):
    """No lock file (its info comes inline in config.json), nothing from Pyodide's package index."""
    config = json.loads((site_dir / "assets/checker/config.json").read_text())
    page.goto(site_server.url)
    page.evaluate("() => window.relaxerChecker.ready")
    # The worker's requests reach Playwright on its own channel, maybe after "ready": wait for
    # each listed file before comparing, so a late report is not read as a missing file.
    for name in config["downloads"]:
        page.rg_watch.saw(lambda url, name=name: url.split("?")[0].endswith(f"/assets/checker/{name}"))
    fetched = {url.split("?")[0] for url in runtime_requests(page) if not url.endswith("config.json")}
    fetched |= {url for url, _ in page.rg_watch.requests if url.endswith(".whl")}
    assert fetched == {f"{site_server.url}assets/checker/{name}" for name in config["downloads"]}
    assert not (site_dir / "assets/checker" / config["pyodideIndex"] / "pyodide-lock.json").exists()
