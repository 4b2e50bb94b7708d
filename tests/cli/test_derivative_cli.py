"""End to end: the derivative commands as a student runs them (subprocess, real exit codes)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


def calctutor(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tutor", *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "CALCTUTOR_TIMEOUT": "5"})


def test_diff_prints_the_course_answer():
    out = calctutor("diff", "3x^2 - 4x + 5", "--format", "text")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "d/dx(3x^2 - 4x + 5) = 6x - 4"


def test_diff_steps_show_the_chain_rule_substitution():
    out = calctutor("diff", "(2x+3)^2", "--steps", "--format", "text")
    assert out.returncode == 0, out.stderr
    assert "Chain rule: let u = 2x + 3" in out.stdout
    assert "Outer derivative (power rule): d/du(u^2) = 2u" in out.stdout
    assert out.stdout.strip().splitlines()[-1] == "So d/dx((2x + 3)^2) = 8x + 12."


def test_diff_json_is_one_object_with_the_step_tree():
    out = calctutor("diff", "log(x^4 + x^3 + 2)", "--json")
    data = json.loads(out.stdout)
    assert data["type"] == "Derivation" and data["steps"]["rule"] == "chain"
    assert data["steps"]["substitution"] == {"u": "x^4 + x^3 + 2"}


def test_diff_partial_and_order():
    assert calctutor("diff", "3x^2 + 2y", "--var", "y", "--format", "text").stdout.strip().endswith("= 2")
    out = calctutor("diff", "x^3", "--order", "2", "--format", "text")
    assert out.stdout.strip() == "d^2/dx^2(x^3) = 6x"


def test_grad_hessian_tangent_taylor_quotient():
    grad = calctutor("grad", "x^4 + y^2", "--at", "x=1,y=2", "--format", "text")
    assert "(4x^3, 2y)" in grad.stdout and "(4, 4)" in grad.stdout
    hess = calctutor("hessian", "x^2 y + y^3", "--format", "text")
    assert "[[2y, 2x], [2x, 6y]]" in hess.stdout
    tan = calctutor("tangent", "3x^2 - 4x + 5", "--at=-2", "--format", "text")
    assert "y = -16x - 7" in tan.stdout and "-16" in tan.stdout
    tay = calctutor("taylor", "exp(x) cos(y)", "--at", "x=0,y=0", "--order", "2", "--json")
    assert json.loads(tay.stdout)["polynomial"] == "x^2/2 + x - y^2/2 + 1"
    quo = calctutor("quotient", "x^2", "--at", "3", "--h", "0.1", "--kind", "central", "--format", "text")
    assert "So the central quotient is 6; its error is 0." in quo.stdout
    assert "forward" in quo.stdout and "backward" in quo.stdout


@pytest.mark.parametrize("args, needle", [
    (("diff", "3x^^2"), "3x^^2\n     ^"),  # the parser's message: the input, then a caret under it
    (("diff", "x*y"), "several variables"),
    (("tangent", "x^2", "--at", "y=1"), "no value for x"),
    (("quotient", "x^2", "--at", "3", "--h", "0"), "non-zero"),
    (("diff", "x^2", "--order", "0"), "--order"),
])
def test_bad_input_exits_2_with_a_message_and_no_traceback(args, needle):
    out = calctutor(*args)
    assert out.returncode == 2
    assert needle in out.stderr and "Traceback" not in out.stderr
