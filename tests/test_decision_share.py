"""Share tokens and the browser entry point: round trips, damaged tokens, never an exception."""

from __future__ import annotations

import base64
import json
import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import decision
from support.samples import answer_sets
from decision import samples
from decision.questions import QUESTIONS
from decision.samples import sample_answer_sets
from decision import InvalidAnswers, browser, share
from decision.validate import validate


def b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


@settings(max_examples=300, deadline=None)
@given(answer_sets())
def test_round_trip(answers):
    token = share.encode(answers)
    assert re.fullmatch(r"v1\.[A-Za-z0-9_-]*", token)
    assert share.decode(token) == validate(answers)
    # The same plan; a notice about how the answers were read ("None of these" beside a sign)
    # is for the reader who ticked them, and the link holds the answers as read.
    assert decision.plan(share.decode(token)) == dataclasses.replace(decision.plan(answers), notices=())


def test_token_is_base64url_of_compact_sorted_json():
    token = share.encode({"relaxer": "baclofen", "days_taken": 30})
    assert token == "v1." + b64('{"days_taken":30,"relaxer":"baclofen"}')


def test_every_full_token_is_short_enough_for_a_url():
    # The longest answers: each question's longest sample (every option of a multi, the most of
    # a count in another unit).
    everything = {q.id: max(samples.values(q), key=lambda v: len(json.dumps(v))) for q in QUESTIONS}
    assert len(share.encode(everything)) < share.MAX_LENGTH / 2


NOT_OURS = 'The saved answers do not start with "v1.", so they are not ours.'
CUT = "The saved answers are cut short or contain characters that do not belong."
DAMAGED = "The saved answers are damaged: they do not decode to answers."


@pytest.mark.parametrize(
    "token, message",
    [
        ("v2.eyJ9", 'The saved answers are in a format this checker does not know ("v2").'),
        ("v999.eyJ9", 'The saved answers are in a format this checker does not know ("v999").'),
        ("v1000.eyJ9", NOT_OURS),
        ("vx.eyJ9", NOT_OURS),
        ("v1", NOT_OURS),
        ("eyJyZWxheGVyIjoiYmFjbG9mZW4ifQ", NOT_OURS),
        ("", NOT_OURS),
        ("v1.", CUT),
        ("v1.!!!!", CUT),
        ("v1.eyJ9=", CUT),  # padding is not part of the format
        ("v1.a", CUT),
        ("v1." + "A" * 5000, "The saved answers are too long (5003 characters)."),
        ("v1." + b64("not json"), DAMAGED),
        ("v1." + b64("[1, 2]"), share.UNFIT),
        ("v1." + b64('{"days_taken": 99999}'), share.UNFIT),
        ("v1." + b64('{"relaxer": "baclofen"}'), "The saved answers have been changed or cut short."),  # not the canonical spacing
        ("v1." + base64.urlsafe_b64encode(b"\xff\xfe").decode().rstrip("="), DAMAGED),
        ("v1." + b64("[" * 100_000)[:1900], DAMAGED),
        (None, "The saved answers must be text."),
        (12, "The saved answers must be text."),
    ],
)
def test_unreadable_tokens_say_what_is_wrong(token, message):
    with pytest.raises(InvalidAnswers) as caught:
        share.decode(token)
    assert str(caught.value) == message


# Characters that reorder or hide text: a message must never carry one from a link.
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
SPOOF = "\u202eknil siht nepo\u202c"  # reads "open this link" backwards
TAMPERED = {
    "a question id with a right-to-left override": {SPOOF: True},
    "an option with bidi isolates and marks": {"relaxer": "baclofen" + BIDI},
    "an option hidden by zero-width characters": {"relaxer": "bac\u200blofen\ufeff"},
    "a choice that is a zero-width joiner": {"red_flags": [ZERO_WIDTH]},
    "a yes/no answer that is a control character": {"sits_long": "\x1b[2J\x07"},
    "a very long id": {"call 555 0100 now " * 150: 1},
    "a very long option": {"relaxer": "x" * 2800},
    "non-ASCII words": {"relaxer": "肌肉松弛剂 ✓ émoji 🙂"},
    "a line separator": {"relaxer": "one\u2028two\u2029three"},
}


@pytest.mark.parametrize("answers", TAMPERED.values(), ids=TAMPERED.keys())
def test_a_tampered_link_gets_a_plain_message_that_repeats_none_of_it(answers):
    """Whoever made a link chose its words: the message a reader gets says what went wrong in
    the checker's own words, with no character of the link, hidden or not (issue 24)."""
    token = "v1." + b64(json.dumps(answers, ensure_ascii=False))
    assert len(token) <= share.MAX_LENGTH
    reply = call({"op": "decode", "token": token})
    assert reply["ok"] is False and reply["error"] == share.UNFIT
    assert reply["field"] is None or reply["field"] in {q["id"] for q in decision.questions()}
    # isprintable() is False for controls, bidi and zero-width characters alike.
    assert reply["error"].isascii() and reply["error"].isprintable() and len(reply["error"]) <= 200


@pytest.mark.parametrize("junk", [SPOOF, BIDI, ZERO_WIDTH, "é" * 5000, "\x00\x1b"])
def test_a_link_that_is_not_base64_is_refused_without_repeating_it(junk):
    for token in ("v1." + junk, junk, "v1.eyJ9" + junk):
        reply = call({"op": "decode", "token": token})
        error = reply["error"]
        assert reply["ok"] is False and error.isascii() and error.isprintable() and len(error) <= 200, token[:20]
        assert junk not in error


def test_the_longest_token_allowed_is_read():
    token = share.encode({"red_flags": ["none"]})
    assert share.decode(token) == {"red_flags": ["none"]}
    # Padded past the limit by one character, the same kind of token is refused for its length.
    with pytest.raises(InvalidAnswers, match="too long"):
        share.decode(token + "A" * (share.MAX_LENGTH + 1 - len(token)))
    with pytest.raises(InvalidAnswers, match="cut short|damaged|changed"):
        share.decode(token + "A" * (share.MAX_LENGTH - len(token)))


def test_every_truncation_of_a_token_is_refused():
    for answers in sample_answer_sets(30, seed=5)[1:]:
        token = share.encode(answers)
        for end in range(len(token)):
            with pytest.raises(InvalidAnswers):
                share.decode(token[:end])


def test_single_character_edits_are_refused_or_read_as_the_answers_they_spell():
    """A token is not signed; an edit must either fail cleanly or be a canonical token."""
    alphabet = "AQgw_-9z"
    refused = 0
    for answers in sample_answer_sets(12, seed=9)[1:]:
        token = share.encode(answers)
        for position in range(3, len(token)):
            for char in alphabet:
                edited = token[:position] + char + token[position + 1:]
                if edited == token:
                    continue
                try:
                    decoded = share.decode(edited)
                except InvalidAnswers:
                    refused += 1
                else:
                    assert share.encode(decoded) == edited
    assert refused > 0


def test_encode_refuses_invalid_answers():
    with pytest.raises(InvalidAnswers) as caught:
        share.encode({"days_taken": -3})
    assert caught.value.field == "days_taken"


# --- browser.handle ---------------------------------------------------------------------


def call(request) -> dict:
    return json.loads(browser.handle(json.dumps(request)))


def test_plan_request():
    answers = {"red_flags": ["none"], "relaxer": "baclofen", "days_taken": 30}
    reply = call({"op": "plan", "answers": answers})
    assert reply["ok"] is True
    assert reply["plan"] == decision.plan(answers).to_dict()
    assert call({"op": "decode", "token": reply["share"]}) == {"ok": True, "answers": answers}


@pytest.mark.parametrize(
    "request_json, field, message",
    [
        ("{", None, "The request is not valid JSON."),
        ("[]", None, "The request must be a JSON object."),
        ('{"op": "dance"}', None, 'The request must have "op" set to "plan", "decode" or "check".'),
        ('{"answers": {}}', None, 'The request must have "op" set to "plan", "decode" or "check".'),
        ('{"op": "plan"}', None, 'A "plan" request needs "answers".'),
        ('{"op": "decode"}', None, 'A "decode" request needs "token".'),
        ('{"op": "check"}', None, 'A "check" request needs "answers".'),
        ('{"op": "plan", "answers": {"days_taken": 3.5}}', "days_taken",
         'The answer to "How long have you taken it?" must be a whole number of days from 0 to 29200, not 3.5.'),
        ('{"op": "plan", "answers": {"wat": 1}}', None, 'There is no question called "wat".'),
        ('{"op": "decode", "token": "v9.x"}', None,
         'The saved answers are in a format this checker does not know ("v9").'),
        ('{"op": "decode", "token": "v1.' + b64('{"sits_long":"yes"}') + '"}', "sits_long", share.UNFIT),
        ("[" * 100_000, None, "The request is not valid JSON."),
    ],
)
def test_failures_come_back_as_messages(request_json, field, message):
    reply = json.loads(browser.handle(request_json))
    assert reply == {"ok": False, "error": message, "field": field}


def test_an_internal_problem_still_gets_an_answer_the_page_can_show(monkeypatch):
    def broken(answers):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(browser, "plan", broken)
    reply = call({"op": "plan", "answers": {}})
    assert reply == {"ok": False, "error": "The checker hit an internal problem (ZeroDivisionError).",
                     "field": None}


def test_non_text_request():
    reply = json.loads(browser.handle(b'{"op": "plan"}'))  # type: ignore[arg-type]
    assert reply == {"ok": False, "error": "The request must be JSON text.", "field": None}


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=10,
)
REQUESTS = st.one_of(
    st.text(max_size=40),
    JSON.map(json.dumps),
    st.fixed_dictionaries({"op": st.sampled_from(["plan", "decode", "x"])},
                          optional={"answers": JSON, "token": JSON | st.text()}).map(json.dumps),
)


@settings(max_examples=800, deadline=None)
@given(REQUESTS)
def test_handle_never_raises(request_json):
    reply = json.loads(browser.handle(request_json))
    assert isinstance(reply["ok"], bool)
    if not reply["ok"]:
        assert reply["error"] and "internal problem" not in reply["error"]
