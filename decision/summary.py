"""The summary for the doctor: what the reader answered, in plain lines, and nothing else.

The guidance says to give the prescriber the drug's exact name, how it was taken, how long,
and a precise description of the symptoms. So the summary holds only answers: no advice, no
guesses, nothing the reader did not say. Unanswered questions get no line.
"""

from __future__ import annotations

from .questions import BY_ID, CLASS_WORDS, Question

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
    if question.kind == "number":
        return question.amount(value)
    if question.kind == "yes_no":
        return "yes" if value else "no"
    if question.kind == "single":
        option = question.option(value)
        if option.relaxer_class:
            return f"{option.summary_text()}, {CLASS_WORDS[option.relaxer_class]}"
        return option.summary_text()
    return "; ".join(question.option(v).summary_text() for v in value)


def answer_lines(answers: dict) -> list[str]:
    """One "Label: answer" line per answered question, in the order a doctor reads best."""
    return [f"{BY_ID[qid].summary_label}: {_value(BY_ID[qid], answers[qid])}" for qid in ORDER if qid in answers]


def summarize(answers: dict) -> str:
    """The summary for the doctor: answer_lines as text; "" when nothing is answered."""
    return "\n".join(answer_lines(answers))
