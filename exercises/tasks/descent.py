"""Descent tasks: one GD step by hand, several steps, learning-rate behaviour, optimizer steps.

The engine (``tutor.descend``) runs every variant. A single GD step is also
worked exactly (w − η∇f(w) with rationals), and the two must agree; longer
runs are exact too when the iterates stay small rationals, else decimals
graded with a tolerance.
"""
from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

from exercises.errors import BankError
from exercises.schema import ExprText, Integer, Names, Number, NumberTable, OneOf, Point
from exercises.tasks.base import Context, Solved, Task, register
from tutor.engine.descent_methods import DECLARED
from tutor.render.words import count, plural

OPTIMIZERS = tuple(name for name, m in DECLARED.items() if not m.ascends)  # declared in tutor.engine.descent_methods
BEHAVIOURS = {  # engine status -> (letter, choice text)
    "converged": "a", "converging": "a", "diverged": "b", "oscillating": "c", "slow": "d", "stalled": "d",
}
BEHAVIOUR_CHOICES = (
    "It converges: the iterates settle at the minimum.",
    "It diverges: the iterates run off and the loss grows without bound.",
    "It oscillates: the iterates jump back and forth without settling.",
    "It crawls: the iterates move towards the minimum, but very slowly.",
)

_DESCENT_FIELDS = {
    "function": ExprText(required=True),
    "variables": Names(help="the parameters, in order (default: alphabetical)"),
    "start": Point(required=True, help="the starting point, e.g. 10 or [1, 2] or \"w=1, b=0\""),
    "lr": Number(required=True, positive=True, help="the learning rate η"),
}


class _DescentTask(Task):
    engine = ("tutor.engine.descent",)

    def setup(self, ctx: Context) -> tuple:
        import sympy as sp

        declared = ctx.names("variables")
        f = ctx.expr("function", variables=declared)
        variables = ctx.variables(f)
        start = ctx.point("start", variables)
        lr = ctx.number("lr")
        if not (lr.is_positive):
            raise BankError(f"the learning rate must be positive, got {lr}", field="lr")
        x0 = [sp.sympify(start[v]) for v in variables]
        return f, variables, x0, lr

    def run(self, f, variables, x0, lr, steps, method="gd", **hyper):
        from tutor.engine.descent import DescentInputError, descend

        try:
            return descend(f, [float(v) for v in x0], float(lr), steps, method=method,
                           variables=list(variables), **hyper)
        except DescentInputError as exc:
            raise BankError(str(exc), field="start") from None


def point_kind(start: Any) -> str:
    """A start with several coordinates makes the answer a vector."""
    if isinstance(start, (tuple, dict)) and len(start) > 1:
        return "vector"
    if isinstance(start, str) and "," in start:
        return "vector"
    return "number"


def exact_gradient(f, variables) -> list:
    """∇f by the engine's derivative, one partial per variable."""
    import tutor

    return [tutor.derivative(f, v).result for v in variables]


def exact_steps(f, variables, x0, lr, steps: int, limit_digits: int = 400):
    """The iterates of w ← w − η∇f(w) in exact arithmetic, or None when they grow unwieldy."""
    import sympy as sp

    grad = exact_gradient(f, variables)
    points = [list(x0)]
    x = list(x0)
    for _ in range(steps):
        at = dict(zip(variables, x))
        g = [sp.nsimplify(gi.subs(at)) if gi.subs(at).is_Float else gi.subs(at) for gi in grad]
        if not all(gi.is_Rational for gi in g):
            return None
        x = [xi - lr * gi for xi, gi in zip(x, g)]
        if any(len(str(xi)) > limit_digits for xi in x):
            return None
        points.append(x)
    return points


@register
class GDStep(_DescentTask):
    name = "gd_step"
    kind = "number"
    kinds = ("vector",)
    summary = "one gradient-descent step w − η∇f(w) by hand"
    fields = dict(_DESCENT_FIELDS)

    @classmethod
    def kind_for(cls, inputs: Mapping[str, Any]) -> str:
        return point_kind(inputs.get("start"))

    def solve(self, ctx: Context) -> Solved:
        from exercises.tasks.calculus import _eqs
        from exercises.tasks.common import distinct_mistakes, point_value, shown
        from tutor.engine.mistakes import Mistake
        from tutor.render import line

        f, variables, x0, lr = self.setup(ctx)
        grad = exact_gradient(f, variables)
        at = dict(zip(variables, x0))
        g0 = [_tidy(gi.subs(at)) for gi in grad]
        new = [_tidy(xi - lr * gi) for xi, gi in zip(x0, g0)]
        run = self.run(f, variables, x0, lr, 1)
        _agree(new, run.points[1], "the engine's step")
        answer = point_value(new)
        w0, gv = point_value(x0), point_value(g0)
        name = "∇f" if len(variables) > 1 else "f'"
        steps = (
            line(f"The gradient is {name} =", point_value(grad), "."),
            line("At the start", *_eqs(dict(zip(variables, [shown(v) for v in x0]))), f"it is {name} =",
                 shown(gv), "."),
            line("One step of gradient descent moves against the gradient: w ← w − η·∇f(w) =", shown(w0), "−",
                 shown(lr), "·", shown(gv), "=", shown(answer), "."),
        )
        mistakes = (
            Mistake("gd-plus-instead-of-minus", "You stepped along the gradient (w + η∇f): that climbs uphill. "
                    "Descent subtracts: w − η∇f(w).", point_value([_tidy(x + lr * g) for x, g in zip(x0, g0)])),
            Mistake("gd-learning-rate-forgotten", "The learning rate η is missing: the step is η times the gradient, "
                    "not the whole gradient.", point_value([_tidy(x - g) for x, g in zip(x0, g0)])),
            Mistake("gd-update-only", "That is the change −η∇f(w); add it to the current point to get the new one.",
                    point_value([_tidy(-lr * g) for g in g0])),
            Mistake("gd-step-not-point", "That is the step η∇f(w); subtract it from the current point to get the "
                    "new one.", point_value([_tidy(lr * g) for g in g0])),
        )
        return Solved(answer=answer, kind="vector" if len(variables) > 1 else "number", solution=steps,
                      mistakes=partial(distinct_mistakes, answer, mistakes), result=run,
                      figure=("descent", run), options=_labels(variables))


@register
class GDRun(_DescentTask):
    name = "gd_run"
    kind = "number"
    kinds = ("vector", "multiple_choice")
    summary = "several GD steps: the final point or loss, the behaviour, or the stable learning-rate bound"
    fields = {
        **_DESCENT_FIELDS,
        "steps": Integer(required=True, low=1, high=100_000),
        "ask": OneOf(options=("point", "value", "behaviour", "stable_bound"), default="point"),
    }

    @classmethod
    def kind_for(cls, inputs: Mapping[str, Any]) -> str:
        ask = inputs.get("ask", "point")
        if ask == "behaviour":
            return "multiple_choice"
        return point_kind(inputs.get("start")) if ask == "point" else "number"

    def solve(self, ctx: Context) -> Solved:
        from exercises.tasks.common import steps_of

        f, variables, x0, lr = self.setup(ctx)
        steps = ctx.integer("steps")
        ask = ctx.raw("ask", "point")
        run = self.run(f, variables, x0, lr, steps)
        ctx.facts["final"] = run.final
        nodes = steps_of(run)
        if ask == "behaviour":
            return self._behaviour(run, nodes)
        if ask == "stable_bound":
            return self._stable_bound(f, variables, run, nodes)
        return self._final(ctx, f, variables, x0, lr, steps, ask, run, nodes)

    def _final(self, ctx, f, variables, x0, lr, steps, ask, run, nodes) -> Solved:
        from exercises.tasks.common import distinct_mistakes, point_text, point_value, rounded
        from tutor.engine.mistakes import Mistake

        exact = exact_steps(f, variables, x0, lr, steps + 1) if _small(f, variables, steps) else None
        if exact is not None:
            _agree(exact[steps], run.points[steps], "the engine's run")
            pick = (lambda k: point_value(exact[k])) if ask == "point" else \
                (lambda k: _tidy(f.subs(dict(zip(variables, exact[k])))))
            answer, text = pick(steps), None
            near = [(k, pick(k)) for k in (steps - 1, steps + 1) if k >= 0]
        else:
            pick_f = (lambda k: point_value([rounded(v) for v in run.points[k]])) if ask == "point" else \
                (lambda k: rounded(run.values[k]))
            answer = pick_f(steps)
            text = point_text(run.points[steps]) if ask == "point" else point_text([run.values[steps]])
            near = [(steps - 1, pick_f(steps - 1))] if steps >= 1 else []
        mistakes = [Mistake("gd-one-step-short" if k < steps else "gd-one-step-too-many",
                            f"That is the value after {count(k, 'step')}; count the updates: the start is step 0, "
                            f"and {count(steps, 'update')} {plural('follows', steps, 'follow')} it.", v) for k, v in near]
        if len(variables) == 1:
            mistakes.append(_other_quantity(f, variables, ask, exact[steps] if exact is not None else None,
                                            run, steps))
        kind = "vector" if ask == "point" and len(variables) > 1 else "number"
        return Solved(answer=answer, kind=kind, solution=nodes, answer_text=text,
                      mistakes=partial(distinct_mistakes, answer, mistakes), result=run, figure=("descent", run),
                      options=_labels(variables) if kind == "vector" else {})

    def _behaviour(self, run, nodes) -> Solved:
        letter = BEHAVIOURS.get(run.status)
        if letter is None:
            raise BankError(f"the run ended as {run.status!r}, which none of the choices describes; "
                            "change the learning rate or the number of steps", field="lr")
        appendix = "\n\n" + "\n".join(f"{ch}) {text}" for ch, text in zip("abcd", BEHAVIOUR_CHOICES))
        return Solved(answer=letter, kind="multiple_choice", solution=nodes, answer_text=letter,
                      options={"choices": dict(zip("abcd", BEHAVIOUR_CHOICES))}, appendix=appendix, result=run,
                      figure=("descent", run))

    def _stable_bound(self, f, variables, run, nodes) -> Solved:
        import sympy as sp

        from tutor.render import line

        H = sp.hessian(f, variables)
        if H.free_symbols:
            raise BankError("the stable bound 2/λ_max needs a quadratic function (a constant Hessian)",
                            field="function")
        eigen = list(H.eigenvals())
        top = max(eigen, key=lambda e: float(e))
        if not top.is_positive:
            raise BankError("the Hessian has no positive eigenvalue, so no learning rate is stable", field="function")
        bound = sp.radsimp(2 / top)
        if run.stable_range is not None and run.stable_range.bound is not None:
            _agree([bound], [run.stable_range.bound], "the engine's stable range")
        steps = (line("The Hessian is constant:", H, ", with eigenvalues", sp.Tuple(*eigen), "."),
                 line("Gradient descent is stable exactly when every factor |1 − ηλ| is below 1, that is for "
                      "0 < η < 2/λ_max =", bound, "."))
        return Solved(answer=bound, kind="number", solution=steps + tuple(nodes), result=run)


def _other_quantity(f, variables, ask: str, exact, run, steps: int):
    """The loss f(x_k) given where the point x_k was asked, or the point given for the loss."""
    from exercises.tasks.common import rounded
    from tutor.engine.mistakes import Mistake

    if ask == "point":
        value = _tidy(f.subs(variables[0], exact[0])) if exact is not None else rounded(run.values[steps])
        return Mistake("gd-loss-not-point", "That is the loss f(x) at the end; the question asks where the "
                       "run ends, the point x itself.", value)
    value = exact[0] if exact is not None else rounded(run.points[steps][0])
    return Mistake("gd-point-not-loss", "That is where the run ends, the point x; the question asks for the "
                   "loss f(x) there.", value)


@register
class OptimizerStep(_DescentTask):
    name = "optimizer_step"
    kind = "number"
    kinds = ("vector",)
    summary = "steps of momentum, Nesterov, AdaGrad, RMSProp or Adam (torch.optim's formulas)"
    fields = {
        **_DESCENT_FIELDS,
        "method": OneOf(required=True, options=OPTIMIZERS),
        "steps": Integer(low=1, high=1000),
        "hyper": NumberTable(help="hyper-parameters with torch.optim's names, e.g. { momentum = 0.9 }"),
    }

    @classmethod
    def kind_for(cls, inputs: Mapping[str, Any]) -> str:
        return point_kind(inputs.get("start"))

    def solve(self, ctx: Context) -> Solved:
        from exercises.tasks.common import distinct_mistakes, point_text, point_value, rounded, steps_of
        from tutor.engine.mistakes import Mistake

        f, variables, x0, lr = self.setup(ctx)
        method = ctx.raw("method")
        steps = ctx.integer("steps", 1)
        hyper = {k: _float_hyper(ctx, k, v) for k, v in (ctx.raw("hyper") or {}).items()}
        run = self.run(f, variables, x0, lr, steps, method=method, **hyper)
        final = run.points[steps]
        answer = point_value([rounded(v) for v in final])
        mistakes = []
        if method != "gd":
            from tutor.engine.descent import METHODS

            rule = METHODS[method]
            plain = self.run(f, variables, x0, lr, steps)
            mistakes.append(Mistake("optimizer-plain-gd", f"That is what plain gradient descent gives; "
                                    f"{rule.title} rescales the step with its own state.",
                                    point_value([rounded(v) for v in plain.points[steps]])))
        if method == "adam" and not run.diverged:
            mistakes.append(Mistake("adam-no-bias-correction", "Adam divides m by 1 − β₁ᵗ and v by 1 − β₂ᵗ "
                                    "(the bias correction); without it the first steps are the wrong size.",
                                    point_value([rounded(v) for v in _adam_uncorrected(f, variables, x0, lr, steps,
                                                                                        hyper)])))
        if steps == 1:
            mistakes += _step_slips([float(v) for v in x0], [float(v) for v in final], rounded, point_value)
        kind = "vector" if len(variables) > 1 else "number"
        return Solved(answer=answer, kind=kind, solution=partial(steps_of, run), answer_text=point_text(final),
                      mistakes=partial(distinct_mistakes, answer, mistakes), result=run, figure=("descent", run),
                      options=_labels(variables))


def _labels(variables) -> dict:
    """A point's components are named by the exercise's own variables: "w first, then b"."""
    return {"labels": tuple(v.name for v in variables)} if len(variables) > 1 else {}


def _step_slips(x0: list, x1: list, rounded, point_value) -> list:
    """One optimizer step's classic slips: the step for the new point (either sign), the update's sign."""
    from tutor.engine.mistakes import Mistake

    def pt(values):
        return point_value([rounded(v) for v in values])

    return [
        Mistake("optimizer-update-only", "That is the change in the parameters; add it to the current point "
                "to get the new one.", pt([b - a for a, b in zip(x0, x1)])),
        Mistake("optimizer-step-not-point", "That is the step the optimizer subtracts; subtract it from the "
                "current point to get the new one.", pt([a - b for a, b in zip(x0, x1)])),
        Mistake("optimizer-update-sign", "The update went the wrong way: the step is subtracted from the current "
                "point (descent), not added.", pt([2 * a - b for a, b in zip(x0, x1)])),
    ]


def _adam_uncorrected(f, variables, x0, lr, steps: int, hyper: dict) -> list[float]:
    """Adam without bias correction (m and v used as they are): a classic slip, worked by hand."""
    import math

    import sympy as sp

    grad = [sp.lambdify(variables, g, "math") for g in exact_gradient(f, variables)]
    b1, b2 = hyper.get("betas", (0.9, 0.999))
    eps = float(hyper.get("eps", 1e-8))
    x = [float(v) for v in x0]
    m, v = [0.0] * len(x), [0.0] * len(x)
    for _ in range(steps):
        g = [float(gi(*x)) for gi in grad]
        m = [b1 * mi + (1 - b1) * gi for mi, gi in zip(m, g)]
        v = [b2 * vi + (1 - b2) * gi * gi for vi, gi in zip(v, g)]
        x = [xi - float(lr) * mi / (math.sqrt(vi) + eps) for xi, mi, vi in zip(x, m, v)]
    return x


def _float_hyper(ctx: Context, name: str, raw: Any):
    if isinstance(raw, tuple):
        return tuple(float(ctx.read(v, f"hyper.{name}")) for v in raw)
    value = ctx.read(raw, f"hyper.{name}")
    if value.free_symbols:
        raise BankError("must be a number", field=f"hyper.{name}")
    return float(value)


def _small(f, variables, steps: int) -> bool:
    """Exact iterates stay readable: a quadratic for up to 200 steps, anything rational for 6."""
    import sympy as sp

    try:
        poly = sp.Poly(f, *variables)
    except sp.PolynomialError:
        return False
    return (poly.total_degree() <= 2 and steps <= 200) or steps <= 6


def _tidy(value):
    import sympy as sp

    value = sp.sympify(value)
    if value.is_Float:
        return sp.nsimplify(value)
    return value


def _agree(exact, floats, what: str) -> None:
    """The exact computation and the engine's floats must tell the same story."""
    for e, x in zip(exact, floats):
        e = float(e)
        if abs(e - float(x)) > 1e-7 * (1 + abs(e)):
            raise RuntimeError(f"exact value {e} disagrees with {what} ({float(x)})")
