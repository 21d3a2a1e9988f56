"""The checker end to end, as a reader uses it: answer, see the plan, read the tailored pages.

Each scenario fills the start page's form with clicks and typing, then checks what the reader
sees against CPython's plan for the same answers (decision.browser.handle), plus the literal
words that matter (the emergency card says to call the emergency number).
"""

from __future__ import annotations

import pytest

from support.checker import (
    PAGES,
    RESULTS,
    answer_form,
    expected,
    expected_layout,
    layout_of,
    manifest,
    card_words,
    settled,
    show_plan,
    shows_words,
    visible_card,
    written_order,
)
from support.project import local_facts
from sitebuild.checker_html import SR_PREFIX


def by_url(sections: list[dict], section_id: str) -> str:
    return next(s["url"] for s in sections if s["id"] == section_id)


def run_checker(page, url: str, answers: dict) -> dict:
    """Answers the form at `url` and returns CPython's plan for the same answers."""
    page.goto(url)
    answer_form(page, answers)
    show_plan(page)
    response = expected(answers)
    assert response["ok"], response
    return response["plan"]


def check_start_page(page, plan: dict, sections: list[dict], root: str) -> None:
    """The triage card, then the reader's topics with reasons and links, then the summary."""
    card = visible_card(page)
    assert (card.get_attribute("data-triage"), card.get_attribute("data-card")) == (plan["triage"], plan["card"]["id"])
    prefix = SR_PREFIX[plan["triage"]]
    heading = " ".join(card.locator("h3").text_content().split())
    assert heading == f'{prefix} {card_words(plan["card"])[0]}'
    assert card.locator(".rg-visually-hidden").text_content().strip() == prefix
    assert shows_words(card.inner_text(), card_words(plan["card"])), card.inner_text()
    assert card.locator("xpath=ancestor::*[@aria-live]").count() == 1, "the card is not in a live region"

    by_id = {s["id"]: s for s in sections}
    topics = page.locator(".rg-topics__item")
    assert topics.count() == len(plan["show"])
    for item, topic in zip(plan["show"], topics.all()):
        link = topic.locator("a")
        assert link.inner_text() == by_id[item["id"]]["title"]
        assert link.evaluate("a => a.href") == f'{root}{by_id[item["id"]]["url"]}#{item["id"]}'
        assert topic.locator(".rg-topics__reason").inner_text() == item["reason"]
        assert item["reason"].startswith("Shown because")
    summary = page.locator('[data-rg="summary-text"]')
    assert summary.is_visible()
    assert summary.inner_text().split("\n") == plan["summary"].split("\n")
    for name in ("Copy summary", "Print summary"):
        assert page.get_by_role("button", name=name).is_visible()


def check_guidance_page(page, url: str, plan: dict, sections: list[dict]) -> None:
    """Sections that fit come first with their reason; the rest fold into one closed details."""
    want = expected_layout(plan, sections, url)
    have = layout_of(page)
    assert have.order == want.order
    assert have.folded == want.folded
    assert have.reasons == want.reasons
    for section_id, reason in want.reasons.items():
        line = page.locator(f'section[data-section="{section_id}"] > .rg-reason')
        assert line.is_visible() and line.inner_text() == reason
        # The reason sits right under the section's own heading.
        assert line.evaluate("p => p.previousElementSibling.matches('h2, h3')")
    folds = page.locator("details.rg-other")
    if want.folded:
        assert folds.count() == 1
        assert folds.locator("summary").inner_text() == "Other topics on this page"
        assert not folds.first.evaluate("d => d.open")
        for section_id in want.folded:
            assert not page.locator(f'section[data-section="{section_id}"]').is_visible()
    else:
        assert folds.count() == 0
    for section in sections:
        if section["url"] == url and (section["always"] or section["id"] in plan["always"]):
            assert page.locator(f'section[data-section="{section["id"]}"]').is_visible(), section["id"]


SCENARIOS = {
    "emergency": ({"red_flags": ["bowel_bladder"], "relaxer": "cyclobenzaprine"}, "urgent/"),
    "limb signs": ({"red_flags": ["sudden_weakness", "numbness_tingling"], "days_taken": 4}, "urgent/"),
    "urgent": ({"red_flags": ["fever", "serious_injury"], "days_taken": 4}, "urgent/"),
    "too much medicine": (
        {"red_flags": ["none"], "dose_pattern": "more_than_prescribed", "also_taking": ["alcohol", "sedating_otc"]},
        "urgent/",
    ),
    "stopped suddenly": ({"red_flags": ["none"], "relaxer": "baclofen", "dose_pattern": "stopped_suddenly"}, "safe-use/"),
    "wrong class": (
        {"red_flags": ["none"], "relaxer": "baclofen", "prescribed_for": "recent_strain", "days_taken": 30},
        "why-not-working/",
    ),
    "nerve pain": ({"red_flags": ["none"], "pain_pattern": ["shooting_or_radiating"]}, "why-not-working/"),
    "self care": ({"red_flags": ["none"], "tried": ["none"], "sits_long": True, "sleep_disturbed": True}, "longer-term/"),
    "dose and alcohol": (
        {"red_flags": ["none"], "dose_pattern": "more_than_prescribed", "also_taking": ["alcohol", "sedating_prescriptions"]},
        "doctor/",
    ),
    "long-lasting pain": ({"red_flags": ["none"], "pain_weeks": 10, "recurring": True, "tried": ["heat", "ice"]}, "longer-term/"),
}


@pytest.mark.parametrize("name", SCENARIOS)
def test_scenario(page, site_server, site_dir, name):
    answers, other_page = SCENARIOS[name]
    sections = manifest(site_dir)
    plan = run_checker(page, site_server.url, answers)
    check_start_page(page, plan, sections, site_server.url)

    # Another guidance page, reached through a topic link as a reader would: tailored from the
    # stored plan, without starting Python again.
    page.rg_watch.requests.clear()
    first = next(item["id"] for item in plan["show"] if by_url(sections, item["id"]) == other_page)
    page.locator(f'.rg-topics__link[href$="{other_page}#{first}"]').click()
    page.wait_for_url(f"**/{other_page}#{first}")
    check_guidance_page(page, other_page, plan, sections)
    assert not [url for url, _ in page.rg_watch.requests if "/assets/checker/" in url and not url.endswith((".js", ".css"))]


def test_emergency_card_says_call_the_emergency_number(page, site_server):
    run_checker(page, site_server.url, {"red_flags": ["bowel_bladder"]})
    card = visible_card(page)
    text = " ".join(card.text_content().split())
    number = local_facts()["emergency_number"]
    assert text.startswith(f"Emergency advice: Call {number} now")
    assert "How soon: Now" in text and "Do not drive yourself" in text and "Unlock the door" in text
    assert "cauda equina syndrome" in text
    assert "Warning signs: new loss of bowel or bladder control" in text
    # A tap-to-call button, and the card says nothing twice.
    assert card.locator(f'a[href="tel:{number}"]').inner_text() == f"Call {number}"
    items = card.locator("li").all_inner_texts()
    assert len(items) == len(set(items))
    # It is the first thing in the results, before the topics.
    assert card.evaluate(
        "(card) => !!(card.compareDocumentPosition(document.querySelector('.rg-topics')) & 4)"
    )


def test_urgent_card_says_get_seen_and_why(page, site_server):
    plan = run_checker(page, site_server.url, {"red_flags": ["fever"]})
    card = visible_card(page)
    assert card.get_attribute("data-triage") == "urgent"
    assert "How soon: Today" in card.inner_text() and "Get seen today" in card.inner_text()
    assert card.locator('[data-rg="because"] li').all_inner_texts() == list(plan["card"]["because"])
    assert card.locator('[data-rg="lines"] li').all_inner_texts() == list(plan["card"]["lines"])


def test_too_much_medicine_gets_the_poison_help_card(page, site_server):
    plan = run_checker(page, site_server.url, {"red_flags": ["none"], "dose_pattern": "more_than_prescribed"})
    card = visible_card(page)
    assert card.get_attribute("data-card") == plan["card"]["id"] == "poison"
    facts = local_facts()
    calls = card.locator('a[href^="tel:"]')
    assert [calls.nth(i).get_attribute("href") for i in range(calls.count())] == [
        facts["poison_tel"], facts["emergency_tel"],
    ]
    assert "even if you feel fine" in card.inner_text()


def test_fold_opens_with_one_click_and_page_as_written(page, site_server, site_dir):
    answers = {"red_flags": ["none"], "relaxer": "baclofen", "prescribed_for": "recent_strain"}
    plan = run_checker(page, site_server.url, answers)
    sections = manifest(site_dir)
    page.goto(site_server.url + "why-not-working/")
    want = expected_layout(plan, sections, "why-not-working/")
    assert want.folded, "the scenario must fold something on this page"

    page.get_by_text("Other topics on this page").click()
    for section_id in want.folded:
        assert page.locator(f'section[data-section="{section_id}"]').is_visible()

    control = page.locator(".rg-tailored")
    assert "Tailored to your answers" in control.inner_text()
    page.get_by_role("button", name="Show the page as written").click()
    assert layout_of(page).order == written_order(sections, "why-not-working/")
    assert page.locator(".rg-reason, details.rg-other").count() == 0
    # The choice holds on the next page, and can be undone.
    page.goto(site_server.url + "urgent/")
    assert layout_of(page).order == written_order(sections, "urgent/")
    page.goto(site_server.url + "why-not-working/")
    page.get_by_role("button", name="Tailor it to my answers").click()
    assert layout_of(page).order == want.order

    # Applying again (as Material's document$ would on a new page) changes nothing.
    before = page.locator("article").inner_html()
    page.evaluate("document$.next(document)")
    assert page.locator("article").inner_html() == before


def test_every_page_works_with_a_plan(page, site_server, site_dir):
    """With a plan stored, every page either shows as written or is tailored, never broken."""
    answers = {"red_flags": ["none"], "relaxer": "tizanidine", "days_taken": 40, "pain_pattern": ["joint"], "sits_long": True}
    plan = run_checker(page, site_server.url, answers)
    sections = manifest(site_dir)
    for url in PAGES[1:]:
        page.goto(site_server.url + url)
        check_guidance_page(page, url, plan, sections)
        if page.locator("details.rg-other").count():
            page.locator("details.rg-other > summary").click()
        assert page.locator("section.rg-section:not(:visible)").count() == 0


def test_link_to_a_folded_section_opens_it(page, site_server, site_dir):
    plan = run_checker(page, site_server.url, {"red_flags": ["none"], "sits_long": True, "pain_pattern": ["shooting_or_radiating"]})
    folding = [(url, expected_layout(plan, manifest(site_dir), url)) for url in PAGES[1:]]
    url, want = next((url, want) for url, want in folding if want.folded)
    target = want.folded[-1]
    page.goto(f"{site_server.url}{url}#{target}")
    assert page.locator(f'section[data-section="{target}"]').is_visible()
    assert page.locator(f"#{target}").evaluate("h => h.getBoundingClientRect().top < innerHeight")


def test_printing_opens_the_folds_and_hides_the_form(page, site_server):
    run_checker(page, site_server.url, {"red_flags": ["none"], "sits_long": True})
    # "Print summary" prints the summary for the doctor alone.
    page.evaluate("window.print = () => { window.printedAs = document.documentElement.className; }")
    page.get_by_role("button", name="Print summary").click()
    assert "rg-print-summary" in page.evaluate("window.printedAs")
    page.emulate_media(media="print")
    assert page.locator('[data-rg="summary-text"]').is_visible()
    assert page.locator(".rg-topics, [data-triage], .md-typeset h1, [data-rg-step]").filter(visible=True).count() == 0
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    # Printing the page: the form and buttons go, the plan and the guidance stay.
    assert page.evaluate("document.documentElement.className").count("rg-print-summary") == 0
    assert page.locator('[data-rg-step], [data-rg="form"] :is(input, button)').filter(visible=True).count() == 0
    assert page.locator('[data-rg="summary-text"]').is_visible()
    assert page.locator(".rg-topics").is_visible()
    page.emulate_media(media="screen")
    page.goto(site_server.url + "why-not-working/")
    page.get_by_role("link", name="Change answers").click()
    settled(page)  # the answers are back in the form
    answer_form(page, {"pain_pattern": ["shooting_or_radiating"]})
    settled(page)
    page.goto(site_server.url + "why-not-working/")
    page.evaluate("dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details.rg-other").evaluate("d => d.open")
    assert page.locator("section.rg-section:not(:visible)").count() == 0
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    assert not page.locator("details.rg-other").evaluate("d => d.open")
    page.emulate_media(media="screen")


def test_the_warning_signs_alone_give_a_card_and_summary(page, site_server):
    """A reader in a hurry answers step one ("None of these") and presses "Show my plan now"."""
    plan = run_checker(page, site_server.url, {"red_flags": ["none"]})
    assert visible_card(page).get_attribute("data-triage") == plan["triage"]
    assert page.locator(RESULTS).is_visible()
    assert page.locator('[data-rg="summary-text"]').inner_text().strip()


def test_bad_answer_is_shown_at_its_question(page, site_server):
    page.goto(site_server.url)
    answer_form(page, {"red_flags": ["none"], "days_taken": 99999})
    show_plan(page)
    message = expected({"red_flags": ["none"], "days_taken": 99999})["error"]
    field = page.locator("#rg-q-days_taken")
    assert field.get_attribute("aria-invalid") == "true"
    note = page.locator("#rg-error-days_taken")
    assert note.inner_text() == message
    assert "rg-error-days_taken" in field.get_attribute("aria-describedby").split()
    assert message in page.locator('[data-rg="error"]').inner_text()
    assert page.evaluate("document.activeElement.id") == "rg-q-days_taken"
    assert not page.locator(RESULTS).is_visible()

    # Fixing it clears it: the same years, in the years unit.
    page.fill("#rg-q-days_taken", "3")
    page.select_option("#rg-q-days_taken-units", "years")
    show_plan(page)
    assert field.get_attribute("aria-invalid") is None
    assert "Taken for: 3 years" in page.locator('[data-rg="summary-text"]').inner_text()
    assert page.locator(".rg-question__error").count() == 0
    assert visible_card(page).get_attribute("data-triage") == "see_doctor"
