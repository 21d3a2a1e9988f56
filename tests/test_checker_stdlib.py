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

from support.project import REPO, runtime_path

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
    # Fewer bytes on the wire than the full library (its .br copy when the build wrote one).
    shipped = site_dir / runtime_path(site_dir, "python_stdlib.zip")
    copy = shipped.with_name(shipped.name + ".br")
    assert (copy if copy.exists() else shipped).stat().st_size < 0.6 * FULL.stat().st_size
    # Pyodide's own start-up modules are in it, or the runtime would not start.
    assert {"_pyodide", "pyodide", "pyodide.ffi", "encodings"} <= modules


def test_every_stdlib_module_decision_imports_is_shipped(site_dir):
    shipped = module_names(zipfile.ZipFile(site_dir / runtime_path(site_dir, "python_stdlib.zip")).namelist())
    full = module_names(zipfile.ZipFile(FULL).namelist())
    # Built-in modules (sys, json's C part) and frozen ones (os) live in the wasm, not the zip.
    in_zip = {name for name in decision_stdlib_imports() if name in full and not _imp.is_frozen(name)}
    assert in_zip, "decision imports no standard-library module from the zip? the parse is wrong"
    assert in_zip <= shipped, sorted(in_zip - shipped)


def test_compiled_for_the_runtime(site_dir):
    """mkdocs.yml says compile: true, so a build without the runtime's Python stops instead of
    shipping the slower flavour (tests/test_hosting_plugins.py checks that it does)."""
    names = zipfile.ZipFile(site_dir / runtime_path(site_dir, "python_stdlib.zip")).namelist()
    assert [n for n in names if n.endswith(".pyc")] and not [n for n in names if n.endswith(".py")]


def test_members_are_stored_so_the_brotli_copy_is_small(site_dir):
    """With precompressed copies, the zip's members are stored: brotli then shrinks the zip to
    about a third, where a zip of deflated members would stay its own size (1,129 of 1,140 KiB)."""
    archive = zipfile.ZipFile(site_dir / runtime_path(site_dir, "python_stdlib.zip"))
    assert {info.compress_type for info in archive.infolist() if not info.is_dir()} == {zipfile.ZIP_STORED}
    raw = (site_dir / runtime_path(site_dir, "python_stdlib.zip")).stat().st_size
    assert (site_dir / (runtime_path(site_dir, "python_stdlib.zip") + ".br")).stat().st_size < 0.4 * raw


def test_the_cache_key_ignores_words_but_not_code(tmp_path):
    """An author's edit to a question's words reuses the measured library (a trace takes 10 to
    60 s); a change to the code, such as a new import, measures it again."""
    import shutil

    from sitebuild.stdlib import code_shape

    package = tmp_path / "decision"
    shutil.copytree(REPO / "decision", package, ignore=shutil.ignore_patterns("__pycache__"))
    before = code_shape(package)
    questions = package / "questions.py"
    text = questions.read_text(encoding="utf-8")
    old = "Do you sit for long periods most days?"
    assert old in text
    questions.write_text(text.replace(old, "Do you sit for hours most days?") + "\n# a comment\n", encoding="utf-8")
    assert code_shape(package) == before
    questions.write_text(text + "\nimport statistics\n", encoding="utf-8")
    assert code_shape(package) != before
