"""Valid answer sets drawn from decision.questions(), for tests that compare runtimes.

`sample_answer_sets(n, seed)` is deterministic (same n and seed, same list), so the CPython,
Node/Pyodide and browser tests can all walk the same answers. `answer_sets()` is the
Hypothesis strategy over the same space. Both read the questions, so a new question or
option is covered without touching this file.
"""

from __future__ import annotations

import random

import decision

NONE = "none"


def _numbers(question: dict) -> list[int]:
    """The edges and the rule thresholds' neighbours, which random draws rarely hit."""
    low, high = question["min"], question["max"]
    edges = {low, low + 1, high - 1, high, 6, 7, 21, 22}
    return sorted(n for n in edges if low <= n <= high)


def _in_unit(question: dict, number: int, unit: dict):
    """The count `number` (in the first unit) as a reader might give it in `unit`, rounded down."""
    if unit["size"] == 1:
        return number
    return {"value": number // unit["size"], "unit": unit["unit"]}


def _draw(rng: random.Random, question: dict):
    kind = question["kind"]
    if kind == "yes_no":
        return rng.random() < 0.5
    if kind == "number":
        number = rng.choice(_numbers(question)) if rng.random() < 0.3 else rng.randint(question["min"], question["max"])
        return _in_unit(question, number, rng.choice(question["units"])) if rng.random() < 0.3 else number
    values = [option["value"] for option in question["options"]]
    if kind == "single":
        return rng.choice(values)
    if NONE in values and rng.random() < 0.2:
        return [NONE]
    others = [value for value in values if value != NONE]
    picked = [value for value in others if rng.random() < 0.4] or [rng.choice(others)]
    if NONE in values and rng.random() < 0.05:
        picked.append(NONE)  # a slip: "None of these" ticked beside a choice (the choice counts)
    if rng.random() < 0.3:
        rng.shuffle(picked)  # the order a reader ticks boxes in must not matter
    return picked


def sample_answer_sets(n: int, seed: int = 0) -> list[dict]:
    """n valid answer dicts; each question is answered about 60% of the time.

    The first is always the empty answer set and the second answers every question.
    """
    rng = random.Random(seed)
    questions = decision.questions()
    sets: list[dict] = []
    for index in range(n):
        if index == 0:
            sets.append({})
            continue
        answer_all = index == 1
        sets.append(
            {
                question["id"]: _draw(rng, question)
                for question in questions
                if answer_all or rng.random() < 0.6
            }
        )
    return sets


def answer_sets():
    """A Hypothesis strategy for valid answer dicts (any subset of questions answered)."""
    from hypothesis import strategies as st

    def value(question: dict):
        kind = question["kind"]
        if kind == "yes_no":
            return st.booleans()
        if kind == "number":
            count = st.one_of(st.sampled_from(_numbers(question)), st.integers(question["min"], question["max"]))
            return st.one_of(
                count,
                st.builds(lambda n, unit: _in_unit(question, n, unit), count, st.sampled_from(question["units"])),
            )
        values = [option["value"] for option in question["options"]]
        if kind == "single":
            return st.sampled_from(values)
        others = [v for v in values if v != NONE]
        subsets = st.lists(st.sampled_from(others), min_size=1, unique=True)
        if NONE not in values:
            return subsets
        return st.one_of(st.just([NONE]), subsets, subsets.map(lambda picked: [NONE, *picked]))

    questions = decision.questions()
    return st.fixed_dictionaries(
        {}, optional={question["id"]: value(question) for question in questions}
    )
