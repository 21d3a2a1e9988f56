"""What a reader's answers change in the plan: triage, the sections put first, and why.

Small parts of the answer space are walked exhaustively; the whole space with Hypothesis.
"""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings

import decision
from support.samples import answer_sets
from decision.samples import sample_answer_sets
from decision.questions import BY_ID, RELAXER_CLASS
from decision.cards import BY_ID as CARDS, CRISIS_CALL, NEXT_DOSE, NEXT_DOSE_NOW
from decision.sections import AS_IS, GET_HELP, GO_ON, NOT_FOR_URGENT, SECTIONS, WARNING
from decision.warning_signs import SIGNS, harm_signs

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


# The level each warning sign needs on its own, from the one list the pages are rendered from
# (decision/warning_signs.py; tests/test_decision_warning_signs.py pins each sign's level and words).
FLAG_LEVEL = {sign.value: sign.level for sign in SIGNS if sign.question == "red_flags"} | {"none": "self_care"}
# Every sign, step one's and those asked beside the medicines (mild serotonin syndrome).
SIGN_LEVEL = {sign.value: sign.level for sign in SIGNS} | {"none": "self_care"}
MEDICINE_SIGNS = {sign.value for sign in SIGNS if sign.question == "also_taking"}
WARNING_SECTIONS = tuple(s.id for s in SECTIONS if s.role == WARNING)
CALM = "see-your-doctor-soon"
TAPER = {"baclofen", "tizanidine", "carisoprodol", "diazepam"}
WITHDRAWAL_SIGNS = {"fever", "hard_to_wake", "seizure", "very_stiff"}


def flags_level(flags) -> str:
    return max((SIGN_LEVEL[f] for f in flags), key=LEVELS.index, default="self_care")


def all_signs(answers: dict) -> list[str]:
    """The warning signs ticked anywhere: step one's, and those asked beside the medicines."""
    return [f for f in answers.get("red_flags", []) if f != "none"] + sorted(
        set(answers.get("also_taking", [])) & MEDICINE_SIGNS)


def days(answers: dict) -> int | None:
    """How long the relaxer has been taken, in days (None: not answered)."""
    value = answers.get("days_taken")
    return BY_ID["days_taken"].counted(value) if value is not None else None


def long_use(answers: dict) -> bool:
    """Weeks of use: two weeks or more."""
    return (days(answers) or 0) >= 14


def not_a_short_course(answers: dict) -> bool:
    """Two weeks or more, or a time not given (withdrawal follows prolonged regular use)."""
    return days(answers) is None or long_use(answers)


def unknown_relaxer(answers: dict) -> bool:
    return answers.get("relaxer") in (None, "other", "not_sure")


def risky_stop(answers: dict) -> bool:
    """A stop that can cause withdrawal, as a clinician reads it (the labels of baclofen,
    tizanidine, carisoprodol and diazepam; an unnamed relaxer may be one of them)."""
    dose, relaxer = answers.get("dose_pattern"), answers.get("relaxer")
    stopped = dose in ("stopped_early", "stopped_suddenly")
    return stopped and (
        relaxer in TAPER and not_a_short_course(answers)
        or unknown_relaxer(answers) and (
            dose == "stopped_suddenly" or answers.get("prescribed_for") == "spasticity_condition"
            or long_use(answers)
        )
    )


def taken(answers: dict) -> set[str]:
    return set(answers.get("also_taking", [])) - {"none"}


def baclofen_skipped(answers: dict) -> bool:
    """Baclofen for weeks (or a time not given), with skipped or lowered doses (its labels)."""
    return (answers.get("relaxer") == "baclofen" and answers.get("dose_pattern") == "lower_or_skipped"
            and not_a_short_course(answers))


def serotonin_emergency(answers: dict) -> bool:
    """A fever and much stiffer muscles on an antidepressant, tramadol or a triptan, whatever the
    relaxer (NHS: severe serotonin syndrome), or on an opioid with cyclobenzaprine, metaxalone or
    a relaxer not named (their labels)."""
    flags = set(answers.get("red_flags", []))
    relaxer_fits = answers.get("relaxer") in ("cyclobenzaprine", "metaxalone") or unknown_relaxer(answers)
    mix = "serotonergic" in taken(answers) or relaxer_fits and "sedating_prescriptions" in taken(answers)
    # The milder signs with a fever, much stiffer muscles or confusion: the mild card's own words.
    worse = "serotonin_mild" in taken(answers) and bool(flags & {"fever", "very_stiff", "hard_to_wake"})
    # Cyclobenzaprine (or a relaxer not named) with an MAOI: a fever, much stiffer muscles or
    # confusion, each alone (the interactions page; its label: high fevers, seizures, deaths).
    maoi = ("maoi" in taken(answers) and (answers.get("relaxer") == "cyclobenzaprine" or unknown_relaxer(answers))
            and bool(flags & {"fever", "very_stiff", "hard_to_wake"}))
    return mix and {"fever", "very_stiff"} <= flags or worse or maoi


def contraindicated_mix(answers: dict) -> bool:
    """Tizanidine with ciprofloxacin or fluvoxamine (its label: not to be taken together)."""
    return answers.get("relaxer") == "tizanidine" and "tizanidine_raisers" in taken(answers)


def floor(answers: dict) -> str:
    """The lowest level these answers may get, whatever else they say."""
    flags = set(answers.get("red_flags", [])) - {"none"}
    levels = [flags_level(all_signs(answers))]
    if "red_flags" not in answers:
        levels.append("see_doctor")  # silence about warning signs never reassures
    if answers.get("dose_pattern") == "more_than_prescribed":
        levels.append("urgent")
    if risky_stop(answers):
        levels.append("emergency" if flags & WITHDRAWAL_SIGNS else "urgent")
    if baclofen_skipped(answers) and flags & WITHDRAWAL_SIGNS:
        levels.append("emergency")
    if answers.get("age_65_or_older") and taken(answers) & {"alcohol", "sedating_prescriptions", "sedating_otc", "gabapentinoid"}:
        levels.append("see_doctor")
    if serotonin_emergency(answers):
        levels.append("emergency")
    if contraindicated_mix(answers) or "too_much_acetaminophen" in taken(answers):
        levels.append("urgent")
    # Liver or gut harm after too much acetaminophen: the emergency number (H68).
    if "too_much_acetaminophen" in taken(answers) and "yellow_or_black" in flags:
        levels.append("emergency")
    return max(levels, key=LEVELS.index)


def few_values(question_id: str) -> list[list[str]]:
    """Answers to a multi question that tell its rules apart: each option alone, each pair, all of
    them, and none (every subset of "other medicines" would be 64)."""
    others = [o for o in options(question_id) if o != "none"]
    return [[o] for o in others] + [list(p) for p in itertools.combinations(others, 2)] + [others, ["none"]]


# Everything but the warning signs that can raise the level, walked exhaustively: relaxer x
# prescribed for x dose x other medicines, each also left out (the empty answer set among them).
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
    for taken in [None, *few_values("also_taking")]
]
# The same without the pairs of other medicines, for the tests that walk it once per sign.
REST_SINGLES = [answers for answers in REST if len(answers.get("also_taking", [])) != 2]


def check_plan_invariants(answers: dict) -> None:
    """What must hold for every answer set, whatever else it says."""
    plan = decision.plan(answers)
    ids = shown(plan)
    flags = all_signs(answers)
    urgent = at_least(plan.triage, "urgent")

    # Never below what the signs and the risky combinations need; a warning sign's section leads.
    assert at_least(plan.triage, floor(answers)), (answers, plan.triage)
    level = flags_level(flags)
    if level == "emergency":
        assert plan.triage == "emergency" and "emergency-signs" in ids
    if level == "urgent":
        assert "prompt-evaluation" in ids
    if "hard_to_wake" in flags:
        assert "overdose-signs" in ids
    if urgent:
        first = ("stopping-safely", *(("interactions",) if plan.card.id == "mix" else ()))
        assert ids[0] in WARNING_SECTIONS or ids[0] in first, (answers, ids)

    # Never "go on as prescribed" beside "stop and get help", nor beside a sign of harm; nor
    # "do not change it on your own" beside a sign of harm, where the card asks the reader to call
    # before the next dose (a pump aside: the reader never changes it).
    stances = {decision.sections.BY_ID[i].stance for i in ids}
    assert not {GO_ON, GET_HELP} <= stances, (answers, ids)
    if set(flags) & set(harm_signs()) or answers.get("dose_pattern") == "more_than_prescribed" or risky_stop(
            answers) or "too_much_acetaminophen" in taken(answers):
        assert GO_ON not in stances, (answers, ids)
    harm = set(flags) & set(harm_signs())
    if harm:
        assert AS_IS not in stances and not {"no-changes-without-advice", "too-soon"} & set(plan.layout.lead), ids
    doses = harm - {"baclofen_pump"}
    # In the card's own time frame: "today" on a same-day card, "ask the people who check you" on
    # an emergency card.
    if {NEXT_DOSE, NEXT_DOSE_NOW} & set(plan.card.lines):
        assert doses, (answers, plan.card.lines)
    if any(SIGN_LEVEL[sign] == plan.triage for sign in doses):
        assert (NEXT_DOSE_NOW if plan.triage == "emergency" else NEXT_DOSE) in plan.card.lines, (answers, plan.card.lines)

    # The mixes the pages name lead with what the reader needs to know (FDA 2016 and 2019; the
    # cyclobenzaprine and tizanidine labels).
    if "gabapentinoid" in taken(answers) or (
            answers.get("relaxer") == "diazepam" and taken(answers) & {"sedating_prescriptions", "gabapentinoid"}):
        assert "overdose-signs" in ids, (answers, ids)
    if "serotonergic" in taken(answers) and (answers.get("relaxer") == "cyclobenzaprine" or unknown_relaxer(answers)):
        assert "interactions" in ids, (answers, ids)
    if contraindicated_mix(answers) and plan.triage == "urgent":
        assert plan.card.id in ("mix", "poison", "stopped", "urgent") and "interactions" in ids
    # Stopping advice whenever a relaxer used for weeks may be one that must be lowered slowly.
    if long_use(answers) and (answers.get("relaxer") in TAPER or unknown_relaxer(answers)):
        assert "stopping-safely" in ids, (answers, ids)

    # No reassurance before the warning signs are answered: the card asks for them instead.
    if "red_flags" not in answers:
        assert plan.triage != "self_care" and plan.ask == ("red_flags",)
        assert plan.card.id == ("ask" if not urgent else plan.card.id)
        assert urgent or plan.card.id == "ask"
    else:
        assert plan.ask == () and plan.card.id != "ask"

    # Too much medicine: at least urgent, its signs shown, Poison Help unless it is an emergency.
    if answers.get("dose_pattern") == "more_than_prescribed":
        assert "overdose-signs" in ids
        assert plan.card.id in (("poison",) if plan.triage == "urgent" else ("crisis", "emergency"))
    if "too_much_acetaminophen" in taken(answers):
        assert "overdose-signs" in ids
        assert plan.card.id in (("poison",) if plan.triage == "urgent" else ("crisis", "emergency")), (
            answers, plan.card.id)
    # A risky stop: how to stop safely, never "stopping too soon can keep it from working".
    if risky_stop(answers):
        assert "stopping-safely" in ids and "dose-and-timing" not in ids
        if plan.triage == "urgent" and answers.get("dose_pattern") != "more_than_prescribed":
            assert plan.card.id in ("stopped", "urgent", *(("poison",) if "too_much_acetaminophen" in taken(answers) else ()))

    # Beside an urgent sign: what to do now, never self-care, the long term, how well the drug
    # works or "not an emergency"; only thoughts of self-harm lead with coping (the crisis line).
    if urgent:
        allowed = {"coping"} if "self_harm" in flags else set()
        assert not set(ids) & set(NOT_FOR_URGENT) - allowed, ids
        assert not set(plan.layout.lead) & set(NOT_FOR_URGENT) - allowed
        assert CALM not in ids and (not ids or CALM in plan.fold)
    if "self_harm" in flags:
        # The crisis card when self-harm is the first emergency sign in the list (the start page
        # combines ticked signs the same way); coping, where the crisis line is, always.
        assert ids[0] in WARNING_SECTIONS and "coping" in ids, (answers, ids)
        assert plan.card.id in ("crisis", "emergency") and (plan.card.id == "crisis") >= (flags == ["self_harm"])
        assert CRISIS_CALL in CARDS["crisis"].calls
    # Exercise and physical therapy before injections (NICE NG59).
    if "injections" in ids:
        assert "physical-therapy" in ids and ids.index("physical-therapy") < ids.index("injections")

    # Always-visible safety sections are never folded; fold is exactly the rest, or nothing
    # at all when nothing is shown (nothing tailored).
    assert plan.always == decision.ALWAYS_VISIBLE
    assert set(WARNING_SECTIONS) <= set(decision.ALWAYS_VISIBLE)
    assert not set(plan.fold) & set(decision.ALWAYS_VISIBLE)
    assert len(ids) == len(set(ids)), "a section is shown twice"
    rest = ALL_IDS - set(ids) - set(decision.ALWAYS_VISIBLE) if ids else set()
    assert set(plan.fold) == rest
    assert set(ids) <= ALL_IDS

    # A shown h3 is never inside a folded h2 (it would stay hidden).
    for section_id in ids:
        parent = decision.sections.BY_ID[section_id].parent
        assert parent is None or parent not in plan.fold

    # The layout: on every page, its warning-sign sections stay first; what leads is what the
    # plan shows; nothing always visible folds.
    lead, folded = plan.layout.lead, plan.layout.fold
    tops = [decision.sections.top(i) for i in ids]
    assert set(tops) <= set(lead) and not set(lead) & set(folded)
    assert set(folded) <= set(plan.fold)
    for page in {decision.sections.BY_ID[i].page for i in lead}:
        on_page = [i for i in lead if decision.sections.BY_ID[i].page == page]
        warning = [i in WARNING_SECTIONS for i in on_page]
        assert warning == sorted(warning, reverse=True), (page, on_page)
        assert all(i in tops for i in on_page if i not in WARNING_SECTIONS)

    # The card: the plan's level, each line once, the answers behind it as the summary words them.
    assert plan.card.level == plan.triage
    assert CARDS[plan.card.id].level == plan.triage
    assert len(plan.card.lines) == len(set(plan.card.lines))
    labels = {BY_ID[q].summary_label for q in answers}
    assert all(line.split(": ", 1)[0] in labels for line in plan.card.because), plan.card.because
    if plan.triage != "self_care" and plan.card.id != "ask":
        assert plan.card.because, "a card that raises the level says which answers made it"

    # One sentence each, quoting the reader.
    for item in plan.show:
        assert re.fullmatch(r"Shown because [^.!?]+\.", item.reason), item.reason

    # Same answers, same plan; key and tick order do not matter.
    assert decision.plan(dict(reversed(list(answers.items())))) == plan


def test_rest_of_the_core_exhaustively():
    for answers in REST:
        check_plan_invariants(answers)
        check_plan_invariants({**answers, "red_flags": ["none"]})


def test_every_pair_of_warning_signs():
    signs = [o for o in options("red_flags") if o != "none"]
    combos = [[s] for s in signs] + [list(pair) for pair in itertools.combinations(signs, 2)]
    for flags in combos + [["none"]]:
        plan = decision.plan({"red_flags": flags})
        assert plan.triage == flags_level(flags), flags
        check_plan_invariants({"red_flags": flags})


@pytest.mark.parametrize("flag", [f for f in options("red_flags") if f != "none"])
def test_each_warning_sign_gives_its_level_with_every_other_answer(flag):
    """The sign's level, or higher when the other answers (alone or with it) need more."""
    for rest in REST_SINGLES:
        alone = decision.plan({**rest, "red_flags": ["none"]}).triage
        plan = decision.plan({"red_flags": [flag], **rest})
        expected = max(alone, floor({"red_flags": [flag], **rest}), key=LEVELS.index)
        assert plan.triage == expected, (flag, rest)
        section = "prompt-evaluation" if FLAG_LEVEL[flag] == "urgent" else "emergency-signs"
        assert section in shown(plan)
    check_plan_invariants({"red_flags": [flag], **REST[-1]})


def test_the_flag_table_covers_every_option():
    assert set(FLAG_LEVEL) == set(options("red_flags"))


@settings(max_examples=600, deadline=None)
@given(answer_sets())
def test_invariants_over_the_whole_answer_space(answers):
    check_plan_invariants(answers)


def test_invariants_over_sampled_answer_sets():
    for answers in sample_answer_sets(1500, seed=5):
        check_plan_invariants(answers)


def test_limb_signs_are_an_emergency_now():
    for flag in ("sudden_weakness", "numbness_tingling", "stroke_signs"):
        plan = decision.plan({"red_flags": [flag]})
        assert (plan.triage, shown(plan)) == ("emergency", ["emergency-signs"])
        assert plan.card.lines == (
            "Sudden weakness, numbness or a drooping face can be a stroke, or pressure on the spinal "
            "cord. Every minute counts.",
        )


def test_too_sleepy_shows_the_signs_of_too_much_medicine_first():
    plan = decision.plan({"red_flags": ["hard_to_wake"], "relaxer": "carisoprodol"})
    assert plan.triage == "emergency"
    assert shown(plan)[:2] == ["overdose-signs", "emergency-signs"]
    assert CALM not in shown(plan)


def test_warning_sign_reason_quotes_only_the_signs_that_matter():
    plan = decision.plan({"red_flags": ["bowel_bladder", "numbness_tingling", "fever"]})
    # Each rule quotes only its own signs; the card lists every answer behind the advice.
    assert reason(plan, "emergency-signs") == "Shown because you said you have new loss of bowel or bladder control."
    assert plan.card.because == (
        "Warning signs: new loss of bowel or bladder control; sudden numbness or tingling in an arm or leg",
    )
    assert reason(plan, "prompt-evaluation") == "Shown because you said you have a fever with the pain."


def test_empty_answers_ask_for_the_warning_signs_first():
    plan = decision.plan({})
    assert (plan.triage, plan.card.id, plan.ask) == ("see_doctor", "ask", ("red_flags",))
    assert shown(plan) == ["emergency-signs"]
    assert plan.summary == ""


def test_no_warning_signs_and_nothing_else_gives_self_care_and_nothing_tailored():
    plan = decision.plan({"red_flags": ["none"]})
    assert (plan.triage, plan.card.id, plan.ask) == ("self_care", "self_care", ())
    assert plan.show == ()
    assert plan.fold == () and plan.layout.lead == (), "an empty plan must not fold the guidance away"


@pytest.mark.parametrize("relaxer", options("relaxer"))
@pytest.mark.parametrize("prescribed_for", options("prescribed_for"))
def test_wrong_class_only_for_a_class_mismatch(relaxer, prescribed_for):
    plan = decision.plan({"relaxer": relaxer, "prescribed_for": prescribed_for, "red_flags": ["none"]})
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
    for days in [*range(0, 60), 365, 1000, 29200]:
        plan = decision.plan({**base, "days_taken": days})
        assert ("tolerance" in shown(plan)) == (short_term and days > 21), (base, days)
        assert plan.triage == "see_doctor"
    for value, unit in ((4, "weeks"), (1, "months"), (2, "years")):
        plan = decision.plan({**base, "days_taken": {"value": value, "unit": unit}})
        assert ("tolerance" in shown(plan)) == short_term, (base, value, unit)


@pytest.mark.parametrize("relaxer", ["baclofen", "tizanidine", "dantrolene"])
def test_long_term_spasticity_treatment_is_never_past_a_limit(relaxer):
    for days in (30, 90, 200, 365, 3650):
        plan = decision.plan(
            {"relaxer": relaxer, "prescribed_for": "spasticity_condition", "days_taken": days}
        )
        assert "tolerance" not in shown(plan)
        assert "wrong-class" not in shown(plan)


def test_first_days_say_it_may_be_too_soon():
    for days in range(0, 60):
        ids = shown(decision.plan({"days_taken": days, "red_flags": ["none"]}))
        assert ("too-soon" in ids) == (days <= 2), days
        assert ("side-effects" in ids) == (days <= 2), days
        if days <= 2:
            assert ids.index("too-soon") < ids.index("see-your-doctor-soon")


def test_days_reason_reads_as_the_reader_said_it():
    assert reason(decision.plan({"days_taken": 30, "relaxer": "methocarbamol"}), "tolerance") == (
        "Shown because you said you have taken it for 30 days and you take methocarbamol."
    )
    assert reason(decision.plan({"days_taken": 1, "red_flags": ["none"]}), "see-your-doctor-soon") == (
        "Shown because you said you have taken it for 1 day."
    )
    assert reason(decision.plan({"days_taken": 0, "red_flags": ["none"]}), "see-your-doctor-soon") == (
        "Shown because you said you have taken it for less than a day."
    )
    assert reason(decision.plan({"days_taken": {"value": 1, "unit": "years"}, "red_flags": ["none"]}),
                  "see-your-doctor-soon") == "Shown because you said you have taken it for 1 year."


@pytest.mark.parametrize("dose", options("dose_pattern"))
def test_dose_pattern(dose):
    plan = decision.plan({"dose_pattern": dose, "red_flags": ["none"]})
    ids = shown(plan)
    if dose in ("lower_or_skipped", "stopped_early"):
        assert ids == ["dose-and-timing"]
        assert plan.triage == "self_care"
    elif dose == "stopped_suddenly":
        # With no name for the relaxer, after daily use it may be one that must be lowered slowly.
        assert ids[0] == "stopping-safely" and "dose-and-timing" not in ids
        assert (plan.triage, plan.card.id) == ("urgent", "stopped")
    elif dose == "more_than_prescribed":
        assert ids[:2] == ["overdose-signs", "no-changes-without-advice"]
        assert (plan.triage, plan.card.id) == ("urgent", "poison")
        assert plan.card.lines == ("Too much of a muscle relaxer can be harmful, even if you feel fine now.",)
        assert plan.card.because == ("How it has been taken: more than prescribed",)
    else:
        assert "dose-and-timing" not in ids
        assert "metabolism" in ids and "how-well-they-work" in ids


@pytest.mark.parametrize("dose", ["stopped_early", "stopped_suddenly"])
@pytest.mark.parametrize("relaxer", options("relaxer"))
def test_stopping(relaxer, dose):
    """Withdrawal can be dangerous for four relaxers, and maybe for one the reader cannot name:
    at least urgent, how to stop safely first, and never "stopping too soon" advice."""
    plan = decision.plan({"dose_pattern": dose, "relaxer": relaxer, "red_flags": ["none"]})
    risky = relaxer in TAPER or relaxer in ("other", "not_sure") and dose == "stopped_suddenly"
    if risky:
        assert shown(plan)[0] == "stopping-safely"
        assert "dose-and-timing" not in shown(plan) and CALM not in shown(plan)
        assert (plan.triage, plan.card.id) == ("urgent", "stopped")
        said = ("you stopped it all at once after taking it every day" if dose == "stopped_suddenly"
                else "you stopped taking it early")
        took = f"you take {relaxer}" if relaxer in TAPER else (
            "you take a muscle relaxer that is not on the list" if relaxer == "other"
            else "you are not sure which muscle relaxer you take")
        if relaxer in TAPER:  # no time given: graded as a long course, and the reason says so
            took += " and you did not say how long you took it"
            said += ","
        assert reason(plan, "stopping-safely") == f"Shown because {said} {'and ' * (relaxer not in TAPER)}{took}."
    elif dose == "stopped_suddenly":
        assert shown(plan)[0] == "stopping-safely" and plan.triage == "see_doctor"
    else:
        assert "stopping-safely" not in shown(plan) and plan.triage == "see_doctor"
    # With a withdrawal sign, a risky stop is an emergency.
    for sign in sorted(WITHDRAWAL_SIGNS):
        with_sign = decision.plan({"dose_pattern": dose, "relaxer": relaxer, "red_flags": [sign]})
        if risky:
            assert with_sign.triage == "emergency"
            assert with_sign.card.lines[0].startswith("Stopping some muscle relaxers all at once can cause withdrawal.")
            assert shown(with_sign)[:2] == ["emergency-signs", "stopping-safely"]


@pytest.mark.parametrize("relaxer", sorted(TAPER))
@pytest.mark.parametrize("dose", ["stopped_early", "stopped_suddenly"])
def test_a_short_course_stopped_is_for_the_prescriber_and_weeks_of_use_are_urgent(relaxer, dose):
    """Withdrawal follows prolonged regular use (the baclofen, tizanidine, carisoprodol and
    diazepam labels): after days, tell the prescriber; after two weeks or more, get help today."""
    for taken_days, level in ((2, "see_doctor"), (13, "see_doctor"), (14, "urgent"), (400, "urgent")):
        plan = decision.plan({"dose_pattern": dose, "relaxer": relaxer, "days_taken": taken_days, "red_flags": ["none"]})
        assert plan.triage == level, (taken_days, plan.triage)
    # With a sign of withdrawal, any stop of baclofen is an emergency, however short the course
    # (its labels name no length of use; H50). The others' labels tie withdrawal to prolonged
    # use: after days, a fever is the same-day sign it is for anyone; a seizure is an emergency
    # on its own (review 7, M1; H53).
    short = decision.plan({"dose_pattern": dose, "relaxer": relaxer, "days_taken": 3, "red_flags": ["fever"]})
    if relaxer == "baclofen":
        assert short.triage == "emergency" and short.card.lines[0].startswith("Stopping some muscle relaxers")
    else:
        assert short.triage == "urgent" and "stopping-safely" not in shown(short)[:1]
        seizure = decision.plan({"dose_pattern": dose, "relaxer": relaxer, "days_taken": 3, "red_flags": ["seizure"]})
        assert seizure.triage == "emergency"
    weeks = decision.plan({"dose_pattern": dose, "relaxer": relaxer, "days_taken": 14, "red_flags": ["fever"]})
    assert weeks.triage == "emergency" and weeks.card.lines[0].startswith("Stopping some muscle relaxers")


def test_long_term_baclofen_with_skipped_doses_and_a_withdrawal_sign_is_an_emergency():
    """The baclofen labels: withdrawal can follow a sudden drop in dose, not only a stop."""
    for sign in sorted(WITHDRAWAL_SIGNS):
        plan = decision.plan({"relaxer": "baclofen", "dose_pattern": "lower_or_skipped", "days_taken": 730,
                              "red_flags": [sign]})
        assert plan.triage == "emergency" and "stopping-safely" in shown(plan)[:2], sign
        assert "dose-and-timing" not in shown(plan)
    assert any("Skipping doses of baclofen" in line for line in decision.plan(
        {"relaxer": "baclofen", "dose_pattern": "lower_or_skipped", "days_taken": 730,
         "red_flags": ["fever", "very_stiff"]}).card.lines)
    # After a few days too (H50), but not without a sign.
    assert decision.plan({"relaxer": "baclofen", "dose_pattern": "lower_or_skipped", "days_taken": 3,
                          "red_flags": ["fever"]}).triage == "emergency"
    assert decision.plan({"relaxer": "baclofen", "dose_pattern": "lower_or_skipped", "days_taken": 730,
                          "red_flags": ["none"]}).triage != "emergency"


def test_a_stop_for_spasticity_of_an_unnamed_relaxer_is_urgent():
    for relaxer in (None, "other", "not_sure"):
        answers = {"dose_pattern": "stopped_early", "prescribed_for": "spasticity_condition", "red_flags": ["none"]}
        plan = decision.plan({**answers, **({"relaxer": relaxer} if relaxer else {})})
        assert (plan.triage, shown(plan)[0]) == ("urgent", "stopping-safely"), relaxer


@pytest.mark.parametrize("taken", multi_values("also_taking"))
def test_more_than_prescribed_with_sedating_things_is_urgent(taken):
    plan = decision.plan({"dose_pattern": "more_than_prescribed", "also_taking": taken, "red_flags": ["none"]})
    assert (plan.triage, plan.card.id) == ("urgent", "poison")
    assert shown(plan)[0] == "overdose-signs"
    assert CALM not in shown(plan) and CALM in plan.fold
    if set(taken) & set(decision.rules.SEDATING):
        assert shown(plan)[:2] == ["overdose-signs", "interactions"]
        assert "can slow breathing, and alcohol or other medicines that make you sleepy" in plan.card.lines[0]
    elif set(taken) & set(decision.rules.MIXES):
        assert "interactions" in shown(plan)


def test_more_than_prescribed_never_lowers_warning_sign_triage():
    signs = options("red_flags")
    for flags in [[s] for s in signs] + [list(p) for p in itertools.combinations(signs[:-1], 2)]:
        alone = decision.plan({"red_flags": flags}).triage
        both = decision.plan({"red_flags": flags, "dose_pattern": "more_than_prescribed"}).triage
        assert both == max(alone, "urgent", key=LEVELS.index)


@pytest.mark.parametrize("taken", multi_values("also_taking"))
def test_other_substances_surface_interactions(taken):
    plan = decision.plan({"also_taking": taken, "red_flags": ["none"]})
    mixes = set(taken) & set(decision.rules.MIXES)
    mild_serotonin = "serotonin_mild" in taken  # a same-day sign: the interactions page says why
    liver = "liver_early" in taken  # a same-day sign: the liver section says why (review 10, M2)
    heartbeat = "heartbeat" in taken  # a same-day sign: the side effects section says why (review 11, M2)
    assert ("interactions" in shown(plan)) == bool(mixes or mild_serotonin)
    assert ("liver-side-effects" in shown(plan)) == liver
    assert ("side-effects" in shown(plan)) >= heartbeat
    # Too much acetaminophen: Poison Help now (relief-now.md), whatever else was had; mild
    # serotonin syndrome: the doctor or a pharmacist today (urgent.md, why-not-working.md).
    # An MAOI beside a relaxer not named (it may be cyclobenzaprine, which its label forbids
    # with one): the doctor or a pharmacist today, before the next dose.
    # Ciprofloxacin or fluvoxamine beside a relaxer not named, which may be tizanidine: the same
    # (review 16, M3).
    forbidden = "maoi" in taken or "tizanidine_raisers" in taken
    expected = ("urgent" if "too_much_acetaminophen" in taken or mild_serotonin or liver or heartbeat
                or forbidden
                else "see_doctor" if mixes else "self_care")
    assert plan.triage == expected
    # Alcohol with a sleepy prescription, or gabapentin or pregabalin (beside the relaxer): the
    # signs of too much medicine and the mix come first.
    mix = {"alcohol", "sedating_prescriptions"} <= set(taken) or "gabapentinoid" in taken
    if "too_much_acetaminophen" in taken:  # the signs of too much medicine lead in any case
        assert shown(plan)[0] == "overdose-signs"
        mix = mix or bool(mixes)
    if (liver or heartbeat) and "too_much_acetaminophen" not in taken:  # its own same-day section leads
        assert shown(plan)[0] == "prompt-evaluation"
    elif forbidden and "too_much_acetaminophen" not in taken and not mild_serotonin:
        # A same-day mix: the page that says why leads, before the signs of too much medicine.
        assert shown(plan)[0] == "interactions"
    elif not (mild_serotonin or liver or heartbeat):  # its own same-day section leads instead
        # (the acetaminophen box sits inside the signs of too much medicine, so it does not count)
        lead = [i for i in shown(plan) if i != "acetaminophen-overdose"][:2]
        assert (lead == ["overdose-signs", "interactions"]) == mix


def test_65_or_older_with_a_sedating_mix_says_so_on_the_card():
    plan = decision.plan({"age_65_or_older": True, "also_taking": ["sedating_otc"], "red_flags": ["none"]})
    assert (plan.triage, shown(plan)[:2]) == ("see_doctor", ["older-adults", "interactions"])
    assert plan.card.lines == (
        "At 65 or older, alcohol and other medicines that make you sleepy add to a muscle relaxer's "
        "effect and raise the risk of falls and confusion.",
    )
    assert plan.card.because == ("65 or older: yes", "Also had: over-the-counter medicines that cause sleepiness")


@pytest.mark.parametrize("question, section", [("age_65_or_older", "older-adults"),
                                               ("pregnant_or_breastfeeding", "pregnancy")])
def test_age_and_pregnancy_put_their_section_first(question, section):
    yes = decision.plan({question: True, "red_flags": ["none"]})
    assert (yes.triage, shown(yes)[0]) == ("see_doctor", section)
    no = decision.plan({question: False, "red_flags": ["none"]})
    assert section not in shown(no) and section not in no.fold  # safety text, never folded


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
        # Having taken OTC pain relievers shows their limits (and so their section) too.
        taken = section_id == "otc-pain-relief" and "otc_pain_relievers" in tried
        assert (section_id in ids) == (bool(untried) or taken), (tried, section_id)
    assert ("acetaminophen-limits" in ids and "nsaid-limits" in ids) == ("otc_pain_relievers" in tried)


def test_untried_reason_names_only_what_was_left_out():
    plan = decision.plan({"tried": ["heat", "stretching"]})
    assert reason(plan, "heat-and-ice") == "Shown because you said you have not tried ice."
    plan = decision.plan({"tried": ["none"]})
    assert reason(plan, "heat-and-ice") == "Shown because you said you have not tried heat or ice."


def test_long_lasting_pain_every_week_count():
    for weeks in [*range(0, 60), 520, 4160]:
        plan = decision.plan({"pain_weeks": weeks, "red_flags": ["none"]})
        ids = shown(plan)
        assert ("physical-therapy" in ids) == (weeks > 6), weeks
        assert ("injections" in ids) == (weeks > 6), weeks
        assert ("natural-course" in ids) == (weeks <= 6), weeks
        assert plan.triage == ("see_doctor" if weeks > 6 else "self_care")
    # Two months is more than six weeks, one month is not.
    assert "physical-therapy" in shown(decision.plan({"pain_weeks": {"value": 2, "unit": "months"}}))
    assert "natural-course" in shown(decision.plan({"pain_weeks": {"value": 1, "unit": "months"}, "red_flags": ["none"]}))


@pytest.mark.parametrize("recurring", [True, False])
def test_recurring_pain(recurring):
    plan = decision.plan({"recurring": recurring, "pain_weeks": 2, "red_flags": ["none"]})
    assert ("physical-therapy" in shown(plan)) == recurring
    assert ("injections" in shown(plan)) == recurring
    assert plan.triage == ("see_doctor" if recurring else "self_care")


def test_knot_that_keeps_coming_back_puts_physical_therapy_before_injections():
    # NICE NG59: exercise and physical therapy first; no spinal injections for low back pain.
    plan = decision.plan({"pain_pattern": ["knot_or_cramp"], "recurring": True})
    ids = shown(plan)
    assert ids.index("physical-therapy") < ids.index("injections")
    assert "knot or cramp" in reason(plan, "physical-therapy")
    # A knot alone, without long-lasting pain, does not point at injections.
    assert "injections" not in shown(decision.plan({"pain_pattern": ["knot_or_cramp"]}))


@pytest.mark.parametrize("sits", [True, False])
@pytest.mark.parametrize("sleep", [True, False])
def test_daily_habits(sits, sleep):
    plan = decision.plan({"sits_long": sits, "sleep_disturbed": sleep, "red_flags": ["none"]})
    assert ("posture" in shown(plan)) == sits
    assert ("sleep-position" in shown(plan)) == sleep
    assert plan.triage == "self_care"


def test_first_rule_gives_the_reason_for_a_shared_section():
    plan = decision.plan({"dose_pattern": "stopped_suddenly", "relaxer": "cyclobenzaprine"})
    first = next(s for s in plan.show if s.id == "see-your-doctor-soon")
    assert first.rule == "stopped-suddenly"


def test_plan_to_dict_has_exactly_the_contract_keys():
    for answers in sample_answer_sets(50, seed=3):
        data = decision.plan(answers).to_dict()
        assert list(data) == ["triage", "show", "fold", "always", "summary", "card", "layout", "ask", "notices"]
        assert list(data["card"]) == ["id", "level", "lines", "because"]
        assert list(data["layout"]) == ["lead", "fold", "pages"]
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


def test_cards_say_what_to_do_how_soon_and_whom_to_call():
    cards = {card["id"]: card for card in decision.cards()}
    assert list(cards) == ["emergency", "crisis", "poison", "stopped", "mix", "urgent", "ask", "see_doctor", "self_care"]
    mix = cards["mix"]
    assert mix["soon"] == "Today" and "pharmacist" in mix["text"] and "on your own" in mix["text"]
    # The calmer cards start with what to do tonight, each line a link; the urgent ones keep to
    # their own actions (issue 25).
    for card_id in ("see_doctor", "self_care"):
        now = cards[card_id]["now"]
        assert [item["section"] for item in now] == ["heat-and-ice", "gentle-movement", "otc-pain-relief"]
        assert "pharmacist" in now[2]["text"]
    assert all(not cards[card_id]["now"] for card_id in ("emergency", "crisis", "poison", "stopped", "mix", "urgent", "ask"))
    emergency = cards["emergency"]
    assert emergency["title"] == "Call {emergency_number} now" and emergency["soon"] == "Now"
    assert "nearest {emergency_room}" in emergency["text"] and emergency["calls"] == ["emergency"]
    assert any("Do not drive yourself" in line for line in emergency["wait"])
    assert any("Unlock the door" in line for line in emergency["wait"])
    assert any("medicine bottles" in line for line in emergency["wait"])
    # Thoughts of self-harm: the crisis line beside the emergency number, someone with you, the
    # medicines kept by them (NHS; MedlinePlus; 988).
    crisis = cards["crisis"]
    assert crisis["calls"] == ["emergency", "crisis"] and "{crisis_number}" in crisis["text"]
    assert any("Stay with someone" in line for line in crisis["wait"])
    assert any("keep your medicines" in line for line in crisis["wait"])
    poison = cards["poison"]
    assert poison["calls"] == ["poison", "emergency"] and "even if you feel fine" in poison["text"]
    assert "{poison_number}" in poison["text"] and poison["link"]["section"] == "overdose-signs"
    assert cards["stopped"]["soon"] == "Today" and "old dose" in cards["stopped"]["text"]
    urgent = cards["urgent"]
    assert urgent["soon"] == "Today" and "{urgent_care}" in urgent["text"]
    assert "{emergency_number}" in urgent["text"]
    assert "doctor who prescribed" in cards["see_doctor"]["text"] and "summary" in cards["see_doctor"]["text"]
    assert cards["see_doctor"]["soon"] == "In the next few days"
    self_care = cards["self_care"]
    assert "within a few weeks" in self_care["text"] and "warning sign" in self_care["text"]
    assert self_care["link"]["text"] == "Relief you can try now"
    # No card writes a number of its own: they come from mkdocs.yml's extra.local.
    for card in cards.values():
        assert not re.search(r"\d", card["title"] + card["text"] + "".join(card["wait"])), card["id"]
        assert not {item["section"] for item in card["now"]} - ALL_IDS


@pytest.mark.parametrize("sign", harm_signs())
def test_a_sign_of_harm_never_sits_beside_go_on_advice(sign):
    """Issue 28: in the first days, with doses skipped, a sign that the medicine may be doing harm
    never shows "take it the way you were told" or "stopping too soon can keep it from working"."""
    for dose in (None, "as_prescribed", "lower_or_skipped", "stopped_early"):
        asked_in = "also_taking" if sign in MEDICINE_SIGNS else "red_flags"
        answers = {asked_in: [sign], "days_taken": 0, **({"dose_pattern": dose} if dose else {})}
        stances = {decision.sections.BY_ID[i].stance for i in shown(decision.plan(answers))}
        assert GO_ON not in stances, answers
    # Without the sign, the same answers do show it: the test would catch a rule that lost it.
    assert "too-soon" in shown(decision.plan({"red_flags": ["none"], "days_taken": 0}))


def keys_of(value, shape, at="plan") -> list[str]:
    """Where the JSON and its shape (decision.engine.PLAN_SHAPE) name different keys."""
    if isinstance(shape, list) and isinstance(value, list):
        return [problem for item in value for problem in keys_of(item, shape[0], f"{at}[]")]
    if isinstance(shape, dict) and isinstance(value, dict):
        if "*" in shape:
            return [problem for key, item in value.items() for problem in keys_of(item, shape["*"], f"{at}.{key}")]
        differ = [f"{at}: {sorted(set(value) ^ set(shape))}"] if set(value) != set(shape) else []
        return differ + [problem for key in shape if key in value for problem in keys_of(value[key], shape[key], f"{at}.{key}")]
    return []


def test_every_plan_has_the_shape_pages_check_it_against():
    """The shape written once in decision.engine, which the pages check a stored plan against
    (store.js), is every plan's: the same keys at every level, and values of those types."""
    from decision.engine import PLAN_SHAPE, PLAN_SINCE_0_1, fits

    assert set(PLAN_SINCE_0_1) <= set(PLAN_SHAPE)
    for answers in sample_answer_sets(300, seed=5):
        data = decision.plan(answers).to_dict()
        assert fits(data, PLAN_SHAPE), answers
        assert keys_of(data, PLAN_SHAPE) == [], (answers, keys_of(data, PLAN_SHAPE))
    older = decision.plan({"red_flags": ["none"]}).to_dict()
    del older["layout"]["pages"]
    assert not fits(older, PLAN_SHAPE)
    assert not fits({**older, "show": [{"id": 1}]}, {"show": PLAN_SHAPE["show"]})


def test_thoughts_of_self_harm_keep_the_crisis_line_beside_any_other_emergency_sign():
    """The crisis card says all the emergency card says, and gives the crisis line too: ticked
    with any other emergency sign, in either order of the list, the reader still gets it."""
    emergency = [s.value for s in SIGNS if s.level == "emergency" and s.question == "red_flags" and s.value != "self_harm"]
    assert emergency
    for value in emergency:
        plan = decision.plan({"red_flags": [value, "self_harm"]})
        assert plan.triage == "emergency" and plan.card.id == "crisis", value
        assert "crisis" in CARDS["crisis"].calls and "emergency" in CARDS["crisis"].calls


def test_pain_that_wakes_you_points_at_the_night_pain_sign_on_calm_cards_only():
    """Pain that wakes you, or is worse at night or lying down, is a same-day sign (MedlinePlus);
    the sleep answer also means pain that makes it hard to get to sleep: the calm card says which
    is the sign; an urgent card keeps to its own actions."""
    line = "If the pain wakes you from sleep, or is worse at night or when you lie down, that is a warning sign"
    calm = decision.plan({"red_flags": ["none"], "sleep_disturbed": True, "relaxer": "cyclobenzaprine", "days_taken": 5})
    assert calm.triage in ("self_care", "see_doctor") and any(line in text for text in calm.card.lines)
    assert not any(line in text for text in decision.plan({"red_flags": ["none"], "sleep_disturbed": False}).card.lines)
    urgent = decision.plan({"red_flags": ["fever"], "sleep_disturbed": True})
    assert urgent.triage == "urgent" and not any(line in text for text in urgent.card.lines)
