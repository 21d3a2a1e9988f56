"""The built site behind stock servers: Debian's nginx with its own mime.types (at the root and
under /relaxer-guide/) and `python -m http.server`'s stock types. No type map of our own.

Every file a browser fetches must come with a type the browser accepts, and the checker must
reach a plan in Chromium there. Before the worker loaded the runtime with importScripts, nginx
sent pyodide.mjs as application/octet-stream and the checker could not start.
"""

from __future__ import annotations

import functools
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest

from support.checker import (
    RESULTS,
    all_sections_visible,
    answer_form,
    expected,
    problem_text,
    show_plan,
    visible_card,
)
from support.project import SUBPATH, runtime_path
from support.servers import NginxServer, StaticServer
from support.hosting_types import unclassified, wrong_types

ANSWERS = {"red_flags": ["none"], "relaxer": "cyclobenzaprine", "prescribed_for": "recent_strain", "sits_long": True}


def header_policy(site_dir) -> str:
    return (site_dir / "_headers").read_text(encoding="utf-8").split("Content-Security-Policy: ", 1)[1].strip()


@pytest.fixture(scope="module")
def nginx_root(site_dir, tmp_path_factory):
    """nginx at the root, sending the security policy as a header (the README's config)."""
    headers = {"Content-Security-Policy": header_policy(site_dir)}
    with NginxServer(site_dir, tmp_path_factory.mktemp("nginx-root"), "/", headers) as server:
        yield server


@pytest.fixture(scope="module")
def nginx_subpath(site_dir, tmp_path_factory):
    """nginx with the site under /relaxer-guide/ and no added header (the pages' meta only)."""
    with NginxServer(site_dir, tmp_path_factory.mktemp("nginx-subpath"), SUBPATH) as server:
        yield server


def served_type(base_url: str):
    def type_of(relative: str) -> str:
        request = urllib.request.Request(base_url + relative, method="HEAD")
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.headers.get("Content-Type", "")

    return type_of


def test_every_file_in_the_site_is_classified(site_dir):
    assert unclassified(site_dir) == [], "say in tests/support/hosting_types.py which type these need"


@pytest.mark.parametrize("server_name", ["nginx_root", "nginx_subpath", "site_server"])
def test_every_file_comes_with_a_type_browsers_accept(request, site_dir, server_name):
    server = request.getfixturevalue(server_name)
    assert wrong_types(site_dir, served_type(server.url)) == []


def test_nginx_sends_the_policy_header(nginx_root, site_dir):
    with urllib.request.urlopen(nginx_root.url, timeout=10) as response:
        assert response.headers["Content-Security-Policy"] == header_policy(site_dir)


@pytest.mark.parametrize("server_name", ["nginx_root", "nginx_subpath"])
def test_checker_reaches_a_plan_behind_nginx(request, page, server_name):
    server = request.getfixturevalue(server_name)
    page.goto(server.url)
    answer_form(page, ANSWERS)
    show_plan(page)
    page.wait_for_selector(RESULTS)
    assert visible_card(page).get_attribute("data-triage") == expected(ANSWERS)["plan"]["triage"]
    assert page.rg_watch.saw(lambda url: url.endswith("/pyodide.js"))
    requested = [url for url, _ in page.rg_watch.requests]
    assert all(url.startswith(server.url) for url in requested), requested


def test_missing_page_gets_the_sites_404_under_the_subpath(nginx_subpath):
    """At any depth, with its styles and scripts: its links start with site_url's path, which is
    the sub-path the project is served at."""
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(nginx_subpath.url + "no-such/deep/page/", timeout=10)
    assert error.value.code == 404
    body = error.value.read().decode()
    assert "Relaxer Guide" in body
    assets = re.findall(r'<(?:link rel="stylesheet" href|script src)="([^"]+)"', body)
    assert len(assets) >= 3, body[:2000]
    for asset in assets:
        address = urllib.parse.urljoin(nginx_subpath.url + "no-such/deep/page/", asset)
        assert address.startswith(nginx_subpath.url), address
        with urllib.request.urlopen(address, timeout=10) as response:
            assert response.status == 200, address


def test_wrong_wasm_type_is_named_in_plain_words(page, site_dir):
    """A host that sends .wasm as application/octet-stream (an old or bare server): the reader
    is told which header the host must fix, at once, and keeps all of the guidance. The one
    hand-made type here makes that failure on purpose."""
    server = StaticServer(site_dir)
    made = server.httpd.RequestHandlerClass

    class WrongWasm(made.func):
        extensions_map = {**made.func.extensions_map, ".wasm": "application/octet-stream"}

    server.httpd.RequestHandlerClass = functools.partial(WrongWasm, *made.args, **made.keywords)
    with server:
        page.goto(server.url)
        answer_form(page, {"red_flags": ["none"], "sits_long": True})
        show_plan(page)
        message = problem_text(page)
    assert "The checker could not start" in message
    assert 'sends the file pyodide.asm.wasm with the wrong type ("application/octet-stream")' in message
    assert 'send .wasm files as "application/wasm"' in message
    assert all_sections_visible(page) == []


@pytest.fixture(scope="module")
def nginx_precompressed(site_dir, tmp_path_factory):
    """The README's precompressed setup: gzip_static (in Debian's nginx) and brotli_static
    (Debian's libnginx-mod-http-brotli-static)."""
    with NginxServer(site_dir, tmp_path_factory.mktemp("nginx-static"), "/",
                     directives="    gzip_static on;\n    brotli_static on;\n",
                     modules=("ngx_http_brotli_static_module.so",)) as server:
        yield server


@pytest.mark.parametrize(("accept", "encoding", "suffix"), [("br, gzip", "br", ".br"), ("gzip", "gzip", ".gz"),
                                                             ("identity", None, "")])
def test_nginx_sends_the_precompressed_runtime(nginx_precompressed, site_dir, accept, encoding, suffix):
    wasm = runtime_path(site_dir, "pyodide.asm.wasm")
    request = urllib.request.Request(nginx_precompressed.url + wasm, headers={"Accept-Encoding": accept})
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
        assert response.headers.get("Content-Encoding") == encoding
        assert response.headers.get("Content-Type") == "application/wasm"
    assert body == (site_dir / (wasm + suffix)).read_bytes()
