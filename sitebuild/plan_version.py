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
from pathlib import Path

META = '<meta name="rg-sections" content="{}">'


def stamp(manifest: list[dict]) -> str:
    shape = [[s["id"], s["page"], s["parent"], s["level"]] for s in manifest]
    return hashlib.sha256(json.dumps(shape).encode()).hexdigest()[:16]


def apply(site: Path, manifest: list[dict], pages: list[str]) -> str:
    """Writes the stamp into the <head> of each page (site-relative files); returns it."""
    value = stamp(manifest)
    tag = META.format(value)
    for dest in pages:
        path = site / dest
        html = path.read_text(encoding="utf-8")
        if 'name="rg-sections"' in html:
            continue
        path.write_text(html.replace("<head>", f"<head>\n    {tag}", 1), encoding="utf-8")
    return value
