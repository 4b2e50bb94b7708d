"""One answer set through every front-end: the REPL (piped stdin), ``calctutor check`` and
``calctutor grade`` must give each answer the same verdict (issue 12).

The exercises have no parameters, so every student gets the same variant and
``check`` can be given exactly the variant's expected answer and options.
"""
from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys

import pytest

import exercises

pytestmark = pytest.mark.slow  # many fresh processes with SymPy

SIGMOID, GRADIENT, LIMIT = "sigmoid-derivative", "gradient-course-quadratic", "limit-xy-over-r2"
ANSWERS: list[tuple[str, str, str]] = [  # (exercise, answer, verdict)
    (SIGMOID, "exp(-z)/(1 + exp(-z))^2", "correct"),
    (SIGMOID, "σ(z)(1-σ(z))", "correct"),
    (SIGMOID, "sigma(z)*(1 - sigma(z))", "correct"),
    (SIGMOID, "σ'(z) = σ(z)(1 − σ(z))", "correct"),
    (SIGMOID, "dσ/dz = σ(z)(1 - σ(z))", "correct"),
    (SIGMOID, "σ(z)", "incorrect"),
    (SIGMOID, "σ'(z) = σ(z)^2", "incorrect"),
    (SIGMOID, "f'(z) = σ(z)(1 - σ(z))", "invalid"),       # another function
    (SIGMOID, "σ'(t) = σ(z)(1 - σ(z))", "invalid"),       # another variable
    (SIGMOID, "σ(z) = σ(z)(1 - σ(z))", "invalid"),        # the function, not its derivative
    (SIGMOID, "asdfgh", "invalid"),
    (SIGMOID, "z6 exp(-z)", "invalid"),
    (GRADIENT, "∇f = (6x, 2)", "correct"),
    (GRADIENT, "grad f = <6x, 2>", "correct"),
    (GRADIENT, "(6x, 2)", "correct"),
    (GRADIENT, "∇f = (2, 6x)", "incorrect"),
    (GRADIENT, "f'(x) = (6x, 2)", "invalid"),
    (LIMIT, "DNE", "correct"),
    (LIMIT, "D.N.E.", "correct"),
    (LIMIT, "no limit", "correct"),
    (LIMIT, "does not exist", "correct"),
    (LIMIT, "0", "incorrect"),
    (LIMIT, "nolimit", "invalid"),
]
TITLES = {"Correct": "correct", "Incorrect": "incorrect", "Partly correct": "partial", "Invalid": "invalid",
          "Undecided": "undecided"}


def calctutor(args: list[str], home, stdin: str = "") -> subprocess.CompletedProcess:
    env = dict(os.environ, CALCTUTOR_HOME=str(home), CALCTUTOR_NO_VIEWER="1", COLUMNS="100")
    env.pop("NO_COLOR", None)
    return subprocess.run([sys.executable, "-m", "tutor", *args], input=stdin, capture_output=True, text=True,
                          env=env, timeout=600)


def repl_verdicts(home) -> list[str]:
    lines = [line for ex, answer, _ in ANSWERS for line in (f":open {ex}", answer)] + [":quit"]
    run = calctutor(["--user", "frontends"], home, "".join(f"{line}\n" for line in lines))
    assert run.returncode == 0 and "Traceback" not in run.stdout, run.stderr
    out, found = run.stdout.splitlines(), []
    for ex, answer, _ in ANSWERS:
        at = out.index(f"{ex}> {answer}")
        word = next(line for line in out[at + 1:] if line.split(":")[0].split(".")[0] in TITLES)
        found.append(TITLES[word.split(":")[0].split(".")[0]])
        out = out[at + 1:]
    return found


def check_verdicts(home) -> list[str]:
    bank, found = exercises.load(), []
    for ex, answer, _ in ANSWERS:
        variant = bank[ex].variant(0)
        opts = variant.options()
        args = ["check", variant.answer_text, answer, "--kind", variant.kind, "--json"]
        if opts.get("variables"):
            args += ["--vars", ",".join(str(v) for v in opts["variables"])]
        if opts.get("asked"):
            args += ["--asked", opts["asked"]]
        for name, body in (opts.get("functions") or {}).items():
            args += ["--function", f"{name}={body}"]
        run = calctutor(args, home)
        assert run.returncode in (0, 1, 2) and run.stdout, run.stderr
        found.append(json.loads(run.stdout)["status"])
    return found


def grade_verdicts(home) -> list[str]:
    quiz = home / "quiz.toml"
    quiz.write_text(f'title = "Front-ends"\nexercises = ["{SIGMOID}", "{GRADIENT}", "{LIMIT}"]\n', encoding="utf-8")
    with open(home / "answers.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["student", "exercise", "answer"])
        for i, (ex, answer, _) in enumerate(ANSWERS):
            writer.writerow([f"s{i:02d}", ex, answer])
    run = calctutor(["grade", str(home / "answers.csv"), "--assignment", str(quiz), "--out",
                     str(home / "book.csv"), "--workers", "1"], home)
    assert run.returncode == 0, run.stderr
    with sqlite3.connect(home / "book.journal.sqlite") as db:
        status = {(s, e): st for s, e, st in db.execute("SELECT student, exercise, status FROM outcomes")}
    return [status[(f"s{i:02d}", ex)] for i, (ex, _, _) in enumerate(ANSWERS)]


def test_the_repl_check_and_grade_give_the_same_verdicts(tmp_path):
    expected = [verdict for _, _, verdict in ANSWERS]
    repl, check, grade = repl_verdicts(tmp_path), check_verdicts(tmp_path), grade_verdicts(tmp_path)
    rows = list(zip([a for _, a, _ in ANSWERS], expected, repl, check, grade))
    assert [r for r in rows if len(set(r[1:])) != 1] == []
