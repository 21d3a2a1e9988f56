"""The MkDocs plugin `relaxer-checker`: the checker's build steps inside every MkDocs build.

Listed under `plugins:` in mkdocs.yml (the entry point is in pyproject.toml), so `mkdocs
build`, `mkdocs gh-deploy` and `mkdocs serve` all give the complete site: pages, section
manifest, decision wheel, Pyodide runtime, config.json, the security policy and the
offline service worker. Its options (sitebuild.options) are documented in the README.

The section manifest comes from the pages as MkDocs wrote them, so other plugins that change
pages or URLs (mkdocs-static-i18n, Material's offline plugin) are followed. A heading the
checker cannot use stops the build with the file and line, and no traceback: the plugin gives
sitebuild.markdown_ext a list to collect its errors in, and raises them as a PluginError once the
page is rendered; a mistake in decision's tables stops it sooner, at on_config, at its line in
decision/ (sitebuild.author_errors).

Under `mkdocs serve` it also watches decision/, sitebuild/ and the theme overrides, and
forgets the project's imported modules before each rebuild, so an edited rule, question or
build step shows on the next reload without restarting the server. There it writes no
precompressed copies and no offline cache, and the page policy is left out (live reload's
script is inline).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from sitebuild.options import CheckerConfig

log = logging.getLogger("mkdocs.plugins.relaxer-checker")
PROJECT_PACKAGES = ("decision", "sitebuild")
EXTENSION = "sitebuild.markdown_ext"


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


class CheckerPlugin(BasePlugin[CheckerConfig]):
    def __init__(self) -> None:
        self.command = "build"
        self.dirty = False
        # dest_uri -> (src_uri, the Markdown file) of every page written, to name the file and
        # line of an error in the manifest, which is read from the written pages.
        self.sources: dict[str, tuple[str, Path | None]] = {}
        self.errors: list = []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Having on_startup also keeps this object across `mkdocs serve` rebuilds.
        self.command = command
        self.dirty = dirty

    def repo(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            log.warning("relaxer-checker: enabled: false, so the checker's files are not built "
                        "(the start page's form cannot show a plan)")
        elif self.command == "serve":
            forget_project_modules()
            repo = self.repo(config)
            folders = [repo / package for package in PROJECT_PACKAGES]
            if config.theme.custom_dir:
                folders.append(Path(config.theme.custom_dir))
            for folder in folders:
                if folder.is_dir() and str(folder) not in config.watch:
                    config.watch.append(str(folder))
        from sitebuild.author_errors import SectionError, load_decision
        from sitebuild.markdown_ext import SectionsExtension

        # decision's tables check themselves when it loads: a mistake in them stops the build
        # here, named at its line in decision/, before any page (which would only be blamed).
        try:
            load_decision()
        except SectionError as error:
            raise PluginError(str(error)) from None
        # The plugin's own instance of the Markdown extension, collecting its errors.
        extensions = config.markdown_extensions
        if EXTENSION in extensions:
            extensions[extensions.index(EXTENSION)] = SectionsExtension(
                errors=self.errors, **config.mdx_configs.get(EXTENSION, {}))
        return config

    def on_page_markdown(self, markdown: str, **kwargs: Any) -> str:
        self.errors.clear()
        return markdown

    def on_page_content(self, html: str, *, page: Any, **kwargs: Any) -> str:
        if self.errors:
            from sitebuild.author_errors import located

            source = self.source(page)
            lines = "\n".join(str(located(error, source)) for error in self.errors)
            self.errors.clear()
            raise PluginError(lines)
        return html

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Any) -> Any:
        """Every page's Markdown is rendered by now, and none is indexed for search yet: links
        that name a section or a page get its title here (sitebuild.section_links), so
        Material's search index holds "The pain may not come from the muscle" and "Talking to
        your doctor", not "not-a-muscle-problem" and "doctor.md". `fill` sets them again after
        the build, for builders without this step."""
        from sitebuild import manifest, section_links

        pages = [file.page for file in files.documentation_pages() if file.page is not None and file.page.content]
        sections: dict[str, str] = {}
        titles: dict[str, str] = {}
        for page in pages:
            for section in manifest.read_page(page.content)[1]:
                sections.setdefault(section["id"], section["title"])
            title = section_links.page_title(page.content)
            if title:
                titles[page.file.src_uri] = title
        for page in pages:
            page.content = section_links.set_titles(page.content, sections, titles)
        return env

    def source(self, page: Any) -> Path | None:
        """The page's Markdown file, relative to here when it can be (shorter messages)."""
        if not page.file.abs_src_path:
            return None
        path = Path(page.file.abs_src_path)
        try:
            return Path(os.path.relpath(path))
        except ValueError:
            return path

    def on_post_page(self, output: str, *, page: Any, config: MkDocsConfig) -> str:
        self.sources[page.file.dest_uri] = (page.file.src_uri, self.source(page))
        return output

    def on_post_build(self, *, config: MkDocsConfig, **kwargs: Any) -> None:
        if not self.config.enabled:
            return
        from sitebuild import assemble

        serving = self.command == "serve"
        try:
            result = assemble.assemble(Path(config.site_dir), self.repo(config), Path(config.docs_dir), self.config,
                                       serving, self.sources)
        except (*assemble.ERRORS, assemble.CompileUnavailable) as error:
            raise PluginError(str(error)) from None
        for line in assemble.report(result, serving):
            log.info(line)
