"""The rule table: which answers put which sections first, why, and how urgent it is.

Each rule traces to a sentence of the guidance (its `why`). The table is checked against the
questions and the sections when this module is imported, so a rule naming a question, option
or section that does not exist stops everything at once instead of silently never matching.

Defaults (chosen here, shown on the site as the last row of the table):
- No answers, or answers no rule matches: triage self_care and nothing tailored. The
  self-care card itself says to see a doctor if the pain does not improve or a warning sign
  appears, so the reader is never told that nothing needs doing.
- Naming the relaxer or the days taken means the reader is on a relaxer that (since they are
  here) is not giving relief; the guidance says to consult the prescriber then: see_doctor.
- "More than 21 days" is the guidance's "no more than two to three weeks". It applies to the
  antispasmodics used for a recent strain (the cyclobenzaprine label: "two or three weeks"),
  never to baclofen, tizanidine or dantrolene taken for spasticity, which are long-term.
- "2 days or less" on the relaxer, and "6 weeks or less" of pain, are the early days: the
  relaxer may not have had time to help, and most such pain gets better on its own.
- Warning signs: emergency for the signs of pressed nerves in the lower back, of a stroke or
  pressed spinal cord, and of too much medicine; urgent (seen today) for the signs of a
  serious cause (fever, injury, cancer, weight loss). The level never depends on other answers.
- "Pain for more than 6 weeks" is the brief's line for long-lasting pain, where the guidance
  turns to physical therapy and injections for chronic pain.
"""

from __future__ import annotations

from dataclasses import dataclass

from .conditions import Answered, AtMost, Chose, Condition, LeftOut, MoreThan, Yes, all_of, any_of, join_and
from .errors import RuleError
from .questions import ANTISPASMODIC, ANTISPASTIC, relaxers_of_class
from .sections import BY_ID as SECTIONS, link
from .triage import DEFAULT_LEVEL, LEVELS


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

    def reason_for(self, answers: dict) -> str:
        return self.reason.format(said=join_and(self.when.said(answers)))


SAID = "Shown because you said {said}."
DOCTOR = "see-your-doctor-soon"

# The warning signs, by the level they need (NHS back pain and cauda equina pages; NICE NG59's
# "think about alternative diagnoses": cancer, infection, trauma).
EMERGENCY_SIGNS = (
    "saddle_numbness", "urine_retention", "bowel_bladder", "sudden_weakness",
    "numbness_tingling", "both_legs",
)
URGENT_SIGNS = ("fever", "serious_injury", "cancer_history", "weight_loss")
# What adds to a relaxer's sleepiness (MedlinePlus drug pages: alcohol, opioids, sleep and
# anxiety medicines, drowsy allergy medicines).
SEDATING = ("alcohol", "sedating_prescriptions", "sedating_otc")
# Relaxers that must not be stopped all at once after regular use (withdrawal: for baclofen,
# seizures and hallucinations; MedlinePlus and NHS pages for each drug).
TAPER_NEEDED = ("baclofen", "tizanidine", "carisoprodol", "diazepam")

RULES: tuple[Rule, ...] = (
    Rule(
        id="emergency-warning-signs",
        when=Chose("red_flags", EMERGENCY_SIGNS),
        shows=("emergency-signs",),
        reason=SAID,
        triage="emergency",
        priority=0,
        why="Numbness or tingling around the genitals or bottom, trouble peeing, loss of bowel "
        "or bladder control, or weakness or numbness in both legs can mean pressed nerves in the "
        "lower back (cauda equina syndrome); sudden severe weakness, numbness or tingling in a limb "
        "needs immediate attention and can be a stroke or a pressed spinal cord.",
    ),
    Rule(
        id="too-sleepy",
        when=Chose("red_flags", ("hard_to_wake",)),
        shows=("overdose-signs", "emergency-signs"),
        reason=SAID,
        triage="emergency",
        priority=1,
        why="Being very sleepy, hard to wake, confused or breathing slowly can mean too much "
        "medicine, or a mix with alcohol or other sedating medicines: call the emergency number.",
    ),
    Rule(
        id="urgent-warning-signs",
        when=Chose("red_flags", URGENT_SIGNS),
        shows=("prompt-evaluation",),
        reason=SAID,
        triage="urgent",
        priority=2,
        why="Back pain with a fever, after a fall or accident, after cancer, or with weight loss "
        "for no reason can have a serious cause (infection, a broken bone, cancer): get seen "
        "today.",
    ),
    Rule(
        id="more-than-prescribed-and-sedating",
        when=all_of(
            Chose("dose_pattern", ("more_than_prescribed",)),
            Chose("also_taking", SEDATING),
        ),
        shows=("overdose-signs", "no-changes-without-advice"),
        reason=SAID,
        triage="urgent",
        priority=3,
        why="More than the prescribed dose together with alcohol or other sedating medicines can "
        "slow breathing; the reader needs the signs of too much medicine and when to call for help.",
    ),
    Rule(
        id="stopped-suddenly-needs-care",
        when=all_of(
            Chose("dose_pattern", ("stopped_suddenly",)),
            Chose("relaxer", TAPER_NEEDED),
        ),
        shows=("stopping-safely",),
        reason=SAID,
        triage="urgent",
        priority=4,
        why="Baclofen, tizanidine, carisoprodol and diazepam must not be stopped all at once "
        "after regular use: withdrawal can be dangerous (for baclofen, seizures and "
        "hallucinations).",
    ),
    Rule(
        id="more-than-prescribed",
        when=Chose("dose_pattern", ("more_than_prescribed",)),
        shows=("dose-and-timing", "no-changes-without-advice", DOCTOR),
        reason="Shown because you said {said}, which is not safe without your doctor's advice, "
        "so tell them.",
        triage="see_doctor",
        priority=5,
        why="The guidance says not to raise the dose without clear medical instruction; the "
        "prescriber needs to know.",
    ),
    Rule(
        id="stopped-suddenly",
        when=Chose("dose_pattern", ("stopped_suddenly",)),
        shows=("stopping-safely", DOCTOR),
        reason=SAID,
        triage="see_doctor",
        priority=6,
        why="Stopping a relaxer is best done with the prescriber's plan; some must be lowered "
        "slowly.",
    ),
    Rule(
        id="first-days",
        when=AtMost("days_taken", 2),
        shows=("too-soon", "side-effects"),
        reason=SAID,
        priority=7,
        why="A relaxer may need a few days to help; meanwhile, watch for side effects and "
        "warning signs.",
    ),
    Rule(
        id="on-a-relaxer",
        when=any_of(Answered("relaxer"), Answered("days_taken")),
        shows=(DOCTOR, "what-to-tell-your-doctor"),
        reason=SAID,
        triage="see_doctor",
        priority=10,
        why="If the relaxer is not giving relief and there are no severe symptoms, consult the "
        "prescriber, with the drug's name, the dose, how long it was taken and the symptoms.",
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
        priority=20,
        why="Antispastics are for spasticity from long-term conditions; one used for a simple "
        "strain will likely give poor relief.",
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
        priority=21,
        why="Antispasmodics are for new muscle pain and spasm, not for spasticity from "
        "conditions like MS or cerebral palsy: the wrong class gives poor relief.",
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
        priority=22,
        why="Antispasmodics for a recent strain are meant for short-term use, typically no more "
        "than two to three weeks; longer use can lead to tolerance.",
    ),
    Rule(
        id="low-dose-or-stopped",
        when=Chose("dose_pattern", ("lower_or_skipped", "stopped_early")),
        shows=("dose-and-timing",),
        reason=SAID,
        priority=23,
        why="Too low a dose, or stopping early, can keep the drug from reaching its full effect.",
    ),
    Rule(
        id="other-substances",
        when=Chose("also_taking", SEDATING),
        shows=("interactions", "side-effects", "no-changes-without-advice", DOCTOR),
        reason=SAID,
        triage="see_doctor",
        priority=24,
        why="Alcohol or other sedating medicines can make the relaxer work less well or make its "
        "side effects stronger; do not combine them without clear medical instruction.",
    ),
    Rule(
        id="shooting-pain",
        when=Chose("pain_pattern", ("shooting_or_radiating",)),
        shows=("not-a-muscle-problem", "nerve-pain", DOCTOR),
        reason=SAID,
        triage="see_doctor",
        priority=30,
        why="The pain may come from nerve compression, not a spasm; a sedating relaxer then "
        "helps little, and a doctor may suggest a nerve pain medicine.",
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
        why="Genes may change how a body breaks down a drug: one type may fail for one person and "
        "work for another, and the types work through different chemical pathways. The effect "
        "of any relaxer is modest, and none is proven better than another.",
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
        shows=("gentle-movement",),
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
        id="long-lasting-knot",
        when=all_of(
            Chose("pain_pattern", ("knot_or_cramp",)),
            any_of(MoreThan("pain_weeks", 6), Yes("recurring")),
        ),
        shows=("injections", DOCTOR),
        reason=SAID,
        triage="see_doctor",
        priority=50,
        why="Trigger point injections go into taut muscle knots; injections suit chronic or "
        "very local pain.",
    ),
    Rule(
        id="long-lasting-pain",
        when=any_of(MoreThan("pain_weeks", 6), Yes("recurring")),
        shows=("physical-therapy", "injections", DOCTOR),
        reason=SAID,
        triage="see_doctor",
        priority=51,
        why="When oral medicine fails, physical therapy and injections treat the physical "
        "causes of long-lasting or returning pain.",
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
        priority=61,
        why="Sleeping positions that keep the spine aligned, with pillows, ease stress on the "
        "body during rest.",
    ),
)

# What applies when no rule sets a level; a row of the rule table, so the site documents it.
DEFAULT_ROW = (
    "default",
    "no rule above sets a level (also when nothing is answered)",
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


check_rules(RULES)

# The order the engine walks them in: by priority, then as written (sorted() is stable).
ORDERED: tuple[Rule, ...] = tuple(sorted(RULES, key=lambda rule: rule.priority))


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def rules_markdown() -> str:
    """The rule table for the "How the checker decides" page (Markdown, links to sections)."""
    lines = [
        "| Rule | When | Shows first | Triage | Why |",
        "| --- | --- | --- | --- | --- |",
    ]
    for rule in ORDERED:
        triage = f"at least `{rule.triage}`" if rule.triage else "no change"
        shows = ", ".join(link(section_id) for section_id in rule.shows)
        lines.append(
            f"| `{rule.id}` | {_cell(rule.when.describe())} | {shows} | {triage} | {_cell(rule.why)} |"
        )
    rule_id, when, shows, triage, why = DEFAULT_ROW
    lines.append(f"| `{rule_id}` | {when} | {shows} | `{triage}` | {why} |")
    return "\n".join(lines) + "\n"
