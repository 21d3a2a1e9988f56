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
from decision.sections import NOT_FOR_URGENT


class Scenario(NamedTuple):
    name: str
    answers: dict
    triage: str
    card: str
    first: str | None
    never: tuple[str, ...] = ()


SELF_CARE = tuple(NOT_FOR_URGENT)
NONE = {"red_flags": ["none"]}

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


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_a_clinician_would_agree(scenario):
    plan = decision.plan(scenario.answers)
    ids = [item.id for item in plan.show]
    assert (plan.triage, plan.card.id) == (scenario.triage, scenario.card), ids
    assert ids and ids[0] == scenario.first, ids
    assert not set(ids) & set(scenario.never), set(ids) & set(scenario.never)


def test_the_caregiver_gets_words_that_fit_them():
    plan = decision.plan({"red_flags": ["hard_to_wake"]})
    card = CARDS[plan.card.id]
    assert "helping someone else" in card.text
    assert all(not line.lower().startswith("you said") for line in (*plan.card.lines, *plan.card.because))


def test_the_summary_says_what_the_reader_said():
    plan = decision.plan({"days_taken": {"value": 6, "unit": "years"}, "pain_weeks": {"value": 2, "unit": "years"}})
    assert "Taken for: 6 years" in plan.summary and "Pain has lasted: 2 years" in plan.summary
