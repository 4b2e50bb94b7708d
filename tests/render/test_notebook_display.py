"""Every result object and Verdict displays in Jupyter: MathML HTML, and LaTeX that is maths only."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st
from notebook_checks import html_problems, latex_problems

import exercises
import grader
import tutor
from tutor.render import Doc, Line, Math, Step, Table, line
from tutor.render.mathjax import render_mathjax, words


def _results():
    bank = exercises.load()
    variant = bank["gradient-at-point"].variant(3)
    yield "derivative", tutor.derivative("sin(x^2) * exp(-x) / (1 + x^2)", "x")
    yield "partial", tutor.partial("x^2 y + sin(x y)", "y")
    yield "gradient", tutor.gradient("x^2 y + sin(x y)")
    yield "hessian", tutor.hessian("x^3 y - y^2")
    yield "jacobian", tutor.jacobian("(x y, x + y^2)")
    yield "tangent", tutor.tangent("x^2 + y^2", "(1, 2)")
    yield "taylor", tutor.taylor("exp(x) cos(y)", "(0, 0)", 2)
    yield "directional", tutor.directional_derivative("x^2 y", "(3, 4)", "(1, 1)")
    yield "difference quotient", tutor.difference_quotient("x^2", 1, "1/10")
    yield "evaluate", tutor.evaluate("x^2 y", "(2, 3)")
    yield "clairaut", tutor.clairaut("x^2 y^3")
    points = tutor.critical_points("x^3 - 3x + y^2")
    yield "critical points", points
    yield "critical point", points[0]
    yield "surface", tutor.surface_kind("x^2 - y^2", "(0, 0)")
    yield "level curve", tutor.level_curve("x^2 + 4y^2", 4)
    yield "limit", tutor.limit("x y / (x^2 + y^2)", "(0, 0)")
    yield "limit exists", tutor.limit("sin(x)/x", "0")
    yield "descent", tutor.descend("x^2 + 10y^2", "(3, 1)", 0.05, 10)
    yield "momentum", tutor.descend("x^2 + 10y^2", "(3, 1)", 0.05, 10, method="momentum")
    yield "sweep", tutor.lr_sweep("x^2", "2", [0.1, 1.1], 20)
    yield "least squares", tutor.least_squares([[1, 0], [1, 1], [1, 2]], [1, 3, 4])
    yield "verdict correct", grader.check("2x", "2*x")
    yield "verdict incorrect", grader.check("2x", "x^2")
    yield "verdict invalid", grader.check("2x", "2x +* 3")
    yield "verdict vector", grader.check("(2x, 3)", "(2x, 4)")
    yield "interpretation", grader.check("2x", "2*x").interpreted
    yield "variant", variant
    yield "solution", variant.solution


RESULTS = list(_results())


def _has_maths(doc: Doc) -> bool:
    def parts(node):
        if isinstance(node, Line):
            yield from node.parts
        elif isinstance(node, Table):
            for row in node.rows:
                yield from row
        else:
            yield from parts(node.head)
            for child in node.children:
                yield from parts(child)

    nodes = ([doc.title] if doc.title else []) + list(doc.nodes)
    return any(isinstance(p, Math) for n in nodes for p in parts(n))


@pytest.mark.parametrize("name,result", RESULTS, ids=[n for n, _ in RESULTS])
def test_every_result_displays_in_jupyter(name, result):
    assert html_problems(result._repr_html_(), _has_maths(result.doc())) == []
    assert latex_problems(result._repr_latex_()) == []


def test_steps_are_indented_rows_not_lists():
    doc = Doc(Line(("Title: 50% & {x}",)), (Step(line("outer", Math(2)), (Step(line("inner $5")),)),
                                           Table(("x", "f(x)"), ((Math(1), "a_b"),))))
    tex = render_mathjax(doc)
    assert latex_problems(tex) == []
    assert r"\bullet" in tex and r"\quad \bullet" in tex and r"\begin{array}{ll}" in tex


@given(st.text())
def test_any_words_stay_maths(text):
    tex = "$$" + words(text) + "$$"
    assert latex_problems(tex) == [] or not text.strip()
