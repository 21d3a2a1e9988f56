"""How the checker quotes a reader's answers back: every answer once, in the order given."""

from __future__ import annotations

import pytest

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
