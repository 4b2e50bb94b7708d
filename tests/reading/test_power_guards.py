"""The guards of a power take shortcuts: the domain restrictions are found by a stack walk, the
cheap structural test comes before a walk, and the free symbols are walked once. Each shortcut is
pinned here against its plain definition on random expressions (the same answers, and the same
SymPy questions in the same order)."""
from __future__ import annotations

import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from test_roundtrip import expressions
from tutor.reading import sizes, transformer

x = sp.Symbol("x")
SPECIAL = st.sampled_from([sp.oo, -sp.oo, sp.zoo, sp.nan, x + sp.oo, sp.log(x), sp.sqrt(x - 1), sp.log(-x) ** 2,
                           sp.Max(sp.log(x), sp.sqrt(x)), sp.acos(2), sp.I, sp.Integer(0), sp.Rational(1, 2)])
anything = st.one_of(expressions, SPECIAL,
                     st.tuples(expressions, SPECIAL).map(lambda ab: sp.Add(*ab)),
                     st.tuples(expressions, SPECIAL).map(lambda ab: sp.Mul(*ab, evaluate=False)),
                     st.tuples(expressions, SPECIAL).map(lambda ab: sp.Pow(*ab, evaluate=False)))


def _plain_restrictions(expr) -> set:
    out = set()
    for node in sp.preorder_traversal(expr):
        if isinstance(node, sp.log) and node.args[0].free_symbols and not node.args[0].is_positive:
            out.add(node)
        elif (node.is_Pow and node.exp.is_Rational and node.exp.q % 2 == 0 and node.base.free_symbols
              and not node.base.is_nonnegative):
            out.add(node)
    return out


def _plain_drops_domain(base, exp) -> bool:
    if not (base.free_symbols or exp.free_symbols):
        return False
    before = _plain_restrictions(base) | _plain_restrictions(exp)
    return bool(before) and not before <= _plain_restrictions(sp.Pow(base, exp))


def _plain_risky_power(base, exp) -> bool:
    if sizes.has_infinity(base) and not (exp.is_Number or exp.is_Symbol):
        return True
    return sizes.has_infinity(exp) and not exp.is_Atom


@given(st.one_of(anything, st.tuples(anything, anything).map(lambda ab: sp.Tuple(*ab))))
def test_preorder_visits_the_nodes_of_preorder_traversal_in_its_order(expr):
    assert sizes.preorder(expr) == list(sp.preorder_traversal(expr))


@given(anything)
def test_restrictions_are_the_plain_walks(expr):
    assert transformer._restrictions(expr) == _plain_restrictions(expr)


@given(anything, anything)
def test_a_symbolic_power_drops_a_domain_as_the_plain_definition_says(base, exp):
    if base.free_symbols or exp.free_symbols:  # the only powers _power asks about
        assert transformer._drops_domain(base, exp) == _plain_drops_domain(base, exp)


@given(anything, anything)
def test_risky_power_asks_the_cheap_test_first_with_the_same_answer(base, exp):
    assert transformer._risky_power(base, exp) == _plain_risky_power(base, exp)


@given(anything, anything)
def test_unsure_constant_is_asked_only_of_a_base_without_free_symbols(base, exp):
    """_power skips unsure_constant for a base with free symbols: it would say False there."""
    plain = exp.is_number and not exp.is_Integer and sizes.unsure_constant(base)
    short = not exp.is_Integer and not base.free_symbols and exp.is_number and sizes.unsure_constant(base)
    assert short == plain


def test_restrictions_name_logs_and_even_roots_of_what_may_be_negative():
    y = sp.Symbol("y")
    assert transformer._restrictions(sp.log(x) + sp.sqrt(y) + sp.sqrt(x ** 2) + sp.log(sp.exp(x))) == {
        sp.log(x), sp.sqrt(y), sp.sqrt(x ** 2), sp.log(sp.exp(x))}  # x may be complex: x² too may be < 0
    assert transformer._restrictions(sp.log(2) * x + sp.sqrt(3) * x ** 2 + sp.exp(x)) == set()
    assert transformer._drops_domain(sp.E, sp.log(x))  # e^(ln x) = x would forget x > 0
    assert not transformer._drops_domain(x, sp.Integer(2))
