"""The steps, one on screen at a time, on a 390 px phone (and desktop where it says).

As NHS 111 online asks one thing at a time: step one (the warning signs) first, and no way on
without a sign or "None of these"; Continue and Back keep every answer; "Show my plan now" once
the warning signs are answered, and one "Show my plan" at the end. After a press the plan's
card is on screen and focused; a plan from fewer answers says what the rest could add, and
takes the reader there. A press before Python is ready waits, and says so. The order and the
steps' questions come from decision's question groups. Screenshots of each state are saved.
"""

from __future__ import annotations

import re

import pytest

from support.checker import (
    ERROR,
    ON_SHOW,
    PHONE,
    RESULTS,
    VIEWPORTS,
    answer_form,
    expected,
    form_answers,
    go_to_step,
    in_viewport,
    plan_button,
    same_answers,
    settled,
    show_plan,
    snap,
    step_on_show,
    visible_card,
)

import decision

GROUPS = [g for g in decision.question_groups() if any(q["group"] == g["id"] for q in decision.questions())]
# Presses "Show my plan" and reads the button's words in the same task: the press is taken
# before the runtime has started.
PRESS = """() => {
  const button = [...document.querySelectorAll('[data-rg-step]:not([hidden]) button[type=submit]')]
    .find((b) => b.checkVisibility());
  button.click();
  return { text: button.textContent, busy: button.getAttribute("aria-busy") };
}"""


def visible_steps(page) -> list[str]:
    return page.locator("[data-rg-step]").evaluate_all(
        "steps => steps.filter((s) => s.checkVisibility()).map((s) => s.dataset.rgStep)"
    )


def continue_(page):
    page.locator(ON_SHOW).get_by_role("button", name=re.compile("^Continue")).click()


def test_one_step_at_a_time_in_decisions_order(page, site_server):
    page.set_viewport_size(PHONE)
    page.goto(site_server.url)
    page.check("#rg-q-red_flags-none")
    for number, group in enumerate(GROUPS, 1):
        assert visible_steps(page) == [str(number)]
        step = page.locator(ON_SHOW)
        assert step.locator("legend.rg-group__legend").inner_text() == f"Step {number} of {len(GROUPS)}: {group['title']}"
        questions = step.locator("[data-question]").evaluate_all("qs => qs.map((q) => q.dataset.question)")
        assert questions == [q["id"] for q in decision.questions() if q["group"] == group["id"]]
        # The step's title has the focus and is on screen, so the reader starts at its top.
        if number > 1:
            assert page.evaluate("document.activeElement.closest('legend') !== null")
            assert in_viewport(page, step.locator("legend.rg-group__legend")), step.locator("legend.rg-group__legend").evaluate("l => [l.getBoundingClientRect().toJSON(), innerHeight, scrollY]")
        if number < len(GROUPS):
            assert step.get_by_role("button", name="Show my plan", exact=True).count() == 0
            continue_(page)
    last = page.locator(ON_SHOW)
    assert last.get_by_role("button", name="Continue").count() == 0
    assert last.get_by_role("button", name="Show my plan", exact=True).is_visible()
    assert page.get_by_role("button", name="Show my plan", exact=True).filter(visible=True).count() == 1


def test_step_one_holds_until_the_warning_signs_are_answered(page, site_server):
    page.set_viewport_size(PHONE)
    page.goto(site_server.url)
    step = page.locator(ON_SHOW)
    now = step.get_by_role("button", name="Show my plan now")
    assert not now.is_visible(), "no plan before the warning signs"
    continue_(page)
    assert step_on_show(page) == 1
    error = page.locator(ERROR)
    assert "Check each warning sign you have, or check None of these" in error.inner_text()
    assert page.evaluate("document.activeElement.id") == "rg-q-red_flags-saddle_numbness"
    assert page.locator('[data-question="red_flags"]').get_attribute("aria-invalid") == "true"
    snap(page, "phone-10-step-one-unanswered")
    page.check("#rg-q-red_flags-none")
    assert now.is_visible()
    continue_(page)
    assert step_on_show(page) == 2
    assert not error.is_visible(), "the reminder goes once it is answered"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_continue_and_back_keep_every_answer(page, site_server, viewport):
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(site_server.url)
    answers = {
        "red_flags": ["fever"], "relaxer": "baclofen", "days_taken": {"value": 3, "unit": "months"},
        "dose_pattern": "stopped_suddenly", "pain_weeks": 7, "tried": ["heat", "ice"], "sleep_disturbed": True,
    }
    answer_form(page, answers)
    snap(page, f"{viewport}-11-last-step")
    go_to_step(page, 1)
    assert same_answers(form_answers(page), {**answers, "days_taken": 3})
    assert page.locator("#rg-q-days_taken-units").input_value() == "months"
    go_to_step(page, len(GROUPS))
    show_plan(page)
    plan = expected(answers)["plan"]
    assert visible_card(page).get_attribute("data-card") == plan["card"]["id"] == "emergency"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_after_a_press_the_plan_is_on_screen_and_focused(page, site_server, viewport):
    page.set_viewport_size(VIEWPORTS[viewport])
    page.emulate_media(reduced_motion="reduce")
    page.goto(site_server.url)
    page.evaluate("window.relaxerChecker.ready")
    answers = {"red_flags": ["none"], "relaxer": "cyclobenzaprine", "days_taken": 30}
    answer_form(page, answers)
    show_plan(page)
    card = visible_card(page)
    assert card.get_attribute("data-card") == expected(answers)["plan"]["card"]["id"]
    assert in_viewport(page, card, whole=False), "the card's top is on screen"
    assert page.evaluate("document.activeElement.dataset.card") == card.get_attribute("data-card")
    snap(page, f"{viewport}-06-plan-shown")


def test_an_early_plan_says_what_the_rest_could_add_and_takes_the_reader_there(page, site_server):
    """MS on baclofen, stopped all at once, with a fever: a reader who stops after the warning
    signs gets "Get seen today", and the line that the rest could make it more urgent."""
    page.set_viewport_size(PHONE)
    page.goto(site_server.url)
    page.check("#rg-q-red_flags-fever")
    show_plan(page)
    early = expected({"red_flags": ["fever"]})
    assert visible_card(page).get_attribute("data-card") == early["plan"]["card"]["id"] == "urgent"
    more = page.locator('[data-rg="more"]')
    assert more.inner_text().startswith(early["more"]["text"]) and "more urgent" in early["more"]["text"]
    snap(page, "phone-12-early-plan")
    more.get_by_role("button", name="Answer the other questions").click()
    assert step_on_show(page) == next(n for n, g in enumerate(GROUPS, 1) if g["id"] == early["more"]["groups"][0])
    answers = {"red_flags": ["fever"], "relaxer": "baclofen", "prescribed_for": "spasticity_condition",
               "dose_pattern": "stopped_suddenly"}
    answer_form(page, answers)
    settled(page)
    assert visible_card(page).get_attribute("data-card") == expected(answers)["plan"]["card"]["id"] == "emergency"
    # Everything that matters is answered now: the line says the rest would not change it.
    assert "would not make this advice more urgent" in more.inner_text()


def submit_on_show(page):
    """The step on show's Show my plan button, whatever it says while it waits."""
    return page.locator(f"{ON_SHOW} button[type=submit]").filter(visible=True)


def test_a_press_before_python_is_queued_and_says_so(page, site_server):
    held = []  # the rules' wheel waits until the press: Python cannot be ready before it
    page.route("**/*.whl", lambda route: held.append(route))
    page.goto(site_server.url)
    page.wait_for_function("document.querySelector('[data-rg-checker]').dataset.rgStarted")
    answers = {"red_flags": ["none"], "sits_long": True}
    answer_form(page, answers)
    pressed = page.evaluate(PRESS)
    assert pressed == {"text": "Starting the checker…", "busy": "true"}
    assert page.locator('[data-rg="status"] progress').is_visible()
    for route in held:
        route.continue_()
    page.unroute("**/*.whl")
    settled(page)
    page.wait_for_selector(RESULTS)
    button = plan_button(page)
    assert button.inner_text() == "Show my plan" and button.get_attribute("aria-busy") is None
    assert visible_card(page).get_attribute("data-triage") == expected(answers)["plan"]["triage"]


def test_a_changed_answer_updates_the_plan_in_place(page, site_server):
    page.goto(site_server.url)
    first = {"red_flags": ["none"], "sits_long": True}
    answer_form(page, first)
    show_plan(page)
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


def test_a_radio_answer_can_be_cleared(page, site_server):
    page.goto(site_server.url)
    # Two answers on one step (the medicine): clearing one keeps the other.
    answer_form(page, {"red_flags": ["none"], "relaxer": "baclofen", "prescribed_for": "recent_strain"})
    clear = page.get_by_role("button", name="Clear this answer: Which muscle relaxer are you taking?")
    clear.click()
    assert "relaxer" not in form_answers(page) and form_answers(page)["prescribed_for"] == "recent_strain"
    assert not clear.is_visible(), "nothing to clear now"
    assert page.evaluate("document.activeElement.name") == "relaxer", "the focus stays at the question"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_screenshots_of_the_steps(page, site_server, viewport):
    """Every step, and a press queued while the checker starts (for the eye)."""
    page.set_viewport_size(VIEWPORTS[viewport])
    page.route("**/*.whl", lambda route: None)  # Python never arrives: the press stays queued
    page.goto(site_server.url + "#checker")
    snap(page, f"{viewport}-04-step-1")
    page.check("#rg-q-red_flags-none")
    for number in range(2, len(GROUPS) + 1):
        continue_(page)
        page.wait_for_timeout(500)  # the smooth scroll to the step's title ends
        snap(page, f"{viewport}-04-step-{number}")
    page.check("#rg-q-sits_long-yes")
    page.evaluate(PRESS)
    page.wait_for_selector('[data-rg="status"]:not([hidden])')
    assert "Starting the checker" in submit_on_show(page).inner_text()
    snap(page, f"{viewport}-05-queued")
