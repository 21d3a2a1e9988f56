"""The checker with the keyboard only: Tab, Space, Enter and the arrow keys, no mouse.

Every stop on the way must show where the focus is (WCAG 2.4.7), and the reader must be able
to answer, get the plan, follow a topic, unfold the other topics and forget the answers.
"""

from __future__ import annotations

import json

from checker_helpers import (
    RESULTS,
    expected,
    form_answers,
    settled,
    visible_card,
)

FOCUS_SHOWN = """() => {
  const style = getComputedStyle(document.activeElement);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  return outline || style.boxShadow !== "none";
}"""


def focused(page, selector: str) -> bool:
    return page.evaluate(f"document.activeElement.matches({json.dumps(selector)})")


def tab_to(page, selector: str, key: str = "Tab", limit: int = 200) -> None:
    """Presses Tab (or `key`) until the focus is on `selector`."""
    for _ in range(limit):
        page.keyboard.press(key)
        if focused(page, selector):
            assert page.evaluate(FOCUS_SHOWN), f"no visible focus on {selector}"
            return
    raise AssertionError(f"{selector} cannot be reached with {key}")


def test_keyboard_only(page, site_server):
    page.goto(site_server.url)
    tab_to(page, "#rg-q-red_flags-both_legs")
    page.keyboard.press("Tab")
    assert focused(page, "#rg-q-red_flags-sudden_weakness")
    page.keyboard.press("Space")
    # The warning sign's card shows at once; the focus stays on the box, nothing jumps.
    assert focused(page, "#rg-q-red_flags-sudden_weakness")
    assert page.locator('[data-rg="early"] .rg-card').is_visible()
    # The other steps stepped aside: one key press brings them back.
    assert not page.locator("[name=relaxer]").first.is_visible()
    tab_to(page, '[data-rg-action="unfold"]')
    page.keyboard.press("Enter")
    assert focused(page, '[data-rg-action="unfold"][aria-expanded="true"]')

    # Radio groups: Tab lands on the checked option ("Skip this question"); arrows choose.
    tab_to(page, "[name=relaxer]")
    assert focused(page, "#rg-q-relaxer-skip")
    page.keyboard.press("ArrowDown")  # wraps round to the first option
    assert focused(page, "#rg-q-relaxer-cyclobenzaprine")
    page.keyboard.press("Tab")
    assert focused(page, "#rg-q-prescribed_for-skip")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert focused(page, "#rg-q-days_taken")
    page.keyboard.type("30")
    page.keyboard.press("Enter")  # submits the form from the number box
    settled(page)
    page.wait_for_selector(RESULTS)

    answers = {
        "red_flags": ["sudden_weakness"],
        "relaxer": "cyclobenzaprine",
        "prescribed_for": "recent_strain",
        "days_taken": 30,
    }
    assert form_answers(page) == answers
    plan = expected(answers)["plan"]
    assert visible_card(page).get_attribute("data-triage") == plan["triage"] == "emergency"

    # On to the first topic, and follow it with Enter.
    tab_to(page, ".rg-topics__link")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**#{plan['show'][0]['id']}")

    # A page with folded topics: Enter on the summary unfolds them; the tailoring can be undone.
    page.goto(site_server.url + "why-not-working/")
    page.evaluate("document.activeElement.blur()")
    tab_to(page, ".rg-tailored__toggle")
    tab_to(page, "details.rg-other > summary")
    page.keyboard.press("Enter")
    assert page.locator("details.rg-other").evaluate("d => d.open")
    page.keyboard.press("Shift+Tab")
    tab_to(page, ".rg-tailored__toggle", key="Shift+Tab")
    page.keyboard.press("Enter")
    assert page.locator("details.rg-other").count() == 0
    assert focused(page, ".rg-tailored__toggle")

    # Back on the start page: forget everything with the keyboard.
    page.goto(site_server.url)
    settled(page)
    tab_to(page, "[data-rg-action=forget]")
    page.keyboard.press("Space")
    assert form_answers(page) == {}
    assert not page.locator(RESULTS).is_visible()


def test_every_control_can_be_reached(page, site_server):
    """Every input and button of the form is in the Tab order, in the order of the page."""
    page.goto(site_server.url)
    order = page.evaluate(
        """() => [...document.querySelectorAll('[data-rg="form"] input, [data-rg="form"] button, [data-rg="form"] select')]
            .filter((el) => !(el.type === "radio" && !el.checked) && el.getClientRects().length)
            .map((el) => el.id || el.textContent)"""
    )
    tab_to(page, f"#{order[0]}")  # the first warning sign
    reached = [page.evaluate("document.activeElement.id || document.activeElement.textContent")]
    for _ in range(len(order) - 1):
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUS_SHOWN)
        reached.append(page.evaluate("document.activeElement.id || document.activeElement.textContent"))
    assert reached == order
