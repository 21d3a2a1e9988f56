"""The kinds of question, in one registry: each kind checks an answer, quotes it in a reason,
writes it in the summary for the doctor, samples its values for the tests' sweeps and exports
what the page's form needs.

Nothing else switches on a kind's name: the conditions ask for a kind's abilities (has options,
takes several, counts), the build renders by `control`, and the page reads answers by a table
keyed by these names (form.js `READERS`; tests/test_decision_kinds.py checks the keys agree).
A question of a kind not here stops decision at import, naming the question and the kinds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeGuard

from .errors import InvalidAnswers, RuleError
from .words import join_and, shown

if TYPE_CHECKING:
    from .questions import Question

# The value of the "none of these" option of a multi question; it cannot be mixed with others.
NONE = "none"


def _where(question: Question) -> str:
    # The prompt, not the id: a reader may see this. The id travels in InvalidAnswers.field.
    return f'The answer to "{question.prompt}"'


def _allowed(question: Question) -> str:
    return ", ".join(f'"{value}"' for value in question.option_values)


def _whole(value: object) -> TypeGuard[int | float]:
    # bool is an int in Python, but true/false is not a count of days; 30.0 is 30; NaN and
    # infinities are not whole (is_integer() is False for them).
    return (
        not isinstance(value, bool)
        and isinstance(value, (int, float))
        and not (isinstance(value, float) and not value.is_integer())
    )


def _representatives(question: Question, named: list[set[str]]) -> list[str]:
    """One option for each way the option sets in `named` can tell options apart (the others
    would only repeat a try), in display order."""
    by_way = {tuple(value in options for options in named): value for value in reversed(question.option_values)}
    return [value for value in question.option_values if value in by_way.values()]


class Kind:
    """What every kind answers; a kind overrides each of these."""

    name = ""
    control = ""  # the input the form gives it: "checkbox", "radio" or "number"
    has_options = False  # answered with the question's options, which rules may name
    several = False  # several options at once: the answer is a list
    counts = False  # a number, which rules compare with limits
    yes_no = False  # true or false
    lead = ""  # how the published question list introduces the choices

    def check(self, question: Question, value: object, notices: list[str]) -> Any:
        """The answer, checked and in its one normal form (InvalidAnswers when it does not fit)."""
        raise NotImplementedError

    def quote(self, question: Question, value: Any) -> str:
        """What the reader said, as words that follow "you said" in a reason."""
        raise NotImplementedError

    def summary(self, question: Question, value: Any) -> str:
        """The answer as the summary for the doctor writes it, after the question's label."""
        raise NotImplementedError

    def samples(self, question: Question, limits: tuple[int, ...] = ()) -> list:
        """Valid answers worth trying in a sweep: every option on its own and together, the edges
        of a number and each side of the rules' `limits`, each unit once."""
        raise NotImplementedError

    def tries(self, question: Question, named: list[set[str]], limits: set[int]) -> list:
        """The fewest answers that tell apart what the rules can: `named` are the option sets
        and `limits` the numbers the rules' conditions on this question use."""
        raise NotImplementedError

    def draw(self, question: Question, rng: Any, limits: tuple[int, ...] = ()) -> Any:
        """A random valid answer, from `rng` (random.Random: the sampler passes one)."""
        raise NotImplementedError

    def export(self, question: Question) -> dict:
        """What the page's form needs beyond the id, group, prompt, help and kind."""
        raise NotImplementedError

    def choices(self, question: dict) -> list[tuple[str, str]]:
        """(value, label) of each input the form gives, from questions()'s dict; none for a number."""
        return [(option["value"], option["label"]) for option in question.get("options", [])]


class Single(Kind):
    name, control, has_options = "single", "radio", True
    lead = "One of these, or none (leave it empty):"

    def check(self, question: Question, value: object, notices: list[str]) -> Any:
        if not isinstance(value, str) or value not in question.option_values:
            raise InvalidAnswers(
                f"{_where(question)} must be one of {_allowed(question)}, not {shown(value)}.",
                question.id,
            )
        return value

    def quote(self, question: Question, value: Any) -> str:
        return question.said.format(question.option(value).said)

    def summary(self, question: Question, value: Any) -> str:
        return question.option(value).summary_text()

    def samples(self, question: Question, limits: tuple[int, ...] = ()) -> list:
        return list(question.option_values)

    def tries(self, question: Question, named: list[set[str]], limits: set[int]) -> list:
        return _representatives(question, named)

    def draw(self, question: Question, rng: Any, limits: tuple[int, ...] = ()) -> Any:
        return rng.choice(question.option_values)

    def export(self, question: Question) -> dict:
        return {"options": [
            {"value": o.value, "label": o.label, **({"level": o.level} if o.level else {})}
            for o in question.options
        ]}


class Multi(Single):
    name, control, several = "multi", "checkbox", True
    lead = "Any of these, or none:"

    def check(self, question: Question, value: object, notices: list[str]) -> Any:
        if not isinstance(value, list):
            raise InvalidAnswers(
                f"{_where(question)} must be a list of choices from {_allowed(question)}, "
                f"not {shown(value)}.",
                question.id,
            )
        seen: list[str] = []
        for item in value:
            if not isinstance(item, str) or item not in question.option_values:
                raise InvalidAnswers(
                    f"{_where(question)} has {shown(item)}, which is not a choice; the choices are "
                    f"{_allowed(question)}.",
                    question.id,
                )
            if item in seen:
                raise InvalidAnswers(
                    f'{_where(question)} lists "{item}" more than once; list each choice once.',
                    question.id,
                )
            seen.append(item)
        if NONE in seen and len(seen) > 1:
            # "None of these" beside a choice is a slip, and the choice is the safe reading of it:
            # a warning sign ticked with "None of these" must still count.
            seen.remove(NONE)
            notices.append(
                f'For "{question.prompt}" you picked "{question.option(NONE).label}" and other '
                f'answers too. The other answers count, not "{question.option(NONE).label}".'
            )
        # Display order, so the same choices always give the same plan, summary and share link.
        return [v for v in question.option_values if v in seen]

    def quote(self, question: Question, value: Any) -> str:
        return question.said.format(join_and([question.option(v).said for v in value]))

    def summary(self, question: Question, value: Any) -> str:
        return "; ".join(question.option(v).summary_text() for v in value)

    def samples(self, question: Question, limits: tuple[int, ...] = ()) -> list:
        choices = [value for value in question.option_values if value != NONE]
        return [[value] for value in question.option_values] + ([choices] if len(choices) > 1 else [])

    def tries(self, question: Question, named: list[set[str]], limits: set[int]) -> list:
        # An option of each kind alone, the options the rules name together, and every option.
        together = {o for options in named for o in options} - {NONE}
        choices = [value for value in question.option_values if value != NONE]
        sets = [[value] for value in _representatives(question, named)]
        sets += [[value for value in choices if value in together], choices]
        return [list(s) for s in dict.fromkeys(tuple(s) for s in sets if s)]

    def draw(self, question: Question, rng: Any, limits: tuple[int, ...] = ()) -> Any:
        values = question.option_values
        if NONE in values and rng.random() < 0.2:
            return [NONE]
        others = [value for value in values if value != NONE]
        picked = [value for value in others if rng.random() < 0.4] or [rng.choice(others)]
        if NONE in values and rng.random() < 0.05:
            picked.append(NONE)  # a slip: "None of these" ticked beside a choice (the choice counts)
        if rng.random() < 0.3:
            rng.shuffle(picked)  # the order a reader ticks boxes in must not matter
        return picked


class Number(Kind):
    name, control, counts = "number", "number", True

    def check(self, question: Question, value: object, notices: list[str]) -> Any:
        """A count in the first unit (30), or in another: {"value": 3, "unit": "years"}. A count
        given in the first unit comes back as a plain number, so each answer has one form."""
        unit = question.unit
        if isinstance(value, dict):
            if set(value) != {"value", "unit"} or value["unit"] not in dict(question.units):
                units = ", ".join(f'"{name}"' for name, _ in question.units)
                raise InvalidAnswers(
                    f'{_where(question)} must be a number, or "value" with "unit" set to one of '
                    f"{units}, not {shown(value)}.",
                    question.id,
                )
            unit, value = value["unit"], value["value"]
        most = question.maximum // question.size(unit)
        if not _whole(value) or not question.minimum <= value <= most:
            raise InvalidAnswers(
                f"{_where(question)} must be a whole number of {unit} from {question.minimum} to "
                f"{most}, not {shown(value)}.",
                question.id,
            )
        number = int(value)
        return number if unit == question.unit else {"value": number, "unit": unit}

    def quote(self, question: Question, value: Any) -> str:
        return question.said.format(question.amount(value))

    def summary(self, question: Question, value: Any) -> str:
        return question.amount(value)

    def _edges(self, question: Question, limits: tuple[int, ...]) -> list[int]:
        low, high = question.minimum, question.maximum
        edges = {low, low + 1, high - 1, high, *limits, *(limit + 1 for limit in limits)}
        return sorted(n for n in edges if low <= n <= high)

    def samples(self, question: Question, limits: tuple[int, ...] = ()) -> list:
        others = [(unit, size) for unit, size in question.units if unit != question.unit]
        return [*self._edges(question, limits),
                *({"value": n, "unit": unit} for unit, size in others for n in (1, question.maximum // size))]

    def tries(self, question: Question, named: list[set[str]], limits: set[int]) -> list:
        return sorted({question.minimum, *limits, *(limit + 1 for limit in limits)})

    def draw(self, question: Question, rng: Any, limits: tuple[int, ...] = ()) -> Any:
        # The edges and the rules' limits now and then: random draws rarely hit them.
        edges = self._edges(question, limits)
        number = rng.choice(edges) if rng.random() < 0.3 else rng.randint(question.minimum, question.maximum)
        if rng.random() >= 0.3:
            return number
        unit, size = rng.choice(question.units)
        # The count as a reader might give it in that unit, rounded down.
        return number if unit == question.unit else {"value": number // size, "unit": unit}

    def export(self, question: Question) -> dict:
        return {
            "min": question.minimum, "max": question.maximum, "unit": question.unit,
            "units": [{"unit": unit, "size": size} for unit, size in question.units],
        }

    def choices(self, question: dict) -> list[tuple[str, str]]:
        return []


class YesNo(Kind):
    name, control, yes_no = "yes_no", "radio", True
    lead = Single.lead
    # The form's two inputs; the page reads "yes" as true.
    CHOICES = (("yes", "Yes"), ("no", "No"))

    def check(self, question: Question, value: object, notices: list[str]) -> Any:
        if not isinstance(value, bool):
            raise InvalidAnswers(f"{_where(question)} must be true or false, not {shown(value)}.", question.id)
        return value

    def quote(self, question: Question, value: Any) -> str:
        return question.said_yes if value else question.said_no

    def summary(self, question: Question, value: Any) -> str:
        return "yes" if value else "no"

    def samples(self, question: Question, limits: tuple[int, ...] = ()) -> list:
        return [True, False]

    def tries(self, question: Question, named: list[set[str]], limits: set[int]) -> list:
        return [True, False]

    def draw(self, question: Question, rng: Any, limits: tuple[int, ...] = ()) -> Any:
        return rng.random() < 0.5

    def export(self, question: Question) -> dict:
        return {}

    def choices(self, question: dict) -> list[tuple[str, str]]:
        return list(self.CHOICES)


KINDS: dict[str, Kind] = {kind.name: kind for kind in (Single(), Multi(), Number(), YesNo())}


def kinds_that(ability: str) -> tuple[str, ...]:
    """The names of the kinds with an ability ("has_options", "several", "counts", "yes_no"), in
    registry order: what a condition may be written on."""
    return tuple(name for name, kind in KINDS.items() if getattr(kind, ability))


def kind_named(name: str, question_id: str) -> Kind:
    """The kind called `name`; a RuleError in one line naming the question when there is none."""
    if name not in KINDS:
        raise RuleError(
            f'The question "{question_id}" is of the kind "{name}", which decision does not know; '
            f"the kinds are {join_and(list(KINDS))} (decision/kinds.py)."
        )
    return KINDS[name]
