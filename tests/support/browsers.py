"""Debian's Chromium as the tests drive it: its flags, and a watch over each tab (every request
of the tab and its workers, every script error and CSP complaint)."""

from __future__ import annotations

import time

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


# Collects what the page itself reports: CSP violations and uncaught errors.
WATCH_SCRIPT = """
window.__rgViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__rgViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


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
