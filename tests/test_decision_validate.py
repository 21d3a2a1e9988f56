"""Bad answers get InvalidAnswers with a message naming the question and what is allowed;
nothing else is ever raised on JSON-shaped input."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import decision
import decision.browser
from decision import InvalidAnswers
from decision.validate import validate

QUESTION_IDS = [q["id"] for q in decision.questions()]
OPTION_VALUES = sorted({o["value"] for q in decision.questions() for o in q.get("options", [])})


@pytest.mark.parametrize(
    "answers, field, fragments",
    [
        ({"days_taken": True}, "days_taken", ["How long have you taken it?", "whole number of days from 0 to 29200", "true"]),
        ({"days_taken": 3.5}, "days_taken", ["whole number of days from 0 to 29200", "3.5"]),
        ({"days_taken": 29201}, "days_taken", ["whole number of days from 0 to 29200", "not 29201"]),
        ({"days_taken": -1}, "days_taken", ["not -1"]),
        ({"days_taken": {"value": 81, "unit": "years"}}, "days_taken", ["whole number of years from 0 to 80", "not 81"]),
        ({"days_taken": {"value": 2.5, "unit": "months"}}, "days_taken", ["whole number of months", "2.5"]),
        ({"days_taken": {"value": 2, "unit": "decades"}}, "days_taken", ['"unit"', '"days", "weeks", "months", "years"', "an object"]),
        ({"days_taken": {"value": 2}}, "days_taken", ['"unit"', "an object"]),
        ({"days_taken": {"value": 2, "unit": "days", "extra": 1}}, "days_taken", ['"unit"']),
        ({"pain_weeks": 4161}, "pain_weeks", ["whole number of weeks from 0 to 4160"]),
        ({"pain_weeks": {"value": 1, "unit": "days"}}, "pain_weeks", ['"weeks", "months", "years"']),
        ({"days_taken": "30"}, "days_taken", ["whole number", '"30"']),
        ({"days_taken": float("nan")}, "days_taken", ["whole number"]),
        ({"days_taken": float("inf")}, "days_taken", ["whole number"]),
        ({"days_taken": 10**5000}, "days_taken", ["whole number", "a very large number"]),
        ({"relaxer": "aspirin"}, "relaxer", ['"aspirin"', '"cyclobenzaprine"', "one of"]),
        ({"relaxer": ["baclofen"]}, "relaxer", ["one of", "a list"]),
        ({"red_flags": ["bowel_bladder", "bowel_bladder"]}, "red_flags", ["more than once"]),
        ({"red_flags": "bowel_bladder"}, "red_flags", ["must be a list", '"bowel_bladder"']),
        ({"red_flags": [1]}, "red_flags", ["not a choice", '"sudden_weakness"']),
        ({"red_flags": ["chills"]}, "red_flags", ['"chills"', "not a choice"]),
        # The old "any OTC medicine" option: a saved answer with it is refused, not misread.
        ({"also_taking": ["otc_medicines"]}, "also_taking", ['"otc_medicines"', "not a choice", '"sedating_otc"']),
        ({"tried": [["heat"]]}, "tried", ["not a choice"]),
        ({"sits_long": "yes"}, "sits_long", ["true or false", '"yes"']),
        ({"sits_long": 1}, "sits_long", ["true or false"]),
        ({"favourite_colour": "blue"}, None, ['no question called "favourite_colour"']),
        ([], None, ["JSON object", "a list"]),
        ("answers", None, ["JSON object"]),
        (None, None, ["JSON object"]),
        (7, None, ["JSON object"]),
    ],
)
def test_bad_answers_name_the_field_and_what_is_allowed(answers, field, fragments):
    with pytest.raises(InvalidAnswers) as caught:
        decision.plan(answers)
    assert caught.value.field == field
    message = str(caught.value)
    assert message == caught.value.message
    for fragment in fragments:
        assert fragment in message, (fragment, message)
    assert isinstance(caught.value, ValueError)
    # A reader may see the message: it names the question by its words, not its id.
    assert field is None or f"({field})" not in message


SITS = 'The answer to "Do you sit for long periods most days?" must be true or false, not '
FLAGS = 'The answer to "Do you have any of these warning signs?" '
FLAG_CHOICES = ", ".join(f'"{o["value"]}"' for o in decision.questions()[0]["options"])


@pytest.mark.parametrize(
    "value, shown",
    [
        (True, None),  # a yes/no answer: accepted
        (1, "1"),
        (2.5, "2.5"),
        (-(10**16), "a very large number"),
        (10**15 + 1, "a very large number"),
        (10**15, "1000000000000000"),
        ("yes", '"yes"'),
        ("x" * 38, '"' + "x" * 38 + '"'),  # 40 characters: shown whole
        ("x" * 39, '"' + "x" * 36 + "..."),  # 41: cut to 40
        ([True], "a list"),
        ({"a": 1}, "an object"),
    ],
)
def test_a_bad_value_is_shown_briefly_as_the_reader_wrote_it(value, shown):
    if shown is None:
        assert validate({"sits_long": value}) == {"sits_long": value}
        return
    with pytest.raises(InvalidAnswers) as caught:
        validate({"sits_long": value})
    assert caught.value.message == SITS + shown + "."


@pytest.mark.parametrize(
    "answers, message",
    [
        ({"days_taken": True},
         'The answer to "How long have you taken it?" must be a whole number of days from 0 to 29200, not true.'),
        ({"days_taken": False},
         'The answer to "How long have you taken it?" must be a whole number of days from 0 to 29200, not false.'),
        ({"pain_weeks": 4161},
         'The answer to "How long have you had this pain?" must be a whole number of weeks from 0 to 4160, not 4161.'),
        ({"pain_weeks": {"value": 81, "unit": "years"}},
         'The answer to "How long have you had this pain?" must be a whole number of years from 0 to 80, not 81.'),
        ({"days_taken": {"value": 3, "unit": "hours"}},
         'The answer to "How long have you taken it?" must be a number, or "value" with "unit" set to one of '
         '"days", "weeks", "months", "years", not an object.'),
        ({"red_flags": "none"}, FLAGS + f'must be a list of choices from {FLAG_CHOICES}, not "none".'),
        ({"red_flags": ["chills"]}, FLAGS + f'has "chills", which is not a choice; the choices are {FLAG_CHOICES}.'),
        ({"red_flags": ["fever", "fever"]}, FLAGS + 'lists "fever" more than once; list each choice once.'),
        ({"favourite_colour": "blue"}, 'There is no question called "favourite_colour".'),
        ("answers", 'The answers must be a JSON object of question ids and answers, not "answers".'),
    ],
)
def test_messages_read_in_full(answers, message):
    with pytest.raises(InvalidAnswers) as caught:
        validate(answers)
    assert caught.value.message == message


def test_a_number_answer_at_each_end_of_its_range_is_accepted():
    assert validate({"days_taken": 0, "pain_weeks": 4160}) == {"days_taken": 0, "pain_weeks": 4160}
    assert validate({"days_taken": {"value": 80, "unit": "years"}}) == {"days_taken": {"value": 80, "unit": "years"}}
    assert validate({"days_taken": 365.0}) == {"days_taken": 365}
    for bad in (-1, 29201, 365.5, float("-inf"), {"value": -1, "unit": "weeks"}):
        with pytest.raises(InvalidAnswers):
            validate({"days_taken": bad})


def test_a_count_in_the_first_unit_has_one_form():
    # Given as {"value", "unit": "days"} it is the same answer as the plain number, so the same
    # plan, summary and share link.
    assert validate({"days_taken": {"value": 30, "unit": "days"}}) == {"days_taken": 30}
    assert validate({"pain_weeks": {"value": 3.0, "unit": "months"}}) == {"pain_weeks": {"value": 3, "unit": "months"}}


@pytest.mark.parametrize("question", ["red_flags", "also_taking", "tried"])
def test_none_of_these_beside_a_choice_gives_way_to_the_choice(question):
    # A slip, read the safe way: a warning sign ticked with "None of these" still counts.
    options = next(q for q in decision.questions() if q["id"] == question)["options"]
    choice = options[0]["value"]
    clean, notices = decision.validate.checked({question: ["none", choice]})
    assert clean == {question: [choice]}
    prompt = next(q["prompt"] for q in decision.questions() if q["id"] == question)
    none_label = next(o["label"] for o in options if o["value"] == "none")
    assert notices == [
        f'For "{prompt}" you picked "{none_label}" and other answers too. The other answers count, '
        f'not "{none_label}".'
    ]
    assert decision.plan({question: ["none", choice]}).notices == tuple(notices)


def test_none_alone_is_an_answer():
    assert validate({"red_flags": ["none"]}) == {"red_flags": ["none"]}


@pytest.mark.parametrize(
    "value, shown",
    [
        ("\u202eyes", '"\\u202eyes"'),  # a right-to-left override, escaped where it stood
        ("a\u200bb\u2060c\ufeff", '"a\\u200bb\\u2060c\\ufeff"'),
        ("\u2066\u2069\u200e\u200f\u202a", '"\\u2066\\u2069\\u200e\\u200f\\u202a"'),
        ("\x1b[31m", '"\\x1b[31m"'),
        ("line\u2028break", '"line\\u2028break"'),
        ("héllo wörld", '"héllo wörld"'),  # letters of any language are shown as written
        ("\u202e" * 50, '"' + "\\u202e" * 6 + "..."),  # cut between escapes, never through one
    ],
)
def test_a_value_that_hides_or_reorders_text_is_shown_escaped(value, shown):
    """Stored answers can be edited: a message shows each control, bidi or zero-width
    character as its escape, so nothing in it reads backwards or hides."""
    with pytest.raises(InvalidAnswers) as caught:
        validate({"sits_long": value})
    assert caught.value.message == SITS + shown + "."
    assert len(shown) <= 40


def test_every_hidden_character_is_escaped_as_python_writes_it():
    """The escapes are written out by hand (the browser's trimmed standard library has no
    "unicode_escape" codec): they are the ones Python itself writes, for every code point."""
    from decision.words import HIDDEN as _HIDDEN, visible as _visible

    for code in range(0x110000):
        char = chr(code)
        if unicodedata.category(char) in _HIDDEN:
            assert _visible(char) == char.encode("unicode_escape").decode("ascii"), hex(code)
        else:
            assert _visible(char) == char, hex(code)


def test_messages_stay_short_for_huge_values():
    with pytest.raises(InvalidAnswers) as caught:
        decision.plan({"relaxer": "x" * 100_000})
    assert len(str(caught.value)) < 400


def test_accepted_forms_are_normalized():
    clean = validate(
        {
            "tried": ["ice", "heat"],  # ticked out of order
            "days_taken": 30.0,  # a whole number written as a float
            "pain_weeks": None,  # null: not answered
            "red_flags": [],  # nothing ticked: not answered
            "recurring": False,
            "relaxer": "baclofen",
        }
    )
    assert clean == {"relaxer": "baclofen", "days_taken": 30, "recurring": False,
                     "tried": ["heat", "ice"]}
    assert list(clean) == ["relaxer", "days_taken", "recurring", "tried"]  # question order
    assert type(clean["days_taken"]) is int


def test_validate_does_not_change_the_callers_answers():
    answers = {"tried": ["ice", "heat"], "days_taken": 30.0}
    before = json.dumps(answers)
    decision.plan(answers)
    assert json.dumps(answers) == before


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
# Near-valid values reach deeper checks than random JSON does.
NEAR = st.one_of(
    JSON,
    st.sampled_from(OPTION_VALUES),
    st.lists(st.sampled_from(OPTION_VALUES + [""]), max_size=5),
    st.integers(-5, 600),
    st.floats(-5, 600),
)
ANSWERS = st.one_of(
    JSON,
    st.dictionaries(st.sampled_from(QUESTION_IDS), NEAR, max_size=6),
    st.dictionaries(st.sampled_from(QUESTION_IDS) | st.text(max_size=8), NEAR, max_size=6),
)


@settings(max_examples=1500, deadline=None)
@given(ANSWERS)
def test_only_invalid_answers_is_ever_raised(answers):
    try:
        plan = decision.plan(answers)
    except InvalidAnswers as error:
        assert error.message and (error.field is None or error.field in QUESTION_IDS)
        return
    # What got through is a real plan that survives a JSON round trip.
    assert json.loads(json.dumps(plan.to_dict())) == plan.to_dict()


@pytest.mark.parametrize("value", [None, {1, 2}, range(3)])
def test_messages_name_no_python_type(value):
    """A reader may see these: "not NoneType" means nothing to them (issue 12)."""
    with pytest.raises(InvalidAnswers) as caught:
        validate(value)
    assert type(value).__name__ not in caught.value.message


def test_stored_answers_are_checked_by_the_browser_entry_point():
    """The page's "check" request: what the tab stored goes through validate() first."""
    stored = {"sits_long": "false", "recurring": None, "red_flags": "bowel_bladder", "relaxer": "bogus", "days_taken": "NaN"}
    response = json.loads(decision.browser.handle(json.dumps({"op": "check", "answers": stored})))
    assert response["ok"] is False
    assert response["field"] in {"sits_long", "red_flags", "relaxer", "days_taken"}
    assert response["error"].startswith("The answer to")
    fine = json.loads(decision.browser.handle(json.dumps({"op": "check", "answers": {"sits_long": False, "recurring": None}})))
    assert fine == {"ok": True, "answers": {"sits_long": False}}


def test_a_null_among_choices_reads_empty_and_a_non_json_value_reads_as_the_wrong_kind():
    """A null (JSON's empty) in a list of choices, and, from Python callers, a value JSON cannot
    hold: both named in words, never by a Python type name."""
    with pytest.raises(InvalidAnswers) as caught:
        validate({"red_flags": [None]})
    assert caught.value.message == FLAGS + f"has empty, which is not a choice; the choices are {FLAG_CHOICES}."
    with pytest.raises(InvalidAnswers) as caught:
        validate({"sits_long": (1,)})
    assert caught.value.message == SITS + "a value of the wrong kind."
