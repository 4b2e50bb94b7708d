"""All real solutions of a polynomial system: isolated points exactly, positive-dimensional parts as families.

SymPy's ``solve`` drops real solutions of ordinary gradient systems (sympy#17449,
#21907, #24185), so this does the algebra itself: split off common factors
(hypersurface families), lex Groebner bases, factor the eliminant over Q, and
put each branch in shape form x_i = p_i(t) for a primitive element t, using a
separating linear form when the basis is not already in that shape. Every point
is checked by exact substitution (remainder mod the minimal polynomial).
Runs inside ``tutor.engine.bounded``: module-level, picklable in and out.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import sympy as sp

from tutor.engine.critical.algebraic import T, AlgebraicPoint

_SAMPLES = (-3, -2, -1, 0, 1, 2, 3, 100, -100)


@dataclass(frozen=True)
class FamilyData:
    """A positive-dimensional piece of the solution set, given by equations."""

    equations: tuple[sp.Expr, ...]
    dimension: int
    source: str  # "common factor" | "groebner"


@dataclass(frozen=True)
class PolySolution:
    points: tuple[AlgebraicPoint, ...]
    families: tuple[FamilyData, ...]
    basis: tuple[sp.Expr, ...]  # the lex Groebner basis of the reduced system (for the explanation)
    factor: sp.Expr  # common factor split off (1 if none)
    excluded: int = 0  # solutions dropped because a denominator vanishes there
    unresolved: tuple[sp.Expr, ...] = field(default_factory=tuple)  # branches left to numerics


def solve_polynomial_system(polys: list[sp.Expr], variables: tuple[sp.Symbol, ...],
                            denominators: tuple[sp.Expr, ...] = ()) -> PolySolution:
    """Real solutions of ``polys = 0`` with every denominator nonzero (rational coefficients)."""
    polys = [sp.expand(p) for p in polys if sp.expand(p) != 0]
    if not polys:
        fam = FamilyData((), len(variables), "groebner")
        return PolySolution((), (fam,), (), sp.Integer(1))
    solver = _Solver(variables)
    common = _common_factor(polys, variables) if len(variables) > 1 else sp.Integer(1)
    families: list[FamilyData] = []
    if common != 1:
        for h, _ in sp.factor_list(common, *variables)[1]:
            families += solver.hypersurface(h)
        polys = [sp.cancel(p / common) for p in polys]
    basis = sp.groebner(polys, *variables, order="lex")
    points = list(solver.points)
    if list(basis.exprs) != [1]:
        points_b, fams_b = solver.decompose(list(basis.exprs))
        points += points_b
        families += fams_b
    points = _dedupe(points)
    kept = [p for p in points if all(not p.is_zero(d, variables) for d in denominators)]
    excluded = len(points) - len(kept)
    families = _dedupe_families(families)
    kept = [p for p in kept if not any(_on_family(p, fam, variables) for fam in families)]
    return PolySolution(tuple(kept), tuple(families), tuple(basis.exprs), common,
                        excluded=excluded, unresolved=tuple(solver.unresolved))


def _common_factor(polys: list[sp.Expr], variables: tuple[sp.Symbol, ...]) -> sp.Expr:
    g = polys[0]
    for p in polys[1:]:
        g = sp.gcd(g, p)
    g = sp.factor_terms(g)
    if not g.free_symbols & set(variables):
        return sp.Integer(1)
    return sp.Poly(g, *variables).monic().as_expr()


class _Solver:
    """The recursive parts, sharing the variable order and collecting points and loose ends."""

    def __init__(self, variables: tuple[sp.Symbol, ...]):
        self.vars = variables
        self.points: list[AlgebraicPoint] = []
        self.unresolved: list[sp.Expr] = []

    # -- families ---------------------------------------------------------------------------
    def hypersurface(self, h: sp.Expr) -> list[FamilyData]:
        """h = 0 is a family when h changes sign; otherwise its real zeros solve h = grad h = 0."""
        used = [v for v in self.vars if h.has(v)]
        if len(used) == 1 and len(self.vars) > 1:  # x^2 - 2 = 0: one family per real root
            return [FamilyData((used[0] - r,), len(self.vars) - 1, "common factor")
                    for r in sp.real_roots(sp.Poly(h, used[0]))]
        if self._changes_sign(h):
            return [FamilyData((h,), len(self.vars) - 1, "common factor")]
        grad = [sp.diff(h, v) for v in self.vars]
        basis = sp.groebner([h, *grad], *self.vars, order="lex")
        if list(basis.exprs) == [1]:
            return []
        points, fams = self.decompose(list(basis.exprs))
        self.points += points
        return fams

    def _changes_sign(self, h: sp.Expr) -> bool:
        signs = set()
        n = len(self.vars)
        for values in itertools.product(_SAMPLES, repeat=n) if n <= 2 else itertools.product(_SAMPLES[:7], repeat=n):
            s = sp.sign(h.subs(dict(zip(self.vars, values))))
            signs.add(int(s))
            if 1 in signs and -1 in signs:
                return True
        # a small oval can hide between samples: look at h's own critical values too
        try:
            grad = [sp.diff(h, v) for v in self.vars]
            basis = sp.groebner(grad, *self.vars, order="lex")
            if basis.exprs != [1] and basis.is_zero_dimensional:
                for p in self._zero_dim(list(basis.exprs)):
                    s = p.sign(h, self.vars)
                    if s is not None and s.sign:
                        signs.add(s.sign)
        except (sp.PolynomialError, NotImplementedError):  # pragma: no cover
            pass
        return 1 in signs and -1 in signs

    def decompose(self, basis: list[sp.Expr]) -> tuple[list[AlgebraicPoint], list[FamilyData]]:
        G = sp.groebner(basis, *self.vars, order="lex")
        if list(G.exprs) == [1]:
            return [], []
        if G.is_zero_dimensional:
            return self._zero_dim(list(G.exprs)), []
        for g in G.exprs:  # split on the first element that factors
            factors = [f for f, _ in sp.factor_list(g, *self.vars)[1]]
            if len(factors) > 1:
                points: list[AlgebraicPoint] = []
                fams: list[FamilyData] = []
                for f in factors:
                    p, fa = self.decompose([*G.exprs, f])
                    points += p
                    fams += fa
                return points, fams
        return self._real_part(G)

    def _real_part(self, G) -> tuple[list[AlgebraicPoint], list[FamilyData]]:
        """An irreducible family with real points of full dimension, else its singular real points.

        At a real smooth point the real locus is a manifold of the full dimension; so when
        generic slices show no real points, the real points are singular: add the minors.
        """
        dim, free = _dimension(G, self.vars)
        eqs = list(G.exprs)
        rest = tuple(v for v in self.vars if v not in free)
        for values in _slice_values(len(free)):
            sub = dict(zip(free, values))
            sliced = [sp.expand(e.subs(sub)) for e in eqs]
            sliced = [e for e in sliced if e != 0]
            if not sliced:
                continue
            B = sp.groebner(sliced, *rest, order="lex")
            if list(B.exprs) != [1] and B.is_zero_dimensional and _zero_dim(list(B.exprs), rest, []):
                return [], [FamilyData(tuple(eqs), dim, "groebner")]
        jac = sp.Matrix([[sp.diff(e, v) for v in self.vars] for e in eqs])
        k = len(self.vars) - dim
        minors = {sp.expand(jac.extract(list(r), list(c)).det())
                  for r in itertools.combinations(range(len(eqs)), k)
                  for c in itertools.combinations(range(len(self.vars)), k)}
        minors.discard(0)
        singular = sp.groebner(eqs + sorted(minors, key=sp.default_sort_key), *self.vars, order="lex")
        if list(singular.exprs) == [1]:
            return [], []
        return self.decompose(list(singular.exprs))

    # -- isolated points --------------------------------------------------------------------
    def _zero_dim(self, basis: list[sp.Expr]) -> list[AlgebraicPoint]:
        return _zero_dim(basis, self.vars, self.unresolved)


def _zero_dim(basis: list[sp.Expr], variables: tuple[sp.Symbol, ...], unresolved: list) -> list[AlgebraicPoint]:
    """Real points of a zero-dimensional system, branch by branch over the last variable's eliminant."""
    if not variables:
        return [AlgebraicPoint(T, (), sp.Integer(0), sp.Integer(0))] if all(b == 0 for b in basis) else []
    G = sp.groebner(basis, *variables, order="lex")
    if list(G.exprs) == [1]:
        return []
    last = variables[-1]
    r = next(g for g in reversed(G.exprs) if g.free_symbols <= {last})
    out: list[AlgebraicPoint] = []
    for q, _ in sp.factor_list(r, last)[1]:
        qp = sp.Poly(q, last)
        if qp.degree() < 1 or qp.count_roots() == 0:
            continue
        if qp.degree() == 1:
            a = sp.solve(q, last)[0]
            rest = [sp.expand(g.subs(last, a)) for g in G.exprs]
            for sub in _zero_dim([g for g in rest if g != 0], variables[:-1], unresolved):
                coords = tuple(sp.expand(c) for c in sub.coords) + (sp.Rational(a),)
                out.append(AlgebraicPoint(sub.minpoly, coords, sub.low, sub.high))
            continue
        out += _branch(list(G.exprs) + [q], variables, unresolved)
    return out


def _branch(basis: list[sp.Expr], variables: tuple[sp.Symbol, ...], unresolved: list) -> list[AlgebraicPoint]:
    """Points of a branch whose last coordinate is irrational: shape form, or a separating form."""
    G = sp.groebner(basis, *variables, order="lex")
    shape = _shape(list(G.exprs), variables, variables[-1])
    if shape is not None:
        q, coords = shape
        return _points_of(q, coords)
    for k in (1, 2, 3, -1, 5):
        form = sum(k ** i * v for i, v in enumerate(reversed(variables)))
        G2 = sp.groebner([*G.exprs, T - form], *variables, T, order="lex")
        r = next(g for g in reversed(G2.exprs) if g.free_symbols <= {T})
        out: list[AlgebraicPoint] = []
        ok = True
        for q, _ in sp.factor_list(r, T)[1]:
            if sp.Poly(q, T).count_roots() == 0:
                continue
            G3 = sp.groebner([*G2.exprs, q], *variables, T, order="lex")
            found = _shape(list(G3.exprs), variables + (T,), T)
            if found is None:
                ok = False
                break
            out += _points_of(found[0], found[1][:-1])
        if ok:
            return out
    unresolved.append(sp.Tuple(*G.exprs))
    return []


def _shape(basis: list[sp.Expr], variables: tuple[sp.Symbol, ...], last: sp.Symbol):
    """(q(T), coords(T)) if the basis reads [v_1 - p_1(last), ..., q(last)], else None."""
    if len(basis) != len(variables):
        return None
    coords = []
    for v, g in zip(variables[:-1], basis[:-1]):
        g = sp.expand(g)
        c = g.coeff(v, 1)
        rest = sp.expand(g - c * v)
        if c == 0 or c.free_symbols or rest.free_symbols - {last}:
            return None
        coords.append((-rest / c).subs(last, T))
    q = basis[-1]
    if q.free_symbols - {last}:
        return None
    coords.append(T)
    return sp.expand(q.subs(last, T)), tuple(sp.expand(c) for c in coords)


def _points_of(q: sp.Expr, coords: tuple[sp.Expr, ...]) -> list[AlgebraicPoint]:
    qp = sp.Poly(q, T, domain="QQ")
    out = []
    for (lo, hi), _ in qp.intervals():
        out.append(AlgebraicPoint(qp.monic().as_expr(), tuple(coords), sp.Rational(lo), sp.Rational(hi)))
    return out


def _dimension(G, variables: tuple[sp.Symbol, ...]) -> tuple[int, tuple[sp.Symbol, ...]]:
    """Dimension of the ideal and a largest independent set of variables (no leading monomial in them alone)."""
    leads = [sp.Poly(g, *variables).monoms(order="lex")[0] for g in G.exprs]
    n = len(variables)
    for size in range(n, -1, -1):
        for subset in itertools.combinations(range(n - 1, -1, -1), size):
            if all(any(m[i] for i in range(n) if i not in subset) for m in leads):
                return size, tuple(variables[i] for i in sorted(subset))
    return 0, ()  # pragma: no cover


def _slice_values(k: int) -> list[tuple[sp.Rational, ...]]:
    base = [sp.Rational(v) for v in ("1/3", "-2/7", "3/2", "-5/2", "7/11")]
    return [tuple(base[(i + j) % len(base)] for j in range(k)) for i in range(len(base))]


def _dedupe(points: list[AlgebraicPoint]) -> list[AlgebraicPoint]:
    out: list[AlgebraicPoint] = []
    seen: list[tuple] = []
    for p in points:
        key = tuple(round(float(c), 12) for c in p.approx(18))
        if key in seen:
            continue
        seen.append(key)
        out.append(p)
    return out


def _dedupe_families(families: list[FamilyData]) -> list[FamilyData]:
    out: list[FamilyData] = []
    for fam in families:
        if all(set(fam.equations) != set(f.equations) for f in out):
            out.append(fam)
    return out


def _on_family(p: AlgebraicPoint, fam: FamilyData, variables: tuple[sp.Symbol, ...]) -> bool:
    return all(p.is_zero(e, variables) for e in fam.equations)
