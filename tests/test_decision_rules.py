"""The rule table as data: checked loudly, printed for the site, and pointing only at real sections."""

from __future__ import annotations

import dataclasses
import re

import pytest

import decision
from decision.conditions import AllOf, Answered, AnyOf, Chose, LeftOut, MoreThan, Yes
from decision.errors import RuleError
from decision.rules import ORDERED, RULES, check_rules

BASE = RULES[0]


def variant(**changes):
    return (dataclasses.replace(BASE, **changes),)


@pytest.mark.parametrize(
    "rules, fragment",
    [
        (variant(when=Chose("red_flag", ("bowel_bladder",))), 'question "red_flag"'),
        (variant(when=Chose("red_flags", ("chills",))), 'option "chills"'),
        (variant(when=Chose("red_flags", ())), "names no options"),
        (variant(when=AllOf((Yes("sits_long"), Chose("relaxer", ("asprin",))))), 'option "asprin"'),
        (variant(when=AnyOf((Answered("nope"),))), 'question "nope"'),
        (variant(when=LeftOut("tried", ("yoga",))), 'option "yoga"'),
        (variant(when=LeftOut("relaxer", ("baclofen",))), "single question"),
        (variant(when=MoreThan("relaxer", 3)), "single question"),
        (variant(when=MoreThan("days_taken", 400)), "outside its range"),
        (variant(when=Yes("days_taken")), "number question"),
        (variant(when=AllOf(())), "at least one"),
        (variant(shows=("emergency-sign",)), 'section "emergency-sign"'),
        (variant(shows=()), "shows no section"),
        (variant(shows=("nerve-pain",)), 'without its parent "not-a-muscle-problem"'),
        (variant(triage="panic"), 'triage level "panic"'),
        (variant(reason="Shown because of reasons."), "does not quote"),
        ((BASE, BASE), "appears twice"),
    ],
)
def test_a_broken_rule_fails_loudly(rules, fragment):
    with pytest.raises(RuleError) as caught:
        check_rules(rules)
    assert fragment in str(caught.value)
    assert BASE.id in str(caught.value)


def test_the_shipped_rules_pass_the_check():
    check_rules(RULES)


def test_rules_are_walked_by_priority():
    priorities = [rule.priority for rule in ORDERED]
    assert priorities == sorted(priorities)
    assert ORDERED[0].id == "emergency-warning-signs"


def test_every_section_can_be_surfaced_by_some_rule():
    surfaced = {section_id for rule in RULES for section_id in rule.shows}
    assert surfaced == set(decision.section_ids())


def test_rule_table_markdown():
    table = decision.rules_markdown().splitlines()
    assert table[0] == "| Rule | When | Shows first | Triage | Why |"
    assert table[1] == "| --- | --- | --- | --- | --- |"
    rows = table[2:]
    assert [re.match(r"\| `([a-z-]+)` \|", row).group(1) for row in rows] == [
        *(rule.id for rule in ORDERED), "default"
    ]
    for row in rows:
        # Five cells: a stray "|" in a cell would break the table on the site.
        assert len(re.findall(r"(?<!\\)\|", row)) == 6, row
    for rule in RULES:
        row = next(r for r in rows if r.startswith(f"| `{rule.id}` |"))
        for section_id in rule.shows:
            assert re.search(rf"\[{section_id}\]\([a-z-]+\.md#{section_id}\)", row), row
    assert "self_care" in rows[-1] and "nothing is answered" in rows[-1]


def test_when_text_uses_the_form_labels():
    row = next(r for r in decision.rules_markdown().splitlines() if "`past-three-weeks`" in r)
    assert "Days taken so far: more than 21 days" in row
    assert '"A recent injury, strain or spasm"' in row and '"Cyclobenzaprine (Flexeril)"' in row
    row = next(r for r in decision.rules_markdown().splitlines() if "`first-days`" in r)
    assert "Days taken so far: 2 days or less" in row
    row = next(r for r in decision.rules_markdown().splitlines() if "`antispastic-for-strain`" in r)
    assert '"Baclofen" or "Dantrolene"' in row and '"A recent injury, strain or spasm"' in row
