"""The build's steps over one in-memory site (sitebuild/site.py, sitebuild/assemble.py): the
pages are read once, edited in the order the build lists, and written once, sealed by the
security policy, so its hashes always match the pages a reader gets; and one options class,
read the same way by the plugin and by `python -m sitebuild`."""

from __future__ import annotations

import base64
import hashlib
import re
from html import unescape
from pathlib import Path

import pytest

from sitebuild import csp, options
from sitebuild.site import Site, SiteWritten

PAGE = '<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body>{}</body></html>'


def small_site(root: Path) -> Path:
    (root / "deep").mkdir(parents=True)
    (root / "index.html").write_text(PAGE.format("<p>start</p>"), encoding="utf-8")
    (root / "deep" / "index.html").write_text(PAGE.format("<script>go()</script>"), encoding="utf-8")
    return root


def sha256(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def page_policy(html: str) -> str:
    return unescape(re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html).group(1))


def test_the_policy_hashes_the_scripts_an_edit_added(tmp_path):
    """An edit that adds an inline script (as Material's own do) is in the sealed policy: the
    policy is computed from the pages as they are written, after every edit."""
    root = small_site(tmp_path)
    site = Site(root)
    site.edit(lambda dest, html: html.replace("<p>start</p>", "<p>start</p><script>later()</script>"), ["index.html"])
    site.write(seal=csp.Sealer(root))
    written = (root / "index.html").read_text(encoding="utf-8")
    assert "<script>later()</script>" in written
    assert sha256("later()") in page_policy(written).replace(";", " ").split()
    assert page_policy(written) == page_policy((root / "deep" / "index.html").read_text(encoding="utf-8"))


def test_an_edit_after_the_write_is_refused(tmp_path):
    root = small_site(tmp_path)
    site = Site(root)
    site.write(seal=csp.Sealer(root))
    sealed = (root / "index.html").read_text(encoding="utf-8")
    with pytest.raises(SiteWritten, match="before the write"):
        site.edit(lambda dest, html: html.replace("</body>", "<script>late()</script></body>"))
    with pytest.raises(SiteWritten):
        site.write(seal=csp.Sealer(root))
    assert (root / "index.html").read_text(encoding="utf-8") == sealed


def test_the_pages_are_written_once_and_an_unchanged_page_not_at_all(tmp_path, monkeypatch):
    root = small_site(tmp_path)
    site = Site(root)
    site.edit(lambda dest, html: html.replace("start", "begin"))
    site.edit(lambda dest, html: html.replace("begin", "Begin"), ["index.html"])
    writes: list[str] = []
    original = Path.write_text
    monkeypatch.setattr(Path, "write_text", lambda self, *a, **k: (writes.append(self.name), original(self, *a, **k))[1])
    site.write(seal=lambda pages: dict(pages))
    assert writes == ["index.html"]
    assert "<p>Begin</p>" in (root / "index.html").read_text(encoding="utf-8")


MKDOCS_YML = """site_name: Options
plugins:
  - relaxer-checker:
      compile: false
      precompress: !ENV [CHECKER_PRECOMPRESS, true]
"""


def test_the_command_reads_the_plugins_options_as_mkdocs_does(tmp_path, monkeypatch):
    (tmp_path / "docs").mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text(MKDOCS_YML, encoding="utf-8")
    monkeypatch.setenv("CHECKER_PRECOMPRESS", "false")
    read = options.read(config)
    assert (read.enabled, read.compile, read.precompress, read.offline) == (True, False, False, True)
    config.write_text("site_name: No plugin\n", encoding="utf-8")
    assert (options.read(config).compile, options.read(config).precompress) == (True, True)
