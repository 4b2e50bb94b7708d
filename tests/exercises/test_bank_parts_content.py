"""The multi-part chains' right answers agree with the engine's own one-step computations.

Many later parts are ``numeric`` (the author writes the formula that uses ``{earlier}``
answers), so nothing else checks those formulas: here each chain's last answer is
compared with what ``tutor.descend``, ``tutor.directional_derivative``, ``tutor.tangent``,
``tutor.difference_quotient`` and the least-squares engine compute from the stem alone.
"""
from __future__ import annotations

import pytest
import sympy as sp

import exercises
import tutor

SEEDS = range(4)


@pytest.fixture(scope="module")
def bank():
    return exercises.load()


def _num(value) -> float:
    return float(sp.N(value, 20))


def _close(a, b, rel: float = 1e-9) -> bool:
    return abs(_num(a) - float(b)) <= rel * (1 + abs(float(b)))


@pytest.mark.parametrize("seed", SEEDS)
def test_momentum_matches_torch_formulas(bank, seed):
    v = bank["momentum-two-steps-chain"].variant(seed)
    c, s, r = (v.params[k] for k in ("c", "s", "r"))
    run = tutor.descend(f"x^2 - {c}*x", [float(s)], float(r), 2, method="momentum", momentum=0.9)
    assert _close(v.part("x1").answer, run.points[1][0])
    assert _close(v.part("x2").answer, run.points[2][0])


@pytest.mark.parametrize("seed", SEEDS)
def test_adam_first_step_matches_the_engine(bank, seed):
    v = bank["adam-first-step-chain"].variant(seed)
    c, s, r = (v.params[k] for k in ("c", "s", "r"))
    run = tutor.descend(f"x^2 + {c}*x", [float(s)], float(r), 1, method="adam")
    assert _close(v.part("x1").answer, run.points[1][0], 1e-7)


@pytest.mark.parametrize("seed", SEEDS)
def test_least_squares_solution_and_step_match_the_engine(bank, seed):
    from tutor.engine.descent import least_squares

    v = bank["ls-normal-solution-step-chain"].variant(seed)
    p = v.params
    xs, ys = [1, 2, p["c"]], [p["y1"], p["y2"], p["y3"]]
    ls = least_squares([[x] for x in xs], ys)
    assert sp.simplify(v.part("beta").answer - ls.solution[0]) == 0
    b = sp.Symbol("b")
    loss = sum((y - b * x) ** 2 for x, y in zip(xs, ys))
    run = tutor.descend(loss, [1.0], 0.01, 1, variables=[b])
    assert _close(v.part("step").answer, run.points[1][0])


@pytest.mark.parametrize("seed", SEEDS)
def test_directional_parts_match_the_engine(bank, seed):
    v = bank["directional-steepest-chain"].variant(seed)
    p = v.params
    r = tutor.directional_derivative(f"x^2*y + {p['c']}*y^2", [p["u1"], p["u2"]], {"x": p["p"], "y": p["q"]})
    assert sp.simplify(v.part("rate").answer - r.value) == 0
    assert sp.simplify(v.part("max_rate").answer - r.max_rate) == 0
    assert all(sp.simplify(a - b) == 0 for a, b in zip(v.part("steepest").answer, r.steepest))


@pytest.mark.parametrize("seed", SEEDS)
def test_tangent_line_matches_the_engine(bank, seed):
    v = bank["tangent-line-chain"].variant(seed)
    c, a0 = v.params["c"], v.params["a0"]
    t = tutor.tangent(f"x^3 - {c}*x^2 + 2", {"x": a0})
    assert sp.expand(v.part("tangent").answer - t.linear) == 0


@pytest.mark.parametrize("seed", SEEDS)
def test_backpropagation_gives_the_weight_derivative(bank, seed):
    v = bank["neuron-backprop-chain"].variant(seed)
    p = v.params
    w = sp.Symbol("w")
    loss = (1 / (1 + sp.exp(-(w * p["x0"] + p["b0"]))) - p["y0"]) ** 2
    assert _close(v.part("dl_dw").answer, _num(sp.diff(loss, w).subs(w, p["w0"])))


@pytest.mark.parametrize("seed", SEEDS)
def test_difference_quotient_parts_match_the_engine(bank, seed):
    v = bank["difference-quotient-limit-chain"].variant(seed)
    c, a0 = v.params["c"], v.params["a0"]
    q = tutor.difference_quotient(f"x^2 + {c}*x", {"x": a0}, sp.Rational(1, 10), kind="forward")
    assert sp.simplify(v.part("chord").answer - q.value) == 0
    assert v.part("derivative").answer == 2 * a0 + c


@pytest.mark.parametrize("seed", SEEDS)
def test_the_stable_bound_and_behaviour_agree(bank, seed):
    v = bank["lr-stability-chain"].variant(seed)
    a, r = v.params["a"], v.params["r"]
    assert v.part("bound").answer == sp.Rational(1, 1) / a
    factor = v.part("factor").answer
    assert factor == 1 - 2 * a * r
    assert (abs(factor) < 1) == (v.part("behaviour").answer == "a")
