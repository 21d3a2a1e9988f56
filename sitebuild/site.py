"""The built site's pages in memory: read once, edited by the build steps, written once.

The steps that change pages (links, stamps, the search dialog's name) are functions from one
page's HTML to new HTML; the site applies them in the order the build lists them. The security
policy is not one of them: it hashes every inline script of the finished pages, so it is the
writer's last act (`write(seal=...)`), and once the pages are written the site refuses any
further edit. Steps that read finished files (the offline copy, the precompressed copies) run
after the write, on the disk.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

# A page step: (the page's site-relative file, its HTML) -> its new HTML.
PageEdit = Callable[[str, str], str]
# The writer's last act: every finished page in, the pages to write out.
Seal = Callable[[Mapping[str, str]], dict[str, str]]


class SiteWritten(RuntimeError):
    """A page edit after the pages were written: the security policy would no longer match them."""


class Site:
    def __init__(self, root: Path) -> None:
        self.root = root
        # Every page, by its site-relative file ("doctor/index.html"), in a stable order.
        self.pages: dict[str, str] = {
            path.relative_to(root).as_posix(): path.read_text(encoding="utf-8") for path in sorted(root.rglob("*.html"))
        }
        self._read = dict(self.pages)
        self.written = False

    def edit(self, step: PageEdit, pages: Iterable[str] | None = None) -> None:
        """Applies `step` to the pages named (every page by default)."""
        if self.written:
            raise SiteWritten(f"{getattr(step, '__qualname__', step)} edits pages already written and sealed "
                              "by their security policy: list it before the write (sitebuild.assemble).")
        for dest in list(self.pages) if pages is None else pages:
            self.pages[dest] = step(dest, self.pages[dest])

    def write(self, seal: Seal) -> int:
        """Seals the finished pages (the security policy) and writes each page that changed;
        returns how many. No edit is accepted after it."""
        if self.written:
            raise SiteWritten("the pages are written once.")
        self.written = True
        self.pages = seal(self.pages)
        changed = [dest for dest, html in self.pages.items() if html != self._read.get(dest)]
        for dest in changed:
            (self.root / dest).write_text(self.pages[dest], encoding="utf-8")
        return len(changed)
