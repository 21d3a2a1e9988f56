"""The relaxer-checker plugin's options, declared once (README, "The plugin's options").

The MkDocs plugin gets them from mkdocs.yml as Material's plugins get theirs (BasePlugin's
config); `python -m sitebuild SITE_DIR` reads the same block of the same file through MkDocs
(so !ENV values and defaults agree), and both hand this one class to the build.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

PLUGIN = "relaxer-checker"


class CheckerConfig(Config):
    """The plugin's options, as Material declares its plugins' (material/plugins/*/config.py)."""

    # Off: no checker files at all (the pages still build; the start page's form cannot plan).
    enabled = opt.Type(bool, default=True)
    # Compile the wheel and the standard library for the runtime's Python (.venv-pyodide). A
    # build that cannot compile stops and says how to set it up; false ships .py files.
    compile = opt.Type(bool, default=True)
    # NAME.br and NAME.gz beside the files, and the standard library's zip members stored so
    # brotli can shrink them. False for a host that sends files only as they are.
    precompress = opt.Type(bool, default=True)
    # site/sw.js keeps the site for offline visits. False writes a worker that clears what an
    # earlier build kept and unregisters.
    offline = opt.Type(bool, default=True)


def defaults() -> CheckerConfig:
    config = CheckerConfig()
    config.load_dict({})
    config.validate()
    return config


def read(config_file: Path) -> CheckerConfig:
    """The options as `config_file` (mkdocs.yml) sets them; the defaults without the file or the plugin."""
    if not config_file.is_file():
        return defaults()
    from mkdocs.config import load_config

    plugin = load_config(str(config_file)).plugins.get(PLUGIN)
    return defaults() if plugin is None else plugin.config
