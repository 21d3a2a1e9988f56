"""Step one answers at once: a ticked warning sign shows its card under the question.

The reader in pain must not scroll, press or wait for Python: within 100 ms of the tick, with
the runtime blocked, the card that decision.plan gives for that sign is under the question,
announced by a live region, and its bar (the card's title and, for a call now, its call link)
is on screen at once, with the page where it was and the focus left on the box (a tick must
not move the reader elsewhere: WCAG 3.2.2; there may be more signs to tick); with JavaScript
off, CSS shows the card.
The expected words come from decision.plan here, not from the page's build-time table, so the
page and the engine cannot disagree. Every option of step one is tried, whatever they are.
"""

from __future__ import annotations

import pytest

from support.checker import (
    ON_SHOW,
    RESULTS,
    VIEWPORTS,
    early_expectations,
    in_viewport,
    expected,
    plan_button,
    settled,
    shows_words,
    snap,
    visible_card,
    words,
)

EARLY = early_expectations()
OPTIONS = [(qid, value) for qid, options in EARLY.items() for value in options]
WITH_CARDS = [(qid, value) for qid, value in OPTIONS if EARLY[qid][value]]
RUNTIME = ("**/pyodide/**", "**/*.whl")
# Ticks a box as a click would and waits, frame by frame, for a visible card under the question.
TICK = """async ([id, selector]) => {
  const input = document.getElementById(id);
  input.focus();
  const t0 = performance.now();
  input.click();
  const card = () => [...document.querySelectorAll(selector)].find((c) => c.checkVisibility());
  while (!card() && performance.now() - t0 < 2000) await new Promise((r) => requestAnimationFrame(r));
  return { ms: performance.now() - t0, shown: Boolean(card()), focus: document.activeElement.id };
}"""
CARD_JS = '[data-rg="early"] .rg-card'


def block_runtime(page) -> list[str]:
    """Aborts every request for Pyodide or the rules; returns the URLs that were asked for."""
    asked: list[str] = []
    for pattern in RUNTIME:
        page.route(pattern, lambda route: (asked.append(route.request.url), route.abort()))
    return asked


def test_some_warning_sign_calls_for_help():
    assert WITH_CARDS, "step one has no option that calls for help: nothing to answer at once"


@pytest.mark.parametrize("screen", list(VIEWPORTS))
@pytest.mark.parametrize("qid, value", OPTIONS, ids=[v for _, v in OPTIONS])
def test_tick_shows_its_card_at_once_before_python(page, site_server, qid, value, screen):
    asked = block_runtime(page)
    page.set_viewport_size(VIEWPORTS[screen])
    page.goto(site_server.url)
    page.wait_for_function("document.querySelector('[data-rg-checker]').dataset.rgStarted")
    want = EARLY[qid][value]
    page.locator(f"#rg-q-{qid}-{value}").scroll_into_view_if_needed()
    before = page.evaluate("scrollY")
    result = page.evaluate(TICK, [f"rg-q-{qid}-{value}", CARD_JS])
    assert result["focus"] == f"rg-q-{qid}-{value}", "the focus stays on the box"
    now = page.locator(ON_SHOW).get_by_role("button", name="Show my plan now")
    if want is None:
        assert not result["shown"], "a card for an option no more urgent than an empty form"
        assert now.is_visible(), "answered: the plan can come now"
        return
    assert result["shown"] and result["ms"] < 100, result
    card = page.locator(CARD_JS)
    assert card.get_attribute("data-card") == want["card"]
    assert shows_words(card.inner_text(), want["words"]), (words(card.inner_text()), want["words"])
    assert card.locator('xpath=ancestor::*[@aria-live="polite"]').count() == 1, "not announced"
    # Right under the question, on screen, with "Show my plan now" and Continue after it.
    assert card.evaluate("c => c.closest('[data-rg-step]').dataset.rgStep") == "1"
    # The page stays at the list; the card's bar is in view, with the call link for a call now.
    assert abs(page.evaluate("scrollY") - before) < 2, "the page jumped"
    bar = page.locator(f'[data-rg-bar="{want["card"]}"]')
    assert in_viewport(page, bar), "the bar is on screen"
    calls = bar.locator("a[href^='tel:']")
    assert calls.count() == (1 if want["level"] == "emergency" or want["card"] == "poison" else 0)
    assert not page.locator(RESULTS).is_visible()
    # Going on is the secondary choice.
    assert now.is_visible() and page.locator(ON_SHOW).get_by_role("button", name="Continue to the other questions").is_visible()
    # Unticking takes the card away.
    page.uncheck(f"#rg-q-{qid}-{value}")
    assert page.locator(CARD_JS).count() == 0
    # The tick did start the runtime, and it was refused: the card never waited for Python.
    # (The start waits for an idle moment after the form scrolls into view: a busy machine
    # makes it late, so the test waits for the checker to say its start failed.)
    page.wait_for_function("document.querySelector('[data-rg-checker]').dataset.rgPhase === 'failed'")
    assert asked, "the runtime was never asked for"


@pytest.mark.parametrize("screen", list(VIEWPORTS))
@pytest.mark.parametrize("qid, value", OPTIONS, ids=[v for _, v in OPTIONS])
def test_javascript_off_still_shows_the_card(browser, site_server, qid, value, screen):
    context = browser.new_context(java_script_enabled=False, viewport=VIEWPORTS[screen])
    try:
        tab = context.new_page()
        tab.goto(site_server.url)
        box = tab.locator(f"#rg-q-{qid}-{value}")
        assert box.is_enabled()
        box.check()
        cards = tab.locator(".rg-early-card").filter(visible=True)
        want = EARLY[qid][value]
        if want is None:
            assert cards.count() == 0
            return
        assert cards.count() == 1
        assert shows_words(cards.first.inner_text(), want["words"]), words(cards.first.inner_text())
        # The tap-to-call button works without a script too.
        assert cards.first.locator('a[href^="tel:"]').count() >= (1 if want["level"] == "emergency" else 0)
        cards.first.scroll_into_view_if_needed()
        snap(tab, f"{screen}-00-javascript-off-{value}")
        # In place of the other steps, one line with links to the guidance pages.
        note = tab.locator('[data-rg="nojs"]')
        assert note.is_visible() and note.locator("a").count() >= 5
        assert tab.locator("[data-rg-step]").filter(visible=True).count() == 1
        assert tab.locator('[data-rg="nav"] button').filter(visible=True).count() == 0
        box.uncheck()
        assert tab.locator(".rg-early-card").filter(visible=True).count() == 0
    finally:
        context.close()


def test_several_signs_give_the_most_urgent_card_with_every_sign(page, site_server):
    block_runtime(page)
    page.goto(site_server.url)
    page.wait_for_function("document.querySelector('[data-rg-checker]').dataset.rgStarted")
    # One sign that needs help today and two that are emergencies.
    ticked = [("red_flags", "fever"), ("red_flags", "chest_pain"), ("red_flags", "bowel_bladder")]
    for qid, value in ticked:
        page.check(f"#rg-q-{qid}-{value}")
    cards = page.locator(CARD_JS).filter(visible=True)
    assert cards.count() == 1
    assert cards.first.get_attribute("data-rg-level") == "emergency"
    # The answers behind it are the emergencies', as decision gives them; not the sign that only
    # needs help today (it is not why the reader must call now).
    listed = [words(li) for li in cards.first.locator('[data-rg="because"] li').all_inner_texts()]
    for qid, value in ticked:
        for line in EARLY[qid][value]["words"]:
            if line.startswith("Warning signs:"):
                assert (line in listed) == (EARLY[qid][value]["level"] == "emergency"), (line, listed)
    # The emergencies' lines, each once; not the line of the sign that only needs help today.
    lines = [words(li) for li in cards.first.locator('[data-rg="lines"] li').all_inner_texts()]
    assert len(lines) == len(set(lines)) == 2


@pytest.mark.parametrize("qid, value", WITH_CARDS, ids=[v for _, v in WITH_CARDS])
def test_the_full_plan_takes_over_when_python_is_ready(page, site_server, qid, value):
    page.goto(site_server.url)
    page.check(f"#rg-q-{qid}-{value}")
    plan_button(page).click()
    settled(page)
    page.wait_for_selector(RESULTS)
    plan = expected({qid: [value]})["plan"]
    # One card on show: the plan's, at least as urgent as the early one (never less), where
    # the reader looks, with the focus.
    assert visible_card(page).get_attribute("data-triage") == plan["triage"]
    assert page.locator(CARD_JS).filter(visible=True).count() == 0
    assert in_viewport(page, visible_card(page), whole=False)
    assert page.evaluate("document.activeElement.dataset.card") == plan["card"]["id"]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_screenshots_of_step_one(page, site_server, viewport):
    """Each level's early card, and the buttons after it, on a phone and a desktop (for the eye)."""
    page.set_viewport_size(VIEWPORTS[viewport])
    block_runtime(page)
    page.goto(site_server.url)
    page.locator('[data-rg-step="1"]').scroll_into_view_if_needed()
    snap(page, f"{viewport}-01-step-one")
    seen = set()
    for qid, value in WITH_CARDS:
        level = EARLY[qid][value]["level"]
        if level in seen:
            continue
        seen.add(level)
        page.check(f"#rg-q-{qid}-{value}")
        assert in_viewport(page, page.locator("[data-rg-bar]:not([hidden])"))
        snap(page, f"{viewport}-02-early-bar-{level}")
        page.locator(CARD_JS).scroll_into_view_if_needed()
        snap(page, f"{viewport}-02-early-card-{level}")
        page.locator(ON_SHOW).locator('[data-rg="nav"]').scroll_into_view_if_needed()
        snap(page, f"{viewport}-03-after-the-card-{level}")
        page.uncheck(f"#rg-q-{qid}-{value}")


PAIR_CARDS = """(pairs) => pairs.map(([a, b]) => {
  const boxes = [a, b].map((value) => document.getElementById(`rg-q-red_flags-${value}`));
  for (const box of boxes) { box.checked = true; box.dispatchEvent(new Event("change", { bubbles: true })); }
  const card = document.querySelector('[data-rg="early"] .rg-card');
  const items = (name) => card ? [...card.querySelectorAll(`[data-rg="${name}"] > li`)].map((li) => li.textContent) : [];
  const seen = card && { card: card.dataset.card, level: card.dataset.rgLevel, lines: items("lines"), because: items("because") };
  for (const box of boxes) { box.checked = false; box.dispatchEvent(new Event("change", { bubbles: true })); }
  return seen;
})"""


def test_every_pair_of_signs_gives_decisions_own_card(page, site_server):
    """The card for two ticked signs, combined in the page before Python, is the card
    decision.plan gives for the same two (its level, its card, its lines and the answers
    behind it): the page's combining is checked against the engine over every pair."""
    block_runtime(page)
    page.goto(site_server.url)
    page.wait_for_function("document.querySelector('[data-rg-checker]').dataset.rgStarted")
    signs = [value for qid, value in WITH_CARDS if qid == "red_flags"]
    pairs = [[a, b] for i, a in enumerate(signs) for b in signs[i + 1:]]
    shown = page.evaluate(PAIR_CARDS, pairs)
    def answers_behind(lines: list[str]) -> set[tuple[str, str]]:
        # "Warning signs: a; b" (decision's one line per question) and the page's one line per
        # sign say the same answers.
        return {(head, part.strip()) for line in lines for head, _, rest in [words(line).partition(": ")]
                for part in rest.split("; ")}

    wrong = []
    for (a, b), seen in zip(pairs, shown):
        card = expected({"red_flags": [a, b]})["plan"]["card"]
        # The same lines (the page lists them in the order of the signs, decision in its rules').
        want = {"card": card["id"], "level": card["level"], "lines": sorted(words(x) for x in card["lines"]),
                "because": answers_behind(card["because"])}
        got = seen and {**seen, "lines": sorted(words(x) for x in seen["lines"]),
                        "because": answers_behind(seen["because"])}
        if got != want:
            wrong.append((a, b, got, want))
    assert not wrong, f"{len(wrong)} of {len(pairs)} pairs differ, e.g. {wrong[:2]}"
