"""Firefox ESR, driven through its own Marionette protocol (tests/test_firefox.py).

Debian has `firefox-esr` but no geckodriver, and nothing may be downloaded from outside the
package registries. Marionette is what geckodriver itself speaks to Firefox: WebDriver's
commands as JSON over a TCP socket, each message framed as `length:json`. A command is
`[0, id, "WebDriver:Name", params]`, its answer `[1, id, error, result]`. The few commands the
tests need fit here, with no client library (PyPI's marionette_driver works too, checked
2026-12-07, but brings 17 packages, one of them built from source, for these few lines).
Firefox starts headless with a fresh profile; port 0 lets it pick a free port, which it writes
to the profile's MarionetteActivePort file.
"""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

FIREFOX = Path("/usr/bin/firefox-esr")
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"  # WebDriver's key for an element reference
# A closed network: no update checks, telemetry, safe-browsing lists or start pages.
PREFS = {
    "marionette.port": 0,
    "app.update.disabledForTesting": True,
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.page": 0,
    "browser.startup.homepage_override.mstone": "ignore",
    "browser.aboutwelcome.enabled": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "datareporting.healthreport.uploadEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "browser.safebrowsing.update.enabled": False,
    "browser.safebrowsing.downloads.remote.enabled": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "extensions.update.enabled": False,
    "remote.prefs.recommended": True,
}


class MarionetteError(Exception):
    pass


class Element:
    def __init__(self, session: Marionette, reference: str):
        self.session, self.id = session, reference

    def click(self) -> None:
        self.session.command("WebDriver:ElementClick", {"id": self.id})

    def clear(self) -> None:
        self.session.command("WebDriver:ElementClear", {"id": self.id})

    def send_keys(self, text: str) -> None:
        self.session.command("WebDriver:ElementSendKeys", {"id": self.id, "text": text})


class Marionette:
    """One Marionette connection and its WebDriver session."""

    def __init__(self, port: int):
        self.socket = socket.create_connection(("127.0.0.1", port), timeout=120)
        self.file = self.socket.makefile("rb")
        self.next_id = 0
        self._read()  # the greeting: {"applicationType": "gecko", "marionetteProtocol": 3}
        self.capabilities = self.command("WebDriver:NewSession", {"capabilities": {"alwaysMatch": {}}})["capabilities"]

    def _read(self):
        length = b""
        while not length.endswith(b":"):
            byte = self.file.read(1)
            if not byte:
                raise MarionetteError("Firefox closed the connection")
            length += byte
        return json.loads(self.file.read(int(length[:-1])))

    def command(self, name: str, params: dict | None = None):
        self.next_id += 1
        body = json.dumps([0, self.next_id, name, params or {}], default=self._reference).encode()
        self.socket.sendall(b"%d:%s" % (len(body), body))
        while True:
            kind, number, error, result = self._read()
            if kind == 1 and number == self.next_id:
                break
        if error:
            raise MarionetteError(f"{name}: {error.get('error')}: {error.get('message')}")
        return result

    @staticmethod
    def _reference(value):
        if isinstance(value, Element):
            return {ELEMENT: value.id}
        raise TypeError(f"cannot send {value!r}")

    def _element(self, value):
        if isinstance(value, dict) and ELEMENT in value:
            return Element(self, value[ELEMENT])
        if isinstance(value, list):
            return [self._element(item) for item in value]
        return value

    # What the tests use, named as Selenium names them.
    def get(self, url: str) -> None:
        self.command("WebDriver:Navigate", {"url": url})

    def set_script_timeout(self, seconds: float) -> None:
        self.command("WebDriver:SetTimeouts", {"script": int(seconds * 1000)})

    def refresh(self) -> None:
        self.command("WebDriver:Refresh")

    def execute_script(self, script: str, *args):
        return self._element(self.command("WebDriver:ExecuteScript", {"script": script, "args": list(args)})["value"])

    def quit(self) -> None:
        with contextlib.suppress(OSError, MarionetteError):
            self.command("Marionette:Quit", {"flags": ["eForceQuit"]})
        self.socket.close()


@contextlib.contextmanager
def firefox_session(width: int = 1000, height: int = 900) -> Iterator[Marionette]:
    """Headless Firefox ESR with a fresh profile, and a Marionette session in it."""
    if not FIREFOX.exists():
        raise RuntimeError(f"{FIREFOX} is missing: run scripts/install-firefox (scripts/test does).")
    with tempfile.TemporaryDirectory(prefix="firefox-profile-") as profile:
        Path(profile, "user.js").write_text(
            "".join(f"user_pref({json.dumps(name)}, {json.dumps(value)});\n" for name, value in PREFS.items())
        )
        firefox = subprocess.Popen(
            [str(FIREFOX), "--headless", "--marionette", "--no-remote", "--profile", profile,
             f"--width={width}", f"--height={height}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        session = None
        try:
            port_file = Path(profile, "MarionetteActivePort")
            deadline = time.monotonic() + 60
            while not (port_file.exists() and port_file.read_text().strip()):
                if firefox.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"Firefox did not open Marionette (exit {firefox.poll()})")
                time.sleep(0.05)
            session = Marionette(int(port_file.read_text()))
            yield session
        finally:
            if session:
                session.quit()
            try:
                firefox.wait(timeout=20)
            except subprocess.TimeoutExpired:
                firefox.kill()
                firefox.wait()
