"""Wording for critical points and curves where the gradient does not exist (``singular``)."""
from __future__ import annotations

import sympy as sp

from tutor.render import Line, Step, line

_SIDE = {1: "positive", -1: "negative"}


def _pt(values) -> sp.Basic:
    values = tuple(values)
    return values[0] if len(values) == 1 else sp.Tuple(*values)


def nogradient_step(rec, p) -> Step:
    """Why the point is critical (a partial derivative fails, or all are 0) and how f behaves near it."""
    kids: list = []
    h = sp.Symbol("h")
    for v, right, left in rec.quotients:
        if v in rec.missing:
            kids.append(line(f"∂f/∂{v.name} does not exist here: the difference quotient in {v.name} tends to",
                             _shown(right), "as h → 0⁺ and to", _shown(left), "as h → 0⁻."))
        else:
            kids.append(line(f"∂f/∂{v.name} =", right, "here (limit of the difference quotient as",
                             h, "→ 0)."))
    head = ("Critical point where the gradient does not exist (a corner or cusp of the graph)" if rec.missing
            else "Critical point: every partial derivative is 0 here (from the difference quotients)")
    kids.append(line("The second-derivative test does not apply (f has no Hessian here); f is compared with",
                     "f(p) nearby instead."))
    kids += _behaviour(rec, p)
    return Step(line(head), tuple(kids))


def _shown(v):
    return "no limit" if v is None else v


def _behaviour(rec, p) -> list:
    out: list = []
    if rec.difference is not None:
        rel = "≥" if rec.conclusion == "minimum" else "≤"
        out.append(line("f − f(p) =", rec.difference, f"is {rel} 0 everywhere (a sum or product of non-negative",
                        "terms: |·|, even powers, roots of them), so", _verdict(rec), "."))
        return out
    for d, s in rec.lines:
        out.append(line("Along the direction", _pt(d), "from the point, f − f(p) is", _SIDE[s], "for small t > 0."))
    if rec.conclusion == "not an extremum":
        out.append(line("f takes values above and below f(p) arbitrarily close to the point: not an extremum."))
    elif rec.conclusion in ("minimum", "maximum"):
        out.append(line("On both sides of the point f − f(p) has that sign:", _verdict(rec), "."))
    else:
        out.append(line("The sign of f − f(p) near the point could not be decided."))
    return out


def _verdict(rec) -> str:
    scope = "global" if rec.global_ else "local"
    return {"minimum": f"a {scope} minimum", "maximum": f"a {scope} maximum"}.get(rec.conclusion, rec.conclusion)


def family_lines(fam) -> list[Line]:
    """The lines of a family of points where a partial derivative does not exist."""
    out = [line("A partial derivative does not exist at these points (f has a crease along the curve),",
                "so each of them is a critical point.")]
    if fam.value is not None and fam.conclusion in ("minimum", "maximum"):
        rel = "≥" if fam.conclusion == "minimum" else "≤"
        out.append(line("On it f =", fam.value, "; f −", fam.value, f"{rel} 0 everywhere (a sum or product of",
                        "non-negative terms), so f", rel, fam.value, "everywhere."))
    elif fam.conclusion == "not an extremum":
        out.append(line("f is not constant along the curve, so near each of its points (apart from the points",
                        "listed above) f takes values above and below its value there: not an extremum."))
    out.append(line("There is no Hessian along the curve, so the second-derivative test does not apply."))
    return out


def note_line(key: str, data) -> Line | None:
    if key == "no-gradient":
        points, curves = data
        parts = []
        if points:
            parts.append(f"{points} point(s)")
        if curves:
            parts.append(f"{curves} curve(s)")
        return line("Also examined: the points of the domain where a partial derivative does not exist",
                    "(zeros of the arguments of |·|, of the bases of fractional powers and of the gradient's",
                    "denominators):", " and ".join(parts), "of critical points without a gradient.")
    if key == "no-gradient-incomplete":
        return line("Some points where the gradient may not exist could not be located exactly, so the list",
                    "may miss critical points without a gradient.")
    return None
