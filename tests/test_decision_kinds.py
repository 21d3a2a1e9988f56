"""The question kinds' one registry (decision/kinds.py) and the page's table of readers
(form.js `READERS`): the same kinds in both, every sampled answer read back by the page as it
was written, each sample an answer decision takes as it is, and an unknown kind stopped in one
line that names the question and the kinds. No browser: the form's script runs in Node."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

import decision
from decision import samples
from decision.errors import RuleError
from decision.kinds import KINDS
from decision.questions import BY_ID, QUESTIONS
from decision.validate import validate

REPO = Path(__file__).resolve().parents[1]
FORM_JS = REPO / "overrides" / "assets" / "checker" / "form.js"
READ_BACK = REPO / "tests" / "node" / "form_kinds.mjs"


def reader_kinds() -> list[str]:
    """The keys of form.js's READERS table, as written."""
    table = re.search(r"^const READERS = \{\n(.*?)^\};", FORM_JS.read_text(encoding="utf-8"), re.S | re.M)
    assert table, "form.js has no READERS table"
    return re.findall(r"^  (\w+): \{", table.group(1), re.M)


def test_the_forms_readers_are_the_registrys_kinds():
    assert sorted(reader_kinds()) == sorted(KINDS)


def test_an_unknown_kind_stops_decision_in_one_line_naming_the_question_and_the_kinds():
    with pytest.raises(RuleError) as caught:
        replace(BY_ID["recurring"], kind="scale")
    message = str(caught.value)
    assert "\n" not in message and '"recurring"' in message and '"scale"' in message
    assert all(name in message for name in KINDS), message


@pytest.mark.parametrize("question", QUESTIONS, ids=[question.id for question in QUESTIONS])
def test_each_sample_is_an_answer_decision_takes_as_it_is(question):
    values = samples.values(question)
    assert values, "a question with nothing to try is never swept"
    assert len({json.dumps(value) for value in values}) == len(values), "each sample once"
    for value in values:
        assert validate({question.id: value}) == {question.id: value}


def test_a_counts_samples_sit_each_side_of_every_limit_the_rules_use():
    counted = [question for question in QUESTIONS if KINDS[question.kind].counts]
    assert any(samples.limits(question) for question in counted), "the rules compare no number"
    for question in counted:
        for limit in samples.limits(question):
            plain = {value for value in samples.values(question) if isinstance(value, int)}
            assert {limit, limit + 1} <= plain, (question.id, limit)


def test_the_page_reads_back_every_sampled_answer_as_written_and_refuses_an_unknown_kind():
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed to run the form's script (scripts/setup installs npm packages with it)")
    questions = [
        {
            "id": question["id"], "kind": question["kind"], "control": KINDS[question["kind"]].control,
            "choices": [value for value, _ in KINDS[question["kind"]].choices(question)],
            "units": [unit["unit"] for unit in question.get("units", [])],
            "samples": samples.values(BY_ID[question["id"]]),
        }
        for question in decision.questions()
    ]
    run = subprocess.run([node, str(READ_BACK)], input=json.dumps(questions), capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout)
    for question in questions:
        assert result["read"][question["id"]] == question["samples"], question["id"]
    assert '"pain_scale"' in result["unknown"] and '"scale"' in result["unknown"]
