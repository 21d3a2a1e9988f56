"""The built site as a reader and a host see it: pages, links, ids, self-containment, sub-path."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import expect

from support.checker import search_finds
from support.project import mkdocs_config
from support.html import html_pages, read_page

FIXED_IDS = [
    "emergency-signs", "prompt-evaluation", "not-a-muscle-problem", "nerve-pain", "joint-pain",
    "inflammation", "wrong-class", "metabolism", "tolerance", "dose-and-timing", "interactions",
    "heat-and-ice", "gentle-movement", "otc-pain-relief", "what-to-tell-your-doctor",
    "treatment-changes", "physical-therapy", "injections", "posture", "sleep-position",
]


def nav_pages() -> list[str]:
    config = mkdocs_config()
    pages = []
    for entry in config["nav"]:
        pages.extend(entry.values() if isinstance(entry, dict) else [entry])
    return pages


def built_path(site: Path, markdown_name: str) -> Path:
    stem = markdown_name.removesuffix(".md")
    return site / "index.html" if stem == "index" else site / stem / "index.html"


@pytest.mark.parametrize("markdown_name", nav_pages())
def test_every_nav_page_builds_with_a_title_and_sections(site_dir, markdown_name):
    page = built_path(site_dir, markdown_name)
    assert page.is_file(), f"{markdown_name} did not build to {page.relative_to(site_dir)}"
    html = page.read_text(encoding="utf-8")
    assert re.search(r"<h1[^>]*>", html), f"{markdown_name} has no <h1>"
    assert 'class="rg-section"' in html, f"{markdown_name} has no wrapped sections"


def test_every_fixed_id_exists_exactly_once_as_a_section(site_dir):
    counts = {section_id: [] for section_id in FIXED_IDS}
    for page in html_pages(site_dir):
        facts = read_page(page)
        html = page.read_text(encoding="utf-8")
        for section_id in FIXED_IDS:
            hits = facts.ids.count(section_id)
            wrapped = html.count(f'data-section="{section_id}"')
            counts[section_id].extend([page.relative_to(site_dir).as_posix()] * hits)
            assert hits == wrapped, f"{page}: id {section_id} and its <section> do not match"
    problems = {k: v for k, v in counts.items() if len(v) != 1}
    assert not problems, f"ids not found exactly once (id: pages): {problems}"


def test_manifest_lists_every_section_with_its_page(site_dir):
    manifest = json.loads((site_dir / "assets/checker/sections.json").read_text())
    by_id = {entry["id"]: entry for entry in manifest}
    assert len(by_id) == len(manifest), "manifest repeats an id"
    assert set(FIXED_IDS) <= set(by_id)
    for entry in manifest:
        page = site_dir / entry["url"] / "index.html"
        assert page.is_file(), f'{entry["id"]}: {entry["url"]} is not a built page'
        assert f'id="{entry["id"]}"' in page.read_text(encoding="utf-8"), entry
    assert by_id["emergency-signs"]["always"] and by_id["prompt-evaluation"]["always"]


def site_path(site: Path) -> str:
    """The path of the address the site was built for (site_url), from its canonical link."""
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text(encoding="utf-8"))
    assert canonical, "the start page has no canonical link: site_url is empty"
    return urlsplit(canonical.group(1)).path


def resolve_internal(site: Path, page: Path, value: str) -> tuple[Path, str]:
    """The file a relative link points to, and its #fragment."""
    parts = urlsplit(value)
    # Only the 404 page uses root-absolute links, under site_url's path (see mkdocs.yml).
    base = site if parts.path.startswith("/") else page.parent
    path = parts.path
    if path.startswith("/"):
        prefix = site_path(site)
        assert path.startswith(prefix), f"{value} is outside the site's path {prefix}"
        path = path[len(prefix):]
    target = page if not path else (base / path.lstrip("/")).resolve()
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    return target, parts.fragment


def test_every_internal_link_and_anchor_resolves(site_dir):
    ids_by_page: dict[Path, set[str]] = {}
    broken = []
    for page in html_pages(site_dir):
        for link in read_page(page).links:
            parts = urlsplit(link.value)
            if parts.scheme or link.value.startswith("//") or link.tag == "form":
                continue
            target, fragment = resolve_internal(site_dir, page, link.value)
            where = f"{page.relative_to(site_dir)}: <{link.tag} {link.attr}={link.value!r}>"
            if not target.exists():
                broken.append(f"{where} -> missing file")
                continue
            if fragment and target.suffix == ".html" and not fragment.startswith("answers="):
                if target not in ids_by_page:
                    ids_by_page[target] = set(read_page(target).ids)
                if fragment not in ids_by_page[target]:
                    broken.append(f"{where} -> no element with id {fragment!r}")
    assert not broken, "broken internal links:\n" + "\n".join(broken)


def test_no_page_loads_anything_from_another_host(site_dir):
    offenders = []
    for page in html_pages(site_dir):
        for link in read_page(page).links:
            parts = urlsplit(link.value)
            if parts.scheme in ("", "data", "mailto", "tel") and not link.value.startswith("//"):
                continue
            # An outbound reference link in the text is fine: the reader chooses to follow it.
            reference = link.tag == "a" and link.in_article and "noopener" in link.rel.split()
            # So is the page's canonical address (site_url): it names the page, nothing loads it.
            canonical = link.tag == "link" and link.rel == "canonical"
            if not (reference or canonical):
                offenders.append(f"{page.relative_to(site_dir)}: <{link.tag} {link.attr}={link.value}>")
    assert not offenders, "requests to other hosts:\n" + "\n".join(offenders)


def test_sitemap_and_canonical_links_name_the_sites_address(site_dir):
    """site_url is set (mkdocs.yml), so the sitemap lists every page at the site's address
    (Material's instant navigation follows only those) and each page names its own."""
    base = re.search(r'<link rel="canonical" href="([^"]+)"', (site_dir / "index.html").read_text(encoding="utf-8"))
    assert base and base.group(1).startswith("https://"), "site_url is empty"
    listed = re.findall(r"<loc>([^<]+)</loc>", (site_dir / "sitemap.xml").read_text(encoding="utf-8"))
    for markdown_name in nav_pages():
        stem = markdown_name.removesuffix(".md")
        address = base.group(1) + ("" if stem == "index" else f"{stem}/")
        assert address in listed, (address, listed)
        html = built_path(site_dir, markdown_name).read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{address}">' in html, markdown_name


def test_no_asset_names_another_host(site_dir):
    """CSS and JavaScript we ship must not fetch from elsewhere either (fonts, CDNs)."""
    pattern = re.compile(r"""url\(\s*['"]?(https?:)?//|https://fonts\.|cdn\.jsdelivr|unpkg\.com""")
    offenders = [
        str(path.relative_to(site_dir))
        for path in (site_dir / "assets/checker").glob("*.[cj]s*")
        if pattern.search(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert not offenders, f"assets naming another host: {offenders}"


class LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value and tag in ("a", "link", "script", "img"):
                self.urls.append(value)


def test_site_works_under_a_sub_path(subpath_server):
    """Crawl from /relaxer-guide/: every page, stylesheet and script loads from below it."""
    start = subpath_server.url
    seen, queue, failures = set(), [start], []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body = response.read()
                kind = response.headers.get_content_type()
        except urllib.error.HTTPError as error:
            failures.append(f"{url}: HTTP {error.code}")
            continue
        if kind != "text/html":
            continue
        collector = LinkCollector()
        collector.feed(body.decode("utf-8"))
        for value in collector.urls:
            absolute = urljoin(url, value).split("#")[0]
            if absolute.startswith(subpath_server.origin):
                if not absolute.startswith(start):
                    failures.append(f"{url} links outside the sub-path: {value}")
                elif absolute not in seen:
                    queue.append(absolute)
    assert not failures, "\n".join(failures)
    pages = [u for u in seen if u.endswith("/")]
    assert len(pages) >= len(nav_pages()), f"crawl reached only {sorted(pages)}"


def test_built_in_search_finds_a_topic_offline(site_server, browser):
    """Material's search runs from the site's own index and worker: no other host involved."""
    context = browser.new_context()
    page = context.new_page()
    foreign = []
    page.on("request", lambda r: None if r.url.startswith(site_server.origin) else foreign.append(r.url))
    page.goto(site_server.url + "relief-now/")
    page.locator(".md-search__input").click()
    # Typing before the index is loaded would search nothing: wait for Material to say ready.
    expect(page.locator(".md-search-result__meta")).not_to_have_text(
        re.compile("Initializing", re.IGNORECASE), timeout=15_000
    )
    search_finds(page, "ibuprofen")
    context.close()
    assert not foreign, f"search requested other hosts: {foreign}"
