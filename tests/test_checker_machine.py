"""The checker's state machine (overrides/assets/checker/checker-machine.js) under Node's own
test runner: every named state (idle, loading, ready, planning, shown, failed, unreadable,
forgotten, outdated) and every state a few events from them, with every event, and the safety
rules over all of them (tests/node/checker_machine.test.mjs). No browser: part of the quick loop."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent / "node" / "checker_machine.test.mjs"


def test_the_state_machine_holds_its_rules():
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed for the checker's machine tests (scripts/setup installs npm packages with it)")
    run = subprocess.run([node, "--test", str(TESTS)], capture_output=True, text=True, timeout=120)
    failures = [line for line in run.stdout.splitlines() if line.startswith("not ok")]
    assert run.returncode == 0, "\n".join(failures) or run.stdout[-3000:] + run.stderr[-2000:]
