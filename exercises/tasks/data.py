"""Tasks over a data set: least squares (normal equations, gradient, loss) and SGD estimates.

``tutor.least_squares`` builds the course's loss ‖y − Xβ‖² exactly; the SGD
task computes per-sample gradients exactly and checks the full gradient
against the engine's ``minibatch_check``.
"""
from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any, cast

from exercises.errors import BankError
from exercises.schema import ExprText, Flag, MatrixRows, Names, Number, NumberTable, OneOf, Point, Vector
from exercises.tasks.base import Context, Solved, Task, register
from tutor.render.words import count

LS_ASKS = ("solution", "gradient", "loss", "normal_matrix", "stable_bound")


@register
class LeastSquaresTask(Task):
    name = "least_squares"
    kind = "vector"
    kinds = ("number", "matrix")
    engine = ("tutor.engine.descent",)
    summary = "least squares ‖y − Xβ‖²: the normal-equation solution, the gradient or loss at β, XᵀX, 2/λ_max"
    fields = {
        "x": Vector(help="inputs of a line fit; X gets a column of ones (the intercept) unless intercept = false"),
        "X": MatrixRows(help="the design matrix, one row per data point (instead of x)"),
        "y": Vector(required=True),
        "intercept": Flag(),
        "scale": Number(help="the loss is scale·‖y − Xβ‖² (default 1; 1/2 gives the gradient XᵀXβ − Xᵀy)"),
        "ask": OneOf(options=LS_ASKS, default="solution"),
        "at": Point(help="β where the gradient or loss is asked"),
    }

    @classmethod
    def kind_for(cls, inputs: Mapping[str, Any]) -> str:
        ask = inputs.get("ask", "solution")
        one = (("x" in inputs and inputs.get("intercept") is False)
               or ("X" in inputs and len(inputs["X"][0]) == 1))
        fixed = {"loss": "number", "stable_bound": "number", "normal_matrix": "matrix"}
        return fixed.get(ask, "number" if one else "vector")

    @classmethod
    def check_inputs(cls, inputs: Mapping[str, Any]) -> None:
        if ("x" in inputs) == ("X" in inputs):
            raise BankError("give either x (a line fit) or X (a design matrix)", field="X" if "X" in inputs else "x")
        if inputs.get("ask", "solution") in ("gradient", "loss") and "at" not in inputs:
            raise BankError("the gradient and the loss are asked at a point β: give at = [..]", field="at")

    def solve(self, ctx: Context) -> Solved:
        import sympy as sp

        from exercises.tasks.common import point_value, steps_of
        from tutor.engine.descent import BadData, least_squares
        from tutor.render import line

        X = self._design(ctx)
        y = ctx.vector("y")
        if len(y) != X.rows:
            raise BankError(f"X has {count(X.rows, 'row')} but y has {count(len(y), 'entry')}", field="y")
        scale = ctx.number("scale", 1)
        try:
            ls = least_squares(X.tolist(), list(y), scale=scale)
        except BadData as exc:
            raise BankError(str(exc), field="X") from None
        ask = ctx.raw("ask", "solution")
        nodes = steps_of(ls)
        beta = ls.variables
        if ask == "solution":
            if ls.solution is None:
                raise BankError("XᵀX is singular: the data do not determine β", field="x")
            answer = point_value(ls.solution)
            _agree_ls(ls, X, sp.Matrix(y))
            return Solved(answer=answer, kind=self.kind_for(ctx.inputs), solution=nodes, result=ls)
        if ask == "normal_matrix":
            return Solved(answer=sp.ImmutableMatrix(ls.XtX), kind="matrix", solution=nodes, result=ls)
        if ask == "stable_bound":
            H = 2 * ls.scale * ls.XtX
            top = max(H.eigenvals(), key=lambda e: float(e))
            answer = sp.radsimp(2 / top)
            if abs(float(answer) - cast(float, ls.stable_bound)) > 1e-9 * cast(float, ls.stable_bound):
                raise RuntimeError("the exact bound disagrees with the engine's")
            return Solved(answer=answer, kind="number", solution=nodes, result=ls)
        point = ctx.point("at", beta)
        if ask == "gradient":
            answer = point_value([g.subs(point) for g in ls.gradient])
            extra = line("At β =", point_value(list(point.values())), "the gradient is", answer, ".")
            return Solved(answer=answer, kind=self.kind_for(ctx.inputs), solution=nodes + (extra,), result=ls)
        answer = ls.loss.subs(point)
        extra = line("At β =", point_value(list(point.values())), "the loss is", answer, ".")
        return Solved(answer=answer, kind="number", solution=nodes + (extra,), result=ls)

    def _design(self, ctx: Context):
        import sympy as sp

        if ctx.has("X"):
            return ctx.matrix("X")
        xs = ctx.vector("x")
        if ctx.raw("intercept", True):
            return sp.Matrix([[1, v] for v in xs])
        return sp.Matrix([[v] for v in xs])


def _agree_ls(ls: Any, X: Any, y: Any) -> None:
    """β̂ must satisfy the normal equations XᵀXβ = Xᵀy exactly."""
    import sympy as sp

    if not ls.exact:
        return
    residual = X.T * X * sp.Matrix(ls.solution) - X.T * y
    from exercises.tasks.common import is_zero

    if not all(is_zero(r) for r in residual):
        raise RuntimeError("the engine's solution does not satisfy the normal equations")


@register
class MinibatchGradient(Task):
    name = "sgd_estimate"
    kind = "number"
    kinds = ("vector",)
    engine = ("tutor.engine.descent",)
    summary = "SGD: the full gradient of a sum over samples, or one minibatch's (N/b)-scaled estimate"
    fields = {
        "function": ExprText(required=True, help="one sample's loss term, e.g. \"(w*x - y)^2\""),
        "data": NumberTable(required=True, help="columns, e.g. { x = [1, 2, 3], y = [2, 4, 5] }"),
        "variables": Names(required=True, help="the parameters (the other names are data columns)"),
        "at": Point(required=True),
        "batch": Vector(help="1-based sample numbers of the minibatch; without it the full gradient is asked"),
    }

    @classmethod
    def kind_for(cls, inputs: Mapping[str, Any]) -> str:
        return "vector" if len(inputs.get("variables", ())) > 1 else "number"

    def solve(self, ctx: Context) -> Solved:
        import sympy as sp

        from exercises.tasks.common import distinct_mistakes, point_value, steps_of
        from tutor.engine.descent import minibatch_check
        from tutor.engine.mistakes import Mistake
        from tutor.render import line

        variables = cast(tuple, ctx.names("variables"))  # a required field
        columns = {k: [ctx.read(v, f"data.{k}") for v in (vals if isinstance(vals, tuple) else (vals,))]
                   for k, vals in ctx.raw("data").items()}
        sizes = {len(v) for v in columns.values()}
        if len(sizes) != 1:
            raise BankError("every data column needs the same number of values", field="data")
        n = sizes.pop()
        f = ctx.expr("function", variables=list(variables) + list(columns))
        point = ctx.point("at", variables)
        from exercises.tasks.descent import exact_gradient

        grad = exact_gradient(f, variables)
        per = []
        for i in range(n):
            row = {sp.Symbol(k): col[i] for k, col in columns.items()}
            per.append([g.subs(row).subs(point) for g in grad])
        full = [sum(p[j] for p in per) for j in range(len(variables))]
        check = minibatch_check(f, {k: [float(v) for v in col] for k, col in columns.items()},
                                [float(point[v]) for v in variables], 1, variables=list(variables))
        if any(abs(float(a) - float(b)) > 1e-7 * (1 + abs(float(a))) for a, b in zip(full, check.full)):
            raise RuntimeError("the exact full gradient disagrees with the engine's")
        nodes = steps_of(check)
        if not ctx.has("batch"):
            answer = point_value(full)
            return Solved(answer=answer, kind=self.kind_for(ctx.inputs), solution=nodes, result=check)
        batch = [int(b) for b in ctx.vector("batch")]
        if not batch or any(not 1 <= b <= n for b in batch) or len(set(batch)) != len(batch):
            raise BankError(f"the batch lists distinct sample numbers from 1 to {n}", field="batch")
        b = len(batch)
        total = [sum(per[i - 1][j] for i in batch) for j in range(len(variables))]
        estimate = [sp.Rational(n, b) * t for t in total]
        answer = point_value(estimate)
        steps = (line(f"The minibatch holds samples {', '.join(map(str, batch))}: b = {b} of N = {n}. "
                      f"Sum their gradients and scale by N/b = {sp.Rational(n, b)}:",
                      point_value(total), "·", sp.Rational(n, b), "=", answer, "."),) + nodes
        mistakes = (
            Mistake("sgd-not-rescaled", "You summed the minibatch's gradients but did not scale by N/b; "
                    "without the factor N/b the estimate is biased (too small by b/N).", point_value(total)),
            Mistake("sgd-full-gradient", "That is the full gradient over all samples; the question asks for "
                    "this minibatch's estimate.", point_value(full)),
        )
        return Solved(answer=answer, kind=self.kind_for(ctx.inputs), solution=steps,
                      mistakes=partial(distinct_mistakes, answer, mistakes), result=check)
