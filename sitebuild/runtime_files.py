"""The Pyodide runtime in the site: the files the checker's worker loads, and config.json.

The runtime comes from the npm package pinned in package.json (`npm ci` puts it in
node_modules/pyodide). Only the classic-script build is copied: the worker loads `pyodide.js`
with importScripts, and every file a browser fetches has a name (.js, .wasm, .zip, .json) that
stock web servers send with a type browsers accept. `pyodide.mjs` is left out on purpose:
stock nginx sends .mjs as application/octet-stream, which browsers refuse to run.

Every file the checker loads sits in a folder named by a hash of its bytes, and config.json
names them (the three Pyodide files share one folder: pyodide.js finds the other two beside
it). A config.json can so only ever lead to the files of its own build: an old one kept by a
browser and a new deploy on the host cannot combine into a mix (a file the old one names is
gone, and says so), and a file that did not change keeps its address, so a returning reader's
copy of it stays good. config.json also gives each download's size and SHA-256, against which
the checker's worker and the offline copy check what arrives.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path, PurePosixPath

# Where the checker's files are in the site, and the file that names them.
CHECKER = PurePosixPath("assets/checker")
CONFIG = "config.json"
# The checker's worker script: the theme build copies it to CHECKER; this step moves it into
# its hashed folder, so that config.json names the worker of its own build too.
WORKER = "checker-worker.js"
# What the worker downloads of the npm package (its python_stdlib.zip is replaced by the
# trimmed one, sitebuild.stdlib); the rest is for Node or for debugging.
RUNTIME_FILES = ("pyodide.js", "pyodide.asm.js", "pyodide.asm.wasm")
# A hashed folder's name: this many hex digits of the SHA-256 of what it holds.
HASH_DIGITS = 16
HASHED = re.compile(rf"[0-9a-f]{{{HASH_DIGITS}}}")
# Pyodide's package index. The checker loads no package from it (the decision wheel is unpacked
# directly), so config.json carries its `info` inline and the 119 KB file is not shipped: one
# download and one round trip fewer on a phone network.
LOCK = "pyodide-lock.json"
# No fixed deadline: a slow phone network may need a minute for the runtime, and a load that
# is still receiving bytes is never stopped. The page gives up, and says so, only when no byte
# has arrived for this long while a download is under way.
STALL_MS = 20000
# The worker's steps once config.json has come (the worker names them as it goes), in the words
# the page shows while loading (`label`) and when one fails (`failure`). The page's only words
# of its own are for reading config.json itself.
STEPS = (
    {"id": "runtime", "label": "Loading the Python runtime", "failure": "the Python runtime could not be loaded"},
    {"id": "rules", "label": "Loading the checker's rules", "failure": "the checker's rules could not be loaded"},
    {"id": "ready", "label": "Ready", "failure": "it stopped"},
)


class RuntimeMissing(RuntimeError):
    """node_modules/pyodide is not there or is incomplete."""


def runtime_dir(repo: Path) -> Path:
    folder = repo / "node_modules" / "pyodide"
    missing = [name for name in (*RUNTIME_FILES, "python_stdlib.zip", LOCK, "package.json")
               if not (folder / name).is_file()]
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


def content_hash(*files: Path) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:HASH_DIGITS]


def clear_hashed(checker_dir: Path) -> None:
    """Removes an earlier build's hashed folders (a `mkdocs serve` rebuild reuses the site)."""
    for parent in (checker_dir, checker_dir / "pyodide"):
        for folder in parent.glob("*"):
            if folder.is_dir() and HASHED.fullmatch(folder.name):
                shutil.rmtree(folder)


def place(source: Path, parent: Path) -> Path:
    """Copies `source` to parent/<hash of its bytes>/<its name> and returns that path."""
    target = parent / content_hash(source) / source.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


def copy_runtime(folder: Path, checker_dir: Path) -> Path:
    """Copies the runtime into <checker_dir>/pyodide/<hash>/ and returns that folder."""
    sources = [folder / name for name in RUNTIME_FILES]
    target = checker_dir / "pyodide" / content_hash(*sources)
    target.mkdir(parents=True, exist_ok=True)
    for source in sources:
        shutil.copyfile(source, target / source.name)
    return target


def move_worker(checker_dir: Path) -> Path:
    """Moves the theme's copy of the worker script into its hashed folder."""
    source = checker_dir / WORKER
    if not source.is_file():
        raise RuntimeMissing(f"{source} is missing: build the pages first (the theme copies it there).")
    target = place(source, checker_dir)
    source.unlink()
    return target


def file_facts(path: Path) -> dict:
    data = path.read_bytes()
    return {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def write_config(folder: Path, checker_dir: Path, index: Path, stdlib: Path, wheel: Path, worker: Path,
                 encoded: Callable[[Path], dict[str, int]] | None = None) -> dict:
    """config.json: where the worker finds the runtime and the wheel, relative to the assets
    (the paths copy_runtime, place and move_worker returned), and each download's size and
    SHA-256, so the page can check what arrived. `encoded` gives a file's sizes as the host
    may send it ({"br": bytes, "gzip": bytes}: the precompressed copies the build writes), so
    the page can show the bytes that really come over the wire before each answer says."""
    version, python = runtime_versions(folder)
    relative = lambda path: path.relative_to(checker_dir).as_posix()  # noqa: E731
    downloads = [index / name for name in RUNTIME_FILES] + [stdlib, wheel]
    config = {
        "pyodideIndex": relative(index) + "/",
        "pyodideVersion": version,
        "pythonVersion": python,
        "sitePackages": f"/lib/python{'.'.join(python.split('.')[:2])}/site-packages",
        "worker": relative(worker),
        "wheel": relative(wheel),
        # The trimmed standard library (sitebuild.stdlib), for loadPyodide's stdLibURL.
        "stdlib": relative(stdlib),
        "stallMs": STALL_MS,
        "steps": list(STEPS),
        # loadPyodide's lockFileContents: the lock's info, and no packages to load.
        "lock": {"info": lock_info(folder), "packages": {}},
        # Sizes as the files are on disk (the browser counts bytes after any decompression, so
        # the checks add up to these), and as each Content-Encoding the build made a copy for.
        "downloads": {relative(path): {**file_facts(path), **(encoded(path) if encoded else {})} for path in downloads},
    }
    (checker_dir / CONFIG).write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")
    return config


def runtime_paths(site: Path) -> list[PurePosixPath]:
    """The files config.json names (the downloads and the worker), relative to the site's root."""
    config = json.loads((site / CHECKER / CONFIG).read_text(encoding="utf-8"))
    return sorted(CHECKER / name for name in [*config["downloads"], config["worker"]])
