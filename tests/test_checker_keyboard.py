"""The checker with the keyboard only: Tab, Space and Enter, no mouse, on a 390 px phone.

The checker's first control is a few key presses away (the skip link); nothing is ticked to
start with, so no pre-ticked option has to be fought with the arrow keys. Every stop on the way
must show where the focus is (WCAG 2.4.7), and the reader must be able to answer step by
step, get the plan (which gets the focus), follow a topic, unfold the other topics, and forget
the answers and undo it.
"""

from __future__ import annotations

import json

from support.checker import PHONE, RESULTS, expected, folding_page, form_answers, settled, visible_card

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


def test_the_checker_is_a_few_tabs_away(page, site_server):
    """The skip link: the first warning sign within four key presses of the page's start."""
    page.set_viewport_size(PHONE)
    page.goto(site_server.url)
    presses = 0
    for key in ("Tab", "Tab"):
        page.keyboard.press(key)
        presses += 1
    assert focused(page, "a.rg-skip") and page.evaluate(FOCUS_SHOWN)
    assert page.locator("a.rg-skip").inner_text() == "Skip to the checker"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    presses += 2
    assert focused(page, "#rg-q-red_flags-saddle_numbness"), page.evaluate("document.activeElement.outerHTML")
    assert presses <= 4


def test_keyboard_only(page, site_server):
    """From the first Tab to a plan, a topic, a tailored page and back, with keys alone."""
    page.set_viewport_size(PHONE)
    page.goto(site_server.url)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # Skip to the checker
    tab_to(page, "#rg-q-red_flags-sudden_weakness")
    page.keyboard.press("Space")
    # The warning sign's card shows at once; the focus stays on the box, nothing jumps.
    assert focused(page, "#rg-q-red_flags-sudden_weakness")
    assert page.locator('[data-rg="early"] .rg-card').is_visible()
    # On past the card's own links to Continue.
    tab_to(page, '[data-rg-action="continue"]')
    page.keyboard.press("Enter")
    # Step two: its title has the focus; nothing is ticked, so Tab lands on the first option.
    assert focused(page, '[data-rg-step="2"] legend.rg-group__legend')
    page.keyboard.press("Tab")
    assert focused(page, "#rg-q-relaxer-cyclobenzaprine")
    page.keyboard.press("Space")
    assert page.is_checked("#rg-q-relaxer-cyclobenzaprine")
    page.keyboard.press("Tab")
    assert focused(page, '[data-rg-action="clear"]'), "a radio answer can be cleared from the keyboard"
    page.keyboard.press("Tab")
    assert focused(page, "#rg-q-prescribed_for-recent_strain")
    page.keyboard.press("Space")
    tab_to(page, '[data-rg-step="2"] [data-rg-action="continue"]')
    page.keyboard.press("Enter")
    assert focused(page, '[data-rg-step="3"] legend.rg-group__legend')
    tab_to(page, "#rg-q-days_taken")
    page.keyboard.type("30")
    page.keyboard.press("Enter")  # Enter in a box goes on, as Continue does
    assert focused(page, '[data-rg-step="4"] legend.rg-group__legend')
    tab_to(page, '[data-rg-step="4"] [data-rg-now]')
    page.keyboard.press("Enter")  # Show my plan now
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
    card = visible_card(page)
    assert card.get_attribute("data-triage") == plan["triage"] == "emergency"
    assert focused(page, f'[data-card="{plan["card"]["id"]}"]'), "the plan has the focus"

    # On to the first topic, and follow it with Enter.
    tab_to(page, ".rg-topics__link")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**#{plan['show'][0]['id']}")

    # A page with folded topics: Enter on the summary unfolds them; the tailoring can be undone.
    page.goto(site_server.url + folding_page(answers))
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

    # Back on the start page: forget everything with the keyboard, and undo it.
    page.goto(site_server.url)
    settled(page)
    tab_to(page, "[data-rg-action=forget]")
    page.keyboard.press("Space")
    assert form_answers(page) == {}
    assert not page.locator(RESULTS).is_visible()
    assert focused(page, '[data-rg="forgotten"]')
    page.keyboard.press("Tab")
    assert focused(page, "[data-rg-action=undo]")
    page.keyboard.press("Enter")
    settled(page)
    page.wait_for_selector(RESULTS)
    assert form_answers(page) == answers


ORDER_ON_SHOW = """() => {
  const step = document.querySelector('[data-rg-step]:not([hidden])');
  const seen = new Set();
  return [...step.querySelectorAll('input, button, select')]
    .filter((el) => el.getClientRects().length)
    .filter((el) => {
      // A radio group is one Tab stop: its checked option, or its first when none is.
      if (el.type !== "radio") return true;
      if (seen.has(el.name)) return false;
      seen.add(el.name);
      const checked = step.querySelector(`input[name="${el.name}"]:checked`);
      return !checked || checked === el;
    })
    .map((el) => el.id || el.textContent);
}"""


def test_every_control_can_be_reached(page, site_server):
    """Every input and button of every step is in the Tab order, in the order of the page."""
    page.goto(site_server.url)
    page.check("#rg-q-red_flags-none")
    steps = page.locator("[data-rg-step]").count()
    for number in range(1, steps + 1):
        order = page.evaluate(ORDER_ON_SHOW)
        tab_to(page, f"#{order[0]}")
        reached = [page.evaluate("document.activeElement.id || document.activeElement.textContent")]
        for _ in range(len(order) - 1):
            page.keyboard.press("Tab")
            assert page.evaluate(FOCUS_SHOWN)
            reached.append(page.evaluate("document.activeElement.id || document.activeElement.textContent"))
        assert reached == order, f"step {number}"
        if number < steps:
            page.locator("[data-rg-step]:not([hidden])").get_by_role("button", name="Continue").click()
