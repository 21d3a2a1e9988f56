"""The sections a stored plan was made for: a stamp in every page.

A reader's plan is kept in the browser tab and applied on every page. After a deploy that
renames or moves a section, an old plan would name sections the site no longer has. Every page
carries `<meta name="rg-sections" content="…">`, a hash of the manifest's ids, pages and
parents; the script saves it with the plan and drops a plan whose stamp differs, with a notice
(a page never applies an old plan half-way). The stamp changes only when the sections do, so a
change of words keeps every reader's plan.

Beside it, `<meta name="rg-plan-shape">` holds the plan's JSON shape (decision.engine.PLAN_SHAPE,
written once in Python): the script checks a stored plan against it before using it.
"""

from __future__ import annotations

import hashlib
import html
import json

from sitebuild.site import PageEdit

META = '<meta name="rg-sections" content="{}">'


def shape_meta() -> str:
    """The plan's shape as a <meta> (decision is loaded by then: the plugin loads it first)."""
    from decision.engine import PLAN_SHAPE, PLAN_SINCE_0_1

    shape = json.dumps({"shape": PLAN_SHAPE, "since": list(PLAN_SINCE_0_1)}, separators=(",", ":"))
    return f'<meta name="rg-plan-shape" content="{html.escape(shape)}">'


def stamp(manifest: list[dict]) -> str:
    shape = [[s["id"], s["page"], s["parent"], s["level"]] for s in manifest]
    return hashlib.sha256(json.dumps(shape).encode()).hexdigest()[:16]


def stamper(value: str) -> PageEdit:
    """The page edit that writes the stamp into a page's <head> (once)."""
    tag = META.format(value)

    def stamp_page(dest: str, page: str) -> str:
        if 'name="rg-sections"' in page:
            return page
        return page.replace("<head>", f"<head>\n    {tag}", 1)

    return stamp_page


def shape_stamper() -> PageEdit:
    """The page edit that writes the plan's shape into a page's <head> (every page: any page's
    script may read a stored plan)."""
    tag = shape_meta()

    def stamp_page(dest: str, page: str) -> str:
        if 'name="rg-plan-shape"' in page:
            return page
        # At the end of the <head>: its length must not push <meta charset> past the first 1024 bytes.
        return page.replace("</head>", f"  {tag}\n  </head>", 1)

    return stamp_page
