"""The arrangement of each page a plan touches (plan.layout.pages, decision/page_layout.py), as
a reader would check it on a tailored page, over the whole answer space. The browser only
applies it (tailor.js), and the browser tests compare the page with it (checker_helpers.py).
"""

from __future__ import annotations

import json

from hypothesis import given, settings

import decision
from support.samples import answer_sets
from decision.samples import sample_answer_sets
from decision.sections import BY_ID, SECTIONS, WARNING

# A page's top-level sections as written (decision/sections.py; the build checks it against the
# pages, and test_every_arranged_page_is_written_in_that_order against the built site).
TOPS = {page: [s.id for s in SECTIONS if s.page == page and s.parent is None] for page in {s.page for s in SECTIONS}}


def top(section_id: str) -> str:
    return BY_ID[section_id].parent or section_id


def check_pages(answers: dict) -> None:
    plan = decision.plan(answers)
    shown = [item.id for item in plan.show]
    pages = {arranged.page: arranged for arranged in plan.layout.pages}
    # A page with a shown section on it is arranged; a page with none stays as written.
    assert set(pages) == {BY_ID[section_id].page for section_id in shown}, answers
    for page, arranged in pages.items():
        order, folded = list(arranged.order), list(arranged.fold)
        # Every top-level section of the page, each once: nothing lost, nothing doubled.
        assert sorted(order) == sorted(TOPS[page]) and len(order) == len(set(order)), (page, order)
        # First what leads on this page, in the plan's order; a shown section always leads.
        lead = [section_id for section_id in plan.layout.lead if section_id in TOPS[page]]
        assert order[:len(lead)] == lead, (page, order, lead)
        assert {top(section_id) for section_id in shown if BY_ID[section_id].page == page} <= set(lead)
        # The page's warning signs come before anything else on it.
        warnings = [section_id for section_id in TOPS[page] if BY_ID[section_id].role == WARNING]
        assert set(order[:len(warnings)]) == set(warnings), (page, order)
        # The folded ones come last, as written, and are neither shown nor leading nor always
        # visible; the rest between keeps the written order.
        assert order[len(order) - len(folded):] == folded or not folded
        assert folded == [section_id for section_id in TOPS[page] if section_id in folded]
        assert not set(folded) & ({top(section_id) for section_id in shown} | set(lead) | set(plan.always))
        assert set(folded) <= set(plan.fold)
        rest = order[len(lead):len(order) - len(folded)]
        assert rest == [section_id for section_id in TOPS[page] if section_id in rest]
        # What the plan folds on this page is folded here, unless it leads.
        assert set(folded) == {s for s in TOPS[page] if s in plan.fold and s not in lead}
    # The JSON the browser gets holds the same, keyed by page.
    exported = json.loads(json.dumps(plan.to_dict()))["layout"]["pages"]
    assert exported == {page: {"order": list(a.order), "fold": list(a.fold)} for page, a in pages.items()}


@settings(max_examples=600, deadline=None)
@given(answer_sets())
def test_page_arrangements_over_the_whole_answer_space(answers):
    check_pages(answers)


def test_page_arrangements_over_sampled_answer_sets():
    for answers in sample_answer_sets(400, seed=5):
        check_pages(answers)


def test_nothing_shown_leaves_every_page_as_written():
    assert decision.plan({"red_flags": ["none"]}).to_dict()["layout"]["pages"] == {}


def test_a_heading_no_rule_shows_keeps_its_written_place():
    """safe-use.md's "everyday-use" is never picked out nor folded: it stays where it is written
    among the sections that do not lead."""
    plan = decision.plan({"red_flags": ["none"], "age_65_or_older": True, "relaxer": "baclofen", "days_taken": 40})
    arranged = next(a for a in plan.layout.pages if a.page == "safe-use.md")
    assert "everyday-use" in arranged.order and "everyday-use" not in arranged.fold
    assert "everyday-use" not in decision.section_ids()


def test_every_arranged_page_is_written_in_that_order(site_dir):
    """The built pages have the top-level sections decision arranges, in its written order."""
    manifest = json.loads((site_dir / "assets/checker/sections.json").read_text(encoding="utf-8"))
    for page, tops in TOPS.items():
        assert [s["id"] for s in manifest if s["page"] == page and s["parent"] is None] == tops, page
