"""The trimmed standard library the site ships (sitebuild/stdlib.py).

The browser parity tests (test_checker_parity.py, test_decision_pyodide.py) load the site's
own runtime, so they run on exactly this zip: a module it lacks fails them. These tests say
what the zip is: the measured set, much smaller than Pyodide's, compiled when it can be, and
holding every standard-library module decision/ imports.
"""

from __future__ import annotations

import _imp
import ast
import sys
import zipfile

from conftest import REPO, runtime_path

FULL = REPO / "node_modules" / "pyodide" / "python_stdlib.zip"


def module_names(names: list[str]) -> set[str]:
    """Dotted module names of a zip's .py/.pyc files (json/__init__.pyc -> json)."""
    out = set()
    for name in names:
        stem, dot, suffix = name.rpartition(".")
        if dot and suffix in ("py", "pyc"):
            out.add(stem.removesuffix("/__init__").replace("/", "."))
    return out


def decision_stdlib_imports() -> set[str]:
    """What decision/ imports from the standard library, its command line (__main__) aside:
    the browser never runs that."""
    found = set()
    for path in (REPO / "decision").glob("*.py"):
        if path.name == "__main__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module)
    return {name for name in found if name.split(".")[0] in sys.stdlib_module_names}


def test_shipped_stdlib_is_the_measured_subset(site_dir):
    shipped = zipfile.ZipFile(site_dir / runtime_path(site_dir, "python_stdlib.zip")).namelist()
    full = zipfile.ZipFile(FULL).namelist()
    modules = module_names(shipped)
    # Measured, not copied: a fraction of the full library, all of it from Pyodide's own zip.
    assert 50 < len(modules) < len(module_names(full)) / 3
    assert modules <= module_names(full)
    assert (site_dir / runtime_path(site_dir, "python_stdlib.zip")).stat().st_size < 0.6 * FULL.stat().st_size
    # Pyodide's own start-up modules are in it, or the runtime would not start.
    assert {"_pyodide", "pyodide", "pyodide.ffi", "encodings"} <= modules


def test_every_stdlib_module_decision_imports_is_shipped(site_dir):
    shipped = module_names(zipfile.ZipFile(site_dir / runtime_path(site_dir, "python_stdlib.zip")).namelist())
    full = module_names(zipfile.ZipFile(FULL).namelist())
    # Built-in modules (sys, json's C part) and frozen ones (os) live in the wasm, not the zip.
    in_zip = {name for name in decision_stdlib_imports() if name in full and not _imp.is_frozen(name)}
    assert in_zip, "decision imports no standard-library module from the zip? the parse is wrong"
    assert in_zip <= shipped, sorted(in_zip - shipped)


def test_compiled_for_the_runtime_when_its_python_is_here(site_dir):
    if not (REPO / ".venv-pyodide" / "bin" / "pyodide").is_file():
        import pytest

        pytest.skip("no .venv-pyodide: the build ships the trimmed sources, by design")
    names = zipfile.ZipFile(site_dir / runtime_path(site_dir, "python_stdlib.zip")).namelist()
    assert [n for n in names if n.endswith(".pyc")] and not [n for n in names if n.endswith(".py")]
