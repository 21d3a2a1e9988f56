"""Valid HTML: the W3C Nu Html Checker (npm `vnu-jar`, pinned in package.json, run with the
machine's Java) finds no error in any built page.

Screen readers and browsers repair invalid markup each in their own way, so an error can hide
content from some readers (a list marked `role="status"` was read as a live region, not a
list). Material's own template draws one error we cannot change: `autocomplete="off"` on its
checkbox toggles (`<input class="md-toggle" ...>`); it is left out, and nothing else is.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from support.checker import RESULTS, answer_form, show_plan

REPO = Path(__file__).resolve().parents[1]
VNU = REPO / "node_modules/vnu-jar/build/dist/vnu.jar"


def theirs(message: dict) -> bool:
    """Material's checkbox toggles: their `autocomplete` attribute is the theme's, not ours."""
    return "autocomplete" in message["message"] and 'class="md-toggle"' in message.get("extract", "")


def validate(paths: list[Path]) -> list[dict]:
    if not VNU.is_file() or not shutil.which("java"):
        pytest.fail("the Nu Html Checker needs `npm ci` (vnu-jar) and Java (Debian: default-jre-headless); "
                    "scripts/setup --test installs both")
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, paths)],
        capture_output=True, text=True, timeout=300,
    )
    return json.loads(result.stderr)["messages"]


def test_every_page_is_valid_html(site_dir):
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) >= 10, pages
    errors = [m for m in validate(pages) if not theirs(m)]
    lines = [f"{m['url'].split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}" for m in errors]
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(lines[:30])


def test_the_checker_finds_the_error_this_site_once_had(tmp_path):
    """The check is live: the list once marked up as a status box is an error to it."""
    page = tmp_path / "page.html"
    page.write_text('<!doctype html><html lang="en"><title>t</title><ul role="status"><li>a</li></ul></html>')
    assert any("role" in m["message"] for m in validate([page]))


# What the checker writes into the page is markup too: a plan of each kind, as the page holds it.
PLANS = {
    "emergency": {"red_flags": ["bowel_bladder"], "relaxer": "cyclobenzaprine"},
    "too much medicine": {"red_flags": ["none"], "dose_pattern": "more_than_prescribed", "also_taking": ["alcohol"]},
    "self care": {"red_flags": ["none"], "tried": ["none"], "sits_long": True, "sleep_disturbed": True},
}


@pytest.mark.browser
@pytest.mark.parametrize("name", PLANS)
def test_a_shown_plan_is_valid_html(page, site_server, tmp_path, name):
    page.goto(site_server.url)
    answer_form(page, PLANS[name])
    show_plan(page)
    assert page.locator(RESULTS).is_visible()
    snapshot = tmp_path / "plan.html"
    snapshot.write_text(page.content(), encoding="utf-8")
    errors = [m for m in validate([snapshot]) if not theirs(m)]
    assert not errors, "\n".join(f"{m.get('lastLine')}: {m['message']} {m.get('extract', '')!r}" for m in errors)
