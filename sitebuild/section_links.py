"""Links to sections and pages, set from the rendered pages: the address and, where asked, the title.

Three kinds of link cannot know these when their HTML is written: the checker's cards (raw HTML
in the start page, written before MkDocs decides the pages' URLs) carry `data-rg-section="id"`,
and get the address the section really has (directory URLs, or `page.html` with Material's
offline plugin); the rule table's links carry `data-rg-title="id"`, and get the heading's own
title as their text, so a link never names a section by words its page lacks; the checker's
links to the guidance pages carry `data-rg-page="doctor.md"`, and get the page's address and
its title (its <h1>). Runs after the manifest step, from the manifest. Under MkDocs the link
texts are also set before the pages are indexed for search (`set_titles`, from the plugin), so
search results name sections and pages as readers see them.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from html import escape, unescape
from pathlib import Path

from sitebuild.author_errors import BuildError, decision_line, decision_package, quoted_line, shown
from sitebuild.site import PageEdit

LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.S)
ATTRIBUTE = re.compile(r'\b(data-rg-section|data-rg-title|data-rg-page|href)="([^"]*)"')
TITLE = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
TAG = re.compile(r"<a\b[^>]*\bheaderlink\b.*?</a>|<[^>]+>", re.S)


class LinkError(BuildError):
    """A link names a section or page the site does not have (`name`)."""

    def __init__(self, message: str, name: str):
        super().__init__(message)
        self.name = name


def _relative(target: str, page_url: str) -> str:
    """`target` (site-relative, "urgent/#x") as a link from the page at `page_url` ("", "doctor/")."""
    path, _, fragment = target.partition("#")
    base = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
    relative = posixpath.relpath(path or ".", base or ".")
    if not path or path.endswith("/"):
        relative = "./" if relative == "." else relative.rstrip("/") + "/"
    return relative + (f"#{fragment}" if fragment else "")


def _page_link(attributes: str, page: tuple[str, str] | None, source: str, url: str) -> str:
    if page is None:
        raise LinkError(f'a link names the page "{source}", which the site does not have. Use the Markdown '
                        "file of one of the site's pages (such as doctor.md).", source)
    target, title = page
    href = escape(_relative(target, url))
    attributes = ATTRIBUTE.sub(lambda a: f'href="{href}"' if a.group(1) == "href" else a.group(0), attributes)
    return f"<a{attributes}>{escape(title)}</a>"


def _rewrite(match: re.Match, by_id: dict[str, dict], url: str, page_of) -> str:
    attributes, text = match.group(1), match.group(2)
    found = dict(ATTRIBUTE.findall(attributes))
    if "data-rg-page" in found:
        return _page_link(attributes, page_of(found["data-rg-page"]), found["data-rg-page"], url)
    section_id = found.get("data-rg-section") or found.get("data-rg-title")
    if not section_id:
        return match.group(0)
    if section_id not in by_id:
        raise LinkError(f'a link names the section "{section_id}", which no page has. Use the id of a section '
                        "heading (the {#id} of a ## or ### heading in docs/), or add that heading.", section_id)
    section = by_id[section_id]
    if "data-rg-section" in found:
        href = escape(_relative(f"{section['url']}#{section_id}", url))
        attributes = ATTRIBUTE.sub(lambda a: f'href="{href}"' if a.group(1) == "href" else a.group(0), attributes)
    if "data-rg-title" in found:
        text = escape(section["title"])
    return f"<a{attributes}>{text}</a>"


def page_title(html: str) -> str | None:
    """A rendered page's title as a reader sees it: its <h1>, without the permalink."""
    heading = TITLE.search(html)
    return unescape(" ".join(TAG.sub("", heading.group(1)).split())) if heading else None


def set_titles(html: str, sections: dict[str, str], pages: dict[str, str]) -> str:
    """`html` with each rule-table link (data-rg-title="id") given its section's title, and each
    link to a page (data-rg-page="doctor.md") the page's title, as their text, for the ids and
    pages given; their addresses are left to `fill`. MkDocs' search indexes the pages before
    `fill` runs, so the plugin calls this first: the index then shows titles, never ids or
    file names. A link to something not given stays as it is, and `fill` names it."""

    def retitle(match: re.Match) -> str:
        found = dict(ATTRIBUTE.findall(match.group(1)))
        title = sections.get(found.get("data-rg-title", "")) or pages.get(found.get("data-rg-page", ""))
        return f"<a{match.group(1)}>{escape(title)}</a>" if title else match.group(0)

    return LINK.sub(retitle, html) if "data-rg-title" in html or "data-rg-page" in html else html


def where(dest: str, name: str, source: Path | None) -> str:
    """The line that writes `name`: in the page's Markdown file, else in decision/ (the rule
    table's links come from there), else the file alone."""
    if source is not None and source.is_file() and (number := quoted_line(source, name)):
        return f"{shown(source)}:{number}"
    package = decision_package()
    if package is not None and any(quoted_line(path, name) for path in package.glob("*.py")):
        return decision_line(package, name)
    return shown(source) if source is not None else dest


def filler(manifest: list[dict], pages: Mapping[str, str], urls: Mapping[str, str],
           sources: Mapping[str, Path | None] | None = None) -> PageEdit:
    """The page edit that sets the links of a page: `pages` are the site's pages ({site-relative
    file: HTML}, for the titles of the pages linked to), `urls` the pages with sections ({file:
    its URL}), the pages it is applied to, and `sources` their Markdown files (for errors)."""
    by_id: dict[str, dict] = {}
    for section in manifest:
        by_id.setdefault(section["id"], section)
    url_of = {section["page"]: section["url"] for section in reversed(manifest)}
    dest_of = {url: dest for dest, url in urls.items()}

    def page_of(source: str) -> tuple[str, str] | None:
        """(the page's site-relative URL, its title) for a Markdown file, if the site has it."""
        if source not in url_of or url_of[source] not in dest_of:
            return None
        title = page_title(pages[dest_of[url_of[source]]])
        return url_of[source], title or source

    def fill(dest: str, html: str) -> str:
        if not any(marker in html for marker in ("data-rg-section", "data-rg-title", "data-rg-page")):
            return html
        try:
            return LINK.sub(lambda match: _rewrite(match, by_id, urls[dest], page_of), html)
        except LinkError as error:
            raise LinkError(f"{where(dest, error.name, (sources or {}).get(dest))}: {error}", error.name) from None

    return fill
