"""Issue 19 corpora: sign-changing denominators, oscillation, real odd roots.

Each corpus (tests/data/limits_*.toml) says per entry how its answer was checked. Here the
engine must decide every entry right, with a checked proof for every "exists" and two
witnesses for every "does not exist"; each witness is re-checked independently (SymPy's
limit along the path or sequence), and answers are also compared with sampled values.
"""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

from tutor.engine.limits import limit
from tutor.engine.limits.oscillate import N
from tutor.engine.real_roots import real_form

from limits_corpus import load  # noqa: E402  (this folder is on sys.path)

DATA = Path(__file__).resolve().parents[2] / "data"
CORPORA = {name: load(DATA / f"limits_{name}.toml") for name in ("sign_changing", "oscillation", "real_roots")}
ENTRIES = [(name, e) for name, entries in CORPORA.items() for e in entries]


@pytest.fixture(scope="module")
def outcomes():
    return {e.id: limit(e.f, e.at, direction=e.direction, timeout=15) for _, e in ENTRIES}


def test_each_corpus_has_at_least_ten_checked_cases():
    for name, entries in CORPORA.items():
        assert len(entries) >= 10, name
        assert all(e.check and e.source for e in entries)
    assert any(not e.exists for e in CORPORA["oscillation"]) and any(e.exists for e in CORPORA["oscillation"])


@pytest.mark.parametrize("name, e", ENTRIES, ids=[e.id for _, e in ENTRIES])
def test_decided_right_with_proof_or_witnesses(outcomes, name, e):
    res = outcomes[e.id]
    if e.exists:
        assert res.exists is True, res.to_text()
        assert res.value == e.answer or sp.simplify(res.value - e.answer) == 0
        assert res.proof is not None and res.proof.checks
    else:
        assert res.exists is False, res.to_text()
        a, b = res.witnesses
        assert _along(e, a) == a.value and _along(e, b) == b.value
        assert a.value != b.value


def _along(e, w):
    """The limit of f along the witness, computed again from the corpus f (real roots)."""
    f = real_form(e.f).xreplace(dict(zip(e.at, w.path.coords)))
    p = w.path
    if p.approach == sp.oo:  # a sequence: n = 1, 2, 3, …
        return sp.limit(f.xreplace({p.parameter: N}), N, sp.oo)
    return sp.limit(f, p.parameter, p.approach, p.side or "+")


def _real_mpmath(e):
    """f (real roots) at 50 digits, so that cancellation near the point cannot fake a value."""
    return sp.lambdify(list(e.at), real_form(e.f), modules="mpmath")


@pytest.mark.parametrize("e", [e for _, e in ENTRIES if e.exists and e.answer.is_finite],
                         ids=[e.id for _, e in ENTRIES if e.exists and e.answer.is_finite])
def test_existing_values_agree_with_sampling(e):
    """f at points ever closer to the point (several directions) approaches the answer."""
    import mpmath

    mpmath.mp.dps = 50
    fn = _real_mpmath(e)
    centre = np.array([float(v) for v in e.at.values()])
    target = float(e.answer)
    rng = np.random.default_rng(int.from_bytes(e.id.encode()[:4], "big"))
    for r in (1e-8, 1e-9):  # slow approaches such as r^(1/3) need small r
        for _ in range(6):
            d = rng.normal(size=len(centre))
            d /= np.linalg.norm(d)
            if e.direction == "+":
                d = np.abs(d)
            with np.errstate(all="ignore"):
                v = float(fn(*(centre + r * d)))
            if math.isfinite(v):
                assert abs(v - target) <= 1e-2 * max(1.0, abs(target)), (e.id, r, d, v)


def test_real_roots_through_the_api():
    import tutor

    assert tutor.limit("cbrt(x)", "x=-8").value == -2
    assert tutor.evaluate("cbrt(x)", "x=-8").value == -2
    assert tutor.limit("cbrt(x*y)", "x=-8, y=1").value == -2
    assert tutor.evaluate("x^(2/3)", "x=-8").value == 4
    # the derivative keeps SymPy's form, and at a negative point it is the real root's slope
    d = tutor.derivative("cbrt(x)", "x").result
    assert d == sp.diff(tutor.parse("cbrt(x)"), sp.Symbol("x"))
    assert tutor.evaluate(d, "x=-8").value == sp.Rational(1, 12)
