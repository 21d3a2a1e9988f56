"""The warning signs: one list, the source of the checker's first question and of every list of
warning signs on the site's pages (the build renders them from here).

Each sign has the level it needs when it is the only answer: "emergency" (call the emergency
number now) or "urgent" (get seen today). The rules (rules.py) must give each sign exactly
that level; rules.check_rules fails at import when one does not, so a page can never call a
sign an emergency that the checker treats as less.

Sources: the NHS back pain page (call the emergency number for numbness or tingling around the
genitals or buttocks, difficulty peeing, loss of bladder or bowel control, pain, tingling,
weakness or numbness in both legs, chest pain, a serious accident; get seen urgently for a high
temperature, weight loss without trying, a lump, swelling or change in the back's shape, pain not
eased by rest or worse at night, pain worse when coughing, sneezing or pooing, pain high in the
back between the shoulders); the NHS cauda equina page (changed feeling when wiping, new
trouble with erections or feeling during sex); the NHS stroke page (face, arms, speech);
the guidance (sudden severe weakness, numbness or tingling in the limbs); MedlinePlus drug pages
(severe allergic reaction, seizures, hard to wake or slow breathing from too much medicine);
NICE NG59 (cancer, infection and injury as causes to rule out; a hard fall, or a small one with
osteoporosis or long-term steroids; nerve signs that get worse); the NHS sciatica page
(weakness or numbness that gets worse: get seen urgently); MedlinePlus's acute low back pain page
(call right away: burning or blood when peeing, redness or swelling over the spine, pain so bad
you cannot get comfortable, a severe blow or fall); the baclofen label (withdrawal: high fever,
confusion, much stiffer muscles) and the intrathecal baclofen boxed warning (a pump that stops);
the cyclobenzaprine and metaxalone labels and MedlinePlus (serotonin syndrome: severe signs,
emergency treatment; milder signs, call the doctor or a pharmacist today).
"""

from __future__ import annotations

from dataclasses import dataclass

EMERGENCY = "emergency"
URGENT = "urgent"


@dataclass(frozen=True)
class Sign:
    value: str  # the option value: a contract (share links, the CLI, the early cards)
    level: str  # EMERGENCY or URGENT, when this is the only answer
    group: str  # the rule that covers it (rules.py); signs of one group share a card line
    label: str  # the form's words, which every page's list uses too
    said: str  # how a reason quotes it: "you said you have <said>"
    summary: str = ""  # how the doctor summary writes it; the label, lower-cased, when empty
    # Also a sign of too much medicine (MedlinePlus overdose advice; the cyclobenzaprine label):
    # the urgent page lists these under "Signs of too much medicine".
    overdose: bool = False
    # The condition that makes these signs urgent, where the signs alone would not be ("You take
    # cyclobenzaprine or an antidepressant"): it is part of the label, so the form and every page
    # list say it; check_signs() below stops the import if a label drops it.
    condition: str = ""
    # A sign that the medicine itself may be doing harm (a severe allergic reaction, too much of
    # it, serotonin syndrome, a pump that stopped): a plan with it never says to go on taking it
    # (sections.GO_ON never shows beside it).
    harm: bool = False
    # The question that asks it: step one's "red_flags", or "also_taking" for a sign that only
    # means something beside a medicine (mild serotonin syndrome sits with the medicines, where
    # the reader has just said what they take, and keeps step one short on a phone).
    question: str = "red_flags"
    # A harm sign from a medicine taken in doses: its card asks the reader to call before the next
    # dose (cards.next_dose_line). Not a pump, which the reader must never stop or change.
    doses: bool = True


# Serotonin syndrome, split as the NHS splits it. The severe signs are the emergency sign below
# (with a seizure, and fainting, each its own sign); the milder ones, a fast heartbeat among them
# (the NHS antidepressant pages: call 111), mean call the doctor or a pharmacist today (urgent.md
# and why-not-working.md say so, in these words).
SEROTONIN_CONDITION = "On cyclobenzaprine (Flexeril), metaxalone, an antidepressant, tramadol or a triptan"
SEROTONIN_SEVERE = "a high fever with stiff or twitching muscles, or confusion"
SEROTONIN_MILD = "shivering, sweating, diarrhea, a fast heartbeat or feeling restless"
# The same medicines, mid-sentence, for the mild signs' option on the "other medicines" step.
SEROTONIN_ON = "on cyclobenzaprine (Flexeril), metaxalone, an antidepressant, tramadol or a triptan"
# When sudden, severe back pain may be a burst aortic aneurysm (NHS); sudden, severe belly pain
# is an emergency at any age (NHS stomach ache).
ANEURYSM_WHEN = "at 65 or older or if faint or clammy"
# The relaxers whose labels warn of liver harm (safe-use.md, liver side effects).
LIVER_ON = "on dantrolene, tizanidine (Zanaflex) or chlorzoxazone"

SIGNS: tuple[Sign, ...] = (
    # Call the emergency number now: pressed nerves at the bottom of the spine (cauda equina).
    Sign("saddle_numbness", EMERGENCY, "nerves",
         "Numbness or tingling between your legs (genitals, anus, inner thighs), or it feels "
         "different when you wipe",
         said="numbness or tingling between your legs or in your inner thighs",
         summary="numbness or tingling between the legs (around the genitals or anus) or in the inner thighs"),
    # New, as the NHS means them (review 9, M1): long-standing trouble from MS or a spinal cord
    # injury is not this sign; new trouble is, whatever medicine the reader blames (H-log).
    Sign("urine_retention", EMERGENCY, "nerves", "New: you cannot pee, or it is hard to start peeing",
         said="new trouble peeing or cannot pee", summary="new trouble peeing or cannot pee"),
    Sign("bowel_bladder", EMERGENCY, "nerves",
         "New loss of bowel or bladder control (leaking pee or poop)",
         said="new loss of bowel or bladder control",
         summary="new loss of bowel or bladder control"),
    Sign("sexual_problems", EMERGENCY, "nerves",
         "New trouble getting an erection, or less feeling in your genitals during sex",
         said="new trouble with erections or feeling during sex",
         summary="new trouble with erections or feeling in the genitals during sex"),
    Sign("both_legs", EMERGENCY, "nerves", "New pain, tingling, weakness or numbness in both legs",
         said="new pain, tingling, weakness or numbness in both legs"),
    # A stroke, or pressure on the spinal cord.
    Sign("sudden_weakness", EMERGENCY, "sudden", "Sudden or severe weakness in an arm or leg",
         said="sudden or severe weakness in an arm or leg"),
    # "Sudden", as in the guidance: long-standing tingling alone is not this sign.
    Sign("numbness_tingling", EMERGENCY, "sudden", "Sudden numbness or tingling in an arm or leg",
         said="sudden numbness or tingling in an arm or leg"),
    Sign("stroke_signs", EMERGENCY, "sudden",
         "A face that droops on one side, an arm that suddenly will not lift, or trouble speaking",
         said="signs of a stroke (a drooping face, a weak arm or trouble speaking)",
         summary="a drooping face, a weak arm or trouble speaking"),
    Sign("chest_pain", EMERGENCY, "chest", "Chest pain, or pain that spreads from the chest",
         said="chest pain", summary="chest pain", overdose=True),
    # Sudden, severe belly pain at any age (NHS stomach ache: a burst ulcer, a burst aortic
    # aneurysm); sudden, severe upper back pain at any age (MedlinePlus, aortic dissection); and
    # sudden, severe low back pain where a burst aortic aneurysm is likely: at 65 or older, or with
    # signs of heavy blood loss (feeling faint, cold and clammy skin; NHS abdominal aortic
    # aneurysm). Not any bad low back pain: a fresh strain is sudden too, and pain so bad no
    # position helps is the same-day sign below (reviews 12 to 14; H62).
    Sign("aneurysm", EMERGENCY, "aneurysm",
         f"Sudden, severe belly or upper back pain, or low back pain like that {ANEURYSM_WHEN}",
         condition=ANEURYSM_WHEN,
         said=f"sudden, severe belly or upper back pain, or sudden, severe low back pain {ANEURYSM_WHEN}",
         summary=f"sudden, severe belly or upper back pain, or sudden, severe low back pain {ANEURYSM_WHEN}"),
    Sign("severe_allergy", EMERGENCY, "allergy",
         "Swelling of the face, lips, tongue or throat, or trouble breathing",
         said="swelling of the face, lips or throat, or trouble breathing", harm=True),
    Sign("seizure", EMERGENCY, "seizure", "A seizure (uncontrolled shaking)", said="a seizure",
         summary="a seizure", overdose=True, harm=True),
    Sign("hard_to_wake", EMERGENCY, "sleepy",
         "Too sleepy to stay awake, hard to wake, confused, seeing or hearing things that are not there, or "
         "breathing slowly",
         said="severe sleepiness, confusion or slow breathing",
         summary="too sleepy to stay awake or hard to wake, confused, or breathing slowly", overdose=True, harm=True),
    # Too much cyclobenzaprine can bring these (its label's overdose signs). A fast or uneven
    # heartbeat alone is not this sign: it is often harmless (NHS, heart palpitations), and the
    # emergency comes with fainting, dizziness or breathlessness (NHS; MedlinePlus, palpitations;
    # chest pain is its own sign). A new one alone is the same-day sign "heartbeat" (review 11, M2).
    Sign("fainting", EMERGENCY, "heart",
         "Fainting, or a fast or uneven heartbeat with dizziness or shortness of breath",
         said="fainting, or a fast or uneven heartbeat with dizziness or shortness of breath",
         summary="fainting, or a fast or uneven heartbeat with dizziness or shortness of breath",
         overdose=True, harm=True),
    # Serotonin syndrome (severe signs, call the emergency number; milder ones, get advice
    # today): a medicine that raises serotonin (an antidepressant, tramadol, a triptan) or a
    # relaxer whose label warns of it (cyclobenzaprine, metaxalone), with the severe signs. The
    # milder ones (shivering, diarrhea, restlessness) are in SEROTONIN_MILD, said on the pages.
    Sign("serotonin_signs", EMERGENCY, "serotonin",
         f"{SEROTONIN_CONDITION}: {SEROTONIN_SEVERE}",
         condition=SEROTONIN_CONDITION,
         said=f"{SEROTONIN_SEVERE} while taking cyclobenzaprine, metaxalone, an antidepressant, "
         "tramadol or a triptan",
         summary="severe signs of serotonin syndrome (a high fever, stiff or twitching muscles, "
         "confusion) on cyclobenzaprine, metaxalone, an antidepressant, tramadol or a triptan",
         harm=True),
    # A baclofen pump that stops (the intrathecal baclofen boxed warning): withdrawal can kill.
    Sign("baclofen_pump", EMERGENCY, "pump",
         "A baclofen pump (under the skin) and high fever, confusion or much stiffer muscles",
         condition="A baclofen pump",
         said="a high fever, confusion or much stiffer muscles with a baclofen pump",
         summary="a high fever, confusion or much stiffer muscles, with a baclofen pump", harm=True,
         doses=False),
    # The NHS vomiting blood and bleeding-from-the-bottom pages, MedlinePlus on bleeding in the
    # gut: call the emergency number (NSAIDs can cause stomach bleeding, and relief-now.md's
    # NSAID box says so); black poop with feeling faint or dizzy is a sign of heavy bleeding
    # (MedlinePlus; the NSAID Drug Facts labels). Black poop alone is the same-day sign below.
    Sign("vomiting_blood", EMERGENCY, "bleeding",
         "Throwing up blood, lots of blood from your bottom, or black poop and feeling faint",
         said="throwing up blood, a lot of blood from your bottom, or black poop with feeling faint",
         summary="throwing up blood, a lot of blood from the bottom, or black poop with feeling faint",
         harm=True),
    # longer-term.md's box (NHS, MedlinePlus): get help now.
    Sign("self_harm", EMERGENCY, "self_harm", "Thoughts of harming yourself or ending your life",
         said="thoughts of harming yourself", summary="thoughts of harming themselves or ending their life"),
    # NHS: a serious accident, such as a car accident, is a reason to call the emergency number.
    Sign("serious_accident", EMERGENCY, "accident",
         "The pain started after a serious accident, such as a car crash or a fall from a height",
         said="pain that started after a serious accident",
         summary="pain started after a serious accident"),
    # Get seen today: a cause that needs checking soon (infection, a broken bone, cancer).
    # Graded by its course, not its onset (NICE NG59 and the NHS sciatica page: nerve signs
    # that get worse), and MedlinePlus's "call right away" for weakness or numbness in a leg or
    # buttock: at least "get seen today". Sudden ones are emergencies (above).
    Sign("worsening_numbness", URGENT, "worsening",
         "New numbness or weakness in one leg or buttock (foot drags), or numbness, tingling or "
         "weakness getting worse over days",
         said="new numbness or weakness in a leg, or numbness, tingling or weakness that is getting worse",
         summary="new numbness or weakness in one leg or one buttock, or numbness, tingling or weakness getting "
         "worse over days"),
    Sign("fever", URGENT, "serious_cause", "A fever, or you feel hot and shivery",
         said="a fever with the pain", summary="a high temperature (fever)"),
    # By severity (NHS, NICE NG59, MedlinePlus): a hard blow or fall, or a small one with thin
    # bones or long-term steroids. A strain that started with lifting or a twist is not this.
    Sign("serious_injury", URGENT, "injury",
         "Pain since a hard fall or blow, or a small fall with thin bones or long-term steroids",
         condition="with thin bones or long-term steroids",
         said="pain that started after a hard fall or blow, or a small fall with thin bones or "
         "long-term steroids",
         summary="pain started after a hard fall or blow, or a small fall with thin bones or "
         "long-term steroids"),
    Sign("cancer_history", URGENT, "serious_cause", "You have had cancer", said="had cancer",
         summary="has had cancer"),
    Sign("weight_loss", URGENT, "serious_cause", "You are losing weight without trying",
         said="lost weight without trying", summary="losing weight without trying"),
    # MedlinePlus (acute low back pain: call right away for pain that wakes you at night or is
    # worse lying down; review 15, M2).
    Sign("night_pain", URGENT, "serious_cause",
         "Pain that wakes you, is worse at night, or does not ease with rest",
         said="pain that wakes you, is worse at night or is not eased by rest",
         summary="pain that wakes them, is worse at night or is not eased by rest"),
    Sign("back_swelling", URGENT, "serious_cause",
         "A lump, redness or swelling on your back or spine, or your back has changed shape",
         said="a lump, redness, swelling or change in the shape of your back",
         summary="a lump, redness, swelling or change in the shape of the back"),
    # MedlinePlus (acute low back pain: call your provider right away).
    Sign("urine_burning", URGENT, "serious_cause", "Burning or blood when you pee",
         said="burning or blood when you pee", summary="burning or blood when peeing"),
    # Signs the pages say to call about right away: liver harm (the dantrolene, tizanidine and
    # chlorzoxazone labels, safe-use.md) and bleeding in the gut (NSAID Drug Facts, relief-now.md).
    # Belly pain that lasts: the liver pages' upper-right pain, the NSAID box's stomach pain
    # (review 8, L1).
    Sign("yellow_or_black", URGENT, "medicine_harm",
         "Yellow skin or eyes, dark pee, black or bloody poop, lasting belly pain, or swollen legs",
         said="yellow skin or eyes, dark pee, black or bloody poop, belly pain that does not go away, "
         "or new swelling in the legs",
         summary="yellow skin or eyes, dark pee, black or bloody poop, belly pain that does not go away, "
         "or new swelling in the legs",
         harm=True),
    Sign("severe_pain", URGENT, "serious_cause",
         "Pain so bad no position is comfortable",
         said="pain so bad you cannot get comfortable",
         summary="pain so bad that no position is comfortable"),
    Sign("upper_back", URGENT, "serious_cause",
         "Pain between your shoulder blades",
         said="pain between your shoulder blades", summary="pain between the shoulder blades"),
    Sign("cough_sneeze", URGENT, "serious_cause",
         "Pain worse when you cough, sneeze or poop",
         said="pain that gets worse when you cough, sneeze or poop",
         summary="pain worse when coughing, sneezing or pooping"),
    Sign("very_stiff", URGENT, "stiff",
         "Muscles suddenly much stiffer, or much worse spasms with MS or the like",
         said="muscles that are suddenly much stiffer, or much worse spasms from a long-term condition",
         summary="muscles suddenly much stiffer than usual, or much worse spasms from a long-term condition"),
    # Mild serotonin syndrome (NHS: call your GP or 111 for advice; the pages: call your doctor
    # or a pharmacist today). Asked on the "other medicines" step, beside the medicines that
    # cause it; the medicines are in its label, so ticking it alone is enough for "today".
    # Early signs of liver harm on the relaxers whose labels warn of it (MedlinePlus dantrolene:
    # call your doctor right away; safe-use.md says so): asked on the "other medicines" step, as
    # the mild serotonin signs are, beside what causes them (review 10, M2).
    Sign("liver_early", URGENT, "liver_early", f"New: feeling very tired, sick to your stomach, or not wanting to eat, {LIVER_ON}",
         condition=LIVER_ON,
         said=f"new tiredness, feeling sick or not wanting to eat {LIVER_ON}",
         summary=f"new tiredness, feeling sick or not wanting to eat (possible early liver harm), {LIVER_ON}",
         harm=True, question="also_taking"),
    # A new fast or uneven heartbeat with no other sign (MedlinePlus, palpitations: call your
    # provider right away for new ones): a side effect of some relaxers (the cyclobenzaprine
    # label), or tizanidine withdrawal (safe-use.md). Asked beside the medicines; with
    # dizziness, fainting or breathlessness it is step one's emergency sign "fainting".
    Sign("heartbeat", URGENT, "heartbeat", "New: a fast, pounding or uneven heartbeat",
         said="a new fast, pounding or uneven heartbeat",
         summary="a new fast, pounding or uneven heartbeat", harm=True, question="also_taking"),
    Sign("serotonin_mild", URGENT, "serotonin_mild",
         f"New {SEROTONIN_MILD}, {SEROTONIN_ON}",
         condition=SEROTONIN_ON,
         said=f"new {SEROTONIN_MILD} {SEROTONIN_ON}",
         summary=f"new {SEROTONIN_MILD} (possible mild serotonin syndrome), {SEROTONIN_ON}",
         harm=True, question="also_taking"),
)

LEVEL_TITLES: dict[str, str] = {
    EMERGENCY: "Call the emergency number now",
    URGENT: "Get seen today",
}

BY_VALUE: dict[str, Sign] = {sign.value: sign for sign in SIGNS}


def check_conditions(signs: tuple[Sign, ...]) -> None:
    """A sign's condition is part of its label: a label that drops it would call a sign urgent
    for everyone."""
    for sign in signs:
        if sign.condition and sign.condition not in sign.label:
            raise ValueError(f'The warning sign "{sign.value}" lost its condition "{sign.condition}" from its label.')


check_conditions(SIGNS)


def asked_in(question: str) -> tuple[Sign, ...]:
    """The signs one question asks, in display order."""
    return tuple(sign for sign in SIGNS if sign.question == question)


def signs_at(level: str) -> tuple[Sign, ...]:
    """The signs of one level, in display order."""
    return tuple(sign for sign in SIGNS if sign.level == level)


def values_in(*groups: str) -> tuple[str, ...]:
    """The option values of the signs in these groups, in display order (for the rules)."""
    return tuple(sign.value for sign in SIGNS if sign.group in groups)


def warning_signs() -> list[dict]:
    """The signs as JSON-ready data, most urgent first: [{"value", "level", "label", "overdose",
    "question"}] (the question that asks it: step one's "red_flags" for all but a few)."""
    return [
        {"value": s.value, "level": s.level, "label": s.label, "overdose": s.overdose, "question": s.question}
        for s in SIGNS
    ]


def harm_signs() -> tuple[str, ...]:
    """The values of the signs that the medicine itself may be doing harm."""
    return tuple(sign.value for sign in SIGNS if sign.harm)
