"""A static file server that serves the site as a well-set host does. Standard library only.

    python scripts/static_server.py PORT DIRECTORY

* Precompressed files: when the browser accepts brotli (or gzip) and the build wrote NAME.br
  (or NAME.gz) beside NAME, that copy is sent with `Content-Encoding` and the type of NAME,
  as nginx's `brotli_static` / `gzip_static` do. Other text is gzipped on the fly, as most
  hosts do. Every response that may differ by encoding says `Vary: Accept-Encoding`.
* Validators: an `ETag` (size and modification time of the bytes sent, and their encoding)
  and `Last-Modified`; a request carrying a matching `If-None-Match` (or, without one,
  `If-Modified-Since`) gets `304 Not Modified` and no body.
* `Cache-Control: no-cache`: the browser keeps every file and asks before each use, so a
  repeat visit costs one 304 per file and a new build is seen at once (the file names carry
  no content hash, so a longer lifetime could serve a stale runtime).
"""

from __future__ import annotations

import email.utils
import gzip
import http.server
import io
import sys
from functools import partial
from pathlib import Path

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")
# Best first: what the server sends when the browser accepts several.
PRECOMPRESSED = (("br", ".br"), ("gzip", ".gz"))
CACHE_CONTROL = "no-cache"


def accepted(header: str) -> set[str]:
    """The encodings of an Accept-Encoding header, without those refused by q=0."""
    names = set()
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        if params.replace(" ", "") in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
            continue
        if name:
            names.add(name.strip().lower())
    return names


class PrecompressedHandler(http.server.SimpleHTTPRequestHandler):
    """Python's stock types, with precompressed files, validators and Cache-Control."""

    # Keep-alive, as every real host: HTTP/1.0 would open a connection (one more round trip
    # on a phone network) for each file. Every response here has a length or no body.
    protocol_version = "HTTP/1.1"

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the stock redirect to the folder's URL
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()  # the stock 404
        kind = self.guess_type(str(path))
        encodings = accepted(self.headers.get("Accept-Encoding", ""))
        encoding, source = None, path
        for name, suffix in PRECOMPRESSED:
            copy = path.with_name(path.name + suffix)
            if name in encodings and copy.is_file():
                encoding, source = name, copy
                break
        on_the_fly = encoding is None and "gzip" in encodings and kind.startswith(COMPRESSIBLE)
        if on_the_fly:
            encoding = "gzip"
        stat = source.stat()
        etag = f'"{stat.st_size:x}-{stat.st_mtime_ns:x}-{encoding or "identity"}"'
        modified = email.utils.formatdate(stat.st_mtime, usegmt=True)
        varies = on_the_fly or any(path.with_name(path.name + s).is_file() for _, s in PRECOMPRESSED)

        def validators():
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", modified)
            self.send_header("Cache-Control", CACHE_CONTROL)
            if varies:
                self.send_header("Vary", "Accept-Encoding")

        if self.not_modified(etag, stat.st_mtime):
            self.send_response(304)
            validators()
            self.end_headers()
            return None
        body = source.read_bytes()
        if on_the_fly:
            body = gzip.compress(body, compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        validators()
        self.end_headers()
        return io.BytesIO(body)

    def not_modified(self, etag: str, mtime: float) -> bool:
        match = self.headers.get("If-None-Match")
        if match is not None:
            # Weak comparison, as RFC 9110 asks for If-None-Match.
            tags = {tag.strip().removeprefix("W/") for tag in match.split(",")}
            return "*" in tags or etag in tags
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                return int(mtime) <= email.utils.parsedate_to_datetime(since).timestamp()
            except (TypeError, ValueError):
                return False
        return False

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def main() -> None:
    port, directory = int(sys.argv[1]), sys.argv[2]
    handler = partial(PrecompressedHandler, directory=directory)
    try:
        http.server.ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()
    except KeyboardInterrupt:  # Ctrl+C in scripts/serve: stop quietly
        pass


if __name__ == "__main__":
    main()
