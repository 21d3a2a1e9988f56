"""The plugin among other MkDocs plugins, and its own options, as an author would build them:
a copy of the project with mkdocs.yml changed, built with `mkdocs build`.

- mkdocs-static-i18n (a language per folder) and Material's offline plugin (`page.html` URLs):
  the section manifest follows the pages MkDocs wrote, so the build works and the checker's
  links lead to pages that exist.
- `compile: true` without the runtime's Python stops with what to do, and no traceback;
  `compile: false` builds the uncompiled flavour and says so.
- `precompress: false` writes no copies and ships the standard library deflated, the smaller
  file for a host that sends files as they are.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import decision
from sitebuild.manifest import read_page
from support.project import runtime_path

MANIFEST = Path("assets/checker/sections.json")


def configure(project: Path, old: str, new: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text, old
    config.write_text(text.replace(old, new, 1), encoding="utf-8")


def build(project: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}, timeout=900,
    )


def built(project: Path, **env: str) -> str:
    result = build(project, **env)
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    return result.stdout + result.stderr


def test_builds_with_a_language_per_folder(project_copy, site_dir):
    """mkdocs-static-i18n: doctor.fr.md beside doctor.md keeps the same section ids, and the
    manifest is the main language's, as without the plugin."""
    (project_copy / "docs/doctor.fr.md").write_text((project_copy / "docs/doctor.md").read_text())
    # Listed after search, before the checker's plugin.
    configure(project_copy, "  - relaxer-checker:\n", "  - i18n:\n      docs_structure: suffix\n"
              "      languages:\n        - locale: en\n          default: true\n          name: English\n"
              "        - locale: fr\n          name: Français\n  - relaxer-checker:\n")
    built(project_copy)
    site = project_copy / "site"
    assert json.loads((site / MANIFEST).read_text()) == json.loads((site_dir / MANIFEST).read_text())
    french = (site / "fr/doctor/index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in french and 'data-section="what-to-tell-your-doctor"' in french
    # tailor.js finds a page's arrangement by its first top-level section, whatever its folder.
    tops = [section["id"] for section in read_page(french)[1] if section["parent"] is None]
    arranged = decision.plan({"red_flags": ["none"], "relaxer": "baclofen", "prescribed_for": "recent_strain"})
    entry = next(page for page in arranged.layout.pages if tops[0] in page.order)
    assert (entry.page, sorted(entry.order)) == ("doctor.md", sorted(tops))


def test_builds_with_materials_offline_plugin(project_copy, site_dir):
    """Material's offline plugin writes page.html files: the manifest's URLs are those files,
    so the checker's topic links open pages that exist, at the section they name."""
    configure(project_copy, "  - relaxer-checker:\n", "  - offline\n  - relaxer-checker:\n")
    built(project_copy)
    site = project_copy / "site"
    manifest = json.loads((site / MANIFEST).read_text())
    assert [entry["id"] for entry in manifest] == [entry["id"] for entry in json.loads((site_dir / MANIFEST).read_text())]
    for entry in manifest:
        page = site / (entry["url"] or "index.html")
        assert page.is_file() and page.suffix == ".html", entry
        assert f'id="{entry["id"]}"' in page.read_text(encoding="utf-8"), entry


def test_compile_without_the_runtimes_python_says_what_to_do(project_copy):
    (project_copy / ".venv-pyodide").unlink()
    result = build(project_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output[-4000:]
    assert re.search(r"compile: true .* needs Python 3\.\d+", output), output[-2000:]
    assert "scripts/setup" in output and "compile: false" in output


def test_compile_false_builds_the_uncompiled_flavour_and_says_so(project_copy):
    (project_copy / ".venv-pyodide").unlink()
    configure(project_copy, "compile: true", "compile: false")
    output = built(project_copy)
    assert "Flavour: not compiled (compile: false)" in output, output[-2000:]
    wheel = project_copy / "site" / runtime_path(project_copy / "site", ".whl")
    assert wheel.name.endswith("-py3-none-any.whl")
    names = zipfile.ZipFile(project_copy / "site" / runtime_path(project_copy / "site", "python_stdlib.zip")).namelist()
    assert any(name.endswith(".py") for name in names) and not any(name.endswith(".pyc") for name in names)


def test_precompress_false_ships_the_smaller_raw_library_and_no_copies(project_copy, site_dir):
    output = built(project_copy, CHECKER_PRECOMPRESS="false")
    site = project_copy / "site"
    assert not list(site.rglob("*.br")) and not list(site.rglob("*.gz"))
    assert "deflated members" in output, output[-2000:]
    raw_path = site / runtime_path(site, "python_stdlib.zip")
    shipped_path = site_dir / runtime_path(site_dir, "python_stdlib.zip")
    raw = zipfile.ZipFile(raw_path)
    shipped = zipfile.ZipFile(shipped_path)
    assert {info.compress_type for info in raw.infolist() if not info.is_dir()} == {zipfile.ZIP_DEFLATED}
    # The same modules, the same code: only how the zip holds them differs. (A .pyc header's
    # bytes 8 to 12 hold a time, which need not match between two builds.)
    assert sorted(raw.namelist()) == sorted(shipped.namelist())
    code = lambda archive, name: archive.read(name)[16:] if name.endswith(".pyc") else archive.read(name)  # noqa: E731
    assert all(code(raw, name) == code(shipped, name) for name in raw.namelist())
    assert raw_path.stat().st_size < 0.5 * shipped_path.stat().st_size


def readme_uk_block() -> str:
    """The UK block exactly as README.md gives it to authors (so the test tries what they copy)."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    return re.search(r"For the UK, replace the block with:\n\n```yaml\n((?:  .*\n)+)```", readme).group(1)


def test_a_site_for_another_country_changes_one_block(project_copy):
    """The README's UK example: mkdocs.yml's extra.local changed, nothing else. No page, card,
    panel or link of the built site then gives a US number."""
    config = (project_copy / "mkdocs.yml").read_text(encoding="utf-8")
    block = re.search(r"  local: &local\n(    .*\n)+", config).group(0)
    (project_copy / "mkdocs.yml").write_text(config.replace(block, readme_uk_block()), encoding="utf-8")
    built(project_copy, CHECKER_PRECOMPRESS="false")
    site = project_copy / "site"
    pages = sorted(site.rglob("*.html"))
    readable = pages + [site / "search/search_index.json", site / MANIFEST]
    for path in readable:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(?<![\d-])911(?!\d)|1-800-222-1222|18002221222|(?<!\d)988(?!\d)", text), path
        # Nor a US service by name: the poison line, its website, the crisis line.
        assert not re.search(r"Poison Help|webPOISONCONTROL|poison\.org|Crisis Lifeline", text), path
    start = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="tel:999"' in start and 'href="tel:111"' in start and "Call 999 now" in start
    assert "Call NHS 111: 111" in start and "A&amp;E" in start
    about = (site / "about/index.html").read_text(encoding="utf-8")
    assert 'href="https://111.nhs.uk/"' in about
    longer = (site / "longer-term/index.html").read_text(encoding="utf-8")
    assert "Samaritans" in longer and 'href="tel:116123"' in longer
    for path in pages:
        if path.name != "index.html" or path.parent != site:
            assert 'href="tel:999"' in path.read_text(encoding="utf-8"), path  # the panel on every page
