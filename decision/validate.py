"""Checks answers (JSON-shaped data) against the questions and returns a clean copy.

Everything the engine sees has passed through here, so the rules can trust types and values.
On bad input the only exception is InvalidAnswers, with a message a reader can act on. Each
answer is checked by its question's kind (kinds.py); this module checks the whole.
"""

from __future__ import annotations

from .errors import InvalidAnswers
from .kinds import KINDS
from .questions import BY_ID, QUESTIONS
from .words import shown


def validate(answers: object) -> dict:
    """The answers, checked and normalized: keys in question order, multi choices in display
    order, whole-number floats as ints, "None of these" dropped beside other choices. A null
    value or an empty list means "not answered" and is dropped, as a form with nothing ticked
    sends it; it tailors nothing.
    """
    return checked(answers)[0]


def checked(answers: object) -> tuple[dict, list[str]]:
    """validate's answers, and the notices a reader should see about how they were read."""
    if not isinstance(answers, dict):
        raise InvalidAnswers(
            "The answers must be a JSON object of question ids and answers, not "
            f"{shown(answers)}."
        )
    for key in answers:
        if key not in BY_ID:
            # No list of ids here (a reader may see this); the CLI points to the list.
            raise InvalidAnswers(f"There is no question called {shown(key)}.")
    clean: dict = {}
    notices: list[str] = []
    for question in QUESTIONS:
        value = answers.get(question.id)
        if value is None or (isinstance(value, list) and not value):
            continue
        clean[question.id] = KINDS[question.kind].check(question, value, notices)
    return clean, notices
