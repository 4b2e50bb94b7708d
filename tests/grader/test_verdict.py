"""The Verdict record: the contract's fields, JSON, renderers, and the status rules."""
from __future__ import annotations

import dataclasses
import json

import pytest
import sympy as sp

import grader
from grader.verdict import ComponentVerdict, Interpretation, Verdict


def test_fields_are_the_contracts():
    names = [f.name for f in dataclasses.fields(Verdict)]
    assert names == ["status", "score", "feedback", "interpreted", "details", "mistake", "error", "notes"]
    assert [f.name for f in dataclasses.fields(ComponentVerdict)] == ["label", "status", "feedback", "notes"]


def test_verdicts_are_frozen_and_validated():
    v = grader.check("x", "x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        v.status = "incorrect"  # type: ignore[misc]
    with pytest.raises(ValueError):
        Verdict("wrong", 0.0, "")
    with pytest.raises(ValueError):
        Verdict("correct", 1.5, "")


def test_interpretation_has_text_unicode_and_latex():
    i = Interpretation(sp.sqrt(sp.Symbol("x")) / 2)
    assert i.text == "sqrt(x)/2"
    assert "√" in i.unicode
    assert "\\sqrt" in i.latex
    assert i.to_dict() == {"text": i.text, "unicode": i.unicode, "latex": i.latex}


def test_to_dict_is_json_ready_and_renderers_all_work():
    v = grader.check("(2x y, x^2)", "(2x y, 2x)", kind="gradient")
    data = json.loads(json.dumps(v.to_dict()))
    assert data["status"] == "partial" and data["details"][1]["label"] == "∂f/∂y"
    assert data["interpreted"]["text"] == "(2x*y, 2x)"
    for fmt in ("text", "unicode", "latex", "markdown", "html"):
        out = v.render(fmt)
        assert "Partly correct" in out and "Score: 0.5" in out
    assert grader.check("x", "x +").to_text().startswith("Invalid")


def test_decimal_answers_are_shown_as_typed():
    assert grader.check("x/3", "0.3333x").interpreted.text.startswith("0.3333")


def test_statuses_keep_invalid_and_undecided_apart_from_incorrect():
    assert grader.check("x", "x +").score == 0 and grader.check("x", "x +").error
    u = grader.check("(x+1)^3000", "(x+1)^3000", form="expanded", timeout=0.3)
    assert u.status == "undecided" and u.error is None and u.mistake is None
