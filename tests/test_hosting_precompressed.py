"""The precompressed runtime: the build's .br/.gz copies, and a browser receiving them.

The build writes NAME.br and NAME.gz beside every compressible file (sitebuild/precompress.py);
scripts/static_server.py sends them as nginx's gzip_static does, with validators. A reader on
a phone then downloads the 8 MiB runtime as about 2 MiB, and a second visit asks only whether
each page changed (304); the runtime, at an address named by its bytes, is not asked for again.
"""

from __future__ import annotations

import gzip

import brotli
import pytest
from support.browsers import NO_SERVICE_WORKER
from support.project import runtime_path, static_server_module

from sitebuild import precompress


@pytest.fixture(scope="module")
def precompressed_server(site_dir):
    """scripts/static_server.py on the built site, noting (method, path, status)."""
    served: list[tuple[str, str, int]] = []
    server = static_server_module().Background(site_dir, on_response=lambda *row: served.append(row))
    server.served = served
    yield server
    server.stop()


def test_every_compressible_file_has_exact_copies(site_dir):
    """Each copy decodes to the very bytes beside it: a stale copy would run old code."""
    checked = []
    for path in precompress.candidates(site_dir):
        for suffix, decode in ((".br", brotli.decompress), (".gz", gzip.decompress)):
            copy = path.with_name(path.name + suffix)
            if copy.exists():
                assert decode(copy.read_bytes()) == path.read_bytes(), copy
                checked.append(copy.relative_to(site_dir).as_posix())
    # The files that matter on a slow network are among them, and much smaller.
    wasm = runtime_path(site_dir, "pyodide.asm.wasm")
    for name in (wasm, runtime_path(site_dir, "pyodide.asm.js"), "index.html"):
        assert f"{name}.br" in checked and f"{name}.gz" in checked, name
    assert (site_dir / f"{wasm}.br").stat().st_size < 0.3 * (site_dir / wasm).stat().st_size


def test_browser_gets_brotli_runtime_and_revalidates(browser, precompressed_server, site_dir):
    # No service worker: this is the HTTP cache's revalidation, what a browser does without one
    # (or before the worker has taken control); tests/test_offline.py covers the worker.
    context = browser.new_context(**NO_SERVICE_WORKER)
    page = context.new_page()
    is_wasm = lambda response: response.url.endswith("/pyodide.asm.wasm") and response.request.method == "GET"  # noqa: E731
    # The worker's requests reach Playwright on the worker's own channel, possibly after the
    # page says it is ready: wait for the event itself rather than collect it on the side.
    with context.expect_event("response", predicate=is_wasm, timeout=60_000) as caught:
        page.goto(precompressed_server.url)
        page.evaluate("() => window.relaxerChecker.ready")
    headers, sizes = caught.value.all_headers(), caught.value.request.sizes()
    assert headers.get("content-encoding") == "br"
    assert headers.get("content-type") == "application/wasm"
    assert "accept-encoding" in headers.get("vary", "").lower()
    assert headers.get("etag") and headers.get("last-modified")
    # At an address named by its bytes (sitebuild/runtime_files.py): kept for good, never asked again.
    assert headers.get("cache-control") == "public, max-age=31536000, immutable"
    raw = (site_dir / runtime_path(site_dir, "pyodide.asm.wasm")).stat().st_size
    assert sizes["responseBodySize"] < 0.3 * raw, "the wasm came over the wire uncompressed"

    # A second visit in the same browser: the runtime is not sent again (not even asked for, or
    # at most answered 304).
    precompressed_server.served.clear()
    second = context.new_page()
    second.goto(precompressed_server.url)
    second.evaluate("() => window.relaxerChecker.ready")
    wasm_gets = [status for method, path, status in precompressed_server.served
                 if method == "GET" and path.endswith("/pyodide.asm.wasm")]
    context.close()
    assert all(status == 304 for status in wasm_gets), precompressed_server.served
    assert any(path == "/" for _, path, _ in precompressed_server.served), "the page itself is asked for"
