"""Triage levels and the text of the card each level puts at the top of the plan."""

from __future__ import annotations

# Lowest to highest: the plan's level is the highest any matching rule asks for.
LEVELS: tuple[str, ...] = ("self_care", "see_doctor", "urgent", "emergency")
DEFAULT_LEVEL = "self_care"

# The wording follows the guidance's "When and How to Consult Your Doctor" section, the NHS
# back pain page (its emergency signs; a serious injury such as a bad fall or a car crash
# means the emergency room) and MedlinePlus's overdose advice. No card names a medicine or a dose: the
# cards send the reader to a person or to the relief steps.
_CARDS: dict[str, dict[str, str]] = {
    "emergency": {
        "title": "Get emergency help now",
        "text": (
            "Call your local emergency number now (911 in the US) or go to the nearest "
            "emergency room. The signs you picked can mean a serious problem with the nerves "
            "or the spine, a stroke, or too much medicine. Do not drive yourself."
        ),
        "sr_prefix": "Emergency advice:",
    },
    "urgent": {
        "title": "Get seen today",
        "text": (
            "Get seen promptly today, at urgent care or by your doctor. If the pain started "
            "after a bad fall or a car crash, go to the emergency room now. Call your local "
            "emergency number (911 in the US) if you get an emergency sign. Some signs are "
            "sudden weakness, numbness or tingling in an arm or leg, numbness around your "
            "genitals or bottom, trouble peeing, weakness in both legs, or being very hard to wake."
        ),
        "sr_prefix": "Urgent advice:",
    },
    "see_doctor": {
        "title": "Contact the doctor who prescribed it",
        "text": (
            "Contact the doctor who prescribed your muscle relaxer and tell them it is not "
            "giving you relief. Bring the summary below and your pill bottle or label, so they "
            "know the exact name, the dose and how long you have taken it."
        ),
        "sr_prefix": "Doctor advice:",
    },
    "self_care": {
        "title": "Start with the relief steps",
        "text": (
            "Start with the steps under Relief you can try now, such as heat or ice and gentle "
            "movement. See a doctor if the pain does not get better, and get help right away "
            "if a warning sign appears."
        ),
        "sr_prefix": "Self-care advice:",
    },
}


def triage_cards() -> dict[str, dict[str, str]]:
    """{level: {"title", "text", "sr_prefix"}} for every level, highest first."""
    return {level: dict(_CARDS[level]) for level in reversed(LEVELS)}


def highest(levels) -> str:
    """The most urgent of the given levels (the default when there are none)."""
    return max(levels, key=LEVELS.index, default=DEFAULT_LEVEL)
