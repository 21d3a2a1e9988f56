"""Driving the checker in WebKit (tests/test_webkit.py): one Selenium session, a reader's clicks.

`WebKitTab` wraps the session with what the Chromium helpers (checker_helpers.py) expect of a
Playwright page where that is cheap (`evaluate`), so their expectations and readers of the form
(`form_answers`, `expected`, `early_expectations`) serve both engines. Waits are WebDriverWait
on a condition in the page, never a fixed sleep.
"""

from __future__ import annotations

import json

from checker_helpers import ERROR, ON_SHOW, RESULTS
from conftest import static_server_module

TIMEOUT = 60  # s: Python's start in WebKit on two busy cores (about 2.5 s on a quiet machine)
# The checker's script ran (a restore is under way or done) and Python is not busy.
SETTLED = "[data-rg-checker][data-rg-started]:not([aria-busy])"


def webkit_session_module():
    """scripts/webkit_session.py (shared with scripts/bench), imported."""
    import importlib.util
    import sys

    from conftest import REPO

    if "webkit_session" not in sys.modules:
        spec = importlib.util.spec_from_file_location("webkit_session", REPO / "scripts" / "webkit_session.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
    return sys.modules["webkit_session"]


class WebKitTab:
    """The session's one window, with the page's errors kept across loads (a listener is
    injected after each load, as WebKit's WebDriver has no console log)."""

    def __init__(self, driver):
        self.driver = driver
        self.errors: list[str] = []
        self.session = webkit_session_module()

    # ---------------------------------------------------------------- pages

    def _keep_errors(self) -> None:
        try:
            self.errors += self.session.errors(self.driver)
        except Exception:  # noqa: BLE001 - a page that is gone (offline error page) has none to give
            pass

    def open(self, url: str) -> None:
        self._keep_errors()
        self.driver.get(url)
        self.session.watch(self.driver)

    def reload(self) -> None:
        self._keep_errors()
        self.driver.refresh()
        self.session.watch(self.driver)

    def forget_tab(self) -> None:
        """Empties this origin's sessionStorage, as a new tab has it (one session has one tab)."""
        self.driver.execute_script("sessionStorage.clear()")

    # ---------------------------------------------------------------- scripts

    def evaluate(self, function: str, arg=None):
        """Runs a JavaScript function with `arg` and returns its (awaited) result, as
        Playwright's page.evaluate does."""
        return self.driver.execute_script(f"return ({function})(arguments[0])", arg)

    def js(self, expression: str, *args):
        return self.driver.execute_script(f"return {expression}", *args)

    def until(self, expression: str, timeout: float = TIMEOUT, message: str = ""):
        """Waits until a JavaScript expression is truthy; returns its value."""
        from selenium.webdriver.support.ui import WebDriverWait

        return WebDriverWait(self.driver, timeout, poll_frequency=0.05).until(
            lambda driver: driver.execute_script(f"return {expression}"), message or f"still false: {expression}"
        )

    # ---------------------------------------------------------------- the form

    def find(self, selector: str):
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def click(self, selector: str) -> None:
        """A reader's click (WebDriver's: scrolled into view, hit-tested)."""
        self.find(selector).click()

    def button(self, name: str):
        """The button called `name` on the step on show (visible ones only)."""
        from selenium.webdriver.common.by import By

        found = [b for b in self.driver.find_elements(By.CSS_SELECTOR, f"{ON_SHOW} button")
                 if b.is_displayed() and self.text(b) == name]
        assert len(found) == 1, f"{len(found)} buttons called {name!r} on the step on show"
        return found[0]

    def text(self, element) -> str:
        """What a reader reads of an element (innerText: Selenium's .text can be '' here)."""
        return self.driver.execute_script("return arguments[0].innerText.trim()", element)

    def step(self) -> int:
        numbers = self.js(f"[...document.querySelectorAll('{ON_SHOW}')].map((s) => Number(s.dataset.rgStep))")
        assert len(numbers) == 1, f"steps on show: {numbers}"
        return numbers[0]

    def answer(self, question_id: str, value) -> None:
        """Ticks, picks or types one answer, as answer_form does in Chromium."""
        if isinstance(value, bool):
            self.click(f"#rg-q-{question_id}-{'yes' if value else 'no'}")
        elif isinstance(value, int):
            box = self.find(f"#rg-q-{question_id}")
            box.clear()
            box.send_keys(str(value))
        elif isinstance(value, list):
            for option in value:
                self.click(f"#rg-q-{question_id}-{option}")
        else:
            self.click(f"#rg-q-{question_id}-{value}")

    def settled(self) -> None:
        self.until(f"document.querySelector('{SETTLED}') !== null", message="the checker is still busy")

    def show_plan(self, name: str) -> None:
        """Presses "Show my plan" or "Show my plan now" and waits for the plan (or an error)."""
        self.button(name).click()
        self.until(f"document.querySelector('{RESULTS}, {ERROR}') !== null", message="no plan and no error")
        self.settled()

    def problem(self) -> str:
        return self.js(f"document.querySelector('{ERROR}')?.innerText || ''")

    def card(self) -> dict:
        """The one triage card on show: its id and level, its words and its call links."""
        cards = self.js("""[...document.querySelectorAll("[data-triage]")].filter((c) => c.checkVisibility())
          .map((c) => ({id: c.dataset.card, triage: c.dataset.triage, text: c.innerText,
                        calls: [...c.querySelectorAll('a[href^="tel:"]')].map((a) => [a.textContent.trim(), a.getAttribute("href")])}))""")
        assert len(cards) == 1, f"{len(cards)} triage cards are visible: {json.dumps(cards)[:500]}"
        return cards[0]


def background_server(site_dir, port: int = 0):
    """scripts/static_server.py (what a host serving the shipped files runs), in a thread."""
    return static_server_module().Background(site_dir, port=port)
