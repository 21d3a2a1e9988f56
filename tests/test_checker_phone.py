"""The checker and the pages on a 390 px phone, at the default text size and at 200% text.

A reader in pain on a phone must find the answer where they look and never scroll sideways:
a share link opens at its plan; at 200% text (the browser's default font size doubled, as a
reader's large-text setting does: CDP Page.setFontSizes) nothing on any page or in any
state of the checker is wider than the screen, the tailored page's banner and the header
included, and the header keeps the site's name readable. The emergency box on every page but
the start page stays under half the screen at 200% text (its button and its link say it all;
the sentence before them is left to screen readers there), and the start page (its checker's first
question) and the urgent page keep their full lists of warning signs.
Screenshots of each state are saved.
"""

from __future__ import annotations

import pytest

from support.checker import (
    PAGES,
    PHONE,
    RESULTS,
    answer_form,
    expected,
    go_to_step,
    in_viewport,
    settled,
    show_plan,
    snap,
    visible_card,
)
from support.project import local_facts

ANSWERS = {"red_flags": ["none"], "relaxer": "baclofen", "prescribed_for": "recent_strain",
           "days_taken": {"value": 5, "unit": "weeks"}, "pain_pattern": ["shooting_or_radiating"], "sits_long": True}
# Elements wider than the screen, left out: the drawer and its contents, which sit off screen
# until the menu opens (Material's off-canvas navigation).
TOO_WIDE = """() => [...document.querySelectorAll('body *')]
  .filter((el) => !el.closest('.md-sidebar') && el.checkVisibility())
  .filter((el) => el.getBoundingClientRect().right > innerWidth + 1)
  .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)"""


@pytest.fixture
def large_text(page):
    """The tab on a phone with the default text size doubled."""
    page.set_viewport_size(PHONE)
    page.context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    return page


def no_sideways_scroll(page, where: str) -> None:
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"], where
    assert page.evaluate(TOO_WIDE) == [], where


def test_a_share_link_opens_at_its_plan(page, site_server):
    page.set_viewport_size(PHONE)
    want = expected(ANSWERS)
    page.goto(f"{site_server.url}#answers={want['share']}")
    settled(page)
    page.wait_for_selector(RESULTS)
    card = visible_card(page)
    assert card.get_attribute("data-card") == want["plan"]["card"]["id"]
    assert in_viewport(page, card, whole=False), "the plan is on screen, not screens down"
    assert page.evaluate("document.activeElement.dataset.card") == want["plan"]["card"]["id"]
    snap(page, "phone-13-share-link-opened")


def test_no_sideways_scroll_in_the_checker_at_200_percent_text(large_text, site_server):
    page = large_text
    page.goto(site_server.url)
    assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") >= 40, "the text is large"
    no_sideways_scroll(page, "start page")
    # The header keeps the site's name whole (it wraps rather than shrinking to a letter).
    name = page.locator(".md-header__topic").first.locator(".md-ellipsis")
    assert name.evaluate("n => n.scrollWidth <= n.clientWidth + 1 && n.scrollHeight <= n.clientHeight + 1")
    assert name.inner_text().strip() == "Relaxer Guide" and name.bounding_box()["width"] > PHONE["width"] / 3
    snap(page, "phone-200-01-header")
    page.check("#rg-q-red_flags-fever")
    no_sideways_scroll(page, "the early card")
    steps = page.locator("[data-rg-step]").count()
    for number in range(2, steps + 1):
        go_to_step(page, number)
        no_sideways_scroll(page, f"step {number}")
        snap(page, f"phone-200-02-step-{number}")
    answer_form(page, {**ANSWERS, "red_flags": ["fever"]})
    show_plan(page)
    no_sideways_scroll(page, "the plan")
    snap(page, "phone-200-03-plan")
    page.get_by_role("button", name="Share or bookmark").click()
    settled(page)
    no_sideways_scroll(page, "the share box")
    page.get_by_role("button", name="Forget my answers").click()
    no_sideways_scroll(page, "forgotten, with undo")
    snap(page, "phone-200-04-forgotten")


@pytest.mark.parametrize("url", [url for url in PAGES if url])
def test_no_sideways_scroll_on_a_tailored_page_at_200_percent_text(large_text, site_server, url):
    page = large_text
    page.goto(site_server.url)
    answer_form(page, ANSWERS)
    show_plan(page)
    page.goto(site_server.url + url)
    no_sideways_scroll(page, url)
    banner = page.locator(".rg-tailored")
    if banner.count():
        # The banner wraps inside the screen, "Change answers" with it.
        box = banner.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        change = banner.get_by_role("link", name="Change answers").bounding_box()
        assert change["x"] + change["width"] <= PHONE["width"]
    snap(page, f"phone-200-05-{url.strip('/') or 'start'}")


def test_the_emergency_box_stays_short_on_a_phone_at_200_percent_text(large_text, site_server):
    page = large_text
    number = local_facts()["emergency_number"]
    for url in ("why-not-working/", "doctor/", "about/"):
        page.goto(site_server.url + url)
        box = page.locator("aside.rg-safety--compact")
        assert box.get_by_role("link", name=f"Call {number}").is_visible()
        assert box.get_by_role("link", name="See the warning signs").is_visible()
        height = box.bounding_box()["height"]
        assert height <= PHONE["height"] / 2, f"{url}: the emergency box is {height:.0f} px high"
        # What it says is still there for a screen reader.
        assert f"For a warning sign, call {number} now." in " ".join(box.text_content().split())
    snap(page, "phone-200-06-emergency-box")
    # The start page and the urgent page keep the full lists (the start page's is the
    # checker's first question, with a box over it that calls).
    page.goto(site_server.url)
    assert page.locator("aside.rg-safety--compact").count() == 0
    assert page.locator("aside.rg-safety").get_by_role("link", name=f"Call {number}").is_visible()
    assert page.get_by_text(f"Call {number} now for:", exact=True).is_visible()
    page.goto(site_server.url + "urgent/")
    assert page.locator('[data-rg-signs="emergency"]').first.is_visible()


def test_the_checker_starts_on_the_first_screen(page, site_server):
    """No screens of other text before the first question: its title shows without a swipe."""
    page.set_viewport_size(PHONE)
    page.goto(site_server.url)
    title = page.locator('[data-rg-step="1"] > legend').bounding_box()
    assert title["y"] + title["height"] <= PHONE["height"], f"step one starts {title['y']:.0f} px down"
    snap(page, "phone-00-start-page")


def test_a_tick_at_200_percent_text_keeps_the_page_and_shows_the_call_bar(large_text, site_server):
    """Ticking a sign at 200% text does not move the page; the bar with the call link is on the
    first screen at once, whole, and leaves most of the screen to the list."""
    page = large_text
    page.route("**/pyodide/**", lambda route: route.abort())
    page.goto(site_server.url)
    box = page.locator("#rg-q-red_flags-chest_pain")
    box.scroll_into_view_if_needed()
    before = page.evaluate("scrollY")
    box.check()
    bar = page.locator("[data-rg-bar]:not([hidden])")
    bar.wait_for()
    assert abs(page.evaluate("scrollY") - before) < 2, "the page jumped"
    call = bar.get_by_role("link", name=f"Call {local_facts()['emergency_number']}")
    assert in_viewport(page, call) and in_viewport(page, bar)
    assert bar.bounding_box()["height"] <= PHONE["height"] / 3, bar.bounding_box()
    snap(page, "phone-200-07-bar")
