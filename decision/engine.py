"""The engine: walks the rule table over checked answers and builds the plan.

The plan carries its own layout, decided here and nowhere else: which sections lead and why
(`show`), which top-level sections come first on each page and which fold away (`layout`), and
the card at the top with its lines and the answers behind it (`card`). The browser applies it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .cards import BY_ID as CARDS
from .cards import DEFAULT_FOR_LEVEL, next_dose_line
from .conditions import merge_picked
from .page_layout import PageLayout, arrange
from .rules import ORDERED, Rule
from .sections import (
    ALWAYS_VISIBLE, BY_ID as SECTIONS, NOT_BESIDE_HARM, NOT_FOR_URGENT, SECTIONS as ALL_SECTIONS, WARNING, giving_way,
    top,
)
from .sections import section_ids
from .summary import answer_lines, summarize
from .triage import at_least, highest
from .validate import checked
from .warning_signs import BY_VALUE as SIGN_BY_VALUE, SIGNS, harm_signs

# The questions that ask warning signs (step one's, and the medicines step's mild serotonin signs).
SIGN_QUESTIONS = tuple(dict.fromkeys(sign.question for sign in SIGNS))

# Asked for before any plan can reassure: a plan without it says so in `ask`.
ASK_FIRST = ("red_flags",)


@dataclass(frozen=True)
class Shown:
    id: str
    reason: str
    rule: str


@dataclass(frozen=True)
class Card:
    id: str  # a card of cards.py
    level: str
    lines: tuple[str, ...]  # what these answers can mean, one line per rule that set the level
    because: tuple[str, ...]  # the answers behind the advice, as the doctor summary words them


@dataclass(frozen=True)
class Layout:
    lead: tuple[str, ...]  # top-level sections that come first, in this order, on their pages
    fold: tuple[str, ...]  # top-level sections folded away under "Other topics on this page"
    pages: tuple[PageLayout, ...]  # each page where a shown section sits, arranged (page_layout.py)


@dataclass(frozen=True)
class Plan:
    triage: str
    card: Card
    show: tuple[Shown, ...]
    fold: tuple[str, ...]
    always: tuple[str, ...]
    layout: Layout
    ask: tuple[str, ...]  # questions to answer before this plan can be trusted to reassure
    notices: tuple[str, ...]  # how the answers were read, where a reader should know
    summary: str

    def to_dict(self) -> dict:
        # The first five keys are the contract since 0.1; the others were added after it.
        return {
            "triage": self.triage,
            "show": [{"id": s.id, "reason": s.reason, "rule": s.rule} for s in self.show],
            "fold": list(self.fold),
            "always": list(self.always),
            "summary": self.summary,
            "card": {
                "id": self.card.id, "level": self.card.level,
                "lines": list(self.card.lines), "because": list(self.card.because),
            },
            "layout": {"lead": list(self.layout.lead), "fold": list(self.layout.fold),
                       "pages": {page.page: page.to_dict() for page in self.layout.pages}},
            "ask": list(self.ask),
            "notices": list(self.notices),
        }


# The plan's JSON as types, written once: a page checks a stored plan against it before using
# it (sitebuild.plan_version stamps it into every page; store.js reads it), and
# tests/test_decision_plan.py holds every plan to it. A list holds one item's shape; "*" is any
# key. The keys of PLAN_SINCE_0_1 are the contract since 0.1; the others came after it.
TEXTS = ["string"]
PLAN_SHAPE: dict = {
    "triage": "string",
    "show": [{"id": "string", "reason": "string", "rule": "string"}],
    "fold": TEXTS,
    "always": TEXTS,
    "summary": "string",
    "card": {"id": "string", "level": "string", "lines": TEXTS, "because": TEXTS},
    "layout": {"lead": TEXTS, "fold": TEXTS, "pages": {"*": {"order": TEXTS, "fold": TEXTS}}},
    "ask": TEXTS,
    "notices": TEXTS,
}
PLAN_SINCE_0_1 = ("triage", "show", "fold", "always", "summary")


def fits(value: object, shape: object) -> bool:
    """Whether JSON data has the shape (store.js's `fits` reads the same shapes)."""
    if shape == "string":
        return isinstance(value, str)
    if isinstance(shape, list):
        return isinstance(value, list) and all(fits(item, shape[0]) for item in value)
    if isinstance(shape, dict) and isinstance(value, dict):
        if "*" in shape:
            return all(fits(item, shape["*"]) for item in value.values())
        return all(fits(value.get(key), inner) for key, inner in shape.items())
    return False


def _unique(items) -> tuple:
    return tuple(dict.fromkeys(items))


def harm_in(answers: dict) -> tuple[str, ...]:
    """The ticked warning signs that the medicine itself may be doing harm, in display order."""
    ticked = {value for question in SIGN_QUESTIONS for value in answers.get(question, ())}
    return tuple(value for value in harm_signs() if value in ticked)


def _first_sign(rule: Rule, answers: dict) -> int:
    """Where the first warning sign this rule matched on sits in the list (len(SIGNS) if none)."""
    picked = rule.when.picked(answers)
    values = {v for question in SIGN_QUESTIONS for v in picked.get(question, ())}
    return next((n for n, sign in enumerate(SIGNS) if sign.value in values), len(SIGNS))


def card_for(triage: str, matched: list[Rule], answers: dict, ask: tuple[str, ...]) -> Card:
    """The card of the level, as the first rule that set it asks; its lines and answers come
    from every rule that set it, each said once. Among rules that matched on warning signs, the
    first sign in the list decides, unless another's card covers it (as the start page combines
    ticked signs before Python: steps.js takes the first most urgent one, or one covering it). Below urgent, while a question of ASK_FIRST is
    unanswered, the card asks for it instead of advising. Beside a sign that a medicine taken in
    doses may be doing harm, among the answers behind the card, the last line asks the reader to
    call before the next dose (never "stop it": some relaxers must be lowered slowly)."""
    deciding = [rule for rule in matched if rule.triage == triage]
    ordered = sorted(deciding, key=lambda rule: _first_sign(rule, answers))  # stable: priority next
    card_id = next((rule.card for rule in ordered[:1] if rule.card), None) or next(
        (rule.card for rule in deciding if rule.card and _first_sign(rule, answers) == len(SIGNS)),
        DEFAULT_FOR_LEVEL[triage])
    # A card that says all the chosen one says, and more (the crisis card beside another
    # emergency sign), is shown instead.
    card_id = next((rule.card for rule in ordered if rule.card and card_id in CARDS[rule.card].covers), card_id)
    if ask and not at_least(triage, "urgent"):
        card_id = "ask"
    picked = merge_picked(rule.when.picked(answers) for rule in deciding)
    ticked = {v for question in SIGN_QUESTIONS for v in picked.get(question, ())}
    next_dose = any(SIGN_BY_VALUE[v].harm and SIGN_BY_VALUE[v].doses for v in ticked if v in SIGN_BY_VALUE)
    # Lines of rules that set no level: on the calmer cards only (Rule.card_line).
    calm_lines = [] if at_least(triage, "urgent") else [rule.card_line for rule in matched if rule.triage is None and rule.card_line]
    return Card(
        id=card_id,
        level=triage,
        lines=_unique([*(rule.card_line for rule in deciding if rule.card_line), *calm_lines,
                       *((next_dose_line(triage),) if next_dose else ())]),
        because=tuple(answer_lines(picked)),
    )


def layout_for(show: list[Shown], fold: tuple[str, ...]) -> Layout:
    """On each page the plan touches: its warning-sign sections first (shown ones in the plan's
    order, then the rest as written), then the other sections that lead, in the plan's order;
    the rest of the page as written, with what the plan folds away folded."""
    tops = _unique(top(item.id) for item in show)
    pages = {SECTIONS[section].page for section in tops}
    on_pages = [s for s in ALL_SECTIONS if s.page in pages and s.parent is None]
    warnings = [s.id for s in on_pages if s.role == WARNING]
    lead = _unique([t for t in tops if t in warnings] + warnings + list(tops))
    folded = tuple(s.id for s in on_pages if s.id in fold and s.id not in lead)
    return Layout(lead=lead, fold=folded, pages=arrange(pages, lead, folded))


def plan(answers: object) -> Plan:
    """The plan for these answers. Raises InvalidAnswers (only) when they do not fit the questions.

    Rules are walked in priority order; a section shown by several rules keeps the reason of
    the first (most important) one. Everything is ordered, so equal answers give equal plans.
    """
    clean, notices = checked(answers)
    matched = [rule for rule in ORDERED if rule.when.matches(clean)]
    triage = highest(rule.triage for rule in matched if rule.triage)
    withheld = {section for rule in matched for section in rule.withholds}
    if at_least(triage, "urgent"):
        # What to do now, not what to try at home or in weeks, nor how well the drug works; but
        # a section a rule of the plan's own level asks for is what to do now (thoughts of
        # self-harm: coping, where the crisis line is).
        needed_now = {section for rule in matched if rule.triage == triage for section in rule.shows}
        withheld |= set(NOT_FOR_URGENT) - needed_now
    # Never "take it the way you were told" beside "call for help now, take no more", nor beside
    # a sign that the medicine itself may be doing harm (warning_signs.Sign.harm), whatever level.
    withheld |= giving_way({section for rule in matched for section in rule.shows} - withheld)
    harm = harm_in(clean)
    if harm:
        withheld |= {s.id for s in ALL_SECTIONS if s.stance in NOT_BESIDE_HARM}
    show: list[Shown] = []
    seen: set[str] = set()
    for rule in matched:
        reason = rule.reason_for(clean)
        for section_id in rule.shows:
            if section_id not in seen and section_id not in withheld:
                seen.add(section_id)
                show.append(Shown(section_id, reason, rule.id))
    # Nothing shown means nothing tailored: folding every page away would hide the guidance
    # from a reader who only pressed the button.
    fold = tuple(s for s in section_ids() if show and s not in seen and s not in ALWAYS_VISIBLE)
    ask = tuple(question for question in ASK_FIRST if question not in clean)
    return Plan(
        triage=triage,
        card=card_for(triage, matched, clean, ask),
        show=tuple(show),
        fold=fold,
        always=ALWAYS_VISIBLE,
        layout=layout_for(show, fold),
        ask=ask,
        notices=tuple(notices),
        summary=summarize(clean),
    )
