"""What to do when the second-derivative test is inconclusive.

One variable: the first nonvanishing higher derivative (even order: extremum,
odd order: not one). Several variables: expand f(p + u) - f(p); the lowest
nonzero homogeneous form decides along lines (odd order or both signs: not an
extremum; definite: a strict extremum). When the Hessian is semidefinite but not
zero, weights adapted to the kernel direction give curves (parabolas) as
witnesses or a definite weighted principal part (Peano's y^2 - 3x^2 y + 2x^4
shows lines alone are not enough). For polynomials, f - f(p) written as a sum
of even terms or a product of even powers proves a global inequality.
"""
from __future__ import annotations

import itertools
from collections.abc import Sequence

import sympy as sp

from tutor.engine.critical.records import FollowUp, Witness
from tutor.engine.critical.signs import PointSigns, decide_sign

LAM = sp.Symbol("t")  # curve parameter in witnesses (renamed when f has a variable t)
MAX_DERIVATIVE = 12
TAYLOR_ORDER = 6


def follow_up(f: sp.Expr, variables: tuple[sp.Symbol, ...], signs: PointSigns,
              hessian: sp.ImmutableMatrix) -> tuple[FollowUp, ...]:
    """Settle a degenerate critical point where that can be decided; say so where it cannot."""
    if len(variables) == 1:
        return (_higher_derivatives(f, variables[0], signs),)
    if LAM in variables:
        return tuple(_rename(r, sp.Symbol("τ")) for r in follow_up(f.subs(LAM, _HIDE), _swap(variables),
                                                                     _swap_signs(signs), hessian))
    if signs.exact is None:
        return (FollowUp("none", "undecided", detail="numeric-point"),)
    exact_point = tuple(signs.exact[v] for v in variables)
    u = sp.symbols(f"u1:{len(variables) + 1}")
    polynomial = f.is_polynomial(*variables)
    F = _local_polynomial(f, variables, exact_point, u, polynomial)
    if F is None:
        return (FollowUp("none", "undecided", detail="no-expansion"),)
    out: list[FollowUp] = []
    forms = _forms(F, u)
    if not forms:
        return (FollowUp("none", "undecided", detail="flat"),)
    k, h = forms[0]
    if k >= 3:
        out.append(_leading_form(h, k, u, exact_point))
    elif len(variables) == 2 and not hessian.has(sp.Float):
        out.append(_weighted(F, u, hessian, exact_point, polynomial))
    else:
        out.append(_kernel_lines(F, u, hessian, exact_point))
    if polynomial and out[-1].conclusion in ("minimum", "maximum", "undecided"):
        proof = _global_sign(F, u, variables, exact_point)
        if proof is not None:
            out.append(proof)
    back = {ui: v - p for ui, v, p in zip(u, variables, exact_point)}
    return tuple(_in_variables(r, back) for r in out)


def _in_variables(record: FollowUp, back: dict) -> FollowUp:
    """Forms are computed in shifted coordinates u = x - p; show them in the learner's variables."""
    if record.form is None or record.global_:
        return record
    from dataclasses import replace

    return replace(record, form=record.form.subs(back, simultaneous=True))


_HIDE = sp.Symbol("t_user")


def _swap(variables):
    return tuple(_HIDE if v == LAM else v for v in variables)


def _swap_signs(signs: PointSigns) -> PointSigns:
    from dataclasses import replace

    exact = None if signs.exact is None else {(_HIDE if k == LAM else k): v for k, v in signs.exact.items()}
    return replace(signs, variables=_swap(signs.variables), exact=exact)


def _rename(record: FollowUp, new: sp.Symbol) -> FollowUp:
    from dataclasses import replace

    sub = {LAM: new, _HIDE: LAM}
    ws = tuple(Witness(tuple(c.subs(sub, simultaneous=True) for c in w.curve), new,
                       w.leading.subs(sub, simultaneous=True), w.sign) for w in record.witnesses)
    form = record.form.subs(sub, simultaneous=True) if record.form is not None else None
    return replace(record, witnesses=ws, form=form)


# -- one variable ------------------------------------------------------------------------------
def _higher_derivatives(f: sp.Expr, x: sp.Symbol, signs: PointSigns) -> FollowUp:
    d = sp.diff(f, x, 2)
    for k in range(3, MAX_DERIVATIVE + 1):
        d = sp.diff(d, x)
        s = signs.sign(d)
        if s.sign is None:
            return FollowUp("higher-derivatives", "undecided", order=k, detail="sign-undecided")
        if s.sign == 0:
            continue
        value = signs.at(d)
        if k % 2:
            return FollowUp("higher-derivatives", "not an extremum", form=value, order=k, strict=None,
                            detail="odd-order" if s.how != "numeric-zero" else "odd-order-numeric")
        conclusion = "minimum" if s.sign > 0 else "maximum"
        return FollowUp("higher-derivatives", conclusion, form=value, order=k, strict=True, detail="even-order")
    return FollowUp("higher-derivatives", "undecided", order=MAX_DERIVATIVE, detail="all-zero")


# -- expansions --------------------------------------------------------------------------------
def _local_polynomial(f, variables, point, u, polynomial: bool) -> sp.Expr | None:
    """f(p + u) - f(p) exactly (polynomials) or its Taylor polynomial of order TAYLOR_ORDER."""
    shift = {v: p + ui for v, p, ui in zip(variables, point, u)}
    f0 = f.subs(dict(zip(variables, point)))
    if polynomial:
        return sp.expand(sp.expand(f.subs(shift)) - sp.expand(f0))
    total = sp.Integer(0)
    at = dict(zip(variables, point))
    for order in range(2, TAYLOR_ORDER + 1):
        for alpha in _multi_indices(len(variables), order):
            d = f
            for v, a in zip(variables, alpha):
                if a:
                    d = sp.diff(d, v, a)
            c = d.subs(at)
            s = decide_sign(c)
            if s.sign is None:
                return None
            if s.sign == 0:
                continue
            term = c / sp.prod(sp.factorial(a) for a in alpha)
            total += term * sp.prod(ui ** a for ui, a in zip(u, alpha))
    return total


def _multi_indices(n: int, order: int):
    for combo in itertools.combinations_with_replacement(range(n), order):
        yield tuple(combo.count(i) for i in range(n))


def _forms(F: sp.Expr, u: Sequence[sp.Symbol]) -> list[tuple[int, sp.Expr]]:
    """Homogeneous parts (degree, form) of a polynomial in u, lowest degree first, zero parts dropped."""
    poly = sp.Poly(F, *u)
    parts: dict[int, sp.Expr] = {}
    for monom, coeff in poly.terms():
        s = decide_sign(coeff)
        if s.sign == 0:
            continue
        parts[sum(monom)] = parts.get(sum(monom), 0) + coeff * sp.prod(x ** e for x, e in zip(u, monom))
    return sorted(parts.items())


# -- lowest form of order >= 3 (zero Hessian) ---------------------------------------------------
_DIRECTIONS2: list[tuple[int, ...]] = [(1, 0), (0, 1), (1, 1), (1, -1), (2, 1), (1, 2), (2, -1), (1, -2), (3, 1), (1, 3), (3, -1), (1, -3)]


def _directions(n: int) -> list[tuple[int, ...]]:
    if n == 2:
        return _DIRECTIONS2
    out = []
    for d in itertools.product(range(-2, 3), repeat=n):
        if any(d) and next(x for x in d if x) > 0:
            out.append(d)
    return out


def _leading_form(h: sp.Expr, k: int, u, point) -> FollowUp:
    """Along the line p + t d, f - f(p) = h(d) t^k + ...: odd k or both signs, no extremum; definite, an extremum."""
    signs_found: dict[int, tuple[int, ...]] = {}
    for d in _directions(len(u)):
        val = h.subs(dict(zip(u, d)))
        s = decide_sign(val).sign
        if s:
            signs_found.setdefault(s, d)
        if k % 2 and s:
            w = _line(point, d, val, k, 0)
            return FollowUp("leading-form", "not an extremum", form=h, order=k, witnesses=(w,), detail="odd-order")
    if 1 in signs_found and -1 in signs_found:
        ws = tuple(_line(point, signs_found[s], h.subs(dict(zip(u, signs_found[s]))), k, s) for s in (1, -1))
        return FollowUp("leading-form", "not an extremum", form=h, order=k, witnesses=ws, detail="both-signs")
    definite = _definite(h, u)
    if definite:
        return FollowUp("leading-form", "minimum" if definite > 0 else "maximum", form=h, order=k, strict=True,
                        detail="definite")
    return FollowUp("leading-form", "undecided", form=h, order=k, detail="semidefinite")


def _line(point, d, value, k, sign) -> Witness:
    curve = tuple(p + di * LAM for p, di in zip(point, d))
    return Witness(curve, LAM, value * LAM ** k, sign)


def _definite(h: sp.Expr, u) -> int:
    """+1 / -1 if the form is positive / negative definite (exact test in two variables, sufficient test else)."""
    if len(u) == 2:
        return _definite_weighted(h, u, (1, 1))
    return _even_terms_sign(h, u, strict=True)


# -- semidefinite Hessian in two variables -------------------------------------------------------
def _weighted(F: sp.Expr, u, H: sp.ImmutableMatrix, point, polynomial: bool) -> FollowUp:
    """Rotate so the Hessian's kernel is the t-axis; weights (m, 2) match s^2 with the first t^m."""
    kernel = sp.Matrix(H).nullspace()
    if len(kernel) != 1:
        return FollowUp("weighted-form", "undecided", detail="kernel")
    k = [sp.nsimplify(c) for c in kernel[0]]
    a = [-k[1], k[0]]
    s, t = sp.symbols("s t")
    G = sp.expand(F.subs({u[0]: a[0] * s + k[0] * t, u[1]: a[1] * s + k[1] * t}, simultaneous=True))
    quad = G.coeff(s, 2).subs(t, 0)
    sigma = decide_sign(quad).sign
    along = sp.Poly(G.subs(s, 0), t) if G.subs(s, 0) != 0 else None
    if not sigma or along is None:
        return FollowUp("weighted-form", "undecided", detail="flat-kernel")
    m = min(mon[0] for mon, c in along.terms() if decide_sign(c).sign)
    if not polynomial and m > TAYLOR_ORDER - 1:
        return FollowUp("weighted-form", "undecided", detail="order")
    g = sp.gcd(m, 2)
    weights = (m // g, 2 // g)
    P = _principal(G, (s, t), weights)
    curve_of = lambda ss, tt: tuple(p + ai * ss + ki * tt for p, ai, ki in zip(point, a, k))
    base = Witness(curve_of(LAM, 0), LAM, quad * LAM ** 2, sigma)
    # P in the shifted original variables u: s = a.u/|a|^2, t = k.u/|k|^2 (a is perpendicular to k)
    norm = k[0] ** 2 + k[1] ** 2
    shown = P.subs({s: (a[0] * u[0] + a[1] * u[1]) / norm, t: (k[0] * u[0] + k[1] * u[1]) / norm},
                   simultaneous=True)
    opposite = _weighted_sample(P, (s, t), weights, -sigma)
    if opposite is not None:
        (s0, t0), value, d = opposite
        w = Witness(curve_of(s0 * LAM ** weights[0], t0 * LAM ** weights[1]), LAM, value * LAM ** d, -sigma)
        return FollowUp("weighted-form", "not an extremum", form=shown, order=d, witnesses=(base, w),
                        detail="curve-witness")
    if _definite_weighted(P, (s, t), weights) == sigma:
        return FollowUp("weighted-form", "minimum" if sigma > 0 else "maximum", form=shown, order=m,
                        witnesses=(base,), strict=True, detail="weighted-definite")
    return FollowUp("weighted-form", "undecided", form=shown, witnesses=(base,), detail="weighted-semidefinite")


def _principal(G: sp.Expr, st, weights) -> sp.Expr:
    poly = sp.Poly(G, *st)
    terms = [(mon, c) for mon, c in poly.terms() if decide_sign(c).sign]
    d = min(mon[0] * weights[0] + mon[1] * weights[1] for mon, _ in terms)
    return sum(c * st[0] ** mon[0] * st[1] ** mon[1] for mon, c in terms
               if mon[0] * weights[0] + mon[1] * weights[1] == d)


def _weighted_sample(P, st, weights, want: int):
    """A point (s0, t0) where the weighted-homogeneous P has sign ``want``, with P's value and degree."""
    d = max(mon[0] * weights[0] + mon[1] * weights[1] for mon in sp.Poly(P, *st).monoms())
    samples = [(sgn, sp.Rational(q)) for sgn in (1, -1) for q in ("0", "1", "-1", "1/2", "-1/2", "3/2", "-3/2", "2", "-2",
                                                                     "3/4", "-3/4", "5/4", "-5/4", "3", "-3", "1/4",
                                                                     "-1/4", "5/6", "-5/6")]
    samples += [(0, 1), (0, -1)]
    for s0, t0 in samples:
        val = P.subs({st[0]: s0, st[1]: t0})
        if decide_sign(val).sign == want:
            return (s0, t0), val, d
    for s0 in (1, -1):  # the exact extremes of P(s0, t) in t
        Q = sp.Poly(P.subs(st[0], s0), st[1])
        if Q.degree() < 2:
            continue
        for r in sp.Poly(Q.diff(st[1]), st[1]).real_roots() if Q.domain.is_QQ or Q.domain.is_ZZ else ():
            for q in (sp.nsimplify(sp.N(r, 6), rational=True, tolerance=sp.Rational(1, 50)), r):
                val = Q.eval(q)
                if decide_sign(val).sign == want:
                    return (s0, q), val, d
    return None


def _definite_weighted(P: sp.Expr, st, weights) -> int:
    """+1 / -1 if P(s, t) (weighted homogeneous) is definite; 0 otherwise or if undecidable exactly."""
    s, t = st
    signs = set()
    for s0, var, other in ((1, t, s), (-1, t, s)):
        Q = sp.Poly(sp.expand(P.subs(other, s0)), var)
        r = _sign_on_line(Q)
        if r is None:
            return 0
        signs.add(r)
    for t0 in (1, -1):
        v = decide_sign(P.subs({s: 0, t: t0})).sign
        if not v:
            return 0
        signs.add(v)
    return signs.pop() if len(signs) == 1 else 0


def _sign_on_line(Q: sp.Poly) -> int | None:
    """+1 / -1 if the univariate Q is strictly of one sign on R (exact), else None."""
    if Q.is_zero:
        return None
    if not (Q.domain.is_ZZ or Q.domain.is_QQ):
        return None
    if Q.degree() > 0 and Q.count_roots() > 0:
        return None
    v = Q.eval(0) if Q.degree() > 0 else Q.LC()
    return 1 if v > 0 else -1


def _kernel_lines(F, u, H, point) -> FollowUp:
    """Three or more variables with a semidefinite Hessian: look for lines with the opposite sign."""
    kernel = sp.Matrix(H).nullspace()
    q = [decide_sign(H[i, i]).sign for i in range(H.rows)]
    sigma = 1 if 1 in q else -1
    for vec in kernel:
        d = [sp.nsimplify(c) for c in vec]
        along = sp.expand(F.subs(dict(zip(u, [di * LAM for di in d]))))
        if along == 0:
            continue
        m = min(sp.Poly(along, LAM).monoms())[0]
        c = sp.Poly(along, LAM).coeff_monomial(LAM ** m)
        s = decide_sign(c).sign
        if s and (m % 2 or s == -sigma):
            w = Witness(tuple(p + di * LAM for p, di in zip(point, d)), LAM, c * LAM ** m, 0 if m % 2 else s)
            return FollowUp("leading-form", "not an extremum", form=along, order=m, witnesses=(w,),
                            detail="kernel-line")
    return FollowUp("leading-form", "undecided", detail="semidefinite")


# -- global proofs for polynomials ---------------------------------------------------------------
def _global_sign(F: sp.Expr, u, variables, point) -> FollowUp | None:
    """f - f(p) >= 0 (or <= 0) everywhere: even terms with one sign, or even powers times a sign."""
    back = {ui: v - p for ui, v, p in zip(u, variables, point)}
    s = _even_terms_sign(F, u, strict=False)
    if s:
        strict = _even_terms_sign(F, u, strict=True) == s
        return FollowUp("even-terms", "minimum" if s > 0 else "maximum", form=F.subs(back, simultaneous=True),
                        strict=strict, global_=True, detail="even-terms")
    expr = sp.factor(F.subs(back, simultaneous=True))
    c, factors = sp.factor_list(expr)
    sign = decide_sign(c).sign
    if sign is None:  # (the sign of the constant is not known: no conclusion, as below)
        return None
    odd = [g for g, e in factors if e % 2]
    real = {v: sp.Dummy(v.name, real=True) for v in variables}
    for g in odd:
        gr = g.subs(real)
        if gr.is_nonnegative:
            continue
        if gr.is_nonpositive:
            sign = -sign
            continue
        return None
    if not sign or len(factors) == 0:
        return None
    return FollowUp("factored", "minimum" if sign > 0 else "maximum", form=expr, strict=None, global_=True,
                    detail="even-powers")


def _even_terms_sign(F: sp.Expr, u, strict: bool) -> int:
    """+1 / -1 if every term of F has even exponents and coefficients of one sign (pure powers of all u if strict)."""
    poly = sp.Poly(F, *u)
    sign = 0
    pure = set()
    for mon, c in poly.terms():
        if any(e % 2 for e in mon):
            return 0
        s = decide_sign(c).sign
        if not s or (sign and s != sign):
            return 0
        sign = s
        nz = [i for i, e in enumerate(mon) if e]
        if len(nz) == 1:
            pure.add(nz[0])
    if strict and len(pure) != len(u):
        return 0
    return sign
