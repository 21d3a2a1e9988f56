"""Shared pieces of the checker's browser tests (tests/test_checker_*.py).

Fixtures (import them into a test module by name): `checker_context`, one browser context per
test module, and `page`, a fresh tab per test (so sessionStorage starts empty) that fails the
test if the page asked any origin but the test server's, logged a script error, or reported a
Content-Security-Policy violation.

The expectations come from CPython: `expected(answers)` is decision.browser.handle's answer,
and `expected_layout` reads from a plan and the section manifest what a tailored page must look
like (decision's arrangement of that page: the policy is decision's alone).
"""

from __future__ import annotations

import functools
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import expect

import decision
import decision.browser
from decision.kinds import KINDS
from .servers import StaticServer
from .project import local_facts

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
    """What the page at `url` must look like once `plan` is applied: the plan's entry for its
    page (plan["layout"]["pages"]; tests/test_decision_plan.py holds its rules), each shown
    section with its reason; a page the plan has no entry for stays as written."""
    on_page = [s for s in sections if s["url"] == url]
    arranged = plan["layout"]["pages"].get(on_page[0]["page"]) if on_page else None
    if arranged is None:
        return Layout(written_order(sections, url))
    shown = {item["id"]: item["reason"] for item in plan["show"]}
    reasons = {s["id"]: shown[s["id"]] for s in on_page if s["id"] in shown}
    folded = arranged["fold"]
    return Layout([i for i in arranged["order"] if i not in folded], folded, reasons)


def folding_page(answers: dict) -> str:
    """The URL path of the first page the plan for `answers` tailors with a fold (decision's
    layout), for a test that needs "Other topics on this page"."""
    pages = expected(answers)["plan"]["layout"]["pages"]
    source = next(name for name, layout in pages.items() if layout["fold"])
    return "" if source == "index.md" else source.removesuffix(".md") + "/"


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
    """Answers a request of a test server's fault (support.servers.StaticServer) with `body`;
    `length` may claim more bytes than are sent, as a download that breaks off."""
    handler.send_response(200)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body) if length is None else length))
    handler.end_headers()
    handler.wfile.write(body)


def served_once(bad):
    """A fault: the first request gets `bad(handler)`'s answer, later ones the real file."""
    calls = []
    return lambda handler: (calls.append(1) or len(calls) == 1) and (bad(handler) or True)


# ------------------------------------------------------------------------------ driving the form


STEP = "[data-rg-step]"
ON_SHOW = "[data-rg-step]:not([hidden])"


def step_on_show(page) -> int:
    """The number of the step on show (the checker shows one at a time)."""
    numbers = page.locator(ON_SHOW).evaluate_all("steps => steps.map((s) => Number(s.dataset.rgStep))")
    assert len(numbers) == 1, f"steps on show: {numbers}"
    return numbers[0]


def go_to_step(page, number: int) -> None:
    """Continue or Back, as a reader would, until step `number` is on show."""
    for _ in range(20):
        now = step_on_show(page)
        if now == number:
            return
        # After a warning sign, step one's Continue reads "Continue to the other questions".
        name = re.compile("^Continue") if now < number else re.compile("^Back$")
        page.locator(ON_SHOW).get_by_role("button", name=name).click()
        if step_on_show(page) == now:
            raise AssertionError(f"{name} on step {now} did not move on (a warning sign not answered?)")
    raise AssertionError(f"step {number} was never reached")


def step_of(page, question_id: str) -> int:
    return int(page.locator(f'[data-question="{question_id}"]').evaluate("q => q.closest('[data-rg-step]').dataset.rgStep"))


def answer_form(page, answers: dict) -> None:
    """Fills the form the way a reader would: step by step (Continue and Back), ticking, picking
    and typing each answer. A number may be {"value", "unit"}. A reader cannot go past step one
    without answering the warning signs, so answers that skip them stop at step one."""
    order = page.locator("[data-question]").evaluate_all("qs => qs.map((q) => q.dataset.question)")
    for question_id in sorted(answers, key=order.index):
        value = answers[question_id]
        go_to_step(page, step_of(page, question_id))
        if isinstance(value, bool):
            page.check(f"#rg-q-{question_id}-{'yes' if value else 'no'}")
        elif isinstance(value, dict):
            page.fill(f"#rg-q-{question_id}", str(value["value"]))
            page.select_option(f"#rg-q-{question_id}-units", value["unit"])
        elif isinstance(value, int):
            page.fill(f"#rg-q-{question_id}", str(value))
        elif isinstance(value, list):
            for option in value:
                page.check(f"#rg-q-{question_id}-{option}")
        else:
            page.check(f"#rg-q-{question_id}-{value}")


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
    """Waits until the checker has started (its script ran: a restore is under way or done)
    and is not busy (it sets aria-busy while Python works)."""
    page.wait_for_selector("[data-rg-checker][data-rg-started]:not([aria-busy])", timeout=timeout)


def plan_button(page):
    """The step on show's "Show my plan" (the last step's) or "Show my plan now" (the others',
    once the warning signs are answered)."""
    return page.locator(ON_SHOW).get_by_role("button", name=re.compile("^Show my plan"))


def show_plan(page, timeout: float = 20_000) -> None:
    plan_button(page).click()
    settled(page, timeout)
    page.wait_for_selector(f"{RESULTS}, {ERROR}", timeout=timeout)


IN_VIEW = """(element, whole) => {
  const box = element.getBoundingClientRect();
  const header = document.querySelector(".md-header")?.getBoundingClientRect().bottom || 0;
  return box.top >= header - 1 && (whole ? box.bottom <= innerHeight + 1 : box.top < innerHeight - 40);
}"""


def in_viewport(page, locator, whole: bool = True, timeout: float = 5_000) -> bool:
    """Whether `locator` is on screen below the sticky header (all of it, or its top when not
    `whole`), waiting a little for a smooth scroll to end."""
    deadline = time.monotonic() + timeout / 1000
    while not locator.evaluate(IN_VIEW, whole):
        if time.monotonic() > deadline:
            return False
        page.wait_for_timeout(50)
    return True


def problem_text(page) -> str:
    """The error box's words, with "Details" opened as a reader would."""
    box = page.locator(ERROR)
    box.wait_for()
    for summary in box.locator("details:not([open]) > summary").all():
        summary.click()
    return box.inner_text()


def visible_card(page):
    """The one triage card on show (a locator)."""
    cards = page.locator("[data-triage]:visible")
    assert cards.count() == 1, f"{cards.count()} triage cards are visible"
    return cards.first


def form_answers(page) -> dict:
    """What the form holds now, read straight from the inputs (independently of checker.js), by
    what decision's registry says of each question's kind (decision/kinds.py)."""
    kinds = {name: {"counts": kind.counts, "several": kind.several, "yes_no": kind.yes_no} for name, kind in KINDS.items()}
    return page.evaluate(
        """(kinds) => {
          const answers = {};
          for (const q of document.querySelectorAll("[data-question]")) {
            const kind = kinds[q.dataset.kind], id = q.dataset.question;
            if (!kind) throw new Error(`no kind "${q.dataset.kind}" in decision's registry`);
            const checked = [...q.querySelectorAll("input:checked")].map((i) => i.value).filter(Boolean);
            if (kind.counts) { const v = q.querySelector("input").value; if (v) answers[id] = Number(v); }
            else if (kind.several) { if (checked.length) answers[id] = checked; }
            else if (checked.length) answers[id] = kind.yes_no ? checked[0] === "yes" : checked[0];
          }
          return answers;
        }""",
        kinds,
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


# ------------------------------------------------------------------------------ screenshots

SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
PHONE = VIEWPORTS["phone"]


def snap(page, name: str, full_page: bool = False) -> Path:
    """Saves what the reader sees now as build/screenshots/<name>.png, to look at by eye."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.wait_for_timeout(300)  # Material's header title settles after a scroll
    page.screenshot(path=str(path), full_page=full_page)
    return path


# ------------------------------------------------------------------------------ step one


def card_words(card: dict, facts: dict[str, str] | None = None) -> list[str]:
    """What a reader must read on the card a plan names (`card` is plan["card"]): its title,
    how soon, what to do, the plan's lines and the answers behind them, each call button, each
    step while waiting, and the link on. From decision and mkdocs.yml, not from the page."""
    facts = facts or local_facts()
    words = next(c for c in decision.cards() if c["id"] == card["id"])
    calls = {"emergency": f"Call {facts['emergency_number']}",
             "poison": f"Call {facts['poison_name']}: {facts['poison_number']}",
             "crisis": f"Call {facts['crisis_name']}: {facts['crisis_number']}"}
    return [
        words["title"].format(**facts), words["soon"], words["text"].format(**facts), *card["lines"],
        *(calls[kind] for kind in words["calls"]), *(line.format(**facts) for line in words["wait"]),
        *card["because"], words["link"]["text"],
    ]


def early_expectations() -> dict[str, dict[str, dict | None]]:
    """{question id: {option: expected card or None}} for the multi questions of step one: the
    card the reader must see under a ticked box (decision.early_cards, the build's one policy),
    with the words it must show from decision and mkdocs.yml, or None for an option that gets
    no card."""
    cards = decision.early_cards()
    levels = list(decision.LEVELS)
    first = decision.questions()[0]["group"]
    return {
        question["id"]: {
            option["value"]: (
                None if option["value"] not in cards.get(question["id"], {}) else {
                    "level": (card := cards[question["id"]][option["value"]])["level"],
                    "rank": levels.index(card["level"]), "card": card["id"], "words": card_words(card),
                }
            )
            for option in question["options"]
        }
        for question in decision.questions()
        if question["group"] == first and KINDS[question["kind"]].several
    }


def shows_words(text: str, expected: list[str]) -> bool:
    """Whether `text` (a card as read) holds every expected piece, in order."""
    text, at = words(text), 0
    for piece in expected:
        found = text.find(words(piece), at)
        if found < 0:
            return False
        at = found + len(words(piece))
    return True


def words(text: str) -> str:
    return " ".join(text.split())
