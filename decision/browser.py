"""The one entry point the browser's worker calls: JSON text in, JSON text out, never raises.

Keeping the browser boundary to strings means no Python object crosses into JavaScript, and
the JavaScript side never has to know how the plan is made.
"""

from __future__ import annotations

import json

from . import share
from .engine import plan
from .errors import InvalidAnswers
from .remaining import remaining
from .validate import validate


def _error(message: str, field: str | None = None) -> str:
    return json.dumps({"ok": False, "error": message, "field": field})


def _answer(request: dict) -> dict:
    op = request.get("op")
    if op == "plan":
        if "answers" not in request:
            raise InvalidAnswers('A "plan" request needs "answers".')
        answers = request["answers"]
        result = plan(answers)
        # `more`: what the questions not answered yet could add (the start page's line under
        # the plan); not part of the plan, which other pages apply as it is.
        return {"ok": True, "plan": result.to_dict(), "share": share.encode(answers),
                "more": remaining(answers).to_dict()}
    if op == "decode":
        if "token" not in request:
            raise InvalidAnswers('A "decode" request needs "token".')
        return {"ok": True, "answers": share.decode(request["token"])}
    if op == "check":
        # Answers the tab stored earlier: checked here before any of them reaches the form.
        if "answers" not in request:
            raise InvalidAnswers('A "check" request needs "answers".')
        return {"ok": True, "answers": validate(request["answers"])}
    raise InvalidAnswers('The request must have "op" set to "plan", "decode" or "check".')


def handle(request_json: str) -> str:
    """{"op":"plan","answers":{...}} -> {"ok":true,"plan":{...},"share":"v1....","more":{...}};
    {"op":"decode","token":"..."} -> {"ok":true,"answers":{...}};
    {"op":"check","answers":{...}} -> {"ok":true,"answers":{...checked and normalized}};
    any failure -> {"ok":false,"error":"<plain message>","field":<question id or null>}.
    """
    try:
        if not isinstance(request_json, str):
            raise InvalidAnswers("The request must be JSON text.")
        try:
            request = json.loads(request_json)
        except (ValueError, RecursionError):
            raise InvalidAnswers("The request is not valid JSON.") from None
        if not isinstance(request, dict):
            raise InvalidAnswers("The request must be a JSON object.")
        return json.dumps(_answer(request))
    except InvalidAnswers as error:
        return _error(error.message, error.field)
    except Exception as error:  # the page must get an answer it can show, whatever happens
        return _error(f"The checker hit an internal problem ({type(error).__name__}).")
