"""A Content-Security-Policy for the built site: in every page, in site/_headers, printed.

    python -m sitebuild.csp site

The policy goes two ways, because hosts differ. A `<meta http-equiv="Content-Security-Policy">`
at the top of every page's <head> works on any host, GitHub Pages included, which sends no
custom headers. `_headers` (the format Netlify and Cloudflare Pages read; other hosts take the
printed line) carries the same policy plus `frame-ancestors 'self'`, which browsers honour only
in a header. The build (sitebuild.assemble) does both, as it writes the pages; `mkdocs serve` gets the header file
only, since its live-reload script is inline and a page policy would block it.

Everything comes from the site's own origin. Scripts: the site's files, WebAssembly compiled by
Pyodide ('wasm-unsafe-eval', no plain 'unsafe-eval'), and the few inline scripts Material writes
into each page, allowed one by one by their sha256 hash (they differ per page depth, so every
page is read). JSON data blocks (type="application/json") do not execute and need no hash.
Styles: the site's files only; Material and the checker change styles only through the CSSOM,
which style-src does not govern. Zensical's search dialog puts a stylesheet, kept as a string in
its JavaScript bundle, into a shadow root; that string is allowed by its hash. The checker's form never submits (the page's script reads it),
so form-action is 'none'.

A page with an inline event handler or an inline <style> stops the run with a message: the
policy would block it.
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
from html import escape
from collections.abc import Mapping
from html.parser import HTMLParser
from pathlib import Path

from sitebuild.author_errors import BuildError, shown
from sitebuild.site import Site

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
INLINE_STYLE = re.compile(r"<style\b|<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


class CSPError(BuildError):
    """A page needs something the policy would block."""


def _attributes(tag_text: str) -> dict[str, str]:
    found: dict[str, str] = {}

    class Reader(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.update((name, value or "") for name, value in attrs)

    Reader().feed(f"<script {tag_text}>")
    return found


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions for the inline scripts of one page that a browser would run."""
    hashes = []
    for match in SCRIPT.finditer(html):
        attributes = _attributes(match.group(1))
        if "src" in attributes:
            continue
        if attributes.get("type", "").strip().lower() not in JAVASCRIPT_TYPES:
            continue  # data blocks such as Material's __config JSON never execute
        hashes.append(_sha256(match.group(2)))
    return hashes


def check_page(path: str, html: str) -> None:
    """Fails on what the policy would block in the page (`path`: the file to name)."""
    without_scripts = SCRIPT.sub("", html)
    if EVENT_HANDLER.search(without_scripts):
        raise CSPError(f"{path}: an inline event handler (on...=) would be blocked by the policy. Attach the "
                       "handler from a script file in overrides/assets/ instead.")
    if INLINE_STYLE.search(without_scripts):
        raise CSPError(f"{path}: an inline style would be blocked by the policy (style-src 'self'). Give the "
                       "element a class and its style in overrides/assets/site.css instead.")


# Zensical's bundle: `C("style",{},Tc.toString())` with `var Tc='...css...'` (minified names).
SHADOW_STYLE_USE = re.compile(r'[\w$]+\("style",\{\},([\w$]+)\.toString\(\)\)')


def _sha256(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode('utf-8')).digest()).decode('ascii')}'"


def shadow_style_hashes(site: Path) -> list[str]:
    """Hashes of the stylesheets a theme's scripts write into shadow roots (Zensical's search)."""
    hashes: list[str] = []
    for script in sorted((site / "assets" / "javascripts").glob("*.js")):
        source = script.read_text(encoding="utf-8", errors="replace")
        for name in SHADOW_STYLE_USE.findall(source):
            literal = re.search(r"[\s,;]" + re.escape(name) + r"='((?:[^'\\]|\\.)*)'", source)
            if literal is None:
                continue
            css = literal.group(1)
            if "\\" in css:
                css = css.encode("latin-1", "backslashreplace").decode("unicode_escape")
            hashes.append(_sha256(css))
    return hashes


def policy(pages: Mapping[str, str], site: Path, sources: Mapping[str, Path | None] | None = None) -> str:
    """The policy for the finished pages ({site-relative file: HTML}) of the site at `site`
    (`sources`: their Markdown files, to name in an error)."""
    if not pages:
        raise CSPError(f"{site} holds no HTML pages: build the site first (scripts/build).")
    hashes: list[str] = []
    for dest, html in pages.items():
        source = (sources or {}).get(dest)
        check_page(shown(source) if source else dest, html)
        hashes += [h for h in inline_script_hashes(html) if h not in hashes]
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'wasm-unsafe-eval'", *sorted(hashes)],
        "worker-src": ["'self'"],
        "style-src": ["'self'", *shadow_style_hashes(site)],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def header_policy(page_policy: str) -> str:
    """The policy a host sends as a header: the page's, plus what only a header can carry."""
    return f"{page_policy}; frame-ancestors 'self'"


def write_headers(site: Path, csp: str) -> Path:
    headers = site / "_headers"
    headers.write_text(f"/*\n  Content-Security-Policy: {csp}\n", encoding="utf-8")
    return headers


META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*', re.IGNORECASE)
CHARSET = re.compile(r"<meta charset=[^>]*>", re.IGNORECASE)


def with_meta(html: str, page_policy: str) -> str:
    """The page with the policy as its first <head> element after the charset (once)."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{escape(page_policy, quote=False)}">'
    html = META.sub("", html)
    anchor = CHARSET.search(html) or re.search(r"<head\b[^>]*>", html, re.IGNORECASE)
    if anchor is None:
        raise CSPError("a page has no <head>: the policy cannot be added to it.")
    return html[: anchor.end()] + "\n    " + tag + html[anchor.end():]


class Sealer:
    """The writer's last act (sitebuild.site.Site.write): checks the finished pages, writes
    _headers and, unless `meta` is off (`mkdocs serve`, whose live-reload script is inline),
    the policy into every page. `header` is the header's policy, once sealed."""

    def __init__(self, site: Path, meta: bool = True, sources: Mapping[str, Path | None] | None = None) -> None:
        self.site = site
        self.meta = meta
        self.sources = sources
        self.header = ""

    def __call__(self, pages: Mapping[str, str]) -> dict[str, str]:
        page_policy = policy(pages, self.site, self.sources)
        self.header = header_policy(page_policy)
        write_headers(self.site, self.header)
        return {dest: with_meta(html, page_policy) if self.meta else html for dest, html in pages.items()}


def apply(site: Path, meta: bool = True) -> str:
    """The policy alone, on a built site: into its pages and _headers; returns the header's."""
    sealer = Sealer(site, meta)
    Site(site).write(sealer)
    return sealer.header


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m sitebuild.csp SITE_DIR", file=sys.stderr)
        return 2
    site = Path(args[0])
    try:
        csp = apply(site)
    except CSPError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(csp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
