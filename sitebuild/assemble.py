"""Completes a built site: everything the checker needs besides the pages themselves.

Both builders end here: the MkDocs plugin (sitebuild.plugin) runs it after every `mkdocs
build`, `mkdocs serve` rebuild and `mkdocs gh-deploy`; after `zensical build`, which has no
hooks, run it as a command:

    python -m sitebuild SITE_DIR

One step per module, imported in one direction (this module imports the steps; no step
imports this module or the plugin):

1. manifest      sections.json from docs/, checked against the decision rules
2. wheel         the decision wheel, cached by its sources
3. runtime       the Pyodide runtime, the worker script, and config.json naming them (each file
                 in a folder named by its hash)
   stdlib        its python_stdlib.zip replaced by the modules the checker loads, as .pyc
4. search_dialog the theme's search dialog gets an accessible name
5. csp           the Content-Security-Policy, in every page and in _headers
6. offline       sw.js, the service worker that keeps the site for offline visits (after the
                 steps that change pages: its version hashes the finished files)
7. precompress   NAME.br and NAME.gz beside every compressible file (last: it reads the
                 finished bytes)
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from sitebuild import csp, manifest, offline, precompress, runtime, search_dialog, stdlib, wheel

CHECKER = Path(runtime.CHECKER)


@dataclass
class Result:
    """What the build wrote, for its log."""

    sections: int = 0
    wheel: str = ""
    pyodide: str = ""
    stdlib: str = ""
    policy: str = ""
    offline: int = 0
    compressed: precompress.Summary = field(default_factory=precompress.Summary)
    seconds: dict[str, float] = field(default_factory=dict)


def assemble(site: Path, repo: Path, docs: Path | None = None, csp_meta: bool = True,
             offline_cache: bool = True) -> Result:
    """Runs every step on `site` (already holding the pages) and returns what it wrote.

    `csp_meta` and `offline_cache` are off under `mkdocs serve`: its live-reload script is
    inline, and an author's edits must never come from a cache.

    Raises manifest's SectionError, wheel's WheelError, runtime's RuntimeMissing, stdlib's
    StdlibError or csp's CSPError, each with a message that names what to fix."""
    result = Result()
    checker = site / CHECKER
    checker.mkdir(parents=True, exist_ok=True)
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        result.seconds[name] = now - clock
        clock = now

    result.sections = len(manifest.write_manifest(docs or repo / "docs", checker / "sections.json"))
    lap("manifest")
    folder = runtime.runtime_dir(repo)
    version, python = runtime.runtime_versions(folder)
    runtime.clear_hashed(checker)
    built = wheel.build_wheel(repo, python)
    placed_wheel = runtime.place(built, checker)
    result.wheel = built.name
    lap("wheel")
    index = runtime.copy_runtime(folder, checker)
    worker = runtime.move_worker(checker)
    result.pyodide = version
    lap("runtime")
    trimmed = stdlib.trimmed_stdlib(repo, folder, built, python)
    placed_stdlib = runtime.place(trimmed.path, checker / "pyodide")
    result.stdlib = (f"{trimmed.modules} modules{' as .pyc' if trimmed.compiled else ''}, "
                     f"{trimmed.full_bytes / 1024:,.0f} KiB -> {trimmed.bytes / 1024:,.0f} KiB")
    lap("stdlib")
    # After the stdlib step: config.json names every file by its hashed folder, with its size.
    runtime.write_config(folder, checker, index, placed_stdlib, placed_wheel, worker)
    search_dialog.name_search_dialogs(site)
    result.policy = csp.apply(site, meta=csp_meta)
    lap("csp")
    result.offline = len(offline.write_service_worker(site, enabled=offline_cache))
    lap("offline")
    result.compressed = precompress.precompress(site, repo)
    lap("precompress")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sitebuild",
        description="Complete a built site with the checker's files and the security policy.",
    )
    parser.add_argument("site", type=Path, help="the built site's folder (e.g. site)")
    parser.add_argument("--repo", type=Path, default=Path.cwd(),
                        help="the project folder, holding decision/ and node_modules/ (default: here)")
    parser.add_argument("--docs", type=Path, help="the Markdown pages (default: REPO/docs)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"error: {args.site} holds no built site (no index.html): build the pages first.",
              file=sys.stderr)
        return 1
    try:
        result = assemble(args.site, args.repo.resolve(), args.docs)
    except (manifest.SectionError, wheel.WheelError, runtime.RuntimeMissing, stdlib.StdlibError,
            csp.CSPError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"{args.site}: {result.sections} sections, {result.wheel}, Pyodide {result.pyodide}, "
          "security policy in every page and in _headers")
    print(f"python_stdlib.zip: {result.stdlib}")
    print(f"sw.js: {result.offline} files kept for offline visits when it installs")
    print(precompress.report(result.compressed))
    return 0
