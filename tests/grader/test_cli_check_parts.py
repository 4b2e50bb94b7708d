"""``calctutor check --exercise ID ANSWER``: a whole multi-part answer, a verdict per part."""
from __future__ import annotations

import json
import subprocess
import sys

import exercises


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tutor", "check", *args], capture_output=True, text=True,
                          timeout=180)


def _right() -> dict[str, str]:
    v = exercises.load()["line-fit-chain"].variant(0)
    return {name: pv.answer_text for name, pv in v.parts}


def test_a_whole_right_answer_exits_0_with_every_part_correct():
    r = run("--exercise", "line-fit-chain", "--seed", "0", exercises.load()["line-fit-chain"].variant(0).answer_text)
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("Correct") >= 4 and "Score: 5 of 5 points" in r.stdout


def test_a_step_right_for_a_wrong_gradient_is_carried_forward_in_the_table():
    right = _right()
    grad = [-int(x) for x in right["grad"].strip("()").split(",")]  # the signs the wrong way round
    step = f"({1 - grad[0] / 10:g}, {-grad[1] / 10:g})"
    r = run("--exercise", "line-fit-chain", "--json", f"loss: {right['loss']}; grad: ({grad[0]}, {grad[1]}); step: {step}")
    assert r.returncode == 1, r.stderr
    data = json.loads(r.stdout)
    statuses = {p["name"]: (p["status"], p["earned"]) for p in data["parts"]}
    assert statuses == {"loss": ("correct", 1.0), "grad": ("incorrect", 0.0), "step": ("carried", 2.0)}
    assert data["status"] == "partial" and data["score"] == 0.6
    assert right["step"] not in r.stdout  # guided feedback: the right step is never shown


def test_follow_through_can_be_set_on_the_command_line():
    right = _right()
    grad = [-int(x) for x in right["grad"].strip("()").split(",")]
    step = f"({1 - grad[0] / 10:g}, {-grad[1] / 10:g})"
    r = run("--exercise", "line-fit-chain", "--follow-through", "0.5", "--json",
            f"grad: ({grad[0]}, {grad[1]}); step: {step}")
    data = json.loads(r.stdout)
    assert [p["earned"] for p in data["parts"]] == [0.0, 0.0, 1.0] and data["parts"][0]["verdict"] is None


def test_an_answer_that_names_no_part_is_invalid_with_what_to_type():
    r = run("--exercise", "line-fit-chain", "(1, 2)")
    assert r.returncode == 2 and "name: answer" in r.stdout and "Traceback" not in r.stderr


def test_mistakes_of_use_are_clear_messages():
    r = run("--exercise", "line-fit-chain", "2x", "2x")
    assert r.returncode == 2 and "give only the ANSWER" in r.stderr
    r = run("--exercise", "line-fit-chan", "x")
    assert r.returncode == 2 and "did you mean 'line-fit-chain'" in r.stderr
    r = run("2x")
    assert r.returncode == 2 and "give EXPECTED and ANSWER" in r.stderr
