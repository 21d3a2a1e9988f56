"""Offline after the first visit: the service worker (sitebuild/offline.py writes site/sw.js).

A reader on a phone opens the site once, uses the checker, and later opens it again in a
tunnel. These tests do the same in Chromium with the service worker allowed (the other browser
tests block it, so that each sees the network conditions it sets up): a first visit with the
server up, then the server shut down, so nothing answers on that address any more, and a second
visit that must still show the pages and give a plan. They also change the site, as a new
deploy would, and check that the cache is replaced whole, and that nothing from another origin
is ever kept.
"""

from __future__ import annotations

import json
import shutil
import socket

import pytest
from checker_helpers import (
    RESULTS,
    VIEWPORTS,
    answer_form,
    expected,
    search_finds,
    show_plan,
    snap,
    visible_card,
    wait_until,
)
from conftest import SUBPATH, StaticServer, free_port

from sitebuild import offline

CONTROLLED = "navigator.serviceWorker.controller !== null"
CACHE_NAMES = f"caches.keys().then((names) => names.filter((name) => name.startsWith('{offline.CACHE_PREFIX}')))"
CACHED_URLS = """caches.keys().then(async (names) => {
  const urls = [];
  for (const name of names) for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
  return urls;
})"""
ANSWERS = {"relaxer": "cyclobenzaprine", "prescribed_for": "recent_strain", "days_taken": 30}


def runtime_urls(site_dir, root: str) -> list[str]:
    config = json.loads((site_dir / "assets/checker/config.json").read_text())
    return [f"{root}assets/checker/{name}" for name in config["downloads"]]


def refused(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return True
    return False


def first_visit(context, server, site_dir):
    """Opens the start page, lets the worker take control, loads the checker; returns the tab."""
    page = context.new_page()
    page.goto(server.url)
    wait_until(page, CONTROLLED)
    page.evaluate("() => window.relaxerChecker.ready")
    # Once the checker has loaded, each of its downloads is kept for the next visit.
    wanted = json.dumps(runtime_urls(site_dir, server.url))
    wait_until(page, f"({CACHED_URLS}).then((urls) => {wanted}.every((url) => urls.includes(url)))")
    return page


@pytest.mark.parametrize("prefix", ["/", SUBPATH], ids=["root", "subpath"])
def test_second_visit_with_the_network_gone(browser, site_dir, prefix):
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    try:
        port = free_port()
        with StaticServer(site_dir, prefix, port=port) as server:
            first_visit(context, server, site_dir).close()
        assert refused(port), "the server still answers: this would not test offline use"

        page = context.new_page()
        page.goto(server.url)  # the start page, from the cache
        assert page.locator("h1").first.is_visible()
        assert page.locator("[data-rg-checker]").is_visible()
        # The network is really gone for anything the cache does not hold.
        assert page.evaluate(f"fetch('{server.url}no-such-file.txt').then(() => 'answered', () => 'failed')") == "failed"

        answer_form(page, ANSWERS)
        show_plan(page, timeout=60_000)
        assert page.locator(RESULTS).is_visible()
        assert visible_card(page).get_attribute("data-triage") == expected(ANSWERS)["plan"]["triage"]
        snap(page, f"offline-plan-{'root' if prefix == '/' else 'subpath'}")

        # A page this reader never opened online was cached when the worker installed.
        page.goto(server.url + "longer-term/")
        assert "Longer-term" in page.locator("h1").first.inner_text()
        assert page.locator("#physical-therapy").count() == 1
        # Built-in search works from the cached index too.
        page.goto(server.url + "relief-now/")
        page.locator('label[for="__search"]').first.click()  # the phone header's search button
        search_finds(page, "ibuprofen")

        urls = page.evaluate(CACHED_URLS)
        assert urls and all(url.startswith(server.url) for url in urls), urls
    finally:
        context.close()


def redirect_once(handler) -> bool:
    """A host that answers a page with a redirect (as for http to https): 302 to itself + a query."""
    if "?" in handler.path:
        return False
    handler.send_response(302)
    handler.send_header("Location", handler.path + "?moved=1")
    handler.send_header("Content-Length", "0")
    handler.end_headers()
    return True


def test_a_page_the_host_redirected_still_opens_offline(browser, site_dir):
    """Browsers refuse a cached redirected response for a page load; the worker keeps the page
    without the redirect."""
    context = browser.new_context()
    try:
        port = free_port()
        with StaticServer(site_dir, port=port, faults={"/about/": redirect_once}) as server:
            first_visit(context, server, site_dir).close()
        assert refused(port)
        page = context.new_page()
        page.goto(server.url + "about/")
        assert "About" in page.locator("h1").first.inner_text()
    finally:
        context.close()


def probe_page(other_origin: str) -> str:
    """A same-origin page without the site's policy that asks another origin for a file."""
    return (
        "<!doctype html><title>probe</title><script>"
        f"fetch('{other_origin}/foreign.txt', {{mode: 'no-cors'}}).then(() => document.title = 'done', "
        "() => document.title = 'done');</script>"
    )


def test_a_new_build_replaces_the_cache_and_nothing_foreign_is_kept(browser, site_dir, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy, ignore=shutil.ignore_patterns("*.br", "*.gz"))
    other = tmp_path / "other"
    other.mkdir()
    (other / "foreign.txt").write_text("from another origin")
    context = browser.new_context()
    port = free_port()
    try:
        with StaticServer(copy, port=port) as server, StaticServer(other) as foreign:
            page = first_visit(context, server, copy)
            [old_cache] = page.evaluate(CACHE_NAMES)

            # Another origin, asked for by a page the worker controls: passed by, never kept.
            (copy / "probe.html").write_text(probe_page(foreign.origin))
            page.goto(server.url + "probe.html")
            wait_until(page, "document.title === 'done'")
            urls = page.evaluate(CACHED_URLS)
            assert server.url + "probe.html" in urls  # the worker did handle this page
            assert all(url.startswith(server.origin + "/") for url in urls), urls

            # A new deploy: one page changes, and the build writes sw.js again.
            urgent = copy / "urgent" / "index.html"
            urgent.write_text(urgent.read_text().replace("</h1>", " (updated)</h1>", 1))
            offline.write_service_worker(copy)
            page.goto(server.url)  # the browser checks sw.js on each visit and finds it changed
            wait_until(page, f"({CACHE_NAMES}).then((names) => names.length === 1 && names[0] !== '{old_cache}')")
            page.goto(server.url + "urgent/")
            assert "(updated)" in page.locator("h1").first.inner_text()

            # `mkdocs serve` on the same address: its sw.js clears the cache and steps down, so
            # an author never sees a cached page.
            offline.write_service_worker(copy, enabled=False)
            page.goto(server.url)
            wait_until(page, f"({CACHE_NAMES}).then((names) => names.length === 0)")
            wait_until(page, "navigator.serviceWorker.getRegistrations().then((list) => list.length === 0)")
    finally:
        context.close()


def test_the_precache_list_is_the_site_without_the_runtime(site_dir):
    text = (site_dir / "sw.js").read_text()
    listed = offline.precache_list(offline.kept_files(site_dir))
    assert json.dumps(listed, indent=1) in text
    # Every page, by the address links use, and what the pages and the checker's form need.
    for address in ("", "urgent/", "relief-now/", "404.html", "search/search_index.json",
                    "assets/checker/checker.js", "assets/checker/config.json", "assets/checker/sections.json"):
        assert address in listed, address
    # Not the runtime (it is kept only once a page has loaded it), no compressed copies, no maps,
    # and no address that leaves the site.
    assert not [a for a in listed if a.startswith("assets/checker/pyodide/") or a.endswith((".whl", ".br", ".gz", ".map"))]
    assert not [a for a in listed if "//" in a or a.startswith("/") or ".." in a]
    size = sum((site_dir / (a + "index.html" if a.endswith("/") or not a else a)).stat().st_size for a in listed)
    assert size < 2_000_000, f"the install-time cache is {size / 1e6:.1f} MB"
