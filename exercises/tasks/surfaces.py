"""Critical points, their classification, surface shapes and level curves."""
from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

from exercises.errors import BankError
from exercises.schema import ExprText, Names, NumberTable, Point
from exercises.tasks.base import Context, Solved, Task, register

KIND_CHOICES = {  # letter -> (choice text, conclusions it stands for, whether it holds for a CriticalPoint)
    "a": ("a local minimum", ("minimum",), lambda p: p.conclusion == "minimum"),
    "b": ("a local maximum", ("maximum",), lambda p: p.conclusion == "maximum"),
    "c": ("neither: a saddle point (in one variable, a stationary point that is no extremum)",
          ("saddle", "not an extremum"), lambda p: p.conclusion in ("saddle", "not an extremum")),
    # not "the second-derivative test cannot decide": that is also true of every degenerate
    # point whose kind a closer look decides (log(x⁴ + x³ + 2) at 0, x⁴ + y⁴ at the origin)
    "d": ("it cannot be classified: no test settles whether it is an extremum", ("inconclusive", "undecided"),
          lambda p: p.conclusion not in ("minimum", "maximum", "saddle", "not an extremum")),
}


def _critical(ctx: Context, one_point: bool = False):
    """The critical points; a curve of them is allowed only when one given point is asked about."""
    import tutor

    declared = ctx.names("variables")
    f = ctx.expr("function", variables=declared)
    variables = ctx.variables(f)
    domain = _domain(ctx, variables)
    try:
        found = tutor.critical_points(f, variables, domain=domain)
    except ValueError as exc:
        raise BankError(str(exc), field="function") from None
    if not found.complete or (found.families and not one_point):
        raise BankError("the engine cannot list every critical point of this function (or they form a "
                        "curve); choose a function whose critical points are isolated and found exactly",
                        field="function")
    return f, variables, found


def _domain(ctx: Context, variables) -> dict | None:
    raw = ctx.raw("domain")
    if raw is None:
        return None
    out = {}
    for name, bounds in raw.items():
        if not isinstance(bounds, tuple) or len(bounds) != 2:
            raise BankError("each variable gets [low, high]", field=f"domain.{name}")
        out[name] = tuple(ctx.read(b, f"domain.{name}") for b in bounds)
    return out


def _conclusion(p) -> str:
    """The word a learner types for this point's kind (what the grader accepts for it)."""
    if p.conclusion in ("minimum", "maximum", "saddle"):
        return p.conclusion
    if p.conclusion == "not an extremum":
        return "saddle"
    return p.kind


@register
class CriticalPointsTask(Task):
    name = "critical_points"
    kind = "point_set"
    engine = ("tutor.engine.critical",)
    summary = "every critical point (where the gradient vanishes), as a set of points"
    fields = {
        "function": ExprText(required=True),
        "variables": Names(),
        "domain": NumberTable(help="a box to search in, e.g. { x = [0, 6.3], y = [0, 6.3] } (open intervals)"),
    }

    def solve(self, ctx: Context) -> Solved:
        import sympy as sp

        from exercises.tasks.common import steps_of

        f, variables, found = _critical(ctx)
        points = [p.coordinates[0] if len(variables) == 1 else sp.Tuple(*p.coordinates) for p in found]
        answer = sp.FiniteSet(*points) if points else sp.S.EmptySet
        return Solved(answer=answer, kind="point_set", solution=partial(steps_of, found), result=found,
                      options={"classify": False, **_asked(variables)}, figure=_figure(f, variables, found))


@register
class Classify(Task):
    name = "classify"
    kind = "point_set"
    kinds = ("multiple_choice",)
    engine = ("tutor.engine.critical",)
    summary = "critical points with their kinds (minimum, maximum, saddle), or the kind of one given point"
    fields = {
        "function": ExprText(required=True),
        "variables": Names(),
        "domain": NumberTable(help="a box to search in (open intervals)"),
        "at": Point(help="classify only this critical point (a multiple-choice question)"),
    }

    @classmethod
    def kind_for(cls, inputs: Mapping[str, Any]) -> str:
        return "multiple_choice" if "at" in inputs else "point_set"

    def solve(self, ctx: Context) -> Solved:
        from exercises.tasks.common import steps_of

        f, variables, found = _critical(ctx, one_point=ctx.has("at"))
        if ctx.has("at"):
            return self._one(ctx, f, variables, found)
        text = "; ".join(f"{_coords(p)} {_conclusion(p)}" for p in found) or "none"
        return Solved(answer=found, kind="point_set", solution=partial(steps_of, found), answer_text=text,
                      result=found, options={"classify": True, **_asked(variables)}, figure=_figure(f, variables, found))

    @classmethod
    def option_truths(cls, variant: Any) -> dict[str, bool | None]:
        """Each choice decided on the engine's classification of the point (one-point questions)."""
        if variant.kind != "multiple_choice":
            return {}
        return {k: holds(variant.result) for k, (_, _, holds) in KIND_CHOICES.items()}

    def _one(self, ctx: Context, f, variables, found) -> Solved:
        from exercises.tasks.common import steps_of
        from tutor.engine.mistakes import Mistake

        point = ctx.point("at", variables)
        from exercises.tasks.common import is_zero

        match = [p for p in found if all(is_zero(p.point[v] - point[v]) for v in variables)]
        if not match:
            raise BankError("this point is not a critical point of the function", field="at")
        p = match[0]
        letter = next(k for k, (_, _, holds) in KIND_CHOICES.items() if holds(p))
        appendix = "\n\n" + "\n".join(f"{k}) {text}" for k, (text, _, _) in KIND_CHOICES.items())
        mistakes = []
        if p.conclusion == "not an extremum" and len(variables) == 1:
            mistakes.append(Mistake("choice-a", "f' = 0 there, but f' keeps its sign on both sides, so f keeps "
                                    "rising (or falling) through the point: it is no extremum.", "a"))
        return Solved(answer=letter, kind="multiple_choice", solution=partial(steps_of, p), answer_text=letter,
                      appendix=appendix, mistakes=tuple(m for m in mistakes if m.expr != letter),
                      options={"choices": {k: text for k, (text, _, _) in KIND_CHOICES.items()}}, result=p,
                      figure=_figure(f, variables, found))


def _coords(p) -> str:
    from tutor import to_text

    values = p.coordinates
    return to_text(values[0]) if len(values) == 1 else "(" + ", ".join(to_text(v) for v in values) + ")"


def _figure(f, variables, found) -> tuple | None:
    return ("critical", f, variables, found) if len(variables) == 2 else None


def _asked(variables) -> dict:
    """The point's coordinates by name, so that (x, y) = (1, 2) is read in the variables' order."""
    names = [str(v) for v in variables]
    return {"asked": "(" + ", ".join(names) + ")"} if len(names) > 1 else {}
