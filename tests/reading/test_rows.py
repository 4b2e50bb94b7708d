"""One test per row of the syntax table in README.md: what you type -> how it is read.

Expected values are built directly with SymPy constructors, never by parsing.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import sympy as sp

from tutor.reading.dne import DNE
from tutor.reading.parser import parse

x, y, z, t, a, b, r = sp.symbols("x y z t a b r")
theta, eta, lam = sp.symbols("theta eta lambda")
E, pi, oo = sp.E, sp.pi, sp.oo
half = sp.Rational(1, 2)

ROWS: list[tuple[str, object]] = [
    # numbers
    ("42", sp.Integer(42)),
    ("0.25", sp.Rational(1, 4)),
    ("1.5e-3", sp.Rational(3, 2000)),
    ("1e-3", sp.Rational(1, 1000)),
    # operators and precedence
    ("x^2", x**2),
    ("x**2", x**2),
    ("-x^2", -(x**2)),
    ("2^3^2", sp.Integer(2) ** 9),
    ("x^-1", 1 / x),
    ("x^(-1/2)", x ** sp.Rational(-1, 2)),
    ("6 ÷ 3", sp.Integer(2)),
    ("2 × x", 2 * x),
    ("2 · x", 2 * x),
    ("x − 1", x - 1),
    ("1/2x", 1 / (2 * x)),
    ("1/2 x", 1 / (2 * x)),
    ("x/2 + 1", x / 2 + 1),
    ("5!", sp.Integer(120)),
    # implicit multiplication and letter runs
    ("3x", 3 * x),
    ("3 x", 3 * x),
    ("x y", x * y),
    ("xy", x * y),
    ("3(x+1)", 3 * (x + 1)),
    ("(x+1)(x−1)", (x + 1) * (x - 1)),
    ("4sin(x)", 4 * sp.sin(x)),
    ("x sin(x)", x * sp.sin(x)),
    ("3xe^(2x)", 3 * x * sp.exp(2 * x)),
    ("x(y+z)", x * (y + z)),
    ("sinx", sp.sin(x)),
    ("w1", sp.Symbol("w1")),
    ("w_1", sp.Symbol("w_1")),
    ("x0", sp.Symbol("x0")),
    ("theta_2", sp.Symbol("theta_2")),
    ("x_{10}", sp.Symbol("x_10")),
    # functions
    ("sin(x)", sp.sin(x)),
    ("cos t + 1", sp.cos(t) + 1),
    ("3 sin t cos t", 3 * sp.sin(t) * sp.cos(t)),
    ("sin 3t", sp.sin(3 * t)),
    ("sin x^2", sp.sin(x**2)),
    ("sin(x)^2", sp.sin(x) ** 2),
    ("sin x / 2", sp.sin(x) / 2),
    ("sin cos x", sp.sin(sp.cos(x))),
    ("ln 5", sp.log(5)),
    ("cos^2(t)", sp.cos(t) ** 2),
    ("cos^2 t", sp.cos(t) ** 2),
    ("tan^3(2t)", sp.tan(2 * t) ** 3),
    ("sin^-1(x)", sp.asin(x)),
    ("sec x + csc x + cot x", sp.sec(x) + sp.csc(x) + sp.cot(x)),
    ("arcsin(x) + acos(x) + arctan(x)", sp.asin(x) + sp.acos(x) + sp.atan(x)),
    ("sinh x + cosh x + tanh x", sp.sinh(x) + sp.cosh(x) + sp.tanh(x)),
    ("acoth(x)", sp.acoth(x)),
    ("binomial(n, k)", sp.binomial(sp.Symbol("n"), sp.Symbol("k"))),
    ("exp(x)", sp.exp(x)),
    ("ln(x)", sp.log(x)),
    ("log(x)", sp.log(x)),
    ("log10(x)", sp.log(x, 10)),
    ("log2(x)", sp.log(x, 2)),
    ("log_2(x)", sp.log(x, 2)),
    ("log_b(x)", sp.log(x, b)),
    ("log_e(x)", sp.log(x)),
    ("log(b, x)", sp.log(x, b)),
    ("sqrt(x)", sp.sqrt(x)),
    ("cbrt(x)", sp.cbrt(x)),
    ("cbrt(-8)", sp.Integer(-2)),
    ("nthroot(x, 5)", x ** sp.Rational(1, 5)),
    ("atan2(y, x)", sp.atan2(y, x)),
    ("factorial(n)", sp.factorial(sp.Symbol("n"))),
    ("sin^n(x)", sp.sin(x) ** sp.Symbol("n")),
    ("n log^2 2n", sp.Symbol("n") * sp.log(2 * sp.Symbol("n")) ** 2),
    ("cosec(x)", sp.csc(x)),
    ("（x＋1）²", (x + 1) ** 2),
    ("e^(ln x)", sp.Pow(E, sp.log(x), evaluate=False)),
    ("abs(x)", sp.Abs(x)),
    ("max(0, x)", sp.Max(0, x)),
    # constants
    ("pi", pi),
    ("π", pi),
    ("e", E),
    ("e^x", sp.exp(x)),
    ("oo", oo),
    ("inf", oo),
    ("∞", oo),
    ("-oo", -oo),
    # Unicode
    ("t²", t**2),
    ("t³", t**3),
    ("t⁻¹", 1 / t),
    ("½x", x / 2),
    ("√t", sp.sqrt(t)),
    ("√(t+1)", sp.sqrt(t + 1)),
    ("2√x", 2 * sp.sqrt(x)),
    ("|t|", sp.Abs(t)),
    ("||x| − 1|", sp.Abs(sp.Abs(x) - 1)),
    ("η", eta),
    ("eta", eta),
    ("λ", lam),
    ("lambda", lam),
    ("θ", theta),
    ("theta", theta),
    ("π r²", pi * r**2),
    # structures
    ("(1, 2)", sp.Tuple(1, 2)),
    ("[1, 2]", sp.Tuple(1, 2)),
    ("<1, 2>", sp.Tuple(1, 2)),
    ("⟨x, y, z⟩", sp.Tuple(x, y, z)),
    ("{(0,0), (1,2)}", sp.FiniteSet(sp.Tuple(0, 0), sp.Tuple(1, 2))),
    ("{1, 2}", sp.FiniteSet(1, 2)),
    ("{}", sp.S.EmptySet),
    ("[[1, 2], [3, 4]]", sp.ImmutableMatrix([[1, 2], [3, 4]])),
    ("x + 2y = 3", sp.Eq(x + 2 * y, 3, evaluate=False)),
    ("{x = 1, y = 2}", sp.FiniteSet(sp.Eq(x, 1, evaluate=False), sp.Eq(y, 2, evaluate=False))),
    ("DNE", DNE),
    ("does not exist", DNE),
    ("undefined", DNE),
    ("D.N.E.", DNE),
    ("no limit", DNE),
    ("(DNE, 2)", sp.Tuple(DNE, 2)),
    # LaTeX
    (r"\frac{a}{b}", a / b),
    (r"\sqrt{x}", sp.sqrt(x)),
    (r"\sqrt[3]{x}", sp.cbrt(x)),
    (r"\sin x", sp.sin(x)),
    (r"\sin^2\theta", sp.sin(theta) ** 2),
    (r"\ln x", sp.log(x)),
    (r"2 \cdot 3", sp.Integer(6)),
    (r"2 \times x", 2 * x),
    (r"\left(x+1\right)^2", (x + 1) ** 2),
    (r"e^{-x^{2}}", sp.exp(-(x**2))),
    (r"x_{1}", sp.Symbol("x_1")),
    (r"\pi r^2", pi * r**2),
    (r"\theta", theta),
    (r"\infty", oo),
]


@pytest.mark.parametrize("text,expected", ROWS, ids=[r[0] for r in ROWS])
def test_row(text, expected):
    result = parse(text)
    assert result == expected
    assert type(result) is type(expected) or isinstance(result, type(expected))


DOC = Path(__file__).resolve().parents[2] / "README.md"


def doc_rows() -> list[tuple[str, str]]:
    """(you type, read as) cells of the input-syntax tables in README.md."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Input syntax", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        if not line.startswith("| `"):
            continue
        cells = [c.strip().replace("\x00", "|") for c in line.replace("\\|", "\x00").split("|")[1:-1]]
        rows.append((cells[0].strip("`"), cells[1]))
    return rows


def test_every_documented_row_is_tested():
    documented = [typed for typed, _ in doc_rows()]
    tested = {text for text, _ in ROWS}
    assert len(documented) >= 100
    assert [d for d in documented if d not in tested] == []
    assert [t for t in tested if t not in documented] == []


def test_documented_reading_is_the_unicode_echo():
    from tutor.reading.printer import to_unicode

    wrong = [(typed, shown, to_unicode(parse(typed))) for typed, shown in doc_rows()
             if to_unicode(parse(typed)) != shown]
    assert wrong == []
