"""The warning signs' words and levels, pinned: they are safety text, and every page's lists
are rendered from them, so a change here must be a reviewed clinical change, never a slip
(dropping "inner thighs" from the saddle numbness sign once passed every test)."""

from __future__ import annotations

import decision
from decision.warning_signs import SIGNS, harm_signs

PINNED = [
    ("saddle_numbness", "emergency",
     "Numbness or tingling between your legs (genitals, anus, inner thighs), or it feels different when "
     "you wipe"),
    ("urine_retention", "emergency", "New: you cannot pee, or it is hard to start peeing"),
    ("bowel_bladder", "emergency", "New loss of bowel or bladder control (leaking pee or poop)"),
    ("sexual_problems", "emergency", "New trouble getting an erection, or less feeling in your genitals during sex"),
    ("both_legs", "emergency", "New pain, tingling, weakness or numbness in both legs"),
    ("sudden_weakness", "emergency", "Sudden or severe weakness in an arm or leg"),
    ("numbness_tingling", "emergency", "Sudden numbness or tingling in an arm or leg"),
    ("stroke_signs", "emergency",
     "A face that droops on one side, an arm that suddenly will not lift, or trouble speaking"),
    ("chest_pain", "emergency", "Chest pain, or pain that spreads from the chest"),
    ("aneurysm", "emergency", "Sudden, severe belly or upper back pain, or low back pain like that at 65 or older or if faint or clammy"),
    ("severe_allergy", "emergency", "Swelling of the face, lips, tongue or throat, or trouble breathing"),
    ("seizure", "emergency", "A seizure (uncontrolled shaking)"),
    ("hard_to_wake", "emergency",
     "Too sleepy to stay awake, hard to wake, confused, seeing or hearing things that are not there, or breathing slowly"),
    ("fainting", "emergency", "Fainting, or a fast or uneven heartbeat with dizziness or shortness of breath"),
    ("serotonin_signs", "emergency",
     "On cyclobenzaprine (Flexeril), metaxalone, an antidepressant, tramadol or a triptan: a high fever "
     "with stiff or twitching muscles, or confusion"),
    ("baclofen_pump", "emergency",
     "A baclofen pump (under the skin) and high fever, confusion or much stiffer muscles"),
    ("vomiting_blood", "emergency", "Throwing up blood, lots of blood from your bottom, or black poop and feeling faint"),
    ("self_harm", "emergency", "Thoughts of harming yourself or ending your life"),
    ("serious_accident", "emergency", "The pain started after a serious accident, such as a car crash or a fall from a height"),
    ("worsening_numbness", "urgent",
     "New numbness or weakness in one leg or buttock (foot drags), or numbness, tingling or "
     "weakness getting worse over days"),
    ("fever", "urgent", "A fever, or you feel hot and shivery"),
    ("serious_injury", "urgent",
     "Pain since a hard fall or blow, or a small fall with thin bones or long-term steroids"),
    ("cancer_history", "urgent", "You have had cancer"),
    ("weight_loss", "urgent", "You are losing weight without trying"),
    ("night_pain", "urgent", "Pain that wakes you, is worse at night, or does not ease with rest"),
    ("back_swelling", "urgent", "A lump, redness or swelling on your back or spine, or your back has changed shape"),
    ("urine_burning", "urgent", "Burning or blood when you pee"),
    ("yellow_or_black", "urgent", "Yellow skin or eyes, dark pee, black or bloody poop, lasting belly pain, or swollen legs"),
    ("severe_pain", "urgent", "Pain so bad no position is comfortable"),
    ("upper_back", "urgent", "Pain between your shoulder blades"),
    ("cough_sneeze", "urgent", "Pain worse when you cough, sneeze or poop"),
    ("very_stiff", "urgent", "Muscles suddenly much stiffer, or much worse spasms with MS or the like"),
    ("liver_early", "urgent",
     "New: feeling very tired, sick to your stomach, or not wanting to eat, on dantrolene, tizanidine "
     "(Zanaflex) or chlorzoxazone"),
    ("heartbeat", "urgent", "New: a fast, pounding or uneven heartbeat"),
    ("serotonin_mild", "urgent",
     "New shivering, sweating, diarrhea, a fast heartbeat or feeling restless, on cyclobenzaprine (Flexeril), metaxalone, an "
     "antidepressant, tramadol or a triptan"),
]
# Signs asked beside the medicines (the "other medicines" step), not on step one.
ASKED_WITH_THE_MEDICINES = {"serotonin_mild", "liver_early", "heartbeat"}
STEP_ONE = [sign for sign in PINNED if sign[0] not in ASKED_WITH_THE_MEDICINES]


def test_every_sign_is_pinned_with_its_level_and_words():
    assert [(s.value, s.level, s.label) for s in SIGNS] == PINNED


def test_the_form_offers_exactly_the_signs_and_none_of_these():
    options = next(q for q in decision.questions() if q["id"] == "red_flags")["options"]
    assert [(o["value"], o.get("level"), o["label"]) for o in options] == [*STEP_ONE, ("none", None, "None of these")]


def test_the_mild_serotonin_signs_are_asked_with_the_medicines_and_are_same_day():
    """The pages say to call the doctor or a pharmacist today for them: the checker agrees."""
    options = next(q for q in decision.questions() if q["id"] == "also_taking")["options"]
    assert ("serotonin_mild", PINNED[-1][2]) in [(o["value"], o["label"]) for o in options]
    assert decision.plan({"also_taking": ["serotonin_mild"]}).triage == "urgent"
    assert decision.plan({"relaxer": "cyclobenzaprine", "also_taking": ["serotonergic", "serotonin_mild"],
                          "red_flags": ["none"]}).triage == "urgent"


def test_each_sign_alone_gets_its_level():
    for value, level, _ in STEP_ONE:
        assert decision.plan({"red_flags": [value]}).triage == level, value


OVERDOSE = {"chest_pain", "seizure", "hard_to_wake", "fainting"}  # the cyclobenzaprine label's overdose signs


# Signs that are urgent only under a condition say the condition in their words.
CONDITIONS = {
    "serotonin_signs": "On cyclobenzaprine (Flexeril), metaxalone, an antidepressant, tramadol or a triptan",
    "baclofen_pump": "A baclofen pump",
    "serious_injury": "with thin bones or long-term steroids",
    "aneurysm": "at 65 or older or if faint or clammy",
    "serotonin_mild": "on cyclobenzaprine (Flexeril), metaxalone, an antidepressant, tramadol or a triptan",
    "liver_early": "on dantrolene, tizanidine (Zanaflex) or chlorzoxazone",
}
# Signs that the medicine may be doing harm: no plan with one says to go on taking it.
HARM = {"severe_allergy", "seizure", "hard_to_wake", "fainting", "serotonin_signs", "baclofen_pump", "vomiting_blood",
        "yellow_or_black", "serotonin_mild", "liver_early", "heartbeat"}


def test_conditions_and_signs_of_harm_are_pinned():
    assert {s.value: s.condition for s in SIGNS if s.condition} == CONDITIONS
    assert set(harm_signs()) == HARM


def test_a_label_that_drops_its_condition_stops_the_import():
    import dataclasses

    import pytest

    from decision.warning_signs import check_conditions
    sign = next(s for s in SIGNS if s.value == "serotonin_signs")
    with pytest.raises(ValueError, match="lost its condition"):
        check_conditions((dataclasses.replace(sign, label="A fever, stiff or twitching muscles"),))


def test_the_signs_as_data_for_the_build():
    assert decision.warning_signs() == [
        {"value": v, "level": lv, "label": lb, "overdose": v in OVERDOSE,
         "question": "also_taking" if v in ASKED_WITH_THE_MEDICINES else "red_flags"} for v, lv, lb in PINNED
    ]


def test_the_other_medicines_help_tells_its_signs_from_its_medicines_by_their_first_word():
    """The step's help says the choices that start with "New" are signs to call about today: it
    names no sign's words, so it holds as long as exactly the signs asked there start so."""
    question = next(q for q in decision.questions() if q["id"] == "also_taking")
    assert 'start with "New" are signs' in question["help"]
    signs = {sign.value for sign in SIGNS if sign.question == "also_taking"}
    assert signs and {o["value"] for o in question["options"] if o["label"].startswith("New")} == signs
