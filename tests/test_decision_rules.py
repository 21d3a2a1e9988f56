"""The rule table as data: checked loudly, printed for the site, and pointing only at real sections."""

from __future__ import annotations

import dataclasses
import re

import pytest

import decision
from decision.conditions import AllOf, Answered, AnyOf, AtMost, Chose, LeftOut, MoreThan, Yes
from decision.errors import RuleError
from decision.rules import ORDERED, RULES, check_rules

BASE = RULES[0]


def variant(**changes):
    return (dataclasses.replace(BASE, **changes),)


R = 'Rule "emergency-warning-signs"'
RELAXERS = ("cyclobenzaprine, methocarbamol, carisoprodol, metaxalone, chlorzoxazone, orphenadrine, "
            "tizanidine, baclofen, dantrolene, diazepam, other, not_sure")


@pytest.mark.parametrize(
    "rules, message",
    [
        (variant(when=Chose("red_flag", ("bowel_bladder",))),
         R + ': A rule names the question "red_flag", which does not exist.'),
        (variant(when=Chose("tried", ("yoga",))),
         R + ': A rule names the option "yoga" of "tried", which does not exist; the options are '
         "heat, ice, stretching, otc_pain_relievers, none."),
        (variant(when=Chose("red_flags", ())), R + ': A rule on "red_flags" names no options.'),
        (variant(when=Chose("days_taken", ("3",))),
         R + ': A rule uses the number question "days_taken" as if it were single or multi.'),
        (variant(when=AllOf((Yes("sits_long"), Chose("relaxer", ("asprin",))))),
         R + f': A rule names the option "asprin" of "relaxer", which does not exist; the options are {RELAXERS}.'),
        (variant(when=AnyOf((Answered("nope"),))), R + ': A rule names the question "nope", which does not exist.'),
        (variant(when=LeftOut("tried", ("yoga",))),
         R + ': A rule names the option "yoga" of "tried", which does not exist; the options are '
         "heat, ice, stretching, otc_pain_relievers, none."),
        (variant(when=LeftOut("relaxer", ("baclofen",))),
         R + ': A rule uses the single question "relaxer" as if it were multi.'),
        (variant(when=LeftOut("red_flags", ("fever",))),
         R + ': "red_flags" has no said_not text to quote what was left out.'),
        (variant(when=MoreThan("relaxer", 3)), R + ': A rule uses the single question "relaxer" as if it were number.'),
        (variant(when=MoreThan("days_taken", 365)), R + ': The limit 365 on "days_taken" is outside its range.'),
        (variant(when=AtMost("days_taken", -1)), R + ': The limit -1 on "days_taken" is outside its range.'),
        (variant(when=Yes("days_taken")), R + ': A rule uses the number question "days_taken" as if it were yes_no.'),
        (variant(when=AllOf(())), R + ": AllOf needs at least one condition."),
        (variant(when=AnyOf(())), R + ": AnyOf needs at least one condition."),
        (variant(when=AnyOf((Yes("sits_long"), AllOf((Yes("relaxer"),))))),
         R + ': A rule uses the single question "relaxer" as if it were yes_no.'),
        (variant(shows=("emergency-sign",)), R + ' names the section "emergency-sign", which does not exist.'),
        (variant(shows=()), R + " shows no section."),
        (variant(shows=("nerve-pain",)), R + ' shows "nerve-pain" without its parent "not-a-muscle-problem" before it.'),
        (variant(shows=("nerve-pain", "not-a-muscle-problem")),
         R + ' shows "nerve-pain" without its parent "not-a-muscle-problem" before it.'),
        (variant(triage="panic"),
         R + " has the triage level \"panic\"; use one of ('self_care', 'see_doctor', 'urgent', 'emergency')."),
        (variant(reason="Shown because of reasons."), R + " has a reason that does not quote the answers."),
        ((BASE, BASE), R + " appears twice."),
    ],
)
def test_a_broken_rule_fails_loudly(rules, message):
    with pytest.raises(RuleError) as caught:
        check_rules(rules)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    "when",
    [
        Answered("tried"), Answered("days_taken"), Answered("sits_long"), Answered("relaxer"),
        MoreThan("days_taken", 0), MoreThan("days_taken", 364), AtMost("pain_weeks", 519),
        AnyOf((Yes("sits_long"), AllOf((Chose("tried", ("heat",)), LeftOut("tried", ("ice",)))))),
    ],
)
def test_every_condition_the_language_allows_passes_the_check(when):
    check_rules(variant(when=when))


def test_a_child_section_after_its_parent_passes_the_check():
    check_rules(variant(shows=("not-a-muscle-problem", "nerve-pain")))


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
    too_sleepy = next(r for r in rows if r.startswith("| `too-sleepy` |"))
    assert "| [overdose-signs](urgent.md#overdose-signs), [emergency-signs](urgent.md#emergency-signs) |" in too_sleepy


def test_a_bar_in_a_rule_table_cell_does_not_break_the_table(monkeypatch):
    barred = dataclasses.replace(BASE, why="Either | or.", when=AnyOf((Yes("sits_long"),)))
    monkeypatch.setattr(decision.rules, "ORDERED", (barred,))
    row = decision.rules_markdown().splitlines()[2]
    assert row.endswith(r"| Either \| or. |")


def test_when_text_uses_the_form_labels():
    row = next(r for r in decision.rules_markdown().splitlines() if "`past-three-weeks`" in r)
    assert "Days taken so far: more than 21 days" in row
    assert '"A recent injury, strain or spasm"' in row and '"Cyclobenzaprine (Flexeril)"' in row
    row = next(r for r in decision.rules_markdown().splitlines() if "`first-days`" in r)
    assert "Days taken so far: 2 days or less" in row
    row = next(r for r in decision.rules_markdown().splitlines() if "`antispastic-for-strain`" in r)
    assert '"Baclofen" or "Dantrolene"' in row and '"A recent injury, strain or spasm"' in row


@pytest.mark.parametrize(
    "answers, reason",
    [
        ({"recurring": False}, "Shown because you said the pain does not keep coming back."),
        ({"recurring": True}, "Shown because you said the pain keeps coming back."),
        ({"sits_long": False}, "Shown because you said you do not sit for long periods."),
    ],
    ids=["no", "yes", "no-sits"],
)
def test_a_rule_on_any_answer_quotes_a_no_as_no(answers, reason):
    rule = dataclasses.replace(BASE, when=AnyOf((Answered("recurring"), Answered("sits_long"))))
    assert rule.reason_for(answers) == reason
