"""The one error a reader can cause: answers the checker cannot use."""

from __future__ import annotations


class InvalidAnswers(ValueError):
    """Answers (or a saved-answers token) that do not fit the questions.

    The message is plain words, because the browser may show it to the reader as is.
    `field` is the question id the problem is about, or None when it is about the whole input.
    """

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class RuleError(Exception):
    """A rule names a question, option or section that does not exist: a bug, not bad input.

    Raised at import time so a typo in the rule table can never ship silently.
    """
