"""Tasks on functions of several variables: evaluate, partial, gradient, directional
derivative, tangent line/plane, Hessian, Taylor model, and the difference quotient."""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import partial
from typing import Any, cast

from exercises.errors import BankError
from exercises.schema import ExprText, Integer, Names, Number, OneOf, Point, Vector
from exercises.tasks.base import Context, Solved, Task, register

ENGINE = ("tutor.engine.multivariable",)


def _function(ctx: Context, field: str = "variables"):
    declared = ctx.names(field)
    f = ctx.expr("function", variables=declared)
    return f, ctx.variables(f, field)


def _engine_call(fn, *args, field: str = "function", **kwargs):
    """Engine input errors (a corner, an undefined point) become bank errors naming the field."""
    try:
        return fn(*args, **kwargs)
    except ValueError as exc:
        raise BankError(str(exc), field=field) from None


def _at(ctx: Context, variables) -> dict | None:
    return ctx.point("at", variables) if ctx.has("at") else None


@register
class Evaluate(Task):
    name = "evaluate"
    kind = "number"
    engine = ENGINE
    summary = "the value f(a) of a function of one or several variables"
    fields = {"function": ExprText(required=True), "variables": Names(), "at": Point(required=True)}

    def solve(self, ctx: Context) -> Solved:
        import tutor
        from exercises.tasks.common import steps_of

        f, variables = _function(ctx)
        point = ctx.point("at", variables)
        result = _engine_call(tutor.evaluate, f, point, variables, field="at")
        if result.value is None:
            raise BankError(f"the function is {result.note}", field="at")
        return Solved(answer=result.value, kind="number", solution=partial(steps_of, result), result=result,
                      figure=("surface", f, variables, point) if len(variables) == 2 else None)


@register
class Partial(Task):
    name = "partial"
    kind = "expression"
    kinds = ("number",)
    engine = ENGINE
    summary = "a partial derivative ∂f/∂x (or a second one, ∂²f/∂y∂x), optionally at a point"
    fields = {
        "function": ExprText(required=True),
        "variable": Names(required=True, help="\"x\" for ∂f/∂x; [\"x\", \"y\"] for ∂/∂y of ∂f/∂x"),
        "variables": Names(help="all the variables, for the point's order"),
        "at": Point(),
    }

    @classmethod
    def kind_for(cls, inputs: Mapping[str, Any]) -> str:
        return "number" if "at" in inputs else "expression"

    def solve(self, ctx: Context) -> Solved:
        import tutor
        from exercises.tasks.calculus import asked_derivative, iter_derivative_mistakes
        from exercises.tasks.common import iter_distinct, steps_of
        from tutor.render import line

        f, variables = _function(ctx)
        wrt = cast(tuple, ctx.names("variable"))  # a required field
        ctx.facts["variable"] = wrt[0] if len(wrt) == 1 else wrt
        d = _engine_call(tutor.partial, f, *wrt)
        answer = d.result
        point = _at(ctx, variables)
        value = None if point is None else tutor.evaluate(answer, point, variables).value

        def steps() -> tuple:
            extra = () if point is None else (line("At", point_words(point), "this is", value, "."),)
            return (*steps_of(d), *extra)

        def mistakes() -> Iterator[Any]:  # one at a time: diagnosis stops at the one an answer matches
            found = iter_derivative_mistakes(f, wrt[0]) if len(wrt) == 1 else iter(())
            if point is None:
                return iter_distinct(answer, found)
            return iter_distinct(value, (type(m)(m.key, m.description, m.expr.subs(point)) for m in found))

        if point is None:
            return Solved(answer=answer, kind="expression", solution=steps, mistakes=mistakes, result=d,
                          options={"variables": variables, "asked": asked_derivative(tuple(wrt), "∂")})
        return Solved(answer=value, kind="number", solution=steps, mistakes=mistakes, result=d,
                      options={"asked": asked_derivative(tuple(wrt), "∂")})


@register
class GradientTask(Task):
    name = "gradient"
    kind = "vector"
    engine = ENGINE
    summary = "the gradient ∇f (variables in the documented order), optionally at a point"
    fields = {"function": ExprText(required=True), "variables": Names(), "at": Point(),
              "called": Names(help="the function's name in feedback, \"L\" for ∂L/∂w (default f)")}

    def solve(self, ctx: Context) -> Solved:
        import tutor
        from exercises.tasks.common import distinct_mistakes, steps_of
        from tutor.engine.multivariable.mistakes import gradient_mistakes

        f, variables = _function(ctx)
        point = _at(ctx, variables)
        g = _engine_call(tutor.gradient, f, variables, at=point)
        answer = g.value if point is not None else g.result

        def mistakes() -> tuple:
            found = gradient_mistakes(f, variables)
            if point is not None:
                found = [type(m)(m.key, m.description, m.expr.subs(point)) for m in found]
            return distinct_mistakes(answer, found)

        called = ctx.raw("called", ("f",))
        name = called[0] if isinstance(called, (tuple, list)) else str(called)
        labels = tuple(f"∂{name}/∂{v.name}" for v in variables)
        options: dict[str, Any] = {"labels": labels, "asked": "∇" if name == "f" else f"∇{name}"}
        if point is None:
            options["variables"] = variables
        return Solved(answer=answer, kind="vector", solution=partial(steps_of, g), result=g, options=options,
                      mistakes=mistakes, figure=("contour", f, variables, point) if len(variables) == 2 else None)


@register
class Directional(Task):
    name = "directional"
    kind = "number"
    kinds = ("vector",)
    engine = ENGINE
    summary = "the directional derivative along a direction, the steepest-ascent direction or its rate"
    fields = {
        "function": ExprText(required=True),
        "variables": Names(),
        "at": Point(required=True),
        "direction": Vector(help="any non-zero vector; it is normalised"),
        "ask": OneOf(options=("rate", "steepest_direction", "max_rate"), default="rate"),
    }

    @classmethod
    def kind_for(cls, inputs: Mapping[str, Any]) -> str:
        return "vector" if inputs.get("ask") == "steepest_direction" else "number"

    @classmethod
    def check_inputs(cls, inputs: Mapping[str, Any]) -> None:
        if inputs.get("ask", "rate") == "rate" and "direction" not in inputs:
            raise BankError("the rate along a direction needs direction = [..]", field="direction")

    def solve(self, ctx: Context) -> Solved:
        import sympy as sp

        import tutor
        from exercises.tasks.common import distinct_mistakes, steps_of
        from tutor.engine.mistakes import Mistake

        f, variables = _function(ctx)
        point = ctx.point("at", variables)
        ask = ctx.raw("ask", "rate")
        direction = ctx.vector("direction") if ctx.has("direction") else (1,) + (0,) * (len(variables) - 1)
        r = _engine_call(tutor.directional_derivative, f, list(direction), point, variables, field="direction")
        mistakes: list = []
        if ask == "rate":
            answer = r.value
            raw = sp.radsimp(sum(a * b for a, b in zip(r.gradient.value, r.direction)))
            mistakes.append(Mistake("direction-not-normalised", "The direction has to be a unit vector: divide it "
                                    "by its length before taking the dot product with ∇f.", raw))
        elif ask == "max_rate":
            answer = sp.radsimp(r.max_rate)
            squared = sum(c**2 for c in r.gradient.value)
            mistakes.append(Mistake("rate-not-rooted", "That is |∇f|², the squared length; the fastest rate "
                                    "of increase is the length |∇f| itself.", squared))
        else:
            if r.steepest is None:
                raise BankError("∇f = 0 at this point: there is no steepest direction", field="at")
            answer = r.steepest
            mistakes.append(Mistake("steepest-descent-not-ascent", "That direction goes downhill; the steepest "
                                    "ascent is along +∇f/|∇f|.", sp.Tuple(*(-c for c in r.steepest))))
            mistakes.append(Mistake("direction-not-normalised", "Scale the gradient to length 1: a direction is "
                                    "a unit vector.", r.gradient.value))
        kind = "vector" if ask == "steepest_direction" else "number"
        return Solved(answer=answer, kind=kind, solution=partial(steps_of, r), result=r,
                      mistakes=partial(distinct_mistakes, answer, mistakes),
                      figure=("contour", f, variables, point) if len(variables) == 2 else None)


@register
class TangentTask(Task):
    name = "tangent"
    kind = "expression"
    engine = ENGINE
    summary = "the tangent line y = … (one variable) or tangent plane z = … (two) at a point"
    fields = {"function": ExprText(required=True), "variables": Names(), "at": Point(required=True)}

    def solve(self, ctx: Context) -> Solved:
        import tutor
        from exercises.tasks.common import distinct_mistakes, steps_of
        from tutor.engine.mistakes import Mistake

        f, variables = _function(ctx)
        point = ctx.point("at", variables)
        t = _engine_call(tutor.tangent, f, point, variables, field="at")
        ctx.facts["dependent"] = t.dependent
        answer = t.linear
        slope_only = sum(s * v for s, v in zip(t.slopes, variables))
        mistakes = (
            Mistake("tangent-slope-only", "The tangent must pass through the point of tangency: add f(a) and "
                    "shift by the point, f(a) + f'(a)(x − a).", slope_only),
            Mistake("tangent-not-shifted", "Use x − a, not x: the slope multiplies the distance from the point.",
                    t.value + slope_only),
        )
        plot = ("tangent", f, variables[0], point) if len(variables) == 1 else None
        return Solved(answer=answer, kind="expression", solution=partial(steps_of, t), result=t,
                      mistakes=partial(distinct_mistakes, answer, mistakes), options={"variables": variables},
                      figure=plot)


@register
class HessianTask(Task):
    name = "hessian"
    kind = "matrix"
    engine = ENGINE
    summary = "the Hessian matrix of second partial derivatives, optionally at a point"
    fields = {"function": ExprText(required=True), "variables": Names(), "at": Point()}

    def solve(self, ctx: Context) -> Solved:
        import tutor
        from exercises.tasks.common import steps_of

        f, variables = _function(ctx)
        point = _at(ctx, variables)
        h = _engine_call(tutor.hessian, f, variables, at=point)
        answer = h.value if point is not None else h.result
        options = {} if point is not None else {"variables": variables}
        return Solved(answer=answer, kind="matrix", solution=partial(steps_of, h), result=h, options=options)


@register
class TaylorTask(Task):
    name = "taylor"
    kind = "expression"
    engine = ENGINE
    summary = "the Taylor polynomial of a given order at a point (order 2: the quadratic model)"
    fields = {"function": ExprText(required=True), "variables": Names(), "at": Point(required=True),
              "order": Integer(low=0, high=4)}

    def solve(self, ctx: Context) -> Solved:
        import tutor
        from exercises.tasks.common import distinct_mistakes, steps_of
        from tutor.engine.mistakes import Mistake

        f, variables = _function(ctx)
        point = ctx.point("at", variables)
        order = ctx.integer("order", 2)
        t = _engine_call(tutor.taylor, f, point, order, variables, field="at")
        mistakes = []
        if order >= 2 and len(t.terms) > 2:
            import sympy as sp

            doubled = t.polynomial + sp.expand(t.terms[2].doit())
            mistakes.append(Mistake("taylor-missing-half", "The second-order term carries a factor ½: "
                                        "½ hᵀH(a)h, or f''(a)/2!·(x − a)² in one variable.", doubled))
        return Solved(answer=t.polynomial, kind="expression", solution=partial(steps_of, t), result=t,
                      mistakes=partial(distinct_mistakes, t.polynomial, mistakes), options={"variables": variables})


@register
class DifferenceQuotientTask(Task):
    name = "difference_quotient"
    kind = "number"
    engine = ENGINE
    summary = "a forward, backward or central difference quotient (the ratio of intervals)"
    fields = {
        "function": ExprText(required=True),
        "variable": Names(),
        "at": Point(required=True),
        "h": Number(required=True, help="the step, e.g. 0.1"),
        "quotient": OneOf(options=("forward", "backward", "central"), default="central"),
    }

    def solve(self, ctx: Context) -> Solved:
        import tutor
        from exercises.tasks.common import distinct_mistakes, one_variable, steps_of
        from tutor.engine.mistakes import Mistake

        declared = ctx.names("variable")
        f = ctx.expr("function", variables=declared)
        var = one_variable(f, declared)
        point = ctx.point("at", (var,))
        h = ctx.number("h")
        which = ctx.raw("quotient", "central")
        q = _engine_call(tutor.difference_quotient, f, point, h, kind=which, var=var, field="h")
        rows = {r.kind: r for r in q.rows}
        mistakes = [Mistake(f"quotient-{k}", f"That is the {k} quotient; the question asks for the {which} one.",
                            rows[k].value) for k in rows if k != which]
        if which == "central":
            mistakes.append(Mistake("central-not-halved", "The central interval (a − h, a + h) has length 2h, "
                                    "so divide by 2h, not by h.", rows["central"].numerator / h))
        if q.derivative is not None:
            mistakes.append(Mistake("quotient-exact-derivative", "That is the exact derivative (the limit h → 0); "
                                    "the question asks for the quotient with this h.", q.derivative))
        return Solved(answer=q.value, kind="number", solution=partial(steps_of, q), result=q,
                      mistakes=partial(distinct_mistakes, q.value, mistakes))


def point_words(point: Mapping) -> Any:
    """``x = 1, y = 2`` as one sentence part (for line())."""
    import sympy as sp

    eqs = [sp.Eq(k, v, evaluate=False) for k, v in point.items()]
    return eqs[0] if len(eqs) == 1 else sp.Tuple(*eqs)
