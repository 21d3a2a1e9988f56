"""What the questions a reader has not answered could add (decision.remaining): the line under an
early plan. It must never say "would not change" when an answer would make the advice more
urgent (the fever that is an emergency with baclofen stopped all at once), and never promise
what no answer gives.

Checked both ways over samples of the answer space: each claim has answers that bear it out,
and random answers to the open questions never raise the level or add a topic where the line
says they would not.
"""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import given, settings

import decision
import decision.browser
from support.samples import answer_sets
from decision.kinds import KINDS
from decision.samples import sample_answer_sets, values
from decision.questions import BY_ID, GROUPS
from decision.remaining import remaining

LEVELS = list(decision.LEVELS)
GROUP_IDS = [group for group, _ in GROUPS]


def level(answers: dict) -> int:
    return LEVELS.index(decision.plan(answers).triage)


def topics(answers: dict) -> set[str]:
    return {item.id for item in decision.plan(answers).show}


def random_rest(rng: random.Random, answers: dict) -> dict:
    """Some answers to the questions `answers` leaves open (a reader going on)."""
    drawn = sample_answer_sets(2, seed=rng.randrange(10**6))[1]  # the second answers everything
    return {qid: value for qid, value in drawn.items() if qid not in answers and rng.random() < 0.6}


def test_a_fever_alone_says_the_medicine_questions_could_make_it_an_emergency():
    fever = {"red_flags": ["fever"]}
    found = remaining(fever)
    assert found.more_urgent and {"medicine", "taking"} <= set(found.groups)
    assert "more urgent" in found.text
    # The answers it found bear it out: baclofen stopped all at once, with the fever.
    assert level({**fever, **found.examples["urgent"]}) > level(fever)
    assert decision.plan({**fever, "relaxer": "baclofen", "dose_pattern": "stopped_suddenly"}).triage == "emergency"


@pytest.mark.parametrize("sign", ["bowel_bladder", "hard_to_wake"])
def test_an_emergency_cannot_get_more_urgent(sign):
    found = remaining({"red_flags": [sign]})
    assert not found.more_urgent and "would not make this advice more urgent" in found.text


def test_every_question_answered_says_nothing():
    everything = sample_answer_sets(2, seed=3)[1]
    assert set(everything) == set(BY_ID)
    assert remaining(everything).text == "" and remaining(everything).groups == ()


def every_answer(question_id: str) -> list:
    """Every answer one question can get: its kind's samples (a multi's: each option alone, and
    all but none), and a count's every number up to 400."""
    question = BY_ID[question_id]
    counts = range(question.minimum, 400) if KINDS[question.kind].counts else []
    return [*values(question), *counts]


def test_would_not_change_is_true_for_every_answer():
    """With one question left open, "would not change" holds for each answer it can get."""
    said_so = 0
    for answers in sample_answer_sets(60, seed=9)[1:]:
        for open_id in list(answers):
            rest = {qid: value for qid, value in answers.items() if qid != open_id}
            if set(rest) | {open_id} != set(BY_ID) or remaining(rest).groups:
                continue
            said_so += 1
            assert "would not change" in remaining(rest).text
            for value in every_answer(open_id):
                whole = {**rest, open_id: value}
                assert level(whole) <= level(rest) and not topics(whole) - topics(rest), (rest, open_id, value)
    assert said_so, "no sample left only a question that changes nothing"


def test_the_groups_are_in_step_order_and_each_has_an_open_question():
    for answers in sample_answer_sets(200, seed=11):
        found = remaining(answers)
        assert list(found.groups) == [g for g in GROUP_IDS if g in found.groups]
        for group in found.groups:
            assert any(q.group == group and q.id not in answers for q in BY_ID.values()), (answers, group)


@settings(max_examples=150, deadline=None)
@given(answer_sets())
def test_each_claim_is_borne_out_by_answers_it_names(answers):
    found = remaining(answers)
    for claim, example in found.examples.items():
        assert not set(example) & set(answers), "the example changes an answer already given"
        whole = {**answers, **example}
        if claim == "urgent":
            assert level(whole) > level(answers)
        else:
            assert topics(whole) - topics(answers)
    assert found.more_urgent == ("urgent" in found.examples)
    assert found.more_topics == ("topics" in found.examples)


def test_no_answer_does_more_than_the_line_says():
    """Random answers to the open questions: a higher level or a new topic only where the line
    says the rest could give one."""
    rng = random.Random(17)
    for answers in sample_answer_sets(150, seed=5):
        found = remaining(answers)
        for _ in range(8):
            rest = random_rest(rng, answers)
            if not rest:
                continue
            whole = {**answers, **rest}
            if level(whole) > level(answers):
                assert found.more_urgent, (answers, rest)
            if topics(whole) - topics(answers):
                assert found.more_topics, (answers, rest)


def test_the_browser_reply_carries_it_beside_the_plan():
    answers = {"red_flags": ["fever"]}
    reply = json.loads(decision.browser.handle(json.dumps({"op": "plan", "answers": answers})))
    assert reply["plan"] == decision.plan(answers).to_dict(), "the plan itself is unchanged"
    assert reply["more"] == remaining(answers).to_dict()
    assert set(reply["more"]) == {"groups", "more_urgent", "more_topics", "text", "questions"}


def test_the_line_names_the_questions_not_answered():
    """Issue 25: "could make this advice more urgent" said which questions, by their words."""
    found = remaining({"red_flags": ["fever"]})
    assert "relaxer" in found.questions and "dose_pattern" in found.questions
    assert '"Which muscle relaxer are you taking?"' in found.text
    assert '"How have you been taking it?"' in found.text
    assert list(found.questions) == [qid for qid in BY_ID if qid in found.questions]
    for answers in sample_answer_sets(60, seed=4):
        found = remaining(answers)
        assert not set(found.questions) & set(answers)
        assert {BY_ID[qid].group for qid in found.questions} == set(found.groups)
        for qid in found.questions:
            assert f'"{BY_ID[qid].prompt}"' in found.text


def test_an_ache_is_an_answer():
    """Every question can be answered: "just an ache" answers the pain question, and adds no topic."""
    ache = decision.plan({"red_flags": ["none"], "pain_pattern": ["none"]})
    assert ache.triage == "self_care" and ache.show == ()
    assert "Pain: none of these, just an ache" in ache.summary
