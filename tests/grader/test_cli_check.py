"""``calctutor check``: how the answer was read, the verdict, and the exit status."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tutor", "check", *args], capture_output=True, text=True,
                          timeout=120)


def test_correct_answer_exits_0_and_shows_the_reading():
    r = run("2x cos(x^2)", "2 x cos(x^2)")
    assert r.returncode == 0, r.stderr
    assert "Correct" in r.stdout and "read as" in r.stdout


def test_wrong_answer_exits_1_with_specific_feedback():
    r = run("2x cos(x^2)", "cos(x^2)")
    assert r.returncode == 1
    assert "missing the factor" in r.stdout


def test_unreadable_answer_exits_2_with_a_caret():
    r = run("2x cos(x^2)", "2x cos(x^2")
    assert r.returncode == 2 and "^" in r.stdout and "Traceback" not in r.stderr


def test_unreadable_expected_exits_2_with_a_message():
    r = run("2x +", "x")
    assert r.returncode == 2 and "could not read EXPECTED" in r.stderr and "Traceback" not in r.stderr


def test_json_output_is_the_verdict_dict():
    r = run("(2x y, x^2)", "(2x y, 2x)", "--kind", "gradient", "--json")
    assert r.returncode == 1
    data = json.loads(r.stdout)
    assert data["status"] == "partial" and data["score"] == 0.5
    assert [d["label"] for d in data["details"]] == ["∂f/∂x", "∂f/∂y"]
    assert data["interpreted"]["latex"]


@pytest.mark.parametrize("args, status", [
    (("(0, 1/2)", "0 < lr < 1/2", "--kind", "interval"), 0),
    (("b", "c", "--choices", "a,b,c"), 1),
    (("true", "false"), 1),
    (("x/3", "0.3333x", "--exact"), 1),
    (("x + 2y = c", "y = (c - x)/2"), 0),
])
def test_other_kinds_from_the_command_line(args, status):
    r = run(*args)
    assert r.returncode == status, r.stdout + r.stderr


def test_defined_functions_and_asked_on_the_command_line():
    sig = ("--function", "σ(z)=1/(1+exp(-z))", "--asked", "σ'(z)")
    r = run("exp(-z)/(1+exp(-z))^2", "σ'(z) = σ(z)(1 - σ(z))", *sig)
    assert r.returncode == 0 and "read as (1 − σ(z))·σ(z)" in r.stdout, r.stdout + r.stderr
    r = run("exp(-z)/(1+exp(-z))^2", "f'(z) = σ(z)(1 - σ(z))", *sig)
    assert r.returncode == 2 and "names the function f, but the question is about σ" in r.stdout
    r = run("x", "x", "--function", "h(x)=1+")
    assert r.returncode == 2 and "cannot read the definition of h(x)" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("expected", ["{(0, 0) saddle, (1, 1) local minimum}", "(0,0) saddle; (1,1) min",
                                      "saddle at (0, 0) and minimum at (1, 1)"])
def test_a_classified_point_set_is_taken_as_expected(expected):
    right = run(expected, "(1, 1) minimum, (0, 0) saddle")
    assert right.returncode == 0 and "classified each one" in right.stdout, right.stdout + right.stderr
    wrong = run(expected, "(1, 1) maximum, (0, 0) saddle")
    assert wrong.returncode == 1 and "not classified right" in wrong.stdout, wrong.stdout + wrong.stderr
    plain = run(expected, "(1, 1), (0, 0)")
    assert plain.returncode == 1 and "not classified" in plain.stdout


def test_a_classified_expected_set_without_a_point_is_a_clear_error():
    r = run("{saddle, (1, 1) min}", "(1, 1) min")
    assert r.returncode == 2 and "in the expected points, “saddle” needs a point and its kind" in r.stderr
    assert "Traceback" not in r.stderr


def test_the_api_takes_a_classified_point_set_text_as_expected():
    import grader

    v = grader.check("(0, 0) saddle, (2, 0) global maximum", "(2,0) global max, (0,0) saddle", kind="point_set")
    assert v.status == "correct"
    assert grader.check("(0, 0) saddle, (2, 0) global maximum", "(2,0) min, (0,0) saddle",
                        kind="point_set").status != "correct"
