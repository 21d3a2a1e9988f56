"""How decision writes values into sentences: a list joined with "and", and a bad value shown
in an error message (short, and never with a character that hides or reorders text)."""

from __future__ import annotations

import unicodedata


def join_and(parts: list[str], word: str = "and") -> str:
    """'a', 'a and b', 'a, b and c' (no serial comma, as in the rest of the site)."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {word} " + parts[-1]


# Characters a message never shows as they are: controls, bidi marks and overrides (U+202A-E,
# U+2066-9, U+200E/F), zero-width ones (U+200B-D, U+2060, U+FEFF), line and paragraph
# separators, surrogates, private-use and unassigned code points. A value may come from a
# link someone else made, and such characters can make a message read backwards or hide text.
HIDDEN = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")
_SHORT = 40


_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def visible(char: str) -> str:
    """`char`, or its escape (\\x1b, \\u202e, as Python writes them) when it is one a reader
    could not see as it is. Written out by hand: the browser's trimmed standard library has no
    "unicode_escape" codec (only what the checker was measured to load)."""
    if unicodedata.category(char) not in HIDDEN:
        return char
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def shown(value: object) -> str:
    """A short rendering of a bad value for a message (never the whole of a huge value, and
    never a character that hides or reorders text: those are escaped)."""
    if value is None:
        pieces = ["empty"]  # JSON null; a Python type name means nothing to a reader
    elif isinstance(value, bool):
        pieces = ["true" if value else "false"]
    elif isinstance(value, str):
        # The first 40 characters decide what is shown: a longer value is cut below anyway.
        pieces = ['"', *map(visible, value[:_SHORT]), '"']
    elif isinstance(value, int) and abs(value) > 10**15:
        pieces = ["a very large number"]  # repr() of a huge int can itself raise
    elif isinstance(value, (int, float)):
        pieces = [repr(value)]
    elif isinstance(value, list):
        pieces = ["a list"]
    elif isinstance(value, dict):
        pieces = ["an object"]
    else:
        pieces = ["a value of the wrong kind"]
    text = "".join(pieces)
    if len(text) <= _SHORT:
        return text
    # Cut to 37 characters and "...", between escapes, never through one.
    kept = ""
    for piece in pieces:
        if len(kept) + len(piece) > _SHORT - 3:
            break
        kept += piece
    return kept + "..."
