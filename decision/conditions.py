"""The little condition language the rules are written in.

A condition is data (which question, which options, which limit), so the rule table can be
checked against the questions at import time, printed in plain words for the site, and used
to quote back exactly the answers that made a rule match ("you said you have taken it for
30 days"), never answers that played no part.

Every condition but Unanswered is False when its question is unanswered: an unanswered
question tailors nothing, except where a rule says that leaving it out matters.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import RuleError
from .kinds import KINDS, kinds_that
from .questions import BY_ID, Question
from .words import join_and

# What each condition may be written on, by the kinds' abilities (kinds.py), never by name.
CHOICES = kinds_that("has_options")
SEVERAL = kinds_that("several")
COUNTED = kinds_that("counts")
YES_NO = kinds_that("yes_no")
ANY = tuple(KINDS)


def _question(question_id: str, kinds: tuple[str, ...]) -> Question:
    if question_id not in BY_ID:
        raise RuleError(f'A rule names the question "{question_id}", which does not exist.')
    question = BY_ID[question_id]
    if question.kind not in kinds:
        raise RuleError(
            f'A rule uses the {question.kind} question "{question_id}" as if it were '
            f"{' or '.join(kinds)}."
        )
    return question


def _options(question: Question, options: tuple[str, ...]) -> None:
    if not options:
        raise RuleError(f'A rule on "{question.id}" names no options.')
    for option in options:
        if option not in question.option_values:
            raise RuleError(
                f'A rule names the option "{option}" of "{question.id}", which does not exist; '
                f"the options are {', '.join(question.option_values)}."
            )


def _labels(question: Question, options: tuple[str, ...], word: str) -> str:
    return join_and([f'"{question.option(o).label}"' for o in options], word)


def quote(question: Question, value) -> str:
    """What the reader said, as words that follow "you said" in a reason (by its kind)."""
    return KINDS[question.kind].quote(question, value)


class Condition:
    def check(self) -> None:
        """Raise RuleError if the condition names anything the questions lack."""
        raise NotImplementedError

    def matches(self, answers: dict) -> bool:
        raise NotImplementedError

    def said(self, answers: dict) -> list[str]:
        """Quotes of the answers that make the condition true (call only when it matches)."""
        raise NotImplementedError

    def describe(self) -> str:
        """The condition in plain words, for the rule table."""
        raise NotImplementedError

    def picked(self, answers: dict) -> dict:
        """{question id: the part of its answer that makes the condition true} (call only when
        it matches): what a card lists as the answers behind its advice."""
        raise NotImplementedError


@dataclass(frozen=True)
class Chose(Condition):
    """A single question's answer is one of `options`, or a multi answer includes one."""

    question: str
    options: tuple[str, ...]

    def check(self) -> None:
        _options(_question(self.question, CHOICES), self.options)

    def matches(self, answers: dict) -> bool:
        value = answers.get(self.question)
        if value is None:
            return False
        if isinstance(value, list):
            return any(v in self.options for v in value)
        return value in self.options

    def said(self, answers: dict) -> list[str]:
        question = BY_ID[self.question]
        value = answers[self.question]
        if isinstance(value, list):
            # Quote only the chosen options this rule is about.
            value = [v for v in value if v in self.options]
        return [quote(question, value)]

    def describe(self) -> str:
        question = BY_ID[self.question]
        picked = " picked" if KINDS[question.kind].several else ""
        return f"{question.summary_label}: {_labels(question, self.options, 'or')}{picked}"

    def picked(self, answers: dict) -> dict:
        value = answers[self.question]
        return {self.question: [v for v in value if v in self.options] if isinstance(value, list) else value}


@dataclass(frozen=True)
class LeftOut(Condition):
    """A multi question is answered but leaves out at least one of `options`."""

    question: str
    options: tuple[str, ...]

    def check(self) -> None:
        question = _question(self.question, SEVERAL)
        _options(question, self.options)
        if not question.said_not:
            raise RuleError(f'"{question.id}" has no said_not text to quote what was left out.')

    def missing(self, answers: dict) -> list[str]:
        value = answers.get(self.question)
        if value is None:
            return []
        return [o for o in self.options if o not in value]

    def matches(self, answers: dict) -> bool:
        return bool(self.missing(answers))

    def said(self, answers: dict) -> list[str]:
        question = BY_ID[self.question]
        missing = [question.option(o).said for o in self.missing(answers)]
        return [question.said_not.format(join_and(missing, "or"))]

    def describe(self) -> str:
        question = BY_ID[self.question]
        return (
            f"{question.summary_label}: answered, but {_labels(question, self.options, 'or')} "
            "not picked"
        )

    def picked(self, answers: dict) -> dict:
        return {self.question: answers[self.question]}


@dataclass(frozen=True)
class Answered(Condition):
    """The question has any answer."""

    question: str

    def check(self) -> None:
        _question(self.question, ANY)

    def matches(self, answers: dict) -> bool:
        return self.question in answers

    def said(self, answers: dict) -> list[str]:
        return [quote(BY_ID[self.question], answers[self.question])]

    def describe(self) -> str:
        return f"{BY_ID[self.question].summary_label}: any answer"

    def picked(self, answers: dict) -> dict:
        return {self.question: answers[self.question]}


@dataclass(frozen=True)
class Unanswered(Condition):
    """The question has no answer: where leaving it out must not read as a reassuring answer."""

    question: str
    words: str  # how a reason says it: "you did not say which muscle relaxer it is"

    def check(self) -> None:
        _question(self.question, ANY)

    def matches(self, answers: dict) -> bool:
        return self.question not in answers

    def said(self, answers: dict) -> list[str]:
        return [self.words]

    def describe(self) -> str:
        return f"{BY_ID[self.question].summary_label}: not answered"

    def picked(self, answers: dict) -> dict:
        return {}


@dataclass(frozen=True)
class MoreThan(Condition):
    """A number answer is greater than `limit`."""

    question: str
    limit: int

    def check(self) -> None:
        question = _question(self.question, COUNTED)
        if not question.minimum <= self.limit < question.maximum:
            raise RuleError(f'The limit {self.limit} on "{self.question}" is outside its range.')

    def count(self, answers: dict) -> int | None:
        """The answer in the question's first unit, or None when unanswered."""
        value = answers.get(self.question)
        return None if value is None else BY_ID[self.question].counted(value)

    def matches(self, answers: dict) -> bool:
        count = self.count(answers)
        return count is not None and count > self.limit

    def said(self, answers: dict) -> list[str]:
        return [quote(BY_ID[self.question], answers[self.question])]

    def describe(self) -> str:
        question = BY_ID[self.question]
        return f"{question.summary_label}: more than {self.limit} {question.unit}"

    def picked(self, answers: dict) -> dict:
        return {self.question: answers[self.question]}


@dataclass(frozen=True)
class AtMost(MoreThan):
    """A number answer is `limit` or less (answered: an unanswered question matches nothing)."""

    def matches(self, answers: dict) -> bool:
        count = self.count(answers)
        return count is not None and count <= self.limit

    def describe(self) -> str:
        question = BY_ID[self.question]
        return f"{question.summary_label}: {self.limit} {question.unit} or less"


@dataclass(frozen=True)
class Yes(Condition):
    """A yes/no answer is yes."""

    question: str

    def check(self) -> None:
        _question(self.question, YES_NO)

    def matches(self, answers: dict) -> bool:
        return answers.get(self.question) is True

    def said(self, answers: dict) -> list[str]:
        return [quote(BY_ID[self.question], True)]

    def describe(self) -> str:
        return f"{BY_ID[self.question].summary_label}: yes"

    def picked(self, answers: dict) -> dict:
        return {self.question: True}


@dataclass(frozen=True)
class AllOf(Condition):
    parts: tuple[Condition, ...]

    def check(self) -> None:
        if not self.parts:
            raise RuleError("AllOf needs at least one condition.")
        for part in self.parts:
            part.check()

    def matches(self, answers: dict) -> bool:
        return all(part.matches(answers) for part in self.parts)

    def said(self, answers: dict) -> list[str]:
        # Two parts on one multi question ("alcohol" and "a sleepy prescription") read as one
        # quote: "you have also had alcohol and prescription medicines that make you sleepy".
        texts: list[str] = []
        joined: dict[str, tuple[int, dict]] = {}
        for part in self.parts:
            if isinstance(part, Chose) and KINDS[BY_ID[part.question].kind].several:
                if part.question in joined:
                    index, picked = joined[part.question]
                    picked = merge_picked([picked, part.picked(answers)])
                else:
                    index, picked = len(texts), part.picked(answers)
                    texts.append("")
                joined[part.question] = (index, picked)
                texts[index] = quote(BY_ID[part.question], picked[part.question])
            else:
                texts.extend(part.said(answers))
        return texts

    def describe(self) -> str:
        return " and ".join(_nested(part) for part in self.parts)

    def picked(self, answers: dict) -> dict:
        return merge_picked(part.picked(answers) for part in self.parts)


@dataclass(frozen=True)
class AnyOf(Condition):
    parts: tuple[Condition, ...]

    def check(self) -> None:
        if not self.parts:
            raise RuleError("AnyOf needs at least one condition.")
        for part in self.parts:
            part.check()

    def matches(self, answers: dict) -> bool:
        return any(part.matches(answers) for part in self.parts)

    def said(self, answers: dict) -> list[str]:
        # Only the parts that are true: the reason quotes what actually made the rule match,
        # each answer once when two true parts quote the same one.
        texts = [text for part in self.parts if part.matches(answers) for text in part.said(answers)]
        return list(dict.fromkeys(texts))

    def describe(self) -> str:
        return " or ".join(_nested(part) for part in self.parts)

    def picked(self, answers: dict) -> dict:
        return merge_picked(part.picked(answers) for part in self.parts if part.matches(answers))


def merge_picked(parts) -> dict:
    """Several picked() results as one: the multi choices of one question joined, in display order."""
    merged: dict = {}
    for part in parts:
        for question_id, value in part.items():
            if isinstance(value, list):
                have = set(merged.get(question_id, [])) | set(value)
                merged[question_id] = [v for v in BY_ID[question_id].option_values if v in have]
            else:
                merged[question_id] = value
    return merged


@dataclass(frozen=True)
class Named(Condition):
    """A condition with a name in the rule table, for one that several rules share and whose
    parts in full would not read as words ("a stop that can cause withdrawal")."""

    name: str
    condition: Condition

    def check(self) -> None:
        self.condition.check()

    def matches(self, answers: dict) -> bool:
        return self.condition.matches(answers)

    def said(self, answers: dict) -> list[str]:
        return self.condition.said(answers)

    def describe(self) -> str:
        return self.name

    def picked(self, answers: dict) -> dict:
        return self.condition.picked(answers)


def _nested(part: Condition) -> str:
    text = part.describe()
    return f"({text})" if isinstance(part, (AllOf, AnyOf)) else text


def all_of(*parts: Condition) -> AllOf:
    return AllOf(tuple(parts))


def any_of(*parts: Condition) -> AnyOf:
    return AnyOf(tuple(parts))


def leaves(condition: Condition):
    """Every leaf condition inside `condition` (through all_of, any_of and named ones)."""
    if isinstance(condition, (AllOf, AnyOf)):
        for part in condition.parts:
            yield from leaves(part)
    elif isinstance(condition, Named):
        yield from leaves(condition.condition)
    else:
        yield condition
