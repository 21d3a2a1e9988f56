"""Completes a built site: everything the checker needs besides the pages themselves.

Both builders end here: the MkDocs plugin (sitebuild.plugin) runs it after every `mkdocs
build`, `mkdocs serve` rebuild and `mkdocs gh-deploy`; after `zensical build`, which has no
hooks, run it as a command (it reads the plugin's options from mkdocs.yml):

    python -m sitebuild SITE_DIR

One step per module, imported in one direction (this module imports the steps; no step
imports this module or the plugin):

1. manifest      sections.json from the rendered pages, checked against the decision rules
   section_links  links to sections get their real address and, in the rule table, their title
   plan_version  every page stamped with the sections a stored plan must be made for
2. wheel         the decision wheel, cached by its sources
3. runtime       the Pyodide runtime, the worker script, and config.json naming them (each file
                 in a folder named by its hash)
   stdlib        its python_stdlib.zip replaced by the modules the checker loads, as .pyc
   build_id      config.json and every page carry one build id (a deploy under an open tab
                 is noticed before anything of the new build runs)
4. search_dialog the theme's search dialog gets an accessible name
5. csp           the Content-Security-Policy, in every page and in _headers
6. offline       sw.js, the service worker that keeps the site for offline visits (after the
                 steps that change pages: its version hashes the finished files)
7. precompress   NAME.br and NAME.gz beside every compressible file (last: it reads the
                 finished bytes)

Caches live where MkDocs plugins keep theirs: .cache/plugin/relaxer-checker/ in the project.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from sitebuild import (
    build_id, csp, manifest, offline, plan_version, precompress, runtime, search_dialog, section_links, stdlib, wheel,
)

CHECKER = Path(runtime.CHECKER)
CACHE = Path(".cache") / "plugin" / "relaxer-checker"
ERRORS = (manifest.SectionError, section_links.LinkError, wheel.WheelError, runtime.RuntimeMissing,
          stdlib.StdlibError, csp.CSPError)


class CompileUnavailable(RuntimeError):
    """`compile: true`, but the runtime's Python is not set up in .venv-pyodide."""


@dataclass(frozen=True)
class Options:
    """What to build: the plugin's options (sitebuild.plugin.CheckerConfig), and `serve`,
    which turns off the page policy (live reload's script is inline), the offline cache (an
    author's edits must never come from it) and the precompressed copies (nothing sends them
    there, and compressing takes a minute)."""

    compile: bool = True
    precompress: bool = True
    offline: bool = True
    serve: bool = False


@dataclass
class Result:
    """What the build wrote, for its log."""

    sections: int = 0
    wheel: str = ""
    pyodide: str = ""
    stdlib: str = ""
    flavour: str = ""
    build: str = ""
    policy: str = ""
    offline: int = 0
    compressed: precompress.Summary | None = None
    seconds: dict[str, float] = field(default_factory=dict)


def compiler_for(repo: Path, python: str, options: Options) -> Path | None:
    """.venv-pyodide's compiler when `compile` is on; a clear error when it is on but missing."""
    if not options.compile:
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


def assemble(site: Path, repo: Path, pages: list[manifest.Page], options: Options = Options()) -> Result:
    """Runs every step on `site` (already holding the pages, whose rendered sections are
    `pages`) and returns what it wrote.

    Raises CompileUnavailable or one of ERRORS (manifest's SectionError, wheel's WheelError,
    runtime's RuntimeMissing, stdlib's StdlibError, csp's CSPError), each with a message that
    names what to fix."""
    result = Result()
    checker = site / CHECKER
    checker.mkdir(parents=True, exist_ok=True)
    cache = repo / CACHE
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        result.seconds[name] = now - clock
        clock = now

    sections = manifest.write_manifest(pages, checker / "sections.json")
    result.sections = len(sections)
    section_links.fill(site, sections, {page.dest: page.url for page in pages})
    sections_stamp = plan_version.apply(site, sections, [page.dest for page in pages])
    lap("manifest")
    folder = runtime.runtime_dir(repo)
    version, python = runtime.runtime_versions(folder)
    compiler = compiler_for(repo, python, options)
    runtime.clear_hashed(checker)
    built = wheel.build_wheel(repo, python, compiler, cache / "wheel")
    placed_wheel = runtime.place(built, checker)
    result.wheel = built.name
    lap("wheel")
    index = runtime.copy_runtime(folder, checker)
    worker = runtime.move_worker(checker)
    result.pyodide = version
    lap("runtime")
    trimmed = stdlib.trimmed_stdlib(repo, folder, built, python, compiler, cache / "stdlib", options.precompress)
    placed_stdlib = runtime.place(trimmed.path, checker / "pyodide")
    result.stdlib = (f"{trimmed.modules} modules{' as .pyc' if trimmed.compiled else ''}, "
                     f"{trimmed.full_bytes / 1024:,.0f} KiB -> {trimmed.bytes / 1024:,.0f} KiB")
    result.flavour = flavour(python, compiler is not None, options.precompress)
    lap("stdlib")
    # After the stdlib step: config.json names every file by its hashed folder, with its size
    # and, when the build writes precompressed copies, theirs.
    copies = options.precompress and not options.serve
    runtime.write_config(folder, checker, index, placed_stdlib, placed_wheel, worker,
                         (lambda path: precompress.encoded_sizes(path, cache / "precompress")) if copies else None)
    result.build = build_id.apply(site, checker, checker / runtime.CONFIG, sections_stamp, [page.dest for page in pages])
    search_dialog.name_search_dialogs(site)
    result.policy = csp.apply(site, meta=not options.serve)
    lap("csp")
    result.offline = len(offline.write_service_worker(site, enabled=options.offline and not options.serve))
    lap("offline")
    if options.precompress and not options.serve:
        result.compressed = precompress.precompress(site, cache / "precompress")
    else:
        precompress.remove_copies(site)
    lap("precompress")
    return result


def plugin_options(config_file: Path) -> Options:
    """The relaxer-checker plugin's options as mkdocs.yml sets them (MkDocs reads the file, so
    !ENV values and defaults are the same as in `mkdocs build`)."""
    if not config_file.is_file():
        return Options()
    from mkdocs.config import load_config

    config = load_config(str(config_file))
    plugin = config.plugins.get("relaxer-checker")
    if plugin is None:
        return Options()
    settings = plugin.config
    return Options(compile=settings.compile, precompress=settings.precompress, offline=settings.offline)


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
        options = plugin_options(args.config_file)
        pages = manifest.pages_in_site(args.site, args.docs or repo / "docs")
        result = assemble(args.site, repo, pages, options)
    except (*ERRORS, CompileUnavailable) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"{args.site}: {result.sections} sections, {result.wheel}, Pyodide {result.pyodide}, "
          "security policy in every page and in _headers")
    print(f"Flavour: {result.flavour}")
    print(f"python_stdlib.zip: {result.stdlib}")
    print(f"sw.js: {result.offline} files kept for offline visits when it installs" if options.offline
          else "sw.js: offline: false, the worker only clears what an earlier build kept")
    print(precompress.report(result.compressed) if result.compressed
          else "Precompressed copies: none (precompress: false)")
    return 0
