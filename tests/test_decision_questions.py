"""The questions as the form, the CLI and the docs get them."""

from __future__ import annotations

import json

import pytest
import textstat

import decision

QUESTIONS = decision.questions()
BY_ID = {q["id"]: q for q in QUESTIONS}

REQUIRED = {
    "red_flags": ("multi", {"saddle_numbness", "urine_retention", "both_legs", "hard_to_wake",
                            "fever", "serious_injury", "cancer_history", "weight_loss",
                            "bowel_bladder", "sudden_weakness", "numbness_tingling", "none",
                            # Added in 0.2 (issue 15): NHS, NICE and label warning signs.
                            "sexual_problems", "stroke_signs", "chest_pain", "aneurysm", "severe_allergy",
                            "seizure", "serious_accident", "night_pain", "back_swelling",
                            "upper_back", "cough_sneeze", "very_stiff", "fainting",
                            # Added in 0.3 (issues 25 and 28): serotonin syndrome, the baclofen
                            # pump, nerve signs that get worse, MedlinePlus's "call right away".
                            "serotonin_signs", "baclofen_pump", "worsening_numbness",
                            "urine_burning", "severe_pain", "vomiting_blood", "self_harm", "yellow_or_black"}),
    "age_65_or_older": ("yes_no", None),
    "pregnant_or_breastfeeding": ("yes_no", None),
    "relaxer": ("single", {"cyclobenzaprine", "methocarbamol", "carisoprodol", "metaxalone",
                           "chlorzoxazone", "orphenadrine", "tizanidine", "baclofen", "dantrolene",
                           "diazepam", "other", "not_sure"}),
    "prescribed_for": ("single", {"recent_strain", "spasticity_condition", "not_sure"}),
    "days_taken": ("number", None),
    "dose_pattern": ("single", {"as_prescribed", "lower_or_skipped", "stopped_early",
                                "stopped_suddenly", "more_than_prescribed"}),
    # "none": every question can be answered, an ache included (issue 25).
    "pain_pattern": ("multi", {"shooting_or_radiating", "joint", "swelling", "knot_or_cramp", "none"}),
    # The mixes the pages name (issue 25): serotonin, gabapentinoids, tizanidine's raisers.
    "also_taking": ("multi", {"alcohol", "sedating_otc", "sedating_prescriptions", "serotonergic", "maoi",
                              "gabapentinoid", "tizanidine_raisers", "too_much_acetaminophen",
                              "liver_early", "heartbeat", "serotonin_mild", "none"}),
    "tried": ("multi", {"heat", "ice", "stretching", "otc_pain_relievers", "none"}),
    "pain_weeks": ("number", None),
    "recurring": ("yes_no", None),
    "sits_long": ("yes_no", None),
    "sleep_disturbed": ("yes_no", None),
}


def test_warning_signs_come_first():
    assert QUESTIONS[0]["id"] == "red_flags"


def test_emergency_signs_are_listed_before_the_urgent_ones():
    values = [o["value"] for o in BY_ID["red_flags"]["options"]]
    levels = {o["value"]: o.get("level") for o in BY_ID["red_flags"]["options"]}
    emergency = [v for v in values if levels[v] == "emergency"]
    urgent = [v for v in values if levels[v] == "urgent"]
    assert {"saddle_numbness", "chest_pain", "stroke_signs", "hard_to_wake", "serious_accident"} <= set(emergency)
    assert {"fever", "serious_injury", "night_pain", "upper_back"} <= set(urgent)
    assert values == emergency + urgent + ["none"]


def test_interaction_question_does_not_flag_plain_pain_relievers():
    """The site suggests ibuprofen and acetaminophen: ticking them must not look like a risk."""
    options = {o["value"]: o["label"] for o in BY_ID["also_taking"]["options"]}
    labels = " ".join(label for value, label in options.items() if value != "too_much_acetaminophen").lower()
    assert "sleepy" in labels and "sleep aids" in labels and "allergy" in labels
    assert not any(word in labels for word in ("ibuprofen", "acetaminophen", "naproxen", "pain relievers"))
    # Only too much of one is a risk to tick (relief-now.md: get help right away).
    assert options["too_much_acetaminophen"].startswith("More acetaminophen") and "than its label says" in options[
        "too_much_acetaminophen"]
    assert "do not count" in BY_ID["also_taking"]["help"]


def test_the_other_medicines_are_asked_in_plain_words():
    """An antidepressant, with an example a reader knows from the bottle; the other groups the
    pages name, each by a name on a label."""
    labels = {o["value"]: o["label"] for o in BY_ID["also_taking"]["options"]}
    assert "antidepressant" in labels["serotonergic"] and "sertraline" in labels["serotonergic"]
    assert "tramadol" in labels["serotonergic"] and "migraine" in labels["serotonergic"]
    assert "gabapentin" in labels["gabapentinoid"].lower() and "pregabalin" in labels["gabapentinoid"]
    assert "ciprofloxacin" in labels["tizanidine_raisers"] and "fluvoxamine" in labels["tizanidine_raisers"]


def test_the_other_medicines_have_a_step_of_their_own():
    """Short steps on a phone (issue 24): the longest questions do not share a step."""
    groups = {q["id"]: q["group"] for q in QUESTIONS}
    assert [q["id"] for q in QUESTIONS if q["group"] == groups["also_taking"]] == ["also_taking"]
    assert groups["relaxer"] != groups["days_taken"]


@pytest.mark.parametrize("question_id", sorted(REQUIRED))
def test_required_questions_and_options(question_id):
    kind, values = REQUIRED[question_id]
    question = BY_ID[question_id]
    assert question["kind"] == kind
    if values is not None:
        assert {o["value"] for o in question["options"]} == values


def test_number_ranges():
    # Long courses fit: 80 years, in the unit a reader picks (issue 15: 1000 days was refused).
    days, weeks = BY_ID["days_taken"], BY_ID["pain_weeks"]
    assert (days["min"], days["max"], days["unit"]) == (0, 80 * 365, "days")
    assert days["units"] == [{"unit": "days", "size": 1}, {"unit": "weeks", "size": 7},
                             {"unit": "months", "size": 30}, {"unit": "years", "size": 365}]
    assert (weeks["min"], weeks["max"], weeks["unit"]) == (0, 80 * 52, "weeks")
    assert [u["unit"] for u in weeks["units"]] == ["weeks", "months", "years"]


def test_shape_matches_the_contract():
    base = {"id", "group", "prompt", "help", "kind"}
    extra = {"multi": {"options"}, "single": {"options"}, "number": {"min", "max", "unit", "units"}, "yes_no": set()}
    ids = [q["id"] for q in QUESTIONS]
    assert len(ids) == len(set(ids))
    for question in QUESTIONS:
        assert set(question) == base | extra[question["kind"]], question["id"]
        values = [o["value"] for o in question.get("options", [])]
        assert len(values) == len(set(values))
        # Warning signs also say the level each needs alone (the pages list them by it).
        keys = {"value", "label", "level"} if question["id"] == "red_flags" else {"value", "label"}
        assert all(set(o) == keys - ({"level"} if o["value"] == "none" else set()) and o["label"]
                   for o in question.get("options", []))
    assert json.loads(json.dumps(QUESTIONS)) == QUESTIONS


def test_questions_are_a_fresh_copy_each_time():
    first = decision.questions()
    first[0]["prompt"] = "changed"
    first[0]["options"].clear()
    assert decision.questions() == QUESTIONS


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q["id"])
def test_plain_language(question):
    # Short prompts a reader in pain can take in at a glance; help at US grade 8 or below.
    assert len(question["prompt"].split()) <= 12, question["prompt"]
    assert question["prompt"].endswith("?")
    assert question["help"]
    assert textstat.flesch_kincaid_grade(question["prompt"] + " " + question["help"]) <= 8


def test_help_explains_the_terms_it_relies_on():
    assert "without a prescription" in BY_ID["also_taking"]["help"]
    assert "without a prescription" in BY_ID["tried"]["help"]
    assert "Spasticity means" in BY_ID["prescribed_for"]["help"]
    assert "Tingling: pins and needles" in BY_ID["red_flags"]["help"]


def test_brand_names_only_in_parentheses_after_the_generic_name():
    labels = {o["value"]: o["label"] for o in BY_ID["relaxer"]["options"]}
    assert labels["cyclobenzaprine"] == "Cyclobenzaprine (Flexeril)"
    for value, label in labels.items():
        if value not in ("other", "not_sure"):
            assert label.split(" (")[0].lower() == value


def test_every_question_belongs_to_a_titled_group_in_display_order():
    groups = [g["id"] for g in decision.question_groups()]
    used = list(dict.fromkeys(q["group"] for q in decision.questions()))
    assert used == [g for g in groups if g in used], "questions are not in group order"
    assert set(used) == set(groups), "a group has no questions, or a question no group"
    assert all(g["title"] and g["title"][0].isupper() for g in decision.question_groups())
