"""The document renderers: every format shows the words and the mathematics of a Doc."""
from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
import sympy as sp

from tutor.render import Doc, Rendered, Step, Table, line, render
from tutor.render.doc import Math, display

x, y = sp.symbols("x y")


def _doc() -> Doc:
    return Doc(
        line("Differentiate", (2 * x + 3) ** 2),
        (
            Step(line("Let u =", 2 * x + 3), (line("then d/du u^2 =", 2 * sp.Symbol("u")),)),
            display(sp.sqrt(x) / (x + 1)),
            Table(("point", "value"), (("origin", Math(sp.Rational(1, 2))),)),
        ),
    )


def test_text_uses_learner_syntax_and_nests_steps():
    out = render(_doc(), "text")
    lines = out.splitlines()
    assert lines[0].startswith("Differentiate")
    assert lines[1].startswith("- Let u =")
    assert lines[2].startswith("  then")  # child indented under its step
    assert "1/2" in out


def test_latex_wraps_math_and_itemizes_steps():
    out = render(_doc(), "latex")
    assert r"\left(2 x + 3\right)^{2}" in out
    assert out.count(r"\begin{itemize}") == 2  # outer steps and the nested child
    assert r"\[\frac{\sqrt{x}}{x + 1}\]" in out
    assert r"\begin{tabular}" in out


def test_markdown_uses_dollar_math_and_tables():
    out = render(_doc(), "markdown")
    assert "$$\\frac{\\sqrt{x}}{x + 1}$$" in out
    assert "| point | value |" in out
    assert "  - then" in out


def test_html_uses_mathml_and_escapes_words():
    doc = Doc(None, (line("a < b and", x),))
    out = render(doc, "html")
    assert "a &lt; b" in out
    assert "<math" in out and "<mi>x</mi>" in out


def test_unicode_displays_two_dimensional_fractions():
    out = render(Doc(None, (display(sp.sqrt(x) / (x + 1)),)), "unicode")
    assert "√x" in out and "─" in out


def test_unknown_format_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        render(_doc(), "pdf")


@dataclass(frozen=True)
class _Result(Rendered):
    f: sp.Expr
    at: dict

    def doc(self) -> Doc:
        return Doc(line("f =", self.f))


def test_mixin_gives_every_format_and_json():
    r = _Result(x**2 / 2, {x: sp.Rational(3, 2)})
    assert r.to_markdown() == r._repr_markdown_()
    assert r._repr_latex_() == "$$\\begin{aligned}\n& \\textbf{f =}\\ \\frac{x^{2}}{2}\n\\end{aligned}$$"
    assert "<math" in r._repr_html_() and r.to_html() in r._repr_html_()
    data = json.loads(r.render("json"))
    assert data["type"] == "_Result"
    assert data["at"] == {"x": "3/2"}
    assert sp.simplify(sp.S(data["f"].replace("^", "**")) - x**2 / 2) == 0


@pytest.mark.parametrize("mark", ["?", "!", "?!"])
def test_no_space_before_a_question_or_exclamation_mark_after_a_formula(mark):
    x1 = sp.Symbol("x_1")
    doc = Doc(None, (line("What is", x1, mark), line("Done:", x, f"{mark} Next.")))
    assert render(doc, "unicode").splitlines() == [f"What is x₁{mark}", f"Done: x{mark} Next."]
    assert render(doc, "text").splitlines()[0] == f"What is x_1{mark}"
    assert f"$x_{{1}}${mark}" in render(doc, "markdown")
    assert f"</math>{mark}" in render(doc, "html")
