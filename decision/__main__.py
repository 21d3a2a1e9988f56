"""Command line: `python -m decision questions | plan FILE | rules --markdown`.

Errors a user can cause (a missing file, bad JSON, answers that do not fit, a closed standard
input, an output that cannot be written) print one plain line to stderr and exit with status 2,
never a traceback. A reader that closes the pipe early (`| head`) ends the command quietly.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from . import plan, questions, rules_markdown
from .errors import InvalidAnswers
from .rules import DEFAULT_ROW, ORDERED


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
        print("error: cannot write the output: standard output is closed", file=sys.stderr)
        return 2
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would complain again when it flushes at exit: point stdout at nothing first.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:
        print(f"error: cannot write the output: {error.strerror or error}", file=sys.stderr)
        return 2
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m decision", description=__doc__.splitlines()[0])
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
        print(f"error: cannot read {args.file}: {getattr(error, 'strerror', None) or error}", file=sys.stderr)
        return 2
    try:
        answers = json.loads(text)
    except (ValueError, RecursionError) as error:
        print(f"error: {args.file} is not valid JSON ({error}).", file=sys.stderr)
        return 2
    try:
        result = plan(answers)
    except InvalidAnswers as error:
        where = f"{error.field}: " if error.field else ""
        print(
            f"error: {where}{error.message}\n"
            "The questions, their ids and their options: python -m decision questions",
            file=sys.stderr,
        )
        return 2
    return _emit(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    sys.exit(main())
