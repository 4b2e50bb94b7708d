"""Wording for level curves: the shape per range of c, in the course's words. No mathematics here."""
from __future__ import annotations

import sympy as sp

from tutor.render import Doc, Step, line


def _pt(values) -> sp.Basic:
    values = tuple(values)
    return values[0] if len(values) == 1 else sp.Tuple(*values)


def case_line(case, curve):
    shape = case.shape
    f = case.fact
    if shape == "circle":
        return line("a circle of radius", f("radius"), "centred at", _pt(f("centre")))
    if shape == "ellipse":
        a, b = f("semi-axes")
        return line("an ellipse centred at", _pt(f("centre")), "with semi-axes", a, "and", b)
    if shape == "hyperbola":
        return line("a hyperbola centred at", _pt(f("centre")))
    if shape == "pair of crossing lines":
        return line("two lines crossing at", _pt(f("centre")), ":", *_joined(f("lines")))
    if shape == "parallel lines":
        return line("two parallel lines:", *_joined(f("lines")))
    if shape == "line":
        if f("slope") is not None:
            y = curve.variables[1]
            x = curve.variables[0]
            return line("the line", sp.Eq(y, f("slope") * x + f("intercept")), "with slope", f("slope"),
                        "; ∇f =", _pt(f("normal")), "is perpendicular to it")
        if f("vertical") is not None:
            return line("the vertical line", sp.Eq(curve.variables[0], f("vertical")))
        return line("a single line:", *_joined(f("lines")))
    if shape == "parabola":
        return line("a parabola")
    if shape == "point":
        return line("a single point,", _pt(f("centre")), "(the level of the critical point)")
    if shape == "empty":
        return line("empty: f never takes this value")
    if shape == "everything":
        return line("the whole plane: f is constant")
    if f("timed-out"):
        return line("a curve (its shape could not be worked out in time)")
    if f("degree"):
        return line(f"a curve of degree {f('degree')}")
    return line("a curve")


def _condition(cond) -> list:
    if isinstance(cond, sp.Ne):
        return [cond.lhs, "≠", cond.rhs]
    return [cond]


def _joined(eqs):
    out: list = []
    for i, e in enumerate(eqs or ()):
        if i:
            out.append("and")
        out.append(e)
    return out


def level_doc(curve) -> Doc:
    title = line("Level curve", curve.equation)
    nodes: list = []
    if len(curve.cases) == 1 and curve.cases[0].condition is None:
        nodes.append(line("It is", *case_line(curve.cases[0], curve).parts, "."))
    else:
        kids = tuple(line("For", *_condition(case.condition), ":", *case_line(case, curve).parts)
                     for case in curve.cases)
        nodes.append(Step(line("Its shape depends on the level", curve.c, ":"), kids))
    if curve.solved:
        nodes.append(line("Solved:", *_joined(curve.solved)))
    p = curve.perpendicular
    if p is not None:
        how = "from the solved equation" if p.source == "solved" else "along the curve, (−f_y, f_x)"
        nodes.append(Step(line("At", _pt(p.point), "the gradient is perpendicular to the level curve:"), (
            line("∇f =", _pt(p.gradient), "; tangent direction", _pt(p.tangent), f"({how})"),
            line("∇f · tangent =", p.dot, ": perpendicular." if p.dot == 0 else "≠ 0: not perpendicular (!)"),
        )))
    return Doc(title, tuple(nodes))
