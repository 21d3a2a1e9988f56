"""One build, one checker: the id that ties a page to the checker files of its own build.

A reader's tab can stay open across a deploy. The open page keeps its build's form, cards and
scripts, while config.json (at a fixed address) names the new build's worker and wheel; run
together, the new rules could name a card the old page does not have. So every page carries
`<meta name="rg-build" content="…">` and config.json carries the same id under "build";
runtime.js compares them before it runs anything, and a page from another build reloads into
the new one with the reader's answers kept (checker-machine.js).

The id is a hash of what must agree: every file config.json names (by its SHA-256), the
checker's own scripts and styles in the page, and the sections stamp. A change to the words
of a page alone keeps it, so an open tab is reloaded only when the checker itself changed.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from sitebuild.site import PageEdit

META = '<meta name="rg-build" content="{}">'
EXISTING = re.compile(r'<meta name="rg-build" content="[^"]*">')


def build_id(checker_dir: Path, config: dict, sections_stamp: str) -> str:
    digest = hashlib.sha256()
    shape = {
        "downloads": {name: facts["sha256"] for name, facts in sorted(config["downloads"].items())},
        "worker": config["worker"],
        "sections": sections_stamp,
    }
    digest.update(json.dumps(shape, sort_keys=True).encode())
    for script in sorted(checker_dir.glob("*.js")) + sorted(checker_dir.glob("*.css")):
        digest.update(script.name.encode() + b"\0" + hashlib.sha256(script.read_bytes()).digest())
    return digest.hexdigest()[:16]


def write_id(checker_dir: Path, config_file: Path, sections_stamp: str) -> str:
    """Computes the id and writes it into config.json; returns it."""
    config = json.loads(config_file.read_text(encoding="utf-8"))
    value = build_id(checker_dir, config, sections_stamp)
    config["build"] = value
    config_file.write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")
    return value


def stamper(value: str) -> PageEdit:
    """The page edit that writes the id into a page's <head>."""
    tag = META.format(value)

    def stamp_page(dest: str, html: str) -> str:
        # A page stamped before (a step run again on a built site) gets the new id.
        return EXISTING.sub(tag, html, 1) if EXISTING.search(html) else html.replace("<head>", f"<head>\n    {tag}", 1)

    return stamp_page
