"""A trimmed, precompiled standard library for the runtime: python_stdlib.zip with only what
the checker loads.

Pyodide's python_stdlib.zip holds the whole standard library as source (about 2.4 MB): a
reader on a phone downloads all of it, and Python compiles every module it imports at each
start. The checker imports about 120 of its 580 files. This step:

1. runs the checker under Pyodide in Node (stdlib_trace.mjs: start-up, unpacking the wheel,
   decision.browser.handle on every question's options, the error replies and a share-link
   decode) and lists the zip's files that were loaded. The list is measured, never typed,
   so a new import in decision/ is picked up by the next build;
2. writes a zip of those files (packages keep their folder entries);
3. compiles it to .pyc with the runtime's own Python (.venv-pyodide's `pyodide py-compile`,
   as sitebuild.wheel does); without that Python the trimmed .py zip ships;
4. runs the same requests again on the trimmed zip and fails the build if a reply differs.

The site's pyodide/python_stdlib.zip is replaced by the result, and config.json names it
(`stdlib`) for the worker's `loadPyodide({stdLibURL})`. Everything that loads the site's
runtime (the browser, tests/node/run_plans.mjs, the parity tests) so runs on the shipped set.
Results are cached (the plugin's cache folder, .cache/plugin/relaxer-checker/stdlib/) by what
decides the imports: the code of decision/ with its string literals left out (question words,
reasons and docstrings never change which modules load), the runtime and this step's code. One
trace takes 10 to 60 s of Node, so an author's edit to a question's words must not redo it.

The zip's members are stored, not deflated, when the build writes precompressed copies: brotli
cannot shrink deflated data, and a stored zip of the same .pyc files is 803 KiB as brotli
against 1,129 for the deflated one. Without precompressed copies (a host that sends the file
as it is) the members are deflated, the smaller raw file.
"""

from __future__ import annotations

import ast
import hashlib
import json
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sitebuild.wheel import WheelError, py_compile_archive

NAME = "python_stdlib.zip"
TRACE = Path(__file__).with_name("stdlib_trace.mjs")
ZIP_DATE = (2020, 1, 1, 0, 0, 0)


class StdlibError(RuntimeError):
    """The standard library could not be measured, or the trimmed one answers differently."""


@dataclass
class Trimmed:
    path: Path
    modules: int
    full_bytes: int
    compiled: bool

    @property
    def bytes(self) -> int:
        return self.path.stat().st_size


def trace_requests() -> list:
    """What the trace sends to handle(): no answers, each sampled answer of each question alone,
    every question at once (decision's one sampler, decision/samples.py), and the malformed
    requests that take the error paths."""
    from decision import samples  # as trimmed_stdlib imports decision: fresh on every rebuild

    answer_sets: list = [{}, *samples.each_alone(), samples.everything()]
    requests: list = [{"op": "plan", "answers": answers} for answers in answer_sets]
    requests += [
        {"op": "plan", "answers": {"days_taken": -1}},
        {"op": "plan", "answers": {"no_such_question": 1}},
        {"op": "plan", "answers": []},
        {"op": "decode", "token": "not-a-token"},
        {"op": "nothing"},
        "{not json",
        "[]",
    ]
    return requests


def _node(pyodide_dir: Path, wheel: Path, requests_file: Path, stdlib: Path | None = None) -> dict:
    command = ["node", str(TRACE), str(pyodide_dir), str(wheel), str(requests_file)]
    if stdlib is not None:
        command.append(str(stdlib))
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    except FileNotFoundError:
        raise StdlibError("node is not on PATH: the standard library is measured under Pyodide in Node.") from None
    if result.returncode != 0:
        raise StdlibError(f"measuring the standard library under Pyodide failed:\n{result.stderr.strip()[-2000:]}")
    return json.loads(result.stdout)


def write_trimmed(full: Path, files: list[str], out: Path, stored: bool = False) -> int:
    """A zip of `files` from `full`, with the folder entries of their packages; returns the count.
    `stored`: members kept as they are (for brotli to compress), else deflated."""
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(full) as source:
        names = set(source.namelist())
        missing = [name for name in files if name not in names]
        if missing:
            raise StdlibError(f"modules loaded but not in {full.name}: {missing}")
        folders = {"/".join(name.split("/")[:i]) + "/" for name in files for i in range(1, name.count("/") + 1)}
        with zipfile.ZipFile(out, "w", method, compresslevel=None if stored else 9) as target:
            for name in sorted(folders) + sorted(files):
                info = zipfile.ZipInfo(name, ZIP_DATE)
                info.compress_type = method
                info.external_attr = (0o40755 << 16 | 0x10) if name.endswith("/") else 0o644 << 16
                target.writestr(info, b"" if name.endswith("/") else source.read(name))
    return len(files)


class _NoText(ast.NodeTransformer):
    """Blanks string literals: which modules load depends on the code, not on its words."""

    def visit_Constant(self, node: ast.Constant) -> ast.Constant:
        return ast.Constant("") if isinstance(node.value, str | bytes) else node


def code_shape(package_dir: Path) -> str:
    """The package's code without its string literals, comments and layout."""
    return "\n".join(
        f"{path.name}\0{ast.dump(_NoText().visit(ast.parse(path.read_bytes())))}"
        for path in sorted(package_dir.glob("*.py"))
    )


def cache_key(pyodide_dir: Path, package_dir: Path, flavour: str) -> str:
    digest = hashlib.sha256(flavour.encode() + b"\0" + code_shape(package_dir).encode())
    for path in (pyodide_dir / NAME, pyodide_dir / "pyodide.asm.wasm", TRACE, Path(__file__)):
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:20]


def trimmed_stdlib(repo: Path, pyodide_dir: Path, wheel: Path, runtime_python: str, compiler: Path | None,
                   cache_root: Path, stored: bool) -> Trimmed:
    """The trimmed stdlib zip for this wheel and runtime, compiled by `compiler` (.venv-pyodide's
    `pyodide`) unless it is None, its members `stored` or deflated; cached under `cache_root`."""
    flavour = f"{'pyc-' + runtime_python if compiler else 'py'}-{'stored' if stored else 'deflated'}"
    cache = cache_root / cache_key(pyodide_dir, repo / "decision", flavour)
    full_bytes = (pyodide_dir / NAME).stat().st_size
    done = cache / NAME
    if done.is_file():
        info = json.loads((cache / "info.json").read_text(encoding="utf-8"))
        return Trimmed(done, info["modules"], full_bytes, info["compiled"])

    with tempfile.TemporaryDirectory(prefix="stdlib-") as work_name:
        work = Path(work_name)
        requests_file = work / "requests.json"
        requests_file.write_text(json.dumps(trace_requests()), encoding="utf-8")
        measured = _node(pyodide_dir, wheel, requests_file)
        trimmed = work / NAME
        modules = write_trimmed(pyodide_dir / NAME, measured["files"], trimmed, stored)
        if compiler:
            # Level 0: the members stored (ZIP_STORED), so the .br copy can shrink them.
            try:
                py_compile_archive(compiler, trimmed, compression_level=0 if stored else 9)
            except WheelError as error:
                raise StdlibError(str(error)) from None
        check = _node(pyodide_dir, wheel, requests_file, trimmed)
        if check["replies"] != measured["replies"]:
            raise StdlibError("the trimmed standard library answers differently from the full one")
        staging = cache.with_name(cache.name + ".tmp")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        shutil.copyfile(trimmed, staging / NAME)
        (staging / "modules.txt").write_text("\n".join(measured["files"]) + "\n", encoding="utf-8")
        (staging / "info.json").write_text(json.dumps({"modules": modules, "compiled": bool(compiler)}),
                                           encoding="utf-8")
        try:
            staging.rename(cache)
        except OSError:  # another build finished the same one meanwhile: keep that one
            shutil.rmtree(staging, ignore_errors=True)
    info = json.loads((cache / "info.json").read_text(encoding="utf-8"))
    return Trimmed(cache / NAME, info["modules"], full_bytes, info["compiled"])
