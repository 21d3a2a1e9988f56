"""The section manifest: every section of every page, and the checks that keep it sound.

The checker, the tests and the build all rely on it: an id the decision module can output
must exist in the docs exactly once, or the build stops and says where.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import markdown

from sitebuild.sections import SectionError, SectionsExtension

# The extensions that change what a section is; the rest of mkdocs.yml's list is styling.
STRUCTURE_EXTENSIONS = ["attr_list", "md_in_html", "admonition", "pymdownx.details"]


def page_url(relative: Path) -> str:
    """The page's URL relative to the site root, as MkDocs writes it with directory URLs."""
    parts = list(relative.with_suffix("").parts)
    if parts[-1] == "index":
        parts = parts[:-1]
    return "".join(f"{part}/" for part in parts)


def sections_of(path: Path) -> list[dict]:
    """The sections of one Markdown page, in document order."""
    extension = SectionsExtension()
    md = markdown.Markdown(extensions=[*STRUCTURE_EXTENSIONS, extension])
    try:
        md.convert(path.read_text(encoding="utf-8"))
    except SectionError as error:
        raise SectionError(f"{path}: {error}") from None
    return [info.to_dict() for info in extension.collected]


def build_manifest(docs_dir: Path) -> list[dict]:
    """All sections of all pages; fails on an id used twice anywhere in the docs."""
    manifest: list[dict] = []
    where: dict[str, str] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        relative = path.relative_to(docs_dir)
        for section in sections_of(path):
            place = f'{relative} ("{section["title"]}")'
            if section["id"] in where:
                raise SectionError(
                    f'Section id "{section["id"]}" is used twice: in {where[section["id"]]} '
                    f"and in {place}. Each section id must be unique across the site."
                )
            where[section["id"]] = place
            manifest.append({"page": relative.as_posix(), "url": page_url(relative), **section})
    return manifest


def check_against_decision(manifest: list[dict]) -> None:
    """Every id the decision module can output, and every always-visible one, is in the docs."""
    import decision

    ids = {section["id"] for section in manifest}
    missing = sorted(set(decision.section_ids()) - ids)
    if missing:
        raise SectionError(
            "The decision rules name sections that no page in docs/ has: "
            + ", ".join(missing)
            + ". Add a heading with that id, or change the rule."
        )
    not_always = sorted(
        section["id"]
        for section in manifest
        if section["id"] in decision.ALWAYS_VISIBLE and not section["always"]
    )
    if not_always:
        raise SectionError(
            "These sections are always visible in the checker but lack "
            f'data-always="true" in docs/: {", ".join(not_always)}.'
        )


def write_manifest(docs_dir: Path, out: Path) -> list[dict]:
    """Builds, checks and writes the manifest; raises SectionError with the place to fix."""
    manifest = build_manifest(docs_dir)
    check_against_decision(manifest)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the section manifest as JSON.")
    parser.add_argument("--docs", default="docs", help="folder of Markdown pages")
    parser.add_argument("--out", required=True, help="where to write the manifest")
    args = parser.parse_args(argv)
    try:
        manifest = write_manifest(Path(args.docs), Path(args.out))
    except SectionError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {args.out}: {len(manifest)} sections")
    return 0


if __name__ == "__main__":
    sys.exit(main())
