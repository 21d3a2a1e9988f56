"""The GitHub Pages workflow: what it installs, builds and publishes.

It cannot run here (it needs GitHub's runners), so this reads it as GitHub would and checks
what a broken deploy would come from: a missing permission, a build that is not the README's,
or an upload of the wrong folder.
"""

from __future__ import annotations

import json
import re

import yaml
from support.project import REPO

WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"


def load() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(job: dict) -> list[dict]:
    return job["steps"]


def uses(job: dict) -> list[str]:
    return [step["uses"].split("@")[0] for step in steps(job) if "uses" in step]


def test_deploys_with_the_official_pages_actions():
    workflow = load()
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as the trigger.
    trigger = workflow.get("on", workflow.get(True))
    assert "main" in trigger["push"]["branches"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert uses(build)[:1] == ["actions/checkout"]
    assert {"actions/configure-pages", "actions/upload-pages-artifact"} <= set(uses(build))
    assert uses(deploy) == ["actions/deploy-pages"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"


def runtime_minor() -> str:
    lock = json.loads((REPO / "node_modules/pyodide/pyodide-lock.json").read_text(encoding="utf-8"))
    return ".".join(lock["info"]["python"].split(".")[:2])


def test_builds_the_readme_way_and_uploads_the_built_site():
    build = load()["jobs"]["build"]
    commands = "\n".join(step.get("run", "") for step in steps(build))
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    compiler = (f"python{runtime_minor()} -m venv .venv-pyodide && .venv-pyodide/bin/pip install "
                "--require-hashes -r scripts/pyodide-build-requirements.txt")
    for line in ("pip install --require-hashes -r requirements.txt",
                 "pip install --no-deps --no-build-isolation -e .", "npm ci", compiler, "mkdocs build"):
        assert line in commands, line
        assert line in readme, line
    site_dir = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))["site_dir"]
    [upload] = [step for step in steps(build) if step.get("uses", "").startswith("actions/upload-pages-artifact")]
    assert upload["with"]["path"] == site_dir
    # The 404 page's absolute links come from the Pages address.
    [built] = [step for step in steps(build) if "mkdocs build" in step.get("run", "")]
    assert "steps.pages.outputs.base_url" in built["env"]["SITE_URL"]


def test_sets_up_the_runtimes_python_so_the_deploy_is_the_tested_flavour():
    """mkdocs.yml says compile: true; without the runtime's Python the build would stop, so the
    workflow installs it, as scripts/setup finds it here."""
    build = load()["jobs"]["build"]
    versions = [str(step["with"]["python-version"]) for step in steps(build)
                if step.get("uses", "").startswith("actions/setup-python")]
    assert runtime_minor() in versions
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"- relaxer-checker:\n(\s+\w+: .*\n)*\s+compile: true\n", config)


def test_precompress_is_off_for_pages_which_never_sends_the_copies():
    """The one setting that differs from scripts/build, for the host: GitHub Pages serves files
    as they are, so the deflated library (1,140 KiB) beats the stored one (2,720 KiB raw)."""
    [built] = [step for step in steps(load()["jobs"]["build"]) if "mkdocs build" in step.get("run", "")]
    assert built["env"]["CHECKER_PRECOMPRESS"] == "false"
    assert "precompress: !ENV [CHECKER_PRECOMPRESS, true]" in (REPO / "mkdocs.yml").read_text(encoding="utf-8")
