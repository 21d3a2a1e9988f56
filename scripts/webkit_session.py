"""Safari's engine, driven here: Debian's WebKitGTK (MiniBrowser) through its W3C WebDriver
(WebKitWebDriver) with Selenium, on a virtual X display of its own (Xvfb), for the WebKit tests
(tests/test_webkit.py) and scripts/bench. scripts/install-webkit installs the Debian packages.

What differs from Chromium under Playwright (checked 2026-12-07, WebKitGTK 2.50):
- Each session starts with empty storage (no cache, no service worker): one session is one
  browser profile, so a test module keeps one session for a second visit.
- No BiDi (webSocketUrl is refused) and no console log: tests/support/webdriver.py injects a
  listener for uncaught errors and rejections into the page after each load.
- The window is at least 447 px wide (GTK's minimum), so no 390 px phone.
- Selenium's `.text` can be '' for a link: read innerText or textContent with a script.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import warnings
from collections.abc import Iterator
from pathlib import Path

MINIBROWSER = Path("/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser")
WEBDRIVER = Path("/usr/bin/WebKitWebDriver")
XVFB = Path("/usr/bin/Xvfb")
MISSING = "{} is missing: run scripts/install-webkit (scripts/test does)."

def missing() -> list[str]:
    """What is not installed (empty when WebKit can be driven)."""
    return [str(path) for path in (MINIBROWSER, WEBDRIVER, XVFB) if not path.exists()]


@contextlib.contextmanager
def virtual_display() -> Iterator[str]:
    """An Xvfb display of its own (":N"), whatever DISPLAY says: no window opens on a desktop,
    and plain `pytest` works on a machine without X. Xvfb picks a free number itself."""
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        [str(XVFB), "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        pass_fds=[write], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()  # Xvfb writes it once it accepts connections
        if not number:
            raise RuntimeError(f"Xvfb did not start (exit {xvfb.poll()})")
        yield f":{number}"
    finally:
        xvfb.terminate()
        try:
            xvfb.wait(timeout=10)
        except subprocess.TimeoutExpired:
            xvfb.kill()


@contextlib.contextmanager
def webkit_session(width: int = 1000, height: int = 900):
    """A Selenium WebDriver session of MiniBrowser, on its own display; quits it and the display."""
    from selenium import webdriver
    from selenium.webdriver.webkitgtk.options import Options
    from selenium.webdriver.webkitgtk.service import Service

    if missing():
        raise RuntimeError(MISSING.format(", ".join(missing())))
    with virtual_display() as display:
        options = Options()
        options.binary_location = str(MINIBROWSER)
        options.add_argument("--automation")
        # The path is given, so Selenium never looks for (or downloads) a driver of its own.
        service = Service(str(WEBDRIVER), env={**os.environ, "DISPLAY": display})
        with warnings.catch_warnings():  # Selenium 4.51's own WebKitGTK class uses a deprecated argument
            warnings.simplefilter("ignore", DeprecationWarning)
            driver = webdriver.WebKitGTK(options=options, service=service)
        try:
            driver.set_window_size(width, height)
            yield driver
        finally:
            driver.quit()
