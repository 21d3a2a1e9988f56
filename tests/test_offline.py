"""Offline after the first visit: the service worker (sitebuild/offline.py writes site/sw.js).

A reader on a phone opens the site once, uses the checker, and later opens it again in a
tunnel. These tests do the same in Chromium with the service worker allowed (the other browser
tests block it, so that each sees the network conditions it sets up): a first visit with the
server up, then the server shut down, so nothing answers on that address any more, and a second
visit that must still show the pages and give a plan. They also change the site, as a new
deploy would, and check that only what changed is downloaded, that an old copy and a new deploy
never mix, that a bad answer from the host is never kept, that two copies of the site on one
origin keep their own caches, and that nothing from another origin is ever kept.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import zipfile
from pathlib import PurePosixPath

import pytest
from support.checker import (
    ERROR,
    READY,
    RESULTS,
    VIEWPORTS,
    answer_form,
    expected,
    plain_words,
    plan_button,
    search_finds,
    send,
    served_once,
    show_plan,
    snap,
    visible_card,
    wait_until,
    problem_text,
)
from support.project import REPO as REPO_ROOT
from support.project import SUBPATH, runtime_path
from support.servers import StaticServer, free_port, refused

from sitebuild import build_id, offline, runtime_files
from sitebuild.site import Site

CONTROLLED = "navigator.serviceWorker.controller !== null"
CACHE_NAMES = f"caches.keys().then((names) => names.filter((name) => name.startsWith('{offline.CACHE_PREFIX}')))"
CACHED_URLS = """caches.keys().then(async (names) => {
  const urls = [];
  for (const name of names) for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
  return urls;
})"""
ANSWERS = {"red_flags": ["none"], "relaxer": "cyclobenzaprine", "prescribed_for": "recent_strain", "days_taken": 30}


def runtime_urls(site_dir, root: str) -> list[str]:
    """The checker's files (its downloads and its worker script), as the browser asks for them."""
    return [f"{root}{path}" for path in runtime_files.runtime_paths(site_dir)]


def copy_site(site_dir, target):
    """A copy of the built site to change as a new deploy would (no precompressed copies: the
    test server sends the plain files)."""
    shutil.copytree(site_dir, target, ignore=shutil.ignore_patterns("*.br", "*.gz"))
    return target


def change_a_page(site, page="urgent"):
    """A one-page change, rebuilt as the build would: the page, then sw.js again."""
    html = site / page / "index.html"
    html.write_text(html.read_text().replace("</h1>", " (updated)</h1>", 1))
    offline.write_service_worker(site)


def asked_for(paths: list):
    """A test server fault that only notes each path asked for (and serves it as usual)."""
    return lambda handler: paths.append(handler.path.split("?")[0]) or False


def forget_http_cache(page):
    """Empties the browser's HTTP cache (a heuristic freshness could answer from it offline), so
    only the service worker's copy can answer."""
    page.context.new_cdp_session(page).send("Network.clearBrowserCache")


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


def test_a_one_page_rebuild_downloads_that_page_and_keeps_the_runtime(browser, site_dir, tmp_path):
    copy = copy_site(site_dir, tmp_path / "site")
    other = tmp_path / "other"
    other.mkdir()
    (other / "foreign.txt").write_text("from another origin")
    context = browser.new_context()
    asked: list[str] = []
    try:
        with StaticServer(copy, faults={"": asked_for(asked)}) as server, StaticServer(other) as foreign:
            page = first_visit(context, server, copy)
            [old_cache] = page.evaluate(CACHE_NAMES)

            # Another origin, asked for by a page the worker controls: passed by, never kept; nor
            # is a page that is not part of the build.
            (copy / "probe.html").write_text(probe_page(foreign.origin))
            page.goto(server.url + "probe.html")
            wait_until(page, "document.title === 'done'")
            assert page.evaluate(CONTROLLED)
            urls = page.evaluate(CACHED_URLS)
            assert urls and all(url.startswith(server.origin + "/") for url in urls), urls
            assert server.url + "probe.html" not in urls

            # A new deploy that changed one page: the new worker downloads that page alone and
            # takes every other file, the 11 MB runtime included, from the old cache.
            (copy / "probe.html").unlink()
            change_a_page(copy)
            asked.clear()
            page.goto(server.url)  # the browser checks sw.js on each visit and finds it changed
            wait_until(page, f"({CACHE_NAMES}).then((names) => names.length === 1 && names[0] !== '{old_cache}')")
            assert sorted(set(asked)) == ["/sw.js", "/urgent/"], asked
            wanted = json.dumps(runtime_urls(copy, server.url))
            assert page.evaluate(f"({CACHED_URLS}).then((urls) => {wanted}.filter((url) => !urls.includes(url)))") == []
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


def test_two_copies_on_one_origin_keep_their_own_offline_copies(browser, site_dir, tmp_path):
    """/a/ and /b/ of one origin: visiting /b/ (another build) leaves /a/'s cache alone."""
    origin = tmp_path / "origin"
    origin.mkdir()
    (origin / "a").symlink_to(site_dir)
    change_a_page(copy_site(site_dir, origin / "b"))
    context = browser.new_context()
    port = free_port()
    try:
        with StaticServer(origin, port=port) as server:
            page = context.new_page()
            for prefix in ("a/", "b/"):
                page.goto(server.url + prefix)
                wait_until(page, CONTROLLED)  # installed: its cache is filled
        assert refused(port)
        forget_http_cache(page)
        for prefix in ("a/", "b/"):
            page.goto(server.url + prefix + "urgent/")
            assert "When it is urgent" in page.locator("h1").first.inner_text(), prefix
        kept = page.evaluate(CACHED_URLS)
        assert server.url + "a/urgent/" in kept and server.url + "b/urgent/" in kept
    finally:
        context.close()


def truncated_stdlib(site_dir):
    body = (site_dir / runtime_path(site_dir, "python_stdlib.zip")).read_bytes()[:200_000]
    return served_once(lambda handler: send(handler, body, "application/zip"))


def html_as_wasm(site_dir):
    body = (site_dir / "404.html").read_bytes()
    return served_once(lambda handler: send(handler, body, "application/wasm"))


def failed_plainly(page) -> str:
    page.wait_for_selector(ERROR, timeout=60_000)
    return plain_words(problem_text(page))


@pytest.mark.parametrize(
    "name, fault, cause, recover",
    [
        ("python_stdlib.zip", truncated_stdlib, "the file python_stdlib.zip arrived incomplete", "try again"),
        ("pyodide.asm.wasm", html_as_wasm, "the file pyodide.asm.wasm is damaged", "reload"),
    ],
    ids=["truncated-stdlib-try-again", "html-as-wasm-reload"],
)
def test_a_bad_runtime_file_served_once_is_never_kept(browser, site_dir, name, fault, cause, recover):
    """The host answers once with a bad file (200 OK), then is fixed: "Try again", or a reload,
    gives the plan, and the next visit too (the offline copy kept only the good file)."""
    context = browser.new_context()
    try:
        with StaticServer(site_dir, faults={name: fault(site_dir)}) as server:
            page = context.new_page()
            page.goto(server.url)
            wait_until(page, CONTROLLED)
            page.check("#rg-q-red_flags-none")
            plan_button(page).click()
            assert cause in failed_plainly(page)
            if recover == "try again":
                page.get_by_role("button", name="Try again").click()
            else:
                page.reload()
                page.check("#rg-q-red_flags-none")
            wait_until(page, READY, timeout=60_000)
            wanted = json.dumps(runtime_urls(site_dir, server.url))
            wait_until(page, f"({CACHED_URLS}).then((urls) => {wanted}.every((url) => urls.includes(url)))")
        # The host is gone: the next visit starts the checker from the kept copy alone.
        forget_http_cache(page)
        page.reload()
        answer_form(page, ANSWERS)
        show_plan(page, timeout=60_000)
        assert page.locator(RESULTS).is_visible()
    finally:
        context.close()


def new_wheel(site):
    """A deploy whose decision wheel changed: a new wheel in its own hashed folder, the old one
    gone, config.json and sw.js written again (sitebuild/runtime_files.py, sitebuild/offline.py)."""
    checker = site / "assets/checker"
    config = json.loads((checker / "config.json").read_text())
    old = checker / config["wheel"]
    changed = old.parent.parent / "changed" / old.name
    changed.parent.mkdir()
    shutil.copyfile(old, changed)
    with zipfile.ZipFile(changed, "a") as wheel:
        wheel.writestr("decision/NEW_BUILD.txt", "a later build")
    placed = runtime_files.place(changed, checker)
    shutil.rmtree(old.parent)
    shutil.rmtree(changed.parent)
    runtime_files.write_config(runtime_files.runtime_dir(REPO_ROOT), checker, checker / config["pyodideIndex"],
                               checker / config["stdlib"], placed, checker / config["worker"])
    # The pages carry the new build's id, as the build writes them.
    pages = Site(site)
    stamp = build_id.stamper(build_id.write_id(checker, checker / "config.json", "unchanged sections"))
    pages.edit(stamp, [dest for dest, html in pages.pages.items() if 'name="rg-build"' in html])
    pages.write(seal=lambda finished: dict(finished))
    offline.write_service_worker(site)
    return placed.relative_to(site).as_posix(), old.relative_to(site).as_posix()


def test_an_old_offline_copy_and_a_new_deploy_never_mix(browser, site_dir, tmp_path):
    """The browser still runs the old worker (the host sends it the old sw.js, as a stale cache
    would) and has the old config.json, but the host has only the new build's files: the
    checker loads the new build whole, never the old config.json with the new wheel."""
    copy = copy_site(site_dir, tmp_path / "site")
    context = browser.new_context()
    asked: list[str] = []
    faults = {"": asked_for(asked)}
    try:
        with StaticServer(copy, faults=faults) as server:
            page = context.new_page()
            page.goto(server.url)
            wait_until(page, CONTROLLED)  # the pages, config.json included, are kept
            old_worker = (copy / "sw.js").read_bytes()
            new, old = new_wheel(copy)
            faults["sw.js"] = lambda handler: send(handler, old_worker, "text/javascript") or True
            page.reload()
            answer_form(page, ANSWERS)
            show_plan(page, timeout=60_000)
            assert page.locator(RESULTS).is_visible() and not page.locator(ERROR).is_visible()
            assert visible_card(page).get_attribute("data-triage") == expected(ANSWERS)["plan"]["triage"]
            assert "/" + new in asked  # the new build's wheel, named by a fresh config.json
    finally:
        context.close()


def install_lists(site_dir) -> tuple[dict, dict]:
    text = (site_dir / "sw.js").read_text()
    lists = [json.loads(re.search(rf"const {name} = (\{{.*?\}});", text, re.DOTALL).group(1)) for name in ("INSTALL", "ON_USE")]
    return lists[0], lists[1]


def test_the_precache_list_is_the_site_without_the_runtime(site_dir):
    install, on_use = install_lists(site_dir)
    listed = offline.precache_list(site_dir, offline.kept_files(site_dir))
    assert list(install) == listed
    # Every page, by the address links use, and what the pages and the checker's form need.
    for address in ("", "urgent/", "relief-now/", "404.html", "search/search_index.json",
                    "assets/checker/checker.js", "assets/checker/config.json", "assets/checker/sections.json"):
        assert address in listed, address
    # Not the runtime (it is kept only once a page has loaded it), no compressed copies, no maps,
    # and no address that leaves the site.
    assert set(runtime_files.runtime_paths(site_dir)) <= {PurePosixPath(a) for a in on_use}
    assert not [a for a in listed if "/pyodide/" in a or a.endswith((".whl", "checker-worker.js", ".br", ".gz", ".map"))]
    assert not [a for a in listed if "//" in a or a.startswith("/") or ".." in a]
    size = sum((site_dir / (a + "index.html" if a.endswith("/") or not a else a)).stat().st_size for a in listed)
    assert size < 2_000_000, f"the install-time cache is {size / 1e6:.1f} MB"
    # Each file's revision is the SHA-256 of its bytes: the worker checks what it keeps by it.
    assert on_use[runtime_path(site_dir, "pyodide.asm.wasm")] == hashlib.sha256(
        (site_dir / runtime_path(site_dir, "pyodide.asm.wasm")).read_bytes()).hexdigest()
