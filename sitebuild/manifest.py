"""The section manifest: every section of every page, and the checks that keep it sound.

Read from the pages as the builder rendered them (the `<section class="rg-section">` elements
that sitebuild.markdown_ext wrote), never from a second reading of docs/: whatever the builder's
plugins did (a language per folder with mkdocs-static-i18n, `page.html` URLs with Material's
offline plugin) is what the manifest says. Under MkDocs the plugin hands each rendered page
over as it is written; after Zensical, `python -m sitebuild site` reads the written files.

The checker, the tests and the build all rely on it: an id the decision module can output
must exist on the site's pages exactly once (per language), or the build stops and says
where, with the file and line to fix.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

from sitebuild.author_errors import SectionError, decision_line, load_decision, source_line


@dataclass
class Page:
    """One rendered page: where it came from (docs-relative), where it was written (site-relative),
    its language (<html lang>) and its sections in document order."""

    src: str
    dest: str
    lang: str = ""
    sections: list[dict] = field(default_factory=list)
    source: Path | None = None  # the Markdown file, to point at a line

    @property
    def url(self) -> str:
        return page_url(self.dest)


def page_url(dest: str) -> str:
    """The page's URL relative to the site root, from the file the builder wrote:
    doctor/index.html -> doctor/, index.html -> "", doctor.html -> doctor.html."""
    path = PurePosixPath(dest)
    if path.name != "index.html":
        return path.as_posix()
    parent = path.parent.as_posix()
    return "" if parent == "." else parent + "/"


class _SectionReader(HTMLParser):
    """Collects the rg-section elements of a page, with the heading each starts with."""

    HEADINGS = {"h2": 2, "h3": 3}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.sections: list[dict] = []
        self.stack: list[tuple[str, dict | None]] = []  # (tag, section opened by it)
        self.heading: dict | None = None  # the section whose heading is being read
        self.skip = 0  # depth inside the heading's permalink

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.lang = attributes.get("lang", "")
        if tag in ("br", "img", "input", "meta", "link", "hr", "wbr", "source"):
            return
        opened = None
        if tag == "section" and "rg-section" in attributes.get("class", "").split():
            parents = [section for _, section in self.stack if section]
            opened = {
                "id": attributes.get("data-section", ""),
                "title": "",
                "level": 0,
                "parent": parents[-1]["id"] if parents else None,
                "always": attributes.get("data-always") == "true",
            }
            self.sections.append(opened)
        elif tag in self.HEADINGS and self.stack and self.stack[-1][1] and not self.stack[-1][1]["level"]:
            self.heading = self.stack[-1][1]
            self.heading["level"] = self.HEADINGS[tag]
        elif self.heading is not None and tag == "a" and "headerlink" in attributes.get("class", ""):
            self.skip += 1
        elif self.skip:
            self.skip += 1
        self.stack.append((tag, opened))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # <br/>, <img/>: nothing inside, nothing to close

    def handle_endtag(self, tag: str) -> None:
        if all(open_tag != tag for open_tag, _ in self.stack):
            return  # a stray end tag: HTML ignores it
        while self.stack:
            open_tag, _ = self.stack.pop()
            if self.skip:
                self.skip -= 1
            elif open_tag in self.HEADINGS and self.heading is not None:
                self.heading["title"] = " ".join(self.heading["title"].replace("¶", "").split())
                self.heading = None
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.heading is not None and not self.skip:
            self.heading["title"] += data


def read_page(html: str) -> tuple[str, list[dict]]:
    """(the page's language, its sections in document order) from a rendered page."""
    reader = _SectionReader()
    reader.feed(html)
    reader.close()
    return reader.lang, reader.sections


def pages_in_site(site: Mapping[str, str], docs: Path, sources: Mapping[str, tuple[str, Path | None]] | None = None) -> list[Page]:
    """The rendered pages of a built site ({site-relative file: HTML}) that hold sections.
    `sources` maps a written file to the Markdown it came from, as the builder knows it;
    without it (a builder without hooks, such as Zensical) the source is the likely one in `docs`."""
    pages = []
    for dest, html in site.items():
        lang, sections = read_page(html)
        if not sections:
            continue
        src, source = (sources or {}).get(dest) or (_source_of(dest, docs), None)
        pages.append(Page(src, dest, lang, sections, source or docs / src))
    return pages


def _source_of(dest: str, docs: Path) -> str:
    """The Markdown file a written page most likely came from: doctor/index.html -> doctor.md."""
    path = PurePosixPath(dest)
    stem = path.parent if path.name == "index.html" else path.with_suffix("")
    candidates = ["index.md"] if stem.as_posix() == "." else [f"{stem}.md", f"{stem}/index.md", f"{stem}/README.md"]
    return next((name for name in candidates if (docs / name).is_file()), candidates[0])


def build_manifest(pages: list[Page]) -> list[dict]:
    """The sections of the site's main language, by page; fails on an id used twice in one
    language. The main language is the start page's (a translation keeps the same ids)."""
    ordered = sorted(pages, key=lambda page: page.src)
    home = next((page for page in ordered if page.url == ""), ordered[0] if ordered else None)
    main_lang = home.lang if home else ""
    manifest: list[dict] = []
    where: dict[tuple[str, str], str] = {}
    for page in ordered:
        for section in page.sections:
            key = (page.lang, section["id"])
            place = source_line(page.source, section["id"]) if page.source else page.src
            if key in where:
                raise SectionError(
                    f'{place}: the section id "{section["id"]}" is used twice: here and at {where[key]}. '
                    "Each section id must be unique across the site: rename one of them."
                )
            where[key] = place
            if page.lang == main_lang:
                manifest.append({"page": page.src, "url": page.url, **section})
    return manifest


def check_against_decision(manifest: list[dict], pages: list[Page]) -> None:
    """Every id the decision module can output, and every always-visible one, is on a page."""
    load_decision()
    import decision
    import decision.sections

    package = Path(decision.__file__).parent
    ids = {section["id"] for section in manifest}
    missing = sorted(set(decision.section_ids()) - ids)
    if missing:
        raise SectionError("\n".join(
            f'{decision_line(package, section_id)}: a rule names the section "{section_id}", which no page has. '
            f"Add a heading with {{#{section_id}}} to a page in docs/, or change the rule."
            for section_id in missing
        ))
    listed = [declared for declared in decision.sections.SECTIONS if declared.id not in ids]
    if listed:
        raise SectionError("\n".join(
            f'{decision_line(package, declared.id, "sections.py")}: decision/sections.py lists the section '
            f'"{declared.id}" on {declared.page}, which has no such heading. Remove the line, or add a heading with '
            f"{{#{declared.id}}} to {declared.page}."
            for declared in listed
        ))
    sources = {page.src: page.source for page in pages}
    # The page and parent decision/sections.py gives a section are the ones its heading has: the
    # plan's layout (which sections lead on which page) depends on them.
    by_id: dict[str, dict] = {}
    for section in manifest:
        by_id.setdefault(section["id"], section)
    wrong = [
        (declared, by_id[declared.id]) for declared in decision.sections.SECTIONS
        if (by_id[declared.id]["page"], by_id[declared.id]["parent"]) != (declared.page, declared.parent)
    ]
    if wrong:
        raise SectionError("\n".join(
            f'{decision_line(package, declared.id, "sections.py")}: decision/sections.py puts "{declared.id}" on {declared.page}'
            f'{" inside " + declared.parent if declared.parent else ""}, but its heading is on {found["page"]}'
            f'{" inside " + found["parent"] if found["parent"] else " at the top level"}. Make them agree.'
            for declared, found in wrong
        ))
    check_written_order(pages, package)
    not_always = [
        section for section in manifest
        if section["id"] in decision.ALWAYS_VISIBLE and not section["always"]
    ]
    if not_always:
        raise SectionError("\n".join(
            f'{source_line(sources.get(section["page"]), section["id"])}: the section "{section["id"]}" is always '
            'visible in the checker: add data-always="true" to its heading.'
            for section in not_always
        ))


def check_written_order(pages: list[Page], package: Path) -> None:
    """Every top-level heading of a page the plan can arrange (decision.page_layout.WRITTEN) is in
    decision/sections.py, in the order the page has them, in every language: the plan gives the
    page's whole order, and tailor.js finds the page's entry by its sections."""
    from decision.page_layout import WRITTEN

    page_of = {section_id: page for page, ids in WRITTEN.items() for section_id in ids}
    faults = []
    for page in sorted(pages, key=lambda page: page.src):
        tops = [section["id"] for section in page.sections if section["parent"] is None]
        declared = next((page_of[section_id] for section_id in tops if section_id in page_of), None)
        if declared is None:
            continue  # a page the plan never arranges (the start page, about)
        unlisted = [section_id for section_id in tops if page_of.get(section_id) != declared]
        if unlisted:
            at = tops.index(unlisted[0])
            after = f'after "{tops[at - 1]}"' if at else "first"
            faults.append(
                f'{source_line(page.source, unlisted[0])}: the heading "{unlisted[0]}" is at the top level of '
                f"{page.src}, but decision/sections.py does not list it on {declared}, which the checker tailors. "
                f'Add Section("{unlisted[0]}", "{declared}", AS_WRITTEN) to decision/sections.py ({after} on the '
                "page), or the role a rule needs."
            )
        elif tops != (listed := [section_id for section_id in WRITTEN[declared] if section_id in tops]):
            at = next(n for n, (have, want) in enumerate(zip(tops, listed)) if have != want)
            faults.append(
                f'{source_line(page.source, tops[at])}: the top-level headings of {page.src} are written in the order '
                f'{", ".join(tops)}, but {decision_line(package, tops[at], "sections.py")} lists them as '
                f'{", ".join(listed)}. Put the lines of decision/sections.py in the page\'s order: a tailored page '
                "keeps that order for what it does not move."
            )
    if faults:
        raise SectionError("\n".join(faults))


def write_manifest(pages: list[Page], out: Path) -> list[dict]:
    """Builds, checks and writes the manifest; raises SectionError with the place to fix."""
    manifest = build_manifest(pages)
    check_against_decision(manifest, pages)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest
