"""Reading the built pages as a reader does: the visible text, split into blocks (a heading, a list
item, a table cell and a paragraph are each a unit of reading), with where each block sits (the
article, the site-wide safety aside, the footer notice, the checker form, the rule table); and
the sentences of those blocks.
"""


from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# ---------------------------------------------------------------------------------------------
# Reading a built page
# ---------------------------------------------------------------------------------------------

INVISIBLE = {"script", "style", "template", "noscript", "svg", "head", "title"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Elements that end a unit of reading: their text never runs on into the next element's.
BLOCK = {
    "address", "article", "aside", "blockquote", "body", "button", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hr", "label", "legend", "li", "main", "nav", "ol", "optgroup", "option",
    "output", "p", "pre", "section", "select", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul", "br",
}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

# The section whose table is generated from decision.rules_markdown(): data, not prose.
RULE_TABLE_SECTION = "checker-rules"


@dataclass
class Block:
    """One unit of visible text and the places it sits in."""

    text: str
    where: frozenset[str]
    tag: str

    @property
    def is_heading(self) -> bool:
        return self.tag in HEADINGS


@dataclass
class PageText(HTMLParser):
    """The visible text of a whole built page, as blocks, plus its headings and links.

    `where` names: article, safety (the aside overrides/main.html renders), notice (the footer's
    medical notice), footer, nav, header, form (a <form> or the checker's root), code
    (<pre>/<code>), rule-table (the generated rule table), heading.
    """

    blocks: list[Block] = field(default_factory=list)
    # (level, text, in_article) of every h1-h6, in order
    headings: list[tuple[int, str, bool]] = field(default_factory=list)
    # (href, where) of every <a href>
    links: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)

    def __post_init__(self):
        HTMLParser.__init__(self, convert_charrefs=True)
        # (tag, hides, contexts it opened)
        self._stack: list[tuple[str, bool, tuple[str, ...]]] = []
        self._contexts: list[str] = []
        self._hidden = 0
        self._buffer: list[str] = []
        self._heading: list[str] | None = None
        self._section_ids: list[str | None] = []

    # -- contexts
    def _opened_contexts(self, tag: str, attributes: dict) -> tuple[str, ...]:
        classes = set((attributes.get("class") or "").split())
        opened = []
        if tag == "article":
            opened.append("article")
        if tag in ("footer", "nav", "header"):
            opened.append(tag)
        if "rg-safety" in classes:
            opened.append("safety")
        if "rg-notice" in classes:
            opened.append("notice")
        if tag == "form" or any(c in classes for c in ("rg-checker", "rg-checker-form")):
            opened.append("form")
        if tag in ("pre", "code"):
            opened.append("code")
        if tag == "table" and RULE_TABLE_SECTION in self._section_ids:
            opened.append("rule-table")
        if tag in HEADINGS:
            opened.append("heading")
        return tuple(opened)

    def _flush(self, tag: str = "") -> None:
        text = " ".join("".join(self._buffer).replace("¶", "").split())
        self._buffer = []
        if text:
            self.blocks.append(Block(text, frozenset(self._contexts), tag or (self._stack[-1][0] if self._stack else "")))

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.append(attributes["id"])
        if tag == "a" and attributes.get("href") is not None and not self._hidden:
            self.links.append((attributes["href"], frozenset(self._contexts)))
        if tag in BLOCK:
            self._flush()
        if tag in VOID:
            return
        style = (attributes.get("style") or "").replace(" ", "").lower()
        hides = (
            tag in INVISIBLE
            or "hidden" in attributes
            or "display:none" in style
            or "visibility:hidden" in style
        )
        opened = self._opened_contexts(tag, attributes)
        self._contexts.extend(opened)
        self._stack.append((tag, hides, opened))
        if tag == "section":
            self._section_ids.append(attributes.get("data-section"))
        if hides:
            self._hidden += 1
        if tag in HEADINGS and not self._hidden:
            self._heading = []

    def handle_endtag(self, tag):
        if tag in VOID or all(open_tag != tag for open_tag, _, _ in self._stack):
            return
        while self._stack:
            open_tag, hides, opened = self._stack[-1]
            if open_tag in BLOCK:
                self._flush(open_tag)
            self._stack.pop()
            if open_tag in HEADINGS and self._heading is not None:
                text = " ".join("".join(self._heading).replace("¶", "").split())
                self.headings.append((int(open_tag[1]), text, "article" in self._contexts))
                self._heading = None
            for name in reversed(opened):
                self._contexts.remove(name)
            if open_tag == "section":
                self._section_ids.pop()
            if hides:
                self._hidden -= 1
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self._hidden:
            return
        self._buffer.append(data)
        if self._heading is not None:
            self._heading.append(data)

    def close(self):
        super().close()
        self._flush()

    # -- views
    def select(self, include: set[str] | None = None, exclude: set[str] = frozenset()) -> list[Block]:
        """Blocks inside every context of `include` (all blocks if None) and none of `exclude`."""
        return [
            b for b in self.blocks
            if (include is None or include <= b.where) and not (b.where & set(exclude))
        ]

    def links_in(self, include: set[str] | None = None, exclude: set[str] = frozenset()) -> list[str]:
        return [
            href for href, where in self.links
            if (include is None or include <= where) and not (where & set(exclude))
        ]


def read_page_text(path: Path) -> PageText:
    page = PageText()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def page_name(site: Path, path: Path) -> str:
    return path.relative_to(site).as_posix()




def expected_pages() -> list[str]:
    """Every page the build must write (relative to site/): the nav's pages and the 404 page.

    Known at collection time, so test ids are stable; a test checks the built site has no other.
    """
    from .project import mkdocs_config

    config = mkdocs_config()
    pages = []
    for entry in config["nav"]:
        for name in entry.values() if isinstance(entry, dict) else [entry]:
            stem = name.removesuffix(".md")
            pages.append("index.html" if stem == "index" else f"{stem}/index.html")
    return pages + ["404.html"]


def page_url(relative: str) -> str:
    """The URL path of a built page below the site root ("urgent/index.html" -> "urgent/")."""
    return relative.removesuffix("index.html")


# ---------------------------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------------------------

TERMINAL = (".", "!", "?", ":", ";")
ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "dr.", "u.s.", "approx.", "no.", "mr.", "mrs.", "ms.")
_SPLIT = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def as_prose(units: list[str]) -> str:
    """Units of reading joined into one text, each ending in a full stop if it had no ending.

    A heading, a list item or a table cell is read as a unit: without this, textstat would
    read a heading and the paragraph after it as one long sentence.
    """
    parts = []
    for unit in units:
        unit = " ".join(unit.split())
        if not unit:
            continue
        if not unit.endswith(TERMINAL) and not unit.endswith((".”", ".\"", "?”", "!”", ".)", "?)")):
            unit += "."
        parts.append(unit)
    return " ".join(parts)


def split_sentences(text: str) -> list[str]:
    """Sentences of a text: split after . ! ? followed by a capital or a digit."""
    text = " ".join(text.split())
    if not text:
        return []
    pieces = _SPLIT.split(text)
    sentences: list[str] = []
    for piece in pieces:
        if sentences and sentences[-1].lower().endswith(ABBREVIATIONS):
            sentences[-1] += " " + piece
        else:
            sentences.append(piece)
    return [s.strip() for s in sentences if s.strip()]


def sentences_of(units: list[str]) -> list[str]:
    out: list[str] = []
    for unit in units:
        out.extend(split_sentences(as_prose([unit])))
    return out


