"""The sections a stored plan was made for: a stamp in every page.

A reader's plan is kept in the browser tab and applied on every page. After a deploy that
renames or moves a section, an old plan would name sections the site no longer has. Every page
carries `<meta name="rg-sections" content="…">`, a hash of the manifest's ids, pages and
parents; the script saves it with the plan and drops a plan whose stamp differs, with a notice
(a page never applies an old plan half-way). The stamp changes only when the sections do, so a
change of words keeps every reader's plan.
"""

from __future__ import annotations

import hashlib
import json

from sitebuild.site import PageEdit

META = '<meta name="rg-sections" content="{}">'


def stamp(manifest: list[dict]) -> str:
    shape = [[s["id"], s["page"], s["parent"], s["level"]] for s in manifest]
    return hashlib.sha256(json.dumps(shape).encode()).hexdigest()[:16]


def stamper(value: str) -> PageEdit:
    """The page edit that writes the stamp into a page's <head> (once)."""
    tag = META.format(value)

    def stamp_page(dest: str, html: str) -> str:
        if 'name="rg-sections"' in html:
            return html
        return html.replace("<head>", f"<head>\n    {tag}", 1)

    return stamp_page
