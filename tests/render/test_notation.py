"""One notation per line: Unicode output does not mix in ASCII ≥, −∞ or bracketed subscripts."""
from __future__ import annotations

import re

import pytest
import sympy as sp

import tutor
from tutor.reading.printer import to_unicode
from tutor.repl.markup import latex_to_unicode, render_markdown

x, y, r = sp.symbols("x y r")
_ASCII_BESIDE_UNICODE = re.compile(r">=|<=|!=|(?<![\w−])-∞|_\(")


def mixed(text: str) -> list[str]:
    """Lines that hold Unicode mathematics and an ASCII stand-in for it."""
    return [ln for ln in text.splitlines() if re.search(r"[²³·−∞≤≥√]", ln) and _ASCII_BESIDE_UNICODE.search(ln)]


@pytest.mark.parametrize("rel, sign", [(sp.Ge, "≥"), (sp.Le, "≤")])
def test_relations_print_in_unicode(rel, sign):
    assert to_unicode(rel(sp.Abs(x**2 + y**2), r**2, evaluate=False)) == f"|x² + y²| {sign} r²"


def test_squeeze_proof_bounds_in_unicode():
    text = tutor.limit("x^3/(x^2 + y^2)", "(0, 0)").to_unicode()
    assert "≥ r²" in text and "≤ r for r ≤ 1" in text and not mixed(text)


def test_critical_limits_at_infinity_use_one_minus_sign():
    text = tutor.critical_points("x^3 - 3x").to_unicode()
    assert "f → −∞" in text and not mixed(text)


@pytest.mark.parametrize("tex, shown", [
    (r"0 < \eta < \eta_{\max}", "0 < η < η_max"),
    (r"\eta < 2/\lambda_{\max}", "η < 2/λ_max"),
    (r"\hat y = wx + b", "ŷ = wx + b"),
    (r"\hat{y}_i - y_i", "ŷᵢ − yᵢ"),
])
def test_repl_latex_keeps_subscript_words_and_hats(tex, shown):
    assert latex_to_unicode(tex) == shown


def test_line_fit_prompt_keeps_the_hat_in_every_terminal():
    import exercises

    v = exercises.load()["gd-one-step-line-fit"].variant(0)
    for ascii_only, hat in ((False, "ŷ = wx + b"), (True, "y_hat = wx + b")):
        shown = render_markdown(v.prompt, ascii_only=ascii_only)
        assert hat in shown, shown
    assert "ŷ = wx + b" in v.prompt_text


def test_learning_rate_prompt_and_engine_agree_on_lambda_max():
    import exercises

    v = exercises.load()["lr-stable-bound-quadratic"].variant(0)
    shown = render_markdown(v.prompt) + "\n" + v.solution.to_unicode()
    assert "η_max" in shown and "_(" not in shown and "λmax" not in shown
