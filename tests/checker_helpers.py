"""Shared pieces of the checker's browser tests (tests/test_checker_*.py).

Fixtures (import them into a test module by name): `checker_context`, one browser context per
test module, and `page`, a fresh tab per test (so sessionStorage starts empty) that fails the
test if the page asked any origin but the test server's, logged a script error, or reported a
Content-Security-Policy violation.

The expectations come from CPython: `expected(answers)` is decision.browser.handle's answer,
and `expected_layout` works out from a plan and the section manifest what a tailored page
must look like, independently of checker.js.
"""

from __future__ import annotations

import functools
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import expect

import decision
import decision.browser
from conftest import CHROMIUM, CHROMIUM_ARGS, NO_SERVICE_WORKER, StaticServer

PAGES = [
    "",
    "urgent/",
    "why-not-working/",
    "relief-now/",
    "doctor/",
    "longer-term/",
    "how-the-checker-decides/",
    "about/",
]
RESULTS = '[data-rg="results"]:not([hidden])'
ERROR = '[data-rg="error"]:not([hidden])'
STORE_KEY = "relaxer-guide.checker"
READY = "document.querySelector('[data-rg=status-text]').textContent.includes('ready')"
# No reader sees these (in any case): they mean a browser's, a parser's or Python's error
# reached the page.
RAW_ERRORS = ("NoneType", "Traceback", "Unexpected token", "SyntaxError", "Aborted(", "Failed to execute",
              "importScripts", "Uncaught", "WorkerGlobalScope", "TypeError")


def plain_words(text: str) -> str:
    """`text`, after checking that it holds none of RAW_ERRORS, in any case."""
    assert not [raw for raw in RAW_ERRORS if raw.lower() in text.lower()], text
    return text
# Collects what the page itself reports: CSP violations and uncaught errors.
WATCH_SCRIPT = """
window.__rgViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__rgViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


# ------------------------------------------------------------------------------ expectations


def expected(answers: dict) -> dict:
    """CPython's answer to the request the page sends."""
    return json.loads(decision.browser.handle(json.dumps({"op": "plan", "answers": answers})))


@functools.lru_cache(maxsize=1)
def _manifest_text(site: str) -> str:
    return (Path(site) / "assets" / "checker" / "sections.json").read_text(encoding="utf-8")


def manifest(site_dir: Path) -> list[dict]:
    return json.loads(_manifest_text(str(site_dir)))


@dataclass
class Layout:
    """Top-level section ids of a page: in the order shown, and the ones folded away."""

    order: list[str]
    folded: list[str] = field(default_factory=list)
    reasons: dict[str, str] = field(default_factory=dict)


def expected_layout(plan: dict, sections: list[dict], url: str) -> Layout:
    """What checker.js must make of `plan` on the page at `url` (relative to the site root)."""
    on_page = [s for s in sections if s["url"] == url]
    tops = [s for s in on_page if s["level"] == 2]
    rank = {item["id"]: index for index, item in enumerate(plan["show"])}
    children = {s["id"]: [c for c in on_page if c["parent"] == s["id"]] for s in tops}

    def first_rank(top):
        ranks = [rank[s["id"]] for s in [top, *children[top["id"]]] if s["id"] in rank]
        return min(ranks) if ranks else None

    def always(section):
        return section["always"] or section["id"] in plan["always"]

    if not any(s["id"] in rank for s in on_page):
        # Nothing here fits: the page stays as written, not folded to an empty shell.
        return Layout([t["id"] for t in tops])
    shown = sorted((t for t in tops if first_rank(t) is not None), key=first_rank)
    rest = [t for t in tops if first_rank(t) is None]
    folded = [
        t for t in rest
        if t["id"] in plan["fold"] and not always(t) and not any(map(always, children[t["id"]]))
    ]
    order = [t["id"] for t in shown] + [t["id"] for t in rest if t not in folded]
    reasons = {item["id"]: item["reason"] for item in plan["show"] if item["id"] in {s["id"] for s in on_page}}
    return Layout(order, [t["id"] for t in folded], reasons)


def layout_of(page) -> Layout:
    """The page as the reader has it now."""
    data = page.evaluate(
        """() => {
          const article = document.querySelector("article");
          const ids = (nodes) => [...nodes].map((node) => node.dataset.section);
          const reasons = {};
          for (const line of article.querySelectorAll(".rg-reason")) {
            reasons[line.closest("section.rg-section").dataset.section] = line.textContent;
          }
          return {
            order: ids(article.querySelectorAll(":scope > section.rg-section")),
            folded: ids(article.querySelectorAll(":scope > details.rg-other > section.rg-section")),
            reasons,
          };
        }"""
    )
    return Layout(data["order"], data["folded"], data["reasons"])


def written_order(sections: list[dict], url: str) -> list[str]:
    return [s["id"] for s in sections if s["url"] == url and s["level"] == 2]


# ------------------------------------------------------------------------------ faulty servers


def send(handler, body: bytes, content_type: str, length: int | None = None) -> None:
    """Answers a request of a test server's fault (conftest.StaticServer) with `body`;
    `length` may claim more bytes than are sent, as a download that breaks off."""
    handler.send_response(200)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body) if length is None else length))
    handler.end_headers()
    handler.wfile.write(body)


# ------------------------------------------------------------------------------ driving the form


UNFOLD = '[data-rg-action="unfold"][aria-expanded="false"]'


def answer_form(page, answers: dict) -> None:
    """Fills the form the way a reader would: ticks, picks and types each answer. A ticked
    warning sign folds the other steps away; like a reader, this opens them again to go on."""

    def reach(selector: str) -> str:
        if not page.locator(selector).is_visible() and page.locator(UNFOLD).is_visible():
            page.locator(UNFOLD).click()
        return selector

    for question_id, value in answers.items():
        if isinstance(value, bool):
            page.check(reach(f"#rg-q-{question_id}-{'yes' if value else 'no'}"))
        elif isinstance(value, int):
            page.fill(reach(f"#rg-q-{question_id}"), str(value))
        elif isinstance(value, list):
            for option in value:
                page.check(reach(f"#rg-q-{question_id}-{option}"))
        else:
            page.check(reach(f"#rg-q-{question_id}-{value}"))


def wait_until(page, expression: str, timeout: float = 20_000) -> None:
    """Waits until a JavaScript expression is true in the page. Playwright's wait_for_function
    compiles its predicate with eval inside the page, which the site's own policy (a meta tag in
    every page) forbids; page.evaluate runs from outside and is not blocked."""
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout / 1000:.0f} s: {expression}")
        page.wait_for_timeout(50)


def search_finds(page, word: str) -> None:
    """Types `word` into Material's open search box and waits until the first result holds it.
    Material searches again at each key, so a list for "i" or "ib" can show first: waiting for a
    result to exist would read that one (a failure CI saw)."""
    page.keyboard.type(word)
    first = page.locator(".md-search-result__item").first
    expect(first).to_contain_text(re.compile(re.escape(word), re.IGNORECASE), timeout=15_000)


def settled(page, timeout: float = 20_000) -> None:
    """Waits until the checker is not busy (it sets aria-busy while Python works)."""
    page.wait_for_selector("[data-rg-checker]:not([aria-busy])", timeout=timeout)


def plan_button(page):
    """The "Show my plan" of the last step on show (each step has its own)."""
    return page.locator("[data-rg-step]:visible").last.get_by_role("button", name="Show my plan")


def show_plan(page, timeout: float = 20_000) -> None:
    plan_button(page).click()
    settled(page, timeout)
    page.wait_for_selector(f"{RESULTS}, {ERROR}", timeout=timeout)


def visible_card(page):
    """The one triage card on show (a locator)."""
    cards = page.locator("[data-triage]:visible")
    assert cards.count() == 1, f"{cards.count()} triage cards are visible"
    return cards.first


def form_answers(page) -> dict:
    """What the form holds now, read straight from the inputs (independently of checker.js)."""
    return page.evaluate(
        """() => {
          const answers = {};
          for (const q of document.querySelectorAll("[data-question]")) {
            const kind = q.dataset.kind, id = q.dataset.question;
            const checked = [...q.querySelectorAll("input:checked")].map((i) => i.value).filter(Boolean);
            if (kind === "number") { const v = q.querySelector("input").value; if (v) answers[id] = Number(v); }
            else if (kind === "multi") { if (checked.length) answers[id] = checked; }
            else if (checked.length) answers[id] = kind === "yes_no" ? checked[0] === "yes" : checked[0];
          }
          return answers;
        }"""
    )


def same_answers(a: dict, b: dict) -> bool:
    """Equal answers; the order boxes were ticked in does not matter."""
    norm = lambda answers: {k: sorted(v) if isinstance(v, list) else v for k, v in answers.items()}  # noqa: E731
    return norm(a) == norm(b)


def all_sections_visible(page) -> list[str]:
    """Ids of sections on the page that a reader cannot see (empty when all are visible)."""
    hidden = []
    for section in page.locator("section.rg-section").all():
        if not section.is_visible():
            hidden.append(section.get_attribute("data-section"))
    return hidden


# ------------------------------------------------------------------------------ servers


def serve_with_headers(directory: Path, headers: dict[str, str], prefix: str = "/") -> StaticServer:
    """A StaticServer (conftest) that adds `headers` to every response."""
    server = StaticServer(directory, prefix)
    made = server.httpd.RequestHandlerClass  # functools.partial(Handler, directory=...)

    class WithHeaders(made.func):
        def end_headers(self):
            for name, value in headers.items():
                self.send_header(name, value)
            super().end_headers()

    server.httpd.RequestHandlerClass = functools.partial(WithHeaders, *made.args, **made.keywords)
    return server


# ------------------------------------------------------------------------------ fixtures


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


# ------------------------------------------------------------------------------ screenshots

SCREENSHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def snap(page, name: str, full_page: bool = False) -> Path:
    """Saves what the reader sees now as build/screenshots/<name>.png, to look at by eye."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.wait_for_timeout(300)  # Material's header title settles after a scroll
    page.screenshot(path=str(path), full_page=full_page)
    return path


# ------------------------------------------------------------------------------ step one


def early_expectations() -> dict[str, dict[str, dict | None]]:
    """{question id: {option: card words or None}} for the multi questions of step one, from
    decision.plan of each option alone, independently of sitebuild: the card the reader must
    see under a ticked box, or None when that option is no more urgent than an empty form."""
    questions = decision.questions()
    levels = list(reversed(decision.triage_cards()))
    baseline = levels.index(decision.plan({}).to_dict()["triage"])
    table: dict[str, dict[str, dict | None]] = {}
    for question in questions:
        if question["group"] != questions[0]["group"] or question["kind"] != "multi":
            continue
        for option in question["options"]:
            plan = decision.plan({question["id"]: [option["value"]]}).to_dict()
            words = decision.triage_cards()[plan["triage"]]
            table.setdefault(question["id"], {})[option["value"]] = (
                None if levels.index(plan["triage"]) <= baseline else {
                    "level": plan["triage"],
                    "rank": levels.index(plan["triage"]),
                    "text": " ".join(
                        [words["sr_prefix"], words["title"], words["text"]]
                        + [item["reason"] for item in plan["show"]]
                    ),
                }
            )
    return table


def words(text: str) -> str:
    return " ".join(text.split())
