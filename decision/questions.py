"""The checker's questions, as data: one source for the browser form, the CLI and the docs.

Each question says, besides what the reader sees, how to quote the reader back in a reason
("you said ...") and how to write the answer into the summary for the doctor, so the rules,
the reasons and the summary never invent their own wording for an answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .kinds import NONE, kind_named
from .warning_signs import asked_in

# The relaxer classes. Antispasmodics are for new (acute) muscle pain and spasm; antispastics
# are for spasticity from long-term conditions such as MS or cerebral palsy (guidance,
# "Common Reasons for Lack of Relief"). Some drugs are used for both.
ANTISPASMODIC = "antispasmodic"
ANTISPASTIC = "antispastic"
BOTH = "both"

# Each class word glossed where it stands: the answers behind a card are written with these.
CLASS_WORDS = {
    ANTISPASMODIC: "an antispasmodic (for new muscle pain and spasm)",
    ANTISPASTIC: "an antispastic (for muscles kept stiff by a long-term condition)",
    BOTH: "used both for new muscle spasm (an antispasmodic) and for long-term stiffness (an antispastic)",
}

@dataclass(frozen=True)
class Option:
    value: str
    label: str
    # How a reason quotes this answer ("you said <said>"); label-like text for multi options
    # whose question has a `said` template.
    said: str
    # How the summary for the doctor writes it; the label when empty.
    summary: str = ""
    # Relaxer options only: antispasmodic, antispastic or both.
    relaxer_class: str = ""
    # Warning-sign options only: the level the sign needs on its own (warning_signs.py).
    level: str = ""

    def summary_text(self) -> str:
        # Labels start with a capital for the form; mid-line in the summary they read better
        # in lower case (relaxer names set `summary` to keep their capital).
        text = self.summary or self.label[:1].lower() + self.label[1:]
        # A relaxer's class word, glossed where it stands.
        return f"{text}, {CLASS_WORDS[self.relaxer_class]}" if self.relaxer_class else text


@dataclass(frozen=True)
class Question:
    id: str
    group: str
    prompt: str
    help: str
    kind: str  # a name in kinds.KINDS: how an answer is checked, quoted, summarised and sampled
    # The line label in the summary for the doctor, also the field name in the rule table.
    summary_label: str
    options: tuple[Option, ...] = ()
    minimum: int = 0
    maximum: int = 0  # number questions: in the first unit, whatever unit the reader picks
    # Number questions: the units a reader may answer in, with their size in the first one
    # (30 days to a month, 52 weeks to a year), so a course of years needs no false number.
    units: tuple[tuple[str, int], ...] = ()
    # Quoting templates. multi: "you have {}" filled with the chosen options' `said` text;
    # number: "you have taken it for {}" filled with "30 days"; yes_no: said_yes / said_no.
    said: str = "{}"
    said_not: str = ""
    said_yes: str = ""
    said_no: str = ""
    option_values: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        kind_named(self.kind, self.id)  # an unknown kind stops decision here, named
        object.__setattr__(self, "option_values", tuple(o.value for o in self.options))

    def option(self, value: str) -> Option:
        """The option with this value (KeyError if there is none: answers are checked first)."""
        return {option.value: option for option in self.options}[value]

    @property
    def unit(self) -> str:
        """The unit the limits and the rules count in (the first one)."""
        return self.units[0][0]

    def size(self, unit: str) -> int:
        """How many of the first unit one `unit` holds (KeyError for a unit it does not know)."""
        return dict(self.units)[unit]

    def counted(self, value) -> int:
        """A number answer in the first unit: 30, or {"value": 3, "unit": "years"} as 1095."""
        if isinstance(value, dict):
            return value["value"] * self.size(value["unit"])
        return value

    def amount(self, value) -> str:
        """'30 days', '1 day', 'less than a day', '3 years': a number answer in a sentence,
        in the unit the reader used."""
        number, unit = (value["value"], value["unit"]) if isinstance(value, dict) else (value, self.unit)
        singular = unit[:-1]  # the units are plural: days, weeks, months, years
        if number == 0:
            return f"less than a {singular}"
        return f"{number} {singular if number == 1 else unit}"

    def to_dict(self) -> dict:
        data: dict = {
            "id": self.id,
            "group": self.group,
            "prompt": self.prompt,
            "help": self.help,
            "kind": self.kind,
        }
        return data | kind_named(self.kind, self.id).export(self)


def _relaxer(value: str, name: str, brand: str, relaxer_class: str) -> Option:
    label = f"{name} ({brand})" if brand else name
    return Option(
        value, label, said=f"you take {name.lower()}", summary=label, relaxer_class=relaxer_class
    )


# Display order: the warning signs come first, so a reader in danger meets them at once.
QUESTIONS: tuple[Question, ...] = (
    Question(
        id="red_flags",
        group="warning",
        prompt="Do you have any of these warning signs?",
        help=(
            "Pick all that apply, or None of these. Helping someone? Answer for them. Sudden: over "
            "minutes or hours. Tingling: pins and needles."
        ),
        kind="multi",
        summary_label="Warning signs",
        # From warning_signs.py, most urgent first; the values are a contract: the early cards
        # on the start page are keyed on them.
        options=(
            *(Option(sign.value, sign.label, said=sign.said, summary=sign.summary, level=sign.level)
              for sign in asked_in("red_flags")),
            Option(NONE, "None of these", said="none of these warning signs",
                   summary="none reported"),
        ),
        said="you have {}",
    ),
    Question(
        id="relaxer",
        group="medicine",
        prompt="Which muscle relaxer are you taking?",
        help=(
            "Look for the name on your pill bottle or pharmacy label. A brand name, if shown, "
            "is in parentheses. If yours is not here, pick Another one."
        ),
        kind="single",
        summary_label="Muscle relaxer",
        options=(
            _relaxer("cyclobenzaprine", "Cyclobenzaprine", "Flexeril", ANTISPASMODIC),
            _relaxer("methocarbamol", "Methocarbamol", "Robaxin", ANTISPASMODIC),
            _relaxer("carisoprodol", "Carisoprodol", "Soma", ANTISPASMODIC),
            _relaxer("metaxalone", "Metaxalone", "Skelaxin", ANTISPASMODIC),
            _relaxer("chlorzoxazone", "Chlorzoxazone", "", ANTISPASMODIC),
            _relaxer("orphenadrine", "Orphenadrine", "", ANTISPASMODIC),
            _relaxer("tizanidine", "Tizanidine", "Zanaflex", BOTH),
            _relaxer("baclofen", "Baclofen", "", ANTISPASTIC),
            _relaxer("dantrolene", "Dantrolene", "", ANTISPASTIC),
            _relaxer("diazepam", "Diazepam", "Valium", BOTH),
            Option("other", "Another one (not listed here)",
                   said="you take a muscle relaxer that is not on the list",
                   summary="a muscle relaxer not on the checker's list"),
            Option("not_sure", "I'm not sure",
                   said="you are not sure which muscle relaxer you take",
                   summary="not sure of the name"),
        ),
    ),
    Question(
        id="prescribed_for",
        group="medicine",
        prompt="What was it prescribed for?",
        help=(
            "A strain is a pulled or overworked muscle. Spasticity means muscles stay stiff or "
            "tight because of a long-term condition of the brain, spine or nerves."
        ),
        kind="single",
        summary_label="Prescribed for",
        options=(
            Option("recent_strain", "A recent injury, strain or spasm",
                   said="it was prescribed for a recent injury, strain or spasm"),
            Option("spasticity_condition",
                   "Spasticity from a long-term condition (such as MS, cerebral palsy or "
                   "spinal cord injury)",
                   said="it was prescribed for spasticity from a long-term condition"),
            Option("not_sure", "I'm not sure",
                   said="you are not sure what it was prescribed for",
                   summary="not sure"),
        ),
    ),
    Question(
        id="days_taken",
        group="taking",
        prompt="How long have you taken it?",
        help=(
            "Count from your first dose. Type 0 if you started today. You can answer in days, "
            "weeks, months or years."
        ),
        kind="number",
        summary_label="Taken for",
        minimum=0,
        maximum=80 * 365,
        units=(("days", 1), ("weeks", 7), ("months", 30), ("years", 365)),
        said="you have taken it for {}",
    ),
    Question(
        id="dose_pattern",
        group="taking",
        prompt="How have you been taking it?",
        help=(
            "The dose is how much you take each time. Your label says the dose and how often. "
            "Be honest: this is only for you and your doctor."
        ),
        kind="single",
        summary_label="How it has been taken",
        options=(
            Option("as_prescribed", "As prescribed (the dose and times on the label)",
                   said="you take it as prescribed", summary="as prescribed"),
            Option("lower_or_skipped", "A lower dose, or I skipped some doses",
                   said="you took a lower dose or skipped doses",
                   summary="a lower dose than prescribed, or skipped doses"),
            Option("stopped_early", "I stopped taking it early",
                   said="you stopped taking it early", summary="stopped early"),
            # Some relaxers must not be stopped all at once after regular use (withdrawal).
            Option("stopped_suddenly", "I stopped all at once after taking it every day",
                   said="you stopped it all at once after taking it every day",
                   summary="stopped all at once after taking it every day"),
            Option("more_than_prescribed", "More than prescribed",
                   said="you took more than prescribed", summary="more than prescribed"),
        ),
    ),
    Question(
        id="also_taking",
        group="others",
        prompt="Since you started it, have you also had any of these?",
        help=(
            "These can mix badly with a muscle relaxer. OTC means you can buy it without a "
            "prescription. Plain pain relievers such as ibuprofen do not count, but nighttime "
            "(PM) ones often have a sleep aid in them. The choices that start with \"New\" are "
            "signs, not medicines: each is a reason to call today. Pick all that apply."
        ),
        kind="multi",
        summary_label="Also had",
        # What mixes badly with a relaxer, as the pages name it (why-not-working.md, "Other
        # medicines and alcohol"; safe-use.md): what adds to its sleepiness, what raises
        # serotonin (the cyclobenzaprine label), gabapentinoids (FDA, 2019), and what raises
        # tizanidine (its label). The site itself suggests plain OTC pain relievers, so they are
        # not flagged here.
        options=(
            Option("alcohol", "Alcohol (beer, wine or liquor)", said="alcohol",
                   summary="alcohol"),
            Option("sedating_prescriptions",
                   "Prescription medicines that make you sleepy (for pain, sleep or anxiety)",
                   said="prescription medicines that make you sleepy",
                   summary="other prescription medicines that cause sleepiness"),
            Option("sedating_otc",
                   "OTC medicines that make you sleepy (sleep aids, some allergy pills)",
                   said="over-the-counter medicines that make you sleepy",
                   summary="over-the-counter medicines that cause sleepiness"),
            Option("serotonergic",
                   "An antidepressant (such as sertraline), tramadol, or a triptan for migraine",
                   said="an antidepressant, tramadol or a triptan",
                   summary="an antidepressant, tramadol or a triptan (medicines that raise serotonin)"),
            # The cyclobenzaprine label: contraindicated with an MAOI or within 14 days of one.
            Option("maoi", "An MAOI antidepressant, such as phenelzine (Nardil), now or in the last 2 weeks",
                   said="an MAOI antidepressant, now or in the last 2 weeks",
                   summary="an MAOI antidepressant (such as phenelzine), now or in the last 2 weeks"),
            Option("gabapentinoid", "Gabapentin or pregabalin (for nerve pain or seizures)",
                   said="gabapentin or pregabalin", summary="gabapentin or pregabalin"),
            Option("tizanidine_raisers", "The antibiotic ciprofloxacin, or the antidepressant fluvoxamine",
                   said="ciprofloxacin or fluvoxamine", summary="ciprofloxacin or fluvoxamine"),
            # relief-now.md: too much acetaminophen needs help right away (Poison Help).
            Option("too_much_acetaminophen", "More acetaminophen (Tylenol) than its label says",
                   said="more acetaminophen than its label says",
                   summary="more acetaminophen than its label says"),
            # Warning signs asked here, beside the medicines that cause them (warning_signs.py:
            # mild serotonin syndrome). No `level`: the form groups only step one's signs by level.
            *(Option(sign.value, sign.label, said=sign.said, summary=sign.summary)
              for sign in asked_in("also_taking")),
            Option(NONE, "None of these", said="none of these", summary="none"),
        ),
        said="you have also had {}",
    ),
    Question(
        id="age_65_or_older",
        group="you",
        prompt="Are you 65 or older?",
        help="If you are helping someone, answer for them.",
        kind="yes_no",
        summary_label="65 or older",
        said_yes="you are 65 or older",
        said_no="you are younger than 65",
    ),
    Question(
        id="pregnant_or_breastfeeding",
        group="you",
        prompt="Are you pregnant, could you be pregnant, or are you breastfeeding?",
        help="If you are helping someone, answer for them.",
        kind="yes_no",
        summary_label="Pregnant, possibly pregnant, or breastfeeding",
        said_yes="you are pregnant, could be pregnant, or are breastfeeding",
        said_no="you are not pregnant or breastfeeding",
    ),
    Question(
        id="pain_pattern",
        group="pain",
        prompt="How does the pain feel?",
        help=(
            "Shooting pain travels, for example from your back down your leg. A knot is a "
            "tight, sore lump in a muscle. Pick all that apply."
        ),
        kind="multi",
        summary_label="Pain",
        options=(
            Option("shooting_or_radiating", "Shooting pain that spreads (such as down an arm or leg)",
                   said="shoots or spreads", summary="shooting pain that spreads"),
            Option("joint", "Pain in a joint (such as a knee, hip or shoulder)",
                   said="is in a joint", summary="pain in a joint"),
            Option("swelling", "Swelling where it hurts",
                   said="comes with swelling", summary="swelling where it hurts"),
            Option("knot_or_cramp", "A tight knot or cramp in the muscle",
                   said="feels like a knot or cramp in the muscle",
                   summary="a tight knot or cramp in the muscle"),
            # So every question can be answered: an ache that is none of the above.
            Option(NONE, "None of these: just an ache", said="is just an ache",
                   summary="none of these, just an ache"),
        ),
        said="your pain {}",
    ),
    Question(
        id="pain_weeks",
        group="pain",
        prompt="How long have you had this pain?",
        help=(
            "Count from when this pain started. Type 0 if it started less than a week ago. You "
            "can answer in weeks, months or years."
        ),
        kind="number",
        summary_label="Pain has lasted",
        minimum=0,
        maximum=80 * 52,
        units=(("weeks", 1), ("months", 4), ("years", 52)),
        said="the pain has lasted {}",
    ),
    Question(
        id="recurring",
        group="pain",
        prompt="Does this pain keep coming back?",
        help="Answer yes if you had this same pain before, it went away, and then it came back.",
        kind="yes_no",
        summary_label="Pain keeps coming back",
        said_yes="the pain keeps coming back",
        said_no="the pain does not keep coming back",
    ),
    Question(
        id="tried",
        group="relief",
        prompt="What have you tried for the pain so far?",
        help=(
            "OTC pain relievers are ones you can buy without a prescription, such as ibuprofen, "
            "naproxen or acetaminophen. Pick all that apply."
        ),
        kind="multi",
        summary_label="Tried so far",
        options=(
            Option("heat", "Heat (such as a heating pad or warm shower)", said="heat",
                   summary="heat"),
            Option("ice", "Ice or a cold pack", said="ice", summary="ice or a cold pack"),
            Option("stretching", "Gentle stretching or walking", said="gentle stretching",
                   summary="gentle stretching or walking"),
            Option("otc_pain_relievers", "Over-the-counter pain relievers",
                   said="over-the-counter pain relievers",
                   summary="over-the-counter pain relievers"),
            Option(NONE, "Nothing yet", said="nothing", summary="nothing yet"),
        ),
        said="you have tried {}",
        said_not="you have not tried {}",
    ),
    Question(
        id="sits_long",
        group="daily",
        prompt="Do you sit for long periods most days?",
        help="For example, for hours at a desk, in a car or on a couch.",
        kind="yes_no",
        summary_label="Sits for long periods most days",
        said_yes="you sit for long periods",
        said_no="you do not sit for long periods",
    ),
    Question(
        id="sleep_disturbed",
        group="daily",
        # Pain that wakes you is a warning sign (night_pain, step one): this asks only about
        # getting to sleep, so one set of words never has two levels (review 16, M1).
        prompt="Does the pain make it hard to fall asleep?",
        help=("Answer yes if pain often keeps you from falling asleep. Pain that wakes you from "
              "sleep is a warning sign: it is in the first step's list."),
        kind="yes_no",
        summary_label="Pain makes it hard to sleep",
        said_yes="the pain makes it hard to sleep",
        said_no="the pain does not make it hard to sleep",
    ),
)

BY_ID: dict[str, Question] = {q.id: q for q in QUESTIONS}

# Relaxer option value -> class, for the rules ("an antispastic for a recent strain").
RELAXER_CLASS: dict[str, str] = {
    o.value: o.relaxer_class for o in BY_ID["relaxer"].options if o.relaxer_class
}


def relaxers_of_class(*classes: str) -> tuple[str, ...]:
    """The relaxer option values in the given classes, in display order."""
    return tuple(value for value, cls in RELAXER_CLASS.items() if cls in classes)


# The headings the form, the CLI and the docs group the questions under, in display order.
GROUPS: tuple[tuple[str, str], ...] = (
    ("warning", "Warning signs"),
    ("medicine", "Your medicine"),
    ("taking", "How you take it"),
    ("others", "Other medicines and alcohol"),
    ("you", "About you"),
    ("pain", "Your pain"),
    ("relief", "What you have tried"),
    ("daily", "Your daily life"),
)


def question_groups() -> list[dict]:
    """The question groups as JSON-ready data: [{"id", "title"}], in display order."""
    return [{"id": group_id, "title": title} for group_id, title in GROUPS]


def questions() -> list[dict]:
    """The questions as JSON-ready dicts, in display order (warning signs first)."""
    return [q.to_dict() for q in QUESTIONS]
