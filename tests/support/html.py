"""Reading built pages the way the tests need: links, ids and visible text, standard library only."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# Elements whose text a reader never sees.
INVISIBLE = {"script", "style", "template", "noscript", "svg", "head"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Link:
    tag: str
    attr: str
    value: str
    rel: str
    in_article: bool


@dataclass
class PageFacts(HTMLParser):
    """Ids, links and the visible text of the <article> of one built page."""

    ids: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    article_text: list[str] = field(default_factory=list)
    hidden_ids: set[str] = field(default_factory=set)

    def __post_init__(self):
        HTMLParser.__init__(self, convert_charrefs=True)
        self._stack: list[tuple[str, bool]] = []  # (tag, hides its content)
        self._article_depth = 0
        self._invisible_depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.append(attributes["id"])
        for name in ("href", "src"):
            if attributes.get(name) is not None:
                self.links.append(
                    Link(tag, name, attributes[name], attributes.get("rel") or "", self._article_depth > 0)
                )
        if tag in VOID:
            return
        hides = tag in INVISIBLE or "hidden" in attributes
        self._stack.append((tag, hides))
        if tag == "article":
            self._article_depth += 1
        if hides:
            self._invisible_depth += 1

    def handle_endtag(self, tag):
        if tag in VOID or all(open_tag != tag for open_tag, _ in self._stack):
            return
        while self._stack:
            open_tag, hides = self._stack.pop()
            if open_tag == "article":
                self._article_depth -= 1
            if hides:
                self._invisible_depth -= 1
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self._article_depth and not self._invisible_depth:
            self.article_text.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.article_text).split()).replace("¶", "").strip()


def read_page(path: Path) -> PageFacts:
    facts = PageFacts()
    facts.feed(path.read_text(encoding="utf-8"))
    facts.close()
    return facts


def html_pages(site: Path) -> list[Path]:
    """Every built HTML page, without the runtime's own files."""
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts)
