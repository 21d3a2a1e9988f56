"""The rule table: which answers put which sections first, why, and how urgent it is.

Each rule traces to a sentence of the guidance or of a cited source (its `why`). The table is
checked against the questions, the sections, the cards and the warning signs when this module is
imported, so a rule naming something that does not exist, or giving a warning sign another level
than the pages give it, stops everything at once instead of silently never matching.

A rule's condition may span several answers (a relaxer that must be lowered slowly, stopped,
with a fever); the plan's level is the highest any matching rule asks for, and the card shows
the card line of each rule that set that level, so a combination can raise the level and the
card says why.

Defaults (chosen here, shown on the site as the last rows of the table):
- The warning signs not answered: at least see_doctor, the emergency signs first, and the plan
  asks for them (`ask`): silence about warning signs never gives the self-care card.
- "None of these" warning signs and no rule that sets a level: self_care. The self-care card
  itself says to see a doctor if the pain does not improve or a warning sign appears.
- Naming the relaxer or the time taken means the reader is on a relaxer that (since they are
  here) is not giving relief; the guidance says to consult the prescriber then: see_doctor.
- "More than 21 days" is the guidance's "no more than two to three weeks". It applies to the
  antispasmodics used for a recent strain (the cyclobenzaprine label: "two or three weeks"),
  never to baclofen, tizanidine or dantrolene taken for spasticity, which are long-term.
- A stop of baclofen, tizanidine, carisoprodol or diazepam after two weeks or more (or after a
  time not given), or of an unknown relaxer taken for spasticity or taken every day, is at least
  urgent (their labels and MedlinePlus: withdrawal follows prolonged regular use); with a fever,
  confusion, a seizure or much stiffer muscles it is an emergency, and so is long-term baclofen
  with skipped doses and those signs. A stop after a few days is see_doctor.
- "More than prescribed" is at least urgent, with the Poison Help card (MedlinePlus: call Poison
  Help after taking too much, even without symptoms).
- In urgent and emergency plans, self-care, longer-term and "not an emergency" sections never
  lead (sections.NOT_FOR_URGENT).
- A section that says "go on as prescribed" never shows beside one that says "stop and get
  help", nor beside a sign that the medicine may be doing harm (sections.CONFLICTS, engine.plan).
- An unnamed relaxer stopped after more than two weeks may be one that must be lowered slowly;
  a tapering relaxer (or an unnamed one) taken for more than two weeks shows how to stop safely.
- An antidepressant, tramadol or a triptan (whatever the relaxer), or an opioid with
  cyclobenzaprine, metaxalone or an unnamed relaxer, with a fever and much stiffer muscles
  together, is an emergency (severe serotonin syndrome; each alone is at most urgent); so are the
  milder serotonin signs with a fever, much stiffer muscles or confusion.
- "Pain for more than 6 weeks" is the brief's line for long-lasting pain; exercise and physical
  therapy come before injections there (NICE NG59).
"""

from __future__ import annotations

from dataclasses import dataclass

from .cards import BY_ID as CARDS
from .conditions import (
    Answered, AtMost, Chose, Condition, LeftOut, MoreThan, Named, Unanswered, Yes, all_of, any_of, join_and,
)
from .errors import RuleError
from .questions import ANTISPASMODIC, ANTISPASTIC, relaxers_of_class
from .sections import BY_ID as SECTIONS, link
from .triage import DEFAULT_LEVEL, LEVELS
from .warning_signs import SIGNS, values_in


@dataclass(frozen=True)
class Rule:
    id: str
    when: Condition
    shows: tuple[str, ...]  # section ids, most important first
    # One sentence; "{said}" becomes the quoted answers, e.g. "you have taken it for 30 days".
    reason: str
    why: str  # the guidance behind the rule, in brief, for the rule table
    triage: str | None = None  # the lowest triage level this rule allows, if any
    priority: int = 50  # lower comes first in the plan
    # When this rule sets the plan's level: the card to show (cards.py; the level's own card
    # when None) and one line for it that says what these answers can mean. A rule that sets no
    # level may still give a line: the calmer cards (self-care, see the doctor) show it, never
    # an urgent or emergency card, which keep to their own actions.
    card: str | None = None
    card_line: str = ""
    # Sections that must not lead when this rule matches, whatever other rule shows them
    # (after a risky stop, "stopping too soon can keep it from working" and "in the first days,
    # take it the way you were told" invite a restart).
    withholds: tuple[str, ...] = ()

    def reason_for(self, answers: dict) -> str:
        return self.reason.format(said=join_and(self.when.said(answers)))


SAID = "Shown because you said {said}."
BECAUSE = "Shown because {said}."
DOCTOR = "see-your-doctor-soon"

# Warning signs whose card line is about withdrawal when a risky stop comes with them (the
# baclofen label: high fever, altered mental state, rebound stiffness; seizures).
WITHDRAWAL_SIGNS = ("fever", "hard_to_wake", "seizure", "very_stiff")
# What adds to a relaxer's sleepiness (MedlinePlus drug pages: alcohol, opioids, sleep and
# anxiety medicines, drowsy allergy medicines; FDA 2019: gabapentin and pregabalin).
SEDATING = ("alcohol", "sedating_prescriptions", "sedating_otc", "gabapentinoid")
# Everything the "other medicines" question asks about: each mixes badly with some relaxer.
MIXES = (*SEDATING, "serotonergic", "maoi", "tizanidine_raisers")
# What can raise serotonin beside cyclobenzaprine (its label): antidepressants, tramadol and
# triptans, and the opioid pain medicines a reader may know only as "for pain".
SEROTONIN_MIX = ("serotonergic", "maoi", "sedating_prescriptions")
# Relaxers that must not be stopped all at once after regular use (withdrawal: for baclofen,
# seizures and hallucinations; MedlinePlus and NHS pages for each drug).
TAPER_NEEDED = ("baclofen", "tizanidine", "carisoprodol", "diazepam")
STOPS = ("stopped_early", "stopped_suddenly")
UNKNOWN_RELAXER = any_of(
    Chose("relaxer", ("other", "not_sure")),
    Unanswered("relaxer", "you did not say which muscle relaxer it is"),
)
# Relaxers whose labels warn of serotonin syndrome with those medicines (cyclobenzaprine;
# metaxalone, its 2023 label), and one the reader cannot name, which may be one of them.
SEROTONIN_RELAXER = any_of(Chose("relaxer", ("cyclobenzaprine", "metaxalone")), UNKNOWN_RELAXER)
# Cyclobenzaprine, or a relaxer the reader cannot name, which may be it (its label forbids an
# MAOI with it).
MAY_BE_CYCLOBENZAPRINE = any_of(Chose("relaxer", ("cyclobenzaprine",)), UNKNOWN_RELAXER)
# On the cards beside a sign of bleeding in the gut (the NSAID Drug Facts labels: stop use and ask
# a doctor), never "stop" a prescribed aspirin on the reader's own.
STOP_BOUGHT_NSAID = ("If you are on ibuprofen, naproxen or another NSAID (anti-inflammatory pain "
                     "reliever) you bought yourself, stop it until a doctor says it is safe. Ask "
                     "first before you stop aspirin a doctor prescribed.")
# Severe signs of serotonin syndrome in answers: a fever and much stiffer muscles, on an
# antidepressant, tramadol or a triptan whatever the relaxer (severe signs: call the
# emergency number), or on an opioid with a relaxer that can raise serotonin too.
SEROTONIN_MIX_ANSWERS = any_of(
    Chose("also_taking", ("serotonergic", "maoi")), all_of(SEROTONIN_RELAXER, Chose("also_taking", SEROTONIN_MIX)))
SEROTONIN_SEVERE_ANSWERS = all_of(
    SEROTONIN_MIX_ANSWERS,
    Chose("red_flags", ("fever",)),
    Chose("red_flags", ("very_stiff",)),
)
# Beside the mild serotonin signs, what makes them severe (a fever, much stiffer muscles, or
# confusion, which the "hard to wake" sign names): the emergency signs of the same syndrome.
SEROTONIN_WORSE = ("fever", "very_stiff", "hard_to_wake")
# Weeks of use: long enough for the body to get used to a relaxer that must be lowered slowly.
# Withdrawal follows prolonged regular use (the baclofen, tizanidine, carisoprodol and diazepam
# labels); "two weeks (14 days) or more" is the line (safe-use.md, stopping safely).
LONG_USE_DAYS = 14
WEEKS_OF_USE = MoreThan("days_taken", LONG_USE_DAYS - 1)
# Weeks of use, or a course of unknown length (no answer): a stop is graded as if it were long.
NOT_A_SHORT_COURSE = any_of(WEEKS_OF_USE, Unanswered("days_taken", "you did not say how long you took it"))
# A stop that can cause withdrawal: a relaxer that must be lowered slowly, stopped after two
# weeks or more (or after a time not given); or one the reader cannot name, stopped after daily
# use, after weeks of use, or taken for spasticity (most often baclofen or tizanidine). A short
# course (days) stopped early is not one: the prescriber hears of it (see_doctor).
RISKY_STOP = Named(
    "A stop that can cause withdrawal: baclofen, tizanidine, carisoprodol or diazepam taken for two "
    "weeks or more (or for a time not given) and stopped early or all at once; or a relaxer not "
    "named (another one, not sure, or no answer) stopped all at once after daily use, or stopped "
    "at all when it was for spasticity or taken for two weeks or more",
    any_of(
        all_of(Chose("dose_pattern", STOPS), Chose("relaxer", TAPER_NEEDED), NOT_A_SHORT_COURSE),
        all_of(Chose("dose_pattern", STOPS), Chose("prescribed_for", ("spasticity_condition",)), UNKNOWN_RELAXER),
        all_of(Chose("dose_pattern", ("stopped_suddenly",)), UNKNOWN_RELAXER),
        all_of(Chose("dose_pattern", STOPS), WEEKS_OF_USE, UNKNOWN_RELAXER),
    ),
)
# Baclofen stopped after any length of use: without a sign, days of it are for the prescriber to
# hear of (a held-out over-triage scenario, R20); with a sign of withdrawal, an emergency (H50).
BACLOFEN_STOPPED = Named(
    "Baclofen stopped early or all at once, after any length of use",
    all_of(Chose("dose_pattern", STOPS), Chose("relaxer", ("baclofen",))),
)
# Baclofen with doses skipped or lowered: withdrawal can start when the dose drops suddenly, not
# only when it stops (the baclofen labels: abrupt reduction or discontinuation; the intrathecal
# label: interruption of therapy), after any length of use (H50).
BACLOFEN_DROPPED = Named(
    "Baclofen with a lower dose or skipped doses",
    all_of(Chose("relaxer", ("baclofen",)), Chose("dose_pattern", ("lower_or_skipped",))),
)

RULES: tuple[Rule, ...] = (
    Rule(
        # With a sign of withdrawal (a fever, much stiffer muscles, confusion, a seizure), a stop
        # that can cause withdrawal is an emergency: baclofen however short the course (its labels
        # name no length of use; H50); tizanidine, carisoprodol and diazepam after prolonged use
        # (their labels; after days, a fever is the same-day sign it is for anyone: H53).
        id="withdrawal-emergency",
        when=all_of(any_of(RISKY_STOP, BACLOFEN_STOPPED), Chose("red_flags", WITHDRAWAL_SIGNS)),
        shows=("emergency-signs", "stopping-safely"),
        reason=BECAUSE,
        triage="emergency",
        priority=0,
        card_line="Stopping some muscle relaxers all at once can cause withdrawal. With a fever, "
        "confusion, a seizure or much stiffer muscles, withdrawal is an emergency.",
        withholds=("dose-and-timing", "too-soon"),
        why="Stopping baclofen, tizanidine, carisoprodol or diazepam all at once after two weeks "
        "or more, or baclofen after any length of use, can cause withdrawal. With a fever, "
        "confusion, a seizure or much stiffer muscles it is an emergency; for baclofen it can be "
        "life-threatening.",
    ),
    Rule(
        id="baclofen-skipped-withdrawal",
        when=all_of(BACLOFEN_DROPPED, Chose("red_flags", WITHDRAWAL_SIGNS)),
        shows=("emergency-signs", "stopping-safely"),
        reason=BECAUSE,
        triage="emergency",
        priority=0,
        card_line="Skipping doses of baclofen, or a much lower dose, can cause withdrawal. With a "
        "fever, confusion, a seizure or much stiffer muscles, withdrawal is an emergency.",
        withholds=("dose-and-timing", "too-soon"),
        why="Skipped baclofen doses can bring on withdrawal, as a stop can. With a high fever, "
        "confusion or much stiffer muscles, it can be life-threatening: call the emergency number "
        "(the baclofen labels).",
    ),
    Rule(
        id="emergency-warning-signs",
        when=Chose("red_flags", values_in("nerves")),
        shows=("emergency-signs",),
        reason=SAID,
        triage="emergency",
        priority=1,
        card_line="These signs can mean the nerves at the bottom of the spine are being pressed "
        "(cauda equina syndrome). It needs treatment fast to stop lasting harm.",
        why="These signs can mean the nerves at the bottom of the spine are pressed (cauda equina "
        "syndrome): numbness around the genitals or bottom, trouble peeing, leaking pee or poop, "
        "new sexual problems, or both legs affected (NHS).",
    ),
    Rule(
        id="sudden-weakness-or-stroke",
        when=Chose("red_flags", values_in("sudden")),
        shows=("emergency-signs",),
        reason=SAID,
        triage="emergency",
        priority=2,
        card_line="Sudden weakness, numbness or a drooping face can be a stroke, or pressure on "
        "the spinal cord. Every minute counts.",
        why="Sudden or severe weakness, or sudden numbness or tingling, in an arm or leg needs help "
        "right away. With a drooping face or trouble speaking, it can be a stroke (NHS).",
    ),
    Rule(
        id="chest-pain",
        when=Chose("red_flags", values_in("chest")),
        shows=("emergency-signs",),
        reason=SAID,
        triage="emergency",
        priority=3,
        card_line="Chest pain can be a heart attack, and its pain can spread to the back.",
        why="Back pain with chest pain needs the emergency number: it can be a heart attack.",
    ),
    Rule(
        id="severe-allergy",
        when=Chose("red_flags", values_in("allergy")),
        shows=("emergency-signs", "side-effects"),
        reason=SAID,
        triage="emergency",
        priority=4,
        card_line="Swelling of the face, lips or throat, or trouble breathing, can be a severe "
        "allergic reaction to a medicine.",
        why="A severe allergic reaction (swelling of the face, lips or throat, trouble breathing) "
        "needs emergency help.",
    ),
    Rule(
        id="too-sleepy",
        when=Chose("red_flags", values_in("sleepy")),
        shows=("overdose-signs", "emergency-signs"),
        reason=SAID,
        triage="emergency",
        priority=5,
        card_line="This can mean too much medicine. Alcohol and other medicines that make you "
        "sleepy add to its effect. Slow breathing can be deadly.",
        why="Being very sleepy, hard to wake, confused or breathing slowly can mean too much "
        "medicine. Alcohol or other medicines that make you sleepy add to it. Call the emergency "
        "number (MedlinePlus).",
    ),
    Rule(
        id="fainting-or-fast-heartbeat",
        when=Chose("red_flags", values_in("heart")),
        shows=("emergency-signs", "overdose-signs"),
        reason=SAID,
        triage="emergency",
        priority=6,
        card_line="Fainting, or a fast or uneven heartbeat with dizziness or shortness of breath, "
        "can be a heart problem, or a sign of too much medicine.",
        why="Fainting, or a fast or uneven heartbeat with dizziness or shortness of breath, can be "
        "a heart problem or too much medicine. Call the emergency number (NHS and MedlinePlus on "
        "palpitations; the cyclobenzaprine label).",
    ),
    Rule(
        id="seizure",
        when=Chose("red_flags", values_in("seizure")),
        shows=("emergency-signs", "overdose-signs"),
        reason=SAID,
        triage="emergency",
        priority=6,
        card_line="A seizure needs emergency care. Too much medicine, or stopping some muscle "
        "relaxers all at once, can cause one.",
        why="A seizure can come from too much medicine or from withdrawal: call the emergency number.",
    ),
    Rule(
        id="serotonin-syndrome",
        when=Chose("red_flags", values_in("serotonin")),
        shows=("emergency-signs", "interactions"),
        reason=SAID,
        triage="emergency",
        priority=6,
        card_line="A high fever with stiff or twitching muscles, or confusion, on cyclobenzaprine, "
        "metaxalone, an antidepressant, tramadol or a triptan can be serotonin syndrome. It needs "
        "emergency care.",
        why="A high fever, stiff or twitching muscles, or confusion can be severe serotonin "
        "syndrome. It needs emergency care (the cyclobenzaprine and metaxalone labels; MedlinePlus).",
    ),
    Rule(
        id="serotonin-signs-combined",
        when=SEROTONIN_SEVERE_ANSWERS,
        shows=("emergency-signs", "interactions"),
        reason=SAID,
        triage="emergency",
        priority=6,
        card_line="Some medicines can cause serotonin syndrome: an antidepressant, tramadol, a "
        "triptan, or an opioid pain medicine taken beside some muscle relaxers. A fever with much "
        "stiffer muscles is an emergency.",
        why="A fever with much stiffer muscles can be severe serotonin syndrome in someone on an "
        "antidepressant, tramadol or a triptan. The same goes for an opioid with cyclobenzaprine, "
        "metaxalone or a relaxer not named. Call the emergency number (their labels; "
        "MedlinePlus).",
    ),
    Rule(
        # Cyclobenzaprine with an MAOI (its label: high fevers, severe seizures, deaths): the
        # interactions page says to call the emergency number if a high fever, stiff muscles or
        # confusion start, each on its own (review 7, H2; H54).
        id="maoi-reaction",
        when=all_of(MAY_BE_CYCLOBENZAPRINE, Chose("also_taking", ("maoi",)), Chose("red_flags", SEROTONIN_WORSE)),
        shows=("emergency-signs", "interactions"),
        reason=SAID,
        triage="emergency",
        priority=6,
        card_line="Cyclobenzaprine with an MAOI antidepressant can cause a dangerous reaction. With "
        "a fever, much stiffer muscles or confusion, it is an emergency.",
        why="Cyclobenzaprine with an MAOI, or within 14 days of one, can cause a high fever, "
        "seizures and death (its label); a relaxer the reader cannot name may be cyclobenzaprine. "
        "A fever, much stiffer muscles or confusion beside that mix: call the emergency number.",
    ),
    Rule(
        # Sudden, severe belly pain, or sudden, severe back pain at 65 or older or with feeling
        # faint or clammy skin: a burst aortic aneurysm or ulcer (NHS abdominal aortic aneurysm;
        # NHS stomach ache: call the emergency number). Its own sign, not "pain so bad no
        # position helps" at 65, which sent a bad strain to the emergency number (reviews 11 to
        # 13; H62).
        id="aneurysm",
        when=Chose("red_flags", values_in("aneurysm")),
        shows=("emergency-signs",),
        reason=SAID,
        triage="emergency",
        priority=6,
        card_line="Sudden, severe pain in the belly or upper back, or in the low back at 65 or "
        "older or with feeling faint or clammy, can come from a tear or burst in the body's main "
        "blood vessel (the aorta) or a burst stomach ulcer. It needs help at once.",
        why="Sudden, severe belly pain needs the emergency number at any age (NHS stomach ache), "
        "as does sudden, severe upper back pain (MedlinePlus, aortic dissection); so does sudden, "
        "severe low back pain at 65 or older or with feeling faint or clammy skin, which can be a "
        "burst aortic aneurysm (NHS).",
    ),
    Rule(
        # The mild signs' own card line says a high fever, stiff muscles or confusion mean call
        # the emergency number: ticked beside them, those signs make it one (MedlinePlus,
        # serotonin syndrome; the cyclobenzaprine label; a fever with stiff muscles is severe).
        id="serotonin-mild-getting-worse",
        when=all_of(Chose("also_taking", values_in("serotonin_mild")), Chose("red_flags", SEROTONIN_WORSE)),
        shows=("emergency-signs", "interactions"),
        reason=SAID,
        triage="emergency",
        priority=6,
        card_line="Signs of serotonin syndrome with a fever, much stiffer muscles or confusion can "
        "be serious. It needs emergency care.",
        why="Milder serotonin signs with a fever, much stiffer muscles or confusion can be severe "
        "serotonin syndrome. Call the emergency number (MedlinePlus; the cyclobenzaprine label).",
    ),
    Rule(
        id="serotonin-mild",
        when=Chose("also_taking", values_in("serotonin_mild")),
        shows=("prompt-evaluation", "interactions"),
        reason=SAID,
        triage="urgent",
        priority=11,
        card_line="New shivering, sweating, diarrhea, a fast heartbeat or restlessness on one of "
        "these medicines can be a mild form of serotonin syndrome. If it gets worse, or a fever, much stiffer muscles "
        "or confusion start, call the emergency number.",
        why="Shivering, sweating, diarrhea, a fast heartbeat or restlessness on one of these "
        "medicines can be mild serotonin syndrome. Call the doctor or a pharmacist today. The severe signs are an "
        "emergency (the cyclobenzaprine and metaxalone labels).",
    ),
    Rule(
        # A fever, or much stiffer muscles, alone beside a medicine that raises serotonin: the
        # same-day sign it is for anyone, and the card says what would make it serotonin
        # syndrome's emergency (review 10, L2; MedlinePlus serotonin syndrome).
        id="serotonin-one-sign",
        when=all_of(SEROTONIN_MIX_ANSWERS, Chose("red_flags", ("fever", "very_stiff"))),
        shows=("prompt-evaluation", "interactions"),
        reason=SAID,
        triage="urgent",
        priority=10,
        card_line="On these medicines, a fever or much stiffer muscles can be an early sign of "
        "serotonin syndrome. If they come together, or confusion, twitching or fainting start, "
        "call the emergency number now.",
        why="A fever or much stiffer muscles beside a medicine that raises serotonin can be the "
        "start of serotonin syndrome; together, or with confusion, it is an emergency "
        "(MedlinePlus; the cyclobenzaprine and metaxalone labels).",
    ),
    Rule(
        # At 65 or older, pain so bad no position helps stays the same-day sign (a bad strain is
        # not an emergency), but the card says what would make it one: sudden, or with feeling
        # faint or clammy, it can be a burst aortic aneurysm (NHS; review 15, M1; H62).
        id="severe-pain-older",
        when=all_of(Chose("red_flags", ("severe_pain",)), Yes("age_65_or_older")),
        shows=("prompt-evaluation", "emergency-signs"),
        reason=SAID,
        triage="urgent",
        priority=10,
        card_line="At 65 or older, if this pain came on suddenly, or you feel faint or clammy, "
        "call the emergency number now: it can be a burst blood vessel in the belly (an aortic "
        "aneurysm).",
        why="At 65 or older, sudden, severe low back pain can be a burst aortic aneurysm (NHS): "
        "the card says when to call the emergency number.",
    ),
    Rule(
        # A new fast or uneven heartbeat alone: often harmless (NHS), but new ones are for a
        # doctor to check soon (MedlinePlus, palpitations), and a relaxer may cause it (the
        # cyclobenzaprine label) or its stop (tizanidine; safe-use.md). With dizziness,
        # fainting or breathlessness it is the emergency sign "fainting" (review 11, M2).
        id="new-heartbeat",
        when=Chose("also_taking", values_in("heartbeat")),
        shows=("prompt-evaluation", "side-effects"),
        reason=SAID,
        triage="urgent",
        priority=11,
        card_line="A new fast or uneven heartbeat can be a side effect of some muscle relaxers, or "
        "come when tizanidine is stopped. A doctor should check it today. With dizziness, fainting, "
        "shortness of breath or chest pain, call the emergency number.",
        why="A new fast or uneven heartbeat can be a side effect of a relaxer (the cyclobenzaprine "
        "label) or come when tizanidine is stopped. Get it checked today; with dizziness, fainting, "
        "shortness of breath or chest pain, call the emergency number (NHS and MedlinePlus on "
        "palpitations).",
    ),
    Rule(
        id="baclofen-pump",
        when=Chose("red_flags", values_in("pump")),
        shows=("emergency-signs", "stopping-safely"),
        reason=SAID,
        triage="emergency",
        priority=6,
        card_line="A baclofen pump that stops, runs out or is blocked can cause withdrawal, which can "
        "be life-threatening.",
        why="With a baclofen pump, a high fever, confusion or much stiffer muscles can mean the pump "
        "stopped. Call the emergency number (the label for baclofen given by pump).",
    ),
    Rule(
        id="vomiting-blood",
        when=Chose("red_flags", values_in("bleeding")),
        shows=("emergency-signs",),
        reason=SAID,
        triage="emergency",
        priority=6,
        card_line="These can mean bleeding in the stomach or gut. Some pain relievers, such as "
        "ibuprofen and naproxen, can cause it. " + STOP_BOUGHT_NSAID,
        why="Throwing up blood, a lot of blood from the bottom, or black poop with feeling faint "
        "needs the emergency number (NHS; MedlinePlus); pain relievers such as ibuprofen and "
        "naproxen can cause bleeding in the stomach, and their labels say stop (Drug Facts).",
    ),
    Rule(
        id="self-harm",
        when=Chose("red_flags", values_in("self_harm")),
        shows=("emergency-signs", "coping"),
        reason=SAID,
        triage="emergency",
        priority=6,
        card="crisis",
        card_line="Thoughts of harming yourself need help now. You do not have to face them alone.",
        why="Thoughts of harming yourself need help now. Call the emergency number or a crisis line. "
        "Stay with someone, and ask them to keep your medicines for now (NHS; MedlinePlus).",
    ),
    Rule(
        id="serious-accident",
        when=Chose("red_flags", values_in("accident")),
        shows=("emergency-signs",),
        reason=SAID,
        triage="emergency",
        priority=7,
        card_line="After a serious accident, back pain can mean a broken bone or another injury "
        "that needs checking now.",
        why="Back pain that started after a serious accident, such as a car crash, needs the "
        "emergency department.",
    ),
    Rule(
        id="more-than-prescribed-and-sedating",
        when=all_of(
            Chose("dose_pattern", ("more_than_prescribed",)),
            Chose("also_taking", SEDATING),
        ),
        shows=("overdose-signs", "interactions", "no-changes-without-advice"),
        reason=SAID,
        triage="urgent",
        priority=8,
        card="poison",
        card_line="Too much of a muscle relaxer can slow breathing, and alcohol or other medicines "
        "that make you sleepy make that more likely.",
        why="Too much of a relaxer with alcohol or other medicines that make you sleepy can slow "
        "breathing. The reader needs the signs of too much medicine and when to call "
        "(MedlinePlus).",
    ),
    Rule(
        id="too-much-acetaminophen",
        when=Chose("also_taking", ("too_much_acetaminophen",)),
        shows=("overdose-signs", "acetaminophen-overdose"),
        reason=SAID,
        triage="urgent",
        priority=9,
        card="poison",
        card_line="Too much acetaminophen can harm the liver, even if you feel fine now. Quick care "
        "matters.",
        why="After more acetaminophen than its label says, call the poison line on the card now, "
        "even without symptoms (the Drug Facts label; MedlinePlus).",
    ),
    Rule(
        # After too much acetaminophen, yellow skin or eyes, dark pee or belly pain mean liver
        # harm may have started: the emergency number, not only the poison line (MedlinePlus,
        # acetaminophen overdose; review 13, M2).
        id="acetaminophen-liver-harm",
        when=all_of(Chose("also_taking", ("too_much_acetaminophen",)), Chose("red_flags", values_in("medicine_harm"))),
        shows=("emergency-signs", "overdose-signs", "acetaminophen-overdose"),
        reason=SAID,
        triage="emergency",
        priority=6,
        card_line="After too much acetaminophen, yellow skin or eyes, dark pee or belly pain can "
        "mean the liver is being harmed. This needs emergency care now.",
        why="Yellow skin or eyes, dark pee or belly pain after too much acetaminophen can mean "
        "liver harm has started: call the emergency number (MedlinePlus, acetaminophen overdose).",
    ),
    Rule(
        id="more-than-prescribed",
        when=Chose("dose_pattern", ("more_than_prescribed",)),
        shows=("overdose-signs", "no-changes-without-advice"),
        reason=SAID,
        triage="urgent",
        priority=9,
        card="poison",
        card_line="Too much of a muscle relaxer can be harmful, even if you feel fine now.",
        why="After taking more than prescribed, call the poison line on the card now, even without "
        "symptoms (MedlinePlus). Never raise the dose without a doctor's say-so.",
    ),
    Rule(
        id="stopped-suddenly-needs-care",
        when=RISKY_STOP,
        shows=("stopping-safely",),
        reason=BECAUSE,
        triage="urgent",
        priority=10,
        card="stopped",
        card_line="Stopping this kind of muscle relaxer, early or all at once, can cause "
        "withdrawal, which can be dangerous.",
        withholds=("dose-and-timing", "too-soon"),
        why="Baclofen, tizanidine, carisoprodol and diazepam must not be stopped all at once "
        "after regular use: withdrawal can be dangerous (for baclofen, seizures and "
        "hallucinations). A relaxer the reader cannot name, taken for spasticity, every day or for "
        "weeks, may be one of them.",
    ),
    Rule(
        id="urgent-warning-signs",
        when=Chose("red_flags", values_in("serious_cause")),
        shows=("prompt-evaluation",),
        reason=SAID,
        triage="urgent",
        priority=11,
        card_line="These signs can point to a cause that a doctor should check today, such as a "
        "pressed nerve, an infection or, rarely, cancer.",
        why="Some back pain has a serious cause, such as an infection or, rarely, cancer. Get seen "
        "today for these signs: a fever, cancer in the past, weight loss without trying, pain "
        "worse at night, a lump or swelling, pain between the shoulder blades, pain worse when "
        "you cough, burning when you pee, or pain so bad no position helps (NHS; MedlinePlus).",
    ),
    Rule(
        id="liver-or-gut-signs",
        when=Chose("red_flags", values_in("medicine_harm")),
        shows=("prompt-evaluation", "side-effects", "liver-side-effects"),
        reason=SAID,
        triage="urgent",
        priority=11,
        card_line="Yellow skin or eyes, or dark pee, can mean a liver problem. Black or bloody poop can "
        "mean bleeding in the gut. Belly pain that does not go away can come from either, and new "
        "swelling in the legs can come from anti-inflammatory pain relievers. Some muscle relaxers "
        "and pain relievers can cause these. " + STOP_BOUGHT_NSAID,
        why="Yellow skin or eyes, or dark pee, can mean liver harm (the dantrolene, tizanidine and "
        "chlorzoxazone labels). Black or bloody poop can mean bleeding (the ibuprofen and "
        "naproxen labels). Get seen today.",
    ),
    Rule(
        id="liver-early-signs",
        when=Chose("also_taking", values_in("liver_early")),
        shows=("prompt-evaluation", "side-effects", "liver-side-effects"),
        reason=SAID,
        triage="urgent",
        priority=11,
        card_line="On one of these medicines, new tiredness, feeling sick or not wanting to eat can "
        "be an early sign of liver harm. A doctor should check you today.",
        why="Dantrolene, tizanidine and chlorzoxazone can harm the liver; tiredness, feeling sick "
        "and not wanting to eat can be early signs (their labels; MedlinePlus): get seen today.",
    ),
    Rule(
        # The sign names dark pee, which these two can cause without harm (safe-use.md): the card
        # says so, and still asks for a check today (review 10, L4).
        id="harmless-pee-color",
        when=all_of(Chose("relaxer", ("methocarbamol", "chlorzoxazone")), Chose("red_flags", ("yellow_or_black",))),
        shows=("side-effects", "liver-side-effects"),
        reason=SAID,
        triage="urgent",
        priority=11,
        card_line="Methocarbamol and chlorzoxazone can change the color of pee without harm. Still "
        "get checked today to be sure, above all for yellow skin or eyes.",
        why="Methocarbamol can turn pee brown, black, blue or green, and chlorzoxazone orange or "
        "purple-red, without harm (their labels); yellow skin or eyes still need a check today.",
    ),
    Rule(
        id="worsening-nerve-signs",
        when=Chose("red_flags", values_in("worsening")),
        shows=("prompt-evaluation", "not-a-muscle-problem", "nerve-pain"),
        reason=SAID,
        triage="urgent",
        priority=11,
        card_line="Numbness, tingling or weakness that keeps getting worse can mean a nerve is being "
        "pressed more and more. A doctor should check it today.",
        why="New numbness or weakness in a leg, or numbness that gets worse over days, can mean a "
        "pressed nerve. Get seen today (NICE NG59; NHS; MedlinePlus). Sudden weakness or "
        "numbness, or both legs, is an emergency.",
    ),
    Rule(
        id="fall-or-injury",
        when=Chose("red_flags", values_in("injury")),
        shows=("prompt-evaluation",),
        reason=SAID,
        triage="urgent",
        priority=12,
        card_line="After a hard fall or blow, or a small fall with thin bones (osteoporosis) or "
        "long-term steroid medicines, a doctor should check for a broken bone today.",
        why="Pain after a hard fall or blow can be a broken bone. So can a small fall with thin bones "
        "or long-term steroids. Get seen today (NICE NG59; MedlinePlus). A strain from lifting or "
        "a twist is not a warning sign.",
    ),
    Rule(
        id="much-stiffer",
        when=Chose("red_flags", values_in("stiff")),
        shows=("prompt-evaluation", "stopping-safely"),
        reason=SAID,
        triage="urgent",
        priority=13,
        # The pump is asked about only inside its own sign: a pump user who ticks this one
        # instead still hears that for them it is an emergency (review 6, L2).
        card_line="Muscles that suddenly get much stiffer need checking today. It can come from "
        "an infection, or from stopping a medicine. If you get baclofen from a pump and your "
        "muscles are much stiffer, call the emergency number now.",
        why="Spasticity that suddenly gets much worse can mean an infection or withdrawal from a "
        "medicine: get seen today.",
    ),
    Rule(
        id="warning-signs-unanswered",
        when=Unanswered("red_flags", "you have not said yet whether you have any warning signs"),
        shows=("emergency-signs",),
        reason=BECAUSE,
        triage="see_doctor",
        priority=14,
        why="Until the warning signs are answered, nothing rules them out, so the checker never "
        "gives the self-care card; it asks for them first.",
    ),
    Rule(
        id="sedating-mix",
        when=all_of(Chose("also_taking", ("alcohol",)), Chose("also_taking", ("sedating_prescriptions",))),
        shows=("overdose-signs", "interactions"),
        reason=SAID,
        triage="see_doctor",
        priority=15,
        card_line="Alcohol and another prescription medicine that makes you sleepy both add to a "
        "muscle relaxer's effect, and together they can slow breathing.",
        why="Alcohol, opioids, benzodiazepines and sleeping pills all add to a relaxer's sedation; "
        "together they can slow breathing.",
    ),
    Rule(
        # Alcohol alone (review 6, M1): the card of the next few days must not read as "a walk
        # and a pain reliever tonight" without the overdose page's own advice for this mix.
        id="alcohol-with-relaxer",
        when=Chose("also_taking", ("alcohol",)),
        # Not the overdose signs first: a glass of wine is not an overdose (over-triage review);
        # the card line carries that page's advice for a mix with no sign of too much medicine.
        shows=("interactions",),
        reason=SAID,
        triage="see_doctor",
        priority=16,
        card_line="Alcohol makes a muscle relaxer more likely to make you too sleepy. Do not drink "
        "any more while you take it. Tonight, do not drive, and stay with someone. Ask a "
        "pharmacist which pain reliever, if any, is safe for you. If someone gets very sleepy or "
        "hard to wake, or breathes slowly, call the emergency number.",
        why="Alcohol adds to a relaxer's sleepiness (the cyclobenzaprine label; MedlinePlus). "
        "With no sign of too much medicine: drink no more, do not drive, stay with someone, ask "
        "a pharmacist; the signs of too much medicine need the emergency number.",
        # "In the first days, take it the way you were told" is not the message beside a drink
        # taken with it (review 6, M1); the card's line is.
        withholds=("too-soon",),
    ),
    Rule(
        id="tizanidine-raisers",
        when=all_of(Chose("relaxer", ("tizanidine",)), Chose("also_taking", ("tizanidine_raisers",))),
        shows=("interactions", "no-changes-without-advice"),
        reason=SAID,
        triage="urgent",
        priority=12,
        card="mix",
        card_line="Ciprofloxacin and fluvoxamine make the level of tizanidine in the blood much "
        "higher. That can cause very low blood pressure and heavy sleepiness. Its label says they "
        "are not to be taken together.",
        why="Tizanidine must not be taken with ciprofloxacin or fluvoxamine. They raise its level a "
        "lot, which can cause low blood pressure and heavy sleepiness. Ask the prescriber or a "
        "pharmacist today (its label).",
    ),
    Rule(
        # A relaxer the reader cannot name may be tizanidine (review 16, M3), as it may be
        # cyclobenzaprine beside an MAOI: the same call before the next dose.
        id="maybe-tizanidine-raisers",
        when=all_of(UNKNOWN_RELAXER, Chose("also_taking", ("tizanidine_raisers",))),
        shows=("interactions", "no-changes-without-advice"),
        reason=SAID,
        triage="urgent",
        priority=12,
        card="mix",
        card_line="If your muscle relaxer is tizanidine (Zanaflex), its label says it is not to be "
        "taken with ciprofloxacin or fluvoxamine: they raise its level a lot, which can cause very "
        "low blood pressure and heavy sleepiness. Check the name on the bottle with a pharmacist.",
        why="A relaxer the reader cannot name may be tizanidine, which must not be taken with "
        "ciprofloxacin or fluvoxamine (its label). Ask a pharmacist or the prescriber today, "
        "before the next dose.",
    ),
    Rule(
        id="benzodiazepine-and-sedating",
        when=all_of(Chose("relaxer", ("diazepam",)), Chose("also_taking", ("sedating_prescriptions", "gabapentinoid"))),
        shows=("overdose-signs", "interactions", "dependence"),
        reason=SAID,
        triage="see_doctor",
        priority=15,
        card_line="Diazepam and an opioid, or another prescription medicine that makes you sleepy, "
        "can together slow or stop breathing. Know the signs of too much medicine.",
        why="Diazepam with an opioid, or with another medicine that makes you sleepy, can slow or "
        "stop breathing. The reader needs the signs of too much medicine (FDA boxed warning, "
        "2016).",
    ),
    Rule(
        id="gabapentinoid-mix",
        when=Chose("also_taking", ("gabapentinoid",)),
        shows=("overdose-signs", "interactions"),
        reason=SAID,
        triage="see_doctor",
        priority=15,
        card_line="Gabapentin or pregabalin and a muscle relaxer or an opioid can together slow "
        "breathing, more so at 65 or older or with lung disease.",
        why="Gabapentin or pregabalin with a relaxer or an opioid can slow breathing, more so when "
        "older or with lung disease. The signs of too much medicine come first (FDA, 2019).",
    ),
    Rule(
        id="cyclobenzaprine-and-maoi",
        when=all_of(MAY_BE_CYCLOBENZAPRINE, Chose("also_taking", ("maoi",))),
        shows=("interactions",),
        reason=SAID,
        triage="urgent",
        priority=12,
        card="mix",
        card_line="Cyclobenzaprine must not be taken with an MAOI antidepressant, or within 2 weeks "
        "of one: together they can cause a dangerous reaction with a high fever and seizures (its "
        "label). Before your next dose of the muscle relaxer, call your doctor or a pharmacist today. "
        "If a fever, much stiffer muscles or confusion start, call the emergency number now.",
        why="Cyclobenzaprine is not to be taken with an MAOI or within 14 days of one (its label); "
        "a relaxer the reader cannot name may be cyclobenzaprine. Ask the prescriber or a "
        "pharmacist today, before the next dose.",
    ),
    Rule(
        id="serotonin-mix",
        when=all_of(SEROTONIN_RELAXER, Chose("also_taking", ("serotonergic", "maoi"))),
        shows=("interactions", "side-effects"),
        reason=SAID,
        triage="see_doctor",
        priority=15,
        card_line="Cyclobenzaprine or metaxalone and an antidepressant, tramadol or a triptan can, "
        "rarely, cause serotonin syndrome. Its signs are on the page about other medicines. An "
        "MAOI antidepressant counts too, and cyclobenzaprine must never be taken with one.",
        why="Cyclobenzaprine or metaxalone with an antidepressant, tramadol or a triptan can cause "
        "serotonin syndrome. Cyclobenzaprine must never be taken with an MAOI. The reader needs "
        "the signs, and the prescriber should know of the mix (their labels).",
    ),
    Rule(
        id="older-and-sedating",
        when=all_of(Yes("age_65_or_older"), Chose("also_taking", SEDATING)),
        shows=("older-adults", "interactions"),
        reason=SAID,
        triage="see_doctor",
        priority=16,
        card_line="At 65 or older, alcohol and other medicines that make you sleepy add to a "
        "muscle relaxer's effect and raise the risk of falls and confusion.",
        why="Older adults feel the sleepy effect more, and falls and confusion are more likely. Most "
        "muscle relaxers are best avoided at 65 and over (the Beers Criteria).",
    ),
    Rule(
        id="stopped-suddenly",
        when=Chose("dose_pattern", ("stopped_suddenly",)),
        shows=("stopping-safely", DOCTOR),
        reason=SAID,
        triage="see_doctor",
        priority=17,
        # Not "in the first days, take it the way you were told" beside a stop (review 9, L1).
        withholds=("too-soon",),
        why="Stopping a relaxer is best done with the prescriber's plan; some must be lowered "
        "slowly.",
    ),
    Rule(
        id="older-adult",
        when=Yes("age_65_or_older"),
        shows=("older-adults",),
        reason=SAID,
        triage="see_doctor",
        priority=18,
        why="At 65 and over, muscle relaxers cause more falls, confusion and sleepiness. Most are "
        "best avoided, so ask the doctor whether yours is right (the Beers Criteria).",
    ),
    Rule(
        id="pregnant-or-breastfeeding",
        when=Yes("pregnant_or_breastfeeding"),
        shows=("pregnancy",),
        reason=SAID,
        triage="see_doctor",
        priority=19,
        # The pregnancy section says ask before you take it; "take it the way you were told"
        # does not lead beside it (review 9, L1).
        withholds=("too-soon",),
        why="In pregnancy or while breastfeeding, ask a doctor, midwife or pharmacist before taking "
        "any of these medicines, OTC pain relievers included.",
    ),
    Rule(
        id="long-use-stopping",
        when=all_of(any_of(Chose("relaxer", TAPER_NEEDED), UNKNOWN_RELAXER), WEEKS_OF_USE),
        shows=("stopping-safely",),
        reason=SAID,
        priority=22,
        why="After weeks of use, baclofen, tizanidine, carisoprodol and diazepam must be lowered "
        "slowly, never stopped all at once (their labels). A relaxer the reader cannot name may "
        "be one of them.",
    ),
    Rule(
        id="first-days",
        when=AtMost("days_taken", 2),
        shows=("too-soon", "side-effects"),
        reason=SAID,
        priority=20,
        why="In the first days it may be too soon to judge; some relaxers, such as baclofen, are "
        "started low and changed step by step. Meanwhile, watch for side effects and warning signs.",
    ),
    Rule(
        id="on-a-relaxer",
        when=any_of(Answered("relaxer"), Answered("days_taken")),
        shows=(DOCTOR, "what-to-tell-your-doctor"),
        reason=SAID,
        triage="see_doctor",
        priority=21,
        why="If the relaxer is not giving relief and there is no warning sign, talk to the "
        "prescriber. Bring the drug's name, the dose, how long you took it and how you feel.",
    ),
    Rule(
        id="antispastic-for-strain",
        when=all_of(
            Chose("relaxer", relaxers_of_class(ANTISPASTIC)),
            Chose("prescribed_for", ("recent_strain",)),
        ),
        shows=("wrong-class", "treatment-changes", DOCTOR),
        reason=SAID,
        triage="see_doctor",
        priority=22,
        why="Some relaxers are for stiff muscles from long-term conditions such as MS. Used for a "
        "simple strain, they will likely help little.",
    ),
    Rule(
        id="antispasmodic-for-spasticity",
        when=all_of(
            Chose("relaxer", relaxers_of_class(ANTISPASMODIC)),
            Chose("prescribed_for", ("spasticity_condition",)),
        ),
        shows=("wrong-class", "treatment-changes", DOCTOR),
        reason=SAID,
        triage="see_doctor",
        priority=23,
        why="Some relaxers are for new muscle pain and spasm, not for stiff muscles from conditions "
        "like MS or cerebral palsy. The wrong kind helps little.",
    ),
    Rule(
        id="past-three-weeks",
        # The limit is for the antispasmodics used for a recent strain; baclofen, tizanidine
        # and dantrolene for spasticity are long-term treatments and never match here.
        when=all_of(
            MoreThan("days_taken", 21),
            any_of(
                Chose("prescribed_for", ("recent_strain",)),
                Chose("relaxer", relaxers_of_class(ANTISPASMODIC)),
            ),
        ),
        shows=("tolerance", "treatment-changes", DOCTOR),
        reason=SAID,
        triage="see_doctor",
        priority=24,
        why="Relaxers for a recent strain are meant for a short time, most often no more than two to "
        "three weeks. After that, the body may get used to them.",
    ),
    Rule(
        id="low-dose-or-stopped",
        when=Chose("dose_pattern", ("lower_or_skipped", "stopped_early")),
        shows=("dose-and-timing",),
        reason=SAID,
        priority=25,
        why="Too low a dose, or stopping early, can keep the drug from reaching its full effect.",
    ),
    Rule(
        id="other-substances",
        when=Chose("also_taking", MIXES),
        shows=("interactions", "side-effects", "no-changes-without-advice", DOCTOR),
        reason=SAID,
        triage="see_doctor",
        priority=26,
        why="Alcohol and other medicines that make you sleepy make a relaxer's side effects stronger "
        "(its label). Some medicines mix badly with one relaxer. Do not drink alcohol while you "
        "take a muscle relaxer.",
    ),
    Rule(
        id="shooting-pain",
        when=Chose("pain_pattern", ("shooting_or_radiating",)),
        shows=("not-a-muscle-problem", "nerve-pain", DOCTOR),
        reason=SAID,
        triage="see_doctor",
        priority=30,
        # Sources differ on how soon (MedlinePlus: call right away for pain below the knee; NHS:
        # a GP if not better in a few weeks): the card asks the reader to call now and ask.
        card_line="If the pain shoots down a leg below the knee, call your doctor's office now and ask "
        "how soon you should be seen. New numbness or weakness in the leg means get seen today.",
        why="The pain may come from a pressed nerve, not a spasm. A relaxer then helps little, and a "
        "doctor should check the nerve. NICE advises against most nerve-pain medicines for "
        "sciatica.",
    ),
    Rule(
        id="joint-pain",
        when=Chose("pain_pattern", ("joint",)),
        shows=("not-a-muscle-problem", "joint-pain"),
        reason=SAID,
        priority=31,
        why="The pain may come from joint dysfunction rather than a muscle spasm.",
    ),
    Rule(
        id="swelling",
        when=Chose("pain_pattern", ("swelling",)),
        shows=("not-a-muscle-problem", "inflammation"),
        reason=SAID,
        priority=32,
        why="The pain may come from inflammation rather than a muscle spasm.",
    ),
    Rule(
        id="taken-as-prescribed",
        when=Chose("dose_pattern", ("as_prescribed",)),
        shows=("metabolism", "how-well-they-work", "treatment-changes"),
        reason=SAID,
        priority=33,
        why="Each body handles a drug in its own way, so one relaxer may fail for one person and help "
        "another. The effect of any relaxer is modest, and none is proven better than another.",
    ),
    Rule(
        id="recent-pain",
        when=AtMost("pain_weeks", 6),
        shows=("natural-course",),
        reason=SAID,
        priority=39,
        why="Most muscle and back pain gets better on its own within weeks; staying active helps "
        "and bed rest does not.",
    ),
    Rule(
        id="heat-or-ice-not-tried",
        when=LeftOut("tried", ("heat", "ice")),
        shows=("heat-and-ice",),
        reason=SAID,
        priority=40,
        why="Heat eases pain and spasm by bringing blood flow; ice eases swelling and pain.",
    ),
    Rule(
        id="stretching-not-tried",
        when=LeftOut("tried", ("stretching",)),
        shows=("gentle-movement", "gentle-stretches"),
        reason=SAID,
        priority=41,
        why="Gentle, pain-free movement and stretching can help interrupt the spasm cycle.",
    ),
    Rule(
        id="otc-relievers-not-tried",
        when=LeftOut("tried", ("otc_pain_relievers",)),
        shows=("otc-pain-relief",),
        reason=SAID,
        priority=42,
        why="OTC pain relievers work differently from relaxers, on pain and inflammation, "
        "until a prescription change can be made.",
    ),
    Rule(
        id="otc-relievers-tried",
        when=Chose("tried", ("otc_pain_relievers",)),
        shows=("otc-pain-relief", "acetaminophen-limits", "nsaid-limits"),
        reason=SAID,
        priority=43,
        why="Anyone who takes pain relievers from the store needs their limits: the most in a day, "
        "the time between doses, and when to stop and get help (the Drug Facts labels; NHS).",
    ),
    Rule(
        id="habit-forming",
        when=Chose("relaxer", ("carisoprodol", "diazepam")),
        shows=("dependence",),
        reason=SAID,
        priority=44,
        why="Carisoprodol and diazepam can be habit-forming (MedlinePlus; the diazepam label's "
        "boxed warning).",
    ),
    Rule(
        id="liver-watch",
        when=Chose("relaxer", ("dantrolene", "tizanidine", "chlorzoxazone")),
        shows=("side-effects", "liver-side-effects"),
        reason=SAID,
        priority=45,
        why="Dantrolene (a boxed warning), tizanidine and chlorzoxazone can harm the liver; their "
        "labels list the signs to call about.",
    ),
    Rule(
        id="baclofen-and-kidneys",
        when=Chose("relaxer", ("baclofen",)),
        shows=("side-effects", "baclofen-kidneys"),
        reason=SAID,
        priority=46,
        why="With kidney disease, signs of too much baclofen can come even at a low dose (its label).",
    ),
    Rule(
        id="drying-side-effects",
        when=Chose("relaxer", ("cyclobenzaprine", "orphenadrine")),
        shows=("side-effects", "cyclobenzaprine-orphenadrine"),
        reason=SAID,
        priority=47,
        why="Cyclobenzaprine and orphenadrine can cause trouble peeing, constipation and confusion in "
        "older adults, and are not for some heart and eye conditions (their labels).",
    ),
    Rule(
        id="long-lasting-knot",
        when=all_of(
            Chose("pain_pattern", ("knot_or_cramp",)),
            any_of(MoreThan("pain_weeks", 6), Yes("recurring")),
        ),
        shows=("physical-therapy", "injections", DOCTOR),
        reason=SAID,
        triage="see_doctor",
        priority=50,
        why="A tight knot that lasts or keeps coming back is worth a doctor's visit. Exercise and "
        "physical therapy come first. For low back pain, NICE advises against shots, trigger point "
        "shots too.",
    ),
    Rule(
        id="long-lasting-pain",
        when=any_of(MoreThan("pain_weeks", 6), Yes("recurring")),
        shows=("choices", "physical-therapy", "injections", "coping", "daily-life", DOCTOR),
        reason=SAID,
        triage="see_doctor",
        priority=51,
        why="For pain that lasts or keeps coming back, exercise and physical therapy come first. "
        "Talking therapy can be added when the pain stops you coping. NICE advises against spinal "
        "injections for low back pain.",
    ),
    Rule(
        id="long-sitting",
        when=Yes("sits_long"),
        shows=("posture",),
        reason=SAID,
        priority=60,
        why="Correcting posture, especially when sitting for long periods, reduces strain on "
        "the back and neck.",
    ),
    Rule(
        id="poor-sleep",
        when=Yes("sleep_disturbed"),
        shows=("sleep-position",),
        reason=SAID,
        # Not a warning sign by itself (it also means pain that makes it hard to get to sleep),
        # but MedlinePlus names pain that wakes you, or is worse at night or lying down, as one:
        # the calm card points at it (review 8, M3; review 15, M2).
        priority=61,
        card_line="If the pain wakes you from sleep, or is worse at night or when you lie down, "
        "that is a warning sign: get seen today. To get comfortable, try the sleeping positions "
        "below.",
        why="Sleeping positions that keep the spine aligned, with pillows, ease stress on the "
        "body during rest.",
    ),
)

# What applies when no rule sets a level; a row of the rule table, so the site documents it.
DEFAULT_ROW = (
    "default",
    'Warning signs: "None of these", and no rule above sets a level',
    "nothing extra",
    DEFAULT_LEVEL,
    "With no warning sign and nothing else to go on, the self-care card applies; it also "
    "says to see a doctor if the pain does not improve or a warning sign appears.",
)


def check_rules(rules: tuple[Rule, ...]) -> None:
    """Fail loudly on anything a rule names that does not exist, or a rule that cannot work."""
    seen: set[str] = set()
    for rule in rules:
        where = f'Rule "{rule.id}"'
        if rule.id in seen:
            raise RuleError(f"{where} appears twice.")
        seen.add(rule.id)
        try:
            rule.when.check()
        except RuleError as error:
            raise RuleError(f"{where}: {error}") from None
        if not rule.shows:
            raise RuleError(f"{where} shows no section.")
        for position, section_id in enumerate(rule.shows):
            if section_id not in SECTIONS:
                raise RuleError(f'{where} names the section "{section_id}", which does not exist.')
            # A shown h3 inside a folded h2 would stay hidden, so the parent must come first.
            parent = SECTIONS[section_id].parent
            if parent and parent not in rule.shows[:position]:
                raise RuleError(f'{where} shows "{section_id}" without its parent "{parent}" before it.')
        if rule.triage is not None and rule.triage not in LEVELS:
            raise RuleError(f'{where} has the triage level "{rule.triage}"; use one of {LEVELS}.')
        if "{said}" not in rule.reason:
            raise RuleError(f"{where} has a reason that does not quote the answers.")
        if rule.card is not None:
            if rule.card not in CARDS:
                raise RuleError(f'{where} names the card "{rule.card}", which does not exist.')
            if CARDS[rule.card].level != rule.triage:
                raise RuleError(f'{where} has the {rule.triage} level but the {CARDS[rule.card].level} card.')
        for section_id in rule.withholds:
            if section_id not in SECTIONS:
                raise RuleError(f'{where} withholds the section "{section_id}", which does not exist.')


def sign_level(rules: tuple[Rule, ...], value: str) -> str:
    """The level the rules give a warning sign ticked alone."""
    question = next((sign.question for sign in SIGNS if sign.value == value), "red_flags")
    answers = {question: [value]}
    levels = [rule.triage for rule in rules if rule.triage and rule.when.matches(answers)]
    return max(levels, key=LEVELS.index, default=DEFAULT_LEVEL)


def check_signs(rules: tuple[Rule, ...]) -> None:
    """Each warning sign, ticked alone, gets the level warning_signs.py (and so every page) gives it."""
    for sign in SIGNS:
        level = sign_level(rules, sign.value)
        if level != sign.level:
            raise RuleError(
                f'The warning sign "{sign.value}" is {sign.level} in warning_signs.py, but the rules '
                f"give it {level} when it is ticked alone. Add it to a rule of that level."
            )


def check_cards() -> None:
    """Every card links only to sections that exist: its "read more" link and each thing to do tonight."""
    for card in CARDS.values():
        for section_id in (card.link[0], *(section for _, section in card.now)):
            if section_id not in SECTIONS:
                raise RuleError(f'Card "{card.id}" links to the section "{section_id}", which does not exist.')


check_rules(RULES)
check_signs(RULES)
check_cards()

# The order the engine walks them in: by priority, then as written (sorted() is stable).
ORDERED: tuple[Rule, ...] = tuple(sorted(RULES, key=lambda rule: rule.priority))


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _links(rule: Rule) -> str:
    # The link text is the section's id until the build writes the heading's title in
    # (sitebuild.section_links), so a rule can never name a section by a title the page lacks.
    return ", ".join(
        link(section_id) + f'{{ data-rg-title="{section_id}" }}' for section_id in rule.shows
    )


# How the page names each level, most urgent first (None: the rule changes the topics only).
LEVEL_WORDS: tuple[tuple[str | None, str], ...] = (
    ("emergency", "The checker says to call the emergency number now"),
    ("urgent", "The checker says to get help today"),
    ("see_doctor", "The checker says to contact the doctor"),
    (None, "The checker puts topics first, without changing the advice"),
)


# Each level by the name its card gives it, for the table's "Advice" column (never the code).
LEVEL_NAMES: dict[str, str] = {
    "emergency": "Call the emergency number now",
    "urgent": "Get seen today",
    "see_doctor": "Contact the doctor",
    "self_care": "Start with the relief steps",
}


def rules_markdown() -> str:
    """The rules for the "How the checker decides" page: by level, in words, then the full table
    folded (Markdown, links to sections)."""
    lines: list[str] = []
    for level, words in LEVEL_WORDS:
        rules = [rule for rule in ORDERED if rule.triage == level]
        lines += [f"**{words}:**", ""]
        for rule in rules:
            lines.append(f"- {rule.why} It shows first: {_links(rule)}.")
        lines.append("")
    rule_id, when, _, triage, why = DEFAULT_ROW
    lines += [f"**Otherwise:** {why}", ""]
    lines += ['??? info "For checking: the full rule table, in technical terms"', ""]
    table = [
        "| Rule | When | Shows first | Advice | Why |",
        "| --- | --- | --- | --- | --- |",
    ]
    for rule in ORDERED:
        level = f"at least: {LEVEL_NAMES[rule.triage]}" if rule.triage else "no change"
        table.append(
            f"| `{rule.id}` | {_cell(rule.when.describe())} | {_links(rule)} | {level} | {_cell(rule.why)} |"
        )
    table.append(f"| `{rule_id}` | {_cell(when)} | nothing extra | {LEVEL_NAMES[triage]} | {_cell(why)} |")
    lines += ["    " + row for row in table]
    return "\n".join(lines) + "\n"
