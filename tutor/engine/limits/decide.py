"""``limit``: decide a limit, cheapest method first, and keep the reasoning.

Order: substitution when f is continuous; translate the point to the origin;
cancel (or rationalise) a removable singularity; reduce to one variable when f is a
function of one expression; search paths for two different limits (``explore``);
prove the common value with a squeeze, or ±∞ with a lower bound; the Lagrange
critical curve for rational functions. A timeout anywhere gives ``exists=None``
with the steps established so far.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sympy as sp

from tutor.engine.inputs import as_expr, as_point, as_symbol, variable_key
from tutor.engine.real_roots import real_form
from tutor.engine.limits import work
from tutor.engine.limits.compose import find_composition
from tutor.engine.limits.continuity import NotCertified, continuity_facts, is_continuous
from tutor.engine.limits.critical import critical_curve
from tutor.engine.limits.explore import explore
from tutor.engine.limits.frame import Frame
from tutor.engine.limits.one_var import one_variable
from tutor.engine.limits.oscillate import oscillating, oscillation_witnesses
from tutor.engine.limits.paths import Rational_
from tutor.engine.limits.proofs import (composition_proof, continuity_proof, reduction_proof,
                                        simplification_proof, squeeze_proof, unbounded_proof)
from tutor.engine.limits.reduce import find_reduction
from tutor.engine.limits.result import LimitResult, Reason
from tutor.engine.limits.squeeze import prove_squeeze
from tutor.engine.limits.work import Budget, Unfinished
from tutor.reading.dne import DNE


def limit(f: Any, at: Any, variables: Sequence[Any] | None = None, *, direction: str | None = None,
          timeout: float | None = None) -> LimitResult:
    """The limit of ``f`` as the variables tend to ``at`` (one, two or three variables).

    ``at``: ``{x: 0, y: 0}``, ``"x=0, y=0"`` or a sequence matched to ``variables``.
    ``direction`` ("+" or "-") asks for a one-sided limit in one variable. ``timeout``
    is the time budget in seconds for the whole computation (default 3).
    """
    expr, variables, point = read(f, at, variables)
    if direction not in (None, "+", "-", "+-"):
        raise ValueError(f"direction must be '+' or '-', not {direction!r}")
    if direction == "+-":
        direction = None
    if direction is not None and len(variables) != 1:
        raise ValueError("a direction ('+' or '-') only makes sense for a limit in one variable")
    budget = Budget(timeout)
    frame = Frame.make(variables, point)
    real = real_form(expr)  # odd roots are real roots: x^(1/3) = sign(x)·|x|^(1/3)
    if frame.d == 1:
        return one_variable(real, frame, budget, direction, shown=expr)
    return Decider(real, frame, budget, written=expr).run()


def read(f: Any, at: Any, variables: Sequence[Any] | None):
    """(expression, variables, point values) from whatever the caller passed; ValueError if unusable."""
    expr = as_expr(f, variables)
    if not isinstance(expr, sp.Expr) or isinstance(expr, sp.Tuple) or expr == DNE:
        raise ValueError("a limit needs one expression, such as x*y/(x^2 + y^2)")
    unsupported = sorted({type(a).__name__ for a in sp.preorder_traversal(expr)
                          if isinstance(a, (sp.Piecewise, sp.Integral, sp.Derivative, sp.Limit, sp.Sum))})
    if unsupported:
        raise ValueError(f"limits of expressions with {', '.join(unsupported)} are not supported")
    if isinstance(at, str) and "=" not in at and "," in at and not at.strip().startswith(("(", "[")):
        at = f"({at})"  # "0, 0" means the point (0, 0)
    if isinstance(at, Mapping) or (isinstance(at, str) and "=" in at):
        point = as_point(at)
        names = [as_symbol(v) for v in variables] if variables is not None else \
            sorted(point, key=variable_key)
    else:
        names = [as_symbol(v) for v in variables] if variables is not None else \
            sorted(expr.free_symbols, key=variable_key)
        point = as_point(at, names)
    by_name = {s.name: s for s in expr.free_symbols}
    names = [by_name.get(s.name, s) for s in names]
    point = {by_name.get(k.name, k): v for k, v in point.items()}
    missing = sorted(s.name for s in expr.free_symbols if s not in point)
    if missing:
        raise ValueError(f"the point gives no value for {', '.join(missing)}")
    if len(names) > 3:
        raise ValueError("limits in more than three variables are not supported")
    if not names:
        raise ValueError("the point names no variable")
    values = []
    for s in names:
        v = point.get(s)
        if v is None:
            raise ValueError(f"the point gives no value for {s.name}")
        if v.free_symbols or not v.is_finite or v.is_extended_real is False:
            raise ValueError(f"{s.name} must tend to a finite real number, not {v}")
        values.append(v)
    return expr, tuple(names), tuple(values)


class Decider:
    """One multivariable limit: the stages in order, sharing the steps and the budget."""

    def __init__(self, f: sp.Expr, frame: Frame, budget: Budget, depth: int = 0, written: sp.Expr | None = None):
        self.f, self.frame, self.budget, self.depth = f, frame, budget, depth
        self.written = f if written is None else written  # f as the learner wrote it (``f`` is its real form)
        self.steps: list[Reason] = []
        self.at = dict(zip(frame.variables, frame.point))
        self.shown = 0  # exploration steps already copied into self.steps
        self.tried: set = set()  # candidate values a squeeze already failed on

    def result(self, exists, value, witnesses=(), proof=None) -> LimitResult:
        return LimitResult(self.written, dict(self.at), exists, value, tuple(witnesses), proof, tuple(self.steps))

    def undecided(self, why: str, candidate=None) -> LimitResult:
        self.steps.append(Reason("undecided", {"why": why, "candidate": candidate,
                                               "unfinished": tuple(self.budget.unfinished)}))
        return self.result(None, None)

    def run(self) -> LimitResult:
        try:
            return self._run()
        except Unfinished as exc:
            return self.undecided(f"{exc}")
        except (TypeError, AttributeError, NotImplementedError, RecursionError, ZeroDivisionError) as exc:
            # a SymPy corner the methods do not handle: say so rather than fail
            return self.undecided(f"a step could not handle this function ({type(exc).__name__})")

    def _run(self) -> LimitResult:
        fr = self.frame
        done = self.try_continuity()
        if done is not None:
            return done
        g = fr.shift(self.f)
        if not fr.at_origin:
            self.steps.append(Reason("translate", {"substitution": fr.substitution(), "g": fr.user(g),
                                                   "shifted": g, "variables": fr.xs}))
        h, done = self.try_simplify(g)
        if done is not None:
            return done
        done = self.try_reduction(h, ("mean-value",))  # a cheap test first: (g(x) − g(y))/(k(x) − k(y))
        if done is not None:
            return done
        comp = find_composition(h, fr.xs, self.budget, inner=self.inner_limit if self.depth == 0 else None)
        if comp is not None:
            proof = composition_proof(comp, fr)
            self.steps.append(Reason("proof", {"proof": proof}))
            return self.result(True, comp.value, proof=proof)
        done = self.try_reduction(h, ("factor",))
        if done is not None:
            return done
        rat = Rational_.of(h, fr.xs)
        ex = explore(fr, h, self.budget, rat, stage="quick")
        done = self.settle(ex, h, rat)
        if done is not None:
            return done
        done = self.try_oscillation(h)
        if done is not None:
            return done
        ex = explore(fr, h, self.budget, rat, ex=ex, stage="full")
        curve = None
        if ex.conflict() is None and rat is not None and fr.d == 2:
            _, curve = critical_curve(ex, h, rat)
        done = self.settle(ex, h, rat, curve=curve, last=True)
        if done is not None:
            return done
        why = "every path tried gives the same value, but no bound proving it was found"
        if ex.gaps or self.budget.unfinished:
            why = "the time ran out before a proof or two different paths were found"
        return self.undecided(why, ex.common_value())

    def settle(self, ex, h, rat, curve=None, last: bool = False) -> LimitResult | None:
        """After a stage of the path search: two different paths, or a proof of the common value."""
        self.steps.extend(ex.steps[self.shown:])
        self.shown = len(ex.steps)
        pair = ex.conflict()
        if pair is not None:
            self.steps.append(Reason("dne", {"first": pair[0], "second": pair[1]}))
            return self.result(False, DNE, witnesses=pair)
        L = ex.common_value()
        if L is None:
            return self.undecided("no path inside the domain gave a limit") if last else None
        if L in self.tried:
            return None
        proof = self.prove(h, L, curve)
        if proof is None:
            if curve is None:
                self.tried.add(L)
            return None
        self.steps.append(Reason("candidate", {"value": L, "paths": len(ex.seen)}))
        self.steps.append(Reason("proof", {"proof": proof}))
        return self.result(True, L, proof=proof)

    # ---- stages ------------------------------------------------------------------------
    def try_continuity(self) -> LimitResult | None:
        point = dict(zip(self.frame.variables, self.frame.point))
        try:
            facts = continuity_facts(self.f, point)
        except NotCertified as nc:
            self.steps.append(Reason("not-continuous", {"piece": nc.expr, "value": nc.value, "why": nc.reason,
                                                        "point": self.frame.point_tuple()}))
            return None
        raw = self.f.xreplace(point)
        try:
            value = self.budget.call(work.simplify, raw, cap=1.0, what="simplifying the value")
        except Unfinished:
            value = raw
        proof = continuity_proof(self.f, self.frame, facts, value)
        self.steps.append(Reason("proof", {"proof": proof}))
        return self.result(True, value, proof=proof)

    def try_simplify(self, g: sp.Expr):
        """Cancel a common factor, or multiply by a conjugate, when that leaves f continuous."""
        xs, zero = self.frame.xs, {x: sp.Integer(0) for x in self.frame.xs}
        h = g
        for how, fn in (("cancel", work.cancel), ("conjugate", work.rationalize), ("roots", work.root_substitution)):
            try:
                cand = self.budget.call(fn, g, cap=1.0, what="simplifying f")
            except Unfinished:
                continue
            if cand == g or sp.count_ops(cand) > 4 * sp.count_ops(g) + 20:
                continue
            if how == "cancel" and g.is_rational_function(*xs):
                h = cand
            if is_continuous(cand, zero):
                try:
                    ok = self.budget.call(work.is_zero, g - cand, cap=1.0, what="checking the simplification")
                except Unfinished:
                    ok = False
                if ok:
                    value = cand.xreplace(zero)
                    try:
                        value = self.budget.call(work.simplify, value, cap=0.5, what="simplifying the value")
                    except Unfinished:
                        pass
                    proof = simplification_proof(g, cand, how, value, self.frame)
                    self.steps.append(Reason("proof", {"proof": proof}))
                    return h, self.result(True, value, proof=proof)
        return h, None

    def try_reduction(self, h: sp.Expr, kinds: tuple[str, ...]) -> LimitResult | None:
        """A quotient with a sign-changing denominator reduced to one-variable facts (``reduce``)."""
        if h.is_rational_function(*self.frame.xs):
            return None
        red = find_reduction(h, self.frame.xs, self.budget, kinds)
        if red is None:
            return None
        proof = reduction_proof(red, self.frame)
        self.steps.append(Reason("proof", {"proof": proof}))
        return self.result(True, red.value, proof=proof)

    def try_oscillation(self, h: sp.Expr) -> LimitResult | None:
        """sin(w) or cos(w) with w → ±∞: two sequences with different limits."""
        if not oscillating(h, self.frame.xs):
            return None
        pair = oscillation_witnesses(h, self.frame, self.budget)
        if pair is None:
            return None
        for w in pair:
            self.steps.append(Reason("path", {"witness": w}))
        self.steps.append(Reason("dne", {"first": pair[0], "second": pair[1]}))
        return self.result(False, DNE, witnesses=pair)

    def inner_limit(self, u: sp.Expr) -> LimitResult | None:
        """The limit of an inner expression (shifted coordinates), decided the same way, one level deep."""
        fr = self.frame
        sub = Decider(fr.user(u), fr, self.budget, self.depth + 1)
        try:
            return sub.run()
        except Exception:
            return None

    def prove(self, h: sp.Expr, L: sp.Expr, curve) -> Any:
        xs = self.frame.xs
        if L.is_infinite:
            return unbounded_proof(h, L, self.frame)
        sq = prove_squeeze(h, L, xs)
        if sq is not None:
            return squeeze_proof(h, L, sq, self.frame)
        if curve is not None and curve.complete:
            from tutor.engine.limits.proofs import critical_proof

            return critical_proof(curve, L, self.frame)
        return None
