"""Each page a plan touches, arranged: every top-level section in the order to show, and the
ones folded under "Other topics on this page". The browser applies it as given (tailor.js), so
the page's arrangement is decided here and nowhere else.

The written order comes from decision/sections.py, which lists every top-level heading of these
pages in the order the page has them (the build checks it: sitebuild.manifest).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from .sections import SECTIONS

# {page: its top-level section ids, as written}, pages in sections.py's order.
WRITTEN: dict[str, tuple[str, ...]] = {
    page: tuple(s.id for s in SECTIONS if s.page == page and s.parent is None)
    for page in dict.fromkeys(s.page for s in SECTIONS)
}


@dataclass(frozen=True)
class PageLayout:
    page: str  # the Markdown file under docs/ (sections.Section.page)
    order: tuple[str, ...]  # every top-level section of the page, once, in the order to show
    fold: tuple[str, ...]  # the last ones of `order`, folded under "Other topics on this page"

    def to_dict(self) -> dict:
        return {"order": list(self.order), "fold": list(self.fold)}


def arrange(pages: Collection[str], lead: Sequence[str], fold: Collection[str]) -> tuple[PageLayout, ...]:
    """These pages (the ones where a shown section sits), each with the sections of `lead` that
    are on it first, in `lead`'s order, then the rest as written, then the folded ones as written
    (a leading section never folds). A page not given is shown as written."""
    arranged = []
    for page, written in WRITTEN.items():
        if page in pages:
            first = [section for section in lead if section in written]
            folded = tuple(section for section in written if section in fold and section not in first)
            rest = [section for section in written if section not in first and section not in folded]
            arranged.append(PageLayout(page, (*first, *rest, *folded), folded))
    return tuple(arranged)
