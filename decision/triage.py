"""Triage levels, lowest to highest: the plan's level is the highest any matching rule asks for."""

from __future__ import annotations

LEVELS: tuple[str, ...] = ("self_care", "see_doctor", "urgent", "emergency")
DEFAULT_LEVEL = "self_care"


def highest(levels) -> str:
    """The most urgent of the given levels (the default when there are none)."""
    return max(levels, key=LEVELS.index, default=DEFAULT_LEVEL)


def at_least(level: str, floor: str) -> bool:
    return LEVELS.index(level) >= LEVELS.index(floor)
