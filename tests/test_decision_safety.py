"""No text the checker writes ever suggests taking more, raising a dose, or adding a substance.

The guidance: "Patients should avoid increasing the dosage or combining the medication with
other substances without clear medical instruction." The lint below is run over every reason,
summary and triage card the checker can produce, and is itself tested on bad sentences, so a
lint that matches nothing would fail here.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings

import decision
from support.samples import answer_sets
from decision import samples
from decision.kinds import KINDS
from decision.questions import QUESTIONS
from decision.samples import sample_answer_sets

SUBSTANCE = (
    r"(alcohol|drinks?|beer|wine|liquor|shots?|glass(es)?|medicines?|medications?|meds|drugs?|"
    r"pills?|tablets?|ibuprofen|naproxen|acetaminophen|nsaids?|otc|over-the-counter|"
    r"pain relievers?|sleeping pills?|sleep aids?|supplements?|substances?)"
)

FORBIDDEN = {
    "more of it": re.compile(
        r"\b(take|taking|use|using|try|trying|have|having)\s+"
        r"(some\s+|a\s+(little\s+|bit\s+)?)?(more|extra|another|additional|double|twice)\b"
    ),
    "raise the dose": re.compile(
        r"\b(increas|rais|doubl|boost|upp?)\w*\s+(the\s+|your\s+|its\s+|a\s+)?"
        r"(dose|dosage|doses|amount|pills?|tablets?|medicine|medication|relaxer)\b"
    ),
    "a bigger dose": re.compile(
        r"\b(higher|bigger|larger|stronger|extra|double|additional|another)\s+"
        r"(dose|dosage|amount|pills?|tablets?)\b"
    ),
    "more often": re.compile(r"\bmore\s+(often|pills?|tablets?|doses?|of\s+(it|the|your))\b"),
    "add a substance": re.compile(
        r"\b(add|adding|combine|combining|mix|mixing|pair|pairing|with)\b[^.;\n]{0,40}?\b" + SUBSTANCE
    ),
    "take a substance": re.compile(
        r"\b(take|taking|try|trying|use|using|start|starting|drink|drinking|have|having|grab|pour)"
        r"\s+(a\s+|an\s+|some\s+|another\s+|the\s+)?" + SUBSTANCE
    ),
}

# The summary is for the doctor and holds answers only: no advice words at all.
ADVICE = re.compile(
    r"\b(should|could|might|try|consider|ask|call|go to|see a|stop|start|avoid|must|please)\b"
)


def problems(text: str) -> list[str]:
    """The names of the forbidden patterns found in the text."""
    lowered = text.lower()
    return [name for name, pattern in FORBIDDEN.items() if pattern.search(lowered)]


BAD = [
    "Take more of it tonight.",
    "You could try taking a higher dose.",
    "Raise your dose to 10 mg.",
    "Ask about increasing the dosage.",
    "Double the dose if it still hurts.",
    "Try an extra pill at bedtime.",
    "Use more than prescribed.",
    "Taking it more often may help.",
    "Have a drink to help you relax.",
    "Add ibuprofen to your relaxer.",
    "Combine it with a sleeping pill.",
    "Take it with a glass of wine.",
    "Try acetaminophen as well.",
    "Mixing it with alcohol can help.",
    "Shown because you said you take baclofen, so take another one.",
    "Start an over-the-counter pain reliever too.",
]

GOOD = [
    "Shown because you said you took more than prescribed, which is not safe without your "
    "doctor's advice, so tell them.",
    "Shown because you said you have also had alcohol and other over-the-counter medicines.",
    "Shown because you said you have not tried over-the-counter pain relievers.",
    "Shown because you said you take baclofen and you have taken it for 30 days.",
    "Shown because you said your pain comes with swelling.",
    # A summary's lines are read one by one: "with" ends one, a medicine starts the next.
    "Warning signs: much stiffer muscles, with a baclofen pump\nTried so far: over-the-counter pain relievers",
]


@pytest.mark.parametrize("sentence", BAD)
def test_lint_catches_bad_sentences(sentence):
    assert problems(sentence), f"the lint let through: {sentence}"


@pytest.mark.parametrize("sentence", GOOD)
def test_lint_passes_plain_reports(sentence):
    assert problems(sentence) == []


def test_summary_advice_lint_catches_advice():
    assert ADVICE.search("you should see a doctor")
    assert ADVICE.search("consider stretching")
    assert not ADVICE.search("How it has been taken: stopped early")


def check_answers(answers: dict) -> None:
    plan = decision.plan(answers)
    # The summary is a list of answers, a line each: a line never runs on into the next one.
    texts = [item.reason for item in plan.show] + [*plan.summary.splitlines(), *plan.card.lines, *plan.card.because,
                                                   *plan.notices]
    for text in texts:
        assert problems(text) == [], (answers, text)
    # The summary, and the answers listed on a card, are answers only: no advice words at all.
    for text in [plan.summary, *plan.card.because]:
        assert not ADVICE.search(text.lower()), text


def test_every_answer_everywhere_once():
    """Every question answered at once, each sampled answer of each question alone, and every
    count up to 400."""
    check_answers(samples.everything())
    for answers in samples.each_alone():
        check_answers(answers)
    for question in QUESTIONS:
        if KINDS[question.kind].counts:
            for number in range(question.minimum, min(question.maximum, 400) + 1):
                check_answers({question.id: number})


def test_many_sampled_answer_sets():
    for answers in sample_answer_sets(1500, seed=11):
        check_answers(answers)


@settings(max_examples=400, deadline=None)
@given(answer_sets())
def test_no_output_suggests_more_or_mixing(answers):
    check_answers(answers)


def test_cards_pass_the_lint():
    for card in decision.cards():
        for text in [card["title"], card["text"], card["link"]["text"], *card["wait"],
                     *(item["text"] for item in card["now"])]:
            assert problems(text) == [], (card["id"], text)
    for rule in decision.rules.RULES:
        assert problems(rule.card_line) == [], (rule.id, rule.card_line)
