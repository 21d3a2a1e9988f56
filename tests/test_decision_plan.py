"""What a reader's answers change in the plan: triage, the sections put first, and why.

Small parts of the answer space are walked exhaustively; the whole space with Hypothesis.
"""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings

import decision
from answer_samples import answer_sets, sample_answer_sets
from decision.questions import BY_ID, RELAXER_CLASS

LEVELS = ["self_care", "see_doctor", "urgent", "emergency"]
ALL_IDS = set(decision.section_ids())


def options(question_id: str) -> list[str]:
    return list(BY_ID[question_id].option_values)


def multi_values(question_id: str) -> list[list[str]]:
    """Every valid answer to a multi question: each non-empty subset, or none alone."""
    others = [o for o in options(question_id) if o != "none"]
    subsets = [
        list(combo)
        for size in range(1, len(others) + 1)
        for combo in itertools.combinations(others, size)
    ]
    return subsets + ([["none"]] if "none" in options(question_id) else [])


def shown(plan) -> list[str]:
    return [s.id for s in plan.show]


def reason(plan, section_id: str) -> str:
    return next(s.reason for s in plan.show if s.id == section_id)


def at_least(level: str, floor: str) -> bool:
    return LEVELS.index(level) >= LEVELS.index(floor)


# The level each warning sign needs on its own (NHS back pain and cauda equina pages; the
# issue's table). Emergency signs show the emergency section; urgent ones the "get seen today".
FLAG_LEVEL = {
    "saddle_numbness": "emergency", "urine_retention": "emergency", "bowel_bladder": "emergency",
    "sudden_weakness": "emergency", "numbness_tingling": "emergency", "both_legs": "emergency",
    "hard_to_wake": "emergency",
    "fever": "urgent", "serious_injury": "urgent", "cancer_history": "urgent", "weight_loss": "urgent",
    "none": "self_care",
}
RED_FLAG_SECTIONS = ("emergency-signs", "prompt-evaluation", "overdose-signs")
CALM = "see-your-doctor-soon"


def flags_level(flags) -> str:
    return max((FLAG_LEVEL[f] for f in flags), key=LEVELS.index, default="self_care")


# Everything but the warning signs that can raise the level, walked exhaustively:
# relaxer x prescribed for x dose x other substances (2,808 answer sets, the empty one among them).
REST = [
    {
        key: value
        for key, value in (
            ("relaxer", relaxer),
            ("prescribed_for", prescribed_for),
            ("dose_pattern", dose),
            ("also_taking", taken),
        )
        if value is not None
    }
    for relaxer in [None, *options("relaxer")]
    for prescribed_for in [None, *options("prescribed_for")]
    for dose in [None, *options("dose_pattern")]
    for taken in [None, *multi_values("also_taking")]
]


def check_plan_invariants(answers: dict) -> None:
    """What must hold for every answer set, whatever else it says."""
    plan = decision.plan(answers)
    ids = shown(plan)
    flags = answers.get("red_flags", [])
    level = flags_level(flags)

    # Warning signs set at least their level, and their section comes first.
    assert at_least(plan.triage, level), (answers, plan.triage)
    if level == "emergency":
        assert plan.triage == "emergency"
        assert "emergency-signs" in ids
        nerve_or_stroke = {f for f in flags if FLAG_LEVEL[f] == "emergency"} - {"hard_to_wake"}
        assert ids[0] == ("emergency-signs" if nerve_or_stroke else "overdose-signs")
    elif level == "urgent":
        assert ids[0] == "prompt-evaluation"
        assert "emergency-signs" not in ids
    else:
        assert plan.triage != "emergency"
        assert "emergency-signs" not in ids and "prompt-evaluation" not in ids
    if "hard_to_wake" in flags:
        assert "overdose-signs" in ids

    # "It is not an emergency" text is never shown, and never left open, beside an urgent plan.
    if at_least(plan.triage, "urgent"):
        assert CALM not in ids and CALM in plan.fold

    # Always-visible safety sections are never folded; fold is exactly the rest, or nothing
    # at all when nothing is shown (nothing tailored).
    assert plan.always == decision.ALWAYS_VISIBLE
    assert set(RED_FLAG_SECTIONS) <= set(decision.ALWAYS_VISIBLE)
    assert not set(plan.fold) & set(decision.ALWAYS_VISIBLE)
    assert len(ids) == len(set(ids)), "a section is shown twice"
    rest = ALL_IDS - set(ids) - set(decision.ALWAYS_VISIBLE) if ids else set()
    assert set(plan.fold) == rest
    assert set(ids) <= ALL_IDS

    # A shown h3 is never inside a folded h2 (it would stay hidden).
    for section_id in ids:
        parent = decision.sections.BY_ID[section_id].parent
        assert parent is None or parent not in plan.fold

    # One sentence each, quoting the reader.
    for item in plan.show:
        assert re.fullmatch(r"Shown because you said [^.!?]+\.", item.reason), item.reason

    # Same answers, same plan; key and tick order do not matter.
    assert decision.plan(dict(reversed(list(answers.items())))) == plan


def test_rest_of_the_core_exhaustively():
    assert len(REST) == 13 * 4 * 6 * 9  # each with "skipped" as one more choice
    for answers in REST:
        check_plan_invariants(answers)


def test_every_combination_of_warning_signs_alone():
    combos = multi_values("red_flags")
    assert len(combos) == (2**11 - 1) + 1  # every non-empty set of the 11 signs, and "none"
    for flags in combos:
        plan = decision.plan({"red_flags": flags})
        assert plan.triage == flags_level(flags), flags
        check_plan_invariants({"red_flags": flags})


@pytest.mark.parametrize("flag", [f for f in options("red_flags") if f != "none"])
def test_each_warning_sign_gives_its_level_with_every_other_answer(flag):
    """The sign's level, or the other answers' level if higher: never less, never more."""
    for rest in REST:
        alone = decision.plan(rest).triage
        plan = decision.plan({"red_flags": [flag], **rest})
        assert plan.triage == max(alone, FLAG_LEVEL[flag], key=LEVELS.index), (flag, rest)
        section = "prompt-evaluation" if FLAG_LEVEL[flag] == "urgent" else "emergency-signs"
        assert section in shown(plan)
    check_plan_invariants({"red_flags": [flag], **REST[-1]})


def test_the_flag_table_covers_every_option():
    assert set(FLAG_LEVEL) == set(options("red_flags"))


@settings(max_examples=600, deadline=None)
@given(answer_sets())
def test_invariants_over_the_whole_answer_space(answers):
    check_plan_invariants(answers)


def test_limb_signs_are_an_emergency_now():
    for flag in ("sudden_weakness", "numbness_tingling"):
        plan = decision.plan({"red_flags": [flag]})
        assert (plan.triage, shown(plan)) == ("emergency", ["emergency-signs"])


def test_too_sleepy_shows_the_signs_of_too_much_medicine_first():
    plan = decision.plan({"red_flags": ["hard_to_wake"], "relaxer": "carisoprodol"})
    assert plan.triage == "emergency"
    assert shown(plan)[:2] == ["overdose-signs", "emergency-signs"]
    assert CALM not in shown(plan)


def test_warning_sign_reason_quotes_only_the_signs_that_matter():
    plan = decision.plan({"red_flags": ["bowel_bladder", "numbness_tingling", "fever"]})
    assert reason(plan, "emergency-signs") == (
        "Shown because you said you have new loss of bowel or bladder control and sudden "
        "numbness or tingling in an arm or leg."
    )
    assert reason(plan, "prompt-evaluation") == "Shown because you said you have a fever with the pain."


def test_empty_answers_give_self_care_and_nothing_tailored():
    plan = decision.plan({})
    assert plan.triage == "self_care"
    assert plan.show == ()
    assert plan.summary == ""
    assert plan.fold == (), "an empty plan must not fold the guidance away"


@pytest.mark.parametrize("relaxer", options("relaxer"))
@pytest.mark.parametrize("prescribed_for", options("prescribed_for"))
def test_wrong_class_only_for_a_class_mismatch(relaxer, prescribed_for):
    plan = decision.plan({"relaxer": relaxer, "prescribed_for": prescribed_for})
    cls = RELAXER_CLASS.get(relaxer)
    mismatch = (cls == "antispastic" and prescribed_for == "recent_strain") or (
        cls == "antispasmodic" and prescribed_for == "spasticity_condition"
    )
    assert ("wrong-class" in shown(plan)) == mismatch
    # Naming the relaxer means it is not helping (that is why the reader is here).
    assert plan.triage == "see_doctor"
    assert shown(plan)[0] == "see-your-doctor-soon"


def test_antispastic_for_a_strain_says_which_drug_and_why():
    plan = decision.plan({"relaxer": "baclofen", "prescribed_for": "recent_strain"})
    assert reason(plan, "wrong-class") == (
        "Shown because you said you take baclofen and it was prescribed for a recent injury, "
        "strain or spasm."
    )
    assert "treatment-changes" in shown(plan)


def test_relaxer_classes_follow_the_usual_classification():
    assert RELAXER_CLASS == {
        "cyclobenzaprine": "antispasmodic", "methocarbamol": "antispasmodic",
        "carisoprodol": "antispasmodic", "metaxalone": "antispasmodic",
        "chlorzoxazone": "antispasmodic", "orphenadrine": "antispasmodic",
        "tizanidine": "both", "baclofen": "antispastic", "dantrolene": "antispastic",
        "diazepam": "both",
    }


SHORT_TERM = [r for r, cls in RELAXER_CLASS.items() if cls == "antispasmodic"]


@pytest.mark.parametrize("relaxer", [None, *options("relaxer")])
@pytest.mark.parametrize("prescribed_for", [None, *options("prescribed_for")])
def test_three_week_limit_only_for_short_term_use(relaxer, prescribed_for):
    """Meant for two to three weeks: antispasmodics, or any relaxer for a recent strain."""
    base = {k: v for k, v in (("relaxer", relaxer), ("prescribed_for", prescribed_for)) if v}
    short_term = relaxer in SHORT_TERM or prescribed_for == "recent_strain"
    for days in range(0, 366):
        plan = decision.plan({**base, "days_taken": days})
        assert ("tolerance" in shown(plan)) == (short_term and days > 21), (base, days)
        assert plan.triage == "see_doctor"


@pytest.mark.parametrize("relaxer", ["baclofen", "tizanidine", "dantrolene"])
def test_long_term_spasticity_treatment_is_never_past_a_limit(relaxer):
    for days in (30, 90, 200, 365):
        plan = decision.plan(
            {"relaxer": relaxer, "prescribed_for": "spasticity_condition", "days_taken": days}
        )
        assert "tolerance" not in shown(plan)
        assert "wrong-class" not in shown(plan)


def test_first_days_say_it_may_be_too_soon():
    for days in range(0, 366):
        ids = shown(decision.plan({"days_taken": days}))
        assert ("too-soon" in ids) == (days <= 2), days
        assert ("side-effects" in ids) == (days <= 2), days
        if days <= 2:
            assert ids.index("too-soon") < ids.index("see-your-doctor-soon")


def test_days_reason_reads_as_the_reader_said_it():
    assert reason(decision.plan({"days_taken": 30, "relaxer": "methocarbamol"}), "tolerance") == (
        "Shown because you said you have taken it for 30 days and you take methocarbamol."
    )
    assert reason(decision.plan({"days_taken": 1}), "see-your-doctor-soon") == (
        "Shown because you said you have taken it for 1 day."
    )
    assert reason(decision.plan({"days_taken": 0}), "see-your-doctor-soon") == (
        "Shown because you said you have taken it for less than a day."
    )


@pytest.mark.parametrize("dose", options("dose_pattern"))
def test_dose_pattern(dose):
    plan = decision.plan({"dose_pattern": dose})
    ids = shown(plan)
    if dose in ("lower_or_skipped", "stopped_early"):
        assert ids == ["dose-and-timing"]
        assert plan.triage == "self_care"
    elif dose == "stopped_suddenly":
        assert ids[0] == "stopping-safely"
        assert plan.triage == "see_doctor"
    elif dose == "more_than_prescribed":
        assert ids[0] == "dose-and-timing"
        assert "no-changes-without-advice" in ids
        assert plan.triage == "see_doctor"
        text = reason(plan, "dose-and-timing")
        assert "more than prescribed" in text
        assert "not safe without your doctor" in text
        assert "tell them" in text
    else:
        assert "dose-and-timing" not in ids
        assert "metabolism" in ids and "how-well-they-work" in ids


TAPER = {"baclofen", "tizanidine", "carisoprodol", "diazepam"}


@pytest.mark.parametrize("relaxer", options("relaxer"))
def test_stopping_suddenly(relaxer):
    """Withdrawal can be dangerous for four relaxers: urgent; any relaxer shows how to stop."""
    plan = decision.plan({"dose_pattern": "stopped_suddenly", "relaxer": relaxer})
    assert shown(plan)[0] == "stopping-safely"
    assert plan.triage == ("urgent" if relaxer in TAPER else "see_doctor")
    if relaxer in TAPER:
        assert reason(plan, "stopping-safely") == (
            f"Shown because you said you stopped it all at once after taking it every day and "
            f"you take {relaxer}."
        )
        assert CALM not in shown(plan)


@pytest.mark.parametrize("taken", multi_values("also_taking"))
def test_more_than_prescribed_with_sedating_things_is_urgent(taken):
    plan = decision.plan({"dose_pattern": "more_than_prescribed", "also_taking": taken})
    if taken == ["none"]:
        assert plan.triage == "see_doctor" and "overdose-signs" not in shown(plan)
    else:
        assert plan.triage == "urgent"
        assert shown(plan)[:2] == ["overdose-signs", "no-changes-without-advice"]
        assert CALM not in shown(plan) and CALM in plan.fold


def test_more_than_prescribed_never_lowers_warning_sign_triage():
    for flags in multi_values("red_flags"):
        alone = decision.plan({"red_flags": flags}).triage
        both = decision.plan({"red_flags": flags, "dose_pattern": "more_than_prescribed"}).triage
        assert both == max(alone, "see_doctor", key=LEVELS.index)


@pytest.mark.parametrize("taken", multi_values("also_taking"))
def test_other_substances_surface_interactions(taken):
    plan = decision.plan({"also_taking": taken})
    assert ("interactions" in shown(plan)) == (taken != ["none"])
    assert plan.triage == ("self_care" if taken == ["none"] else "see_doctor")


def test_interactions_reason_lists_what_was_taken():
    plan = decision.plan({"also_taking": ["alcohol", "sedating_prescriptions"]})
    assert "side-effects" in shown(plan)
    assert reason(plan, "interactions") == (
        "Shown because you said you have also had alcohol and prescription medicines that make "
        "you sleepy."
    )


@pytest.mark.parametrize("pattern", multi_values("pain_pattern"))
def test_pain_pattern_points_past_the_muscle(pattern):
    ids = shown(decision.plan({"pain_pattern": pattern}))
    assert ("nerve-pain" in ids) == ("shooting_or_radiating" in pattern)
    assert ("joint-pain" in ids) == ("joint" in pattern)
    assert ("inflammation" in ids) == ("swelling" in pattern)
    cause = {"shooting_or_radiating", "joint", "swelling"} & set(pattern)
    assert ("not-a-muscle-problem" in ids) == bool(cause)
    if cause:  # the h2 comes before its h3s
        assert ids.index("not-a-muscle-problem") < min(
            ids.index(i) for i in ("nerve-pain", "joint-pain", "inflammation") if i in ids
        )


RELIEF = {"heat": "heat-and-ice", "ice": "heat-and-ice", "stretching": "gentle-movement",
          "otc_pain_relievers": "otc-pain-relief"}


@pytest.mark.parametrize("tried", [None, *multi_values("tried")])
def test_untried_relief_steps_only_when_tried_is_answered(tried):
    answers = {} if tried is None else {"tried": tried}
    ids = shown(decision.plan(answers))
    if tried is None:
        assert not set(ids) & set(RELIEF.values())
        return
    for section_id in set(RELIEF.values()):
        untried = [o for o, s in RELIEF.items() if s == section_id and o not in tried]
        assert (section_id in ids) == bool(untried), (tried, section_id)


def test_untried_reason_names_only_what_was_left_out():
    plan = decision.plan({"tried": ["heat", "stretching"]})
    assert reason(plan, "heat-and-ice") == "Shown because you said you have not tried ice."
    plan = decision.plan({"tried": ["none"]})
    assert reason(plan, "heat-and-ice") == "Shown because you said you have not tried heat or ice."


def test_long_lasting_pain_every_week_count():
    for weeks in range(0, 521):
        plan = decision.plan({"pain_weeks": weeks})
        ids = shown(plan)
        assert ("physical-therapy" in ids) == (weeks > 6), weeks
        assert ("injections" in ids) == (weeks > 6), weeks
        assert ("natural-course" in ids) == (weeks <= 6), weeks
        assert plan.triage == ("see_doctor" if weeks > 6 else "self_care")


@pytest.mark.parametrize("recurring", [True, False])
def test_recurring_pain(recurring):
    plan = decision.plan({"recurring": recurring, "pain_weeks": 2})
    assert ("physical-therapy" in shown(plan)) == recurring
    assert ("injections" in shown(plan)) == recurring
    assert plan.triage == ("see_doctor" if recurring else "self_care")


def test_knot_that_keeps_coming_back_puts_injections_first():
    plan = decision.plan({"pain_pattern": ["knot_or_cramp"], "recurring": True})
    ids = shown(plan)
    assert ids.index("injections") < ids.index("physical-therapy")
    assert "knot or cramp" in reason(plan, "injections")
    assert "knot" not in reason(plan, "physical-therapy")
    # A knot alone, without long-lasting pain, does not point at injections.
    assert "injections" not in shown(decision.plan({"pain_pattern": ["knot_or_cramp"]}))


@pytest.mark.parametrize("sits", [True, False])
@pytest.mark.parametrize("sleep", [True, False])
def test_daily_habits(sits, sleep):
    plan = decision.plan({"sits_long": sits, "sleep_disturbed": sleep})
    assert ("posture" in shown(plan)) == sits
    assert ("sleep-position" in shown(plan)) == sleep
    assert plan.triage == "self_care"


def test_first_rule_gives_the_reason_for_a_shared_section():
    plan = decision.plan({"dose_pattern": "more_than_prescribed", "relaxer": "cyclobenzaprine"})
    first = next(s for s in plan.show if s.id == "see-your-doctor-soon")
    assert first.rule == "more-than-prescribed"


def test_plan_to_dict_has_exactly_the_contract_keys():
    for answers in sample_answer_sets(50, seed=3):
        data = decision.plan(answers).to_dict()
        assert list(data) == ["triage", "show", "fold", "always", "summary"]
        assert data["triage"] in LEVELS
        assert all(list(item) == ["id", "reason", "rule"] for item in data["show"])
        assert data["always"] == list(decision.ALWAYS_VISIBLE)


def test_answer_samples_are_deterministic_and_valid():
    first = sample_answer_sets(200, seed=7)
    assert first == sample_answer_sets(200, seed=7)
    assert first != sample_answer_sets(200, seed=8)
    assert first[0] == {} and set(first[1]) == {q["id"] for q in decision.questions()}
    for answers in first:
        decision.plan(answers)  # raises if a sample were invalid


def test_triage_cards_say_what_to_do():
    cards = decision.triage_cards()
    assert list(cards) == ["emergency", "urgent", "see_doctor", "self_care"]
    assert all(set(card) == {"title", "text", "sr_prefix"} for card in cards.values())
    emergency = cards["emergency"]["text"]
    assert "local emergency number now (911 in the US)" in emergency
    assert "nearest emergency room" in emergency
    assert "Do not drive yourself" in emergency
    urgent = cards["urgent"]["text"]
    assert "promptly today" in urgent and "urgent care" in urgent and "doctor" in urgent
    # ...and when to escalate to the emergency number instead.
    assert all(word in urgent for word in ("weakness", "numbness", "tingling", "hard to wake"))
    assert "local emergency number (911 in the US)" in urgent
    see_doctor = cards["see_doctor"]["text"]
    assert "doctor who prescribed" in see_doctor and "summary" in see_doctor
    self_care = cards["self_care"]["text"]
    assert "Relief you can try now" in self_care
    assert "does not get better" in self_care and "warning sign" in self_care
    assert cards["emergency"]["sr_prefix"] == "Emergency advice:"
