"""Small hostile inputs (issue 18.14): blank answers of every kind, bytes that are not UTF-8 and
escape sequences piped into the REPL, CALCTUTOR_HOME naming a file."""
from __future__ import annotations

import io

import pytest

import exercises
from grader.checking import check_variant
from grader.parts import check_one_cell
from faults import calctutor
from tutor.repl.lines import input_problem, shown
from tutor.repl.terminal import Output, PlainReader

pytestmark = pytest.mark.fault


def one_exercise_per_kind():
    bank = exercises.load()
    seen = {}
    for topic in bank.topics():
        for ex in bank.by_topic(topic):
            seen.setdefault(ex.kind, ex.id)
    return sorted(seen.items())


@pytest.mark.parametrize("kind, exercise_id", one_exercise_per_kind())
@pytest.mark.parametrize("blank", ["", "   ", "\t"])
def test_a_blank_answer_is_invalid_for_every_kind(kind, exercise_id, blank):
    variant = exercises.load()[exercise_id].variant_for("ana")
    verdict = (check_one_cell if kind == "parts" else check_variant)(variant, blank)  # parts: the one-cell form
    assert verdict.status == "invalid", (kind, verdict.status, verdict.feedback)
    assert verdict.score == 0 and verdict.error  # says why it could not be read


@pytest.mark.parametrize("line, column, words", [
    ("3ln(x)\udcff+3", 6, "not UTF-8"),
    ("\x1b[31mx", 0, "control character"),
    ("2x\x9b1m", 2, "control character"),
    ("x\x07", 1, "control character"),
])
def test_unusable_lines_are_refused_with_a_caret_and_never_echoed_raw(line, column, words):
    problem = input_problem(line)
    assert problem is not None and words in problem
    first, echoed, caret = problem.split("\n")
    assert caret.index("^") - 2 == column
    assert not any(c in problem for c in "\x1b\x07\x9b\udcff")


def test_ordinary_lines_have_no_input_problem():
    for line in ("3ln(x) + 3", "(1, 2); (3, 4)", "f'(x) = 2x", "√x · π", "x\t+ 1"):
        assert input_problem(line) is None and shown(line) == line


def test_the_plain_reader_echoes_escape_sequences_as_symbols():
    stdout = io.StringIO()
    reader = PlainReader(io.StringIO("\x1b]0;pwned\x07x\n"), Output(stdout))
    assert reader.read("> ") == "\x1b]0;pwned\x07x"
    assert "\x1b" not in stdout.getvalue() and "\u241b]0;pwned\u2407x" in stdout.getvalue()


def test_invalid_utf8_piped_into_the_repl_gets_a_clear_message(tmp_path):
    done = calctutor("--user", "zz", home=tmp_path, stdin=":open log-times-x\n3ln(x)\udcff+3\nx\n:quit\n",
                     env={"PYTHONIOENCODING": "utf-8"})  # strict decoding: the tutor must cope
    out = done.stdout
    assert done.returncode == 0 and "Sorry" not in out and "UnicodeEncodeError" not in out
    assert "bytes that are not UTF-8" in out
    assert "Incorrect" in out  # the session goes on: the next answer is graded


def test_escape_sequences_piped_into_the_repl_are_refused_not_shown(tmp_path):
    done = calctutor("--user", "zz", home=tmp_path, stdin=":open log-times-x\n\x1b[2J\x1b[31mx\n:quit\n")
    assert done.returncode == 0 and "control character" in done.stdout
    assert "\x1b[2J" not in done.stdout


@pytest.mark.parametrize("command", [["--user", "zz"], ["progress", "--user", "zz"]])
def test_calctutor_home_naming_a_file_exits_2_with_a_clear_message(tmp_path, command):
    home = tmp_path / "home-is-a-file"
    home.write_text("not a folder")
    done = calctutor(*command, stdin=":quit\n", env={"CALCTUTOR_HOME": str(home)})
    assert done.returncode == 2 and "which is a file, not a folder" in done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    assert home.read_text() == "not a folder"
