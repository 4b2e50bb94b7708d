"""The critical-point corpus: every point found, classified and valued as the corpus says."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import sympy as sp

import tutor
from tutor.engine.critical import critical_points

CORPUS = Path(__file__).resolve().parents[2] / "data" / "critical_points.toml"
CASES = tomllib.loads(CORPUS.read_text())["case"]
NO_GRADIENT = tomllib.loads((CORPUS.parent / "critical_no_gradient.toml").read_text())["case"]


def _num(v) -> sp.Expr:
    return sp.Float(v, 17) if isinstance(v, float) else tutor.parse(str(v))


def _close(a: sp.Expr, b: sp.Expr, tol: float = 1e-9) -> bool:
    x, y = complex(sp.N(a, 30)), complex(sp.N(b, 30))
    return abs(x - y) <= tol * max(1.0, abs(y))


def _run(case):
    variables = case.get("variables")
    return critical_points(tutor.parse(case["f"], variables), variables, case.get("domain"))


def test_corpus_size_and_sources():
    assert len(CASES) >= 30
    text = CORPUS.read_text()
    for case in CASES:  # every entry carries a comment naming its source
        before = text[: text.index(f'id = "{case["id"]}"')].rstrip().splitlines()
        assert before[-1] == "[[case]]" and before[-2].startswith("#"), case["id"]
    kinds = {len(c["points"][0]["at"]) for c in CASES if c["points"]}
    assert kinds == {1, 2, 3}
    assert sum(1 for c in CASES if c.get("sympy_solve") == "misses") >= 3


@pytest.mark.parametrize("case", CASES + NO_GRADIENT, ids=[c["id"] for c in CASES + NO_GRADIENT])
def test_corpus_case(case):
    result = _run(case)
    expected = case["points"]
    assert len(result) == len(expected), [p.coordinates for p in result]
    assert result.complete is case["complete"]
    for want in expected:
        at = [_num(a) for a in want["at"]]
        matches = [p for p in result if all(_close(c, a) for c, a in zip(p.coordinates, at))]
        assert len(matches) == 1, (want, [p.approx() for p in result])
        got = matches[0]
        assert got.kind == want["kind"], (want, got.kind)
        assert got.conclusion == want.get("conclusion", want["kind"]), (want, got.conclusion)
        assert _close(got.value, _num(want["value"])), (want, got.value)
        if isinstance(want["value"], str):  # exact expectations must come back exact
            assert not got.value.has(sp.Float) and sp.simplify(got.value - _num(want["value"])) == 0
            assert all(not c.has(sp.Float) and sp.simplify(c - a) == 0 for c, a in zip(got.coordinates, at))
        if "global" in want:
            assert got.is_global is want["global"], (want, got.is_global)
        assert got.to_text()  # every point explains itself
    families = case.get("families", [])
    assert len(result.families) == len(families), [f.equations for f in result.families]
    for want in families:
        samples = [[_num(a) for a in s] for s in want["samples"]]
        owners = [f for f in result.families
                  if all(all(e.subs(dict(zip(result.variables, s))) == 0 for e in f.equations) for s in samples)]
        assert len(owners) == 1, (want, [f.equations for f in result.families])
        assert owners[0].conclusion == want["conclusion"]
        if "value" in want or owners[0].value is not None:
            assert sp.simplify(owners[0].value - _num(want["value"])) == 0
