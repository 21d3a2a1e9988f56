"""The checker's decisions: questions, rules and the plan, as pure standard-library Python.

It runs unchanged on CPython 3.11+ and in the browser on Pyodide (Python 3.13), and does no
I/O: the command line (__main__) and the browser entry point (browser.handle) do that.
"""

from __future__ import annotations

__version__ = "0.1.0"

from . import browser, share
from .engine import Plan, Shown, plan
from .errors import InvalidAnswers, RuleError
from .questions import question_groups, questions
from .rules import rules_markdown
from .sections import ALWAYS_VISIBLE, section_ids
from .triage import triage_cards

__all__ = [
    "ALWAYS_VISIBLE",
    "InvalidAnswers",
    "Plan",
    "RuleError",
    "Shown",
    "browser",
    "plan",
    "question_groups",
    "questions",
    "rules_markdown",
    "section_ids",
    "share",
    "triage_cards",
]
