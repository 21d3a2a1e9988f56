"""A static file server that serves the site as a well-set host does, and holds up. Standard
library only (asyncio: one small task per connection, so idle or slow clients cost no thread).

    python scripts/static_server.py PORT DIRECTORY

* Precompressed files: when the browser accepts brotli (or gzip) and the build wrote NAME.br
  (or NAME.gz) beside NAME, that copy is sent with `Content-Encoding` and the type of NAME,
  as nginx's `brotli_static` / `gzip_static` do. Other text is gzipped on the fly, as most
  hosts do. Every response that may differ by encoding says `Vary: Accept-Encoding`.
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
# sitebuild/runtime.py names these folders by a hash of the file's bytes (16 hex digits).
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
        if found is not None and found.name == "index.html" and not path.endswith(("/", "index.html")):
            # A folder asked for without its slash: its links are relative to the slash.
            location = raw_path(request.target) + "/" + (f"?{query}" if query else "")
            return Response(301, [("Location", location)])
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
        encodings = accepted(headers.get("accept-encoding", ""))
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
        validators = [("ETag", etag), ("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True)),
                      ("Cache-Control", cache)]
        if on_the_fly or any(path.with_name(path.name + s).is_file() for _, s in PRECOMPRESSED):
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


def main() -> None:
    port, directory = int(sys.argv[1]), Path(sys.argv[2])
    raise_open_file_limit()

    async def serve() -> None:
        server = await Server(directory).start("127.0.0.1", port)
        async with server:
            await server.serve_forever()

    try:
        asyncio.run(serve())
    except KeyboardInterrupt:  # Ctrl+C in scripts/serve: stop quietly
        pass


if __name__ == "__main__":
    main()
