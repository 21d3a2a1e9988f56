"""Taps, swipes and screens from the start page to the advice, for the five readers of issue 17.

    .venv/bin/python scripts/reader_journeys.py [SITE] [--text 100 200] [--start top checker] [--shots DIR]

A reader on a 390 x 844 phone (headless Chromium, the site served on 127.0.0.1) opens the start
page at its top ("top"), or at the checker by the link every other page has to it ("checker":
#checker), and answers as a person would: a box or an option is tapped once it is on
screen; to reach one below, the reader swipes (a scroll of 80% of the screen); a question that
is not on show is reached by the button the page offers for it ("Continue", or "Answer the
other questions" in the older one-page form). The reader asks for the plan with the nearest
"Show my plan now" or "Show my plan" below the last answer; for a warning sign with its own
card, the advice is that card. The journey ends when the top of the advice (the card on show)
is on screen, below the sticky header.

Counted: taps (a box, an option, a button, the number box; a unit list is two: open and pick),
swipes (the reader's scrolls), and screens: the first view, and each new one (a swipe, a step
changed, or the page scrolling itself by half a screen or more). It prints one row per reader
and text size ("200" sets the browser's default font size to 32 px, as a reader's large-text
setting does); it asserts nothing: tests/test_checker_phone.py pins the behaviour.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from support.browsers import CHROMIUM, CHROMIUM_ARGS, NO_SERVICE_WORKER  # noqa: E402
from support.servers import StaticServer  # noqa: E402

PHONE = {"width": 390, "height": 844}

# (who, answers in the order a reader gives them). A number is (value, unit or None).
READERS = [
    ("a strain on cyclobenzaprine for 5 weeks", [
        ("red_flags", "none"), ("relaxer", "cyclobenzaprine"), ("prescribed_for", "recent_strain"),
        ("days_taken", (5, "weeks")),
    ]),
    ("MS on baclofen, stopped suddenly, with a fever", [
        ("red_flags", "fever"), ("relaxer", "baclofen"), ("prescribed_for", "spasticity_condition"),
        ("dose_pattern", "stopped_suddenly"),
    ]),
    ("71, carisoprodol with alcohol and a sleeping pill", [
        ("red_flags", "none"), ("relaxer", "carisoprodol"), ("age_65_or_older", "yes"),
        ("also_taking", "alcohol"), ("also_taking", "sedating_prescriptions"),
    ]),
    ("new loss of bladder control", [("red_flags", "bowel_bladder")]),
    ("a caregiver: someone very hard to wake", [("red_flags", "hard_to_wake")]),
]
# Buttons that bring more questions on show, in the words of the new form and the older one.
REVEAL = ("Continue", "Answer the other questions")
PLAN = ("Show my plan now", "Show my plan")
EARLY_CARD = '[data-rg="early"] .rg-card'


@dataclass
class Journey:
    taps: int = 0
    swipes: int = 0
    screens: int = 1
    checker_top: int = 0  # px from the page's top to the checker
    notes: list[str] = field(default_factory=list)


class Reader:
    def __init__(self, page):
        self.page = page
        self.journey = Journey()
        self.last_y = page.evaluate("scrollY")
        self.last_step = self.step()

    def step(self) -> str:
        return self.page.evaluate(
            "() => [...document.querySelectorAll('[data-rg-step]')].filter((s) => s.checkVisibility())"
            ".map((s) => s.dataset.rgStep).join(',')"
        )

    def header(self) -> float:
        return self.page.evaluate("document.querySelector('.md-header')?.getBoundingClientRect().bottom || 0")

    def looked(self) -> None:
        """Counts a new screen when the page changed what it shows by itself."""
        self.page.wait_for_timeout(400)  # a smooth scroll ends
        y, step = self.page.evaluate("scrollY"), self.step()
        if step != self.last_step or abs(y - self.last_y) >= PHONE["height"] / 2:
            self.journey.screens += 1
        self.last_y, self.last_step = y, step

    def on_screen(self, locator) -> bool:
        box = locator.bounding_box()
        if box is None:
            return False
        return box["y"] >= self.header() - 1 and box["y"] + min(box["height"], 44) <= PHONE["height"] + 1

    def bring(self, locator) -> None:
        """Swipes until `locator` is on screen."""
        for _ in range(60):
            if self.on_screen(locator):
                return
            box = locator.bounding_box()
            down = box is not None and box["y"] > self.header()
            self.page.evaluate(f"scrollBy(0, {'' if down else '-'}innerHeight * 0.8)")
            self.page.wait_for_timeout(100)
            self.journey.swipes += 1
            self.journey.screens += 1
            self.last_y = self.page.evaluate("scrollY")
        raise RuntimeError("could not bring it on screen")

    def tap(self, locator) -> None:
        self.bring(locator)
        locator.click()
        self.journey.taps += 1
        self.looked()

    def visible_button(self, names, below: float | None = None):
        for name in names:
            buttons = [b for b in self.page.get_by_role("button", name=name, exact=True).all() if b.is_visible()]
            if below is not None:
                buttons = [b for b in buttons if b.bounding_box()["y"] + self.page.evaluate("scrollY") >= below]
                buttons.sort(key=lambda b: b.bounding_box()["y"])
            if buttons:
                return buttons[0]
        return None

    def reach(self, locator) -> None:
        for _ in range(10):
            if locator.is_visible():
                return
            button = self.visible_button(REVEAL)
            if button is None:
                raise RuntimeError("no way on to the question")
            self.tap(button)
        raise RuntimeError("the question never showed")

    def answer(self, question: str, value) -> float:
        """Answers; returns where the answer is, in page px."""
        if isinstance(value, tuple):
            number, unit = value
            field_ = self.page.locator(f"#rg-q-{question}")
            self.reach(field_)
            self.tap(field_)
            field_.fill(str(number))
            if unit:
                units = self.page.locator(f"#rg-q-{question}-units")
                self.bring(units)
                units.select_option(unit)
                self.journey.taps += 2
        else:
            field_ = self.page.locator(f"#rg-q-{question}-{value}")
            self.reach(field_)
            self.tap(field_)
        return field_.bounding_box()["y"] + self.page.evaluate("scrollY")

    def advice_on_screen(self, card) -> None:
        self.page.wait_for_timeout(400)
        self.bring(card)


def run(page, url: str, answers: list) -> Journey:
    page.goto(url)
    page.wait_for_timeout(300)  # the browser scrolls to a #fragment
    page.wait_for_function("document.querySelector('[data-rg-checker]')?.dataset.rgStarted")
    page.evaluate("window.relaxerChecker.ready")  # a reader's time to read: Python is there
    reader = Reader(page)
    reader.journey.checker_top = round(page.evaluate("document.querySelector('[data-rg-checker]').getBoundingClientRect().top + scrollY"))
    at = 0.0
    for question, value in answers:
        at = reader.answer(question, value)
    early = page.locator(EARLY_CARD)
    signs = [v for q, v in answers if q == "red_flags" and v != "none"]
    if len(answers) == 1 and signs and early.count():
        reader.advice_on_screen(early.first)
        reader.journey.notes.append(f"card: {early.first.get_attribute('data-card')}")
        return reader.journey
    button = reader.visible_button(PLAN, below=at)
    if button is None:
        raise RuntimeError("no Show my plan below the last answer")
    reader.tap(button)
    page.wait_for_selector('[data-rg="results"]:not([hidden])')
    card = page.locator("[data-triage]:visible").first
    reader.advice_on_screen(card)
    reader.journey.notes.append(f"plan: {card.get_attribute('data-card')}")
    return reader.journey


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", default=str(REPO / "site"))
    parser.add_argument("--text", nargs="+", type=int, default=[100, 200], help="text sizes, in percent")
    parser.add_argument("--start", nargs="+", choices=("top", "checker"), default=["top", "checker"])
    parser.add_argument("--shots", help="save a screenshot of each journey's end here")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    print(f"site: {args.site}; phone {PHONE['width']} x {PHONE['height']}")
    print(f"{'reader':52} {'start':>8} {'text':>5} {'taps':>5} {'swipes':>7} {'screens':>8} {'checker at':>11}  advice")
    with StaticServer(Path(args.site)) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for start, size in [(start, size) for start in args.start for size in args.text]:
            for who, answers in READERS:
                context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, **NO_SERVICE_WORKER)
                page = context.new_page()
                if size != 100:
                    session = context.new_cdp_session(page)
                    session.send("Page.setFontSizes", {"fontSizes": {"standard": 16 * size // 100}})
                try:
                    journey = run(page, server.url + ("#checker" if start == "checker" else ""), answers)
                except Exception as error:  # noqa: BLE001 - a figure script reports and goes on
                    print(f"{who:52} {start:>8} {size:>4}%  failed: {error}")
                    context.close()
                    continue
                if args.shots:
                    Path(args.shots).mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=str(Path(args.shots) / f"{start}-{size}-{who.split(':')[0][:20]}.png"))
                print(f"{who:52} {start:>8} {size:>4}% {journey.taps:>5} {journey.swipes:>7} {journey.screens:>8} "
                      f"{journey.checker_top:>9}px  {'; '.join(journey.notes)}")
                context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
