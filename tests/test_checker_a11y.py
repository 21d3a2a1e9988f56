"""Accessibility of the checker and the tailored pages: WCAG 2.2 AA by axe-core, in Material's
light (default) and dark (slate) schemes with the teal primary; headings in order; usable on a
360 px phone.

axe runs on the page content (.md-content) in every state the checker can put it in: fresh,
with a plan and a share link, with an error at a question, failed to start, and a tailored page
with its fold open. Material's own header and search dialog are Material's to answer for.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from support.checker import ERROR, answer_form, folding_page, settled, show_plan, wait_until

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
SCHEMES = {"light": "default", "dark": "slate"}
ANSWERS = {"red_flags": ["bowel_bladder"], "relaxer": "baclofen", "prescribed_for": "recent_strain"}

axe = Axe()


def violations(page) -> list[str]:
    found = axe.run(page, context=".md-content", options=WCAG_AA).response["violations"]
    return [
        f'{v["id"]}: {[node["target"] for node in v["nodes"]]} {v["nodes"][0]["failureSummary"]}'
        for v in found
    ]


def open_in(page, scheme: str, url: str) -> None:
    """Opens `url` in the scheme Material picks for a reader whose system is light or dark."""
    page.emulate_media(color_scheme=scheme)
    page.goto(url)
    page.evaluate("localStorage.clear()")  # Material remembers the last scheme per site
    page.reload()
    wait_until(page, f"document.body.dataset.mdColorScheme === {SCHEMES[scheme]!r}", timeout=5000)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_checker_states(page, site_server, scheme):
    open_in(page, scheme, site_server.url)
    states = {"fresh": violations(page)}

    answer_form(page, ANSWERS)
    show_plan(page)
    page.get_by_role("button", name="Share or bookmark").click()
    settled(page)
    states["plan and share link"] = violations(page)

    answer_form(page, {"days_taken": 999})  # on its own step since issue 24's shorter steps
    show_plan(page)
    states["error at a question"] = violations(page)

    page.goto(site_server.url + folding_page(ANSWERS))
    page.get_by_text("Other topics on this page").click()
    states["tailored page"] = violations(page)
    assert {state: found for state, found in states.items() if found} == {}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_failure_message(page, site_server, scheme):
    page.route("**/pyodide/**", lambda route: route.abort())
    open_in(page, scheme, site_server.url)
    answer_form(page, {"red_flags": ["none"], "sits_long": True})
    show_plan(page)
    assert page.locator(ERROR).is_visible()
    assert violations(page) == []


def test_headings_in_order(page, site_server):
    page.goto(site_server.url)
    answer_form(page, ANSWERS)
    show_plan(page)
    levels = page.evaluate(
        "[...document.querySelectorAll('article :is(h1,h2,h3,h4,h5,h6)')]"
        ".filter((h) => h.checkVisibility()).map((h) => Number(h.tagName[1]))"
    )
    assert levels[0] == 1
    jumps = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
    assert jumps == [], f"heading levels skip: {levels}"


def test_phone(page, site_server):
    """A 360 px wide phone: nothing wider than the screen, every target at least 24 px."""
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site_server.url)
    answer_form(page, ANSWERS)
    show_plan(page)
    page.get_by_role("button", name="Share or bookmark").click()
    settled(page)

    def too_wide():
        return page.evaluate(
            "() => [...document.querySelectorAll('article *')].filter((el) => "
            "el.checkVisibility() && el.getBoundingClientRect().right > innerWidth + 1)"
            ".map((el) => el.className || el.tagName)"
        )

    assert too_wide() == []
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
    small = page.evaluate(
        "() => [...document.querySelectorAll('.rg-checker :is(input, button)')]"
        ".filter((el) => el.checkVisibility()).map((el) => [el.id || el.textContent, el.getBoundingClientRect()])"
        ".filter(([, box]) => box.width < 24 || box.height < 24).map(([name]) => name)"
    )
    assert small == []
    page.goto(site_server.url + folding_page(ANSWERS))
    page.get_by_text("Other topics on this page").click()
    assert too_wide() == []
