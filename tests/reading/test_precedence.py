"""Precedence and grouping decisions of the grammar, each checked against SymPy built by hand."""
from __future__ import annotations

import pytest
import sympy as sp

from tutor.reading.parser import parse

x, y, z, t, a, b, c = sp.symbols("x y z t a b c")

CASES = [
    # unary minus is looser than ^, tighter than * and /
    ("-x^2", -(x**2)),
    ("(-x)^2", x**2),
    ("-2^2", sp.Integer(-4)),
    ("2*-3", sp.Integer(-6)),
    ("x^-2", x**-2),
    ("e^-x^2", sp.exp(-(x**2))),
    # ^ is right associative and takes a single factor
    ("2^3^2", sp.Integer(512)),
    ("(2^3)^2", sp.Integer(64)),
    ("x^2y", x**2 * y),
    ("e^2x", sp.E**2 * x),
    ("x^2!", x**2),  # 2! = 2
    # juxtaposition binds tighter than explicit * and /
    ("1/2x", 1 / (2 * x)),
    ("1/2*x", x / 2),
    ("a/bc", a / (b * c)),
    ("a/b/c", a / b / c),
    ("a/b*c", a * c / b),
    ("x/2y", x / (2 * y)),
    ("1/2sqrt(x)", 1 / (2 * sp.sqrt(x))),
    ("2x^2", 2 * x**2),
    ("(2x)^2", 4 * x**2),
    # + and - are left associative
    ("a - b - c", a - b - c),
    ("a - b + c", a - b + c),
    # functions without brackets take the juxtaposed product up to the next function
    ("sin x^2", sp.sin(x**2)),
    ("sin 2x y", sp.sin(2 * x * y)),
    ("sin x cos x", sp.sin(x) * sp.cos(x)),
    ("2 sin x cos x", 2 * sp.sin(x) * sp.cos(x)),
    ("sin x + 1", sp.sin(x) + 1),
    ("sin x - 1", sp.sin(x) - 1),
    ("sin x * y", sp.sin(x) * y),
    ("sin x/2", sp.sin(x) / 2),
    ("sin -x", sp.sin(-x)),
    ("sin x(x+1)", sp.sin(x * (x + 1))),
    ("ln x ln y", sp.log(x) * sp.log(y)),
    ("ln ln x", sp.log(sp.log(x))),
    ("sin^2 x + cos^2 x", sp.sin(x) ** 2 + sp.cos(x) ** 2),
    # functions with brackets apply to the bracket only
    ("sin(x)y", y * sp.sin(x)),
    ("sin(x)^2", sp.sin(x) ** 2),
    ("sin(x)(x+1)", sp.sin(x) * (x + 1)),
    ("sin (x+1) y", y * sp.sin(x + 1)),
    ("e^sin(x)", sp.exp(sp.sin(x))),
    # a single-letter name before a bracket multiplies
    ("x(y+z)", x * (y + z)),
    ("f(x)", sp.Symbol("f") * x),
    ("xy(x)", x**2 * y),
    # radicals: √ takes the next factor with its power
    ("√x^3", sp.sqrt(x**3)),
    ("√2x", sp.sqrt(2) * x),
    ("√(2x)", sp.sqrt(2 * x)),
    ("1/√x", 1 / sp.sqrt(x)),
    # bars
    ("|x||y|", sp.Abs(x) * sp.Abs(y)),
    ("|x|y|z|", sp.Abs(x) * y * sp.Abs(z)),
    ("2|x - 1|^2", 2 * sp.Abs(x - 1) ** 2),
    # letter runs: longest known name first
    ("xsinx", x * sp.sin(x)),
    ("sinxcosx", sp.sin(x) * sp.cos(x)),
    ("pix", sp.pi * x),
    ("xe", x * sp.E),
    ("expx", sp.exp(x)),
    ("sinh x", sp.sinh(x)),
    ("abc", a * b * c),
    ("2pir^2", 2 * sp.pi * sp.Symbol("r") ** 2),
    # scientific notation only when the exponent ends the number
    ("3e-2", sp.Rational(3, 100)),
    ("3e-2x", 3 * sp.E - 2 * x),
    # equations
    ("y = 2x + 1", sp.Eq(y, 2 * x + 1, evaluate=False)),
    ("1 = 1", sp.Eq(1, 1, evaluate=False)),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0] for c in CASES])
def test_precedence(text, expected):
    assert parse(text) == expected


def test_equation_is_kept_unevaluated():
    eq = parse("x = x")
    assert isinstance(eq, sp.Eq) and eq.lhs == x and eq.rhs == x


def test_whitespace_and_newlines_are_ignored():
    assert parse("  3 x\n + 1 ") == 3 * x + 1


def test_latex_math_delimiters_are_ignored():
    assert parse(r"$\frac{1}{x}$") == 1 / x
    assert parse(r"\(x^2\)") == x**2
