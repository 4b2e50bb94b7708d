"""Results keep the course's form: tidying never trades the input's functions for others (issue 13).

The sigmoid's derivative is e^(−z)/(1 + e^(−z))², as every ML course writes it,
not SymPy's 1/(4·cosh(z/2)²). The law: over exp/log/rational combinations, the
tidied derivative contains no hyperbolic (or trigonometric) function when the
input has none, and it is still sympy.diff of the input.
"""
from __future__ import annotations

import operator

import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tutor.engine.derivative import derivative
from tutor.engine.derivative.tidy import families, shortest

z = sp.Symbol("z")
x = sp.Symbol("x")
FOREIGN = (sp.sinh, sp.cosh, sp.tanh, sp.coth, sp.sech, sp.csch, sp.sin, sp.cos, sp.tan)

LEAVES = st.sampled_from([x, x, x, sp.Integer(1), sp.Integer(2), sp.Integer(-1), sp.Rational(1, 2)])
UNARY = [sp.exp, lambda u: sp.exp(-u), sp.log, lambda u: 1 / u, lambda u: u**2, lambda u: 1 / (1 + sp.exp(-u)),
         lambda u: 1 + u, lambda u: 3 * u]
BINARY = [operator.add, operator.sub, operator.mul, operator.truediv]


def _extend(children):
    unary = st.tuples(st.sampled_from(UNARY), children).map(lambda t: t[0](t[1]))
    binary = st.tuples(st.sampled_from(BINARY), children, children).map(lambda t: t[0](t[1], t[2]))
    return st.one_of(unary, binary)


EXP_LOG_RATIONAL = st.recursive(LEAVES, _extend, max_leaves=5)


def _usable(e) -> bool:
    return (isinstance(e, sp.Expr) and e.has(x) and not e.has(sp.zoo, sp.nan, sp.oo, -sp.oo)
            and sp.count_ops(e) <= 25)


def test_the_sigmoid_derivative_keeps_its_exponentials():
    d = derivative(1 / (1 + sp.exp(-z)), z)
    assert not d.result.has(sp.cosh, sp.sinh, sp.tanh)
    assert d.result == sp.exp(-z) / (1 + sp.exp(-z)) ** 2
    assert "cosh" not in d.to_text() and "Now simplify" not in d.to_text()


def test_a_hyperbolic_input_may_keep_hyperbolic_functions():
    d = derivative(sp.tanh(x), x)
    assert families(d.result) == {"hyperbolic"}
    assert sp.simplify(d.result - sp.diff(sp.tanh(x), x)) == 0


def test_families_group_functions_the_way_a_course_does():
    assert families(sp.exp(x) + sp.log(x)) == {"exp", "log"}
    assert families(sp.cosh(x) * sp.tanh(x)) == {"hyperbolic"}
    assert families(sp.sin(x) / sp.cos(x)) == {"trigonometric"}
    assert families(x**2 + 1) == set()


def test_shortest_prefers_the_inputs_families_over_a_shorter_foreign_form():
    raw = sp.exp(-z) / (1 + sp.exp(-z)) ** 2
    assert sp.simplify(raw).has(sp.cosh)  # what SymPy alone would show
    assert shortest(raw, like=1 / (1 + sp.exp(-z))) == raw


def test_shortest_still_shortens_within_the_inputs_families():
    raw = 2 * x * sp.exp(x) + 2 * x**2 * sp.exp(x) - 2 * x * sp.exp(x)
    assert sp.count_ops(shortest(sp.expand(raw), like=x**2 * sp.exp(x))) <= sp.count_ops(sp.expand(raw))


@settings(max_examples=80, deadline=None)
@given(EXP_LOG_RATIONAL)
def test_no_hyperbolic_or_trigonometric_function_appears_from_nowhere(fn):
    assume(_usable(fn))
    d = derivative(fn, x)
    assume(d.result is not None)
    assert not d.result.has(*FOREIGN), (fn, d.result)
    assert sp.simplify(d.result - sp.diff(fn, x)) == 0


def test_diff_in_the_cli_and_the_repl_shows_the_course_form(capsys):
    from tutor.cli import main
    from tutor.repl.calculator import CALCULATOR

    assert main(["diff", "1/(1 + exp(-z))"]) == 0
    out = capsys.readouterr().out
    assert "cosh" not in out and "e^(−z)/(1 + e^(−z))²" in out
    (shown,) = CALCULATOR["diff"].run("1/(1 + exp(-z))")
    assert "cosh" not in shown and "e^(−z)/(1 + e^(−z))²" in shown
