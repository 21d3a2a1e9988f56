"""The engine: walks the rule table over checked answers and builds the plan."""

from __future__ import annotations

from dataclasses import dataclass

from .rules import ORDERED
from .sections import ALWAYS_VISIBLE, NOT_FOR_URGENT, section_ids
from .summary import summarize
from .triage import LEVELS, highest
from .validate import validate


@dataclass(frozen=True)
class Shown:
    id: str
    reason: str
    rule: str


@dataclass(frozen=True)
class Plan:
    triage: str
    show: tuple[Shown, ...]
    fold: tuple[str, ...]
    always: tuple[str, ...]
    summary: str

    def to_dict(self) -> dict:
        return {
            "triage": self.triage,
            "show": [{"id": s.id, "reason": s.reason, "rule": s.rule} for s in self.show],
            "fold": list(self.fold),
            "always": list(self.always),
            "summary": self.summary,
        }


def plan(answers: object) -> Plan:
    """The plan for these answers. Raises InvalidAnswers (only) when they do not fit the questions.

    Rules are walked in priority order; a section shown by several rules keeps the reason of
    the first (most important) one. Everything is ordered, so equal answers give equal plans.
    """
    clean = validate(answers)
    matched = [rule for rule in ORDERED if rule.when.matches(clean)]
    triage = highest(rule.triage for rule in matched if rule.triage)
    # Beside warning signs, "it is not an emergency" text is neither shown nor left open.
    withheld = set(NOT_FOR_URGENT) if LEVELS.index(triage) >= LEVELS.index("urgent") else set()
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
    return Plan(
        triage=triage,
        show=tuple(show),
        fold=fold,
        always=ALWAYS_VISIBLE,
        summary=summarize(clean),
    )
