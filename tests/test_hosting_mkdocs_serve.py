"""`mkdocs serve`, as an MkDocs user runs it: the checker works on the served site, and a
change in decision/ or sitebuild/ rebuilds the site and reloads the open page.

The reload times are printed (run with -s to see them), not asserted: they depend on the load
of the machine.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from support.checker import RESULTS, answer_form, expected, show_plan, visible_card
from support.project import REPO
from support.servers import free_port, stop, wait_for_port

MKDOCS = Path(sys.executable).parent / "mkdocs"


class MkdocsServe:
    """`mkdocs serve` in the project folder, on a free port; its log lines are kept."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.lines: list[str] = []

    def __enter__(self) -> MkdocsServe:
        self.process = subprocess.Popen(
            [str(MKDOCS), "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        threading.Thread(target=self._read, daemon=True).start()
        try:
            wait_for_port(self.port, self.process, 120)
        except RuntimeError as error:
            self.process.kill()
            pytest.fail(f"mkdocs serve did not start: {error}\n" + "\n".join(self.lines))
        # It serves under site_url's path (/relaxer-guide/), and says where once it listens.
        serving = re.compile(r"Serving on (http://\S+)")
        deadline = time.monotonic() + 30
        while not any(serving.search(line) for line in self.lines) and time.monotonic() < deadline:
            time.sleep(0.05)
        found = [serving.search(line) for line in self.lines if serving.search(line)]
        if not found:
            self.process.kill()
            pytest.fail("mkdocs serve never said where it serves:\n" + "\n".join(self.lines))
        self.url = found[0].group(1)
        return self

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip())

    def builds(self) -> list[str]:
        return [line for line in self.lines if "Checker:" in line]

    def __exit__(self, *exc) -> None:
        stop(self.process)


def touch(path: Path) -> None:
    """Writes the file back unchanged: a save in an editor, with nothing changed."""
    path.write_bytes(path.read_bytes())


@pytest.fixture(scope="module")
def served():
    with MkdocsServe() as server:
        yield server


def test_checker_works_under_mkdocs_serve(page, served):
    answers = {"red_flags": ["none"], "relaxer": "baclofen", "prescribed_for": "recent_strain", "sits_long": True}
    page.goto(served.url)
    answer_form(page, answers)
    show_plan(page)
    page.wait_for_selector(RESULTS)
    assert visible_card(page).get_attribute("data-triage") == expected(answers)["plan"]["triage"]
    assert len(served.builds()) == 1, served.lines


def open_with_live_reload(page, url: str) -> None:
    """Open a page and wait until MkDocs' live-reload script has asked the server for changes:
    a save before that request would reload nothing, and a fixed pause is too short on a busy CI."""
    with page.expect_request(lambda request: "/livereload/" in request.url, timeout=30_000):
        page.goto(url)
    page.wait_for_load_state("load")


@pytest.mark.parametrize("changed", ["decision/rules.py", "sitebuild/search_dialog.py", "overrides/main.html"])
def test_a_change_rebuilds_and_reloads_the_page(page, served, changed):
    open_with_live_reload(page, served.url)
    before = len(served.builds())
    started = time.monotonic()
    with page.expect_event("load", timeout=60_000):
        touch(REPO / changed)
    seconds = time.monotonic() - started
    assert len(served.builds()) > before, served.lines[-20:]
    wheel = re.search(r"wheel (\d+) ms", served.builds()[-1])
    print(f"\n{changed}: page reloaded {seconds:.1f} s after the save; wheel step {wheel and wheel.group(1)} ms")
    assert page.locator('[data-rg="form"]').count() == 1  # the rebuilt page, checker form included


def test_an_edited_question_shows_after_the_reload(page, served):
    """An author's real edit, not a bare save: the rebuilt form carries the new words, so the
    build read decision/ again instead of Python's cached modules."""
    path = REPO / "decision" / "questions.py"
    original = path.read_text(encoding="utf-8")
    old = "Do you sit for long periods most days?"
    new = "Do you sit for long stretches most days?"
    assert old in original
    open_with_live_reload(page, served.url)
    try:
        with page.expect_event("load", timeout=60_000):
            path.write_text(original.replace(old, new), encoding="utf-8")
        assert page.get_by_text(new).count() == 1, served.lines[-20:]
        assert page.get_by_text(old).count() == 0
    finally:
        # The restore rebuilds too: wait for it, so the next test sees the real form.
        with page.expect_event("load", timeout=60_000):
            path.write_text(original, encoding="utf-8")
    assert page.get_by_text(old).count() == 1


def test_served_pages_are_never_cached_offline(page, served):
    """Under `mkdocs serve` sw.js is the worker that clears its caches and unregisters (switched
    off, it keeps nothing and answers nothing; tests/test_offline.py sees it step down)."""
    text = page.request.get(served.url + "sw.js").text()
    assert "const ENABLED = false;" in text and "unregister()" in text
    assert "const INSTALL = {};" in text and "const ON_USE = {};" in text
