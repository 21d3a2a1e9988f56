"""The code stays clean and the project's files stay consistent: ruff and mypy pass with the
configuration in pyproject.toml, the dependency locks carry hashes and agree, and the build's
modules import each other in one direction only."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from support.project import REPO

BIN = Path(sys.executable).parent


def run(tool: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / tool), *args], cwd=REPO, capture_output=True, text=True, timeout=600)


def test_ruff_is_clean():
    result = run("ruff", "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean():
    result = run("mypy", "--no-incremental", "--cache-dir", "/dev/null")
    assert result.returncode == 0, result.stdout + result.stderr


def pins(lock: Path) -> dict[str, str]:
    """name -> version; fails on a requirement without a hash."""
    text = lock.read_text(encoding="utf-8")
    found = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        match = re.match(r"([A-Za-z0-9._-]+)==(\S+)", block)
        if match:
            assert "--hash=sha256:" in block, f"{lock.name}: {match.group(1)} has no hash"
            found[match.group(1).lower()] = match.group(2)
    return found


def test_locks_are_hashed_and_agree():
    build, test = pins(REPO / "requirements.txt"), pins(REPO / "requirements-test.txt")
    assert {"mkdocs", "mkdocs-material", "markdown", "setuptools"} <= set(build)
    assert {"pytest", "playwright", "zensical", "ruff", "mypy"} <= set(test)
    assert not {"pytest", "playwright", "zensical"} & set(build), "testing tools crept into the build lock"
    assert {name: test.get(name) for name in build} == build, "the test lock differs from the build lock"


def sitebuild_imports() -> dict[str, set[str]]:
    graph = {}
    for path in (REPO / "sitebuild").glob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "sitebuild":
                names |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sitebuild."):
                names.add(node.module.split(".")[1])
            elif isinstance(node, ast.Import):
                names |= {a.name.split(".")[1] for a in node.names if a.name.startswith("sitebuild.")}
        graph[path.stem] = names - {path.stem}
    return graph


def test_build_modules_import_in_one_direction():
    graph = sitebuild_imports()
    assert graph["assemble"] >= {"manifest", "wheel", "runtime_files", "search_dialog", "csp"}
    for step in ("manifest", "markdown_ext", "wheel", "runtime_files", "search_dialog", "csp", "checker_html", "site",
                 "options", "author_errors", "section_links", "plan_version", "build_id", "offline", "precompress"):
        assert not graph[step] & {"assemble", "plugin", "__main__"}, f"{step} imports the runner"

    def reaches(start: str, seen: frozenset[str] = frozenset()) -> None:
        assert start not in seen, f"import cycle: {' -> '.join([*seen, start])}"
        for name in graph.get(start, ()):
            reaches(name, seen | {start})

    for module in graph:
        reaches(module)


def test_tests_share_code_through_support_only():
    """What the tests share lives in tests/support/: a test file imports neither conftest (which
    holds fixtures) nor another test file, nor a helper module beside them."""
    tests = REPO / "tests"
    local = {path.stem for path in tests.glob("*.py")}
    wrong = []
    for path in [*tests.glob("*.py"), *(REPO / "scripts").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level
                     else [alias.name for alias in node.names] if isinstance(node, ast.Import) else [])
            wrong += [f"{path.relative_to(REPO)} imports {name}" for name in names if name.split(".")[0] in local]
    assert not wrong, wrong
