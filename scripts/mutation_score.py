"""The score of a finished `mutmut run`, with the two corrections mutmut cannot make itself.

1. Fresh process. mutmut imports the package once and then switches mutants on per test, so a
   mutant in code that only runs at import (building the questions, checking the rule table)
   is never active, and a function only the CLI tests' subprocesses call has "no tests". Each
   mutant mutmut did not kill is run again here: the decision tests in a new process with
   MUTANT_UNDER_TEST set from the start (subprocesses inherit it), stopping at the first failure.
2. Equivalent mutants. scripts/mutation-equivalent.txt names the mutants that cannot change
   what anyone sees, one per line with the reason; they are left out of the adjusted score.

    python scripts/mutation_score.py build/mutmut-results.txt
"""

from __future__ import annotations

import collections
import os
import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MUTANTS = REPO / "mutants"
EQUIVALENT = REPO / "scripts" / "mutation-equivalent.txt"


def equivalents() -> dict[str, str]:
    """{mutant name: reason} from the list, skipping blank lines and # comments."""
    found = {}
    for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, reason = line.partition(" ")
            found[name] = reason.strip()
    return found


def pytest_command() -> list[str]:
    """The tests and options mutmut runs, from pyproject.toml, for a fresh process."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    return [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:randomly",
            *config["pytest_add_cli_args"], *config["pytest_add_cli_args_test_selection"]]


def run_tests(mutant: str) -> int:
    """The exit status of the decision tests in a new process with `mutant` active ("": none)."""
    path = [str(MUTANTS), str(REPO / "build" / "mutmut"), os.environ.get("PYTHONPATH", "")]
    env = dict(os.environ, MUTANT_UNDER_TEST=mutant, PYTHONPATH=os.pathsep.join(path))
    return subprocess.run(pytest_command(), cwd=MUTANTS, env=env, capture_output=True, timeout=900).returncode


def main(results_path: str) -> int:
    status = {}
    for line in open(results_path, encoding="utf-8"):
        name, _, state = line.strip().rpartition(": ")
        if name:
            status[name] = state
    counts = collections.Counter(status.values())
    total = len(status)
    print(f"mutmut alone: {counts['killed']} of {total} killed ({100 * counts['killed'] / max(total, 1):.1f}%); "
          + ", ".join(f"{n} {state}" for state, n in sorted(counts.items())))

    if run_tests("") != 0:
        print("The tests fail in a fresh process without any mutant: fix that first.")
        return 1
    left = [name for name, state in status.items() if state != "killed"]
    # 1: a test failed; 2: the tests could not even be collected (the package does not import).
    fresh = [name for name in left if run_tests(name) in (1, 2)]
    killed = counts["killed"] + len(fresh)
    print(f"with the fresh-process pass: {killed} of {total} killed ({100 * killed / max(total, 1):.1f}%); "
          f"{len(fresh)} of the {len(left)} mutmut left were killed in a fresh process")

    known = equivalents()
    survivors = [name for name in left if name not in fresh]
    equivalent = [name for name in survivors if name in known]
    real = [name for name in survivors if name not in known]
    stale = sorted(set(known) - set(survivors))
    counted = total - len(equivalent)
    print(f"adjusted: {killed} of {counted} non-equivalent mutants killed ({100 * killed / max(counted, 1):.1f}%); "
          f"{len(equivalent)} equivalent (scripts/mutation-equivalent.txt)")
    for name in real:
        print(f"  survived: {name} ({status[name]} in mutmut)")
    for name in stale:
        print(f"  listed as equivalent but killed or gone (remove it from the list): {name}")
    print("See one: PYTHONPATH=build/mutmut .venv/bin/python -m mutmut show NAME")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
