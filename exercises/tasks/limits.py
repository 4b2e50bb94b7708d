"""The limit task: a limit at a point (it may not exist), or the limit along a given path."""
from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

from exercises.errors import BankError
from exercises.schema import ExprText, Names, OneOf, Point, Text
from exercises.tasks.base import Context, Solved, Task, register


@register
class LimitTask(Task):
    name = "limit"
    kind = "limit"
    engine = ("tutor.engine.limits",)
    summary = "a limit at a point (a value, ±oo or DNE), or the limit along a path such as y = x^2"
    fields = {
        "function": ExprText(required=True),
        "variables": Names(),
        "at": Point(required=True),
        "direction": OneOf(options=("+", "-")),
        "along": Text(help="a path through the point, e.g. \"y = x^2\" (solved for one variable)"),
    }

    @classmethod
    def check_inputs(cls, inputs: Mapping[str, Any]) -> None:
        if "along" in inputs and "direction" in inputs:
            raise BankError("give a path (along) or a side (direction), not both", field="direction")

    def solve(self, ctx: Context) -> Solved:
        import tutor
        from exercises.tasks.common import distinct_mistakes, steps_of

        declared = ctx.names("variables")
        f = ctx.expr("function", variables=declared)
        variables = ctx.variables(f)
        point = ctx.point("at", variables)
        if ctx.has("along"):
            f, variables, point, steps = self._restrict(ctx, f, variables, point)
        else:
            steps = ()
        try:
            r = tutor.limit(f, point, variables, direction=ctx.raw("direction"))
        except ValueError as exc:
            raise BankError(str(exc), field="function") from None
        if r.exists is None:
            raise BankError("the engine could not decide this limit in time; choose another function",
                            field="function")
        answer = r.value if r.exists else tutor.DNE
        mistakes = self._mistakes(r)
        return Solved(answer=answer, kind="limit", solution=steps + steps_of(r), result=r,
                      mistakes=partial(distinct_mistakes, answer, mistakes), options={"variables": variables},
                      figure=("limit", r) if len(variables) == 2 else None)

    def _restrict(self, ctx: Context, f, variables, point):
        """f on the path ``along`` (an equation solved for one variable), as a function of the others."""
        import sympy as sp

        from tutor.render import line

        path = ctx.read(ctx.raw("along"), "along", variables)
        if not isinstance(path, sp.Eq) or path.lhs not in variables:
            raise BankError("write the path as an equation solved for one variable, e.g. \"y = x^2\"",
                            field="along")
        var, rhs = path.lhs, path.rhs
        rest = tuple(v for v in variables if v != var)
        if not rest or rhs.free_symbols - set(rest):
            raise BankError("the path must give the variable in terms of the other variables", field="along")
        sub = {k: v for k, v in point.items() if k != var}
        from exercises.tasks.common import is_zero

        if not is_zero(rhs.subs(sub) - point[var]):
            raise BankError("the path does not pass through the point", field="along")
        restricted = f.subs(var, rhs)
        ctx.facts["along"] = path
        steps = (line("Along", path, "the function becomes", restricted, "."),)
        return restricted, rest, sub, steps

    def _mistakes(self, r) -> list:
        """For a limit that does not exist: each witness path's value, a one-path answer.

        The key is the grader's own for "a value given where the limit does not exist", so the
        diagnosis agrees; the description names the path. (The grader itself diagnoses "DNE"
        given for a limit that exists.)
        """
        import tutor
        from tutor.engine.mistakes import Mistake

        out = []
        if r.exists is False:
            for w in r.witnesses:
                if w.value is None:
                    continue
                along = ", ".join(tutor.to_text(e) for e in w.path.equations) or w.path.name
                out.append(Mistake("limit-exists", f"That is the limit along {along} only; another path gives "
                                   "a different value, so the limit does not exist.", w.value,
                                   guided=f"That is the limit along {along}: do other paths to the point "
                                          "approach the same value?"))
        return out
