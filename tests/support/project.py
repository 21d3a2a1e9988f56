"""The project as the tests see it: where it is, its built site, mkdocs.yml and its local facts."""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# RG_SITE: test a build in another folder (the default is the one scripts/test makes).
SITE = Path(os.environ.get("RG_SITE") or REPO / "site")
SUBPATH = "/relaxer-guide/"


def runtime_path(site: Path, name: str) -> str:
    """Where the site keeps the checker's file called `name` (pyodide.asm.wasm, python_stdlib.zip,
    checker-worker.js, or ".whl" for the wheel), relative to its root: each sits in a folder
    named by its hash, which config.json gives (sitebuild/runtime_files.py)."""
    config = json.loads((site / "assets/checker/config.json").read_text(encoding="utf-8"))
    [found] = [path for path in [*config["downloads"], config["worker"]]
               if path.endswith("/" + name) or (name == ".whl" and path.endswith(name))]
    return f"assets/checker/{found}"


@functools.cache
def static_server_module():
    """scripts/static_server.py (what scripts/serve runs), imported."""
    spec = importlib.util.spec_from_file_location("static_server", REPO / "scripts" / "static_server.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@functools.lru_cache(maxsize=1)
def mkdocs_config() -> dict:
    """mkdocs.yml as data. MkDocs' own tags (!ENV, !!python/name) read as None: the tests need
    the nav and the local facts, which use neither."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def local_facts() -> dict[str, str]:
    """The local facts the built site was made with (mkdocs.yml extra.local), checked."""
    from sitebuild.local_facts import check

    return check(mkdocs_config()["extra"]["local"])


SOURCES = ("docs", "decision", "sitebuild", "overrides", "mkdocs.yml")


def stale_site() -> str | None:
    """Which source is newer than the built site, if one is: the tests would read an old site/."""
    built = SITE / "index.html"
    if not built.is_file():
        return None
    newest = max(
        (path for name in SOURCES for path in ([REPO / name] if (REPO / name).is_file() else (REPO / name).rglob("*"))
         if path.is_file() and "__pycache__" not in path.parts),
        key=lambda path: path.stat().st_mtime, default=None,
    )
    if newest is None or newest.stat().st_mtime <= built.stat().st_mtime:
        return None
    return newest.relative_to(REPO).as_posix()


# Read once, before any test runs: some tests touch a source on purpose (mkdocs serve's reload).
