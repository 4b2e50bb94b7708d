"""Solving given equations: the points where a few expressions all vanish.

A multi-part exercise asks for the partial derivatives first and the critical
point next. Error carried forward needs the critical point of the *student's*
partials, which no function may have; so this task takes the expressions
themselves (``equations = ["{grad[1]}", "{grad[2]}"]``) and solves them exactly
with the engine's polynomial-system solver, under a time limit.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from exercises.errors import BankError
from exercises.schema import Names, NumberTable, OneOf, Vector
from exercises.tasks.base import Context, Solved, Task, register

SECONDS = 5.0  # one system of a few low-degree polynomials; past this the variant fails honestly


@register
class Zeros(Task):
    name = "zeros"
    kind = "point_set"
    kinds = ("vector", "number")
    engine = ("tutor.engine.critical",)
    summary = "the points where given polynomials all vanish (a critical point from partials found earlier)"
    fields = {
        "equations": Vector(required=True, help="expressions that must all be 0, e.g. [\"{grad[1]}\", \"{grad[2]}\"]"),
        "variables": Names(required=True, help="the unknowns, in the order of a point's coordinates"),
        "domain": NumberTable(help="keep only points in this box, e.g. { x = [0, 10] } (open intervals)"),
        "ask": OneOf(options=("points", "point"), default="points",
                     help="points: every solution as a set; point: the only solution (in the domain)"),
    }

    @classmethod
    def kind_for(cls, inputs: Mapping[str, Any]) -> str:
        if inputs.get("ask", "points") == "points":
            return "point_set"
        return "vector" if len(inputs.get("variables", ())) > 1 else "number"

    def solve(self, ctx: Context) -> Solved:
        import sympy as sp

        from tutor.render import line

        variables = tuple(ctx.names("variables") or ())
        polys = [_polynomial(ctx.read(raw, "equations", variables), variables) for raw in ctx.raw("equations")]
        points = [p for p in _solutions(polys, variables) if _inside(p, variables, _box(ctx))]
        ctx.facts["equations"] = sp.Tuple(*polys)
        steps = [line("Set each expression to 0:", *[sp.Eq(p, 0) for p in polys], ".")]
        values = [p[0] if len(variables) == 1 else sp.Tuple(*p) for p in points]
        if ctx.raw("ask", "points") == "point":
            if len(values) != 1:
                raise BankError(f"the equations have {len(values)} solutions where one is asked for",
                                field="equations")
            steps.append(line("The only solution is", values[0], "."))
            return Solved(answer=values[0], kind=self.kind_for(ctx.inputs), solution=tuple(steps),
                          options=_asked(variables))
        answer = sp.FiniteSet(*values) if values else sp.S.EmptySet
        steps.append(line("The solutions are", answer, "."))
        return Solved(answer=answer, kind="point_set", solution=tuple(steps),
                      options={"classify": False, **_asked(variables)})


def _polynomial(expr: Any, variables: tuple) -> Any:
    """``lhs = rhs`` or an expression, as a polynomial with rational coefficients (else a BankError)."""
    import sympy as sp

    if isinstance(expr, sp.Eq):
        expr = expr.lhs - expr.rhs
    if not isinstance(expr, sp.Expr) or isinstance(expr, sp.Tuple):
        raise BankError(f"expected an expression to set to 0, got {expr}", field="equations")
    expr = sp.nsimplify(expr, rational=True) if expr.has(sp.Float) else expr
    try:
        poly = sp.Poly(sp.expand(expr), *variables)
    except sp.PolynomialError:
        raise BankError(f"{expr} is not a polynomial in {', '.join(map(str, variables))}",
                        field="equations") from None
    if not poly.domain.is_QQ and not poly.domain.is_ZZ:
        raise BankError(f"{expr} has coefficients that are not rational numbers", field="equations")
    return sp.expand(expr)


def _solutions(polys: list, variables: tuple) -> list[tuple]:
    """Every real solution, exactly; a curve of solutions or an unreadable root is a BankError."""
    from tutor.engine.bounded import Unfinished, bounded
    from tutor.engine.critical.algebraic import exact_coordinates
    from tutor.engine.critical.polysolve import solve_polynomial_system

    try:
        found = bounded(solve_polynomial_system, polys, variables, timeout=SECONDS, what="solving the equations")
    except Unfinished:
        raise BankError("the engine could not solve these equations in time", field="equations") from None
    if found.families or found.unresolved:
        raise BankError("the solutions are not isolated points found exactly", field="equations")
    out = []
    for point in found.points:
        coords = exact_coordinates(point)
        if coords is None:
            raise BankError("a solution has no short closed form", field="equations")
        out.append(coords)
    return sorted(out, key=lambda p: tuple(float(c) for c in p))


def _box(ctx: Context) -> dict:
    raw = ctx.raw("domain") or {}
    out = {}
    for name, bounds in raw.items():
        if not isinstance(bounds, tuple) or len(bounds) != 2:
            raise BankError("each variable gets [low, high]", field=f"domain.{name}")
        out[name] = tuple(float(ctx.read(b, f"domain.{name}")) for b in bounds)
    return out


def _inside(point: tuple, variables: tuple, box: dict) -> bool:
    for v, c in zip(variables, point):
        low, high = box.get(str(v), (float("-inf"), float("inf")))
        if not low < float(c) < high:
            return False
    return True


def _asked(variables: tuple) -> dict:
    names = [str(v) for v in variables]
    return {"asked": "(" + ", ".join(names) + ")"} if len(names) > 1 else {}
