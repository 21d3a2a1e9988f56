"""What type a browser needs for each kind of file the built site holds, by file extension.

Browsers refuse a script, a stylesheet or a module with the wrong type, and Pyodide needs
`application/wasm` to compile its runtime while it downloads. Data that scripts fetch as bytes
or JSON, and images (which browsers sniff), work with any type. A file under site/ with an
extension in neither list fails the tests until someone says which it is: a new kind of file
cannot slip past the check.
"""

from __future__ import annotations

from pathlib import Path

JAVASCRIPT = {"text/javascript", "application/javascript", "application/x-javascript"}
NEEDS = {
    ".html": {"text/html"},
    ".css": {"text/css"},
    ".js": JAVASCRIPT,
    ".mjs": JAVASCRIPT,  # stock nginx sends application/octet-stream: the site ships none
    ".wasm": {"application/wasm"},
}
# Fetched as data, or sniffed (images), or never fetched by a page (source maps, sitemaps,
# the host's _headers file, and the .br/.gz copies a server sends only as Content-Encoding
# of the file they copy): any type works.
ANY_TYPE = {".json", ".whl", ".zip", ".png", ".svg", ".ico", ".xml", ".gz", ".br", ".map", ".txt", ""}


def site_files(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*") if path.is_file())


def unclassified(site: Path) -> list[str]:
    return sorted({p.suffix for p in site_files(site) if p.suffix not in NEEDS and p.suffix not in ANY_TYPE})


def wrong_types(site: Path, type_of) -> list[str]:
    """Files whose served type (type_of(relative posix path) -> type) a browser would refuse."""
    wrong = []
    for path in site_files(site):
        need = NEEDS.get(path.suffix)
        if need is None:
            continue
        relative = path.relative_to(site).as_posix()
        served = (type_of(relative) or "").split(";")[0].strip().lower()
        if served not in need:
            wrong.append(f"{relative}: {served or 'no type'}")
    return wrong
