"""The Content-Security-Policy of sitebuild.csp, and the built site under it.

The policy ships twice: as a <meta http-equiv> in every page (hosts that send no headers, such
as GitHub Pages) and in _headers with frame-ancestors added (which only a header can carry).
Served with that policy, every page loads and the checker reaches a plan with no violation
reported (document event, console, or an uncaught error). A control run without
'wasm-unsafe-eval' shows the header is really enforced: Pyodide cannot compile, and the reader
gets the checker's clear message instead.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html import unescape

import pytest

from support.checker import (
    PAGES,
    all_sections_visible,
    answer_form,
    expected,
    expected_layout,
    layout_of,
    manifest,
    problem_text,
    serve_with_headers,
    show_plan,
    visible_card,
)
from support.servers import StaticServer
from sitebuild import csp
from sitebuild.site import Site


@pytest.fixture(scope="module")
def policy(site_dir) -> str:
    return csp.header_policy(csp.policy(Site(site_dir).pages, site_dir))  # what _headers holds


@pytest.fixture(scope="module")
def csp_server(site_dir, policy):
    with serve_with_headers(site_dir, {"Content-Security-Policy": policy}) as server:
        yield server


def directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


# ------------------------------------------------------------------------------ the policy


def test_policy_directives(policy):
    found = directives(policy)
    assert found["default-src"] == ["'self'"]
    assert found["script-src"][:2] == ["'self'", "'wasm-unsafe-eval'"]
    assert all(source.startswith("'sha256-") for source in found["script-src"][2:])
    assert found["worker-src"] == ["'self'"]
    assert found["style-src"] == ["'self'"]
    assert found["img-src"] == ["'self'", "data:"]
    assert found["connect-src"] == ["'self'"]
    assert found["object-src"] == ["'none'"]
    assert found["base-uri"] == ["'self'"]
    assert found["form-action"] == ["'none'"]
    assert "unsafe-inline" not in policy and "'unsafe-eval'" not in policy


def test_inline_script_hashes():
    body = "var a=1;"
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    html = (
        f'<script>{body}</script><script src="x.js"></script>'
        '<script id="__config" type="application/json">{"a": 1}</script>'
        f'<script type="module">{body}</script>'
    )
    assert csp.inline_script_hashes(html) == [f"'sha256-{digest}'"] * 2


PAGE = '<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body>{}</body></html>'


def meta_policies(html: str) -> list[str]:
    found = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    return [unescape(policy) for policy in found]


def test_command_writes_headers_and_meta(tmp_path, capsys):
    (tmp_path / "index.html").write_text(PAGE.format("<p>hi</p><script>go()</script>"))
    (tmp_path / "deep").mkdir()
    (tmp_path / "deep" / "index.html").write_text(PAGE.format("<script>go()</script><script>other()</script>"))
    assert csp.main([str(tmp_path)]) == 0
    printed = capsys.readouterr().out.strip()
    assert (tmp_path / "_headers").read_text() == f"/*\n  Content-Security-Policy: {printed}\n"
    assert len(directives(printed)["script-src"]) == 4  # self, wasm, two distinct hashes
    assert directives(printed)["frame-ancestors"] == ["'self'"]
    page_policy = printed.removesuffix("; frame-ancestors 'self'")
    for path in [tmp_path / "index.html", tmp_path / "deep" / "index.html"]:
        html = path.read_text()
        assert meta_policies(html) == [page_policy]
        # First in <head> after the charset, so it governs every script after it.
        assert html.index("Content-Security-Policy") < html.index("<title>") < html.index("<script>")

    # Run again (a rebuild over built pages): still one policy per page.
    assert csp.main([str(tmp_path)]) == 0
    assert meta_policies((tmp_path / "index.html").read_text()) == [page_policy]


def test_built_pages_and_headers_carry_the_same_policy(site_dir):
    header = (site_dir / "_headers").read_text(encoding="utf-8")
    assert header.startswith("/*\n  Content-Security-Policy: ")
    header_policy = header.split("Content-Security-Policy: ", 1)[1].strip()
    assert directives(header_policy)["frame-ancestors"] == ["'self'"]
    page_policy = header_policy.removesuffix("; frame-ancestors 'self'")
    assert "frame-ancestors" not in page_policy  # browsers ignore it in a meta, with a warning
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) >= 9
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert meta_policies(html) == [page_policy], path
        head = html[: html.index("</head>")]
        assert head.index("Content-Security-Policy") < head.find("<script"), path


def test_meta_policy_is_enforced_without_headers(browser, site_dir, tmp_path):
    """Control: served with no header at all, the page's own policy still blocks a script that
    is not the site's (here an inline script the build never allowed)."""
    copy = tmp_path / "site"
    copy.mkdir()
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    (copy / "index.html").write_text(html.replace("</body>", "<script>window.injected = 1</script></body>"))
    with StaticServer(copy) as server:
        context = browser.new_context()
        try:
            tab = context.new_page()
            tab.goto(server.url)
            assert tab.evaluate("window.injected") is None
        finally:
            context.close()


@pytest.mark.parametrize(
    "html, words",
    [
        ('<button onclick="go()">Go</button>', "inline event handler"),
        ('<p style="color: red">Hi</p>', "inline style"),
        ("<style>p{}</style>", "inline style"),
    ],
)
def test_command_refuses_what_the_policy_blocks(tmp_path, capsys, html, words):
    (tmp_path / "index.html").write_text(PAGE.format(html))
    assert csp.main([str(tmp_path)]) == 1
    assert words in capsys.readouterr().err
    assert not (tmp_path / "_headers").exists()


def test_built_site_passes_the_checks(site_dir):
    for path in site_dir.rglob("*.html"):
        csp.check_page(path, path.read_text(encoding="utf-8"))


# ------------------------------------------------------------------------------ in the browser


def test_site_under_the_policy(page, csp_server, site_dir):
    """Every page, the checker's plan and a tailored page: no violation (the fixture checks)."""
    for url in PAGES:
        page.goto(csp_server.url + url)
        assert all_sections_visible(page) == [], url

    answers = {"red_flags": ["none"], "relaxer": "baclofen", "prescribed_for": "recent_strain", "sits_long": True}
    page.goto(csp_server.url)
    answer_form(page, answers)
    show_plan(page)
    plan = expected(answers)["plan"]
    assert visible_card(page).get_attribute("data-triage") == plan["triage"]
    page.get_by_role("button", name="Share or bookmark").click()
    page.locator('[data-rg="share-link"]').wait_for()

    page.goto(csp_server.url + "why-not-working/")
    want = expected_layout(plan, manifest(site_dir), "why-not-working/")
    assert layout_of(page).order == want.order
    page.get_by_text("Other topics on this page").click()

    # Material's own scripts under the policy: the palette toggle and the search worker.
    page.locator("label[for^='__palette']:visible").first.click()
    page.keyboard.press("/")
    page.keyboard.type("heat")
    page.locator(".md-search-result__item").first.wait_for()
    assert page.evaluate("window.__rgViolations") == []


def test_policy_is_enforced(browser, site_dir, policy):
    """Control: without 'wasm-unsafe-eval' Pyodide cannot start, and the reader is told."""
    strict = policy.replace(" 'wasm-unsafe-eval'", "")
    with serve_with_headers(site_dir, {"Content-Security-Policy": strict}) as server:
        context = browser.new_context()
        try:
            tab = context.new_page()
            tab.goto(server.url)
            answer_form(tab, {"red_flags": ["none"], "sits_long": True})
            show_plan(tab)
            message = problem_text(tab)
            assert "The checker could not start" in message
            assert "the site's security policy blocks it (script-src)" in message
            assert all_sections_visible(tab) == []
        finally:
            context.close()


def test_another_origin_cannot_frame_the_site(browser, csp_server, tmp_path):
    """frame-ancestors 'self' (header only): a page on another origin that puts the site in an
    iframe gets an empty frame; the same site may still frame its own pages."""
    (tmp_path / "frame.html").write_text(
        f'<!doctype html><title>framer</title><iframe src="{csp_server.url}" width="600" height="400"></iframe>'
    )
    with StaticServer(tmp_path) as other:
        context = browser.new_context()
        try:
            tab = context.new_page()
            refused = []
            tab.on("console", lambda message: refused.append(message.text) if "frame-ancestors" in message.text else None)
            tab.goto(other.url + "frame.html")
            # Chromium reports the refusal on the console a moment after the load: poll, not a pause.
            for _ in range(100):
                if refused:
                    break
                tab.wait_for_timeout(100)
            frame = tab.frames[1]
            assert "Relaxer Guide" not in (frame.evaluate("document.body ? document.body.innerText : ''") or "")
            assert refused, "Chromium did not report the frame-ancestors refusal"
        finally:
            context.close()
