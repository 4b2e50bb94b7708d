"""One-variable calculus tasks: derivative (rules, chain rule, slope at a point)."""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from exercises.errors import BankError
from exercises.schema import CONSTANT_POLICIES, ExprText, Integer, Names, OneOf, Point
from exercises.tasks.base import Context, Solved, Task, register


@register
class DerivativeTask(Task):
    name = "derivative"
    kind = "expression"
    kinds = ("number",)
    engine = ("tutor.engine.derivative",)
    summary = "d/dx f (any order), or its value at a point"
    fields = {
        "function": ExprText(required=True, help="the function, e.g. \"log(x^4 + x^3 + 2)\""),
        "variable": Names(help="the variable (default: the function's only variable)"),
        "order": Integer(low=1, high=4),
        "at": Point(help="evaluate the derivative there (the answer is then a number)"),
    }

    @classmethod
    def kind_for(cls, inputs: Mapping[str, Any]) -> str:
        return "number" if "at" in inputs else "expression"

    def solve(self, ctx: Context) -> Solved:
        import tutor
        from exercises.tasks.common import iter_distinct, one_variable, steps_of
        from tutor.render import line

        declared = ctx.names("variable")
        f = ctx.expr("function", variables=declared)
        var = one_variable(f, declared)
        ctx.facts["variable"] = var
        order = ctx.integer("order", 1)
        d = tutor.derivative(f, var, order)
        if d.result is None:
            raise BankError("the engine could not differentiate this function in time", field="function")
        answer = d.result
        options: dict[str, Any] = {"variables": tuple(sorted(f.free_symbols, key=lambda s: s.name)),
                                   "asked": asked_derivative((var,) * order)}
        point, plot = None, None
        if ctx.has("at"):
            from tutor.engine.inputs import ordered_variables

            variables = ordered_variables(f) if len(f.free_symbols) > 1 else (var,)
            point = ctx.point("at", variables)
            answer, options = _exact(answer.subs(point)), {"asked": asked_derivative((var,) * order)}
            plot = ("tangent", f, var, point) if len(variables) == 1 else None

        def steps() -> tuple:
            extra = () if point is None else (line("At", *_eqs(point), "the derivative is", answer),)
            return (*steps_of(d), *extra)

        def mistakes() -> Iterator[Any]:  # one at a time: diagnosis stops at the one an answer matches
            found = iter_derivative_mistakes(f, var) if order == 1 else iter(())
            if point is not None:
                found = (type(m)(m.key, m.description, _exact(m.expr.subs(point))) for m in found)
            return iter_distinct(answer, found)

        return Solved(answer=answer, kind=self.kind_for(ctx.inputs), solution=steps, mistakes=mistakes,
                      options=options, result=d, figure=plot)


def asked_derivative(wrt: tuple, d: str = "d") -> str:
    """What a derivative exercise asks, as a left-hand side for the grader: ``d/dx``, ``∂²/∂y∂x``.

    The function's name is left open (f'(x), g'(x), dy/dx are all fine); an exercise
    that names its function says so with ``grading = { asked = "g'(x)" }``.
    """
    from itertools import groupby

    power = lambda n: f"^{n}" if n > 1 else ""  # noqa: E731
    below = "".join(f"{d}{v}{power(len(list(run)))}" for v, run in groupby(wrt))
    return f"{d}{power(len(wrt))}/{below}"


def derivative_mistakes(f: Any, var: Any) -> list:
    """The engine's classic wrong derivatives of f (none while that module is missing)."""
    return list(iter_derivative_mistakes(f, var))


def iter_derivative_mistakes(f: Any, var: Any) -> Iterator[Any]:
    """``derivative_mistakes`` one at a time (the later ones cost most)."""
    try:
        from tutor.engine.derivative.mistakes import iter_derivative_mistakes as generate
    except ImportError:
        return
    yield from (m for m in generate(f, var) if m.expr is not None)


def _exact(value: Any):
    """A derivative's value at a point, simplified (within a time limit) when it is not rational."""
    import sympy as sp

    if value.is_number and not value.is_Rational:
        from tutor.engine.bounded import TimedOut, alarm

        try:
            with alarm(2, "simplify"):
                return sp.simplify(value)
        except TimedOut:
            return value
    return value


def _eqs(point: Mapping) -> tuple:
    """``x = 1, y = 2`` as sentence parts."""
    parts: list = []
    for i, (k, v) in enumerate(point.items()):
        parts += [k, "=", v] + ([","] if i < len(point) - 1 else [])
    return tuple(parts)


@register
class AntiderivativeTask(Task):
    name = "antiderivative"
    kind = "antiderivative"
    engine = ("tutor.engine.bounded",)
    summary = "an antiderivative ∫f dx, graded up to a constant (constant: optional, required, forbidden)"
    fields = {
        "function": ExprText(required=True, help="the integrand, e.g. \"x e^x\""),
        "variable": Names(help="the variable (default: the function's only variable)"),
        "constant": OneOf(options=CONSTANT_POLICIES, help="what a missing + C costs (default optional)"),
    }

    def solve(self, ctx: Context) -> Solved:
        from exercises.tasks.common import one_variable
        from tutor.render import line

        declared = ctx.names("variable")
        f = ctx.expr("function", variables=declared)
        var = one_variable(f, declared)
        ctx.facts["variable"] = var
        F = _antiderivative(f, var)
        policy = ctx.raw("constant", "optional")
        steps = (line("An antiderivative of", f, "is", F, "(plus any constant C)."),
                 line("Check: its derivative is", f, "."))
        from tutor import to_text

        text = to_text(F) + ("" if policy == "forbidden" else " + C")
        return Solved(answer=F, kind="antiderivative", solution=steps, answer_text=text,
                      options={"variables": (var,), "constant": policy})


def _antiderivative(f: Any, var: Any) -> Any:
    """SymPy's antiderivative, bounded, and only when its derivative is f again (checked)."""
    import sympy as sp

    from tutor.engine.bounded import Unfinished, bounded

    try:
        F = bounded(sp.integrate, f, var, timeout=5, what="integrating the function")
        check = bounded(sp.simplify, sp.diff(F, var) - f, timeout=5, what="checking the antiderivative")
    except Unfinished:
        raise BankError("the engine could not integrate this function in time", field="function") from None
    if F.has(sp.Integral) or check != 0:
        raise BankError("the engine has no elementary antiderivative of this function", field="function")
    return F
