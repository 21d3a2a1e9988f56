"""What the checker remembers: the tab's sessionStorage, share links, and forgetting.

Answers live only in this browser tab (sessionStorage) or in a link the reader makes, after
the # (never sent to a server). A damaged or tampered copy must never break the page: the
reader is told "These saved answers could not be read", with why under "Details", and starts
again. "Forget my answers" can be undone while the page is open ("Answers forgotten. Undo").
"""

from __future__ import annotations

import base64
import json

import decision.browser
from support.checker import (
    ERROR,
    RESULTS,
    STORE_KEY,
    PHONE,
    answer_form,
    in_viewport,
    expected,
    form_answers,
    layout_of,
    manifest,
    problem_text,
    same_answers,
    settled,
    show_plan,
    snap,
    visible_card,
    written_order,
    wait_until,
)

ANSWERS = {
    "red_flags": ["none"],
    "relaxer": "methocarbamol",
    "days_taken": 25,
    "pain_pattern": ["swelling", "knot_or_cramp"],  # in the form's order, as the page sends them
    "recurring": False,
    "sits_long": True,
}
UNREADABLE = "These saved answers could not be read"


def decode_error(token: str) -> str:
    response = json.loads(decision.browser.handle(json.dumps({"op": "decode", "token": token})))
    assert not response["ok"]
    return response["error"]


def stored(page):
    return page.evaluate(f"sessionStorage.getItem({json.dumps(STORE_KEY)})")


def store(page, url: str, text: str) -> None:
    """Puts `text` in the tab's storage as the saved answers, then loads `url` in that tab."""
    page.goto(url)
    page.evaluate(f"sessionStorage.setItem({json.dumps(STORE_KEY)}, {json.dumps(text)})")
    page.goto(url)


def assert_fresh_start(page):
    """The form is empty, no plan is shown, nothing is remembered."""
    assert form_answers(page) == {}
    assert not page.locator(RESULTS).is_visible()
    assert page.locator("[data-triage]:visible").count() == 0
    assert stored(page) is None


def test_share_link_round_trip(page, checker_context, site_server):
    page.goto(site_server.url)
    answer_form(page, ANSWERS)
    show_plan(page)
    page.get_by_role("button", name="Share or bookmark").click()
    settled(page)
    link = page.get_by_label("A link to your answers, to bookmark or share")
    assert link.is_visible()
    want = expected(ANSWERS)
    assert link.input_value() == f'{site_server.url}#answers={want["share"]}'
    assert "#" in page.locator(".rg-share__help").inner_text()

    # Opened in a new tab, which has its own empty sessionStorage: the same answers and view.
    other = checker_context.new_page()
    try:
        other.goto(link.input_value())
        settled(other)
        other.wait_for_selector(RESULTS)
        assert same_answers(form_answers(other), ANSWERS)
        assert visible_card(other).get_attribute("data-triage") == want["plan"]["triage"]
        reasons = other.locator(".rg-topics__reason").all_inner_texts()
        assert reasons == [item["reason"] for item in want["plan"]["show"]]
        assert other.locator('[data-rg="summary-text"]').inner_text().split("\n") == want["plan"][
            "summary"
        ].split("\n")
        assert json.loads(stored(other))["answers"] == ANSWERS
    finally:
        other.close()


def test_copy_share_link(page, checker_context, site_server):
    checker_context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server.origin)
    page.goto(site_server.url)
    answers = {"red_flags": ["none"], "sits_long": True}
    answer_form(page, answers)
    show_plan(page)
    page.get_by_role("button", name="Share or bookmark").click()
    settled(page)
    page.get_by_role("button", name="Copy link").click()
    wait_until(page, "document.querySelector('[data-rg=share-note]').textContent !== ''")
    assert page.locator('[data-rg="share-note"]').inner_text() == "Copied."
    assert page.evaluate("navigator.clipboard.readText()") == f'{site_server.url}#answers={expected(answers)["share"]}'
    # The summary copies with its date and the advice, then the answers.
    page.get_by_role("button", name="Copy summary").click()
    wait_until(page, "document.querySelector('[data-rg=summary-note]').textContent !== ''")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Made on ") and "The checker's advice: Start with the relief steps." in copied
    assert copied.endswith(expected(answers)["plan"]["summary"])
    checker_context.clear_permissions()


def tampered_tokens() -> dict[str, str]:
    good = expected({"days_taken": 30, "sits_long": True})["share"]
    stale = "v1." + base64.urlsafe_b64encode(b'{"old_question":1}').decode().rstrip("=")
    # An answer whose words read backwards (a right-to-left override) and hide (zero-width).
    spoofed = "v1." + base64.urlsafe_b64encode(
        '{"relaxer":"\u202enwod llac\u200b\u2066"}'.encode()).decode().rstrip("=")
    return {
        "edited": good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB"),
        "cut short": good[:-5],
        "not ours": "hello",
        "stale": stale,
        "future version": "v9." + good[3:],
        "spoofed": spoofed,
    }


HIDDEN = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u200b\u200c\u200d\u2060\ufeff"


def test_tampered_or_stale_links(page, site_server):
    for name, token in tampered_tokens().items():
        page.goto(f"{site_server.url}#answers={token}")
        settled(page)
        text = problem_text(page)
        assert UNREADABLE in text, name
        assert decode_error(token) in text, name  # under "Details"
        assert not set(text) & set(HIDDEN) and "nwod llac" not in text, name  # none of the link's words
        assert_fresh_start(page)
        assert "answers=" not in page.url, "a link that cannot be read is not kept in the address"

    # The page still works: answer and get a plan.
    page.goto(site_server.url)
    answer_form(page, {"red_flags": ["fever"]})
    show_plan(page)
    assert visible_card(page).get_attribute("data-triage") == "urgent"
    assert not page.locator(ERROR).is_visible()


def test_a_link_that_cannot_be_read_leaves_the_answers_this_tab_saved(page, site_server):
    """A tampered link opened in a tab that holds answers: no plan, the form empty as the
    message says, and the saved answers untouched: the start page brings them back."""
    answers = {"red_flags": ["none"], "sits_long": True}
    page.goto(site_server.url)
    answer_form(page, answers)
    show_plan(page)
    saved = stored(page)
    page.evaluate(f"location.hash = 'answers={tampered_tokens()['edited']}'")  # a link followed in this tab
    settled(page)
    assert UNREADABLE in problem_text(page)
    assert form_answers(page) == {} and not page.locator(RESULTS).is_visible()
    assert page.locator("[data-triage]:visible").count() == 0
    assert "answers=" not in page.url
    assert stored(page) == saved
    page.goto(site_server.url)
    page.wait_for_selector(RESULTS)
    settled(page)
    assert same_answers(form_answers(page), answers)


def test_forget_my_answers_then_undo(page, site_server, site_dir):
    page.set_viewport_size(PHONE)
    want = expected(ANSWERS)
    page.goto(f'{site_server.url}#answers={want["share"]}')
    settled(page)
    page.wait_for_selector(RESULTS)
    page.get_by_role("button", name="Share or bookmark").click()
    settled(page)
    assert stored(page) is not None

    page.get_by_role("button", name="Forget my answers").click()
    assert_fresh_start(page)
    assert page.evaluate("location.hash") == ""
    assert not page.locator('[data-rg="share"]').is_visible()
    notice = page.locator('[data-rg="forgotten"]')
    assert notice.inner_text().startswith("Answers forgotten.")
    assert page.evaluate("document.activeElement.dataset.rg") == "forgotten", "the notice has the focus"
    assert in_viewport(page, notice)
    assert notice.locator("xpath=ancestor::*[@role='status']").count() == 1, "announced"
    snap(page, "phone-14-forgotten")

    # Undo: the same answers and plan, remembered again, on screen.
    notice.get_by_role("button", name="Undo").click()
    settled(page)
    page.wait_for_selector(RESULTS)
    assert same_answers(form_answers(page), ANSWERS)
    assert visible_card(page).get_attribute("data-card") == want["plan"]["card"]["id"]
    assert json.loads(stored(page))["answers"] == ANSWERS
    assert not notice.is_visible()

    # Forget again, and this time answer anew: the forgotten answers stay forgotten.
    page.get_by_role("button", name="Forget my answers").click()
    page.check("#rg-q-red_flags-fever")
    assert not notice.is_visible()
    assert form_answers(page) == {"red_flags": ["fever"]}

    # The other pages are back to the page as written.
    page.goto(site_server.url + "why-not-working/")
    assert layout_of(page).order == written_order(manifest(site_dir), "why-not-working/")
    assert page.locator(".rg-tailored, .rg-reason, details.rg-other").count() == 0

    # Reloading the start page brings back only the answer given since: the forgotten ones
    # stay forgotten.
    page.goto(site_server.url)
    settled(page)
    assert form_answers(page) == {"red_flags": ["fever"]}
    assert not page.locator(RESULTS).is_visible()


def test_answers_come_back_on_reload(page, site_server):
    page.goto(site_server.url)
    answer_form(page, ANSWERS)
    show_plan(page)
    page.reload()
    page.wait_for_selector(RESULTS)
    settled(page)
    assert same_answers(form_answers(page), ANSWERS)
    assert visible_card(page).get_attribute("data-triage") == expected(ANSWERS)["plan"]["triage"]


def test_invalid_answers_in_storage(page, site_server):
    plan = expected({"red_flags": ["none"], "days_taken": 30})["plan"]
    bad = {"answers": {"days_taken": 99999}, "plan": plan}
    store(page, site_server.url, json.dumps(bad))
    settled(page)
    text = problem_text(page)
    assert UNREADABLE in text
    assert expected({"days_taken": 99999})["error"] in text
    assert_fresh_start(page)
    answer_form(page, {"red_flags": ["none"], "days_taken": 30})
    show_plan(page)
    assert visible_card(page).get_attribute("data-triage") == plan["triage"]


def test_damaged_storage_on_the_start_page(page, site_server):
    for text in ["{not json", '"just text"', json.dumps({"answers": {}, "plan": {"show": 3}})]:
        store(page, site_server.url, text)
        settled(page)
        assert UNREADABLE in problem_text(page), text
        assert_fresh_start(page)


def test_damaged_storage_on_a_guidance_page(page, site_server, site_dir):
    store(page, site_server.url + "why-not-working/", "{not json")
    note = page.locator(".rg-tailored--problem")
    assert UNREADABLE in note.inner_text()
    assert layout_of(page).order == written_order(manifest(site_dir), "why-not-working/")
    assert page.locator("section.rg-section:not(:visible)").count() == 0
    assert stored(page) is None


# ------------------------------------------------------------------------------ issue 15


def test_none_of_these_and_a_sign_cannot_both_stay_ticked(page, site_server):
    page.goto(site_server.url)
    page.check("#rg-q-red_flags-none")
    show_plan(page)
    assert visible_card(page).get_attribute("data-card") == "self_care"
    # A sign ticked after "None of these" unticks it, and the green card goes: only the new one shows.
    page.check("#rg-q-red_flags-fever")
    assert not page.is_checked("#rg-q-red_flags-none")
    settled(page)
    wait_until(page, "document.querySelector('[data-rg=outcome] [data-card=urgent]').checkVisibility()")
    assert page.locator("[data-triage]:visible").count() == 1
    assert visible_card(page).get_attribute("data-card") == "urgent"
    # And the other way round.
    page.check("#rg-q-red_flags-none")
    assert not page.is_checked("#rg-q-red_flags-fever")


def test_an_error_hides_the_plan_on_show(page, site_server):
    page.goto(site_server.url)
    answer_form(page, {"red_flags": ["none"], "relaxer": "baclofen"})
    show_plan(page)
    assert page.locator(RESULTS).is_visible()
    answer_form(page, {"days_taken": 100000})  # its own step, after the medicine's
    page.locator("#rg-q-days_taken").dispatch_event("change")
    page.wait_for_selector(ERROR)
    settled(page)
    assert page.locator("[data-triage]:visible").count() == 0 and not page.locator(RESULTS).is_visible()
    assert "29200" in page.locator(ERROR).inner_text()


def test_a_plan_saved_by_an_older_build_is_dropped_with_a_notice(page, site_server):
    """A deploy renamed a section: the stored plan names one the site no longer has. No page
    applies it half-way; the reader is told and sent to answer again."""
    plan = expected({"red_flags": ["none"], "tried": ["none"]})["plan"]
    # Saved on a page of an earlier build, whose sections had another stamp (sitebuild/plan_version.py).
    saved = {"answers": {"red_flags": ["none"], "tried": ["none"]}, "plan": plan, "sections": "0123456789abcdef"}
    store(page, site_server.url + "relief-now/", json.dumps(saved))
    note = page.locator(".rg-tailored--problem")
    note.wait_for()
    assert "older version of this site" in note.inner_text()
    assert note.get_by_role("link", name="Answer the questions again").count() == 1
    assert page.locator(".rg-reason, details.rg-other").count() == 0, "the page stays as written"
    assert stored(page) is None
    # On the start page the answers are still good: they get a new plan, the old one is never shown.
    store(page, site_server.url, json.dumps(saved))
    settled(page)
    page.wait_for_selector(RESULTS)
    assert visible_card(page).get_attribute("data-card") == "self_care"
    assert json.loads(stored(page))["sections"] != saved["sections"]
    # A plan without the fields this build writes (an older format) is dropped the same way.
    old = {key: plan[key] for key in ("triage", "show", "fold", "always", "summary")}
    store(page, site_server.url + "relief-now/", json.dumps({"answers": {}, "plan": old}))
    page.locator(".rg-tailored--problem").wait_for()
    assert "older version of this site" in page.locator(".rg-tailored--problem").inner_text()
