"""The summary a reader takes to the doctor: their answers, nothing more."""

from __future__ import annotations

from hypothesis import given, settings

import decision
from support.samples import answer_sets
from decision.questions import BY_ID


def test_full_summary_reads_as_a_note_for_the_doctor():
    answers = {
        "red_flags": ["none"],
        "relaxer": "tizanidine",
        "prescribed_for": "recent_strain",
        "days_taken": {"value": 3, "unit": "years"},
        "age_65_or_older": True,
        "pregnant_or_breastfeeding": False,
        "dose_pattern": "lower_or_skipped",
        "also_taking": ["alcohol", "sedating_otc"],
        "pain_pattern": ["shooting_or_radiating", "knot_or_cramp"],
        "pain_weeks": 8,
        "recurring": True,
        "tried": ["heat", "otc_pain_relievers"],
        "sits_long": False,
        "sleep_disturbed": True,
    }
    assert decision.plan(answers).summary == "\n".join([
        "Muscle relaxer: Tizanidine (Zanaflex), used both for new muscle spasm (an antispasmodic) and for long-term stiffness (an antispastic)",
        "Prescribed for: a recent injury, strain or spasm",
        "How it has been taken: a lower dose than prescribed, or skipped doses",
        # What the reader said, in their unit: a course of years is not written as 365 days.
        "Taken for: 3 years",
        "65 or older: yes",
        "Pregnant, possibly pregnant, or breastfeeding: no",
        "Pain: shooting pain that spreads; a tight knot or cramp in the muscle",
        "Pain has lasted: 8 weeks",
        "Pain keeps coming back: yes",
        "Also had: alcohol; over-the-counter medicines that cause sleepiness",
        "Warning signs: none reported",
        "Tried so far: heat; over-the-counter pain relievers",
        "Sits for long periods most days: no",
        "Pain makes it hard to sleep: yes",
    ])


def test_relaxer_class_is_named():
    assert decision.plan({"relaxer": "baclofen"}).summary == (
        "Muscle relaxer: Baclofen, an antispastic (for muscles kept stiff by a long-term condition)"
    )
    assert decision.plan({"relaxer": "cyclobenzaprine"}).summary == (
        "Muscle relaxer: Cyclobenzaprine (Flexeril), an antispasmodic (for new muscle pain and spasm)"
    )
    assert decision.plan({"relaxer": "not_sure"}).summary == "Muscle relaxer: not sure of the name"


def test_warning_signs_are_listed():
    summary = decision.plan({"red_flags": ["bowel_bladder", "sudden_weakness"]}).summary
    assert summary == (
        "Warning signs: new loss of bowel or bladder control; sudden or severe weakness in an arm or leg"
    )


@settings(max_examples=300, deadline=None)
@given(answer_sets())
def test_one_line_per_answered_question_and_nothing_else(answers):
    summary = decision.plan(answers).summary
    lines = summary.splitlines() if summary else []
    assert len(lines) == len(answers)
    labels = {line.split(": ", 1)[0] for line in lines}
    assert labels == {BY_ID[qid].summary_label for qid in answers}
