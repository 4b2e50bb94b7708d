"""Laws over generated functions: every step's output is sympy.diff of its input.

Hypothesis builds random compositions of the course's functions; each derivation
must agree with sympy.diff, every node must verify, and every composite must go
through the chain rule with a substitution.
"""
from __future__ import annotations

import operator

import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tutor.engine.derivative import derivative
from tutor.engine.derivative.check import problems
from tutor.engine.derivative.rules import ChainRule, OuterRule

x, y = sp.symbols("x y")

LEAVES = st.sampled_from([x, x, x, y, sp.Integer(2), sp.Integer(3), sp.Integer(-1), sp.Rational(1, 2), sp.pi])
UNARY = [
    sp.sin, sp.cos, sp.tan, sp.exp, sp.log, sp.sqrt, sp.asin, sp.atan, sp.sinh, sp.cosh, sp.tanh, sp.Abs,
    sp.sec, sp.acos, sp.asinh,
    lambda u: 2**u, lambda u: sp.log(u, 2), lambda u: u**3, lambda u: u**-2, lambda u: u ** sp.Rational(3, 2),
    lambda u: 5 * u,
]
BINARY = [operator.add, operator.sub, operator.mul, operator.truediv]


def _extend(children):
    unary = st.tuples(st.sampled_from(UNARY), children).map(lambda t: t[0](t[1]))
    binary = st.tuples(st.sampled_from(BINARY), children, children).map(lambda t: t[0](t[1], t[2]))
    return st.one_of(unary, binary)


FUNCTIONS = st.recursive(LEAVES, _extend, max_leaves=7)


def _usable(e) -> bool:
    return (isinstance(e, sp.Expr) and e.has(x) and not e.has(sp.zoo, sp.nan, sp.oo, -sp.oo)
            and sp.count_ops(e) <= 40)


@settings(max_examples=160)
@given(FUNCTIONS)
def test_every_step_equals_sympy_diff_of_its_input(fn):
    assume(_usable(fn))
    d = derivative(fn, x, simplify=False)
    assert problems(d) == []


@settings(max_examples=160)
@given(FUNCTIONS)
def test_every_composite_goes_through_the_chain_rule(fn):
    assume(_usable(fn))
    tree = derivative(fn, x, simplify=False).steps
    for step in tree.walk():
        if isinstance(step, OuterRule):
            assert step.argument == step.var
        if isinstance(step, ChainRule):
            outer = step.substeps[0]
            assert outer.var == step.letter and step.letter not in fn.free_symbols
            assert step.inner.has(x) and step.inner != x


@settings(max_examples=40)
@given(FUNCTIONS)
def test_the_simplified_result_is_still_the_derivative(fn):
    assume(_usable(fn))
    d = derivative(fn, x)
    assert problems(d) == []
