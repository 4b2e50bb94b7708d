"""How the multivariable results read. Mathematics stays in the result objects;
this module only arranges words and formulas into a Doc."""
from __future__ import annotations

import sympy as sp

from tutor.engine.derivative.notation import diff_notation
from tutor.engine.derivative.wording import derivation_doc
from tutor.reading.printer import WrittenSum
from tutor.render import Doc, Step, Table, line


def _eqs(point) -> list:
    out: list = []
    for i, (k, v) in enumerate(point.items()):
        if i:
            out.append(",")
        out.append(sp.Eq(k, v, evaluate=False))
    return out


def _approx(value) -> str:
    if isinstance(value, sp.Expr) and value.is_number and not value.is_Integer:
        v = complex(sp.N(value, 17))
        if abs(v.imag) < 1e-15:
            return f"≈ {v.real:.6g}"
    return ""


def decimal(value):
    """For display only: a terminating fraction as its exact decimal (961/100 -> 9.61),
    any other number rounded to 6 digits (with ``approximate`` saying so); symbols unchanged."""
    return _decimal(value)[0]


def _decimal(value) -> tuple:
    if not (isinstance(value, sp.Expr) and value.is_number) or value.is_Integer:
        return value, False
    if value.is_Rational:
        q = value.q
        for p in (2, 5):
            while q % p == 0:
                q //= p
        if q == 1:
            from decimal import Decimal

            text = format(Decimal(value.p) / Decimal(value.q), "f")
            digits = len(text.replace("-", "").replace(".", "").lstrip("0"))
            return sp.Float(text, max(digits, 1)), False
    v = complex(sp.N(value, 17))
    if abs(v.imag) > 1e-15:
        return value, False
    return sp.Float(float(f"{v.real:.6g}"), 6), True


def _worked(d) -> tuple:
    """A derivation's steps without its title and closing sentence (the caller states the result)."""
    return derivation_doc(d).nodes[:-1]


def gradient_doc(g, steps: bool = True) -> Doc:
    if not steps:
        nodes: list = [line("The gradient of", g.function, "is", g.result, ".")]
        if g.value is not None:
            nodes.append(line("At", *_eqs(g.point), "it is", g.value, "."))
        return Doc(None, tuple(nodes))
    nodes = [line("The gradient lists the partial derivatives in the order", sp.Tuple(*g.variables),
                        "; each holds the other variables constant.")]
    for v, d in zip(g.variables, g.partials):
        nodes.append(Step(line("With respect to", v, ":", d.notation, "=", d.result), _worked(d)))
    nodes.append(line("So the gradient is", g.result, "."))
    if g.value is not None:
        nodes.append(line("At", *_eqs(g.point), "it is", g.value, "."))
    return Doc(line("The gradient of", g.function), tuple(nodes))


def hessian_doc(h, steps: bool = True) -> Doc:
    if not steps:
        nodes: list = [line("The Hessian of", h.function, "is", h.result, ".")]
        if h.value is not None:
            nodes.append(line("At", *_eqs(h.point), "it is", h.value, "."))
        return Doc(None, tuple(nodes))
    nodes = [line("First the gradient:", h.gradient.result, ". Row i of the Hessian differentiates the",
                        "i-th component by each variable in turn.")]
    for i, (vi, row) in enumerate(zip(h.variables, h.entries)):
        for vj, d in zip(h.variables, row):
            head = line("Differentiate", h.gradient.result[i], "with respect to", vj, ":",
                        diff_notation(h.function, vi, vj), "=", d.result)
            nodes.append(Step(head, _worked(d)))
    if len(h.variables) > 1:
        if h.symmetric is True:
            nodes.append(line("The mixed partials agree (Clairaut's theorem), so the Hessian is symmetric."))
        elif h.symmetric is False:
            nodes.append(line("The mixed partials differ, so the second partials are not all continuous here."))
    nodes.append(line("So the Hessian is", h.result, "."))
    if h.value is not None:
        nodes.append(line("At", *_eqs(h.point), "it is", h.value, "."))
    return Doc(line("The Hessian of", h.function), tuple(nodes))


def jacobian_doc(j) -> Doc:
    nodes: list = [line("Row i is the gradient of the i-th function, in the order", sp.Tuple(*j.variables), ".")]
    for i, (f, row) in enumerate(zip(j.functions, j.rows), start=1):
        kids = tuple(Step(line(d.notation, "=", d.result), _worked(d)) for d in row.partials)
        nodes.append(Step(line(f"Row {i}: the gradient of", f, "is", row.result), kids))
    nodes.append(line("So the Jacobian is", j.result, "."))
    if j.value is not None:
        nodes.append(line("At", *_eqs(j.point), "it is", j.value, "."))
    return Doc(line("The Jacobian of", sp.Tuple(*j.functions)), tuple(nodes))


def clairaut_doc(c) -> Doc:
    nodes: list = []
    for p in c.pairs:
        a, b = p.one_way, p.other_way
        nodes.append(Step(line(a.notation, "=", a.result), _worked(a)))
        nodes.append(Step(line(b.notation, "=", b.result), _worked(b)))
        if p.equal is True:
            nodes.append(line("The two mixed partials agree, as Clairaut's theorem says they must wherever the",
                              "second partials are continuous."))
        elif p.equal is False:
            nodes.append(line("The two mixed partials differ: the second partials cannot all be continuous."))
        else:
            nodes.append(line("Could not decide whether the two mixed partials agree."))
    if not c.pairs:
        nodes.append(line("With one variable there are no mixed partials to compare."))
    return Doc(line("Mixed partials of", c.function), tuple(nodes))


def evaluation_doc(e) -> Doc:
    nodes: list = [line("Substitute", *_eqs(e.point), ".")]
    if e.value is None:
        nodes.append(line(f"The expression is {e.note}."))
    else:
        extra = _approx(e.value)
        nodes.append(line("So the value is", e.value, extra, "."))
    return Doc(line("Evaluate", e.function), tuple(nodes))


def tangent_doc(t) -> Doc:
    one = len(t.variables) == 1
    nodes: list = [line("The point:", *_eqs(t.point), "gives", t.dependent, "=", t.value, ".")]
    for v, d, s in zip(t.variables, t.gradient.partials, t.slopes):
        what = "The slope is the derivative" if one else f"The slope in the {v} direction is"
        nodes.append(Step(line(what, d.notation, "=", d.result, "; at the point it is", s, "."), _worked(d)))
    shift = sp.Add(t.value, *(s * sp.UnevaluatedExpr(v - t.point[v]) for v, s in zip(t.variables, t.slopes)),
                   evaluate=False)
    nodes.append(line("Point-slope form:", t.dependent, "=", shift, "=", t.linear, "."))
    nodes.append(line(f"So the tangent {t.kind} is", t.equation, "."))
    return Doc(line(f"The tangent {t.kind} to", sp.Eq(t.dependent, t.function, evaluate=False), "at",
                    *_eqs(t.point)), tuple(nodes))


def taylor_doc(t) -> Doc:
    nodes: list = [line("The value at the point:", t.terms[0], ".")]
    one = len(t.variables) == 1
    if t.gradient is not None:
        what = ("The derivative there:", t.gradient[0]) if one else ("The gradient there:", t.gradient)
        nodes.append(line(*what, ". The degree-1 part is", t.terms[1], "."))
    if t.hessian is not None:
        if one:
            nodes.append(line("The second derivative there:", t.hessian[0, 0], ". The degree-2 part, half of it times",
                              (t.variables[0] - t.point[t.variables[0]]) ** 2, ", is", t.terms[2], "."))
        else:
            nodes.append(line("The Hessian there:", t.hessian, ". The degree-2 part, half of hᵀHh with h = x − a, is",
                              t.terms[2], "."))
    for k in range(3, t.order + 1):
        nodes.append(line(f"The degree-{k} part:", t.terms[k], "."))
    if t.order == 2:
        nodes.append(line("This is the quadratic model that Newton's method minimises and that L-BFGS",
                          "approximates."))
    if all(v == 0 for v in t.point.values()):  # powers of x − 0: the shifted form is the polynomial
        nodes.append(line("So the Taylor polynomial is", t.polynomial, "."))
    else:
        nodes.append(line("So the Taylor polynomial is", t.shifted, "=", t.polynomial, "."))
    return Doc(line(f"The Taylor polynomial of order {t.order} of", t.function, "at", *_eqs(t.point)),
               tuple(nodes))


def directional_doc(d) -> Doc:
    g = d.gradient.value if d.point is not None else d.gradient.result
    where = [", at", *_eqs(d.point)] if d.point is not None else []
    nodes: list = [Step(line("The gradient", *where, ":", g, "."),
                        tuple(Step(line(p.notation, "=", p.result), _worked(p)) for p in d.gradient.partials))]
    length = sp.sqrt(sp.Add(*(c**2 for c in d.direction)))
    nodes.append(line("Normalise the direction:", d.direction, "has length", length, ", so u =", d.unit, "."))
    nodes.append(line("The directional derivative is the gradient dotted with u:", d.value, _approx(d.value), "."))
    if d.steepest is None:
        nodes.append(line("The gradient is zero here: no direction is steepest, and every directional",
                          "derivative is 0."))
    else:
        nodes.append(line("The steepest ascent is along the gradient, u =", d.steepest, ", at the rate",
                          d.max_rate, _approx(d.max_rate), "; the steepest descent is the opposite direction."))
    return Doc(line("The rate of change of", d.function, "along", d.direction), tuple(nodes))


_FORMULAS = {
    "forward": ("(f(a + h) - f(a))/h", 0, 1),
    "backward": ("(f(a) - f(a - h))/h", 1, 2),
    "central": ("(f(a + h) - f(a - h))/(2h)", 0, 2),
}


def _ratio(num, den):
    """num/den kept as a displayed fraction of decimals (1.2/0.2), not divided out."""
    return sp.Mul(decimal(num), sp.Pow(decimal(den), -1, evaluate=False), evaluate=False)


def quotient_doc(q) -> Doc:
    x, a = q.variable, q.at
    f = sp.Function("f")
    chosen = next(r for r in q.rows if r.kind == q.kind)
    rounded = False
    values = []
    for i, (xi, fi) in enumerate(q.samples):
        shown, approx = _decimal(fi)
        rounded |= approx
        values += ([","] if i else []) + [sp.Eq(f(decimal(xi)), shown, evaluate=False)]
    nodes: list = [line("The function at", sp.Eq(x, decimal(a), evaluate=False), "and one step h =",
                        decimal(q.h), "either side:", *values, ".")]
    words, first, second = _FORMULAS[q.kind]
    fa, fb = q.samples[first][0], q.samples[second][0]
    pattern = sp.Mul(WrittenSum(f(decimal(fa)), -f(decimal(fb)), evaluate=False),
                     sp.Pow(decimal(chosen.denominator), -1, evaluate=False), evaluate=False)
    nodes.append(line(f"The {q.kind} quotient {words} =", pattern, "=", _ratio(chosen.numerator, chosen.denominator),
                      "=", decimal(q.value), "."))
    rows = []
    for r in q.rows:
        v, av = _decimal(r.value)
        e, ae = _decimal(r.error) if r.error is not None else ("-", False)
        rounded |= av or ae
        rows.append((r.kind, _ratio(r.numerator, r.denominator), v, e))
    nodes.append(Table(("kind", "quotient", "value", "error"), tuple(rows)))
    if rounded:
        nodes.append(line("(Decimals rounded to 6 significant digits; the result holds the exact values.)"))
    if q.derivative is None:
        nodes.append(line("The function has a corner here: the quotients do not approach one derivative."))
    else:
        nodes.append(line("The exact derivative, the limit as h → 0, is", q.derivative, _approx(q.derivative),
                          ". Forward and backward errors shrink like h, the central one like h²."))
        nodes.append(line(f"So the {q.kind} quotient is", decimal(q.value), "; its error is", decimal(q.error), "."))
    return Doc(line("Difference quotient of", q.function, "at", sp.Eq(x, decimal(a), evaluate=False), "with",
                    sp.Eq(sp.Symbol("h"), decimal(q.h), evaluate=False)), tuple(nodes))
