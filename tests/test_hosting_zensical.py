"""Zensical, Material's successor, on the same mkdocs.yml: the same sections, the checker's
files and the security policy (added by `python -m sitebuild SITE`, since Zensical runs no
MkDocs plugins), the checker reaching a plan and the search box finding text in Chromium.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from support.checker import RESULTS, answer_form, expected, show_plan, visible_card
from support.project import REPO
from support.servers import StaticServer

SECTION = re.compile(r'<section\b[^>]*\bclass="rg-section"[^>]*>')
ATTRIBUTE = re.compile(r'(data-[a-z]+)="([^"]*)"')
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def run(command: list[str], cwd: Path) -> str:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def zensical_build(tmp_path_factory) -> tuple[Path, str, str]:
    """`zensical build` then `python -m sitebuild site`, in a copy of the project's pages:
    (the site, what Zensical printed, what the second step printed)."""
    project = tmp_path_factory.mktemp("zensical")
    for folder in ("docs", "overrides"):
        shutil.copytree(REPO / folder, project / folder)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    said = run([sys.executable, "-m", "zensical", "build", "--strict", "--clean"], project)
    completed = run([sys.executable, "-m", "sitebuild", "site", "--repo", str(REPO), "--docs", "docs"], project)
    return project / "site", said, completed


@pytest.fixture(scope="module")
def zensical_site(zensical_build) -> Path:
    return zensical_build[0]


def test_zensical_says_what_to_run_next(zensical_build):
    """Zensical runs no MkDocs plugins and says nothing of it: the Markdown extension does."""
    _, said, completed = zensical_build
    assert "python -m sitebuild site" in said and "no MkDocs plugins" in said, said
    # The second step reads the plugin's options from mkdocs.yml and names the flavour it made.
    assert "Flavour: compiled for the runtime's Python" in completed, completed


def test_start_page_shows_the_emergency_signs_once(zensical_site, site_dir):
    """The start page states the signs in its own first section, so the panel above every
    other page is left out there, under Zensical as under MkDocs."""
    for name in ("index.html", "doctor/index.html", "404.html"):
        counts = [len(re.findall(r'class="rg-safety[ "]', (site / name).read_text(encoding="utf-8")))
                  for site in (zensical_site, site_dir)]
        assert counts == [1, 1], name


def sections_by_page(site: Path) -> dict[str, list[tuple]]:
    return {
        path.relative_to(site).as_posix(): [
            tuple(sorted(ATTRIBUTE.findall(tag))) for tag in SECTION.findall(path.read_text(encoding="utf-8"))
        ]
        for path in sorted(site.rglob("index.html"))
    }


def test_same_sections_as_mkdocs(zensical_site, site_dir):
    manifest = "assets/checker/sections.json"
    assert json.loads((zensical_site / manifest).read_text()) == json.loads((site_dir / manifest).read_text())
    # The Markdown extension ran the same in both builders: every page wraps the same sections.
    zensical, mkdocs = sections_by_page(zensical_site), sections_by_page(site_dir)
    assert zensical == mkdocs
    assert sum(len(found) for found in zensical.values()) >= 30


def test_checker_files_and_policy_are_there(zensical_site, site_dir):
    checker = Path("assets/checker")
    shipped = sorted(p.relative_to(site_dir).as_posix() for p in (site_dir / checker).rglob("*") if p.is_file())
    assert sorted(p.relative_to(zensical_site).as_posix()
                  for p in (zensical_site / checker).rglob("*") if p.is_file()) == shipped
    assert 'name="relaxer"' in (zensical_site / "index.html").read_text(encoding="utf-8")  # the form
    header = (zensical_site / "_headers").read_text(encoding="utf-8").split("Content-Security-Policy: ")[1].strip()
    page_policy = header.removesuffix("; frame-ancestors 'self'")
    for path in zensical_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert [unescape(found) for found in META.findall(html)] == [page_policy], path
        assert 'role="dialog" aria-label="Search"' in html, path


def test_checker_and_search_work_under_zensical(page, zensical_site):
    """Under the pages' own policy (the `page` fixture fails on any violation)."""
    answers = {"red_flags": ["none"], "relaxer": "methocarbamol", "prescribed_for": "recent_strain", "tried": ["heat"]}
    with StaticServer(zensical_site) as server:
        page.goto(server.url)
        answer_form(page, answers)
        show_plan(page)
        page.wait_for_selector(RESULTS)
        assert visible_card(page).get_attribute("data-triage") == expected(answers)["plan"]["triage"]

        page.locator(".md-search__button").click()
        page.keyboard.type("heat")
        count = page.get_by_text(re.compile(r"^\d+ results?$"))
        count.wait_for()
        assert int(count.inner_text().split()[0]) >= 1
