"""The MkDocs plugin `relaxer-checker`: the checker's build steps inside every MkDocs build.

Listed under `plugins:` in mkdocs.yml (the entry point is in pyproject.toml), so `mkdocs
build`, `mkdocs gh-deploy` and `mkdocs serve` all give the complete site: pages, section
manifest, decision wheel, Pyodide runtime, config.json, the security policy and the
offline service worker.

Under `mkdocs serve` it also watches decision/, sitebuild/ and the theme overrides, and
forgets the project's imported modules before each rebuild, so an edited rule, question or
build step shows on the next reload without restarting the server. The wheel is cached by its
sources (sitebuild.wheel), so a reload that changed only a page does not rebuild it.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

log = logging.getLogger("mkdocs.plugins.relaxer-checker")
PROJECT_PACKAGES = ("decision", "sitebuild")


def forget_project_modules() -> list[str]:
    """Drops decision and sitebuild's modules (this one aside) so the next import reads the
    files again: MkDocs imports Markdown extensions by name, which Python caches."""
    names = [
        name for name in sys.modules
        if name != __name__ and any(name == pkg or name.startswith(pkg + ".") for pkg in PROJECT_PACKAGES)
    ]
    for name in names:
        del sys.modules[name]
    return names


class CheckerPlugin(BasePlugin):  # no options
    def __init__(self) -> None:
        self.command = "build"

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Having on_startup also keeps this object across `mkdocs serve` rebuilds.
        self.command = command

    def repo(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.command == "serve":
            forget_project_modules()
            repo = self.repo(config)
            folders = [repo / package for package in PROJECT_PACKAGES]
            if config.theme.custom_dir:
                folders.append(Path(config.theme.custom_dir))
            for folder in folders:
                if folder.is_dir() and str(folder) not in config.watch:
                    config.watch.append(str(folder))
        return config

    def on_post_build(self, *, config: MkDocsConfig, **kwargs: Any) -> None:
        from sitebuild import assemble, csp, manifest, precompress, runtime, stdlib, wheel

        try:
            result = assemble.assemble(
                Path(config.site_dir), self.repo(config), Path(config.docs_dir),
                # mkdocs serve injects an inline live-reload script that a page policy blocks.
                csp_meta=self.command != "serve",
                offline_cache=self.command != "serve",
            )
        except (manifest.SectionError, wheel.WheelError, runtime.RuntimeMissing, stdlib.StdlibError,
                csp.CSPError) as error:
            raise PluginError(str(error)) from None
        steps = ", ".join(f"{name} {seconds * 1000:.0f} ms" for name, seconds in result.seconds.items())
        log.info(f"Checker: {result.sections} sections, {result.wheel}, Pyodide {result.pyodide} ({steps})")
        log.info(f"Standard library: {result.stdlib}")
        if result.offline:
            log.info(f"Offline: sw.js keeps {result.offline} files when it installs")
        log.info(f"Precompressed {precompress.report(result.compressed, top=0)}")
