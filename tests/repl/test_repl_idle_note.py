"""A derivative typed with no exercise open is pointed to a calculator command that really computes it."""
from __future__ import annotations

import re

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor import parse
from tutor.repl.calculator import CALCULATOR, idle_note

x = sp.Symbol("x")
TERMS = ["x^2", "sin(x)", "exp(x)", "x^3", "cos(x)", "ln(x)", "3x"]


@settings(max_examples=15, deadline=None)
@given(st.lists(st.sampled_from(TERMS), min_size=1, max_size=3))
def test_the_suggested_diff_command_gives_the_derivative(terms):
    expr_text = " + ".join(terms)
    note = idle_note(f"d/dx {expr_text}")
    command = re.search(r"the calculator: (.+)$", note).group(1)
    word, _, rest = command.partition(" ")
    printed = "\n".join(CALCULATOR[word].run(rest, "text"))
    result = printed.strip().splitlines()[-1]
    final = result.split("=")[-1].strip().rstrip(".")
    assert sp.simplify(parse(final, ["x"]) - sp.diff(parse(expr_text, ["x"]), x)) == 0


def test_text_that_is_not_mathematics_gets_no_suggestion():
    for text in ("hello there", "what now?", "42"):
        assert "calculator" not in idle_note(text)
