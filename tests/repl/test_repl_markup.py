"""Prompts for a terminal: LaTeX-flavoured math to Unicode, and Unicode to ASCII."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tutor.repl.markup import latex_to_unicode, render_markdown, to_ascii

CASES = [  # LaTeX, Unicode, ASCII
    (r"3x^2 - 4x + 5", "3x² − 4x + 5", "3x^2 - 4x + 5"),
    (r"\frac{\partial f}{\partial x}", "∂f/∂x", "df/dx"),
    (r"\frac{\partial^2 f}{\partial x \partial y}", "∂²f/∂x∂y", "d^2f/dxdy"),
    (r"f(x,y) = \frac{x^2 - y^2}{x^2 + y^2}", "f(x, y) = (x² − y²)/(x² + y²)", "f(x, y) = (x^2 - y^2)/(x^2 + y^2)"),
    (r"\sqrt{x^2+y^2}", "√(x² + y²)", "sqrt(x^2 + y^2)"),
    (r"\sqrt{x}", "√x", "sqrt(x)"),
    (r"w \leftarrow w - \eta \nabla L(w)", "w ← w − η∇L(w)", "w <- w - eta grad L(w)"),
    (r"\|y - X\beta\|^2", "‖y − Xβ‖²", "||y - X beta||^2"),
    (r"X^\top X \beta = X^\top y", "XᵀXβ = Xᵀy", "X^TX beta = X^Ty"),
    (r"e^{-2x}", "e⁻²ˣ", "e^(-2x)"),
    (r"x_{10}", "x₁₀", "x_10"),
    (r"\theta_{t+1} = \theta_t - \alpha g_t", "θₜ₊₁ = θₜ − αgₜ", "theta_(t+1) = theta_t - alpha g_t"),
    (r"\sin^2 x + \cos x", "sin² x + cos x", "sin^2 x + cos x"),
    (r"x \sin x", "x sin x", "x sin x"),
    (r"f(x) = -x^2", "f(x) = −x²", "f(x) = -x^2"),
    (r"x^{1/2}", "x^(1/2)", "x^(1/2)"),
    (r"\frac{1}{1 + e^{-z}}", "1/(1 + e^(−z))", "1/(1 + e^(-z))"),
    (r"\lim_{(x,y)\to(0,0)} \frac{xy}{x^2+y^2}", "lim_{(x, y) → (0, 0)} xy/(x² + y²)",
     "lim_{(x, y) -> (0, 0)} xy/(x^2 + y^2)"),
    (r"\ln(x) \text{ for } x > 0", "ln(x) for x > 0", "ln(x) for x > 0"),
    (r"x \in [0, 1]", "x ∈ [0, 1]", "x in [0, 1]"),
    (r"\eta = 0.001", "η = 0.001", "eta = 0.001"),
    (r"1e-8", "1e-8", "1e-8"),
    (r"(-3, 2)", "(−3, 2)", "(-3, 2)"),
    (r"2 * x", "2·x", "2*x"),
    (r"\frac{d}{dx}\ln x = \frac{1}{x}", "d/dx ln x = 1/x", "d/dx ln x = 1/x"),   # a bank hint
]


@pytest.mark.parametrize("tex, uni, plain", CASES)
def test_latex_to_unicode_and_ascii(tex, uni, plain):
    assert latex_to_unicode(tex) == uni
    assert to_ascii(uni) == plain


def test_markdown_wraps_paragraphs_keeps_lists_and_displays():
    text = ("Let $f(x, y) = x^2 + 3xy$. Find **the gradient** $\\nabla f$ at the point $(1, 2)$ "
            "and give it as a vector.\n\na) first $x^2$\nb) second\n\n$$\\frac{a+b}{c}$$\n\nDone.")
    out = render_markdown(text, width=40, bold=("<", ">"))
    assert out.split("\n")[0] == "Let f(x, y) = x² + 3xy. Find <the"
    assert "  a) first x²\n  b) second" in out
    assert "\n    (a + b)/c\n" in out
    assert all(len(line) <= 40 for line in out.split("\n") if "<" not in line)


def test_escaped_dollars_stay_dollars():
    assert render_markdown(r"It costs \$5 and $x^2$.") == "It costs $5 and x²."


@given(st.text(max_size=60))
def test_any_text_converts_without_error_and_ascii_is_ascii(text):
    uni = latex_to_unicode(text)
    assert to_ascii(uni).isascii()
    assert to_ascii(render_markdown(text, ascii_only=True)).isascii()


@pytest.mark.parametrize("tex, uni", [
    (r"\frac{d}{dx} x^n = n x^{n-1}", "d/dx xⁿ = nxⁿ⁻¹"),           # a space after an operator fraction
    (r"\frac{d}{du}\sqrt{u} = \frac{1}{2\sqrt{u}}", "d/du √u = 1/(2√u)"),  # a product below the bar is bracketed
    (r"D = f_{xx}f_{yy} - f_{xy}^2", "D = f_xx f_yy − f_xy²"),       # multi-letter subscripts stay readable
    (r"\frac{1}{\sigma(z)}", "1/σ(z)"),
    (r"\frac{x}{2y}", "x/(2y)"),
])
def test_fractions_and_subscripts_read_unambiguously(tex, uni):
    assert latex_to_unicode(tex) == uni
