"""A static file server for measuring the site as real hosts serve it: with gzip.

Python's http.server sends every file uncompressed; GitHub Pages, Netlify and most hosts
compress text. Lighthouse's figures are only comparable with that. Standard library only.

    python scripts/static_server.py PORT DIRECTORY
"""

from __future__ import annotations

import gzip
import io
import http.server
import sys
from functools import partial
from pathlib import Path

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Python's stock types, with gzip for text as hosts send it."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        kind = self.guess_type(str(path))
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and wants_gzip and kind.startswith(COMPRESSIBLE)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def main() -> None:
    port, directory = int(sys.argv[1]), sys.argv[2]
    handler = partial(GzipHandler, directory=directory)
    http.server.ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()


if __name__ == "__main__":
    main()
