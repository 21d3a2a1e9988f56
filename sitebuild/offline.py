"""The service worker that makes the site work offline after the first visit: site/sw.js.

The build step of sitebuild.assemble (so also of `python -m sitebuild SITE` after Zensical).

It is written at the site's root, so its scope is the whole site, at a domain's root or under a
sub-path alike. Its template is service_worker.js beside this file; the build fills in:

- PREFIX: the start of every cache name it makes (CACHE_PREFIX).
- PRECACHE: the pages and the assets they use (a few hundred KiB), cached when it installs.
  The runtime is left out: it is cached only once a page has loaded the checker.
- VERSION: a hash of every file it may keep, the runtime's included. Any change to the site
  gives a new sw.js, which the browser notices on the next visit; the new worker fills a new
  cache and deletes the old one, so a reader never mixes two builds.

Under `mkdocs serve` (enabled=False) sw.js is a worker that clears its caches and unregisters:
a page cached by an earlier `scripts/serve` on the same address must not hide an author's edits.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path, PurePosixPath

NAME = "sw.js"
# Every cache the worker makes is named CACHE_PREFIX + VERSION; the retiring worker deletes
# exactly those, so both are filled in from here.
CACHE_PREFIX = "relaxer-guide-"
TEMPLATE = Path(__file__).with_name("service_worker.js")
# Never kept: precompressed copies (the browser gets the plain file), source maps, and files
# only a host reads.
NOT_KEPT_SUFFIXES = {".br", ".gz", ".map"}
NOT_KEPT_NAMES = {NAME, "_headers", "sitemap.xml", ".nojekyll"}
# Kept, but not at install: the runtime and the wheel (once the checker runs), and the search's
# lunr language packs (not used in English; cached if ever fetched).
LATER_SUFFIXES = {".whl"}
LATER_DIRS = (PurePosixPath("assets/checker/pyodide"), PurePosixPath("assets/javascripts/lunr"))

RETIRE = """\
// Written by `mkdocs serve` (sitebuild/offline.py): this site is being edited, so no page may
// come from a cache. This worker deletes what an earlier build's worker kept and unregisters.
"use strict";
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("@PREFIX@")) await caches.delete(name);
      }
      await self.registration.unregister();
    })()
  );
});
"""


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


def precache_list(files: list[PurePosixPath]) -> list[str]:
    """Of the kept files (kept_files), every page and asset a visit may need, as addresses
    relative to the site's root."""
    return [
        url_of(f) for f in files
        if f.suffix not in LATER_SUFFIXES and not any(f.is_relative_to(folder) for folder in LATER_DIRS)
    ]


def version(site: Path, files: list[PurePosixPath]) -> str:
    """A hash of the kept files (kept_files): the precached ones and the runtime."""
    digest = hashlib.sha256()
    for relative in files:
        digest.update(relative.as_posix().encode() + b"\0")
        digest.update(hashlib.sha256((site / relative).read_bytes()).digest())
    return digest.hexdigest()[:16]


def write_service_worker(site: Path, enabled: bool = True) -> list[str]:
    """Writes site/sw.js; returns the addresses it precaches (none when disabled)."""
    target = site / NAME
    if not enabled:
        target.write_text(RETIRE.replace("@PREFIX@", CACHE_PREFIX), encoding="utf-8")
        return []
    files = kept_files(site)  # one walk of the site for both the list and the version
    pages = precache_list(files)
    text = TEMPLATE.read_text(encoding="utf-8")
    for slot, value in (("@PREFIX@", CACHE_PREFIX), ("@VERSION@", version(site, files)),
                        ("@PRECACHE@", json.dumps(pages, indent=1))):
        text = text.replace(slot, value)
    target.write_text(text, encoding="utf-8")
    return pages
