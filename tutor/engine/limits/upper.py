"""Upper bounds |e| ≤ P(|x|, r) near the origin, built from exact rules and the lemmas.

``expand_atoms`` replaces sin, cos, exp, log, fractional powers … whose argument has a
finite value at the origin by a Taylor polynomial plus a remainder symbol R with
|R| ≤ C|u|^m (see ``lemmas``); ``upper`` then bounds what is left term by term
(triangle inequality, |ab| = |a||b|, |x_i| ≤ r). Every rule used is recorded, so the
squeeze proof can list what it relied on and for which radius it holds.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import sympy as sp

from tutor.engine.limits import pseudo as ps
from tutor.engine.limits.lemmas import U, Lemma, binomial_lemma, lemma_for, log1p_lemma
from tutor.engine.limits.pseudo import Bound, CannotBound, expand_plain as _expand


@dataclass
class Ctx:
    """What a bound derivation needs and records (the coordinates are shifted: point = 0)."""

    xs: tuple[sp.Symbol, ...]
    level: int = 0
    remainders: dict = field(default_factory=dict)  # R -> (Bound, Lemma, argument)
    constraints: list = field(default_factory=list)  # (Bound U, δ): need U(ρ) ≤ δ
    uses: list = field(default_factory=list)  # (Lemma, argument) in order of use
    needs_small_radius: bool = False  # |log r| appears: ρ < 1

    @property
    def d(self) -> int:
        return len(self.xs)

    @property
    def r2(self) -> sp.Expr:
        return sp.Add(*(x**2 for x in self.xs))

    def origin(self) -> dict:
        return {x: sp.Integer(0) for x in self.xs}

    def at0(self, e: sp.Expr) -> sp.Expr:
        return e.xreplace(self.origin())

    def r2_multiple(self, e: sp.Expr) -> sp.Expr | None:
        """c when e = c·(x² + y² [+ z²]) with c > 0, else None."""
        if not isinstance(e, (sp.Add, sp.Mul)):
            return None
        c = _expand(e).coeff(self.xs[0], 2)
        c = c.xreplace(self.origin()) if c.free_symbols else c
        if not c.is_number or not c.is_positive:
            return None
        return c if _expand(e - c * self.r2) == 0 else None


def expand_atoms(e: sp.Expr, ctx: Ctx) -> sp.Expr:
    """Replace functions of small (or nearly constant) arguments by Taylor polynomial + R."""
    for _ in range(6):
        repl = {}
        for atom in _outer_atoms(e, ctx):
            new = _expansion(atom, ctx)
            if new is not None:
                repl[atom] = new
        if not repl:
            return e
        e = e.xreplace(repl)
    return e


def _outer_atoms(e: sp.Expr, ctx: Ctx) -> list[sp.Expr]:
    out = []

    def visit(node):
        if _replaceable(node, ctx):
            out.append(node)
            return
        for a in node.args:
            visit(a)

    visit(e)
    return out


def _replaceable(node: sp.Expr, ctx: Ctx) -> bool:
    if isinstance(node, sp.Symbol) or not node.free_symbols & set(ctx.xs):
        return False
    if isinstance(node, sp.Pow):
        q = node.exp
        return q.is_Rational and not (q.is_Integer and q > 0) and _finite_nonzero(ctx.at0(node.base))
    if isinstance(node, sp.log):
        v = ctx.at0(node.args[0])
        return v.is_positive is True
    if isinstance(node, (sp.sin, sp.cos, sp.exp)):
        return ctx.at0(node.args[0]).is_finite is True
    if lemma_for(type(node), 0) is not None:
        return ctx.at0(node.args[0]) == 0
    return False


def _finite_nonzero(v: sp.Expr) -> bool:
    return v.is_finite is True and v.is_zero is False and v.is_extended_real is True


def _remainder(lem: Lemma, u: sp.Expr, ctx: Ctx) -> sp.Symbol:
    R = sp.Symbol(f"R{len(ctx.remainders) + 1}", real=True)
    bu = upper(u, ctx)
    ctx.remainders[R] = (ps.scale(ps.power(bu, lem.m), lem.C), lem, u)
    if lem.delta is not None:
        ctx.constraints.append((bu, lem.delta))
    ctx.uses.append((lem, u))
    return R


def _expansion(atom: sp.Expr, ctx: Ctx) -> sp.Expr | None:
    if isinstance(atom, sp.Pow):
        w, q = atom.args
        w0 = ctx.at0(w)
        v = _expand(w / w0 - 1)
        if v == 0:
            return None
        lem = binomial_lemma(q, ctx.level)
        return w0**q * (lem.taylor.subs(U, v) + _remainder(lem, v, ctx))
    if isinstance(atom, sp.log):
        w = atom.args[0]
        w0 = ctx.at0(w)
        v = _expand(w / w0 - 1)
        lem = log1p_lemma(ctx.level)
        return sp.log(w0) + lem.taylor.subs(U, v) + _remainder(lem, v, ctx)
    u = atom.args[0]
    u0 = ctx.at0(u)
    if u0 != 0:
        v = _expand(u - u0)
        if isinstance(atom, sp.sin):
            return sp.sin(u0) * sp.cos(v) + sp.cos(u0) * sp.sin(v)
        if isinstance(atom, sp.cos):
            return sp.cos(u0) * sp.cos(v) - sp.sin(u0) * sp.sin(v)
        if isinstance(atom, sp.exp):
            return sp.exp(u0) * sp.exp(v)
        return None
    lemma = lemma_for(type(atom), ctx.level)
    if lemma is None:
        raise CannotBound(f"no Taylor lemma for {type(atom).__name__}", atom)
    return lemma.taylor.subs(U, u) + _remainder(lemma, u, ctx)


# ---- the bound itself ------------------------------------------------------------------

def upper(e: sp.Expr, ctx: Ctx) -> Bound:
    """P with |e| ≤ P(|x|, r) for 0 < r ≤ ρ (ρ ≤ 1; constraints recorded in ctx)."""
    d = ctx.d
    if e.is_number:
        if e.is_finite is not True or e.is_extended_real is not True:
            raise CannotBound("not a finite real number", e)
        return ps.const(e, d)
    if e in ctx.remainders:
        return ctx.remainders[e][0]
    if isinstance(e, sp.Symbol):
        if e in ctx.xs:
            return ps.var(ctx.xs.index(e), d)
        raise CannotBound(f"unexpected symbol {e}", e)
    if isinstance(e, sp.Add):
        c = ctx.r2_multiple(e)
        if c is not None:
            return ps.scale(ps.radius_power(2, d), c)
        out: Bound = {}
        for a in e.args:
            out = ps.add(out, upper(a, ctx))
        return out
    if isinstance(e, sp.Mul):
        out = ps.const(1, d)
        for a in e.args:
            out = ps.mul(out, upper(a, ctx))
        return out
    if isinstance(e, sp.Pow):
        return _upper_pow(e, ctx)
    if isinstance(e, sp.Abs):
        return upper(e.args[0], ctx)
    return _upper_function(e, ctx)


def _upper_pow(e: sp.Pow, ctx: Ctx) -> Bound:
    b, q = e.args
    d = ctx.d
    if not q.is_Rational:
        raise CannotBound("a power with a non-rational exponent", e)
    if q > 0:
        c = ctx.r2_multiple(b)
        if c is not None:
            return ps.scale(ps.radius_power(2 * q, d), c**q)
        return ps.power(upper(b, ctx), q)
    b0 = ctx.at0(b)
    if _finite_nonzero(b0):  # |b^q| ≤ (|b0|/2)^q once |b − b0| ≤ |b0|/2
        low = nonvanishing_lower(b, ctx)
        return ps.const(low**q, d)
    raise CannotBound("a denominator that vanishes at the point", e)


def _upper_function(e: sp.Expr, ctx: Ctx) -> Bound:
    d = ctx.d
    if not e.args:
        raise CannotBound(f"cannot bound {e}", e)
    u = e.args[0]
    u0 = ctx.at0(u)
    if isinstance(e, (sp.cos, sp.sign)):  # |sign u| ≤ 1: odd roots are written sign(b)·|b|^(p/q)
        return ps.const(1, d)
    if isinstance(e, sp.sin):
        return upper(u, ctx) if u0 == 0 else ps.const(1, d)
    if isinstance(e, sp.atan):
        return upper(u, ctx) if u0 == 0 else ps.const(sp.pi / 2, d)
    if isinstance(e, (sp.exp, sp.cosh)):
        at_one = ps.value_at(upper(u, ctx), sp.Integer(1))  # ρ ≤ 1 and the bound grows with r
        return ps.const(sp.exp(at_one), d)
    if isinstance(e, sp.log):
        c = ctx.r2_multiple(u)
        if c is not None:  # |log(c r²)| ≤ |log c| + 2|log r| for r < 1
            ctx.needs_small_radius = True
            return ps.add(ps.const(sp.log(c), d), ps.scale(ps.radius_power(0, d, logs=1), 2))
        if u0.is_positive is True:
            v = _expand(u / u0 - 1)
            bv = upper(v, ctx)
            ctx.constraints.append((bv, sp.Rational(1, 2)))
            return ps.add(ps.const(sp.log(u0), d), ps.scale(bv, 2))
        raise CannotBound("a logarithm of something that tends to 0", e)
    lem = lemma_for(type(e), 0)
    if lem is not None and u0 == 0:
        bu = upper(u, ctx)
        if lem.delta is not None:
            ctx.constraints.append((bu, lem.delta))
        ctx.uses.append((lem, u))
        return ps.scale(bu, lem.C)
    raise CannotBound(f"no bound known for {type(e).__name__}", e)


def nonvanishing_lower(b: sp.Expr, ctx: Ctx) -> sp.Expr:
    """|b0|/2 ≤ |b| near 0 for b continuous with b(0) = b0 ≠ 0 (records the radius it needs)."""
    b0 = ctx.at0(b)
    saved = ctx.level
    ctx.level = 0
    try:
        dev = _expand(expand_atoms(b, ctx) - b0)
    finally:
        ctx.level = saved
    bound = upper(dev, ctx) if dev != 0 else {}
    if any(e == 0 for e, _ in ps.radial_exponents(bound)):
        raise CannotBound("cannot show the factor stays away from 0", b)
    if bound:
        ctx.constraints.append((bound, abs(b0) / 2))
    return abs(b0) / 2
