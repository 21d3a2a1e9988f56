"""The command line: what it prints, checked in this process through `decision.__main__.main`
(so mutation testing sees it), and the shell redirections a user might type, checked on
`python -m decision ...` in a subprocess."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import decision
from decision.__main__ import main as decision_main

REPO = Path(__file__).resolve().parents[1]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "decision", *args],
        cwd=REPO, input=stdin, capture_output=True, text=True, timeout=60,
    )


def main(capsys, *args: str, stdin: str | None = None, monkeypatch=None):
    """Runs the command line in this process (so mutation testing sees it) as `run` does."""
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    status = decision_main(list(args))
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(["python -m decision", *args], status, out, err)


def test_python_m_decision_runs_the_command_line():
    result = run("questions")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == decision.questions()


def test_questions(capsys):
    result = main(capsys, "questions")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == decision.questions()
    # Read by people too: indented, one item a line.
    assert result.stdout.startswith('[\n  {\n    "id": "red_flags",') and result.stdout.endswith("]\n")


def test_plan_from_a_file(tmp_path, capsys):
    answers = {"red_flags": ["bowel_bladder"], "days_taken": 30, "tried": ["heat"]}
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers))
    result = main(capsys, "plan", str(path))
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    # The 0.1 contract's keys first, as they were; the ones added since come after them.
    assert list(output) == ["triage", "show", "fold", "always", "summary", "card", "layout", "ask", "notices"]
    assert output == decision.plan(answers).to_dict()
    assert output["triage"] == "emergency"
    assert output["show"][0] == {
        "id": "emergency-signs",
        "reason": "Shown because you said you have new loss of bowel or bladder control.",
        "rule": "emergency-warning-signs",
    }
    assert result.stdout.startswith('{\n  "triage": "emergency",\n') and result.stdout.endswith("}\n")


def test_plan_from_stdin(capsys, monkeypatch):
    result = main(capsys, "plan", "-", stdin='{"red_flags": ["none"], "sits_long": true}', monkeypatch=monkeypatch)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["show"] == [
        {"id": "posture", "reason": "Shown because you said you sit for long periods.",
         "rule": "long-sitting"}
    ]


@pytest.mark.parametrize(
    "stdin, message",
    [
        ('{"days_taken": 3.5}',
         "error: days_taken: The answer to \"How long have you taken it?\" must be a whole "
         "number of days from 0 to 29200, not 3.5.\n"
         "The questions, their ids and their options: python -m decision questions\n"),
        ('{"dayz": 3}',
         'error: There is no question called "dayz".\n'
         "The questions, their ids and their options: python -m decision questions\n"),
        ("[1]",
         "error: The answers must be a JSON object of question ids and answers, not a list.\n"
         "The questions, their ids and their options: python -m decision questions\n"),
        ("{not json",
         "error: - is not valid JSON (Expecting property name enclosed in double quotes: "
         "line 1 column 2 (char 1)).\n"),
        ("", "error: - is not valid JSON (Expecting value: line 1 column 1 (char 0)).\n"),
        ("[" * 100_000, None),
    ],
)
def test_bad_input_is_a_message_and_exit_2(capsys, monkeypatch, stdin, message):
    result = main(capsys, "plan", "-", stdin=stdin, monkeypatch=monkeypatch)
    assert result.returncode == 2
    if message is None:  # too deeply nested for the JSON reader: still one line
        assert result.stderr.startswith("error: - is not valid JSON (") and result.stderr.count("\n") == 1
    else:
        assert result.stderr == message
    assert result.stdout == ""


def test_bad_choice_lists_the_choices(capsys, monkeypatch):
    result = main(capsys, "plan", "-", stdin='{"relaxer": "aspirin"}', monkeypatch=monkeypatch)
    assert result.returncode == 2
    assert result.stderr.startswith('error: relaxer: The answer to "')
    assert '"baclofen"' in result.stderr and 'not "aspirin".' in result.stderr


def test_missing_file(tmp_path, capsys):
    result = main(capsys, "plan", str(tmp_path / "nope.json"))
    assert result.returncode == 2
    assert result.stderr == f"error: cannot read {tmp_path / 'nope.json'}: No such file or directory\n"


def test_not_utf8_file(tmp_path, capsys):
    path = tmp_path / "answers.json"
    path.write_bytes(b"\xff\xfe{}")
    result = main(capsys, "plan", str(path))
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: cannot read {path}: 'utf-8' codec can't decode byte 0xff")
    assert result.stderr.count("\n") == 1


def test_rules_markdown(capsys):
    result = main(capsys, "rules", "--markdown")
    assert result.returncode == 0, result.stderr
    assert result.stdout == decision.rules_markdown()


def test_rules_json_lists_every_rule_and_the_default(capsys):
    result = main(capsys, "rules")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [row["id"] for row in rows] == [rule.id for rule in decision.rules.ORDERED] + ["default"]
    first = decision.rules.ORDERED[0]
    assert rows[0] == {
        "id": first.id, "when": first.when.describe(), "shows": list(first.shows),
        "triage": first.triage, "priority": first.priority, "why": first.why,
    }
    assert rows[-1] == {
        "id": "default",
        "when": decision.rules.DEFAULT_ROW[1],
        "shows": [], "triage": "self_care", "priority": None, "why": decision.rules.DEFAULT_ROW[4],
    }
    assert result.stdout.startswith('[\n  {\n    "id": ') and result.stdout.endswith("]\n")


def test_no_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(capsys, )
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: python -m decision [-h] {questions,plan,rules}")


def help_lines(capsys, monkeypatch, *args: str) -> list[str]:
    """The help text's lines, each with its runs of spaces made one (argparse aligns columns)."""
    monkeypatch.setenv("COLUMNS", "100")
    with pytest.raises(SystemExit) as exit_:
        decision_main([*args, "--help"])
    assert exit_.value.code == 0
    return [" ".join(line.split()) for line in capsys.readouterr().out.splitlines()]


def test_help_names_the_commands(capsys, monkeypatch):
    lines = help_lines(capsys, monkeypatch)
    assert "Command line: `python -m decision questions | plan FILE | rules --markdown`." in lines
    for line in ("questions print the questions as JSON", "plan print the plan for an answers JSON file",
                 "rules print the rule table (JSON by default)"):
        assert line in lines


def test_help_of_each_command(capsys, monkeypatch):
    assert "file the answers as a JSON object; - reads stdin" in help_lines(capsys, monkeypatch, "plan")
    assert "--markdown as the site's Markdown table" in help_lines(capsys, monkeypatch, "rules")


def test_closed_standard_input_in_process(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", None)
    result = main(capsys, "plan", "-")
    assert (result.returncode, result.stderr) == (2, "error: cannot read -: standard input is closed\n")


def test_closed_standard_output_in_process(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdout", None)
    assert decision_main(["questions"]) == 2
    assert capsys.readouterr().err == "error: cannot write the output: standard output is closed\n"


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


def test_pipe_closed_by_its_reader_in_process(capsys, monkeypatch):
    read_end, write_end = os.pipe()
    os.close(read_end)
    with os.fdopen(write_end, "w") as closed_pipe:
        monkeypatch.setattr(sys, "stdout", closed_pipe)
        assert decision_main(["questions"]) == 0
        # Later writes (Python's own flush at exit) go nowhere instead of failing again.
        closed_pipe.write("more")
        closed_pipe.flush()
    assert capsys.readouterr().err == ""


def test_full_disk_in_process(capsys, monkeypatch):
    full = open("/dev/full", "w")  # noqa: SIM115 - closed below, where it fails too
    monkeypatch.setattr(sys, "stdout", full)
    try:
        assert decision_main(["rules"]) == 2
    finally:
        monkeypatch.undo()
        with contextlib.suppress(OSError):  # its buffer cannot be written either
            full.close()
    assert capsys.readouterr().err == "error: cannot write the output: No space left on device\n"


@pytest.mark.parametrize("command", ["plan /no/such/file.json", "plan -", "bogus"])
def test_closed_standard_error_prints_nothing_and_keeps_the_status(command):
    """The error has nowhere to go; stdout (maybe a file the user reads as JSON) stays empty."""
    result = run_in_shell(f"echo '[1]' | DECISION {command} 2>&-")
    assert (result.returncode, result.stdout) == (2, "")


def test_standard_error_a_closed_pipe_keeps_the_status():
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run([sys.executable, "-m", "decision", "plan", "/no/such/file.json"],
                                cwd=REPO, stdout=subprocess.PIPE, stderr=write_end, timeout=60)
    finally:
        os.close(write_end)
    assert (result.returncode, result.stdout) == (2, b"")


@pytest.mark.parametrize("value", ["x\x1b[2Jy", "\u202e5", "a\rb", "\x9b31m"])
def test_control_characters_in_values_are_escaped(capsys, monkeypatch, tmp_path, value):
    """An answer or a file name cannot clear, recolour or reorder the user's terminal."""
    for stdin in (json.dumps({"relaxer": value}), json.dumps({value: 1}), json.dumps({"days_taken": value})):
        result = main(capsys, "plan", "-", stdin=stdin, monkeypatch=monkeypatch)
        assert result.returncode == 2
        assert value not in result.stderr and value.encode("unicode_escape").decode() in result.stderr
    result = main(capsys, "plan", str(tmp_path / value))
    assert result.returncode == 2 and value not in result.stderr
    assert result.stderr == f"error: cannot read {tmp_path}/{value.encode('unicode_escape').decode()}: No such file or directory\n"
