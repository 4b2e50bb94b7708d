"""The value of f along one approach path, exactly, and whether the path lies in the domain.

A path is a tuple of coordinates in a parameter t (shifted so the point is 0), and
t → 0 from one side. For a rational f the restriction is a rational function of t
and its limit is read off the lowest-order terms (exact, no SymPy ``limit``);
otherwise SymPy's one-variable limit runs bounded.
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from tutor.engine.limits import work
from tutor.engine.limits.pseudo import expand_plain
from tutor.engine.limits.work import Budget, Unfinished

T = sp.Symbol("t", real=True)


@dataclass(frozen=True)
class Probe:
    """A path in shifted coordinates: coords(t) → 0 as t → 0 from ``side`` ("+" or "-")."""

    coords: tuple[sp.Expr, ...]
    side: str = "+"
    label: str = ""  # "x-axis", "line", "curve", "hug", "critical" (for wording and ordering)


@dataclass(frozen=True)
class Leading:
    """f(path(t)) ≈ ratio · t^order as t → 0 (ratio may contain family parameters)."""

    order: int
    ratio: sp.Expr

    def value(self, side: str = "+") -> sp.Expr:
        if self.ratio == 0 or self.order > 0:
            return sp.Integer(0)
        if self.order == 0:
            return self.ratio
        sign = sp.sign(self.ratio) * (1 if side == "+" or self.order % 2 == 0 else -1)
        return sp.oo * sign


class Rational_:
    """f = P/Q with polynomial P, Q in the shifted coordinates."""

    def __init__(self, P: sp.Expr, Q: sp.Expr, xs: tuple[sp.Symbol, ...]):
        self.P, self.Q, self.xs = P, Q, xs
        self.p_terms = sp.Poly(P, *xs).terms()
        self.q_terms = sp.Poly(Q, *xs).terms()

    @classmethod
    def of(cls, h: sp.Expr, xs: tuple[sp.Symbol, ...]) -> "Rational_ | None":
        if not h.is_rational_function(*xs):
            return None
        P, Q = sp.fraction(sp.together(h))
        if not (P.is_polynomial(*xs) and Q.is_polynomial(*xs)):
            return None
        return cls(sp.expand(P), sp.expand(Q), xs)

    def leading(self, coords: tuple[sp.Expr, ...]) -> Leading | None:
        """Lowest-order behaviour along the path; None when Q ≡ 0 on it (outside the domain)."""
        mono = _monomial_path(coords)
        if mono is not None:  # x_i = c_i t^w_i: read the orders off the terms, no expansion
            B = _lowest_terms(self.q_terms, mono)
            if B is None:
                return None
            A = _lowest_terms(self.p_terms, mono)
            if A is None:
                return Leading(1, sp.Integer(0))
            return Leading(A[0] - B[0], sp.cancel(A[1] / B[1]))
        sub = dict(zip(self.xs, coords))
        B = sp.Poly(sp.expand(self.Q.xreplace(sub)), T)
        if B.is_zero:
            return None
        A = sp.Poly(sp.expand(self.P.xreplace(sub)), T)
        if A.is_zero:
            return Leading(1, sp.Integer(0))
        a_deg, a_c = _lowest(A)
        b_deg, b_c = _lowest(B)
        return Leading(a_deg - b_deg, sp.cancel(a_c / b_c))

    def support(self, which: str) -> list[tuple[int, ...]]:
        p = self.P if which == "P" else self.Q
        return [m for m, c in sp.Poly(p, *self.xs).terms()]


def _monomial_path(coords) -> list[tuple[sp.Expr, int]] | None:
    """[(c_i, w_i)] when every coordinate is c_i·t^w_i (or 0), else None."""
    out = []
    for c in coords:
        c = sp.sympify(c, strict=True)
        if c == 0:
            out.append((sp.Integer(0), 0))
            continue
        coef, w = c.as_coeff_exponent(T)
        if coef.has(T) or not w.is_Integer or w <= 0:
            return None
        out.append((coef, int(w)))
    return out


def _lowest_terms(terms, mono) -> tuple[int, sp.Expr] | None:
    """(order, coefficient) of the lowest power of t in Σ c·x^a along x_i = c_i t^w_i; None if ≡ 0."""
    by_order: dict[int, list] = {}
    for a, c in terms:
        coef = c
        for (ci, wi), ai in zip(mono, a):
            if ai:
                if ci == 0:
                    coef = 0
                    break
                coef = coef * ci**ai
        if coef != 0:
            by_order.setdefault(sum(wi * ai for (_, wi), ai in zip(mono, a)), []).append(coef)
    for order in sorted(by_order):
        total = sp.expand(sp.Add(*by_order[order]))
        if total != 0:
            return order, total
    return None


def _lowest(p: sp.Poly) -> tuple[int, sp.Expr]:
    terms = sorted(p.terms(), key=lambda mc: mc[0][0])
    (deg,), c = terms[0]
    return deg, c


def restricted(h: sp.Expr, xs, coords, budget: Budget) -> sp.Expr:
    """f along the path as a function of t, tidied (bounded; untidied if time is short)."""
    e = h.xreplace(dict(zip(xs, coords)))
    try:
        return budget.call(work.tidy, e, cap=0.5, what="tidying f along a path")
    except Exception:
        return e


def in_domain(h: sp.Expr, xs, probe: Probe) -> bool:
    """f is real and finite at two small parameter values on the probe's side."""
    e = h.xreplace(dict(zip(xs, probe.coords)))
    sgn = 1 if probe.side == "+" else -1
    for t0 in (sp.Float("0.001003", 30), sp.Float("0.00009993", 30)):  # floats: no exact powers to factor
        try:
            v = sp.N(e.xreplace({T: sgn * t0}), 20)
        except (ZeroDivisionError, TypeError, ValueError):
            return False
        if not v.is_number or v.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
            return False
        if abs(sp.im(v)) > 1e-15:
            return False
    return True


def value_along(h: sp.Expr, xs, probe: Probe, budget: Budget, rat: Rational_ | None = None,
                cap: float = 1.5) -> sp.Expr | None:
    """The exact limit along ``probe`` (±oo allowed), or None (outside the domain / undecided)."""
    if rat is not None:
        lead = rat.leading(probe.coords)
        return None if lead is None else lead.value(probe.side)
    if not in_domain(h, xs, probe):
        return None
    e = h.xreplace(dict(zip(xs, probe.coords)))
    try:
        v = budget.call(work.one_sided_limit, e, T, sp.Integer(0), probe.side, cap=cap,
                        what="a limit along a path")
    except Unfinished:
        return None
    except Exception:
        return None
    if v.has(sp.AccumBounds, sp.Limit, sp.nan) or v is sp.zoo or not (v.is_extended_real or v.is_infinite):
        return None
    return v


def generic_along(h: sp.Expr, xs, coords, budget: Budget, cap: float = 1.5) -> sp.Expr | None:
    """SymPy's limit along a family with symbolic parameters (a suggestion, never a witness)."""
    e = h.xreplace(dict(zip(xs, coords)))
    try:
        v = budget.call(work.one_sided_limit, e, T, sp.Integer(0), "+", cap=cap,
                        what="a limit along a family of paths")
    except Exception:
        return None
    if v.has(sp.AccumBounds, sp.Limit, sp.nan) or v is sp.zoo:
        return None
    return v


def rational_model(h: sp.Expr, xs) -> Rational_ | None:
    """A rational function with the same leading behaviour, to choose candidate exponents.

    Functions of small arguments are replaced by their Taylor polynomials; |u| by u.
    Only exponents are taken from the model, every value is computed on f itself.
    """
    zero = {x: sp.Integer(0) for x in xs}
    repl = {}
    for a in h.atoms(sp.Function, sp.Pow):
        if not a.free_symbols & set(xs):
            continue
        if isinstance(a, sp.Abs):
            repl[a] = a.args[0]
        elif isinstance(a, sp.Pow) and a.exp.is_Integer:
            continue
        elif len(a.args) == 1 or isinstance(a, sp.Pow):
            try:
                u = a.args[0] if not isinstance(a, sp.Pow) else a.base
                u0 = u.xreplace(zero)
                if isinstance(a, sp.Pow) and u0 == 0:
                    continue
                s = sp.Symbol("s_")
                ser = sp.series(a.func(s + u0) if not isinstance(a, sp.Pow) else (s + u0) ** a.exp, s, 0, 4)
                repl[a] = ser.removeO().xreplace({s: u - u0})
            except Exception:
                return None
    model = expand_plain(h.xreplace(repl))
    return Rational_.of(model, xs)
