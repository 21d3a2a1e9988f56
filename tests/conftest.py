"""Shared fixtures: the built site, static servers for it, and a headless Chromium.

The tests check what a reader gets, so they read the built site/, served the way a static host
would serve it (also under a sub-path), and drive Debian's Chromium through Playwright.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SITE = REPO / "site"
SUBPATH = "/relaxer-guide/"
CHROMIUM = "/usr/bin/chromium"
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


class StaticServer:
    """Serves a folder on 127.0.0.1 in a thread; `url` is the site's root URL."""

    def __init__(self, directory: Path, prefix: str = "/"):
        handler = type("Handler", (QuietHandler,), {"prefix": prefix})
        self.httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(handler, directory=str(directory))
        )
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.url = self.origin + prefix
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "StaticServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


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


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/install-chromium (scripts/test does).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
