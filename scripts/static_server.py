"""A static file server that serves the site as a well-set host does, and holds up. Standard
library only (asyncio: one small task per connection, so idle or slow clients cost no thread).

    python scripts/static_server.py PORT DIRECTORY      (--help: what each is)

* Precompressed files: when the browser accepts brotli (or gzip) and the build wrote NAME.br
  (or NAME.gz) beside NAME, that copy is sent with `Content-Encoding` and the type of NAME,
  as nginx's `brotli_static` / `gzip_static` do. Other text is gzipped on the fly, as most
  hosts do. Every response that may differ by encoding says `Vary: Accept-Encoding`. The
  header is read as RFC 9110 says: weights in either case (`br;Q=0`), `q=0.000` refuses, `*`
  stands for the codings not named, `identity;q=0` and `*;q=0` are honoured, the highest
  weight wins.
* Redirects: a folder asked for without its slash, or a path with empty or "." segments
  (`//about`, `/%2F/about`), gets 301 to its one canonical path, percent-encoded: always an
  absolute path on this site, never `//host` (a backslash, which browsers read as `/`, goes
  as `%5C`).
* Validators: an `ETag` (size and modification time of the bytes sent, and their encoding)
  and `Last-Modified`; a request carrying a matching `If-None-Match` (or, without one,
  `If-Modified-Since`) gets `304 Not Modified` and no body. `Cache-Control: no-cache`: the
  browser keeps every file and asks before each use, so a new build is seen at once; except a
  file in a folder named by its content's hash (the checker's runtime and wheel, which a new
  build puts at a new address): `immutable` for a year, so a warm visit asks nothing for it.
* The headers of the site's `_headers` file (the format Netlify and Cloudflare Pages read; the
  build writes the security policy there, `frame-ancestors` included) go with every response.
* Only the site: a path that is not one (a NUL, percent-encoding that is not UTF-8, `..`) gets
  400; a symlink that leads out of DIRECTORY, a folder without index.html (no listings) and a
  missing file get 404 with the site's 404.html; GET and HEAD only (405). An If-Modified-Since
  that is not a date is ignored, as RFC 9110 says. No bad request drops the connection or
  prints a traceback.
* Holds up: a listen backlog of BACKLOG (the kernel's somaxconn may cap it); a request's line
  and headers must arrive within HEAD_TIMEOUT and stay under HEAD_LIMIT; a keep-alive
  connection idle for IDLE_TIMEOUT is closed; a client that takes no bytes for SEND_TIMEOUT is
  dropped. scripts/load_test.py measures it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import email.utils
import gzip
import http.server
import mimetypes
import posixpath
import re
import resource
import sys
import threading
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")
# Best first: what the server sends when the browser accepts several.
PRECOMPRESSED = (("br", ".br"), ("gzip", ".gz"))
CACHE_CONTROL = "no-cache"
# sitebuild/runtime_files.py names these folders by a hash of the file's bytes (16 hex digits).
HASHED = re.compile(r"/assets/checker/(?:pyodide/)?[0-9a-f]{16}/[^/]+$")
CACHE_FOREVER = "public, max-age=31536000, immutable"
BACKLOG = 1024
HEAD_LIMIT = 16 * 1024
HEAD_FIELDS = 100
HEAD_TIMEOUT = 10.0
IDLE_TIMEOUT = 15.0
SEND_TIMEOUT = 30.0
CHUNK = 256 * 1024
REASONS = {code.value: code.phrase for code in http.HTTPStatus}
TEXT = "text/plain; charset=utf-8"


class BadRequest(Exception):
    """The request cannot be answered as asked: its status and a line of plain text."""

    def __init__(self, status: int, text: str):
        super().__init__(text)
        self.status = status
        self.text = text


@dataclass
class Request:
    method: str
    target: str
    version: str
    headers: dict[str, str]

    @property
    def keep_alive(self) -> bool:
        tokens = {t.strip().lower() for t in self.headers.get("connection", "").split(",")}
        if self.version == "HTTP/1.0":
            return "keep-alive" in tokens
        return "close" not in tokens


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    file: Path | None = None  # sent in chunks instead of `body`
    length: int = 0
    close: bool = False


# RFC 9110 12.4.2: a weight is "q=" (either case) and 0 to 1 with at most three decimals.
QVALUE = re.compile(r"0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?")


def weights(header: str) -> dict[str, float]:
    """The codings of an Accept-Encoding header and their weights (RFC 9110 12.5.3), names in
    lower case. An element whose weight is not a valid q-value is left out, as if not sent."""
    found: dict[str, float] = {}
    for element in header.split(","):
        name, *params = (part.strip() for part in element.split(";"))
        name = name.lower()
        weight = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                weight = float(value.strip()) if QVALUE.fullmatch(value.strip()) else -1.0
        if name and weight >= 0:
            found.setdefault("gzip" if name == "x-gzip" else name, weight)  # x-gzip is gzip (RFC 9110 8.4.1.3)
    return found


def choose(header: str | None, offered: list[str]) -> str | None:
    """The coding to send, of those `offered` (best first), or None to send the bytes as they
    are. A coding the header does not name is refused, unless "*" accepts it; "identity" is
    acceptable unless "identity;q=0", or "*;q=0" without identity, refuses it; not named, it
    comes after every coding named. The highest weight wins; on a tie the first offered, and
    any coding before identity. No header (or an empty one) asks for no coding; when every
    choice is refused, the bytes go as they are."""
    if not header or not header.strip():
        return None
    given = weights(header)
    star = given.get("*")
    ranked = [(given.get(name, star or 0.0), -place, name) for place, name in enumerate(offered)]
    identity = given.get("identity", star)  # not named: acceptable, after any coding named
    best = max(ranked, default=(0.0, 0, None))
    return best[2] if best[0] > 0 and (identity is None or best[0] >= identity) else None


def guess_type(path: Path) -> str:
    """Python's stock types, as `python -m http.server` sends them."""
    extensions = http.server.SimpleHTTPRequestHandler.extensions_map
    suffix = posixpath.splitext(path.name)[1]
    return extensions.get(suffix) or extensions.get(suffix.lower()) or mimetypes.guess_type(path.name)[0] \
        or "application/octet-stream"


def site_headers(root: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """The rules of root/_headers: (path pattern, headers), in order."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    source = root / "_headers"
    if not source.is_file():
        return rules
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        elif rules and ":" in line:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def raw_path(target: str) -> str:
    """The path of a request target as sent (no query), for _headers' patterns and the log."""
    if target.startswith(("http://", "https://")):
        return urllib.parse.urlsplit(target).path or "/"
    return target.partition("?")[0].partition("#")[0]


def canonical_path(path: str, folder: bool) -> str:
    """A decoded path with its empty and "." segments dropped ("//about" -> "/about"), and a
    folder's ending in "/" (unless it names its index.html)."""
    parts = [part for part in path.split("/") if part not in ("", ".")]
    canonical = "/" + "/".join(parts)
    if parts and (path.endswith("/") or folder and parts[-1] != "index.html"):
        canonical += "/"
    return canonical


# Kept as they are in a Location's path and query (RFC 3986's sub-delims, ":" and "@"; "/"
# in the path; "?" and "/" in the query, whose "%" escapes are already the client's).
PATH_SAFE = "/!$&'()*+,;=:@~"
QUERY_SAFE = PATH_SAFE + "?%"


def location(path: str, query: str) -> str:
    """A redirect's target on this site: an absolute path, percent-encoded, that no browser can
    read as another host. `path` starts with one "/" and has no empty segment, so it never
    starts with "//"; a backslash, which browsers read as "/", is sent as %5C; control
    characters and spaces are escaped too."""
    target = urllib.parse.quote(path, safe=PATH_SAFE)
    if query:
        target += "?" + urllib.parse.quote_from_bytes(query.encode("latin-1", "replace"), safe=QUERY_SAFE)
    return target


def matches(pattern: str, path: str) -> bool:
    return path.startswith(pattern[:-1]) if pattern.endswith("*") else path == pattern


def not_modified(headers: dict[str, str], etag: str, mtime: float) -> bool:
    match = headers.get("if-none-match")
    if match is not None:
        # Weak comparison, as RFC 9110 asks for If-None-Match.
        tags = {tag.strip().removeprefix("W/") for tag in match.split(",")}
        return "*" in tags or etag in tags
    since = headers.get("if-modified-since")
    if since:
        try:
            return int(mtime) <= email.utils.parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError, OverflowError, IndexError):
            return False  # not a date: ignored
    return False


class Site:
    """Answers requests for the files under `root`."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self.rules = site_headers(self.root)

    def decoded_path(self, target: str) -> tuple[str, str]:
        """The request target's path, percent-decoded, and its raw query; or BadRequest."""
        raw, query = raw_path(target), target.partition("?")[2].partition("#")[0]
        if not raw.startswith("/"):
            raise BadRequest(400, "The address is not a path on this site.")
        try:
            path = urllib.parse.unquote_to_bytes(raw).decode("utf-8")
        except UnicodeDecodeError:
            raise BadRequest(400, "The address is not valid UTF-8.") from None
        if any(ord(char) < 0x20 or ord(char) == 0x7F for char in path):
            raise BadRequest(400, "The address holds a control character.")
        if ".." in path.split("/"):
            raise BadRequest(400, "The address leaves the site (..).")
        return path, query

    def file_for(self, path: str) -> Path | None:
        """The file inside the root for a decoded path, following symlinks only within it."""
        try:
            resolved = self.root.joinpath(*[part for part in path.split("/") if part]).resolve()
            if not resolved.is_relative_to(self.root):
                return None
            if resolved.is_dir():
                resolved = resolved / "index.html"
            return resolved if resolved.is_file() else None
        except OSError:  # a name too long, a loop of links
            return None

    def extra_headers(self, path: str) -> list[tuple[str, str]]:
        return [header for pattern, headers in self.rules if matches(pattern, path) for header in headers]

    def respond(self, request: Request) -> Response:
        path, query = self.decoded_path(request.target)
        if request.method not in ("GET", "HEAD"):
            return Response(405, [("Allow", "GET, HEAD"), ("Content-Type", TEXT)], b"Only GET and HEAD.\n")
        found = self.file_for(path)
        if found is not None:
            # A folder asked for without its slash (its links are relative to the slash), or a
            # path with empty or "." segments ("//about", "/%2F/about", "/./about"): sent to the
            # one path that names the file, so no two addresses serve a page.
            canonical = canonical_path(path, folder=found.name == "index.html")
            if canonical != path:
                return Response(301, [("Location", location(canonical, query))])
        if found is None:
            page = self.file_for("/404.html")
            if page is None:
                return Response(404, [("Content-Type", TEXT)], b"Not found.\n")
            return Response(404, [("Content-Type", "text/html")], page.read_bytes())
        return self.file_response(found, request.headers)

    def file_response(self, path: Path, headers: dict[str, str]) -> Response:
        relative = "/" + path.relative_to(self.root).as_posix()
        cache = CACHE_FOREVER if HASHED.search(relative) else CACHE_CONTROL
        kind = guess_type(path)
        copies = {name: path.with_name(path.name + suffix) for name, suffix in PRECOMPRESSED}
        copies = {name: copy for name, copy in copies.items() if copy.is_file()}
        # What this file can be sent as, best first: the build's copies, else gzip on the fly.
        offered = list(copies) or (["gzip"] if kind.startswith(COMPRESSIBLE) else [])
        encoding = choose(headers.get("accept-encoding"), offered)
        source = copies.get(encoding, path) if encoding else path
        on_the_fly = encoding is not None and source == path
        stat = source.stat()
        etag = f'"{stat.st_size:x}-{stat.st_mtime_ns:x}-{encoding or "identity"}"'
        validators = [("ETag", etag), ("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True)),
                      ("Cache-Control", cache)]
        if offered:
            validators.append(("Vary", "Accept-Encoding"))
        if not_modified(headers, etag, stat.st_mtime):
            return Response(304, validators)
        head = [("Content-Type", kind), *([("Content-Encoding", encoding)] if encoding else []), *validators]
        if on_the_fly:
            return Response(200, head, gzip.compress(source.read_bytes(), compresslevel=6))
        return Response(200, head, file=source, length=stat.st_size)


async def read_request(reader: asyncio.StreamReader) -> Request | None:
    """The next request's line and headers, or None when the client closed or stayed idle for
    IDLE_TIMEOUT. Raises BadRequest for one that is malformed, too large, or whose head took
    longer than HEAD_TIMEOUT from its first byte."""
    try:
        async with asyncio.timeout(IDLE_TIMEOUT):
            start = await reader.read(1)
    except (TimeoutError, ConnectionError):
        return None
    if not start:
        return None
    lines: list[bytes] = []
    size = 0
    try:
        async with asyncio.timeout(HEAD_TIMEOUT):
            first = start + await reader.readline()
            while first in (b"\r\n", b"\n"):  # RFC 9112: empty lines before a request are ignored
                first = await reader.readline()
            while True:
                line = await reader.readline()
                size += len(line)
                if not line or not first.endswith(b"\n"):
                    return None  # the client went away mid-request
                if size > HEAD_LIMIT or len(lines) > HEAD_FIELDS:
                    raise BadRequest(431, "The request's headers are too large.")
                if line in (b"\r\n", b"\n"):
                    break
                lines.append(line)
    except TimeoutError:
        raise BadRequest(408, "The request took too long to arrive.") from None
    except ValueError:  # a line longer than the reader's limit
        raise BadRequest(431, "The request's line or a header is too long.") from None
    parts = first.decode("latin-1").split()
    if len(parts) != 3:
        raise BadRequest(400, "The request line is not METHOD PATH VERSION.")
    method, target, version = parts
    if version not in ("HTTP/1.0", "HTTP/1.1"):
        if version.startswith("HTTP/"):
            raise BadRequest(505, "Only HTTP/1.0 and HTTP/1.1.")
        raise BadRequest(400, "The request line is not METHOD PATH VERSION.")
    headers: dict[str, str] = {}
    for line in lines:
        text = line.decode("latin-1").rstrip("\r\n")
        name, colon, value = text.partition(":")
        if not colon or not name or name != name.strip() or text[0].isspace():
            raise BadRequest(400, "A header line is malformed.")
        key = name.lower()
        headers[key] = f"{headers[key]}, {value.strip()}" if key in headers else value.strip()
    return Request(method, target, version, headers)


def head_bytes(response: Response, extra: list[tuple[str, str]], keep: bool) -> bytes:
    length = response.length if response.file is not None else len(response.body)
    lines = [f"HTTP/1.1 {response.status} {REASONS.get(response.status, '')}",
             f"Date: {email.utils.formatdate(usegmt=True)}", *(f"{n}: {v}" for n, v in response.headers),
             *(f"{n}: {v}" for n, v in extra)]
    if response.status != 304:
        lines.append(f"Content-Length: {length}")
    lines.append(f"Connection: {'keep-alive' if keep else 'close'}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


async def send(writer: asyncio.StreamWriter, data: bytes) -> None:
    writer.write(data)
    async with asyncio.timeout(SEND_TIMEOUT):  # a client that reads nothing is let go
        await writer.drain()


class Server:
    """The site on HOST:PORT. `on_response(method, path, status)` sees every answer (tests)."""

    def __init__(self, root: Path, on_response: Callable[[str, str, int], None] | None = None):
        self.site = Site(root)
        self.on_response = on_response or (lambda method, path, status: None)
        self.writers: set[asyncio.StreamWriter] = set()  # the open connections, for close_all

    def close_all(self) -> None:
        for writer in list(self.writers):
            writer.close()

    async def connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.writers.add(writer)
        try:
            while True:
                request = None
                try:
                    request = await read_request(reader)
                    if request is None:
                        break
                    response = self.site.respond(request)
                except BadRequest as bad:
                    response = Response(bad.status, [("Content-Type", TEXT)], bad.text.encode() + b"\n", close=True)
                keep = request is not None and request.keep_alive and not response.close
                # A request with a body (never needed here) is answered, then the connection ends.
                if request is not None and (request.headers.get("content-length", "0") != "0"
                                            or "transfer-encoding" in request.headers):
                    keep = False
                path = raw_path(request.target) if request else "-"
                await send(writer, head_bytes(response, self.site.extra_headers(path), keep))
                if request is None or request.method != "HEAD":
                    await self.send_body(writer, response)
                self.on_response(request.method if request else "-", path, response.status)
                if not keep:
                    break
        except (ConnectionError, TimeoutError, asyncio.IncompleteReadError):
            pass  # the client went away, or took nothing for SEND_TIMEOUT
        except Exception as error:  # a fault of this server: one line, and the others go on
            print(f"static_server: {type(error).__name__}: {error}", file=sys.stderr)
        finally:
            self.writers.discard(writer)
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    async def send_body(self, writer: asyncio.StreamWriter, response: Response) -> None:
        if response.file is None:
            if response.body:
                await send(writer, response.body)
            return
        with response.file.open("rb") as source:
            while chunk := source.read(CHUNK):
                await send(writer, chunk)

    async def start(self, host: str, port: int) -> asyncio.Server:
        # The reader's limit bounds one line of the request head.
        return await asyncio.start_server(self.connection, host, port, backlog=BACKLOG, limit=HEAD_LIMIT)


def raise_open_file_limit() -> None:
    """Each connection is a file descriptor: allow as many as the system lets this process."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else 65536
    if soft < wanted:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


class Background:
    """The server in a thread with its own event loop, on 127.0.0.1 (tests and benchmarks):
    `url` is the site's root URL; `stop()` ends it and every open connection."""

    def __init__(self, root: Path, port: int = 0, on_response: Callable[[str, str, int], None] | None = None):
        self.loop = asyncio.new_event_loop()
        self.server = Server(root, on_response)
        listening: list[asyncio.Server] = []
        started = threading.Event()

        def run() -> None:  # the loop runs in this thread alone (the caller may run one of its own)
            asyncio.set_event_loop(self.loop)
            listening.append(self.loop.run_until_complete(self.server.start("127.0.0.1", port)))
            started.set()
            self.loop.run_forever()

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()
        if not started.wait(10):
            raise RuntimeError("the static server did not start")
        self.listening = listening[0]
        self.port = self.listening.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"

    def stop(self) -> None:
        def close() -> None:
            self.listening.close()
            self.server.close_all()
            self.loop.call_later(0.05, self.loop.stop)

        self.loop.call_soon_threadsafe(close)
        self.thread.join(10)


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """PORT and DIRECTORY from the command line; --help prints the usage (status 0), and a
    missing or wrong one prints the usage and the problem (status 2), never a traceback."""
    parser = argparse.ArgumentParser(
        prog="static_server.py",
        description="Serves a built site on 127.0.0.1 as a well-set host does: precompressed "
                    "copies, ETag and 304, the site's _headers and its 404 page.",
    )
    parser.add_argument("port", type=int, metavar="PORT", help="the port to listen on (0 picks a free one)")
    parser.add_argument("directory", type=Path, metavar="DIRECTORY", help="the built site, such as site/")
    args = parser.parse_args(argv)
    if not 0 <= args.port <= 65535:
        parser.error(f"PORT must be from 0 to 65535, not {args.port}")
    if not args.directory.is_dir():
        parser.error(f"DIRECTORY {args.directory} is not a folder (build the site first: scripts/build)")
    return args


def main(argv: list[str] | None = None) -> None:
    args = arguments(argv)
    raise_open_file_limit()

    async def serve() -> None:
        server = await Server(args.directory).start("127.0.0.1", args.port)
        async with server:
            await server.serve_forever()

    try:
        asyncio.run(serve())
    except KeyboardInterrupt:  # Ctrl+C in scripts/serve: stop quietly
        pass


if __name__ == "__main__":
    main()
