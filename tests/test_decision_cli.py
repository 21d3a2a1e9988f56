"""The command line, run as a user would: `python -m decision ...` in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import decision

REPO = Path(__file__).resolve().parents[1]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "decision", *args],
        cwd=REPO, input=stdin, capture_output=True, text=True, timeout=60,
    )


def test_questions():
    result = run("questions")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == decision.questions()


def test_plan_from_a_file(tmp_path):
    answers = {"red_flags": ["bowel_bladder"], "days_taken": 30, "tried": ["heat"]}
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers))
    result = run("plan", str(path))
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert list(output) == ["triage", "show", "fold", "always", "summary"]
    assert output == decision.plan(answers).to_dict()
    assert output["triage"] == "emergency"
    assert output["show"][0] == {
        "id": "emergency-signs",
        "reason": "Shown because you said you have new loss of bowel or bladder control.",
        "rule": "emergency-warning-signs",
    }


def test_plan_from_stdin():
    result = run("plan", "-", stdin='{"sits_long": true}')
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["show"] == [
        {"id": "posture", "reason": "Shown because you said you sit for long periods.",
         "rule": "long-sitting"}
    ]


@pytest.mark.parametrize(
    "stdin, fragment",
    [
        ('{"days_taken": 3.5}', "error: days_taken: The answer to"),
        ('{"dayz": 3}', "python -m decision questions"),
        ('{"relaxer": "aspirin"}', '"aspirin"'),
        ("[1]", "JSON object"),
        ("{not json", "not valid JSON"),
        ("", "not valid JSON"),
    ],
)
def test_bad_input_is_a_message_and_exit_2(stdin, fragment):
    result = run("plan", "-", stdin=stdin)
    assert result.returncode == 2
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_missing_file(tmp_path):
    result = run("plan", str(tmp_path / "nope.json"))
    assert result.returncode == 2
    assert "cannot read" in result.stderr and "nope.json" in result.stderr
    assert "Traceback" not in result.stderr


def test_not_utf8_file(tmp_path):
    path = tmp_path / "answers.json"
    path.write_bytes(b"\xff\xfe{}")
    result = run("plan", str(path))
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_rules_markdown():
    result = run("rules", "--markdown")
    assert result.returncode == 0, result.stderr
    assert result.stdout == decision.rules_markdown()


def test_rules_json_lists_every_rule_and_the_default():
    result = run("rules")
    assert result.returncode == 0, result.stderr
    ids = [row["id"] for row in json.loads(result.stdout)]
    assert ids == [rule.id for rule in decision.rules.ORDERED] + ["default"]


def test_no_command_is_a_usage_error():
    result = run()
    assert result.returncode == 2
    assert "usage" in result.stderr.lower()


def run_in_shell(command: str) -> subprocess.CompletedProcess:
    """Runs `python -m decision ...` with the shell redirections a user might type."""
    return subprocess.run(
        ["bash", "-c", command.replace("DECISION", f'"{sys.executable}" -m decision')],
        cwd=REPO, capture_output=True, text=True, timeout=60,
    )


def test_closed_standard_input_is_one_line_and_exit_2():
    result = run_in_shell("DECISION plan - <&-")
    assert result.returncode == 2
    assert result.stderr == "error: cannot read -: standard input is closed\n"


@pytest.mark.parametrize("redirect", [">&-", ">/dev/full"])
@pytest.mark.parametrize("command", ["questions", "rules", "rules --markdown", "plan -"])
def test_unwritable_output_is_one_line_and_exit_2(command, redirect):
    result = run_in_shell(f"echo '{{}}' | DECISION {command} {redirect}")
    assert result.returncode == 2
    assert result.stderr.startswith("error: cannot write the output: ")
    assert result.stderr.count("\n") == 1, result.stderr


@pytest.mark.parametrize("command", ["questions", "rules", "plan -"])
def test_a_pipe_closed_by_its_reader_ends_quietly(command):
    # The read end is closed before the command starts, so its first write always hits a
    # closed pipe (a real `| head -c1` only sometimes does, depending on timing).
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "decision", *command.split()],
            cwd=REPO, input=b"{}", stdout=write_end, stderr=subprocess.PIPE, timeout=60,
        )
    finally:
        os.close(write_end)
    assert result.returncode == 0
    assert result.stderr == b""
