"""Laws over generated functions: quotients of forms, and the witnesses' honesty."""
from __future__ import annotations

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.engine.limits import limit

x, y = sp.symbols("x y")
O2 = {x: 0, y: 0}
small = st.integers(-3, 3)


def _check_witnesses(f, res):
    for w in res.witnesses:
        expr = f.subs(dict(zip((x, y), w.path.coords)))
        for side in ([w.path.side] if w.path.side else ["+", "-"]):
            assert sp.limit(expr, w.path.parameter, w.path.approach, side) == w.value


@settings(max_examples=25, deadline=None)
@given(a=small, b=small, c=small)
def test_quadratic_forms_over_r2(a, b, c):
    """(a x² + b xy + c y²)/(x² + y²) has a limit exactly when it is constant (a = c, b = 0)."""
    f = (a * x**2 + b * x * y + c * y**2) / (x**2 + y**2)
    res = limit(f, O2, timeout=10)
    if a == c and b == 0:
        assert res.exists is True and res.value == a
    else:
        assert res.exists is False
        assert len({w.value for w in res.witnesses}) == 2
        _check_witnesses(f, res)


@settings(max_examples=12, deadline=None)
@given(cs=st.lists(small, min_size=4, max_size=4).filter(any), k=st.integers(1, 3))
def test_cubic_over_positive_quadratic_tends_to_zero_with_a_proof(cs, k):
    P = cs[0] * x**3 + cs[1] * x**2 * y + cs[2] * x * y**2 + cs[3] * y**3
    res = limit(P / (x**2 + k * y**2), O2, timeout=10)
    assert res.exists is True and res.value == 0
    assert res.proof is not None and res.proof.kind in ("squeeze", "simplification")


@settings(max_examples=10, deadline=None)
@given(m=st.integers(1, 3), n=st.integers(1, 2), c=st.integers(1, 3))
def test_balanced_curves_break_the_limit(m, n, c):
    """x^(2m) y^n/(x^(4m) + c y^(2n))... along y^n = x^(2m) the two terms balance: no limit."""
    f = x ** (2 * m) * y**n / (x ** (4 * m) + c * y ** (2 * n))
    res = limit(f, O2, timeout=10)
    assert res.exists is False
    _check_witnesses(f, res)
