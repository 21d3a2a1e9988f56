"""The decision wheel the browser loads: built from decision/ alone, cached by its source.

The wheel is written here (PEP 427: a zip with the package and a .dist-info folder) rather
than by setuptools, because the project's pyproject.toml installs the site's build code too,
and the browser must get the decision package and nothing else. Writing it takes a few
milliseconds and needs no build backend, so `mkdocs serve` rebuilds stay fast.

When the runtime's own Python is available in .venv-pyodide (scripts/setup makes it when it
finds that interpreter), `pyodide py-compile` turns the wheel's sources into .pyc files, which
start faster in the browser (py_compile_archive, which the standard library step uses too, makes
its output reproducible: no build time in the zip or the .pyc files). That takes seconds, so
every result is cached under the plugin's cache folder
(.cache/plugin/relaxer-checker/wheel/<hash of the sources, this module and the flavour>/) and
reused until a file in decision/ changes. Whether to compile is the plugin's `compile` option
(sitebuild.plugin); the pure wheel (`compile: false`) runs the same, only slower to start.
"""

from __future__ import annotations

import ast
import base64
import hashlib
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

DISTRIBUTION = "relaxer_guide_decision"
PACKAGE = "decision"
# A fixed date for every member, so the same sources give the same bytes.
ZIP_DATE = (2020, 1, 1, 0, 0, 0)
# For `pyodide py-compile`: with SOURCE_DATE_EPOCH set, py_compile writes hash-based .pyc
# (a hash of the source in the header instead of the build's clock); a fixed hash seed keeps
# set constants in one order.
REPRODUCIBLE_ENV = {"SOURCE_DATE_EPOCH": "1577836800", "PYTHONHASHSEED": "0"}


class WheelError(RuntimeError):
    """The wheel could not be built or compiled."""


def package_version(package_dir: Path) -> str:
    """decision.__version__, read without importing (the build may hold a stale import)."""
    tree = ast.parse((package_dir / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "__version__" for target in node.targets
        ):
            if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                return node.value.value
    raise WheelError(f"{package_dir / '__init__.py'} sets no __version__ string.")


def source_files(package_dir: Path) -> list[Path]:
    """The package's modules, sorted: every .py file, no caches."""
    return sorted(package_dir.glob("*.py"))


def source_hash(package_dir: Path, salt: str = "") -> str:
    digest = hashlib.sha256(salt.encode())
    for path in source_files(package_dir):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def write_pure_wheel(package_dir: Path, out_dir: Path) -> Path:
    """A py3-none-any wheel of the package alone, with reproducible bytes."""
    version = package_version(package_dir)
    dist_info = f"{DISTRIBUTION}-{version}.dist-info"
    members: list[tuple[str, bytes]] = [
        (f"{PACKAGE}/{path.name}", path.read_bytes()) for path in source_files(package_dir)
    ]
    members += [
        (f"{dist_info}/METADATA", (
            "Metadata-Version: 2.1\n"
            f"Name: {DISTRIBUTION.replace('_', '-')}\n"
            f"Version: {version}\n"
            "Summary: The Relaxer Guide checker's decisions (pure standard library).\n"
            "License: MIT\n"
            "Requires-Python: >=3.11\n"
        ).encode()),
        (f"{dist_info}/WHEEL", (
            b"Wheel-Version: 1.0\nGenerator: sitebuild.wheel\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
        )),
        (f"{dist_info}/top_level.txt", f"{PACKAGE}\n".encode()),
    ]
    record = "".join(_record_line(name, data) + "\n" for name, data in members)
    record += f"{dist_info}/RECORD,,\n"
    members.append((f"{dist_info}/RECORD", record.encode()))

    out_dir.mkdir(parents=True, exist_ok=True)
    wheel = out_dir / f"{DISTRIBUTION}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return wheel


def date_members(archive: Path, compression_level: int) -> None:
    """Rewrites `archive` with every member dated ZIP_DATE, each compressed as it was."""
    with zipfile.ZipFile(archive) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    staged = archive.with_name(archive.name + ".dated")
    with zipfile.ZipFile(staged, "w") as target:
        for info, data in members:
            dated = zipfile.ZipInfo(info.filename, ZIP_DATE)
            dated.compress_type = info.compress_type
            dated.external_attr = info.external_attr
            target.writestr(dated, data, compresslevel=compression_level)
    staged.replace(archive)


def py_compile_archive(compiler: Path, archive: Path, compression_level: int = 6) -> Path:
    """`pyodide py-compile` on a .whl or .zip (replaced by its compiled copy, which a wheel
    names for the compiling Python), with reproducible bytes; returns the compiled file."""
    before = set(archive.parent.iterdir())
    result = subprocess.run(
        [str(compiler), "py-compile", "--silent", "--compression-level", str(compression_level), str(archive)],
        capture_output=True, text=True, timeout=600, env={**os.environ, **REPRODUCIBLE_ENV},
    )
    # A zip is compiled in place; a wheel's input goes and its compiled copy appears beside it.
    made = [archive] if archive.is_file() else sorted(set(archive.parent.iterdir()) - before)
    if result.returncode != 0 or len(made) != 1:
        raise WheelError(f"pyodide py-compile failed on {archive.name}: {result.stderr.strip() or result.stdout}")
    date_members(made[0], compression_level)
    return made[0]


def pyodide_compiler(repo: Path, runtime_python: str) -> Path | None:
    """.venv-pyodide's `pyodide` command, if that venv runs the runtime's Python minor."""
    venv = repo / ".venv-pyodide"
    command = venv / "bin" / "pyodide"
    config = venv / "pyvenv.cfg"
    if not (command.is_file() and config.is_file()):
        return None
    minor = ".".join(runtime_python.split(".")[:2])
    for line in config.read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("=")
        if key.strip() in {"version", "version_info"} and value.strip().startswith(minor + "."):
            return command
    return None


def build_wheel(repo: Path, runtime_python: str, compiler: Path | None, cache_root: Path) -> Path:
    """The wheel to ship, compiled by `compiler` (pyodide_compiler's) unless it is None, from
    the cache under `cache_root` when decision/ has not changed since the last build."""
    package_dir = repo / PACKAGE
    flavour = f"pyc-{runtime_python}" if compiler else "pure"
    # This module is the recipe: a change to how the wheel is written builds it again.
    recipe = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    cache = cache_root / source_hash(package_dir, flavour + recipe)
    cached = sorted(cache.glob("*.whl")) if cache.is_dir() else []
    if len(cached) == 1:
        return cached[0]

    work = cache.with_name(cache.name + ".tmp")
    shutil.rmtree(work, ignore_errors=True)
    wheel = write_pure_wheel(package_dir, work)
    if compiler:
        # py-compile writes .pyc for the interpreter it runs under, hence .venv-pyodide.
        py_compile_archive(compiler, wheel)
    try:
        work.rename(cache)
    except OSError:  # another build wrote the same sources' wheel meanwhile: keep that one
        shutil.rmtree(work, ignore_errors=True)
    wheels = sorted(cache.glob("*.whl"))
    if len(wheels) != 1:
        raise WheelError(f"expected one wheel in {cache}, found {[w.name for w in wheels]}")
    return wheels[0]
