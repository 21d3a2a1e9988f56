"""The rule table as data: checked loudly, printed for the site, and pointing only at real sections."""

from __future__ import annotations

import dataclasses
import re

import pytest

import decision
from decision.conditions import AllOf, Answered, AnyOf, AtMost, Chose, LeftOut, MoreThan, Unanswered, Yes
from decision.errors import RuleError
from decision.rules import ORDERED, RULES, check_rules, check_signs

BASE = next(rule for rule in RULES if rule.id == "emergency-warning-signs")


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
        (variant(when=MoreThan("days_taken", 29200)), R + ': The limit 29200 on "days_taken" is outside its range.'),
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
        (variant(card="calm"), R + ' names the card "calm", which does not exist.'),
        (variant(card="poison"), R + " has the emergency level but the urgent card."),
        (variant(withholds=("heat-and-cold",)), R + ' withholds the section "heat-and-cold", which does not exist.'),
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
        MoreThan("days_taken", 0), MoreThan("days_taken", 29199), AtMost("pain_weeks", 4159),
        Unanswered("relaxer", "you did not say"),
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
    # A combination that raises the level (withdrawal with a fever) comes before the signs alone.
    assert [rule.id for rule in ORDERED[:3]] == ["withdrawal-emergency", "baclofen-skipped-withdrawal", "emergency-warning-signs"]


def test_a_warning_sign_with_another_level_than_its_own_stops_everything():
    lowered = tuple(
        dataclasses.replace(rule, triage="urgent") if rule.id == "chest-pain" else rule for rule in RULES
    )
    with pytest.raises(RuleError) as caught:
        check_signs(lowered)
    assert str(caught.value) == (
        'The warning sign "chest_pain" is emergency in warning_signs.py, but the rules give it urgent '
        "when it is ticked alone. Add it to a rule of that level."
    )


def test_every_section_can_be_surfaced_by_some_rule():
    surfaced = {section_id for rule in RULES for section_id in rule.shows}
    assert surfaced == set(decision.section_ids())


def _table() -> list[str]:
    """The full table's rows (folded on the page, so indented under its details block)."""
    lines = decision.rules_markdown().splitlines()
    return [line[4:] for line in lines if line.startswith("    |")]


def test_rule_table_markdown():
    table = _table()
    assert table[0] == "| Rule | When | Shows first | Advice | Why |"
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
            assert re.search(rf"\[{section_id}\]\([a-z-]+\.md#{section_id}\)\{{ data-rg-title=\"{section_id}\" \}}", row), row
    assert "Start with the relief steps" in rows[-1] and "None of these" in rows[-1]


def test_rules_in_words_come_by_level_before_the_table():
    text = decision.rules_markdown()
    words, table = text.split("??? info", 1)
    order = [words.index(heading) for heading in (
        "call the emergency number now", "get help today", "contact the doctor", "without changing the advice",
    )]
    assert order == sorted(order)
    for rule in RULES:
        assert rule.why in words
    # The reader's part has no table and no rule ids: those are in the folded table.
    assert "|" not in words and "`" not in words


def test_a_bar_in_a_rule_table_cell_does_not_break_the_table(monkeypatch):
    barred = dataclasses.replace(BASE, why="Either | or.", when=AnyOf((Yes("sits_long"),)))
    monkeypatch.setattr(decision.rules, "ORDERED", (barred,))
    row = _table()[2]
    assert row.endswith(r"| Either \| or. |")


def test_when_text_uses_the_form_labels():
    row = next(r for r in _table() if "`past-three-weeks`" in r)
    assert "Taken for: more than 21 days" in row
    assert '"A recent injury, strain or spasm"' in row and '"Cyclobenzaprine (Flexeril)"' in row
    row = next(r for r in _table() if "`first-days`" in r)
    assert "Taken for: 2 days or less" in row
    row = next(r for r in _table() if "`antispastic-for-strain`" in r)
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
