"""Laws critical points obey, checked on generated polynomials (Hypothesis)."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tutor.engine.critical import critical_points

x, y = sp.symbols("x y")
small = st.integers(-4, 4)


@settings(max_examples=40)
@given(small, small, small, small, small)
def test_quadratic_has_one_point_classified_by_d(a, b, c, d, e):
    """ax^2 + bxy + cy^2 + dx + ey with 4ac - b^2 != 0: one point, the D-test's kind, Hessian [[2a, b], [b, 2c]]."""
    det = 4 * a * c - b * b
    assume(det != 0)
    f = a * x**2 + b * x * y + c * y**2 + d * x + e * y
    r = critical_points(f)
    assert r.complete and len(r) == 1 and not r.families
    p = r[0]
    px, py = sp.Matrix([[2 * a, b], [b, 2 * c]]).solve(sp.Matrix([-d, -e]))
    assert p.point == {x: px, y: py}
    assert p.hessian == sp.Matrix([[2 * a, b], [b, 2 * c]])
    expected = "saddle" if det < 0 else ("minimum" if a > 0 else "maximum")
    assert p.kind == expected
    assert p.value == f.subs({x: px, y: py})
    assert p.is_global is (True if expected != "saddle" else None)


polys = st.lists(st.integers(-3, 3), min_size=6, max_size=6)


@settings(max_examples=15)
@given(polys)
def test_points_solve_the_gradient_and_kinds_match_eigenvalues(coeffs):
    """Random quartics: every point zeroes the gradient; nondegenerate kinds agree with numpy's eigenvalues."""
    monomials = [x**4, y**4, x**2 * y, x * y**2, x * y, x - y]
    f = sum(c * m for c, m in zip(coeffs, monomials))
    assume(f.free_symbols == {x, y})
    r = critical_points(f, timeout=60)  # a generous budget: the law, not the machine's load, is tested
    assume(not any(n.key == "timeout" for n in r.notes))
    assert r.complete
    grad = [sp.diff(f, v) for v in (x, y)]
    hess = sp.lambdify((x, y), sp.hessian(f, (x, y)), "numpy")
    for p in r:
        at = dict(zip((x, y), (sp.N(c, 40) for c in p.coordinates)))
        assert all(abs(sp.N(g.subs(at), 30)) < 1e-20 for g in grad)
        ev = np.linalg.eigvalsh(np.array(hess(*p.approx()), dtype=float))
        if p.kind == "minimum":
            assert ev.min() > 0
        elif p.kind == "maximum":
            assert ev.max() < 0
        elif p.kind == "saddle":
            assert ev.min() < 0 < ev.max()
        else:
            assert min(abs(ev)) < 1e-9


@settings(max_examples=20)
@given(st.integers(-3, 3), st.integers(-3, 3))
def test_translation_moves_points_and_keeps_kinds(a, b):
    f = x**3 + y**3 - 3 * x * y
    base = critical_points(f)
    moved = critical_points(f.subs({x: x - a, y: y - b}, simultaneous=True))
    assert sorted((p.point[x] + a, p.point[y] + b, p.kind) for p in base) == \
        sorted((p.point[x], p.point[y], p.kind) for p in moved)


@settings(max_examples=30)
@given(st.lists(st.integers(-5, 5), min_size=3, max_size=6))
def test_one_variable_points_are_the_real_roots_of_f_prime(coeffs):
    f = sum(c * x ** (k + 1) for k, c in enumerate(coeffs))
    assume(sp.degree(f, x) >= 2)
    r = critical_points(f, [x])
    roots = sorted(set(sp.Poly(sp.diff(f, x), x).real_roots()), key=float)
    assert [float(p.point[x]) for p in r] == pytest.approx([float(q) for q in roots], rel=1e-13)
    for p in r:  # the higher-derivative test settles every point of a polynomial
        assert p.conclusion in ("minimum", "maximum", "not an extremum")


def test_quartic_whose_cubic_resolvent_has_complex_radicals():
    """Regression: a real root written with complex cube roots must not be compared as complex."""
    f = x**4 + y**4 + x**2 * y + x * y**2
    r = critical_points(f, timeout=60)
    assert len(r) == 4 and r.complete
    grad = [sp.diff(f, v) for v in (x, y)]
    for p in r:
        at = dict(zip((x, y), (sp.N(c, 40) for c in p.coordinates)))
        assert all(abs(sp.N(g.subs(at), 30)) < 1e-20 for g in grad)
    assert sorted(p.kind for p in r) == ["inconclusive", "minimum", "minimum", "minimum"]
