"""Shared fixtures: the built site, static servers for it, a headless Chromium and its tabs.

The tests check what a reader gets, so they read the built site/, served the way a static host
would serve it (also under a sub-path), and drive Debian's Chromium through Playwright.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# RG_SITE: test a build in another folder (the default is the one scripts/test makes).
SITE = Path(os.environ.get("RG_SITE") or REPO / "site")
SUBPATH = "/relaxer-guide/"
CHROMIUM = "/usr/bin/chromium"
# The site's service worker answers from its cache once it has taken control, before a test's
# routes, injected server faults or CDP throttling could act. Tests that set up network
# conditions block it; tests/test_offline.py runs with it.
NO_SERVICE_WORKER = {"service_workers": "block"}
# Keep Chromium from calling home on a closed network (each call would be a stray request).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def runtime_path(site: Path, name: str) -> str:
    """Where the site keeps the checker's file called `name` (pyodide.asm.wasm, python_stdlib.zip,
    checker-worker.js, or ".whl" for the wheel), relative to its root: each sits in a folder
    named by its hash, which config.json gives (sitebuild/runtime_files.py)."""
    config = json.loads((site / "assets/checker/config.json").read_text(encoding="utf-8"))
    [found] = [path for path in [*config["downloads"], config["worker"]]
               if path.endswith("/" + name) or (name == ".whl" and path.endswith(name))]
    return f"assets/checker/{found}"


@functools.cache
def static_server_module():
    """scripts/static_server.py (what scripts/serve runs), imported."""
    spec = importlib.util.spec_from_file_location("static_server", REPO / "scripts" / "static_server.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@functools.lru_cache(maxsize=1)
def mkdocs_config() -> dict:
    """mkdocs.yml as data. MkDocs' own tags (!ENV, !!python/name) read as None: the tests need
    the nav and the local facts, which use neither."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def local_facts() -> dict[str, str]:
    """The local facts the built site was made with (mkdocs.yml extra.local), checked."""
    from sitebuild.local_facts import check

    return check(mkdocs_config()["extra"]["local"])


SOURCES = ("docs", "decision", "sitebuild", "overrides", "mkdocs.yml")


def stale_site() -> str | None:
    """Which source is newer than the built site, if one is: the tests would read an old site/."""
    built = SITE / "index.html"
    if not built.is_file():
        return None
    newest = max(
        (path for name in SOURCES for path in ([REPO / name] if (REPO / name).is_file() else (REPO / name).rglob("*"))
         if path.is_file() and "__pycache__" not in path.parts),
        key=lambda path: path.stat().st_mtime, default=None,
    )
    if newest is None or newest.stat().st_mtime <= built.stat().st_mtime:
        return None
    return newest.relative_to(REPO).as_posix()


# Read once, before any test runs: some tests touch a source on purpose (mkdocs serve's reload).
STALE: dict[str, str | None] = {}


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


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static file server like `python -m http.server`: Python's stock types, no map of our
    own (one would hide a file a stock server sends with a type browsers refuse), and no log
    noise."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        # Under a sub-path, only URLs below it exist, as on a project's GitHub Pages.
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_prefix__")
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    faults: dict = {}

    def do_GET(self):
        # A fault a test injects, as a real server would show it: by the end of the path.
        for ending, fault in self.faults.items():
            if self.path.split("?")[0].endswith(ending) and fault(self):
                return
        super().do_GET()


class StaticServer:
    """Serves a folder on 127.0.0.1 in a thread; `url` is the site's root URL.

    `faults` maps the end of a path to a function of the request handler that answers in its
    own way (stalls, breaks off) and returns True, or returns False to serve the file as usual."""

    def __init__(self, directory: Path, prefix: str = "/", faults: dict | None = None, port: int = 0):
        handler = type("Handler", (QuietHandler,), {"prefix": prefix, "faults": faults or {}})
        # `port`: the same origin again after a restart (a browser keeps its storage per origin).
        self.httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", port), functools.partial(handler, directory=str(directory))
        )
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.url = self.origin + prefix
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> StaticServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now (the OS picks it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def refused(port: int) -> bool:
    """Whether nothing answers on 127.0.0.1:`port` (a server the test shut down)."""
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return True
    return False


def wait_for_port(port: int, process: subprocess.Popen, seconds: float, log: Path | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            detail = log.read_text() if log and log.exists() else ""
            raise RuntimeError(f"the server stopped (exit {process.returncode}) {detail}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing answered on port {port} within {seconds} s")


NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
NGINX_MIME_TYPES = Path("/etc/nginx/mime.types")


def stop(process: subprocess.Popen) -> None:
    """Ends a server the tests started: politely, then for sure."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


class NginxServer:
    """Debian's stock nginx serving a folder, with its own /etc/nginx/mime.types and nothing
    added: the README's configuration, in a temp folder, on 127.0.0.1, in the foreground.

    At a sub-path the site is an `alias`, as when nginx serves several sites on one host.
    `headers` are added with add_header, as the README shows for the security policy;
    `directives` (such as `gzip_static on;`) go in the server block, and `modules` are loaded
    from Debian's module folder (load_module)."""

    def __init__(self, directory: Path, workdir: Path, prefix: str = "/", headers: dict[str, str] | None = None,
                 directives: str = "", modules: tuple[str, ...] = ()):
        if not (Path(NGINX).exists() and NGINX_MIME_TYPES.exists()):
            pytest.fail("nginx is missing: run scripts/install-nginx (scripts/test does).")
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        self.url = self.origin + prefix
        self.workdir = workdir
        self.log = workdir / "error.log"
        root = str(directory.resolve())
        added = "".join(f"        add_header {name} \"{value}\" always;\n" for name, value in (headers or {}).items())
        if prefix == "/":
            location = f"    root {root};\n    error_page 404 /404.html;\n    location / {{\n{added}    }}\n"
        else:
            location = (
                f"    location {prefix} {{\n        alias {root}/;\n{added}"
                f"        error_page 404 {prefix}404.html;\n    }}\n"
            )
        temp = "".join(f"  {kind}_temp_path {workdir}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        # As root, nginx's workers would run as nobody, who may not read a private temp folder.
        user = "user root root;\n" if os.geteuid() == 0 else ""
        loads = "".join(f"load_module /usr/lib/nginx/modules/{name};\n" for name in modules)
        (workdir / "nginx.conf").write_text(
            f"{loads}{user}worker_processes 1;\ndaemon off;\npid {workdir}/nginx.pid;\nerror_log {self.log} warn;\n"
            "events { worker_connections 64; }\n"
            f"http {{\n  include {NGINX_MIME_TYPES};\n  default_type application/octet-stream;\n"
            f"  access_log off;\n{temp}  server {{\n    listen 127.0.0.1:{self.port};\n{directives}{location}  }}\n}}\n"
        )

    def __enter__(self) -> NginxServer:
        self.process = subprocess.Popen(
            [NGINX, "-p", str(self.workdir), "-c", str(self.workdir / "nginx.conf"), "-e", str(self.log)],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )
        try:
            wait_for_port(self.port, self.process, 10, self.log)
        except RuntimeError:
            self.process.kill()
            raise
        return self

    def __exit__(self, *exc) -> None:
        stop(self.process)


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
    from webdriver_helpers import WebDriverTab, script_module

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
    from webdriver_helpers import WebDriverTab, script_module

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


# Collects what the page itself reports: CSP violations and uncaught errors.
WATCH_SCRIPT = """
window.__rgViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__rgViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


@pytest.fixture(scope="session")
def checker_context(browser, tmp_path_factory):
    """One persistent profile for all checker tests: its caches (the 10 MB runtime, compiled
    WebAssembly) halve Pyodide's start, about 1.8 s instead of 4 s. Each test still gets its
    own tab, and so its own sessionStorage; a test that routes requests bypasses the cache.
    The service worker is blocked (conftest.NO_SERVICE_WORKER): tests/test_offline.py has it.
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


class PageWatch:
    """Every request of a tab and its workers, and every script error or CSP complaint."""

    LOCAL_SCHEMES = ("data:", "blob:")

    def __init__(self, context, page):
        self.context = context
        self.page = page
        self.requests: list[tuple[str, bool]] = []
        self.errors: list[str] = []
        context.on("request", self._request)
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        page.on("console", self._console)

    def _request(self, request):
        main = request.is_navigation_request() and request.frame == self.page.main_frame
        self.requests.append((request.url, main))

    def _console(self, message):
        if message.type == "error" and "Content Security Policy" in message.text:
            self.errors.append(message.text)

    def saw(self, wanted, timeout: float = 10.0) -> bool:
        """Whether a request whose URL passes `wanted` was made, waiting a little: a worker's
        requests reach Playwright on their own channel and can arrive after the page's news."""
        deadline = time.monotonic() + timeout
        while not any(wanted(url) for url, _ in self.requests):
            if time.monotonic() > deadline:
                return False
            self.page.wait_for_timeout(50)
        return True

    def foreign(self) -> list[str]:
        """Requests to any origin but the ones the tab itself was opened on."""
        origin = lambda url: "/".join(url.split("/")[:3])  # noqa: E731
        allowed = {origin(url) for url, main in self.requests if main}
        return [
            url for url, _ in self.requests
            if not url.startswith(self.LOCAL_SCHEMES) and origin(url) not in allowed
        ]

    def stop(self):
        self.context.remove_listener("request", self._request)


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
