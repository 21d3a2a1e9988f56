"""Gives the theme's search dialog an accessible name where the theme leaves it out.

Material for MkDocs 9.8 writes `<div class="md-search" ... role="dialog">` with no name
(axe and Lighthouse: aria-dialog-name); Zensical's own theme names it. Copying Material's
partial to add one label broke Zensical's header, so the build adds the label to the built
pages instead, and only where it is missing: each theme keeps its own search markup.
"""

from __future__ import annotations

import re

DIALOG = re.compile(r'<div class="md-search"(?P<attrs>[^>]*\brole="dialog"[^>]*)>')
LABEL = "Search"


def named(dest: str, html: str) -> str:
    """The page edit: the page with its search dialog named, if it had no name."""

    def add_label(match: re.Match[str]) -> str:
        attrs = match.group("attrs")
        if "aria-label=" in attrs or "aria-labelledby=" in attrs:
            return match.group(0)
        return f'<div class="md-search"{attrs} aria-label="{LABEL}">'

    return DIALOG.sub(add_label, html)
