"""scripts/static_server.py (what scripts/serve runs) holds up as a real host does.

Bad requests get a status (never a dropped connection or a traceback), only files inside the
site are served (no folder listings, no symlinks out), a missing page gets the site's 404 page,
a redirect never leads to another host, Accept-Encoding is read as RFC 9110 says, slow and idle
clients are let go, and 200 clients at once all get their page. `--help` prints the usage.
Timings are measured by scripts/load_test.py, not here.
"""

from __future__ import annotations

import gzip
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from support.project import REPO, static_server_module


@pytest.fixture(scope="module")
def module():
    return static_server_module()


@pytest.fixture
def site(tmp_path, site_dir):
    """A small site: the real 404 page and _headers, a page, a folder without an index, and
    two symlinks: one inside the site, one to a file outside it; a script with brotli and gzip
    copies beside it (their bytes only stand for the copies), and a folder whose name holds a
    backslash."""
    root = tmp_path / "site"
    (root / "page").mkdir(parents=True)
    (root / "index.html").write_text("<h1>Home</h1>")
    (root / "page" / "index.html").write_text("<h1>A page</h1>")
    (root / "page" / "app.js").write_text("let x = 1;")
    (root / "page" / "app.js.br").write_bytes(b"brotli bytes")
    (root / "page" / "app.js.gz").write_bytes(b"gzip bytes")
    (root / "back\\slash").mkdir()
    (root / "back\\slash" / "index.html").write_text("<h1>Odd name</h1>")
    (root / "bare").mkdir()
    (root / "bare" / "note.txt").write_text("listed nowhere")
    (root / "404.html").write_bytes((site_dir / "404.html").read_bytes())
    (root / "_headers").write_bytes((site_dir / "_headers").read_bytes())
    (tmp_path / "secret.txt").write_text("outside the site")
    (root / "out.txt").symlink_to(tmp_path / "secret.txt")
    (root / "in.txt").symlink_to(root / "bare" / "note.txt")
    return root


@pytest.fixture
def server(module, site):
    running = module.Background(site)
    yield running
    running.stop()


def exchange(server, raw: bytes, timeout: float = 10) -> bytes:
    """Sends `raw` on a new connection and reads until the server closes it."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=timeout) as connection:
        connection.sendall(raw)
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def status_of(response: bytes) -> int:
    return int(response.split(b" ", 2)[1])


def get(server, path: str, headers: dict | None = None):
    request = urllib.request.Request(server.url.rstrip("/") + path, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.mark.parametrize(
    "line, status",
    [
        (b"GET /%00 HTTP/1.1", 400),
        (b"GET /%ed%a0%80 HTTP/1.1", 400),
        (b"GET /%ff HTTP/1.1", 400),
        (b"GET /page/../../secret.txt HTTP/1.1", 400),
        (b"GET nothing HTTP/1.1", 400),
        (b"complete nonsense", 400),
        (b"BREW /page/ HTTP/1.1", 405),
        (b"GET /page/ HTTP/2.0", 505),
        (b"GET /" + b"a" * 20_000 + b" HTTP/1.1", 431),
    ],
)
def test_a_bad_request_gets_a_status_not_a_dropped_connection(server, line, status):
    response = exchange(server, line + b"\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert status_of(response) == status, response[:200]


def test_a_date_that_is_no_date_is_ignored(server):
    for since in ("Sat, 01 Jan 99999999999 00:00:00 GMT", "yesterday", "Mon, 32 Foo 2020 99:99:99 GMT"):
        status, _, body = get(server, "/page/", {"If-Modified-Since": since})
        assert (status, body) == (200, b"<h1>A page</h1>"), since


def test_only_files_inside_the_site(server):
    assert get(server, "/in.txt")[0] == 200  # a link that stays inside
    for path in ("/out.txt", "/bare/", "/bare", "/nothing-here"):
        status, headers, body = get(server, path)
        # The site's own 404 page, with the status a missing page has; no folder listing.
        assert status == 404, path
        assert headers["Content-Type"] == "text/html" and b"listed nowhere" not in body
        assert body == (server.server.site.root / "404.html").read_bytes()


def test_a_folder_without_its_slash_is_redirected(server):
    response = exchange(server, b"GET /page?x=1 HTTP/1.1\r\nConnection: close\r\n\r\n")
    assert status_of(response) == 301 and b"\r\nLocation: /page/?x=1\r\n" in response


def location_of(response: bytes) -> str | None:
    for line in response.split(b"\r\n\r\n", 1)[0].split(b"\r\n")[1:]:
        name, _, value = line.decode("latin-1").partition(":")
        if name.lower() == "location":
            return value.strip()
    return None


@pytest.mark.parametrize(
    "target, location",
    [
        # Read as written, "//page/" is the host "page": it must become a path on this site.
        ("//page", "/page/"),
        ("///page", "/page/"),
        ("//page/", "/page/"),
        ("/%2F/page", "/page/"),
        ("/%2f%2fpage", "/page/"),
        ("/./page", "/page/"),
        ("//page?next=//elsewhere.example", "/page/?next=//elsewhere.example"),
        ("/page?q=a%20b", "/page/?q=a%20b"),
        # Browsers read "\\" in a URL as "/": "/\\slash/" would be "//slash/", another host.
        ("/back\\slash", "/back%5Cslash/"),
        ("/back%5Cslash", "/back%5Cslash/"),
        ("//", "/"),
    ],
)
def test_a_redirect_stays_on_this_site(server, target, location):
    response = exchange(server, f"GET {target} HTTP/1.1\r\nConnection: close\r\n\r\n".encode())
    assert status_of(response) == 301, response[:200]
    assert location_of(response) == location
    # As a browser resolves it from the page asked for: the same host and port.
    here = f"http://127.0.0.1:{server.port}/some/page/"
    assert urllib.parse.urlsplit(urllib.parse.urljoin(here, location)).netloc == f"127.0.0.1:{server.port}"


@pytest.mark.parametrize("target", ["/\\page", "/%5Cpage", "/%5C%5Cpage/", "//nothing-here"])
def test_a_path_that_reads_as_another_host_and_names_no_file_is_not_found(server, target):
    response = exchange(server, f"GET {target} HTTP/1.1\r\nConnection: close\r\n\r\n".encode())
    assert status_of(response) == 404 and location_of(response) is None


def test_a_redirect_followed_gives_the_page(server):
    assert get(server, "//page")[::2] == (200, b"<h1>A page</h1>")


@pytest.mark.parametrize(
    "accept, sent",
    [
        (None, None),
        ("", None),
        ("br", "br"),
        ("BR", "br"),
        ("gzip, br", "br"),
        ("gzip, deflate, br, zstd", "br"),  # what Chromium sends
        ("br;q=0, gzip", "gzip"),
        ("br;Q=0, gzip", "gzip"),  # parameter names are case-insensitive
        ("br; q=0, gzip", "gzip"),
        ("br;q=0.0, gzip", "gzip"),
        ("br;q=0.000, gzip", "gzip"),
        ("br;q=0.001", "br"),
        ("br;q=0.5, gzip", "gzip"),  # the higher weight wins
        ("gzip;q=1.000, br;q=0.999", "gzip"),
        ("br;q=0.5, gzip;q=0.5", "br"),  # a tie: the server's first choice
        ("br;q=2, gzip", "gzip"),  # not a q-value: that element is left out
        ("br;q=abc", None),
        ("x-gzip", "gzip"),
        ("*", "br"),
        ("*;q=0", None),
        ("*;q=0, gzip", "gzip"),
        ("br;q=0, *", "gzip"),
        ("identity", None),
        ("identity;q=0, gzip;q=0.1", "gzip"),
        ("br;q=0.4, identity;q=0.5", None),
        ("identity;q=0", None),  # nothing else acceptable: the bytes as they are
    ],
)
def test_accept_encoding_is_read_as_rfc_9110_says(server, accept, sent):
    headers = {} if accept is None else {"Accept-Encoding": accept}
    status, head, body = get(server, "/page/app.js", headers)
    assert status == 200 and head.get("Content-Encoding") == sent, accept
    assert body == {"br": b"brotli bytes", "gzip": b"gzip bytes", None: b"let x = 1;"}[sent]
    assert head["Vary"] == "Accept-Encoding"


@pytest.mark.parametrize(
    "accept, sent",
    [("gzip", "gzip"), ("br", None), ("gzip;q=0", None), ("gzip;Q=0.00", None), ("*", "gzip"),
     ("*;q=0", None), ("identity;q=0, *", "gzip")],
)
def test_text_without_copies_is_gzipped_only_when_gzip_is_accepted(server, accept, sent):
    status, head, body = get(server, "/page/", {"Accept-Encoding": accept})
    assert status == 200 and head.get("Content-Encoding") == sent, accept
    assert (gzip.decompress(body) if sent else body) == b"<h1>A page</h1>"
    assert head["Vary"] == "Accept-Encoding"  # the answer differs by the header, whichever it was


@pytest.mark.parametrize(
    "args, status, expected",
    [
        (["--help"], 0, "usage: static_server.py"),
        (["-h"], 0, "PORT"),
        ([], 2, "the following arguments are required: PORT, DIRECTORY"),
        (["eighty", "site"], 2, "invalid int value"),
        (["8000", "no-such-folder"], 2, "is not a folder"),
    ],
)
def test_the_command_line_says_how_to_use_it_without_a_traceback(args, status, expected, tmp_path):
    result = subprocess.run([sys.executable, str(REPO / "scripts/static_server.py"), *args], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == status
    assert expected in (result.stdout if status == 0 else result.stderr)
    assert "Traceback" not in result.stdout + result.stderr


def test_every_answer_carries_the_frame_ancestors_policy(server):
    for path in ("/page/", "/nothing-here"):
        policy = get(server, path)[1]["Content-Security-Policy"]
        assert "frame-ancestors 'self'" in policy, path


def test_head_and_a_request_with_bare_newlines(server):
    response = exchange(server, b"HEAD /page/ HTTP/1.0\n\n")
    assert status_of(response) == 200 and response.endswith(b"\r\n\r\n")  # headers only
    assert b"Content-Length: 15\r\n" in response


def test_a_slow_request_head_and_an_idle_connection_are_let_go(module, site, monkeypatch):
    monkeypatch.setattr(module, "HEAD_TIMEOUT", 0.5)
    monkeypatch.setattr(module, "IDLE_TIMEOUT", 0.5)
    running = module.Background(site)
    try:
        # Half a request, then nothing: 408 once the head's time is up, and the connection ends.
        assert status_of(exchange(running, b"GET /page/ HTTP/1.1\r\nHost: x\r\n")) == 408
        # Nothing at all, or nothing after a first request: closed without a word.
        assert exchange(running, b"") == b""
        kept = exchange(running, b"GET /page/ HTTP/1.1\r\nHost: x\r\n\r\n")
        assert status_of(kept) == 200 and kept.endswith(b"<h1>A page</h1>")
    finally:
        running.stop()


def test_two_hundred_clients_at_once_all_get_their_page(server):
    results: list[int] = []
    start = threading.Barrier(200)

    def client():
        start.wait()
        try:
            results.append(get(server, "/page/")[0])
        except OSError as error:
            results.append(str(error))

    threads = [threading.Thread(target=client) for _ in range(200)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert results == [200] * 200


def test_a_file_at_its_hash_is_cached_for_good_and_the_rest_is_asked_for(module, site):
    """The runtime and the wheel live at addresses named by their bytes: a browser may keep
    them a year without asking; pages and config.json are asked for each time."""
    hashed = site / "assets/checker/pyodide/0123456789abcdef"
    hashed.mkdir(parents=True)
    (hashed / "pyodide.asm.wasm").write_bytes(b"\0asm")
    (site / "assets/checker/config.json").write_text("{}")
    running = module.Background(site)
    try:
        assert get(running, "/assets/checker/pyodide/0123456789abcdef/pyodide.asm.wasm")[1]["Cache-Control"] == (
            "public, max-age=31536000, immutable"
        )
        for path in ("/assets/checker/config.json", "/page/"):
            assert get(running, path)[1]["Cache-Control"] == "no-cache", path
    finally:
        running.stop()
