"""Share tokens and the browser entry point: round trips, damaged tokens, never an exception."""

from __future__ import annotations

import base64
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import decision
from answer_samples import answer_sets, sample_answer_sets
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
    assert decision.plan(share.decode(token)) == decision.plan(answers)


def test_token_is_base64url_of_compact_sorted_json():
    token = share.encode({"relaxer": "baclofen", "days_taken": 30})
    assert token == "v1." + b64('{"days_taken":30,"relaxer":"baclofen"}')


def test_every_full_token_is_short_enough_for_a_url():
    full = sample_answer_sets(2, seed=0)[1]
    everything = {**full, **{q["id"]: [o["value"] for o in q["options"] if o["value"] != "none"]
                             for q in decision.questions() if q["kind"] == "multi"}}
    assert len(share.encode(everything)) < share.MAX_LENGTH / 2


@pytest.mark.parametrize(
    "token, fragment",
    [
        ("v2.eyJ9", 'format this checker does not know ("v2")'),
        ("eyJyZWxheGVyIjoiYmFjbG9mZW4ifQ", 'do not start with "v1."'),
        ("", 'do not start with "v1."'),
        ("v1.", "cut short"),
        ("v1.!!!!", "characters that do not belong"),
        ("v1.eyJ9=", "characters that do not belong"),  # padding is not part of the format
        ("v1.a", "cut short"),
        ("v1." + "A" * 5000, "too long"),
        ("v1." + b64("not json"), "damaged"),
        ("v1." + b64("[1, 2]"), "JSON object"),
        ("v1." + b64('{"days_taken": 999}'), "whole number from 0 to 365"),
        ("v1." + b64('{"relaxer": "baclofen"}'), "changed"),  # not the canonical spacing
        ("v1." + base64.urlsafe_b64encode(b"\xff\xfe").decode().rstrip("="), "damaged"),
        (None, "must be text"),
        (12, "must be text"),
    ],
)
def test_unreadable_tokens_say_what_is_wrong(token, fragment):
    with pytest.raises(InvalidAnswers) as caught:
        share.decode(token)
    assert fragment in str(caught.value)


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
    "request_json, field, fragment",
    [
        ("{", None, "not valid JSON"),
        ("[]", None, "JSON object"),
        ('{"op": "dance"}', None, '"plan", "decode" or "check"'),
        ('{"answers": {}}', None, '"plan", "decode" or "check"'),
        ('{"op": "plan"}', None, 'needs "answers"'),
        ('{"op": "decode"}', None, 'needs "token"'),
        ('{"op": "plan", "answers": {"days_taken": 3.5}}', "days_taken", "whole number"),
        ('{"op": "plan", "answers": {"wat": 1}}', None, '"wat"'),
        ('{"op": "decode", "token": "v9.x"}', None, '"v9"'),
        ('{"op": "decode", "token": "v1.' + b64('{"sits_long":"yes"}') + '"}', "sits_long", "true or false"),
        ("[" * 100_000, None, "not valid JSON"),
    ],
)
def test_failures_come_back_as_messages(request_json, field, fragment):
    reply = json.loads(browser.handle(request_json))
    assert reply["ok"] is False
    assert reply["field"] == field
    assert fragment in reply["error"]
    assert set(reply) == {"ok", "error", "field"}


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
