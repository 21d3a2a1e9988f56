"""Links to sections, set from the rendered pages: the address and, where asked, the title.

Two kinds of link cannot know these when their HTML is written: the checker's cards (raw HTML
in the start page, written before MkDocs decides the pages' URLs) carry `data-rg-section="id"`,
and get the address the section really has (directory URLs, or `page.html` with Material's
offline plugin); the rule table's links carry `data-rg-title="id"`, and get the heading's own
title as their text, so a link never names a section by words its page lacks. Runs after the
manifest step, from the manifest.
"""

from __future__ import annotations

import posixpath
import re
from html import escape
from pathlib import Path

LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.S)
ATTRIBUTE = re.compile(r'\b(data-rg-section|data-rg-title|href)="([^"]*)"')


class LinkError(ValueError):
    """A link names a section the site does not have."""


def _relative(target: str, page_url: str) -> str:
    """`target` (site-relative, "urgent/#x") as a link from the page at `page_url` ("", "doctor/")."""
    path, _, fragment = target.partition("#")
    base = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
    relative = posixpath.relpath(path or ".", base or ".")
    if not path or path.endswith("/"):
        relative = "./" if relative == "." else relative.rstrip("/") + "/"
    return relative + (f"#{fragment}" if fragment else "")


def _rewrite(match: re.Match, by_id: dict[str, dict], dest: str, url: str) -> str:
    attributes, text = match.group(1), match.group(2)
    found = dict(ATTRIBUTE.findall(attributes))
    section_id = found.get("data-rg-section") or found.get("data-rg-title")
    if not section_id:
        return match.group(0)
    if section_id not in by_id:
        raise LinkError(f'{dest}: a link names the section "{section_id}", which no page has.')
    section = by_id[section_id]
    if "data-rg-section" in found:
        href = escape(_relative(f"{section['url']}#{section_id}", url))
        attributes = ATTRIBUTE.sub(lambda a: f'href="{href}"' if a.group(1) == "href" else a.group(0), attributes)
    if "data-rg-title" in found:
        text = escape(section["title"])
    return f"<a{attributes}>{text}</a>"


def fill(site: Path, manifest: list[dict], pages: dict[str, str]) -> None:
    """Sets the links of every page in `pages` ({site-relative file: its URL})."""
    by_id: dict[str, dict] = {}
    for section in manifest:
        by_id.setdefault(section["id"], section)
    for dest, url in pages.items():
        path = site / dest
        html = path.read_text(encoding="utf-8")
        if "data-rg-section" in html or "data-rg-title" in html:
            path.write_text(LINK.sub(lambda match: _rewrite(match, by_id, dest, url), html), encoding="utf-8")  # noqa: B023
