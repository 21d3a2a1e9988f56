"""What the questions a reader has not answered could still change in their plan.

A reader in a hurry may ask for the plan after the warning signs ("Show my plan now"). The start
page then says, in one line, what the rest could add: a more urgent card (a fever is urgent;
with baclofen stopped all at once it is an emergency), more topics, or nothing. It is worked
out from the rule table, never guessed: a rule that does not match now counts when some answer
to its unanswered questions, with every answered one as it is, makes it match; a more urgent
rule raises the level, and more topics count only when the plan for those answers really shows
a section this one does not.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field

from .conditions import AllOf, AnyOf, AtMost, Chose, Condition, LeftOut, MoreThan, Named
from .conditions import leaves as leaves_of
from .engine import plan
from .kinds import KINDS
from .questions import BY_ID, GROUPS
from .rules import ORDERED, Rule
from .triage import LEVELS
from .validate import checked


@dataclass(frozen=True)
class Remaining:
    groups: tuple[str, ...]  # the question groups whose answers could add to the plan, in order
    more_urgent: bool  # an answer there could make the advice more urgent
    more_topics: bool  # an answer there could pick out topics this plan does not show
    text: str  # one line for the start page, under the plan ("" when every question is answered)
    # The questions whose answers could add to the plan, in display order: the line names them.
    questions: tuple[str, ...] = ()
    # Answers that would do it: {"urgent": {...}, "topics": {...}}, for the tests and the curious.
    examples: dict = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict:
        return {"groups": list(self.groups), "more_urgent": self.more_urgent,
                "more_topics": self.more_topics, "text": self.text, "questions": list(self.questions)}



def _question_of(leaf: Condition) -> str:
    """The question a leaf condition is about (every kind but AllOf, AnyOf and Named has one)."""
    return vars(leaf)["question"]


def _possible(condition: Condition, answers: dict) -> bool:
    """False when `condition` cannot match, whatever the unanswered questions get (it may still
    be True for a mix no answer gives: _completions finds out)."""
    if isinstance(condition, AllOf):
        return all(_possible(part, answers) for part in condition.parts)
    if isinstance(condition, AnyOf):
        return any(_possible(part, answers) for part in condition.parts)
    if isinstance(condition, Named):
        return _possible(condition.condition, answers)
    return _question_of(condition) not in answers or condition.matches(answers)


def _candidates(question_id: str, leaves: list[Condition]) -> list:
    """Answers to try for one question (None: left unanswered): enough to make any of the
    rule's conditions on it true or false (its kind picks the fewest)."""
    question = BY_ID[question_id]
    named = [set(leaf.options) for leaf in leaves if isinstance(leaf, (Chose, LeftOut))]
    limits = {leaf.limit for leaf in leaves if isinstance(leaf, (MoreThan, AtMost))}
    return [None, *KINDS[question.kind].tries(question, named, limits)]


def _completions(rule: Rule, answers: dict):
    """Answers to the rule's unanswered questions that make it match, as dicts (maybe none)."""
    leaves = list(leaves_of(rule.when))
    open_ids = list(dict.fromkeys(q for q in (_question_of(leaf) for leaf in leaves) if q not in answers))
    if not open_ids or not _possible(rule.when, answers):
        return
    options = [_candidates(qid, [leaf for leaf in leaves if _question_of(leaf) == qid]) for qid in open_ids]
    for values in itertools.product(*options):
        # A copy of each list: the answers found are kept as examples.
        added = {qid: list(value) if isinstance(value, list) else value
                 for qid, value in zip(open_ids, values) if value is not None}
        if added and rule.when.matches({**answers, **added}):
            yield added


def _named(question_ids) -> str:
    """The questions by their prompts, in display order: '"A?", "B?" and "C?"'."""
    prompts = [f'"{question.prompt}"' for question in BY_ID.values() if question.id in question_ids]
    return ", ".join(prompts[:-1]) + (" and " if len(prompts) > 1 else "") + prompts[-1]


def _sentence(more_urgent: bool, more_topics: bool, question_ids=()) -> str:
    which = f" These are {_named(question_ids)}." if question_ids else ""
    if more_urgent and more_topics:
        return ("Some questions you have not answered could make this advice more urgent, and pick "
                "out more topics for you." + which)
    if more_urgent:
        return "Some questions you have not answered could make this advice more urgent." + which
    if more_topics:
        return ("Some questions you have not answered could pick out more topics for you. They "
                "would not make this advice more urgent." + which)
    return "The questions you have not answered would not change this advice or your topics."


def remaining(answers: object) -> Remaining:
    """What answering the rest could add to the plan of `answers` (InvalidAnswers as plan)."""
    clean, _ = checked(answers)
    if all(question_id in clean for question_id in BY_ID):
        return Remaining((), False, False, "")
    current = plan(clean)
    level = LEVELS.index(current.triage)
    shown = {item.id for item in current.show}
    urgent_questions: set[str] = set()
    topic_questions: set[str] = set()
    examples: dict[str, dict] = {}
    tried: dict[str, bool] = {}  # answers added (as JSON) -> their plan shows a new topic

    def new_topic(added: dict) -> bool:
        key = json.dumps(added, sort_keys=True)
        if key not in tried:
            tried[key] = bool({s.id for s in plan({**clean, **added}).show} - shown)
        return tried[key]

    for rule in ORDERED:
        if rule.when.matches(clean):
            continue
        raises = bool(rule.triage) and LEVELS.index(rule.triage) > level
        adds = any(section not in shown for section in rule.shows)
        if not (raises or adds):
            continue
        for added in _completions(rule, clean):
            asked = set(added)
            if raises:
                urgent_questions |= asked
                examples.setdefault("urgent", added)
            # More topics only if the plan for these answers really shows one this plan lacks
            # (an urgent plan keeps self-care topics back, whatever rule names them).
            if adds and not asked <= topic_questions and new_topic(added):
                topic_questions |= asked
                examples.setdefault("topics", added)
            if (not raises or asked <= urgent_questions) and (not adds or asked <= topic_questions):
                break
    questions = urgent_questions | topic_questions
    groups = {BY_ID[question_id].group for question_id in questions}
    in_order = tuple(group for group, _ in GROUPS if group in groups)
    named = tuple(question_id for question_id in BY_ID if question_id in questions)
    return Remaining(in_order, bool(urgent_questions), bool(topic_questions),
                     _sentence(bool(urgent_questions), bool(topic_questions), named),
                     questions=named, examples=examples)
