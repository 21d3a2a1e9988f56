"""The checker on a site served under a sub-path (/relaxer-guide/), as on GitHub Pages.

Every URL the checker builds (its worker, Pyodide, the wheel, the topic links, the share link)
is resolved from the site root, so the whole flow must work there the same as at "/".
"""

from __future__ import annotations

from support.checker import (
    RESULTS,
    answer_form,
    expected,
    expected_layout,
    form_answers,
    layout_of,
    manifest,
    same_answers,
    settled,
    show_plan,
    visible_card,
)

ANSWERS = {"red_flags": ["none"], "relaxer": "baclofen", "prescribed_for": "recent_strain", "pain_pattern": ["joint"]}


def test_end_to_end_under_a_subpath(page, checker_context, subpath_server, site_dir):
    root = subpath_server.url
    assert root.endswith("/relaxer-guide/")
    page.goto(root)
    answer_form(page, ANSWERS)
    show_plan(page)
    plan = expected(ANSWERS)["plan"]
    assert visible_card(page).get_attribute("data-triage") == plan["triage"]

    sections = {s["id"]: s for s in manifest(site_dir)}
    links = page.locator(".rg-topics__link")
    hrefs = [link.evaluate("a => a.href") for link in links.all()]
    assert hrefs == [f'{root}{sections[item["id"]]["url"]}#{item["id"]}' for item in plan["show"]]

    # Every request stayed under the sub-path (anything outside it is a 404 there).
    assert all(url.startswith(root) for url, _ in page.rg_watch.requests), page.rg_watch.requests

    # A topic on another page: tailored there too.
    target = next(item["id"] for item in plan["show"] if sections[item["id"]]["url"] == "why-not-working/")
    page.locator(f'.rg-topics__link[href$="#{target}"]').click()
    page.wait_for_url(f"{root}why-not-working/#{target}")
    want = expected_layout(plan, list(sections.values()), "why-not-working/")
    have = layout_of(page)
    assert (have.order, have.folded, have.reasons) == (want.order, want.folded, want.reasons)
    page.get_by_text("Other topics on this page").click()
    assert page.locator("section.rg-section:not(:visible)").count() == 0

    # The share link points under the sub-path and restores the answers in a new tab.
    page.goto(root)
    settled(page)
    page.get_by_role("button", name="Share or bookmark").click()
    settled(page)
    link = page.locator('[data-rg="share-link"]').input_value()
    assert link.startswith(f"{root}#answers=")
    other = checker_context.new_page()
    try:
        other.goto(link)
        settled(other)
        other.wait_for_selector(RESULTS)
        assert same_answers(form_answers(other), ANSWERS)
    finally:
        other.close()
