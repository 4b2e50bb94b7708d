"""The shape of a surface near a point, and level curves f(x, y) = c."""
from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

from exercises.errors import BankError
from exercises.schema import ExprText, Names, Number, OneOf, Point
from exercises.tasks.base import Context, Solved, Task, register

SURFACE_CHOICES = {  # letter -> (choice text, engine kind)
    "a": ("a bowl: it curves up in every direction", "bowl"),
    "b": ("a dome: it curves down in every direction", "dome"),
    "c": ("a saddle: up in some directions, down in others", "saddle"),
    "d": ("a plane: no curvature at all", "plane"),
    # "flat to second order in some direction" alone is true of a plane too
    "e": ("degenerate: curved, but flat to second order in some direction", "degenerate"),
}
LEVEL_CHOICES = {  # letter -> (choice text, engine shapes)
    "a": ("a circle", ("circle",)),
    "b": ("an ellipse (not a circle)", ("ellipse",)),
    "c": ("a hyperbola", ("hyperbola",)),
    "d": ("a parabola", ("parabola",)),
    "e": ("a straight line (or two parallel lines)", ("line", "parallel lines")),
    "f": ("two crossing lines", ("pair of crossing lines", "two lines")),
    "g": ("a single point", ("point",)),
    "h": ("nothing: no point has this level", ("empty",)),
}


def _choices_appendix(table: Mapping[str, tuple]) -> str:
    return "\n\n" + "\n".join(f"{k}) {v[0]}" for k, v in table.items())


@register
class SurfaceKindTask(Task):
    name = "surface_kind"
    kind = "multiple_choice"
    engine = ("tutor.engine.surface",)
    summary = "the shape of a surface near a point (bowl, dome, saddle, plane, degenerate), from the Hessian"
    fields = {"function": ExprText(required=True), "variables": Names(), "at": Point()}

    @classmethod
    def option_truths(cls, variant: Any) -> dict[str, bool | None]:
        return _surface_truths(variant.result)

    def solve(self, ctx: Context) -> Solved:
        import tutor
        from exercises.tasks.common import steps_of

        declared = ctx.names("variables")
        f = ctx.expr("function", variables=declared)
        variables = ctx.variables(f)
        point = ctx.point("at", variables) if ctx.has("at") else None
        try:
            s = tutor.surface_kind(f, point, variables)
        except ValueError as exc:
            raise BankError(str(exc), field="function") from None
        letter = next((k for k, (_, kind) in SURFACE_CHOICES.items() if kind == s.kind), None)
        if letter is None:
            raise BankError(f"the engine could not decide the shape ({s.kind})", field="function")
        options = {"choices": {k: text for k, (text, _) in SURFACE_CHOICES.items()}}
        plot = ("surface", f, variables, point) if len(variables) == 2 else None
        return Solved(answer=letter, kind="multiple_choice", solution=partial(steps_of, s), answer_text=letter,
                      options=options, appendix=_choices_appendix(SURFACE_CHOICES), result=s, figure=plot)


def _surface_truths(s: Any) -> dict[str, bool | None]:
    """Each surface choice decided from the Hessian's eigenvalue signs (None where they are unknown)."""
    if s.kind == "plane":
        return {"a": False, "b": False, "c": False, "d": True, "e": False}
    if s.eigen_signs is None:
        return {k: None for k in SURFACE_CHOICES}
    pos, neg, zero = s.eigen_signs
    return {"a": zero == 0 and neg == 0, "b": zero == 0 and pos == 0, "c": pos > 0 and neg > 0,
            "d": False, "e": zero > 0}


@register
class LevelCurveTask(Task):
    name = "level_curve"
    kind = "equation"
    kinds = ("multiple_choice", "number")
    engine = ("tutor.engine.level",)
    summary = "the level curve f(x, y) = c: its equation, its shape, a circle's radius or a line's slope"
    fields = {
        "function": ExprText(required=True),
        "variables": Names(),
        "c": Number(required=True, help="the level"),
        "ask": OneOf(options=("equation", "shape", "radius", "slope"), default="equation"),
    }

    @classmethod
    def option_truths(cls, variant: Any) -> dict[str, bool | None]:
        """A shape question's choices, each decided on the engine's name for the curve."""
        if variant.kind != "multiple_choice":
            return {}
        shape = variant.result.cases[0].shape
        return {k: shape in shapes for k, (_, shapes) in LEVEL_CHOICES.items()}

    @classmethod
    def kind_for(cls, inputs: Mapping[str, Any]) -> str:
        return {"shape": "multiple_choice", "radius": "number", "slope": "number"}.get(
            inputs.get("ask", "equation"), "equation")

    def solve(self, ctx: Context) -> Solved:
        import tutor
        from exercises.tasks.common import steps_of

        declared = ctx.names("variables")
        f = ctx.expr("function", variables=declared)
        variables = ctx.variables(f)
        c = ctx.number("c")
        try:
            level = tutor.level_curve(f, c, variables)
        except ValueError as exc:
            raise BankError(str(exc), field="function") from None
        case = level.cases[0] if level.cases else None
        if case is None or case.shape == "curve":
            raise BankError("the engine could not name this level curve", field="function")
        ask = ctx.raw("ask", "equation")
        nodes = steps_of(level)
        plot = ("contour", f, variables, None)
        if ask == "shape":
            letter = next((k for k, (_, shapes) in LEVEL_CHOICES.items() if case.shape in shapes), None)
            if letter is None:
                raise BankError(f"no choice describes a {case.shape}", field="ask")
            return Solved(answer=letter, kind="multiple_choice", solution=nodes, answer_text=letter,
                          options={"choices": {k: v[0] for k, v in LEVEL_CHOICES.items()}},
                          appendix=_choices_appendix(LEVEL_CHOICES), result=level, figure=plot)
        if ask in ("radius", "slope"):
            return self._fact(ask, case, c, nodes, level, plot)
        answer = level.solved[0] if len(level.solved) == 1 else level.equation
        return Solved(answer=answer, kind="equation", solution=nodes, result=level, figure=plot,
                      options={"variables": variables})

    def _fact(self, ask: str, case, c, nodes, level, plot) -> Solved:
        import sympy as sp

        from exercises.tasks.common import distinct_mistakes
        from tutor.engine.mistakes import Mistake

        value = case.fact(ask)
        if value is None:
            what = "a circle" if ask == "radius" else "a line that is not vertical"
            raise BankError(f"the level curve is a {case.shape}, not {what}", field="ask")
        mistakes = []
        if ask == "radius":
            mistakes.append(Mistake("radius-not-rooted", "That is the radius squared: x² + y² = r² has radius "
                                    "r = √c, not c.", case.fact("radius squared")))
        else:
            mistakes.append(Mistake("slope-sign", "Check the sign: solve the equation for y before reading "
                                    "off the slope.", -value))
            if value != 0:
                mistakes.append(Mistake("slope-inverted", "That is the reciprocal: the slope is the coefficient "
                                        "of x once the equation reads y = mx + k.", sp.Integer(1) / value))
        return Solved(answer=value, kind="number", solution=nodes, result=level, figure=plot,
                      mistakes=partial(distinct_mistakes, value, mistakes))
