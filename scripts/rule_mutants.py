"""Mutation testing of the rule table, which mutmut cannot reach (it mutates function bodies,
not module-level data).

Each mutant changes one thing a clinician would care about: a rule dropped, its triage level
changed, one of the sections it shows dropped, the rule moved to the end of "Your topics", or a
number limit moved by one. The decision tests run once per mutant (in a fresh process, stopping
at the first failure); a mutant the tests do not notice "survives" and is listed.

    python scripts/rule_mutants.py            # every mutant; prints each survivor and the score
    python scripts/rule_mutants.py --list     # the mutants only

The mutant numbered in RULE_MUTANT is applied by `rule_mutants_site/sitecustomize.py` right
after `decision.rules` is imported, in the test process and in every `python -m decision` the
CLI tests start, so all of them see the same one.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The tests of the decision package that need nothing built (the Pyodide one needs site/), the
# rule pins first: with -x, most mutants are then killed in a second or two.
FIRST = ["tests/test_decision_rule_table.py", "tests/test_decision_plan.py"]
TESTS = FIRST + sorted(
    str(path.relative_to(REPO))
    for path in (REPO / "tests").glob("test_decision_*.py")
    if path.name != "test_decision_pyodide.py" and str(path.relative_to(REPO)) not in FIRST
)


@dataclasses.dataclass(frozen=True)
class Mutant:
    description: str
    # Takes the rule tuple, returns the mutated one.
    apply: object


def _with_limit(condition, old, new):
    """The condition tree with one MoreThan/AtMost limit `old` (by identity) set to `new`."""
    from decision.conditions import AllOf, AnyOf

    if condition is old:
        return dataclasses.replace(condition, limit=new)
    if isinstance(condition, (AllOf, AnyOf)):
        return dataclasses.replace(condition, parts=tuple(_with_limit(p, old, new) for p in condition.parts))
    return condition


def _limits(condition):
    from decision.conditions import AllOf, AnyOf, MoreThan

    if isinstance(condition, MoreThan):
        yield condition
    elif isinstance(condition, (AllOf, AnyOf)):
        for part in condition.parts:
            yield from _limits(part)


def _replace_at(rules, index, rule):
    return rules[:index] + ((rule,) if rule is not None else ()) + rules[index + 1:]


def mutants() -> list[Mutant]:
    from decision.rules import RULES
    from decision.triage import LEVELS

    found: list[Mutant] = []
    last = max(rule.priority for rule in RULES)
    for index, rule in enumerate(RULES):
        def add(description, new_rule, index=index, rule=rule):
            found.append(Mutant(f"{rule.id}: {description}",
                                lambda rules, i=index, r=new_rule: _replace_at(rules, i, r)))

        add("rule dropped", None)
        for level in (None, *LEVELS):
            if level != rule.triage:
                add(f"triage {rule.triage} -> {level}", dataclasses.replace(rule, triage=level))
        for section in rule.shows:
            if len(rule.shows) > 1:
                shows = tuple(s for s in rule.shows if s != section)
                add(f"does not show {section}", dataclasses.replace(rule, shows=shows))
        if len(rule.shows) > 1:
            add("shows its sections in reverse order",
                dataclasses.replace(rule, shows=tuple(reversed(rule.shows))))
        if rule.priority != last:
            add("moved to the end of Your topics", dataclasses.replace(rule, priority=last + 1))
        for limit in _limits(rule.when):
            for new in (limit.limit - 1, limit.limit + 1):
                add(f"{limit.question} limit {limit.limit} -> {new}",
                    dataclasses.replace(rule, when=_with_limit(rule.when, limit, new)))
    return found


def mutated(rules: tuple, number: int) -> tuple[tuple, tuple]:
    """RULES and ORDERED with mutant `number` applied (called by rule_mutants_site/sitecustomize.py)."""
    new_rules = mutants()[number].apply(rules)
    return new_rules, tuple(sorted(new_rules, key=lambda rule: rule.priority))


def run_tests(number: int | None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=f"{REPO / 'scripts' / 'rule_mutants_site'}{os.pathsep}{REPO}")
    env.pop("RULE_MUTANT", None)
    if number is not None:
        env["RULE_MUTANT"] = str(number)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *TESTS],
        cwd=REPO, env=env, capture_output=True, text=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    found = mutants()
    if args.list:
        for number, mutant in enumerate(found):
            print(f"{number:4d}  {mutant.description}")
        return 0
    clean = run_tests(None)
    if clean.returncode != 0:
        print("The decision tests fail without any mutant: fix them first.\n" + clean.stdout[-2000:])
        return 1
    started = time.monotonic()
    survivors = []
    for number, mutant in enumerate(found):
        killed = run_tests(number).returncode != 0
        print(f"{number + 1:4d}/{len(found)} {'killed ' if killed else 'SURVIVED'} {mutant.description}", flush=True)
        if not killed:
            survivors.append(mutant.description)
    killed = len(found) - len(survivors)
    print(f"\nRule-data mutants: {killed} of {len(found)} killed ({100 * killed / len(found):.1f}%) "
          f"in {time.monotonic() - started:.0f} s")
    for description in survivors:
        print(f"  survived: {description}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
