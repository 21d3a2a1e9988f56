"""The build's errors as an author meets them: each mistake stops the build with one plain line
that names the file (and the line) to fix and what to do, never a traceback. Each test breaks a
copy of the sources (docs_copy, or project_copy for the steps after the runtime) one way."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support.project import REPO


def mkdocs_build(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(folder / "out")],
        cwd=folder, capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def heading_line(path: Path, section_id: str) -> tuple[int, str]:
    """(line number, line) of the heading that sets the id."""
    return next((number, line) for number, line in enumerate(path.read_text().splitlines(), 1)
                if f"{{#{section_id}" in line)


def failed_cleanly(result: subprocess.CompletedProcess) -> str:
    """The build's output, once it is known to have stopped with a message and no traceback."""
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-2000:]
    assert "Traceback" not in output, output[-4000:]
    return output


def test_a_heading_without_id_fails_the_build_naming_file_and_line(docs_copy):
    page = docs_copy / "docs/relief-now.md"
    number, line = heading_line(page, "heat-and-ice")
    title = line.split("{")[0].lstrip("#").strip()
    replace_in(page, line, line.split("{")[0].rstrip())
    output = failed_cleanly(mkdocs_build(docs_copy))
    assert f"docs/relief-now.md:{number}: " in output and title in output, output[-2000:]
    assert "has no section id" in output and "{#a-short-id}" in output


def test_a_misspelt_heading_attribute_fails_the_build_naming_the_page(docs_copy):
    page = docs_copy / "docs/relief-now.md"
    number, line = heading_line(page, "heat-and-ice")
    replace_in(page, line, line.replace("{#heat-and-ice", '{#heat-and-ice data-alway="true"', 1))
    output = failed_cleanly(mkdocs_build(docs_copy))
    assert f"docs/relief-now.md:{number}: " in output, output[-2000:]
    assert "data-alway" in output and "did you mean data-always?" in output


def test_a_duplicate_id_across_pages_fails_naming_both_files_and_lines(docs_copy):
    number, _ = heading_line(docs_copy / "docs/longer-term.md", "posture")
    original, _ = heading_line(docs_copy / "docs/why-not-working.md", "tolerance")
    replace_in(docs_copy / "docs/longer-term.md", "{#posture", "{#tolerance")
    output = failed_cleanly(mkdocs_build(docs_copy))
    assert 'section id "tolerance" is used twice' in output, output[-2000:]
    assert f"docs/longer-term.md:{number}" in output and f"docs/why-not-working.md:{original}" in output


def test_a_section_the_rules_need_but_the_docs_lack_fails_naming_the_rule(docs_copy):
    replace_in(docs_copy / "docs/longer-term.md", "{#sleep-position", "{#sleeping-well")
    output = failed_cleanly(mkdocs_build(docs_copy))
    # The fault is where the id is written in decision/ (or a page lacks its heading): both said.
    assert re.search(r'decision/\w+\.py:\d+: a rule names the section "sleep-position"', output), output[-2000:]
    assert "{#sleep-position}" in output


def test_a_section_moved_out_of_its_parent_fails_naming_the_decision_line(docs_copy):
    # decision/sections.py says where each section sits, for the plan's layout: a heading that
    # no longer agrees stops the build at the line to fix.
    replace_in(docs_copy / "docs/relief-now.md", "### Two gentle stretches {#gentle-stretches", "## Two gentle stretches {#gentle-stretches")
    output = failed_cleanly(mkdocs_build(docs_copy))
    assert re.search(r'decision/sections\.py:\d+: decision/sections\.py puts "gentle-stretches" on relief-now\.md '
                     r"inside gentle-movement, but its heading is on relief-now\.md at the top level", output), output[-2000:]


def test_a_heading_moved_within_its_page_fails_naming_the_file(docs_copy):
    # A tailored page keeps what it does not move in the order decision/sections.py lists
    # (decision/page_layout.py): a heading moved on its page stops the build until they agree.
    page = docs_copy / "docs/longer-term.md"
    text = page.read_text(encoding="utf-8")
    coping = text[text.index("## Coping with pain that lasts"):]
    text = text.replace(coping, "").replace("## Physical therapy", coping.rstrip("\n") + "\n\n## Physical therapy", 1)
    page.write_text(text, encoding="utf-8")
    number, _ = heading_line(page, "coping")
    lines = error_lines(failed_cleanly(mkdocs_build(docs_copy)))
    listed = tops_of("longer-term.md")
    moved = listed[listed.index("coping"):]  # the coping heading and all that follows it
    rest = listed[:listed.index("coping")]
    at = rest.index("physical-therapy")
    written = rest[:at] + moved + rest[at:]
    assert len(lines) == 1, lines
    assert f"docs/longer-term.md:{number}: the top-level headings of longer-term.md are written in the order " \
        f"{', '.join(written)}" in lines[0], lines
    assert re.search(rf"decision/sections\.py:\d+ lists them as {re.escape(', '.join(listed))}\.", lines[0]), lines


def tops_of(page: str) -> list[str]:
    """The top-level sections decision lists for a page, in order (decision/sections.py)."""
    from decision.sections import SECTIONS

    return [s.id for s in SECTIONS if s.page == page and s.parent is None]


def test_a_new_heading_on_a_tailored_page_fails_until_decision_lists_it(docs_copy):
    page = docs_copy / "docs/longer-term.md"
    append_to(page, "## Pain diaries {#pain-diary}\n\nWrite down when it hurts.")
    number, _ = heading_line(page, "pain-diary")
    lines = error_lines(failed_cleanly(mkdocs_build(docs_copy)))
    assert len(lines) == 1, lines
    assert f'docs/longer-term.md:{number}: the heading "pain-diary" is at the top level of longer-term.md' in lines[0]
    last = tops_of("longer-term.md")[-1]
    assert f'Add Section("pain-diary", "longer-term.md", AS_WRITTEN) to decision/sections.py (after "{last}"' in lines[0]


def error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("ERROR")]


def full_build(folder: Path) -> subprocess.CompletedProcess:
    """`mkdocs build` of a project_copy: through every step, with the runtime and the caches."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(folder / "out")],
                          cwd=folder, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def append_to(page: Path, paragraph: str) -> None:
    page.write_text(page.read_text(encoding="utf-8") + f"\n{paragraph}\n", encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text().splitlines(), 1) if text in line)


# ------------------------------------------------------------------ decision's own tables


def with_decision(copy: Path) -> Path:
    """A copy of decision/ in the copied project, found before the installed one (the build runs
    from the copy's folder), to break."""
    shutil.copytree(REPO / "decision", copy / "decision", ignore=shutil.ignore_patterns("__pycache__"))
    return copy / "decision"


# (file in decision/, text to change, its replacement, what the one line says after the place)
DECISION_MISTAKES = {
    "a rule naming a missing section": (
        "rules.py", 'shows=("sleep-position",)', 'shows=("sleep-positions",)',
        'Rule "poor-sleep" names the section "sleep-positions", which does not exist. Use a section id from '
        "decision/sections.py, or add the section there and its heading to a page in docs/."),
    "a card linking to a missing section": (
        "cards.py", 'link=("heat-and-ice", "Relief you can try now")', 'link=("heat-and-ices", "Relief you can try now")',
        'Card "self_care" links to the section "heat-and-ices", which does not exist. Use a section id'),
    "a warning sign at another level than its rules give it": (
        "warning_signs.py", 'Sign("urine_retention", EMERGENCY,', 'Sign("urine_retention", URGENT,',
        'The warning sign "urine_retention" is urgent in warning_signs.py, but the rules give it emergency'),
    "a misspelt condition": (
        "rules.py", 'when=Yes("sleep_disturbed")', 'when=Yess("sleep_disturbed")',
        "NameError: name 'Yess' is not defined. Fix that line"),
}


@pytest.mark.parametrize("mistake", DECISION_MISTAKES)
def test_a_mistake_in_decision_stops_the_build_at_its_line_not_at_a_page(docs_copy, mistake):
    name, old, new, said = DECISION_MISTAKES[mistake]
    source = with_decision(docs_copy) / name
    replace_in(source, old, new)
    output = failed_cleanly(mkdocs_build(docs_copy))
    lines = error_lines(output)
    assert len(lines) == 1 and "index.md" not in output, output[-2000:]
    assert lines[0].startswith(f"ERROR   -  decision/{name}:{line_of(source, new)}: {said}"), lines


# ------------------------------------------------------------------ the pages and the config


def test_an_unknown_local_fact_names_the_page_line_and_the_known_ones(docs_copy):
    page = docs_copy / "docs/relief-now.md"
    append_to(page, "Call [[emergency_numbr]] now.")
    output = failed_cleanly(mkdocs_build(docs_copy))
    assert f"docs/relief-now.md:{line_of(page, '[[emergency_numbr]]')}: [[emergency_numbr]] is not a local fact; " \
           "the local facts are [[country]]" in output, output[-2000:]


def test_a_missing_local_fact_names_mkdocs_yml(docs_copy):
    config = docs_copy / "mkdocs.yml"  # whatever the number: a fork's block holds its own
    config.write_text(re.sub(r"\n    crisis_number: .*", "", config.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    output = failed_cleanly(mkdocs_build(docs_copy))
    assert "mkdocs.yml: extra: local: lacks crisis_number (crisis_number: its phone number" in output, output[-2000:]


def test_a_link_to_a_missing_section_names_the_markdown_line(project_copy):
    page = project_copy / "docs/relief-now.md"
    append_to(page, 'See [heat or ice](relief-now.md#heat-and-ice){ data-rg-title="heat-and-ices" }.')
    output = failed_cleanly(full_build(project_copy))
    assert f'docs/relief-now.md:{line_of(page, "heat-and-ices")}: a link names the section "heat-and-ices", which no ' \
           "page has. Use the id of a section heading" in output, output[-2000:]


def test_an_inline_style_names_the_markdown_file_and_the_fix(project_copy):
    append_to(project_copy / "docs/relief-now.md", '<p style="color: red">Hot.</p>')
    output = failed_cleanly(full_build(project_copy))
    assert "docs/relief-now.md: an inline style would be blocked by the policy (style-src 'self'). Give the element " \
           "a class and its style in overrides/assets/site.css instead." in output, output[-2000:]
