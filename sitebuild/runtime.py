"""The Pyodide runtime in the site: the files the checker's worker loads, and config.json.

The runtime comes from the npm package pinned in package.json (`npm ci` puts it in
node_modules/pyodide). Only the classic-script build is copied: the worker loads `pyodide.js`
with importScripts, and every file a browser fetches has a name (.js, .wasm, .zip, .json) that
stock web servers send with a type browsers accept. `pyodide.mjs` is left out on purpose:
stock nginx sends .mjs as application/octet-stream, which browsers refuse to run.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

# What the worker downloads; the rest of the npm package is for Node or for debugging.
RUNTIME_FILES = ("pyodide.js", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip")
# Pyodide's package index. The checker loads no package from it (the decision wheel is unpacked
# directly), so config.json carries its `info` inline and the 119 KB file is not shipped: one
# download and one round trip fewer on a phone network.
LOCK = "pyodide-lock.json"
# No fixed deadline: a slow phone network may need a minute for the runtime, and a load that
# is still receiving bytes is never stopped. The page gives up, and says so, only when no byte
# has arrived for this long while a download is under way.
STALL_MS = 20000


class RuntimeMissing(RuntimeError):
    """node_modules/pyodide is not there or is incomplete."""


def runtime_dir(repo: Path) -> Path:
    folder = repo / "node_modules" / "pyodide"
    missing = [name for name in (*RUNTIME_FILES, LOCK, "package.json") if not (folder / name).is_file()]
    if missing:
        raise RuntimeMissing(
            f"The Pyodide runtime is missing from {folder} ({', '.join(missing)}). "
            "Install the pinned copy with `npm ci` (scripts/setup does it)."
        )
    return folder


def lock_info(folder: Path) -> dict:
    """The lock file's `info` (Python's version, the ABI, the platform)."""
    return json.loads((folder / LOCK).read_text(encoding="utf-8"))["info"]


def runtime_versions(folder: Path) -> tuple[str, str]:
    """(Pyodide's version, its Python's version), from the npm package."""
    version = json.loads((folder / "package.json").read_text(encoding="utf-8"))["version"]
    return version, lock_info(folder)["python"]


def copy_runtime(folder: Path, checker_dir: Path) -> Path:
    """Copies the runtime into <checker_dir>/pyodide/ and returns that folder."""
    target = checker_dir / "pyodide"
    target.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        shutil.copyfile(folder / name, target / name)
    return target


def write_config(folder: Path, checker_dir: Path, wheel_name: str) -> dict:
    """config.json: where the worker finds the runtime and the wheel, relative to the assets,
    and each file's size, so the page can show the bytes received of the total."""
    version, python = runtime_versions(folder)
    files = [f"pyodide/{name}" for name in RUNTIME_FILES] + [wheel_name]
    config = {
        "pyodideIndex": "pyodide/",
        "pyodideVersion": version,
        "pythonVersion": python,
        "sitePackages": f"/lib/python{'.'.join(python.split('.')[:2])}/site-packages",
        "wheel": wheel_name,
        # The trimmed standard library (sitebuild.stdlib), for loadPyodide's stdLibURL.
        "stdlib": "pyodide/python_stdlib.zip",
        "stallMs": STALL_MS,
        # loadPyodide's lockFileContents: the lock's info, and no packages to load.
        "lock": {"info": lock_info(folder), "packages": {}},
        # Sizes as the files are on disk: the browser counts bytes after any decompression, so
        # a host that sends them compressed still adds up to these totals.
        "downloads": {name: (checker_dir / name).stat().st_size for name in files},
    }
    (checker_dir / "config.json").write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")
    return config
