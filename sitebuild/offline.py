"""The service worker that makes the site work offline after the first visit: site/sw.js.

The build step of sitebuild.assemble (so also of `python -m sitebuild SITE` after Zensical).

It is written at the site's root, so its scope is the whole site, at a domain's root or under a
sub-path alike. Its template is service_worker.js beside this file; the build fills in:

- PREFIX: the start of every cache name it makes (CACHE_PREFIX).
- INSTALL: the pages and the assets they use (a few hundred KiB), kept when it installs, each
  with its revision (the SHA-256 of its bytes).
- ON_USE: the checker's runtime (the files config.json names) and the search's language packs,
  with their revisions, kept once a page has loaded them, and only when their bytes are the
  build's (a bad answer from a host is never kept).
- VERSION: a hash of both lists. Any change to the site gives a new sw.js, which the browser
  notices on the next visit; the new worker takes each unchanged file (same revision) from the
  old cache of its scope, downloads only what changed, then deletes the old cache. A reader
  never mixes two builds, and after a one-page change downloads about that page.

Under `mkdocs serve` (enabled=False) sw.js is a worker that clears its scope's caches and
unregisters: a page cached by an earlier `scripts/serve` on the same address must not hide an
author's edits.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path, PurePosixPath

from sitebuild import runtime_files

NAME = "sw.js"
# Every cache the worker makes is named CACHE_PREFIX + VERSION + " " + its scope's path.
CACHE_PREFIX = "relaxer-guide-"
TEMPLATE = Path(__file__).with_name("service_worker.js")
# Never kept: precompressed copies (the browser gets the plain file), source maps, and files
# only a host reads.
NOT_KEPT_SUFFIXES = {".br", ".gz", ".map"}
NOT_KEPT_NAMES = {NAME, "_headers", "sitemap.xml", ".nojekyll"}
# Kept on use besides the runtime: the search's lunr language packs (not used in English).
ON_USE_DIRS = (PurePosixPath("assets/javascripts/lunr"),)


def kept_files(site: Path) -> list[PurePosixPath]:
    """Every file of the site the worker may keep, relative to the site's root, in order."""
    files = (PurePosixPath(path.relative_to(site).as_posix()) for path in site.rglob("*") if path.is_file())
    return sorted(f for f in files if f.suffix not in NOT_KEPT_SUFFIXES and f.name not in NOT_KEPT_NAMES)


def url_of(relative: PurePosixPath) -> str:
    """The address a link uses for this file, relative to the site's root: DIR/ for DIR/index.html."""
    text = relative.as_posix()
    if relative.name == "index.html":
        return text[: -len("index.html")]
    return text


def on_use(site: Path, files: list[PurePosixPath]) -> set[PurePosixPath]:
    """Of the kept files (kept_files), those kept only once a page loads them."""
    runtime = set(runtime_files.runtime_paths(site))
    return {f for f in files if f in runtime or any(f.is_relative_to(folder) for folder in ON_USE_DIRS)}


def precache_list(site: Path, files: list[PurePosixPath]) -> list[str]:
    """Of the kept files (kept_files), every page and asset a visit may need, as addresses
    relative to the site's root."""
    later = on_use(site, files)
    return [url_of(f) for f in files if f not in later]


def revisions(site: Path, files: list[PurePosixPath]) -> dict[str, str]:
    """Each file's address and revision: the SHA-256 of its bytes, in hex."""
    return {url_of(f): hashlib.sha256((site / f).read_bytes()).hexdigest() for f in files}


def write_service_worker(site: Path, enabled: bool = True) -> list[str]:
    """Writes site/sw.js; returns the addresses it keeps when it installs (none when disabled)."""
    install: dict[str, str] = {}
    later: dict[str, str] = {}
    if enabled:
        files = kept_files(site)  # one walk of the site for both lists
        every = revisions(site, files)
        pages = set(precache_list(site, files))
        install = {address: revision for address, revision in every.items() if address in pages}
        later = {address: revision for address, revision in every.items() if address not in pages}
    version = hashlib.sha256(json.dumps([install, later]).encode()).hexdigest()[:16]
    text = TEMPLATE.read_text(encoding="utf-8")
    for slot, value in (("@ENABLED@", json.dumps(enabled)), ("@PREFIX@", CACHE_PREFIX), ("@VERSION@", version),
                        ("@INSTALL@", json.dumps(install, indent=1)), ("@ON_USE@", json.dumps(later, indent=1))):
        text = text.replace(slot, value)
    (site / NAME).write_text(text, encoding="utf-8")
    return list(install)
