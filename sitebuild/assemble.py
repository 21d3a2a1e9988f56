"""Completes a built site: everything the checker needs besides the pages themselves.

Both builders end here: the MkDocs plugin (sitebuild.plugin) runs it after every `mkdocs
build`, `mkdocs serve` rebuild and `mkdocs gh-deploy`; after `zensical build`, which has no
hooks, run it as a command (it reads the plugin's options from mkdocs.yml):

    python -m sitebuild SITE_DIR

The pages are read once into memory (sitebuild.site), the whole-site steps below run in the
order `assemble` calls them, every page edit in the order PAGE_EDITS lists them, and the
pages are written once, sealed by the security policy (it hashes their finished inline
scripts); the offline copy and the precompressed copies then read the finished files. One
step per module, imported in one direction (this module imports the steps; no step imports
this module or the plugin).

Caches live where MkDocs plugins keep theirs: .cache/plugin/relaxer-checker/ in the project.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sitebuild import (
    author_errors, build_id, csp, manifest, offline, options, plan_version, precompress, runtime_files,
    search_dialog, section_links, stdlib, wheel,
)
from sitebuild.options import CheckerConfig
from sitebuild.site import PageEdit, Site

CHECKER = Path(runtime_files.CHECKER)
CACHE = Path(".cache") / "plugin" / "relaxer-checker"
# What the steps raise for a fault an author or a machine's set-up can fix, each with a message
# naming it (a section, a link or the policy: author_errors.BuildError).
ERRORS = (author_errors.BuildError, wheel.WheelError, runtime_files.RuntimeMissing, stdlib.StdlibError)


class CompileUnavailable(RuntimeError):
    """`compile: true`, but the runtime's Python is not set up in .venv-pyodide."""


@dataclass
class Result:
    """What the build wrote, for its log."""

    sections: int = 0
    wheel: str = ""
    pyodide: str = ""
    stdlib: str = ""
    flavour: str = ""
    build: str = ""
    offline: int = 0
    compressed: precompress.Summary | None = None
    seconds: dict[str, float] = field(default_factory=dict)


def compiler_for(repo: Path, python: str, settings: CheckerConfig) -> Path | None:
    """.venv-pyodide's compiler when `compile` is on; a clear error when it is on but missing."""
    if not settings.compile:
        return None
    compiler = wheel.pyodide_compiler(repo, python)
    if compiler is None:
        minor = ".".join(python.split(".")[:2])
        raise CompileUnavailable(
            f"compile: true (the relaxer-checker plugin's option in mkdocs.yml) needs Python {minor}, the "
            f"runtime's, in {repo / '.venv-pyodide'}, and it is not there. Make it with scripts/setup (it "
            f"finds python{minor} on PATH or in pyenv), or by hand: python{minor} -m venv .venv-pyodide && "
            ".venv-pyodide/bin/pip install --require-hashes -r scripts/pyodide-build-requirements.txt . "
            "Or set compile: false to ship the uncompiled checker, which starts 2 to 3 times slower."
        )
    return compiler


def flavour(python: str, compiled: bool, stored: bool) -> str:
    """The build flavour, for the log: what a reader's browser gets."""
    members = "stored members, for the .br copy" if stored else "deflated members"
    if compiled:
        return (f"compiled for the runtime's Python {python} (compile: true): cp{''.join(python.split('.')[:2])} "
                f"wheel, .pyc standard library ({members})")
    return f"not compiled (compile: false): pure wheel, .py standard library ({members}); starts 2 to 3 times slower"


@dataclass(frozen=True)
class Stamps:
    """What the whole-site steps hand the page edits."""

    manifest: list[dict]
    urls: dict[str, str]  # the pages with sections: {site-relative file: its URL}
    sources: dict[str, Path | None]  # their Markdown files, to name in an error
    sections: str  # plan_version's stamp of the sections
    build: str  # build_id's id of the build


def page_edits(site: Site, stamps: Stamps) -> list[tuple[PageEdit, list[str] | None]]:
    """Every edit a page gets, in this order, each a function of one page's HTML, with the pages
    it applies to (None: every page). The security policy is not one of them: it is the
    writer's last act (Site.write), so it always hashes the finished pages."""
    sectioned = list(stamps.urls)
    return [
        (section_links.filler(stamps.manifest, site.pages, stamps.urls, stamps.sources), sectioned),
        (plan_version.stamper(stamps.sections), sectioned),
        (plan_version.shape_stamper(), None),
        (build_id.stamper(stamps.build), sectioned),
        (search_dialog.named, None),
    ]


def assemble(root: Path, repo: Path, docs: Path, settings: CheckerConfig, serve: bool = False,
             sources: Mapping[str, tuple[str, Path | None]] | None = None) -> Result:
    """Completes the site at `root`, which holds the builder's pages (`sources`: each written
    file's Markdown, as the builder knows it), with `settings` (the plugin's options; `serve`:
    under `mkdocs serve`, no page policy, offline cache or precompressed copies) and returns
    what it wrote.

    Raises CompileUnavailable or one of ERRORS, each with a message that names what to fix."""
    result = Result()
    checker = root / CHECKER
    checker.mkdir(parents=True, exist_ok=True)
    cache = repo / CACHE
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        result.seconds[name] = now - clock
        clock = now

    site = Site(root)
    # The pages as written, every language's included (mkdocs-static-i18n builds each into the
    # same site_dir, running this again after each).
    pages = manifest.pages_in_site(site.pages, docs, sources)
    sections = manifest.write_manifest(pages, checker / "sections.json")
    result.sections = len(sections)
    lap("manifest")
    folder = runtime_files.runtime_dir(repo)
    version, python = runtime_files.runtime_versions(folder)
    compiler = compiler_for(repo, python, settings)
    runtime_files.clear_hashed(checker)
    built = wheel.build_wheel(repo, python, compiler, cache / "wheel")
    placed_wheel = runtime_files.place(built, checker)
    result.wheel = built.name
    lap("wheel")
    index = runtime_files.copy_runtime(folder, checker)
    worker = runtime_files.move_worker(checker)
    result.pyodide = version
    lap("runtime")
    trimmed = stdlib.trimmed_stdlib(repo, folder, built, python, compiler, cache / "stdlib", settings.precompress)
    placed_stdlib = runtime_files.place(trimmed.path, checker / "pyodide")
    result.stdlib = (f"{trimmed.modules} modules{' as .pyc' if trimmed.compiled else ''}, "
                     f"{trimmed.full_bytes / 1024:,.0f} KiB -> {trimmed.bytes / 1024:,.0f} KiB")
    result.flavour = flavour(python, compiler is not None, settings.precompress)
    lap("stdlib")
    # After the stdlib step: config.json names every file by its hashed folder, with its size
    # and, when the build writes precompressed copies, theirs.
    copies = settings.precompress and not serve
    runtime_files.write_config(folder, checker, index, placed_stdlib, placed_wheel, worker,
                               (lambda path: precompress.encoded_sizes(path, cache / "precompress")) if copies else None)
    sections_stamp = plan_version.stamp(sections)
    result.build = build_id.write_id(checker, checker / runtime_files.CONFIG, sections_stamp)
    lap("config")
    stamps = Stamps(sections, {page.dest: page.url for page in pages}, {page.dest: page.source for page in pages},
                    sections_stamp, result.build)
    for edit, only in page_edits(site, stamps):
        site.edit(edit, only)
    site.write(seal=csp.Sealer(root, meta=not serve, sources=stamps.sources))
    lap("pages")
    result.offline = len(offline.write_service_worker(root, enabled=settings.offline and not serve))
    lap("offline")
    if copies:
        result.compressed = precompress.precompress(root, cache / "precompress")
    else:
        precompress.remove_copies(root)
    lap("precompress")
    return result


def report(result: Result, serve: bool = False) -> list[str]:
    """The build's log, one line a fact: the plugin logs these lines, the command prints them."""
    steps = ", ".join(f"{name} {seconds * 1000:.0f} ms" for name, seconds in result.seconds.items())
    lines = [f"Checker: {result.sections} sections, {result.wheel}, Pyodide {result.pyodide} ({steps})",
             f"Flavour: {result.flavour}",
             f"Standard library: {result.stdlib}"]
    if result.offline:
        lines.append(f"Offline: sw.js keeps {result.offline} files when it installs")
    if result.compressed:
        lines.append(f"Precompressed {precompress.report(result.compressed, top=0)}")
    elif serve:
        lines.append("Precompressed copies and the offline cache: none under mkdocs serve")
    else:
        lines.append("Precompressed copies: none (precompress: false)")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sitebuild",
        description="Complete a built site with the checker's files and the security policy "
                    "(for builders without MkDocs plugins, such as Zensical).",
    )
    parser.add_argument("site", type=Path, help="the built site's folder (e.g. site)")
    parser.add_argument("--repo", type=Path, default=Path.cwd(),
                        help="the project folder, holding decision/ and node_modules/ (default: here)")
    parser.add_argument("--docs", type=Path, help="the Markdown pages (default: REPO/docs)")
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"),
                        help="where the plugin's options are read from (default: mkdocs.yml here)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"error: {args.site} holds no built site (no index.html): build the pages first.",
              file=sys.stderr)
        return 1
    repo = args.repo.resolve()
    try:
        settings = options.read(args.config_file)
        result = assemble(args.site, repo, args.docs or repo / "docs", settings)
    except (*ERRORS, CompileUnavailable) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print("\n".join(report(result)))
    return 0
