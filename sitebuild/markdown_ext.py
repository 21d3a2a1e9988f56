"""Python-Markdown extension: every h2/h3 becomes a `<section>` the checker can act on.

A Markdown extension rather than an MkDocs plugin, so the same mkdocs.yml keeps working under
Zensical, Material's successor, which reads Markdown extensions but not MkDocs plugins.

The author writes the id and metadata on the heading itself:

    ## Nerve pain {#nerve-pain}
    ## Emergency signs {#emergency-signs data-always="true"}

and this extension wraps the heading and everything after it, up to the next heading of the
same or a higher level, in

    <section class="rg-section" data-section="nerve-pain" data-always="false">

The heading keeps its `id`, so links, the table of contents and permalinks stay as they are.
A heading without an id, or with an id used twice on the page, stops the build.

The extension also fills placeholders, each alone on its line, from the `decision` package so
the page and the logic cannot drift: `[[checker-form]]`, `[[question-list]]`, `[[rule-table]]`
and `[[warning-signs:emergency]]` / `[[warning-signs:urgent]]` (the warning signs of one level,
as a list: the checker's own words). Inside a line, `[[emergency_number]]` and the other local
facts (sitebuild.local_facts, from mkdocs.yml's `extra: local:`) are filled in.
"""

from __future__ import annotations

import difflib

import re
import sys
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from sitebuild.author_errors import SectionError, load_decision

SECTION_LEVELS = {"h2": 2, "h3": 3}
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TRUE_WORDS = {"true", "yes", "1"}
FALSE_WORDS = {"false", "no", "0", ""}


# The metadata a section's heading may carry (besides its id and classes).
HEADING_ATTRIBUTES = ("data-always",)


@dataclass(frozen=True)
class SectionInfo:
    """What the manifest records of one section."""

    id: str
    title: str
    level: int
    parent: str | None
    always: bool

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "level": self.level,
            "parent": self.parent,
            "always": self.always,
        }


def heading_text(element: etree.Element) -> str:
    """The heading as a reader sees it, without the permalink marker."""
    text = "".join(element.itertext())
    return " ".join(text.replace("¶", "").split())


def parse_always(value: str, heading: str) -> bool:
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise SectionError(
        f'Heading "{heading}": data-always must be "true" or "false", not "{value}".', line_text=heading
    )


class SectionTreeprocessor(Treeprocessor):
    """Wraps top-level h2/h3 headings and their content in nested <section> elements."""

    def __init__(self, md, extension: SectionsExtension):
        super().__init__(md)
        self.extension = extension
        self.collected = extension.collected

    def run(self, root: etree.Element) -> None:
        children = list(root)
        for child in children:
            root.remove(child)
        seen: dict[str, str] = {}
        open_sections: list[tuple[int, etree.Element, str]] = []  # (level, element, id)

        for child in children:
            level = SECTION_LEVELS.get(child.tag)
            if child.tag == "h1":
                open_sections.clear()
            if level is None:
                parent = open_sections[-1][1] if open_sections else root
                parent.append(child)
                continue
            while open_sections and open_sections[-1][0] >= level:
                open_sections.pop()
            try:
                info = self.describe(child, level, open_sections[-1][2] if open_sections else None)
                if info.id in seen:
                    raise SectionError(
                        f'Section id "{info.id}" is used twice on this page: '
                        f'by "{seen[info.id]}" and by "{info.title}". Each id must be unique.',
                        section_id=info.id,
                    )
            except SectionError as error:
                self.extension.fail(error)  # raises, unless a builder collects the errors
                (open_sections[-1][1] if open_sections else root).append(child)
                continue
            seen[info.id] = info.title
            self.collected.append(info)
            section = etree.Element(
                "section",
                {
                    "class": "rg-section",
                    "data-section": info.id,
                    "data-always": "true" if info.always else "false",
                },
            )
            section.append(child)
            container = open_sections[-1][1] if open_sections else root
            container.append(section)
            open_sections.append((level, section, info.id))

    def describe(self, heading: etree.Element, level: int, parent: str | None) -> SectionInfo:
        title = heading_text(heading)
        marker = "#" * level
        section_id = heading.get("id")
        if not section_id:
            raise SectionError(
                f'Heading "{marker} {title}" has no section id. '
                f'Give it one in the Markdown, like: {marker} {title} {{#a-short-id}}',
                line_text=f"{marker} {title}",
            )
        if not ID_PATTERN.match(section_id):
            raise SectionError(
                f'Heading "{marker} {title}" has the id "{section_id}"; a section id uses only '
                "lowercase letters, digits and single hyphens.",
                section_id=section_id,
            )
        always = parse_always(heading.attrib.pop("data-always", "false"), f"{marker} {title}")
        # A misspelt attribute (data-alway) would build without a word and mean nothing.
        unknown = sorted(name for name in heading.attrib if name.startswith("data-"))
        if unknown:
            near = difflib.get_close_matches(unknown[0], HEADING_ATTRIBUTES, n=1)
            raise SectionError(
                f'Heading "{marker} {title}" has the attribute {unknown[0]}, which the build does not know'
                + (f"; did you mean {near[0]}?" if near else "")
                + f" A section heading takes {' and '.join(HEADING_ATTRIBUTES)} besides its id.",
                section_id=section_id, line_text=f"{marker} {title}",
            )
        return SectionInfo(section_id, title, level, parent, always)


class PlaceholderPreprocessor(Preprocessor):
    """Replaces `[[name]]` lines with content generated from the decision package, and fills
    the local facts (`[[emergency_number]]`) into every line."""

    PLACEHOLDER = re.compile(r"^(\s*)\[\[([a-z-]+)(?::([a-z_]+))?\]\]\s*$")
    KNOWN = ("checker-form", "question-list", "rule-table", "warning-signs:emergency", "warning-signs:urgent",
             "warning-signs:overdose")

    def __init__(self, md, extension: SectionsExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        for line in lines:
            match = self.PLACEHOLDER.match(line)
            try:
                if not match:
                    out.append(self.local(line))
                    continue
                indent, name, argument = match.groups()
                # Indented as the placeholder is, so a list inside a warning box stays in it.
                out.extend(["", *(indent + part if part else part for part in self.render(name, argument)), ""])
            except SectionError as error:
                self.extension.fail(error)
        return out

    def local(self, line: str) -> str:
        if "[[" not in line:
            return line
        from sitebuild import local_facts

        filled = local_facts.fill(line, self.extension.facts())
        leftover = local_facts.TOKEN.search(filled)
        if leftover:
            known = ", ".join(f"[[{key}]]" for key in self.extension.facts())
            raise SectionError(
                f"[[{leftover.group(1)}]] is not a local fact; the local facts are {known} "
                "(mkdocs.yml, extra: local:).", line_text=line.strip())
        return filled

    def render(self, name: str, argument: str | None) -> list[str]:
        # Imported here: plain Markdown rendering (tests) must not need the checker's HTML
        # templates unless a page asks for them. An error in decision's tables is told as one
        # line at its place in decision/, not in this page.
        load_decision()
        import decision
        from sitebuild import checker_html

        full = f"{name}:{argument}" if argument else name
        if full not in self.KNOWN:
            known = ", ".join(f"[[{key}]]" for key in self.KNOWN)
            raise SectionError(f"Unknown placeholder [[{full}]]; known ones are {known}.", line_text=f"[[{full}]]")
        if name == "rule-table":
            return search_excluded_table(decision.rules_markdown().splitlines())
        renderers = {
            "warning-signs": lambda: checker_html.warning_sign_list(argument or ""),
            # The questions are for answering, not reading: kept out of the search index, so a
            # word in their choices ("Flexeril") leads to the guidance that explains it (the
            # question list on "How the checker decides" can still be found).
            "checker-form": lambda: search_excluded(checker_html.render_form(self.extension.facts()), "form"),
            "question-list": checker_html.render_question_list,
        }
        return [self.md.htmlStash.store(renderers[name]())]


def search_excluded(html: str, tag: str) -> str:
    """`html` with its first `tag` element marked for Material's search to leave out (the search
    plugin removes the mark from the page it writes). Material's parser stops leaving out at
    the first end tag of the same name, so `tag` must not be nested inside itself."""
    return re.sub(rf"<{tag}(?=[\s>])", f'<{tag} data-search-exclude="true"', html, count=1)


def search_excluded_table(lines: list[str]) -> list[str]:
    """The rule list, with the folded full table (from its `??? ` line) kept out of the search
    index (Material's data-search-exclude): it repeats the reasons listed above it, beside the
    rules' ids and level names, which would only crowd search results."""
    start = next((n for n, line in enumerate(lines) if line.startswith("??? ")), None)
    if start is None:
        return lines
    return [*lines[:start], '<div markdown="1" data-search-exclude="true">', "", *lines[start:], "", "</div>"]


class SectionsExtension(Extension):
    """Registers the wrapper and the placeholders. The whole-site checks (an id used on two
    pages, a rule naming a missing section) run in the build's manifest step
    (sitebuild.manifest), on the rendered pages; this module imports no other step."""

    def __init__(self, errors: list[SectionError] | None = None, **kwargs):
        """`errors`: a list to collect heading errors in instead of raising them, for a builder
        that reports them with the page's file and line (the MkDocs plugin does).
        `local`: mkdocs.yml's `extra: local:` block (the YAML alias `*local` passes it)."""
        self.config = {"local": [{}, "the local facts: mkdocs.yml, extra: local:"]}
        super().__init__(**kwargs)
        self.collected: list[SectionInfo] = []
        self.errors = errors

    def facts(self) -> dict[str, str]:
        """The local facts, checked (a missing one stops the page with what to add)."""
        from sitebuild import local_facts

        try:
            return local_facts.check(self.getConfig("local"))
        except local_facts.LocalFactsError as error:
            # The fault is in mkdocs.yml, not in the page being rendered.
            raise SectionError(str(error).removeprefix("mkdocs.yml, "), where="mkdocs.yml") from None

    def fail(self, error: SectionError) -> None:
        if self.errors is None:
            raise error
        self.errors.append(error)

    def extendMarkdown(self, md) -> None:
        md.registerExtension(self)
        md.preprocessors.register(PlaceholderPreprocessor(md, self), "rg_placeholders", 27)
        # After attr_list (8), which sets the ids, and before toc (5), which would invent
        # ids for headings that lack them and so hide the author's mistake.
        md.treeprocessors.register(SectionTreeprocessor(md, self), "rg_sections", 6)

    def reset(self) -> None:
        self.collected.clear()


# Zensical runs Markdown extensions but no MkDocs plugins: say once what it leaves undone.
ZENSICAL_NOTE = (
    "relaxer-checker: Zensical runs no MkDocs plugins, so the checker's files (section manifest, "
    "decision wheel, Pyodide runtime, security policy, offline copy) are not in the site yet. "
    "When the build has finished, run: python -m sitebuild site"
)
_noted = False


def note_for_zensical() -> None:
    global _noted
    if not _noted and "zensical" in sys.modules:
        _noted = True
        print(ZENSICAL_NOTE, file=sys.stderr, flush=True)


def makeExtension(**kwargs) -> SectionsExtension:
    # Builders load the extension by name; the MkDocs plugin makes its own instance instead.
    note_for_zensical()
    return SectionsExtension(**kwargs)
