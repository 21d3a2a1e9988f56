"""Shared fixtures: the built site, static servers for it, a headless Chromium and its tabs.

The tests check what a reader gets, so they read the built site/, served the way a static host
would serve it (also under a sub-path), and drive Debian's Chromium through Playwright.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support.browsers import CHROMIUM, CHROMIUM_ARGS, NO_SERVICE_WORKER, WATCH_SCRIPT, PageWatch
from support.project import REPO, SITE, SUBPATH, stale_site
from support.servers import StaticServer

STALE: dict[str, str | None] = {}  # the source newer than site/, read once before the tests


def pytest_configure(config) -> None:
    STALE["source"] = stale_site()


def pytest_report_header() -> str | None:
    newer = STALE.get("source")
    return f"WARNING: {newer} is newer than {SITE}: these tests read the old build; run scripts/build first." if newer else None


def pytest_terminal_summary(terminalreporter) -> None:
    newer = STALE.get("source")
    if newer:
        terminalreporter.write_line(
            f"WARNING: {newer} changed after {SITE} was built: the tests of the built site read the old one "
            "(scripts/build, or mkdocs build, makes it again).", yellow=True, bold=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Marks each test by what it needs (markers in pyproject.toml), so that a quick loop can
    leave the slow ones out: `pytest -m "not browser"`."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
        if "webkit" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.webkit)
            item.add_marker(pytest.mark.browser)  # a browser too: the quick loop leaves it out
        if "firefox" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.firefox)
            item.add_marker(pytest.mark.browser)
        if item.path.name.startswith("test_hosting_"):
            item.add_marker(pytest.mark.hosting)


@pytest.fixture(scope="session")
def site_dir() -> Path:
    if not (SITE / "index.html").is_file():
        pytest.fail("The site is not built: run scripts/build (scripts/test does it first).")
    return SITE


@pytest.fixture(scope="session")
def site_server(site_dir):
    """The built site at the root of a local origin."""
    with StaticServer(site_dir) as server:
        yield server


@pytest.fixture(scope="session")
def subpath_server(site_dir):
    """The built site under /relaxer-guide/, as a project site on GitHub Pages."""
    with StaticServer(site_dir, SUBPATH) as server:
        yield server


@pytest.fixture
def docs_copy(tmp_path):
    """A copy of the site's sources (docs/, overrides/, mkdocs.yml) to break on purpose. The
    plugin takes the copy's folder as the project, so a build of it stops at the first step
    that needs decision/ or the runtime: fine for the section checks, which come first."""
    for name in ("docs", "overrides"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


@pytest.fixture
def project_copy(docs_copy):
    """docs_copy with the project's decision/, runtime, compiler and caches linked in, so a
    build goes through every step (the caches make it take seconds)."""
    for name in ("decision", "node_modules", ".venv-pyodide", ".cache"):
        (docs_copy / name).symlink_to(REPO / name)
    return docs_copy


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/install-chromium (scripts/test does).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def webkit_window():
    """One WebKitGTK session (Safari's engine) for a test module, on its own X display
    (scripts/webkit_session.py): a session starts with empty storage, so a module's tests share
    it, as a reader's visits share one browser."""
    from support.webdriver import WebDriverTab, script_module

    session = script_module("webkit_session")
    if session.missing():
        pytest.fail(session.MISSING.format(", ".join(session.missing())))
    with session.webkit_session() as driver:
        yield WebDriverTab(driver)


@pytest.fixture
def webkit(webkit_window):
    """The WebKit window for one test; after it, no uncaught error, rejection or CSP violation
    in any page the test opened."""
    yield webkit_window
    webkit_window.open("about:blank")  # keeps the last page's errors, and leaves it
    found, webkit_window.errors = webkit_window.errors, []
    assert found == [], f"script errors in WebKit: {found}"


@pytest.fixture(scope="module")
def firefox_window():
    """Headless Firefox ESR through its own Marionette protocol (scripts/marionette_session.py:
    Debian has no geckodriver), one session for a test module."""
    from support.webdriver import WebDriverTab, script_module

    session = script_module("marionette_session")
    if not session.FIREFOX.exists():
        pytest.fail(f"{session.FIREFOX} is missing: run scripts/install-firefox (scripts/test does).")
    with session.firefox_session() as driver:
        yield WebDriverTab(driver)


@pytest.fixture
def firefox(firefox_window):
    """The Firefox window for one test; after it, no uncaught error or CSP violation."""
    yield firefox_window
    firefox_window.open("about:blank")
    found, firefox_window.errors = firefox_window.errors, []
    assert found == [], f"script errors in Firefox: {found}"


@pytest.fixture(scope="session")
def checker_context(browser, tmp_path_factory):
    """One persistent profile for all checker tests: its caches (the 10 MB runtime, compiled
    WebAssembly) halve Pyodide's start, about 1.8 s instead of 4 s. Each test still gets its
    own tab, and so its own sessionStorage; a test that routes requests bypasses the cache.
    The service worker is blocked (support.browsers.NO_SERVICE_WORKER): tests/test_offline.py has it.
    """
    context = browser.browser_type.launch_persistent_context(
        tmp_path_factory.mktemp("chromium-profile"),
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        viewport={"width": 1000, "height": 900},
        **NO_SERVICE_WORKER,
    )
    context.add_init_script(WATCH_SCRIPT)
    yield context
    context.close()


@pytest.fixture
def page(checker_context):
    """A fresh tab; after the test, no foreign request, no script error, no CSP violation."""
    tab = checker_context.new_page()
    watch = PageWatch(checker_context, tab)
    tab.rg_watch = watch
    yield tab
    violations = [] if tab.is_closed() else tab.evaluate("window.__rgViolations || []")
    tab.close()
    watch.stop()
    assert watch.foreign() == [], f"requests to other origins: {watch.foreign()}"
    assert watch.errors == [], f"script errors: {watch.errors}"
    assert violations == [], f"CSP violations: {violations}"
