"""The shipped wheel gives the same plans in Pyodide (the browser's Python) as on CPython.

Runs tests/node/run_plans.mjs under Node with the site's own copy of Pyodide, its standard
library and its wheel (the files config.json names), so what is tested is exactly what a
reader's browser loads.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

import decision
from decision.remaining import remaining
from decision.samples import sample_answer_sets

SCRIPT = Path(__file__).parent / "node" / "run_plans.mjs"


def test_pyodide_plans_equal_cpython_plans(site_dir, tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed to run Pyodide outside a browser (scripts/setup uses it too).")
    config = site_dir / "assets/checker/config.json"
    answer_sets = sample_answer_sets(300, seed=20)
    answers_file = tmp_path / "answers.json"
    answers_file.write_text(json.dumps(answer_sets))
    result = subprocess.run(
        [node, str(SCRIPT), str(config), str(answers_file)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("python 3.13."), result.stderr

    replies = json.loads(result.stdout)
    assert len(replies) == len(answer_sets)
    for answers, reply in zip(answer_sets, replies):
        expected = {
            "ok": True,
            "plan": decision.plan(answers).to_dict(),
            "share": decision.share.encode(answers),
            "more": remaining(answers).to_dict(),
        }
        assert reply == expected, answers
