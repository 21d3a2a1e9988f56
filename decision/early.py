"""The cards of the first step: what to do for each warning sign, before anything else loads.

The start page paints, under each warning-sign option, the card decision.plan gives for that
option alone, so a ticked box shows its advice with JavaScript off and before Python has
started (sitebuild/checker_html.py renders them; the page combines the ticked ones as the
plan would, and tests/test_checker_early.py checks every pair against decision.plan). An
option no more urgent than "None of these" gets no card. One function, used by the build and
by the tests, so the policy is written once.
"""

from __future__ import annotations

from .engine import plan
from .kinds import KINDS
from .questions import NONE, questions
from .triage import LEVELS


def early_cards() -> dict[str, dict[str, dict]]:
    """{question id: {option value: the plan's card}} for the multi-choice questions of the
    first step, each card as plan(...).to_dict()["card"] (its id, level, lines and the answers
    behind it)."""
    every = questions()
    first_group = every[0]["group"]
    table: dict[str, dict[str, dict]] = {}
    for question in every:
        if question["group"] != first_group or not KINDS[question["kind"]].several:
            continue
        baseline = LEVELS.index(plan({question["id"]: [NONE]}).triage)
        for option in question["options"]:
            card = plan({question["id"]: [option["value"]]}).to_dict()["card"]
            if LEVELS.index(card["level"]) > baseline:
                table.setdefault(question["id"], {})[option["value"]] = card
    return table
