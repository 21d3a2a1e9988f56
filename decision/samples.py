"""The one answer sampler: valid answer sets drawn from the questions by their kinds (kinds.py).

The build's standard-library trace (sitebuild/stdlib.py) sends `each_alone()` and
`everything()` through the checker, and the tests sweep `sample_answer_sets` (and a Hypothesis
strategy over the same kinds, tests/answer_samples.py). It lives in decision because the build
must not import the tests; the browser never imports it. A new question, option or kind is
sampled without touching it, and nothing here or in the tests counts the answer space.
"""

from __future__ import annotations

import random
from functools import cache

from .conditions import AtMost, MoreThan, leaves
from .kinds import KINDS
from .questions import QUESTIONS, Question
from .rules import RULES



@cache
def limits(question: Question) -> tuple[int, ...]:
    """The numbers the rules compare this question's answer with, smallest first: a sweep tries
    each side of them, which random draws rarely hit."""
    return tuple(sorted({
        leaf.limit for rule in RULES for leaf in leaves(rule.when)
        if isinstance(leaf, (MoreThan, AtMost)) and leaf.question == question.id
    }))


def values(question: Question) -> list:
    """The answers to one question worth trying on their own (its kind's samples)."""
    return KINDS[question.kind].samples(question, limits(question))


def each_alone() -> list[dict]:
    """One answer set per sampled answer of each question, that question alone answered."""
    return [{question.id: value} for question in QUESTIONS for value in values(question)]


def everything() -> dict:
    """Every question answered at once (each with its last sample: every option of a multi)."""
    return {question.id: values(question)[-1] for question in QUESTIONS}


def draw(question: Question, rng: random.Random):
    """A random valid answer to one question."""
    return KINDS[question.kind].draw(question, rng, limits(question))


def sample_answer_sets(n: int, seed: int = 0) -> list[dict]:
    """n valid answer dicts, the same for the same n and seed; each question is answered about
    60% of the time. The first is always the empty answer set and the second answers every
    question."""
    rng = random.Random(seed)
    sets: list[dict] = []
    for index in range(n):
        if index == 0:
            sets.append({})
            continue
        answer_all = index == 1
        sets.append({question.id: draw(question, rng) for question in QUESTIONS if answer_all or rng.random() < 0.6})
    return sets
