"""Command line: `python -m decision questions | plan FILE | rules --markdown`.

Errors a user can cause (a missing file, bad JSON, answers that do not fit, a closed standard
input, an output that cannot be written) print one plain line to stderr and exit with status 2,
never a traceback; with stderr closed they print nothing (stdout holds only the JSON) and keep
the status. A value quoted in a message has its control characters escaped, so an answer or a
file name cannot move the terminal's cursor or recolour it. A reader that closes the pipe early
(`| head`) ends the command quietly.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
from typing import NoReturn

from . import plan, questions, rules_markdown
from .errors import InvalidAnswers
from .rules import DEFAULT_ROW, ORDERED


def _escaped(value: object) -> str:
    """`value` as text, each control or format character (ESC, a bidi override) as \\xNN or \\uNNNN."""
    return "".join(
        char.encode("unicode_escape").decode("ascii") if unicodedata.category(char) in ("Cc", "Cf") else char
        for char in str(value)
    )


def _fail(message: str) -> int:
    """Writes `message` to stderr only (nowhere when stderr is closed); the exit status is 2."""
    if sys.stderr is not None:  # started with standard error closed (`2>&-`)
        try:
            sys.stderr.write(message + "\n")
            sys.stderr.flush()
        except OSError:  # a closed pipe or a full disk: the status still says it failed
            pass
    return 2


class _Parser(argparse.ArgumentParser):
    """argparse, with its usage errors on stderr only (it prints them to stdout when stderr is closed)."""

    def error(self, message: str) -> NoReturn:
        _fail(f"{self.format_usage()}{self.prog}: error: {message}".rstrip("\n"))
        sys.exit(2)


def _read(path: str) -> str:
    if path == "-":
        if sys.stdin is None:  # started with standard input closed (`<&-`)
            raise OSError("standard input is closed")
        return sys.stdin.read()
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def _rules_json() -> list[dict]:
    rows = [
        {
            "id": rule.id,
            "when": rule.when.describe(),
            "shows": list(rule.shows),
            "triage": rule.triage,
            "priority": rule.priority,
            "why": rule.why,
        }
        for rule in ORDERED
    ]
    rule_id, when, _, triage, why = DEFAULT_ROW
    rows.append({"id": rule_id, "when": when, "shows": [], "triage": triage, "priority": None, "why": why})
    return rows


def _emit(text: str) -> int:
    """Writes the output; a full disk is one line, a pipe closed by its reader is no error."""
    if sys.stdout is None:  # started with standard output closed (`>&-`)
        return _fail("error: cannot write the output: standard output is closed")
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would complain again when it flushes at exit: point stdout at nothing first.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:
        return _fail(f"error: cannot write the output: {_escaped(error.strerror or error)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="python -m decision", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("questions", help="print the questions as JSON")
    plan_parser = commands.add_parser("plan", help="print the plan for an answers JSON file")
    plan_parser.add_argument("file", help="the answers as a JSON object; - reads stdin")
    rules_parser = commands.add_parser("rules", help="print the rule table (JSON by default)")
    rules_parser.add_argument("--markdown", action="store_true", help="as the site's Markdown table")
    args = parser.parse_args(argv)

    if args.command == "questions":
        return _emit(json.dumps(questions(), indent=2, ensure_ascii=False) + "\n")
    if args.command == "rules":
        return _emit(rules_markdown() if args.markdown else json.dumps(_rules_json(), indent=2) + "\n")
    try:
        text = _read(args.file)
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or error
        return _fail(f"error: cannot read {_escaped(args.file)}: {_escaped(reason)}")
    try:
        answers = json.loads(text)
    except (ValueError, RecursionError) as error:
        return _fail(f"error: {_escaped(args.file)} is not valid JSON ({_escaped(error)}).")
    try:
        result = plan(answers)
    except InvalidAnswers as error:
        where = f"{_escaped(error.field)}: " if error.field else ""
        return _fail(
            f"error: {where}{_escaped(error.message)}\n"
            "The questions, their ids and their options: python -m decision questions"
        )
    return _emit(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    sys.exit(main())
