"""The steps after the warning signs: "Show my plan" in each, queued until Python is ready.

The plan shows under the step the reader pressed in, and the page scrolls to it; a press before
the runtime is ready is kept, the button says that the checker is starting, with progress; a
changed answer updates the plan on show, in place. Screenshots of each state are saved.
"""

from __future__ import annotations

import pytest

from checker_helpers import (
    RESULTS,
    VIEWPORTS,
    answer_form,
    expected,
    settled,
    snap,
    visible_card,
)

STEP = '[data-rg-step="{}"]'
# Presses a step's "Show my plan" and reads the button's words in the same task: the press is
# taken before the runtime has started.
PRESS = """(step) => {
  const button = document.querySelector(`[data-rg-step="${step}"] button[type=submit]`);
  button.click();
  return { text: button.textContent, busy: button.getAttribute("aria-busy") };
}"""


def steps(page) -> int:
    return page.locator("[data-rg-step]").count()


def test_a_press_before_python_is_queued_and_says_so(page, site_server):
    page.goto(site_server.url)
    page.wait_for_function("document.querySelector('[data-rg-checker]').dataset.rgStarted")
    last = steps(page)
    answers = {"sits_long": True}
    answer_form(page, answers)
    pressed = page.evaluate(PRESS, last)
    assert pressed == {"text": "Starting the checker…", "busy": "true"}
    assert page.locator('[data-rg="status"] progress').is_visible()
    settled(page)
    page.wait_for_selector(RESULTS)
    button = page.locator(STEP.format(last)).locator("button[type=submit]")
    assert button.inner_text() == "Show my plan" and button.get_attribute("aria-busy") is None
    assert visible_card(page).get_attribute("data-triage") == expected(answers)["plan"]["triage"]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_plan_shows_where_the_reader_pressed(page, site_server, viewport):
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(site_server.url)
    page.evaluate("window.relaxerChecker.ready")
    for step in range(2, steps(page) + 1):
        page.locator(STEP.format(step)).locator("button[type=submit]").click()
        settled(page)
        page.wait_for_selector(RESULTS)
        outcome = page.locator('[data-rg="outcome"]')
        assert outcome.evaluate("o => o.previousElementSibling.dataset.rgStep") == str(step)
        card = visible_card(page)
        assert card.evaluate("c => { const r = c.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }"), (
            "the page scrolls to the plan"
        )
    snap(page, f"{viewport}-06-plan-shown")


def test_a_changed_answer_updates_the_plan_in_place(page, site_server):
    page.goto(site_server.url)
    first = {"sits_long": True}
    answer_form(page, first)
    page.locator(STEP.format(steps(page))).locator("button[type=submit]").click()
    settled(page)
    page.wait_for_selector(RESULTS)
    topics = lambda: page.locator(".rg-topics__reason").all_inner_texts()  # noqa: E731
    assert topics() == [item["reason"] for item in expected(first)["plan"]["show"]]
    second = {**first, "sleep_disturbed": True}
    answer_form(page, {"sleep_disturbed": True})
    settled(page)
    want = [item["reason"] for item in expected(second)["plan"]["show"]]
    assert want != [item["reason"] for item in expected(first)["plan"]["show"]], "pick answers whose plans differ"
    assert topics() == want
    summary = page.locator('[data-rg="summary-text"]').inner_text()
    assert summary.split("\n") == expected(second)["plan"]["summary"].split("\n")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_screenshots_of_the_steps(page, site_server, viewport):
    """The steps, and a press queued while the checker starts (for the eye)."""
    page.set_viewport_size(VIEWPORTS[viewport])
    page.route("**/*.whl", lambda route: None)  # Python never arrives: the press stays queued
    page.goto(site_server.url)
    page.locator(STEP.format(2)).scroll_into_view_if_needed()
    snap(page, f"{viewport}-04-steps")
    answer_form(page, {"sits_long": True})
    page.locator(STEP.format(steps(page))).locator("button[type=submit]").click()
    page.wait_for_selector('[data-rg="status"]:not([hidden])')
    page.locator('[data-rg="status"]').scroll_into_view_if_needed()
    assert "Starting the checker" in page.locator(STEP.format(steps(page))).locator("button[type=submit]").inner_text()
    snap(page, f"{viewport}-05-queued")
