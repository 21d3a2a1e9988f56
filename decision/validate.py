"""Checks answers (JSON-shaped data) against the questions and returns a clean copy.

Everything the engine sees has passed through here, so the rules can trust types and values.
On bad input the only exception is InvalidAnswers, with a message a reader can act on.
"""

from __future__ import annotations

import unicodedata
from typing import TypeGuard

from .errors import InvalidAnswers
from .questions import BY_ID, NONE, QUESTIONS, Question


# Characters a message never shows as they are: controls, bidi marks and overrides (U+202A-E,
# U+2066-9, U+200E/F), zero-width ones (U+200B-D, U+2060, U+FEFF), line and paragraph
# separators, surrogates, private-use and unassigned code points. A value may come from a
# link someone else made, and such characters can make a message read backwards or hide text.
_HIDDEN = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")
_SHORT = 40


_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _visible(char: str) -> str:
    """`char`, or its escape (\\x1b, \\u202e, as Python writes them) when it is one a reader
    could not see as it is. Written out by hand: the browser's trimmed standard library has no
    "unicode_escape" codec (only what the checker was measured to load)."""
    if unicodedata.category(char) not in _HIDDEN:
        return char
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _show(value: object) -> str:
    """A short rendering of a bad value for a message (never the whole of a huge value, and
    never a character that hides or reorders text: those are escaped)."""
    if value is None:
        pieces = ["empty"]  # JSON null; a Python type name means nothing to a reader
    elif isinstance(value, bool):
        pieces = ["true" if value else "false"]
    elif isinstance(value, str):
        # The first 40 characters decide what is shown: a longer value is cut below anyway.
        pieces = ['"', *map(_visible, value[:_SHORT]), '"']
    elif isinstance(value, int) and abs(value) > 10**15:
        pieces = ["a very large number"]  # repr() of a huge int can itself raise
    elif isinstance(value, (int, float)):
        pieces = [repr(value)]
    elif isinstance(value, list):
        pieces = ["a list"]
    elif isinstance(value, dict):
        pieces = ["an object"]
    else:
        pieces = ["a value of the wrong kind"]
    text = "".join(pieces)
    if len(text) <= _SHORT:
        return text
    # Cut to 37 characters and "...", between escapes, never through one.
    kept = ""
    for piece in pieces:
        if len(kept) + len(piece) > _SHORT - 3:
            break
        kept += piece
    return kept + "..."


def _where(question: Question) -> str:
    # The prompt, not the id: a reader may see this. The id travels in InvalidAnswers.field.
    return f'The answer to "{question.prompt}"'


def _allowed(question: Question) -> str:
    return ", ".join(f'"{value}"' for value in question.option_values)


def _whole(value: object) -> TypeGuard[int | float]:
    # bool is an int in Python, but true/false is not a count of days; 30.0 is 30; NaN and
    # infinities are not whole (is_integer() is False for them).
    return (
        not isinstance(value, bool)
        and isinstance(value, (int, float))
        and not (isinstance(value, float) and not value.is_integer())
    )


def _check_number(question: Question, value: object, notices: list[str]) -> int | dict:
    """A count in the first unit (30), or in another: {"value": 3, "unit": "years"}. A count
    given in the first unit comes back as a plain number, so each answer has one form."""
    unit = question.unit
    if isinstance(value, dict):
        if set(value) != {"value", "unit"} or value["unit"] not in dict(question.units):
            units = ", ".join(f'"{name}"' for name, _ in question.units)
            raise InvalidAnswers(
                f'{_where(question)} must be a number, or "value" with "unit" set to one of '
                f"{units}, not {_show(value)}.",
                question.id,
            )
        unit, value = value["unit"], value["value"]
    most = question.maximum // question.size(unit)
    if not _whole(value) or not question.minimum <= value <= most:
        raise InvalidAnswers(
            f"{_where(question)} must be a whole number of {unit} from {question.minimum} to "
            f"{most}, not {_show(value)}.",
            question.id,
        )
    number = int(value)
    return number if unit == question.unit else {"value": number, "unit": unit}


def _check_single(question: Question, value: object, notices: list[str]) -> str:
    if not isinstance(value, str) or value not in question.option_values:
        raise InvalidAnswers(
            f"{_where(question)} must be one of {_allowed(question)}, not {_show(value)}.",
            question.id,
        )
    return value


def _check_multi(question: Question, value: object, notices: list[str]) -> list[str]:
    if not isinstance(value, list):
        raise InvalidAnswers(
            f"{_where(question)} must be a list of choices from {_allowed(question)}, "
            f"not {_show(value)}.",
            question.id,
        )
    seen: list[str] = []
    for item in value:
        if not isinstance(item, str) or item not in question.option_values:
            raise InvalidAnswers(
                f"{_where(question)} has {_show(item)}, which is not a choice; the choices are "
                f"{_allowed(question)}.",
                question.id,
            )
        if item in seen:
            raise InvalidAnswers(
                f'{_where(question)} lists "{item}" more than once; list each choice once.',
                question.id,
            )
        seen.append(item)
    if NONE in seen and len(seen) > 1:
        # "None of these" beside a choice is a slip, and the choice is the safe reading of it:
        # a warning sign ticked with "None of these" must still count.
        seen.remove(NONE)
        notices.append(
            f'For "{question.prompt}" you picked "{question.option(NONE).label}" and other '
            f'answers too. The other answers count, not "{question.option(NONE).label}".'
        )
    # Display order, so the same choices always give the same plan, summary and share link.
    return [v for v in question.option_values if v in seen]


def _check_yes_no(question: Question, value: object, notices: list[str]) -> bool:
    if not isinstance(value, bool):
        raise InvalidAnswers(f"{_where(question)} must be true or false, not {_show(value)}.", question.id)
    return value


_CHECKS = {
    "number": _check_number,
    "single": _check_single,
    "multi": _check_multi,
    "yes_no": _check_yes_no,
}


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
            f"{_show(answers)}."
        )
    for key in answers:
        if key not in BY_ID:
            # No list of ids here (a reader may see this); the CLI points to the list.
            raise InvalidAnswers(f"There is no question called {_show(key)}.")
    clean: dict = {}
    notices: list[str] = []
    for question in QUESTIONS:
        value = answers.get(question.id)
        if value is None or (isinstance(value, list) and not value):
            continue
        clean[question.id] = _CHECKS[question.kind](question, value, notices)
    return clean, notices
