"""Same source, same bytes: the runtime files a returning reader already has stay the same.

The wheel and the standard library zip hold no build time (zip dates, .pyc headers), so a build
after a change elsewhere (a page, one line of decision/) leaves every other file byte for byte
as it was, and the offline copy and the HTTP cache keep it (sitebuild/wheel.py).
"""

from __future__ import annotations

import json
import struct
import zipfile

from support.project import REPO

from sitebuild import runtime_files, wheel


def shipped_archives(site_dir):
    config = json.loads((site_dir / "assets/checker/config.json").read_text())
    return [site_dir / "assets/checker" / config[key] for key in ("wheel", "stdlib")]


def test_no_build_time_inside_the_wheel_or_the_standard_library(site_dir):
    for archive in shipped_archives(site_dir):
        with zipfile.ZipFile(archive) as opened:
            infos = opened.infolist()
            assert infos and {info.date_time for info in infos} == {wheel.ZIP_DATE}, archive.name
            for info in infos:
                if info.filename.endswith(".pyc"):
                    # PEP 552: flags bit 0 set means the header holds a hash of the source, not a time.
                    (flags,) = struct.unpack("<I", opened.read(info)[4:8])
                    assert flags & 1, f"{archive.name}: {info.filename} holds a timestamp"


def test_the_same_sources_give_the_same_wheel(tmp_path):
    python = runtime_files.runtime_versions(runtime_files.runtime_dir(REPO))[1]
    compiler = wheel.pyodide_compiler(REPO, python)
    first = wheel.build_wheel(REPO, python, compiler, tmp_path / "one")
    again = wheel.build_wheel(REPO, python, compiler, tmp_path / "two")
    assert first.name == again.name and first.read_bytes() == again.read_bytes()
