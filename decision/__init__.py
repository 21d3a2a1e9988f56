"""The checker's decisions: questions, rules and the plan, as pure standard-library Python.

It runs unchanged on CPython 3.11+ and in the browser on Pyodide (Python 3.13), and does no
I/O: the command line (__main__) and the browser entry point (browser.handle) do that.
"""

from __future__ import annotations

__version__ = "0.2.0"

from . import browser, share
from .cards import cards
from .early import early_cards
from .engine import Plan, Shown, plan
from .errors import InvalidAnswers, RuleError
from .questions import question_groups, questions
from .rules import rules_markdown
from .sections import ALWAYS_VISIBLE, section_ids
from .triage import LEVELS
from .warning_signs import warning_signs

__all__ = [
    "ALWAYS_VISIBLE",
    "LEVELS",
    "InvalidAnswers",
    "Plan",
    "RuleError",
    "Shown",
    "browser",
    "cards",
    "early_cards",
    "plan",
    "question_groups",
    "questions",
    "rules_markdown",
    "section_ids",
    "share",
    "warning_signs",
]
