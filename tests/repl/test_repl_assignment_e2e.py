"""End to end: a student practises a small assignment through piped stdin, then ``calctutor grade`` grades the file.

The right answer is the student's variant's ``answer_text`` and the wrong one
the engine's planted mistake, so the gradebook's scores follow from the
assignment's points and hint cost, not from what the REPL printed.
"""
from __future__ import annotations

import csv
import os
import subprocess
import sys

import pytest

import exercises
from tutor import to_text

pytestmark = pytest.mark.slow  # two fresh processes with SymPy and grading workers

USER = "e2e-assign"
FIRST, SECOND, UNTOUCHED = "product-rule-power-sine", "log-times-x", "power-rule-roots"


def calctutor(args, home, stdin=""):
    env = dict(os.environ, CALCTUTOR_HOME=str(home), CALCTUTOR_NO_VIEWER="1", COLUMNS="100")
    env.pop("NO_COLOR", None)
    return subprocess.run([sys.executable, "-m", "tutor", *args], input=stdin, capture_output=True, text=True,
                          env=env, timeout=240)


def test_practise_an_assignment_then_grade_the_submission(tmp_path):
    bank = exercises.load()
    right = bank[FIRST].variant_for(USER).answer_text
    variant = bank[SECOND].variant_for(USER)
    wrong = to_text(variant.mistakes[0].expr)
    (tmp_path / "quiz.toml").write_text(
        f'title = "Quiz"\nexercises = ["{FIRST}", "{SECOND}", "{UNTOUCHED}"]\n'
        f'[points]\n{SECOND} = 4\n[options]\nhint_cost = 1\n', encoding="utf-8")
    submit = tmp_path / "ana.csv"
    lines = ["", ":hint", "8x - (2", right, "", wrong, ":quit"]
    run = calctutor(["practice", "--user", USER, "--assignment", str(tmp_path / "quiz.toml"),
                     "--submit", str(submit)], tmp_path, "".join(f"{line}\n" for line in lines))
    assert run.returncode == 0 and run.stderr == "", run.stderr
    out = run.stdout
    assert "Traceback" not in out
    assert out.index(f"── {FIRST} ·") < out.index(f"── {SECOND} ·")     # the assignment's order
    assert "Hint 1 of 2 (costs 1 point):" in out
    assert "\nIncorrect" in out.split(f"{SECOND}> {wrong}\n")[1]
    assert f"Your submission (2 of 3 exercises answered) is in {submit}." in out

    with open(submit, newline="", encoding="utf-8") as fh:
        assert [(r["exercise"], r["answer"], r["hints"]) for r in csv.DictReader(fh)] == [
            (FIRST, right, "1"), (SECOND, wrong, "0")]          # the unreadable line was never submitted

    book = tmp_path / "gradebook.csv"
    graded = calctutor(["grade", str(submit), "--assignment", str(tmp_path / "quiz.toml"), "--out", str(book)],
                       tmp_path)
    assert graded.returncode == 0, graded.stderr
    with open(book, newline="", encoding="utf-8") as fh:
        table = list(csv.reader(fh))
    first_points = float(bank[FIRST].points)
    untouched_points = float(bank[UNTOUCHED].points)
    assert table[0] == ["student", FIRST, SECOND, UNTOUCHED, "total", "percent"]
    assert [float(x) for x in table[1][1:5]] == [first_points, 4, untouched_points,
                                                 first_points + 4 + untouched_points]
    ana = dict(zip(table[0], table[2]))
    assert ana["student"] == USER
    assert float(ana[FIRST]) == first_points - 1      # right, less the assignment's hint cost
    assert float(ana[SECOND]) == 0 and float(ana[UNTOUCHED]) == 0
    assert float(ana["total"]) == first_points - 1


def test_a_bad_assignment_exits_2_with_the_reason(tmp_path):
    (tmp_path / "quiz.toml").write_text('title = "Quiz"\nexercises = ["log-times-y"]\n', encoding="utf-8")
    run = calctutor(["practice", "--assignment", str(tmp_path / "quiz.toml"), "--submit",
                     str(tmp_path / "a.csv")], tmp_path)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "no exercise 'log-times-y' in the bank (did you mean 'log-times-x'?)" in run.stderr
    missing = calctutor(["practice", "--assignment", str(tmp_path / "none.toml"), "--submit",
                         str(tmp_path / "a.csv")], tmp_path)
    assert missing.returncode == 2 and "no such assignment file" in missing.stderr


def test_a_wrong_try_costs_the_same_in_the_repl_and_in_the_gradebook(tmp_path):
    """issue 13: the real checker and bank, a wrong try, an unreadable line and the right answer."""
    import re

    bank = exercises.load()
    variant = bank[SECOND].variant_for(USER)
    wrong, right = to_text(variant.mistakes[0].expr), variant.answer_text
    (tmp_path / "quiz.toml").write_text(
        f'title = "Quiz"\nexercises = ["{SECOND}"]\n[points]\n{SECOND} = 4\n'
        '[options]\npenalty = 0.25\nmax_attempts = 3\n', encoding="utf-8")
    submit = tmp_path / "ana.csv"
    run = calctutor(["practice", "--user", USER, "--assignment", str(tmp_path / "quiz.toml"), "--submit",
                     str(submit)], tmp_path, "".join(f"{line}\n" for line in ["", wrong, "x +", right, ":quit"]))
    assert run.returncode == 0 and "Traceback" not in run.stdout, run.stderr
    assert "Score: 0 of 4 points. Attempts used: 1 of 3; the next can earn up to 3." in run.stdout
    shown = re.search(r"Score: ([\d.]+) of 4 points \(attempt 2 can earn up to 3\)\.", run.stdout)
    assert shown and float(shown.group(1)) == 3
    with open(submit, newline="", encoding="utf-8") as fh:
        assert [(r["answer"], r["attempts"]) for r in csv.DictReader(fh)] == [(right, "2")]
    book = tmp_path / "gradebook.csv"
    graded = calctutor(["grade", str(submit), "--assignment", str(tmp_path / "quiz.toml"), "--out", str(book)],
                       tmp_path)
    assert graded.returncode == 0, graded.stderr
    with open(book, newline="", encoding="utf-8") as fh:
        table = list(csv.reader(fh))
    assert float(dict(zip(table[0], table[2]))[SECOND]) == float(shown.group(1))
