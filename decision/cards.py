"""The cards at the top of a plan: what to do, how soon, whom to call, and where to read on.

A plan names one card (its `card.id`); the build renders every card into the start page, with
the local numbers filled in from mkdocs.yml (`extra.local`: `{emergency_number}`,
`{poison_name}` and the rest), so no number is written here and a site for another country
changes one block. Every card says how soon (`soon`) and links to the section that says more.
The words address "you, or the person you are helping", so a caregiver can use them.

Sources: the NHS back pain and cauda equina pages (call the emergency number; do not drive
yourself), MedlinePlus's overdose advice (call Poison Help, even without symptoms; call the
emergency number if someone collapses, has a seizure, has trouble breathing or cannot be woken),
the baclofen and tizanidine labels (do not stop suddenly; withdrawal signs), and the guidance
("When and How to Consult Your Doctor"). No card names a medicine or a dose.
"""

from __future__ import annotations

from dataclasses import dataclass

# The local numbers a card may offer as a tap-to-call button (mkdocs.yml extra.local).
EMERGENCY_CALL = "emergency"
POISON_CALL = "poison"
CRISIS_CALL = "crisis"  # the free line for thoughts of harming yourself (crisis_name, crisis_number)


@dataclass(frozen=True)
class Card:
    id: str
    level: str  # the triage level it is for (triage.LEVELS)
    title: str
    soon: str  # how soon to act, in two or three words
    text: str
    link: tuple[str, str]  # (section id, link text): where to read more
    calls: tuple[str, ...] = ()  # tap-to-call buttons, most important first
    wait: tuple[str, ...] = ()  # "while you wait" steps
    # What to do now, tonight, before the time frame: (a plain line, the section that says more).
    # Only on the calmer cards: urgent and emergency cards keep to their own actions.
    now: tuple[tuple[str, str], ...] = ()
    # Cards of its level it says all of, and more: it is shown instead of them whenever one of
    # the signs behind the card asks for it (engine.card_for; the start page's early card too).
    covers: tuple[str, ...] = ()


# Tonight, on the calmer cards (NHS back pain and sprains pages, NICE NG59: heat or ice,
# keep moving gently, pain relief you can buy after asking a pharmacist).
TONIGHT: tuple[tuple[str, str], ...] = (
    ("Heat or ice: 15 to 20 minutes at a time, with a towel between it and your skin.", "heat-and-ice"),
    ("If you feel steady on your feet, move gently: a short walk, or a light stretch that "
     "does not hurt.", "gentle-movement"),
    ("Over-the-counter pain relief (sold without a prescription): ask a pharmacist which one is "
     "safe for you, and keep to its label.", "otc-pain-relief"),
)


# The last line of a card beside a sign that a medicine may be doing harm (engine.card_for): ask
# before the next dose, never "stop it" (baclofen, benzodiazepines, carisoprodol and tizanidine
# must be lowered slowly after regular use; the labels say to stop some at once, a doctor decides).
NEXT_DOSE = "Before your next dose, call your doctor or a pharmacist today and ask whether to take it."
# On an emergency card "today" would be a second, slower time frame (review 6, L3): the people
# who check the reader now decide about the next dose (a withdrawal seizure must not read as
# "take no more").
NEXT_DOSE_NOW = ("Tell the people who check you which medicines you take, and when you last took "
                 "each. Ask them before your next dose.")


def next_dose_line(level: str) -> str:
    """The card's line about the next dose beside a sign of harm, in the card's own time frame."""
    return NEXT_DOSE_NOW if level == "emergency" else NEXT_DOSE


CARDS: tuple[Card, ...] = (
    Card(
        "emergency", "emergency",
        title="Call {emergency_number} now",
        soon="Now",
        text=(
            "Call {emergency_number} now, or go to the nearest {emergency_room}. Do not wait to "
            "see if it gets better. This is the same if you are helping someone else."
        ),
        link=("emergency-signs", "The emergency signs"),
        calls=(EMERGENCY_CALL,),
        wait=(
            "Do not drive yourself. If you are alone, call and stay on the line.",
            "Unlock the door, and keep your phone with you.",
            "Take your medicine bottles, or a list of your medicines, with you.",
        ),
    ),
    Card(
        # Thoughts of self-harm (NHS, help for suicidal thoughts; MedlinePlus; 988): the
        # emergency number and the crisis line, someone with you, the medicines out of reach.
        "crisis", "emergency",
        title="Get help now: call {emergency_number} or {crisis_number}",
        soon="Now",
        text=(
            "Call {emergency_number} now, or go to the nearest {emergency_room}. For thoughts of "
            "harming yourself, you can also call {crisis_name} at {crisis_number}, free, day or "
            "night. This is the same if you are helping someone else."
        ),
        link=("coping", "Coping with pain that lasts"),
        calls=(EMERGENCY_CALL, CRISIS_CALL),
        covers=("emergency",),
        wait=(
            "Stay with someone you trust, or stay on the phone.",
            "Ask them to keep your medicines for now, so they are out of your reach.",
            "Do not drive yourself.",
        ),
    ),
    Card(
        "poison", "urgent",
        title="Call {poison_name} now",
        soon="Now",
        text=(
            "If you, or the person you are helping, took more than prescribed, or more than a "
            "label says, call {poison_name} now at {poison_number}, even if you feel fine. They will tell you "
            "what to do. Call {emergency_number} instead if someone is very sleepy or hard to "
            "wake, confused, has a seizure, or is breathing slowly."
        ),
        link=("overdose-signs", "Signs of too much medicine"),
        calls=(POISON_CALL, EMERGENCY_CALL),
        wait=(
            "Do not take any more until you have talked to them.",
            "Stay with someone, and do not drive.",
            "Keep the pill bottle by you when you call.",
        ),
    ),
    Card(
        "stopped", "urgent",
        title="Call the doctor who prescribed it today",
        soon="Today",
        text=(
            "Some muscle relaxers must not be stopped all at once. Call the doctor who prescribed "
            "it today and ask what to do next. Do not start it again at your old dose on your "
            "own. Call {emergency_number} now for a seizure, seeing or hearing things that are "
            "not there, bad confusion, a high fever, or very stiff muscles."
        ),
        link=("stopping-safely", "Stopping safely"),
        calls=(EMERGENCY_CALL,),
    ),
    Card(
        # Two medicines whose labels say they are not to be taken together.
        "mix", "urgent",
        title="Call your doctor or pharmacist today",
        soon="Today",
        text=(
            "Two of your medicines are not meant to be taken together. Call the doctor who "
            "prescribed them, or a pharmacist, today, and ask before your next dose of the muscle "
            "relaxer. Do not stop your other medicine on your own: ask them. Call "
            "{emergency_number} now if someone is very sleepy, hard to wake, or faints."
        ),
        link=("interactions", "Other medicines and alcohol"),
        calls=(EMERGENCY_CALL,),
    ),
    Card(
        "urgent", "urgent",
        title="Get seen today",
        soon="Today",
        text=(
            "Get a doctor to check you, or the person you are helping, today. Call your doctor's "
            "office and say it is urgent, or go to {urgent_care} today. If you cannot be seen "
            "today, go to the {emergency_room}. Call {emergency_number} if an emergency sign "
            "appears."
        ),
        link=("prompt-evaluation", "When to get seen today"),
        calls=(EMERGENCY_CALL,),
    ),
    Card(
        # Instead of any calmer card while the warning signs are unanswered (engine.ASK_FIRST):
        # silence about them must never read as "nothing serious".
        "ask", "see_doctor",
        title="First, answer the question about warning signs",
        soon="Now",
        text=(
            "Some warning signs need help right away, so the checker cannot give advice without "
            "them. Check each sign that you, or the person you are helping, have, or check None of "
            "these. Then ask for the plan again."
        ),
        link=("emergency-signs", "The warning signs"),
        calls=(EMERGENCY_CALL,),
    ),
    Card(
        "see_doctor", "see_doctor",
        title="Contact the doctor who prescribed it",
        soon="In the next few days",
        text=(
            "Contact the doctor who prescribed the muscle relaxer in the next few days, and tell "
            "them it is not giving relief. Bring the summary below and the pill bottle or label. "
            "Get help at once if a warning sign appears."
        ),
        link=("what-to-tell-your-doctor", "What to tell your doctor"),
        now=TONIGHT,
    ),
    Card(
        "self_care", "self_care",
        title="Start with the relief steps",
        soon="Now, and a doctor if it lasts",
        text=(
            "Try the relief steps now, such as heat or ice and gentle movement. Contact a doctor "
            "if the pain is not better within a few weeks, or sooner if it gets worse. Get help "
            "at once if a warning sign appears."
        ),
        link=("heat-and-ice", "Relief you can try now"),
        now=TONIGHT,
    ),
)

BY_ID: dict[str, Card] = {card.id: card for card in CARDS}

# The card of each level when no rule picks another.
DEFAULT_FOR_LEVEL: dict[str, str] = {
    "emergency": "emergency", "urgent": "urgent", "see_doctor": "see_doctor", "self_care": "self_care",
}

# The answers behind a card are listed under these words (not "you said": a caregiver answers too).
BECAUSE = "The answers behind this advice:"


def cards() -> list[dict]:
    """Every card as JSON-ready data, most urgent first, numbers still as {placeholders}."""
    return [
        {
            "id": c.id, "level": c.level, "title": c.title, "soon": c.soon, "text": c.text,
            "link": {"section": c.link[0], "text": c.link[1]}, "calls": list(c.calls),
            "wait": list(c.wait),
            "now": [{"text": text, "section": section} for text, section in c.now],
            "covers": list(c.covers),
        }
        for c in CARDS
    ]
