"""The Hypothesis strategy over valid answer dicts, built on the question kinds' own samples and
draws (decision/kinds.py) through decision's one sampler (decision/samples.py), which the
seeded sweeps (`sample_answer_sets`) and the build's standard-library trace use too. A new
question, option or kind is covered without touching this file.
"""

from __future__ import annotations

from decision.questions import QUESTIONS
from decision.samples import draw, values


def answer_sets():
    """A Hypothesis strategy for valid answer dicts (any subset of questions answered): each
    answer one of its kind's samples or a draw from Hypothesis's own random source."""
    from hypothesis import strategies as st

    def value(question):
        drawn = st.randoms(use_true_random=False).map(lambda rng: draw(question, rng))
        return st.one_of(st.sampled_from(values(question)), drawn)

    return st.fixed_dictionaries({}, optional={question.id: value(question) for question in QUESTIONS})
