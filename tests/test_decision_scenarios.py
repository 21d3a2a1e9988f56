"""A clinician's scenarios: readers as a reviewer would try them, and what a careful clinician
expects the checker to say. Each row is a clinical decision (NHS back pain and cauda equina
pages, NICE NG59, MedlinePlus, the drug labels), not a detail of the code: change one only
together with its source.

The row's fields: the answers; the level the plan must have; the card it must show; the section
that must lead; and sections that must not be among those put first.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

import decision
from decision.cards import BY_ID as CARDS
from decision.sections import GO_ON, NOT_FOR_URGENT, SECTIONS


class Scenario(NamedTuple):
    name: str
    answers: dict
    triage: str
    card: str
    first: str | None
    never: tuple[str, ...] = ()
    shows: tuple[str, ...] = ()  # sections that must be among those put first
    line: str = ""  # words one of the card's lines must hold


SELF_CARE = tuple(NOT_FOR_URGENT)
NONE = {"red_flags": ["none"]}
# "Take it the way you were told", "stopping too soon can keep it from working".
GOING_ON = tuple(s.id for s in SECTIONS if s.stance == GO_ON)

SCENARIOS = [
    # The five readers of the review.
    Scenario("strain on cyclobenzaprine for 5 weeks",
             {**NONE, "relaxer": "cyclobenzaprine", "prescribed_for": "recent_strain", "days_taken": 35,
              "dose_pattern": "as_prescribed", "pain_weeks": 5},
             "see_doctor", "see_doctor", "see-your-doctor-soon"),
    Scenario("MS on baclofen, stopped suddenly, with a fever",
             {"red_flags": ["fever"], "relaxer": "baclofen", "prescribed_for": "spasticity_condition",
              "dose_pattern": "stopped_suddenly"},
             "emergency", "emergency", "emergency-signs", ("dose-and-timing", *SELF_CARE)),
    Scenario("71, carisoprodol with alcohol and a sleeping pill",
             {**NONE, "relaxer": "carisoprodol", "age_65_or_older": True,
              "also_taking": ["alcohol", "sedating_prescriptions"], "dose_pattern": "as_prescribed"},
             "see_doctor", "see_doctor", "overdose-signs"),
    Scenario("new loss of bladder control",
             {"red_flags": ["bowel_bladder"]}, "emergency", "emergency", "emergency-signs", SELF_CARE),
    Scenario("a caregiver for someone very hard to wake",
             {"red_flags": ["hard_to_wake"], "relaxer": "cyclobenzaprine"},
             "emergency", "emergency", "overdose-signs", SELF_CARE),
    # Signs the pages call an emergency: the checker must say so too.
    Scenario("chest pain", {"red_flags": ["chest_pain"]}, "emergency", "emergency", "emergency-signs", SELF_CARE),
    Scenario("a drooping face", {"red_flags": ["stroke_signs"]}, "emergency", "emergency", "emergency-signs"),
    Scenario("a seizure", {"red_flags": ["seizure"]}, "emergency", "emergency", "emergency-signs"),
    Scenario("a severe allergic reaction", {"red_flags": ["severe_allergy"]}, "emergency", "emergency",
             "emergency-signs"),
    Scenario("after a car crash", {"red_flags": ["serious_accident"]}, "emergency", "emergency", "emergency-signs"),
    Scenario("fainting on cyclobenzaprine", {"red_flags": ["fainting"], "relaxer": "cyclobenzaprine"},
             "emergency", "emergency", "emergency-signs"),
    Scenario("saddle numbness with retention, recent pain, nothing tried",
             {"red_flags": ["saddle_numbness", "urine_retention"], "pain_weeks": 1, "tried": ["none"]},
             "emergency", "emergency", "emergency-signs", SELF_CARE),
    Scenario("new trouble with erections and back pain", {"red_flags": ["sexual_problems"]},
             "emergency", "emergency", "emergency-signs"),
    # Too much medicine.
    Scenario("more than prescribed, nothing else", {"dose_pattern": "more_than_prescribed"},
             "urgent", "poison", "overdose-signs", ("dose-and-timing", *SELF_CARE)),
    Scenario("more than prescribed, no warning signs",
             {**NONE, "dose_pattern": "more_than_prescribed", "relaxer": "methocarbamol"},
             "urgent", "poison", "overdose-signs", SELF_CARE),
    Scenario("more than prescribed with alcohol", {**NONE, "dose_pattern": "more_than_prescribed",
                                                   "also_taking": ["alcohol"]},
             "urgent", "poison", "overdose-signs"),
    Scenario("more than prescribed and hard to wake",
             {"red_flags": ["hard_to_wake"], "dose_pattern": "more_than_prescribed"},
             "emergency", "emergency", "overdose-signs"),
    # Stops that can cause withdrawal.
    Scenario("baclofen stopped early", {**NONE, "relaxer": "baclofen", "dose_pattern": "stopped_early"},
             "urgent", "stopped", "stopping-safely", ("dose-and-timing", *SELF_CARE)),
    Scenario("tizanidine stopped early", {**NONE, "relaxer": "tizanidine", "dose_pattern": "stopped_early"},
             "urgent", "stopped", "stopping-safely", ("dose-and-timing",)),
    Scenario("diazepam stopped all at once", {**NONE, "relaxer": "diazepam", "dose_pattern": "stopped_suddenly"},
             "urgent", "stopped", "stopping-safely"),
    Scenario("unknown relaxer for spasticity, stopped all at once",
             {**NONE, "relaxer": "not_sure", "prescribed_for": "spasticity_condition",
              "dose_pattern": "stopped_suddenly"},
             "urgent", "stopped", "stopping-safely"),
    Scenario("unlisted relaxer for spasticity, stopped early",
             {**NONE, "relaxer": "other", "prescribed_for": "spasticity_condition", "dose_pattern": "stopped_early"},
             "urgent", "stopped", "stopping-safely", ("dose-and-timing",)),
    Scenario("tizanidine stopped, now confused", {"red_flags": ["hard_to_wake"], "relaxer": "tizanidine",
                                                  "dose_pattern": "stopped_suddenly"},
             "emergency", "emergency", "emergency-signs"),
    Scenario("baclofen stopped, muscles much stiffer", {"red_flags": ["very_stiff"], "relaxer": "baclofen",
                                                        "dose_pattern": "stopped_early"},
             "emergency", "emergency", "emergency-signs", ("dose-and-timing",)),
    Scenario("methocarbamol stopped early (no withdrawal risk)",
             {**NONE, "relaxer": "methocarbamol", "dose_pattern": "stopped_early", "prescribed_for": "recent_strain"},
             "see_doctor", "see_doctor", "see-your-doctor-soon"),
    # Get seen today: serious causes (NHS, NICE NG59).
    Scenario("fever", {"red_flags": ["fever"]}, "urgent", "urgent", "prompt-evaluation", SELF_CARE),
    Scenario("history of cancer", {"red_flags": ["cancer_history"], "pain_weeks": 2}, "urgent", "urgent",
             "prompt-evaluation", SELF_CARE),
    Scenario("worse at night", {"red_flags": ["night_pain"]}, "urgent", "urgent", "prompt-evaluation"),
    Scenario("a lump in the back", {"red_flags": ["back_swelling"]}, "urgent", "urgent", "prompt-evaluation"),
    Scenario("between the shoulder blades", {"red_flags": ["upper_back"]}, "urgent", "urgent", "prompt-evaluation"),
    Scenario("worse when coughing", {"red_flags": ["cough_sneeze"]}, "urgent", "urgent", "prompt-evaluation"),
    Scenario("after a fall, 70 and older", {"red_flags": ["serious_injury"], "age_65_or_older": True},
             "urgent", "urgent", "prompt-evaluation", SELF_CARE),
    Scenario("'none of these' and a fever ticked together", {"red_flags": ["none", "fever"]},
             "urgent", "urgent", "prompt-evaluation"),
    # No reassurance before the warning signs are answered.
    Scenario("nothing answered", {}, "see_doctor", "ask", "emergency-signs"),
    Scenario("only daily habits", {"sits_long": True, "sleep_disturbed": True}, "see_doctor", "ask",
             "emergency-signs"),
    Scenario("no warning signs, recent pain, nothing tried", {**NONE, "pain_weeks": 1, "tried": ["none"]},
             "self_care", "self_care", "natural-course"),
    # Groups the pages single out.
    Scenario("pregnant", {**NONE, "pregnant_or_breastfeeding": True}, "see_doctor", "see_doctor", "pregnancy"),
    Scenario("65 or older", {**NONE, "age_65_or_older": True}, "see_doctor", "see_doctor", "older-adults"),
    Scenario("years of baclofen for spasticity", {**NONE, "relaxer": "baclofen",
                                                  "prescribed_for": "spasticity_condition",
                                                  "days_taken": {"value": 6, "unit": "years"}},
             "see_doctor", "see_doctor", "see-your-doctor-soon", ("tolerance",)),
    Scenario("a knot that keeps coming back", {**NONE, "pain_pattern": ["knot_or_cramp"], "recurring": True},
             "see_doctor", "see_doctor", "physical-therapy"),
]

THIRD_REVIEW = [
    # Issue 28 and 25 (third review): every sign a page calls an emergency is one in the checker.
    Scenario("serotonin syndrome signs ticked", {"red_flags": ["serotonin_signs"]},
             "emergency", "emergency", "emergency-signs", SELF_CARE, ("interactions",), "serotonin syndrome"),
    Scenario("cyclobenzaprine and sertraline, fever and much stiffer muscles",
             {"red_flags": ["fever", "very_stiff"], "relaxer": "cyclobenzaprine", "also_taking": ["serotonergic"]},
             "emergency", "emergency", "emergency-signs", SELF_CARE, ("interactions",), "serotonin syndrome"),
    Scenario("cyclobenzaprine and an opioid for pain, fever and much stiffer muscles",
             {"red_flags": ["fever", "very_stiff"], "relaxer": "cyclobenzaprine",
              "also_taking": ["sedating_prescriptions"]},
             "emergency", "emergency", "emergency-signs", SELF_CARE, ("interactions",)),
    Scenario("baclofen pump, high fever and confusion", {"red_flags": ["baclofen_pump"], "relaxer": "baclofen"},
             "emergency", "emergency", "emergency-signs", SELF_CARE, ("stopping-safely",), "pump"),
    Scenario("68, tizanidine, one leg numb and weaker over days",
             {"red_flags": ["worsening_numbness"], "relaxer": "tizanidine", "age_65_or_older": True},
             "urgent", "urgent", "prompt-evaluation", SELF_CARE, ("nerve-pain",), "getting worse"),
    Scenario("burning when peeing, with back pain", {"red_flags": ["urine_burning"]},
             "urgent", "urgent", "prompt-evaluation", SELF_CARE),
    Scenario("redness and swelling over the spine", {"red_flags": ["back_swelling"]},
             "urgent", "urgent", "prompt-evaluation", SELF_CARE),
    Scenario("pain so bad no position is comfortable", {"red_flags": ["severe_pain"]},
             "urgent", "urgent", "prompt-evaluation", SELF_CARE),
    Scenario("throwing up blood on ibuprofen", {"red_flags": ["vomiting_blood"], "tried": ["otc_pain_relievers"]},
             "emergency", "emergency", "emergency-signs", SELF_CARE, (), "stomach"),
    # The crisis card (988 beside the emergency number) and coping, where the crisis line is, next
    # (the fourth review, M3).
    Scenario("thoughts of harming oneself, pain for months", {"red_flags": ["self_harm"], "pain_weeks": 20},
             "emergency", "crisis", "emergency-signs", tuple(s for s in SELF_CARE if s != "coping"), ("coping",)),
    Scenario("too much acetaminophen, no warning signs", {**NONE, "also_taking": ["too_much_acetaminophen"]},
             "urgent", "poison", "overdose-signs", SELF_CARE, (), "liver"),
    Scenario("yellow eyes on tizanidine for months", {"red_flags": ["yellow_or_black"], "relaxer": "tizanidine",
                                                      "days_taken": {"value": 5, "unit": "months"}},
             "urgent", "urgent", "prompt-evaluation", SELF_CARE, ("liver-side-effects",), "liver"),
    Scenario("a small fall, with osteoporosis", {"red_flags": ["serious_injury"], "age_65_or_older": True},
             "urgent", "urgent", "prompt-evaluation", SELF_CARE, (), "thin bones"),
    # Never "take it the way you were told" beside a sign of harm (issue 28).
    Scenario("first day, a severe allergic reaction", {"red_flags": ["severe_allergy"], "days_taken": 1},
             "emergency", "emergency", "emergency-signs", GOING_ON),
    Scenario("first day, very sleepy and hard to wake", {"red_flags": ["hard_to_wake"], "days_taken": 0},
             "emergency", "emergency", "overdose-signs", GOING_ON),
    Scenario("first day, serotonin signs", {"red_flags": ["serotonin_signs"], "days_taken": 1,
                                             "relaxer": "cyclobenzaprine", "also_taking": ["serotonergic"]},
             "emergency", "emergency", "emergency-signs", GOING_ON),
    Scenario("first day, more than prescribed", {**NONE, "days_taken": 1, "dose_pattern": "more_than_prescribed"},
             "urgent", "poison", "overdose-signs", GOING_ON),
    # Withdrawal follows prolonged regular use (the labels): after two days, the prescriber hears
    # of it and the page on stopping safely still leads.
    Scenario("first days of baclofen, stopped all at once", {**NONE, "days_taken": 2, "relaxer": "baclofen",
                                                             "dose_pattern": "stopped_suddenly"},
             "see_doctor", "see_doctor", "stopping-safely", ("emergency-signs",)),
    # Sleepy mixes lead with the signs of too much medicine (FDA 2016 and 2019).
    Scenario("diazepam with an opioid", {**NONE, "relaxer": "diazepam", "also_taking": ["sedating_prescriptions"]},
             "see_doctor", "see_doctor", "overdose-signs", (), ("interactions", "dependence"), "breathing"),
    Scenario("pregabalin beside methocarbamol", {**NONE, "relaxer": "methocarbamol", "also_taking": ["gabapentinoid"]},
             "see_doctor", "see_doctor", "overdose-signs", (), ("interactions",), "slow breathing"),
    Scenario("gabapentin, an opioid and cyclobenzaprine",
             {**NONE, "relaxer": "cyclobenzaprine", "also_taking": ["gabapentinoid", "sedating_prescriptions"]},
             "see_doctor", "see_doctor", "overdose-signs", (), ("interactions",)),
    # Stopping advice for a long-used relaxer that may need lowering slowly, whatever the level.
    Scenario("not sure which relaxer, months of use, stopped early",
             {**NONE, "relaxer": "not_sure", "days_taken": {"value": 4, "unit": "months"}, "dose_pattern": "stopped_early"},
             "urgent", "stopped", "stopping-safely", ("dose-and-timing",)),
    Scenario("another relaxer, weeks of use, stopped early, with chest pain",
             {"red_flags": ["chest_pain"], "relaxer": "other", "days_taken": {"value": 6, "unit": "weeks"},
              "dose_pattern": "stopped_early"},
             "emergency", "emergency", "emergency-signs", ("dose-and-timing",), ("stopping-safely",)),
    Scenario("tizanidine for a year, as prescribed", {**NONE, "relaxer": "tizanidine",
                                                      "prescribed_for": "spasticity_condition",
                                                      "days_taken": {"value": 1, "unit": "years"},
                                                      "dose_pattern": "as_prescribed"},
             "see_doctor", "see_doctor", "see-your-doctor-soon", ("tolerance",), ("stopping-safely",)),
    # The other medicines the pages name (issue 25).
    Scenario("sertraline with cyclobenzaprine", {**NONE, "relaxer": "cyclobenzaprine", "also_taking": ["serotonergic"]},
             "see_doctor", "see_doctor", "interactions", (), (), "serotonin syndrome"),
    Scenario("tizanidine with ciprofloxacin", {**NONE, "relaxer": "tizanidine", "also_taking": ["tizanidine_raisers"]},
             "urgent", "mix", "interactions", SELF_CARE, ("no-changes-without-advice",), "not to be taken together"),
]

CALM = ("emergency-signs", "prompt-evaluation")  # never among the topics of a calm plan
OVER_TRIAGE = [
    # Against over-triage: ordinary answers get ordinary advice, and an urgent sign is not made
    # an emergency by an answer that plays no part in it.
    Scenario("a strain after lifting, no warning signs", {**NONE, "prescribed_for": "recent_strain", "pain_weeks": 1,
                                                          "pain_pattern": ["knot_or_cramp"]},
             "self_care", "self_care", "natural-course", CALM),
    Scenario("a strain after a twist, on methocarbamol for a week",
             {**NONE, "relaxer": "methocarbamol", "prescribed_for": "recent_strain", "days_taken": 7,
              "dose_pattern": "as_prescribed"},
             "see_doctor", "see_doctor", "see-your-doctor-soon", ("prompt-evaluation", "emergency-signs")),
    Scenario("sertraline with baclofen, no warning signs",
             {**NONE, "relaxer": "baclofen", "also_taking": ["serotonergic"], "prescribed_for": "spasticity_condition"},
             "see_doctor", "see_doctor", "see-your-doctor-soon", ("emergency-signs",), ("interactions",)),
    Scenario("sertraline with cyclobenzaprine and a fever, muscles as usual",
             {"red_flags": ["fever"], "relaxer": "cyclobenzaprine", "also_taking": ["serotonergic"]},
             "urgent", "urgent", "prompt-evaluation", ("emergency-signs",)),
    Scenario("baclofen with stiffer muscles and no pump, taken as prescribed",
             {"red_flags": ["very_stiff"], "relaxer": "baclofen", "dose_pattern": "as_prescribed"},
             "urgent", "urgent", "prompt-evaluation", ("emergency-signs",)),
    Scenario("ciprofloxacin with methocarbamol", {**NONE, "relaxer": "methocarbamol",
                                                  "also_taking": ["tizanidine_raisers"]},
             "see_doctor", "see_doctor", "see-your-doctor-soon", ("emergency-signs", "prompt-evaluation")),
    Scenario("just an ache, two weeks, nothing else", {**NONE, "pain_pattern": ["none"], "pain_weeks": 2},
             "self_care", "self_care", "natural-course", CALM),
    Scenario("cyclobenzaprine for 10 days, stopped early (no taper needed)",
             {**NONE, "relaxer": "cyclobenzaprine", "days_taken": 10, "dose_pattern": "stopped_early"},
             "see_doctor", "see_doctor", "see-your-doctor-soon", ("stopping-safely", *CALM)),
    Scenario("diazepam alone, as prescribed", {**NONE, "relaxer": "diazepam", "dose_pattern": "as_prescribed"},
             "see_doctor", "see_doctor", "see-your-doctor-soon", ("overdose-signs", "emergency-signs")),
    # The mix leads, not the signs of too much medicine; the card says drink no more, do not
    # drive, and ask a pharmacist before a pain reliever (review 6, M1).
    Scenario("a glass of wine once, on metaxalone", {**NONE, "relaxer": "metaxalone", "also_taking": ["alcohol"]},
             "see_doctor", "see_doctor", "interactions", ("overdose-signs", "emergency-signs"),
             line="Do not drink any more while you take it."),
    Scenario("pain down one leg, not getting worse", {**NONE, "pain_pattern": ["shooting_or_radiating"], "pain_weeks": 2},
             "see_doctor", "see_doctor", "not-a-muscle-problem", CALM),
    Scenario("tramadol with methocarbamol and a fever",
             {"red_flags": ["fever"], "relaxer": "methocarbamol", "also_taking": ["serotonergic"]},
             "urgent", "urgent", "prompt-evaluation", ("emergency-signs",)),
    Scenario("acetaminophen as its label says, nothing else", {**NONE, "tried": ["otc_pain_relievers"]},
             "self_care", "self_care", "heat-and-ice", ("overdose-signs", *CALM), ("acetaminophen-limits",)),
    Scenario("pregnant, just an ache", {**NONE, "pregnant_or_breastfeeding": True, "pain_pattern": ["none"]},
             "see_doctor", "see_doctor", "pregnancy", CALM),
]

SCENARIOS += THIRD_REVIEW + OVER_TRIAGE


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_a_clinician_would_agree(scenario):
    plan = decision.plan(scenario.answers)
    ids = [item.id for item in plan.show]
    assert (plan.triage, plan.card.id) == (scenario.triage, scenario.card), ids
    assert ids and ids[0] == scenario.first, ids
    assert not set(ids) & set(scenario.never), set(ids) & set(scenario.never)
    assert set(scenario.shows) <= set(ids), set(scenario.shows) - set(ids)
    assert not scenario.line or any(scenario.line in line for line in plan.card.lines), plan.card.lines


def test_a_third_of_the_new_scenarios_guard_against_over_triage():
    """Advice that is too urgent costs readers too (issue 28): of the third review's rows, at
    least a third are readers who must not get a more urgent level, each pinned below an
    emergency with a warning section it must not show."""
    assert len(OVER_TRIAGE) * 3 >= len(THIRD_REVIEW + OVER_TRIAGE)
    for scenario in OVER_TRIAGE:
        assert scenario.triage != "emergency" and {"emergency-signs"} & set(scenario.never), scenario.name


def test_the_caregiver_gets_words_that_fit_them():
    plan = decision.plan({"red_flags": ["hard_to_wake"]})
    card = CARDS[plan.card.id]
    assert "helping someone else" in card.text
    assert all(not line.lower().startswith("you said") for line in (*plan.card.lines, *plan.card.because))


def test_the_summary_says_what_the_reader_said():
    plan = decision.plan({"days_taken": {"value": 6, "unit": "years"}, "pain_weeks": {"value": 2, "unit": "years"}})
    assert "Taken for: 6 years" in plan.summary and "Pain has lasted: 2 years" in plan.summary
