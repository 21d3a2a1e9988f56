"""The wheel holds the decision package and nothing else, and the package is pure Python that
gives the same plans on every interpreter the site uses."""

from __future__ import annotations

import ast
import glob
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import decision
from sitebuild.wheel import write_pure_wheel
from decision.samples import sample_answer_sets
from support.project import runtime_path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "decision"


def test_wheel_is_pure_and_holds_only_decision(tmp_path):
    wheel = write_pure_wheel(PACKAGE, tmp_path)
    assert wheel.name == f"relaxer_guide_decision-{decision.__version__}-py3-none-any.whl"
    names = zipfile.ZipFile(wheel).namelist()
    top = {name.split("/")[0] for name in names}
    assert top == {"decision", f"relaxer_guide_decision-{decision.__version__}.dist-info"}
    shipped = {name for name in names if name.startswith("decision/")}
    assert shipped == {f"decision/{p.name}" for p in PACKAGE.glob("*.py")}
    # Same sources, same bytes: the build's cache and reproducible sites rely on it.
    again = write_pure_wheel(PACKAGE, tmp_path / "again")
    assert again.read_bytes() == wheel.read_bytes()


def test_shipped_wheel_holds_only_decision(site_dir):
    wheel = site_dir / runtime_path(site_dir, ".whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {name.split("/")[0] for name in names} == {"decision", f"relaxer_guide_decision-{decision.__version__}.dist-info"}


STDLIB_ONLY = set(sys.stdlib_module_names) | {"decision"}


def test_only_standard_library_imports():
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                roots = [alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                roots = [node.module.split(".")[0]]
            else:
                continue
            assert set(roots) <= STDLIB_ONLY, f"{path.name} imports {roots}"


def test_no_io_in_the_core():
    """Only the command line reads files or streams; the browser glue passes strings."""
    io_names = {"open", "print", "input"}
    for path in PACKAGE.glob("*.py"):
        if path.name == "__main__.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = {node.func.id for node in ast.walk(tree)
                 if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
        assert not calls & io_names, f"{path.name} calls {calls & io_names}"
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        assert not imported & {"os", "sys", "pathlib", "io", "subprocess", "urllib"}, path.name


def python313() -> str | None:
    """A working Python 3.13 (a pyenv shim on PATH may exist without one behind it)."""
    candidates = [*sorted(glob.glob("/root/.pyenv/versions/3.13.*/bin/python3.13")),
                  shutil.which("python3.13")]
    for candidate in filter(None, candidates):
        probe = subprocess.run([candidate, "-c", "import sys; print(sys.version_info[:2])"],
                               capture_output=True, text=True)
        if probe.returncode == 0 and probe.stdout.strip() == "(3, 13)":
            return candidate
    return None


def test_same_plans_on_python_3_13(tmp_path):
    interpreter = python313()
    if interpreter is None:
        pytest.skip("no python3.13 here; the Pyodide test runs the 3.13 check in any case")
    answer_sets = sample_answer_sets(300, seed=31)
    (tmp_path / "answers.json").write_text(json.dumps(answer_sets))
    code = (
        "import json, sys, decision\n"
        "sets = json.load(open(sys.argv[1]))\n"
        "print(json.dumps({'version': sys.version_info[:2],"
        " 'plans': [decision.plan(a).to_dict() for a in sets],"
        " 'questions': decision.questions(), 'rules': decision.rules_markdown()}))\n"
    )
    result = subprocess.run(
        [interpreter, "-I", "-c", f"import sys; sys.path.insert(0, {str(REPO)!r})\n" + code,
         str(tmp_path / "answers.json")],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert output["version"] == [3, 13]
    assert output["plans"] == [decision.plan(a).to_dict() for a in answer_sets]
    assert output["questions"] == decision.questions()
    assert output["rules"] == decision.rules_markdown()
