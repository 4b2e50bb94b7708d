"""The reader's size guards take shortcuts (no generator walk for an atom, no call for a symbol
factor); each is pinned here against its plain definition on random expressions."""
from __future__ import annotations

import math

import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from test_roundtrip import expressions
from tutor.reading import sizes

SPECIAL = st.sampled_from([sp.oo, -sp.oo, sp.zoo, sp.nan, sp.Integer(10) ** 400, sp.Rational(1, 3 ** 700),
                           sp.Symbol("x"), sp.Integer(0), sp.Tuple(sp.Integer(2) ** 90, sp.Symbol("y"))])
EXPR_SPECIAL = SPECIAL.filter(lambda e: isinstance(e, sp.Expr))
anything = st.one_of(expressions, SPECIAL,
                     st.tuples(expressions, EXPR_SPECIAL).map(lambda ab: sp.Add(*ab, evaluate=False)),
                     st.tuples(expressions, EXPR_SPECIAL).map(lambda ab: sp.Mul(*ab, evaluate=False)),
                     st.lists(expressions, min_size=2, max_size=3).map(lambda rows: sp.ImmutableMatrix([rows])))


def _plain_largest(obj) -> float:
    bits = max((max(abs(int(a.p)).bit_length(), int(a.q).bit_length()) for a in obj.atoms(sp.Rational)), default=0)
    return bits * math.log10(2)


def _plain_product(factors) -> float:
    parts = [sizes._numerator_denominator(f) for f in factors]
    return max(sum(p[0] for p in parts), sum(p[1] for p in parts))


@given(anything)
def test_largest_number_is_the_largest_rational_atom(obj):
    assert sizes.largest_number(obj) == _plain_largest(obj)


@given(anything)
def test_has_infinity_is_a_walk_for_infinities(obj):
    plain = any(isinstance(node, sizes._INFINITE) for node in sp.preorder_traversal(obj))
    assert sizes.has_infinity(obj) == plain


@given(st.lists(st.one_of(expressions, EXPR_SPECIAL), min_size=1, max_size=5))
def test_product_digits_adds_every_factor(factors):
    assert sizes.product_digits(factors) == _plain_product(factors)


def test_a_largest_number_counts_entries_of_a_matrix_and_a_tuple():
    assert sizes.largest_number(sp.ImmutableMatrix([[2 ** 100, 1]])) == (2 ** 100).bit_length() * math.log10(2)
    assert sizes.largest_number(sp.Tuple(sp.Rational(1, 10 ** 50), 1)) == (10 ** 50).bit_length() * math.log10(2)
