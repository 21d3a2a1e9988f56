"""The mistakes an author can make, each told as one plain line: the file and line to fix, what
is wrong, and what to do.

MkDocs prints a PluginError's message without a traceback, so every step raises a BuildError
(below) and the plugin hands its message over as one. A line is found by what the error names:
a page's heading by its section id or text (`source_line`), a name in decision/ where it is
written (`decision_line`), and an error raised while decision loads (its tables check
themselves at import) at the rule, card or line it is about (`decision_failure`).
"""

from __future__ import annotations

import importlib.util
import re
import traceback
from pathlib import Path


class BuildError(ValueError):
    """A build error an author can fix; its message is one line a fault, led by the place."""


class SectionError(BuildError):
    """A section heading the checker cannot rely on (no id, bad id, duplicate id), or a line of a
    page or of decision/ that the build cannot use.

    `section_id`, or `line_text` (text the faulty line holds: "## Title", "[[name]]"), says
    where, so that a builder that knows the page's file can name its line (`located`); `where`
    is the place when it is already known (an error in decision/, not in the page)."""

    def __init__(self, message: str, section_id: str | None = None, line_text: str | None = None,
                 where: str | None = None):
        super().__init__(f"{where}: {message}" if where else message)
        self.section_id = section_id
        self.line_text = line_text
        self.where = where


def _letters(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def shown(path: Path) -> str:
    """A path relative to here when it is below here (shorter messages), else as it is."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def source_line(path: Path | None, section_id: str | None = None, line_text: str | None = None) -> str:
    """"docs/doctor.md:12": the line that sets {#section_id}, or else the first that holds
    `line_text` ("## Title": a heading of that level with that text); the file alone if none."""
    if path is None:
        return "(unknown file)"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return str(path)
    pattern = re.compile(r"\{[^}]*#" + re.escape(section_id) + r"(?=[\s}])") if section_id else None
    marker, _, text = (line_text or "").partition(" ")
    heading = marker if marker and set(marker) == {"#"} else ""
    wanted = _letters(text if heading else line_text or "")
    for number, line in enumerate(lines, 1):
        if pattern is not None and pattern.search(line):
            return f"{path}:{number}"
        if pattern is None and wanted and (not heading or line.startswith(heading + " ")) \
                and wanted in _letters(re.sub(r"\{[^}]*\}", "", line)):
            return f"{path}:{number}"
    return str(path)


def located(error: SectionError, path: Path | None) -> SectionError:
    """The same error, its message led by the file and line of the page it is about (an error
    that already names its place is left as it is)."""
    if error.where:
        return error
    where = source_line(path, error.section_id, error.line_text)
    return SectionError(str(error), error.section_id, error.line_text, where)


def quoted_line(path: Path, name: str) -> int | None:
    """The number of the first line of `path` that writes `name` in quotes."""
    needle = re.compile(r"""["']""" + re.escape(name) + r"""["']""")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle.search(line):
            return number
    return None


def decision_package() -> Path | None:
    """decision's folder, found without running it (it may be what failed)."""
    spec = importlib.util.find_spec("decision")
    return Path(spec.origin).parent if spec and spec.origin else None


def decision_line(package: Path, name: str, pattern: str = "*.py") -> str:
    """decision/FILE.py:LINE where `name` is written in quotes, for an error message."""
    for path in sorted(package.glob(pattern)):
        number = quoted_line(path, name)
        if number:
            return f"{shown(path)}:{number}"
    return shown(package)


# What decision's load-time checks name first ('Rule "poor-sleep" names the section ...'), and
# the file the named thing is declared in.
SUBJECTS = {"Rule": "rules.py", "Card": "cards.py"}
SUBJECT = re.compile(r'^(Rule|Card) "([^"]+)"')
QUOTED = re.compile(r'"([^"]+)"')
DECLARED = re.compile(r"^\s*(?:[A-Z]\w*\()?\s*(?:id=)?(['\"])(?P<name>[^'\"]+)\1")
STARTS = re.compile(r"^\s*(Rule|Card|Section)\(")
# The fix when decision's load-time checks find a name that does not exist, by what it names.
FIXES = {
    "section": "Use a section id from decision/sections.py, or add the section there and its heading to a page in docs/.",
    "card": "Use a card id from decision/cards.py.",
    "question": "Use a question id from decision/questions.py.",
}
MISSING = re.compile(r'the (section|card|question) "[^"]+", which does not exist')
LOAD_FIX = 'Fix that line (python -c "import decision" shows the same error with its traceback).'


def _rule_error_place(package: Path, message: str) -> str:
    """decision/FILE.py:LINE of the rule or card a load-time check names, at the line that
    writes the second name it quotes (the section, the card) when that line is in it."""
    subject = SUBJECT.match(message)
    names = QUOTED.findall(message)
    if subject is None:
        # A check that names its file ("... in warning_signs.py") is about a line there.
        named = [name for name in re.findall(r"\b(\w+\.py)\b", message) if (package / name).is_file()]
        return decision_line(package, names[0], named[0] if named else "*.py") if names else shown(package)
    path = package / SUBJECTS[subject.group(1)]
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next((n for n, line in enumerate(lines) if (m := DECLARED.match(line)) and m["name"] == subject.group(2)), None)
    if start is None:
        return shown(path)
    for offset, line in enumerate(lines[start + 1:], start + 1):
        if STARTS.match(line):
            break
        if any(f'"{name}"' in line for name in names[1:]):
            return f"{shown(path)}:{offset + 1}"
    # Not written in the rule or card itself (a card's shared lines): where it is written.
    elsewhere = quoted_line(path, names[1]) if len(names) > 1 else None
    return f"{shown(path)}:{elsewhere or start + 1}"


def decision_failure(error: BaseException) -> SectionError:
    """An error raised while decision loads, as one line: where in decision/ and what to do."""
    package = decision_package() or Path("decision")
    message = " ".join(str(error).split())
    if type(error).__name__ == "RuleError":
        missing = MISSING.search(message)
        fix = FIXES[missing.group(1)] if missing else ""
        return SectionError(f"{message} {fix}".strip(), where=_rule_error_place(package, message))
    if isinstance(error, SyntaxError) and error.filename:
        return SectionError(f"{type(error).__name__}: {error.msg}. {LOAD_FIX}",
                            where=f"{shown(Path(error.filename))}:{error.lineno}")
    frames = [frame for frame in traceback.extract_tb(error.__traceback__)
              if Path(frame.filename).resolve().is_relative_to(package.resolve())]
    where = f"{shown(Path(frames[-1].filename))}:{frames[-1].lineno}" if frames else shown(package)
    return SectionError(f"{type(error).__name__}: {message}. {LOAD_FIX}", where=where)


def load_decision() -> None:
    """Imports decision and the checker's HTML made from it, so an error in decision's tables
    stops the build before any page, as one line (a SectionError)."""
    try:
        import decision  # noqa: F401
        from sitebuild import checker_html  # noqa: F401
    except Exception as error:
        raise decision_failure(error) from None
