"""Critical points without a gradient (issue 19): the corpus re-checked by sampling, and the wording.

The engine's verdicts come from exact one-sided difference quotients and the form of f − f(p);
here they are checked independently with 50-digit evaluation of f near each point.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

import mpmath
import pytest
import sympy as sp

import tutor
from tutor.engine.real_roots import real_form

CASES = tomllib.loads((Path(__file__).resolve().parents[2] / "data" / "critical_no_gradient.toml").read_text())["case"]
POINTS = [(c, p) for c in CASES for p in c["points"] if p["kind"] == "singular"]


def _f(case):
    e = tutor.parse(case["f"])
    vs = sorted(e.free_symbols, key=lambda s: s.name)
    return vs, sp.lambdify(vs, real_form(e), modules="mpmath")


def _samples(n: int, count: int = 40):
    """Directions spread over the circle (or ±1 in one variable), deterministic."""
    if n == 1:
        return [(1,), (-1,)]
    return [(mpmath.cos(2 * mpmath.pi * k / count), mpmath.sin(2 * mpmath.pi * k / count)) for k in range(count)]


@pytest.mark.parametrize("case, want", POINTS, ids=[f'{c["id"]}@{p["at"]}' for c, p in POINTS])
def test_local_behaviour_by_sampling(case, want):
    mpmath.mp.dps = 50
    vs, f = _f(case)
    p = [mpmath.mpf(sp.Rational(a)) for a in want["at"]]
    fp = f(*p)
    signs = set()
    for r in (mpmath.mpf("1e-3"), mpmath.mpf("1e-6")):
        for d in _samples(len(vs)):
            v = f(*(a + r * c for a, c in zip(p, d))) - fp
            signs.add(0 if abs(v) < mpmath.mpf("1e-40") else (1 if v > 0 else -1))
    conclusion = want["conclusion"]
    if conclusion == "minimum":
        assert -1 not in signs
    elif conclusion == "maximum":
        assert 1 not in signs
    else:
        assert {1, -1} <= signs


@pytest.mark.parametrize("case, want", POINTS, ids=[f'{c["id"]}@{p["at"]}' for c, p in POINTS])
def test_a_partial_derivative_fails_or_all_vanish(case, want):
    """One-sided difference quotients at 50 digits: different sides or blow-up, else all near 0."""
    mpmath.mp.dps = 50
    vs, f = _f(case)
    p = [mpmath.mpf(sp.Rational(a)) for a in want["at"]]
    fp = f(*p)
    h = mpmath.mpf("1e-12")
    failing, slopes = False, []
    for i in range(len(vs)):
        step = [mpmath.mpf(0)] * len(vs)
        step[i] = h
        right = (f(*(a + s for a, s in zip(p, step))) - fp) / h
        left = (f(*(a - s for a, s in zip(p, step))) - fp) / -h
        slopes += [right, left]
        failing |= abs(right - left) > mpmath.mpf("1e-3") or abs(right) > 1e3
    assert failing or all(abs(s) < mpmath.mpf("1e-3") for s in slopes)


def test_the_worked_solution_says_there_is_no_gradient():
    r = tutor.critical_points("sqrt(x^2 + y^2)")
    text = r.to_text()
    assert "does not exist" in text and "no gradient" in text and "global minimum" in text
    assert "dropped" in text  # the solver's dropped solution is then examined, and the list is complete
    assert r.complete and "This list is complete" in text
    md = r.to_markdown()
    assert "no gradient" in md and "—" in md


def test_no_critical_point_is_invented_where_f_is_undefined():
    # 1/(x^2 + y^2) is undefined at the origin: nothing to add there
    r = tutor.critical_points("1/(x^2 + y^2)")
    assert len(r) == 0


def test_figure_marks_points_without_gradient(tmp_path):
    from tutor.plots.surfaces import _marks, _style

    r = tutor.critical_points("abs(x) + abs(y)")
    (coords, kind), = _marks(r)
    assert coords == (0.0, 0.0) and kind == "minimum (no gradient)"
    marker, _, label = _style(kind)
    assert marker == "D" and label == "minimum (no gradient)"


def test_figure_draws_the_curves_without_gradient(tmp_path, monkeypatch):
    import matplotlib.figure

    from tutor.plots import surfaces

    captured = {}
    real_save = surfaces.save

    def keep(fig, path):
        captured["fig"] = fig
        return real_save(fig, path)

    monkeypatch.setattr(surfaces, "save", keep)
    out = surfaces.plot_critical(tutor.critical_points("abs(x)*abs(y)"), tmp_path / "c.png")
    assert out.exists() and isinstance(captured["fig"], matplotlib.figure.Figure)
    contour = captured["fig"].axes[1]
    labels = [t.get_text() for t in contour.get_legend().get_texts()]
    assert "no gradient on x = 0 (minimum)" in labels and "no gradient on y = 0 (minimum)" in labels
    assert "minimum (no gradient)" in labels
