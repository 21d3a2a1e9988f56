"""Driving the checker through WebDriver: WebKit (Selenium, tests/test_webkit.py) and Firefox
(Marionette, tests/test_firefox.py), one session per module, a reader's clicks.

`WebDriverTab` wraps a session with what the Chromium helpers (support.checker.py) expect of a
Playwright page where that is cheap (`evaluate`), so their expectations and readers of the form
(`form_answers`, `expected`, `early_expectations`) serve every engine. Elements are found and
read with scripts, which both drivers run alike. Waits are WebDriverWait on a condition in the
page, never a fixed sleep. Neither driver reports the console here, so a listener for uncaught
errors, rejections and CSP violations is injected into each page after it loads.
"""

from __future__ import annotations

import importlib.util
import json
import sys

from .checker import ERROR, ON_SHOW, RESULTS, early_expectations, expected, shows_words
from .project import REPO, local_facts, static_server_module

TIMEOUT = 60  # s: Python's start in WebKit on two busy cores (about 2.5 s on a quiet machine)
# The checker's script ran (a restore is under way or done) and Python is not busy.
SETTLED = "[data-rg-checker][data-rg-started]:not([aria-busy])"
WATCH = """
if (!window.__rgErrors) {
  window.__rgErrors = [];
  addEventListener("error", (e) => __rgErrors.push(`uncaught: ${e.message} at ${e.filename}:${e.lineno}`));
  addEventListener("unhandledrejection", (e) => __rgErrors.push(`unhandled rejection: ${e.reason}`));
  document.addEventListener("securitypolicyviolation",
    (e) => __rgErrors.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`));
}
"""
CARDS = """[...document.querySelectorAll(arguments[0])].filter((c) => c.checkVisibility())
  .map((c) => ({id: c.dataset.card, triage: c.dataset.triage, text: c.innerText,
                calls: [...c.querySelectorAll('a[href^="tel:"]')].map((a) => [a.textContent.trim(), a.getAttribute("href")])}))"""
EARLY_CARD = '[data-rg="early"] .rg-card'
# The first warning sign whose card, alone, says to call the emergency number.
SIGN = next(value for value, want in early_expectations()["red_flags"].items() if want and want["level"] == "emergency")


def script_module(name: str):
    """scripts/<name>.py (shared with scripts/bench), imported once."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


class WebDriverTab:
    """The session's one window, with the page's errors kept across loads."""

    def __init__(self, driver):
        self.driver = driver
        self.errors: list[str] = []
        driver.set_script_timeout(TIMEOUT)  # a script may await Python's start

    # ---------------------------------------------------------------- pages

    def _keep_errors(self) -> None:
        try:
            self.errors += self.driver.execute_script("return window.__rgErrors || []")
        except Exception:  # noqa: BLE001 - a page that is gone (offline error page) has none to give
            pass

    def open(self, url: str) -> None:
        self._keep_errors()
        self.driver.get(url)
        self._loaded()

    def reload(self) -> None:
        self._keep_errors()
        self.driver.refresh()
        self._loaded()

    def _loaded(self) -> None:
        # WebKitWebDriver returns from a navigation once the page is parsed ("interactive"),
        # before its module scripts run: a reader's page is the loaded one.
        self.until("document.readyState === 'complete'", message="the page never finished loading")
        self.driver.execute_script(WATCH)

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
        found = self.js("document.querySelector(arguments[0])", selector)
        assert found is not None, f"nothing matches {selector}"
        return found

    def click(self, selector: str) -> None:
        """A reader's click (WebDriver's: scrolled into view, hit-tested)."""
        self.find(selector).click()

    def button(self, name: str):
        """The button called `name` on the step on show (visible ones only)."""
        found = self.js(f"[...document.querySelectorAll('{ON_SHOW} button')]"
                        ".filter((b) => b.checkVisibility() && b.innerText.trim() === arguments[0])", name)
        assert len(found) == 1, f"{len(found)} buttons called {name!r} on the step on show"
        return found[0]

    def step(self) -> int:
        numbers = self.js(f"[...document.querySelectorAll('{ON_SHOW}')].map((s) => Number(s.dataset.rgStep))")
        assert len(numbers) == 1, f"steps on show: {numbers}"
        return numbers[0]

    def to_step(self, number: int) -> None:
        self.until(f"document.querySelector('[data-rg-step=\"{number}\"]:not([hidden])') !== null",
                   message=f"step {number} never came")

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

    def early_card(self) -> dict | None:
        """Step one's card for the ticked signs, if one shows: id, words, call links."""
        cards = self.js(CARDS, EARLY_CARD)
        return cards[0] if cards else None

    def card(self) -> dict:
        """The plan's one triage card on show: its id and level, its words and its call links."""
        cards = self.js(CARDS, "[data-triage]")
        assert len(cards) == 1, f"{len(cards)} triage cards are visible: {json.dumps(cards)[:500]}"
        return cards[0]


def background_server(site_dir, port: int = 0):
    """scripts/static_server.py (what a host serving the shipped files runs), in a thread."""
    return static_server_module().Background(site_dir, port=port)


def emergency_path(tab: WebDriverTab, url: str) -> None:
    """The path that matters most: a reader ticks an emergency sign on step one. At once, under
    the question and before Python, the sign's card with its tap-to-call link, the focus left
    on the box; then "Show my plan now" gives the plan's emergency card, with the call link,
    focused. The expected card and words come from decision and mkdocs.yml."""
    facts = local_facts()
    call = [f"Call {facts['emergency_number']}", facts["emergency_tel"]]
    tab.open(url)
    tab.click(f"#rg-q-red_flags-{SIGN}")
    tab.until(f"[...document.querySelectorAll('{EARLY_CARD}')].some((c) => c.checkVisibility())",
              message="no card under the warning signs")
    card = tab.early_card()
    want = early_expectations()["red_flags"][SIGN]
    assert card["id"] == want["card"] == "emergency"
    assert call in card["calls"], card["calls"]
    assert shows_words(card["text"], want["words"]), card["text"]
    assert tab.js("document.activeElement.id") == f"rg-q-red_flags-{SIGN}", "the focus stays on the box"

    tab.show_plan("Show my plan now")
    plan = expected({"red_flags": [SIGN]})["plan"]
    shown = tab.card()
    assert tab.problem() == ""
    assert shown["id"] == plan["card"]["id"] == "emergency" and shown["triage"] == plan["triage"]
    assert call in shown["calls"], shown["calls"]
    assert tab.early_card() is None, "the plan's card replaces the early one"
    assert tab.js("document.activeElement.dataset.card") == "emergency", "the plan's card has the focus"
