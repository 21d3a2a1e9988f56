"""How the checker quotes a reader's answers back: every answer once, in the order given."""

from __future__ import annotations

import re

import pytest

import decision
from decision import samples
from decision.conditions import join_and


@pytest.mark.parametrize(
    "parts, word, expected",
    [
        ([], "and", ""),
        (["heat"], "and", "heat"),
        (["heat", "ice"], "and", "heat and ice"),
        (["heat", "ice", "rest"], "and", "heat, ice and rest"),
        (["a", "b", "c", "d"], "and", "a, b, c and d"),
        (["a", "b", "c", "d", "e"], "or", "a, b, c, d or e"),
    ],
)
def test_join_and_quotes_every_part_once_in_order(parts, word, expected):
    assert join_and(parts, word) == expected


# Drug-class words a reader may not know (issue 25): on a card each comes with a plain gloss,
# in parentheses right after it, or as the name in parentheses after the plain words.
JARGON = re.compile(r"\b(antispasmodics?|antispastics?|NSAIDs?|OTC)\b(?! \()(?!\))")


def card_texts() -> list[str]:
    """Every text a card can show: the cards' own words, every rule's card line, and the answers
    behind a card for every sampled answer of every question."""
    texts = [text for card in decision.cards()
             for text in (card["title"], card["text"], *card["wait"], *(i["text"] for i in card["now"]))]
    texts += [rule.card_line for rule in decision.rules.RULES]
    for answers in samples.each_alone():
        for flags in (["none"], ["fever"]):
            texts += list(decision.plan({**answers, "red_flags": flags}).card.because)
    return texts


def test_cards_gloss_the_drug_class_words():
    assert JARGON.search("Muscle relaxer: Baclofen, an antispastic") and not JARGON.search(
        "an antispastic (for muscles kept stiff by a long-term condition)")
    unglossed = [text for text in card_texts() if JARGON.search(text)]
    assert not unglossed, unglossed
