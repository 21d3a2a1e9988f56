"""The summary for the doctor: what the reader answered, in plain lines, and nothing else.

The guidance says to give the prescriber the drug's exact name, how it was taken, how long,
and a precise description of the symptoms. So the summary holds only answers: no advice, no
guesses, nothing the reader did not say. Unanswered questions get no line.
"""

from __future__ import annotations

from .kinds import KINDS
from .questions import BY_ID, Question

# The order a doctor reads best: the drug first, the warning signs after the symptoms.
ORDER = (
    "relaxer",
    "prescribed_for",
    "dose_pattern",
    "days_taken",
    "age_65_or_older",
    "pregnant_or_breastfeeding",
    "pain_pattern",
    "pain_weeks",
    "recurring",
    "also_taking",
    "red_flags",
    "tried",
    "sits_long",
    "sleep_disturbed",
)


def _value(question: Question, value) -> str:
    return KINDS[question.kind].summary(question, value)


def answer_lines(answers: dict) -> list[str]:
    """One "Label: answer" line per answered question, in the order a doctor reads best."""
    return [f"{BY_ID[qid].summary_label}: {_value(BY_ID[qid], answers[qid])}" for qid in ORDER if qid in answers]


def summarize(answers: dict) -> str:
    """The summary for the doctor: answer_lines as text; "" when nothing is answered."""
    return "\n".join(answer_lines(answers))
