"""Share links: the answers packed into a short token for the URL fragment (after "#").

Format: "v1." + base64url, without padding, of the answers as compact JSON with sorted keys.
The version prefix lets a later format reject old links clearly instead of misreading them.
The token is not signed (it only holds answers anyone could type into the form); decode
insists on the exact canonical form, so a truncated or edited token is refused, not guessed at.
Its messages never repeat the token's own text (a reader may be shown them, and whoever made the
link chose that text): only its length, or a version number it was checked to be.
"""

from __future__ import annotations

import base64
import binascii
import json
import re

from .errors import InvalidAnswers
from .validate import validate

PREFIX = "v1."
# Every question answered with every option is well under 1,000 characters; anything much
# longer is not ours, and is refused before any decoding work.
MAX_LENGTH = 4000
_BASE64URL = re.compile(r"[A-Za-z0-9_-]*")
# Answers that decode but are not ones the questions allow: an edited link, or one made
# before a question or a choice changed.
UNFIT = ("The saved answers do not fit the checker's questions. The link may have been changed, "
         "or made by an older version of the checker.")


def _pack(answers: dict) -> str:
    # Checked answers are question ids, option ids, numbers and booleans: plain ASCII.
    text = json.dumps(answers, sort_keys=True, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def encode(answers: object) -> str:
    """The token for these answers (checked first, so a token always decodes)."""
    return PREFIX + _pack(validate(answers))


def decode(token: object) -> dict:
    """The answers in a token; InvalidAnswers saying what is wrong if it cannot be read."""
    if not isinstance(token, str):
        raise InvalidAnswers("The saved answers must be text.")
    if len(token) > MAX_LENGTH:
        raise InvalidAnswers(f"The saved answers are too long ({len(token)} characters).")
    if not token.startswith(PREFIX):
        version = re.match(r"(v[0-9]{1,3})\.", token)
        if version:
            raise InvalidAnswers(
                f'The saved answers are in a format this checker does not know ("{version[1]}").'
            )
        raise InvalidAnswers('The saved answers do not start with "v1.", so they are not ours.')
    body = token[len(PREFIX):]
    if not body or not _BASE64URL.fullmatch(body) or len(body) % 4 == 1:
        raise InvalidAnswers("The saved answers are cut short or contain characters that do not belong.")
    try:
        # "==" is enough padding for any length the check above lets through; more is ignored.
        raw = base64.urlsafe_b64decode(body + "==")
        answers = json.loads(raw.decode())
    except (binascii.Error, UnicodeDecodeError, ValueError, RecursionError):
        raise InvalidAnswers("The saved answers are damaged: they do not decode to answers.") from None
    try:
        clean = validate(answers)
    except InvalidAnswers as error:
        # Never the link's own words: whoever made it chose them, and they can hold text that
        # reads backwards (a right-to-left override) or cannot be seen. The question's id, in
        # `field`, is the checker's own.
        raise InvalidAnswers(UNFIT, error.field) from None
    if _pack(clean) != body:
        raise InvalidAnswers("The saved answers have been changed or cut short.")
    return clean
