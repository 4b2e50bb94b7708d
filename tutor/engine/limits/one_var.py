"""Limits in one variable, two-sided or one-sided.

Continuity or a cancelled factor first; otherwise SymPy's one-variable limit from each
side (bounded). Different one-sided limits are the two witnesses of "does not exist".
"""
from __future__ import annotations

import sympy as sp

from tutor.engine.limits import work
from tutor.engine.limits.continuity import NotCertified, continuity_facts, is_continuous
from tutor.engine.limits.frame import Frame
from tutor.engine.limits.proofs import continuity_proof, simplification_proof
from tutor.engine.limits.result import LimitResult, Path, Proof, Reason, Witness
from tutor.engine.limits.work import Budget, Unfinished
from tutor.reading.dne import DNE

_SIDE_NAME = {"+": "from the right", "-": "from the left"}


def one_variable(f: sp.Expr, frame: Frame, budget: Budget, direction: str | None,
                 shown: sp.Expr | None = None) -> LimitResult:
    """The limit of ``f`` (its real form); ``shown`` is f as the learner wrote it."""
    (x,), (a,) = frame.variables, frame.point
    at = {x: a}
    steps: list[Reason] = []

    def result(exists, value, witnesses=(), proof=None):
        return LimitResult(f if shown is None else shown, at, exists, value, tuple(witnesses), proof, tuple(steps), direction)

    try:
        facts = continuity_facts(f, at)
        value = budget.call(work.simplify, f.xreplace(at), cap=1.0, what="simplifying the value")
        proof = continuity_proof(f, frame, facts, value)
        steps.append(Reason("proof", {"proof": proof}))
        return result(True, value, proof=proof)
    except NotCertified as nc:
        steps.append(Reason("not-continuous", {"piece": nc.expr, "value": nc.value, "why": nc.reason,
                                               "point": a}))
    except Unfinished:
        pass
    try:
        cand = budget.call(work.cancel, f, cap=1.0, what="simplifying f")
        if cand != f and is_continuous(cand, at) and budget.call(work.is_zero, f - cand, cap=1.0):
            value = cand.xreplace(at)
            proof = simplification_proof(f, cand, "cancel", value, frame, shifted=False)
            steps.append(Reason("proof", {"proof": proof}))
            return result(True, value, proof=proof)
    except Unfinished:
        pass
    sides = (direction,) if direction else ("+", "-")
    values: dict[str, sp.Expr] = {}
    for side in sides:
        try:
            v = budget.call(work.one_sided_limit, f, x, a, side, what=f"the limit {_SIDE_NAME[side]}")
        except Unfinished as exc:
            steps.append(Reason("undecided", {"why": str(exc), "candidate": None, "unfinished": (str(exc),)}))
            return result(None, None)
        except Exception as exc:  # SymPy gave up (NotImplementedError and friends)
            steps.append(Reason("undecided", {"why": f"SymPy could not compute the limit {_SIDE_NAME[side]} "
                                                     f"({type(exc).__name__})", "candidate": None, "unfinished": ()}))
            return result(None, None)
        if v.has(sp.AccumBounds) or v.has(sp.Limit) or v is sp.nan or v is sp.zoo:
            pair = _oscillation(f, frame, budget, direction)
            if pair is not None:
                steps.extend(Reason("path", {"witness": w}) for w in pair)
                steps.append(Reason("dne", {"first": pair[0], "second": pair[1]}))
                return result(False, DNE, pair)
            steps.append(Reason("undecided", {"why": "SymPy finds no single value (the function may oscillate)",
                                              "candidate": v, "unfinished": ()}))
            return result(None, None)
        values[side] = v
    witnesses = [Witness(Path((x,), x, a, side, (), _SIDE_NAME[side]), v) for side, v in values.items()]
    for w in witnesses:
        steps.append(Reason("path", {"witness": w}))
    if len(values) == 2 and values["+"] != values["-"]:
        steps.append(Reason("dne", {"first": witnesses[0], "second": witnesses[1]}))
        return result(False, DNE, witnesses)
    value = next(iter(values.values()))
    proof = Proof("one-variable", value, tuple(Reason("path", {"witness": w}) for w in witnesses),
                  checks=("each one-sided limit computed by SymPy's series-based algorithm (Gruntz)",))
    steps.append(Reason("proof", {"proof": proof}))
    return result(True, value, proof=proof)


def _oscillation(f: sp.Expr, frame: Frame, budget: Budget, direction: str | None):
    """Two witness sequences when f oscillates (sin(1/x)), or None."""
    from tutor.engine.limits.oscillate import oscillation_witnesses

    try:
        return oscillation_witnesses(frame.shift(f), frame, budget, direction)
    except Unfinished:
        return None
