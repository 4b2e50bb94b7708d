"""Is an answer the same function as the reference? Numeric first, exact where cheap.

Order of evidence, cheapest first:
1. identical trees (SymPy's canonical form already agrees);
2. for rational expressions without decimals, exact evaluation modulo a prime
   (a proof either way), which also upgrades many transcendental answers to a proof;
3. sampling on the reference's real domain with a tolerance scaled to the
   rounding magnitude of each point (decimal answers: the chosen tolerance);
4. a bounded symbolic or 60-digit check only when the numbers cannot be trusted
   (too few valid points, something not numerically evaluable, or suspiciously
   tiny constants such as 10⁻²⁰ that floats cannot see).
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any

import numpy as np
import sympy as sp

from grader import special
from grader.budget import OutOfTime, run_bounded
from grader.numeric.evaluate import Unsupported, evaluate, free
from grader.numeric.magnitude import decimal_magnitude, evaluate_with_magnitude
from grader.numeric.modular import Fingerprint
from grader.numeric.sampling import TOO_BIG, WEAK, Sample, proof_seed, sample

EXACT_RTOL = 1e-9  # exact answers: only floating-point noise (scaled by magnitude) is forgiven


@dataclass(frozen=True)
class Tolerance:
    """How far a decimal answer may be off.

    ``per_digit`` (the default, from ``digits``): each typed decimal may be off by
    ``value`` times the place value of its leading digit, so ``digits=4`` (value
    5e-4) is half a unit in the 4th significant digit: 0.3333 and 3.142 pass for
    1/3 and π, 2.001 does not pass for 2. Otherwise ``value`` is plainly relative.
    """

    value: float
    per_digit: bool = True

    @classmethod
    def digits(cls, n: int) -> "Tolerance":
        return cls(5.0 * 10.0 ** (-n), True)

    @classmethod
    def relative(cls, value: float) -> "Tolerance":
        return cls(float(value), False)

    def describe(self) -> str:
        if self.per_digit:
            import math

            return f"{round(-math.log10(self.value / 5.0))} significant digits"
        return f"a relative error of {self.value:g}"


DEFAULT_TOLERANCE = Tolerance.digits(4)
TINY, HUGE = 1e-6, 1e9  # constants outside this range are invisible to floats at rtol 1e-9


@dataclass(frozen=True)
class Witness:
    """A point where the answer and the reference disagree."""

    point: dict  # Symbol -> Fraction (nice points) or float
    answer: float  # NaN when the answer is undefined there
    expected: float


@dataclass(frozen=True)
class Equivalence:
    equal: bool | None  # None: could not be decided
    method: str  # identical | exact | numeric | symbolic | precision | none
    witness: Witness | None = None
    within_tolerance: bool = False  # accepted only thanks to the decimal tolerance
    reason: str = ""


@lru_cache(maxsize=4096)
def _fingerprint(expected: sp.Basic, seed: bytes) -> Fingerprint:
    return Fingerprint(expected, seed)


def reference(expected: sp.Basic, variables: tuple[sp.Symbol, ...]) -> Sample:
    """The cached sample of the reference (raises ``Unsupported``)."""
    return sample(expected, variables)


def compare(expected: sp.Expr, answer: sp.Expr, variables: tuple[sp.Symbol, ...], *,
            approximate: bool = False, tolerance: Tolerance | float = DEFAULT_TOLERANCE,
            literals: frozenset | None = None) -> Equivalence:
    """Compare ``answer`` with ``expected`` as real functions of ``variables``.

    ``approximate``: the answer was typed with decimals, so differences up to
    ``tolerance`` are accepted (a float means a plain relative tolerance);
    ``literals`` are the decimals as typed, when known (see ``decimal_magnitude``).
    """
    if not isinstance(tolerance, Tolerance):
        tolerance = Tolerance.relative(tolerance)
    if answer == expected:
        return Equivalence(True, "identical")
    if not variables and free(answer):
        # a constant reference fixes no variables: cos²x + sin²x is 1 wherever it is defined
        variables = tuple(sorted(free(answer), key=lambda s: s.name))
    if not variables and not approximate:
        rounded = special.rounded_reference(expected, answer)
        if rounded is not None:
            same, a, e = rounded
            return (Equivalence(True, "numeric", within_tolerance=True) if same
                    else Equivalence(False, "numeric", witness=Witness({}, a, e)))
    proved = None
    if not approximate:
        # a proof needs no sample points (most right answers stop here), nor the sample's seed
        try:
            proved = _fingerprint(expected, proof_seed(expected, variables)).compare(answer)
        except RecursionError:  # too deep to walk: the sample below says what it can
            proved = None
        if proved is True:
            return Equivalence(True, "exact")
    try:
        ref = reference(expected, variables)
    except (Unsupported, RecursionError) as exc:
        return _symbolic(expected, answer, variables, f"{exc}")
    if ref.size == 0:
        if special.complex_differs(expected, answer, ref.seed):
            return Equivalence(False, "precision", reason="differs where the expected answer is not real")
        return _symbolic(expected, answer, variables, "the expected answer has no real values to sample")
    try:
        verdict: Equivalence | None = _numeric(ref, answer, tolerance if approximate else None, literals)
    except (Unsupported, RecursionError) as exc:
        verdict, why = None, f"{exc}"
    # real only at isolated points: agreeing there says little (cos πx against (−1)^x), but a
    # difference at a real point is a difference, and its witness says more than "not real"
    if (verdict is None or verdict.equal is not False) and ref.nowhere_open and \
            special.complex_differs(expected, answer, ref.seed):
        return Equivalence(False, "precision", reason="differs where the expected answer is not real")
    if verdict is None:
        return _symbolic(expected, answer, variables, why)
    if verdict.equal is None:
        return _symbolic(expected, answer, variables, verdict.reason)
    if proved is False and verdict.equal:
        # rational, no decimals, and proved different: the gap is below float precision
        return Equivalence(False, "exact", reason="differs from the expected answer by a tiny amount")
    if verdict.equal and not approximate and (ref.weak or _suspicious(answer, expected)):
        return _confirm(expected, answer, ref, verdict)
    if verdict.equal and approximate:
        exact_too = _fingerprint(expected, proof_seed(expected, variables)).compare(answer) is True
        return Equivalence(True, "numeric", within_tolerance=not exact_too)
    return verdict


def _numeric(ref: Sample, answer: sp.Expr, tol: Tolerance | None, literals: frozenset | None = None) -> Equivalence:
    env = ref.env_with(free(answer))
    shape = ref.values.shape
    a = _broadcast(evaluate(answer, env), shape)
    e = ref.values
    with np.errstate(all="ignore"):
        if free(answer) - free(ref.expr):
            a = _extra_domain(answer, ref, env, a)
        undefined = ~np.isfinite(a)
        if ref.variables:  # a huge value at a sample point is overflow; a constant may be huge (10^200)
            undefined |= np.abs(a) > TOO_BIG
        # far out, a non-finite answer is usually overflow (e^1000 / (e^1000 + 1)), not a
        # domain error: such points count neither way
        undefined &= ~ref.far
        skip = special.isolated(ref, answer, env, undefined)
        diff = np.where(np.isfinite(a), np.abs(a - e), 0.0)
        slack = EXACT_RTOL * ref.mags
        if tol is not None:
            # (a hair more, so that a tie such as 1.05e33 at 5 % of 1e33 is not lost to float rounding)
            slack = slack + _decimal_slack(ref, answer, env, tol, literals) * (1.0 + 1e-9)
        bad = (undefined | (diff > slack)) & ~skip
        defined_bad = bad & ~undefined
        # (only where every failure is far out, tiny, or at the edge of the slack: a
        # plainly wrong answer is not evaluated again)
        maybe = ref.far | (diff <= 2.0 * slack) | (diff <= 1e-6 * np.maximum(np.maximum(np.abs(e), ref.mags), 1.0))
        if defined_bad.any() and np.all(maybe[defined_bad]):
            # a second chance: the answer's own rounding (its terms may cancel, as in
            # √(2x√(x²+1) + 2x² + 1) − √(x²+1) − x against 0); far out, an intermediate
            # overflow (ln(x^x) at x = 1000) makes that magnitude infinite
            _, amags = evaluate_with_magnitude(answer, env)
            amags = _broadcast(amags, shape)
            slack = slack + EXACT_RTOL * amags
            bad = (undefined | ((diff > slack) & ~(ref.far & ~np.isfinite(amags)))) & ~skip
            if tol is None and bad.any():
                bad &= ~_rounding_only(ref, answer, bad & ~undefined, diff, amags)
    if not bad.any():
        if skip.any() and int((~skip).sum()) < WEAK:
            return Equivalence(None, "numeric", reason="too few points where both answers are defined")
        return Equivalence(True, "numeric")
    i = int(np.argmax(bad))
    return Equivalence(False, "numeric", witness=_witness(ref, i, a[i]))


def _decimal_slack(ref: Sample, answer: sp.Expr, env: dict, tol: Tolerance, literals: frozenset | None):
    """What typed decimals may be off by, measured against the right value.

    A relative tolerance is relative to the right value at each point (0.95 and 1.05
    both pass for 1 at 5 %); per digit, a decimal may be off by half a unit in the
    chosen significant digit of what was typed, or of the right value, whichever is
    larger (so 0.9995 and 1.0005 both pass for 1 at 4 digits).
    """
    shape = ref.values.shape
    dec = np.maximum(_broadcast(decimal_magnitude(answer, env, tol.per_digit, literals), shape),
                     ref.decimals(tol.per_digit))
    if not tol.per_digit:  # the size of the right value (of its terms, near a root)
        return tol.value * np.where(dec > 0, np.maximum(np.abs(ref.values), ref.mags), 0.0)
    return tol.value * np.where(dec > 0, np.maximum(dec, _place(ref.values)), 0.0)


def _place(values: np.ndarray) -> np.ndarray:
    a = np.abs(values)
    return np.where(a > 0, 10.0 ** np.floor(np.log10(np.where(a > 0, a, 1.0))), 0.0)


def _extra_domain(answer: sp.Expr, ref: Sample, env: dict, a: np.ndarray) -> np.ndarray:
    """Values of the answer where variables the reference lacks take values that define it.

    The reference fixes no domain for a variable it does not contain: √(k/m)·√(m/k) is
    1 for k, m > 0, and where a drawn (k, m) makes it undefined, positive values are tried.
    """
    undefined = ~np.isfinite(a)
    if not undefined.any():
        return a
    own = free(ref.expr)
    flipped = {s: (np.abs(v) + 0.25 if s not in own else v) for s, v in env.items()}
    again = _broadcast(evaluate(answer, flipped), a.shape)
    return np.where(undefined & np.isfinite(again), again, a)


def points_undefined(ref: Sample, answer: sp.Expr) -> np.ndarray:
    """The reference's points where ``answer`` is undefined on a region (not far out, not isolated).

    The domain rule of ``compare`` on its own, for callers that compare domains only
    (an antiderivative is compared by its derivative, which loses the domain).
    """
    env = ref.env_with(free(answer))
    with np.errstate(all="ignore"):
        a = _broadcast(evaluate(answer, env), ref.values.shape)
        undefined = np.isnan(a) & ~ref.far  # not real there (±inf is a pole or an overflow)
    return undefined & ~special.isolated(ref, answer, env, undefined)


def _rounding_only(ref: Sample, answer: sp.Expr, bad: np.ndarray, diff: np.ndarray, amags) -> np.ndarray:
    """Failed points whose difference is rounding after all, by a bounded 60-digit check.

    Only differences within a millionth of the size of the terms are looked at again:
    a real difference is reported, a cancellation that floats cannot follow is not.
    """
    out = np.zeros(bad.shape, dtype=bool)
    marginal = bad & (diff <= 1e-6 * (np.abs(ref.values) + ref.mags + np.where(np.isfinite(amags), amags, 0.0)))
    if not marginal.any() or (bad & ~marginal).any():
        return out
    from grader import symbolic

    idx = np.nonzero(marginal)[0][:3]
    points = [{v: sp.Rational(float(c)) for v, c in zip(ref.variables, ref.points[i])} for i in idx]
    try:
        same = run_bounded(symbolic.high_precision_equal, answer, ref.expr, points,
                           what="a 60-digit comparison", share=0.5)
    except OutOfTime:
        return out
    if same:
        out[idx] = True
        out |= marginal
    return out


def _broadcast(values, shape) -> np.ndarray:
    if type(values) is np.ndarray and values.shape == shape:
        return values
    return np.broadcast_to(np.asarray(values, dtype=float), shape)


def _witness(ref: Sample, i: int, answer_value: float) -> Witness:
    exact = ref.exact[i]
    if exact is not None:
        point = dict(zip(ref.variables, exact))
    else:
        point = dict(zip(ref.variables, (float(c) for c in ref.points[i])))
    return Witness(point, float(answer_value), float(ref.values[i]))


@lru_cache(maxsize=4096)
def _suspicious(answer: sp.Expr, expected: sp.Expr) -> bool:
    """Constants so small or large that a float comparison could not see them (10⁻²⁰, e^(−1000)).

    Either side may hold one: e^(10x²) + 10⁻⁷ against e^(10x²) is as invisible as the reverse.
    """
    known = {abs(n) for n in expected.atoms(sp.Number)}
    mine = {abs(n) for n in answer.atoms(sp.Number)}
    return _odd_constant(answer, known) or _odd_constant(expected, mine)


def _odd_constant(e: sp.Basic, known: set) -> bool:
    if e.is_Number:
        v = abs(e)
        if v == 0 or v in known:
            return False
        try:
            f = float(v)
        except (OverflowError, TypeError):
            return True
        return f < TINY or f > HUGE
    if e.args and not free(e):  # a constant subtree: its value, in floats
        try:
            f = abs(float(evaluate(e, {})))
        except (Unsupported, TypeError, ValueError):
            return True
        if not np.isfinite(f) or f < TINY or f > HUGE:
            return True
    return any(_odd_constant(a, known) for a in e.args)


def _exact_points(ref: Sample, count: int = 3) -> list[dict]:
    points = []
    for i, exact in enumerate(ref.exact):
        if exact is not None:
            points.append({v: sp.Rational(c.numerator, c.denominator) for v, c in zip(ref.variables, exact)})
        else:
            points.append({v: sp.Rational(Fraction(float(c)).limit_denominator(10**6))
                           for v, c in zip(ref.variables, ref.points[i])})
        if len(points) >= count:
            break
    return points


def _confirm(expected: sp.Expr, answer: sp.Expr, ref: Sample, numeric: Equivalence) -> Equivalence:
    """Numbers agree but cannot be trusted alone: a bounded 60-digit check, then a symbolic one.

    For a constant, 60 digits settle it; with variables and only a few valid
    points, agreement there is not enough and SymPy is asked.
    """
    from grader import symbolic

    if not ref.variables or not ref.weak:
        try:
            same = run_bounded(symbolic.high_precision_equal, answer, expected, _exact_points(ref),
                               what="a 60-digit comparison", share=0.5)
        except OutOfTime:
            same = None
        if same is not None:
            return Equivalence(same, "precision",
                               reason="" if same else "differs from the expected answer by a tiny amount")
        if not ref.weak:
            return numeric
    outcome = _symbolic(expected, answer, ref.variables, "too few points where the expected answer is defined")
    return outcome if outcome.equal is not None else Equivalence(None, "none", reason=outcome.reason)


def _symbolic(expected: sp.Expr, answer: sp.Expr, variables: tuple, why: str) -> Equivalence:
    from grader import symbolic

    try:
        zero = run_bounded(symbolic.is_zero, answer - expected, what="a symbolic comparison")
    except OutOfTime:
        return Equivalence(None, "none", reason=f"{why}, and the symbolic comparison did not finish in time")
    except Exception as exc:  # noqa: BLE001 - a SymPy failure in the worker is "undecided"
        return Equivalence(None, "none", reason=f"{why}; the symbolic comparison failed ({type(exc).__name__})")
    if zero is None:
        return Equivalence(None, "none", reason=f"{why}, and SymPy could not settle it")
    return Equivalence(zero, "symbolic")


def same_value(expected: Any, answer: Any, variables: tuple, approximate: bool, tolerance: Tolerance,
               literals: frozenset | None = None) -> bool:
    """Shorthand: is ``answer`` (decidedly) equivalent to ``expected``?"""
    try:
        return compare(expected, answer, variables, approximate=approximate, tolerance=tolerance,
                       literals=literals).equal is True
    except Exception:  # noqa: BLE001 - a candidate that cannot be compared is simply not a match
        return False
