"""Command line: `python -m decision questions | plan FILE | rules --markdown`.

Errors a user can cause (a missing file, bad JSON, answers that do not fit) print one plain
line to stderr and exit with status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys

from . import plan, questions, rules_markdown
from .errors import InvalidAnswers
from .rules import DEFAULT_ROW, ORDERED


def _read(path: str) -> str:
    if path == "-":
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
        print(json.dumps(questions(), indent=2, ensure_ascii=False))
    elif args.command == "rules":
        print(rules_markdown() if args.markdown else json.dumps(_rules_json(), indent=2), end="" if args.markdown else "\n")
    else:
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
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
