"""The service worker that makes the site work offline after the first visit: site/sw.js.

    python -m sitebuild.offline site     # what the build does, on its own

It is written at the site's root, so its scope is the whole site, at a domain's root or under a
sub-path alike. Its template is service_worker.js beside this file; the build fills in:

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
import sys
from pathlib import Path, PurePosixPath

NAME = "sw.js"
TEMPLATE = Path(__file__).with_name("service_worker.js")
CHECKER = PurePosixPath("assets/checker")
# Kept out of the install-time list: the runtime and the wheel (cached once the checker runs),
# precompressed copies (the browser gets the plain file), source maps, the search's lunr
# language packs (not used in English), and files only a host reads.
RUNTIME = (CHECKER / "pyodide", )
SKIP_SUFFIXES = {".br", ".gz", ".map", ".whl"}
SKIP_DIRS = (*RUNTIME, PurePosixPath("assets/javascripts/lunr"))
SKIP_NAMES = {NAME, "_headers", "sitemap.xml", ".nojekyll"}

RETIRE = """\
// Written by `mkdocs serve` (sitebuild/offline.py): this site is being edited, so no page may
// come from a cache. This worker deletes what an earlier build's worker kept and unregisters.
"use strict";
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("relaxer-guide-")) await caches.delete(name);
      }
      await self.registration.unregister();
    })()
  );
});
"""


def _skipped(relative: PurePosixPath) -> bool:
    return (
        relative.suffix in SKIP_SUFFIXES
        or relative.name in SKIP_NAMES
        or any(relative.is_relative_to(folder) for folder in SKIP_DIRS)
    )


def url_of(relative: PurePosixPath) -> str:
    """The address a link uses for this file, relative to the site's root: DIR/ for DIR/index.html."""
    text = relative.as_posix()
    if relative.name == "index.html":
        return text[: -len("index.html")]
    return text


def precache_list(site: Path) -> list[str]:
    """Every page and asset a visit may need, as addresses relative to the site's root."""
    files = sorted(
        PurePosixPath(path.relative_to(site).as_posix()) for path in site.rglob("*") if path.is_file()
    )
    return [url_of(relative) for relative in files if not _skipped(relative)]


def version(site: Path) -> str:
    """A hash of every file the worker may keep: the precached ones and the runtime."""
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        relative = PurePosixPath(path.relative_to(site).as_posix())
        if relative.suffix in {".br", ".gz", ".map"} or relative.name in SKIP_NAMES:
            continue
        digest.update(relative.as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def write_service_worker(site: Path, enabled: bool = True) -> list[str]:
    """Writes site/sw.js; returns the addresses it precaches (none when disabled)."""
    target = site / NAME
    if not enabled:
        target.write_text(RETIRE, encoding="utf-8")
        return []
    pages = precache_list(site)
    text = TEMPLATE.read_text(encoding="utf-8")
    text = text.replace("@VERSION@", version(site)).replace("@PRECACHE@", json.dumps(pages, indent=1))
    target.write_text(text, encoding="utf-8")
    return pages


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m sitebuild.offline SITE_DIR", file=sys.stderr)
        return 2
    site = Path(args[0])
    if not (site / "index.html").is_file():
        print(f"error: {site} holds no built site (no index.html)", file=sys.stderr)
        return 1
    pages = write_service_worker(site)
    print(f"{site / NAME}: {len(pages)} files cached at install, version {version(site)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
