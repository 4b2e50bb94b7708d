"""Search for two approach paths with different limits, cheapest families first.

Axes and the diagonal, then every line y = kx at once (k symbolic), then Newton-polygon
curves y = k x^p, then paths hugging a curve where the denominator's lowest part
vanishes; in three variables also the coordinate planes and weighted curves.
Every value reported is an exact limit along one concrete path in the domain.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import sympy as sp

from tutor.engine.limits import newton as nw
from tutor.engine.limits import work
from tutor.engine.limits.frame import Frame
from tutor.engine.limits.paths import T, Probe, Rational_, generic_along, rational_model, restricted, value_along
from tutor.engine.limits.result import Reason, Witness
from tutor.engine.limits.work import Budget, Unfinished


@dataclass
class Exploration:
    frame: Frame
    h: sp.Expr
    budget: Budget
    rat: Rational_ | None
    seen: list[Witness] = field(default_factory=list)  # concrete paths with exact values, in order
    steps: list[Reason] = field(default_factory=list)
    families: int = 0
    gaps: list[str] = field(default_factory=list)  # what could not be computed
    done: dict = field(default_factory=dict)  # probe -> the witnesses it gave

    # ---- results ---------------------------------------------------------------------
    def conflict(self) -> tuple[Witness, Witness] | None:
        """The earliest pair of observed paths with different limits."""
        for j, b in enumerate(self.seen):
            for a in self.seen[:j]:
                if different(a.value, b.value):
                    return a, b
        return None

    def common_value(self) -> sp.Expr | None:
        if not self.seen or self.conflict():
            return None
        return self.seen[0].value

    # ---- observing -------------------------------------------------------------------
    def observe(self, probe_coords, family: nw.Family | None = None, quiet: bool = False,
                exact: bool = True, again: bool = False) -> list[Witness]:
        """Limit along a concrete path, both sides of the parameter; records and returns witnesses."""
        xs = self.frame.xs
        if self.budget.left() < 0.05:
            raise work.TimedOut("the search for paths", self.budget.seconds)
        key = tuple(sp.sympify(c, strict=True) for c in probe_coords)
        if key in self.done:
            return self.done[key] if again else []
        self.done[key] = []
        probe_coords = key
        vals = {}
        for side in ("+", "-"):
            vals[side] = value_along(self.h, xs, Probe(tuple(probe_coords), side), self.budget,
                                     self.rat if exact else None)
        out: list = []
        if vals["+"] is None and vals["-"] is None:
            return out
        along = None if quiet else self.frame.user(restricted(self.h, xs, tuple(probe_coords), self.budget))
        if vals["+"] is not None and vals["-"] is not None and not different(vals["+"], vals["-"]):
            out.append(Witness(self.frame.path(Probe(tuple(probe_coords)), None), vals["+"], _in_param(along, self.frame, probe_coords)))
        else:
            for side in ("+", "-"):
                if vals[side] is not None:
                    out.append(Witness(self.frame.path(Probe(tuple(probe_coords), side), side), vals[side],
                                       _in_param(along, self.frame, probe_coords)))
        self.seen.extend(out)
        self.done[key] = out
        if not quiet:
            for w in out:
                self.steps.append(Reason("path", {"witness": w}))
        return out


def _in_param(along, frame: Frame, coords):
    """f along the path written in the path's own parameter (x when the path is y = φ(x))."""
    if along is None:
        return None
    lead = next((i for i, c in enumerate(coords) if c == T), None)
    if lead is None:
        return along
    par = frame.variables[lead]
    return along.xreplace({T: par - frame.point[lead]})


def different(a: sp.Expr, b: sp.Expr) -> bool:
    """Definitely different exact values (±oo count as values)."""
    if a.is_infinite or b.is_infinite:
        return a != b
    diff = a - b
    if diff == 0:
        return False
    try:
        v = sp.N(diff, 40)
        return v.is_number and abs(v) > sp.Float("1e-30")
    except (TypeError, ValueError):
        return False


def explore(frame: Frame, h: sp.Expr, budget: Budget, rat: Rational_ | None,
            ex: Exploration | None = None, stage: str = "quick") -> Exploration:
    """Run the families of one stage in order, until two paths disagree.

    "quick": the axes and the diagonal, and (for rational f, where it costs nothing) every
    line at once. "full": the rest — lines for other f, Newton curves, hugging paths,
    coordinate planes and weighted curves in three variables.
    """
    ex = ex or Exploration(frame, h, budget, rat)
    try:
        if ex.conflict() is None:
            (_quick if stage == "quick" else _full)(ex, h, rat)
    except Unfinished as exc:
        ex.gaps.append(str(exc))
    return ex


def _quick(ex: Exploration, h, rat) -> None:
    d = ex.frame.d
    axes = [tuple(T if i == j else 0 for i in range(d)) for j in range(d)]
    ex.observe(axes[0])
    ex.observe((T,) * d)
    for axis in axes[1:]:
        ex.observe(axis)
    if rat is not None:  # cheap and worth showing even after a conflict: the k-dependence
        _family(ex, h, rat, nw.lines_2d() if d == 2 else nw.lines_3d(), _same)


def _full(ex: Exploration, h, rat) -> None:
    if ex.frame.d == 2:
        _explore_2d(ex, h, rat)
    else:
        _explore_3d(ex, h, rat)


# ---- two variables -----------------------------------------------------------------------

def _explore_2d(ex: Exploration, h, rat) -> None:
    emb = _same
    if rat is None:
        _family(ex, h, rat, nw.lines_2d(), emb)
        if ex.conflict():
            return
    model = rat or rational_model(h, ex.frame.xs)
    if model is None:
        for p in (sp.Integer(2), sp.Rational(1, 2), sp.Integer(3), sp.Rational(1, 3)):
            _family(ex, h, rat, nw.curve_2d(p), emb, concrete_only=True)
            if ex.conflict():
                return
        return
    exps = nw.newton_exponents(model)
    if exps:
        ex.steps.append(Reason("newton", {"exponents": tuple(exps)}))
    for p in exps:
        _family(ex, h, rat, nw.curve_2d(p), emb)
        if ex.conflict():
            return


def _same(c):
    return c


def _family(ex: Exploration, h, rat, fam: nw.Family, emb, concrete_only: bool = False) -> None:
    """Analyse one family generically, then try concrete members (and hugging paths)."""
    ex.families += 1
    coords = emb(fam.coords)
    generic, depends, lead = None, True, None
    if rat is not None and not concrete_only:
        lead = rat.leading(coords)
        if lead is not None:
            generic = lead.value("+") if not lead.ratio.free_symbols or lead.order != 0 else lead.ratio
            depends = lead.order == 0 and bool(lead.ratio.free_symbols & set(fam.params))
    elif not concrete_only:
        generic = generic_along(h, ex.frame.xs, coords, ex.budget, cap=1.0)
        depends = generic is None or bool(generic.free_symbols & set(fam.params))
    if not concrete_only and generic is not None:
        along = ex.frame.user(restricted(h, ex.frame.xs, coords, ex.budget))
        ex.steps.append(Reason("family", {"kind": fam.kind, "equations": ex.frame.family_equations(coords),
                                          "along": _in_param(along, ex.frame, coords), "value": generic,
                                          "params": fam.params, "depends": depends,
                                          "exponent": fam.exponent}))
    tries = nw.choices(fam)
    if not depends and generic is not None and fam.kind != "line":
        tries = tries[1:3]  # one or two members to confirm the common value
    elif not depends and fam.kind == "line":
        tries = [{fam.params[0]: sp.Integer(1)}, {fam.params[0]: sp.Integer(-1)}]
    for choice in tries:
        probe = tuple(sp.sympify(c, strict=True).xreplace(choice) for c in coords)
        if all(c == 0 for c in probe):
            continue
        ex.observe(probe, fam, quiet=not depends and fam.kind == "line" and choice[fam.params[0]] != 1)
        if ex.conflict():
            return
    if rat is not None and fam.kind in ("line", "curve") and len(fam.params) == 1:
        _hug(ex, h, rat, fam, emb)


def _hug(ex: Exploration, h, rat, fam: nw.Family, emb) -> None:
    lead_q = nw.denominator_lead(rat, emb(fam.coords))
    k = fam.params[0]
    if lead_q == 0 or not lead_q.has(k):
        return
    try:
        roots = ex.budget.call(work.real_roots, lead_q, k, cap=0.5, what="roots of the denominator's lowest part")
    except Unfinished:
        return
    for k0 in roots:
        if k0 == 0:
            continue
        base = tuple(sp.sympify(c, strict=True).xreplace({k: k0}) for c in emb(fam.coords))
        ex.steps.append(Reason("hug", {"curve": ex.frame.family_equations(base)}))
        ex.observe(base, fam)
        if ex.conflict():
            return
        for hug in nw.hugging(fam, k0):
            hc = emb(hug.coords)
            lead = rat.leading(hc)
            if lead is None:
                continue
            depends = lead.order == 0 and lead.ratio.has(nw.C)
            if not depends and lead.order > 0:
                continue
            for choice in nw.choices(hug)[:3]:
                ex.observe(tuple(sp.sympify(c, strict=True).xreplace(choice) for c in hc), hug)
                if ex.conflict():
                    ex.steps.append(Reason("family", {"kind": "hug", "equations": ex.frame.family_equations(hc),
                                                      "along": None, "value": lead.ratio if lead.order == 0 else None,
                                                      "params": (nw.C,), "depends": depends, "exponent": None}))
                    return


# ---- three variables ---------------------------------------------------------------------

def _explore_3d(ex: Exploration, h, rat) -> None:
    if rat is None:
        _family(ex, h, rat, nw.lines_3d(), _same)
        if ex.conflict():
            return
    xs = ex.frame.xs
    planes = [(lambda c: (c[0], c[1], 0)), (lambda c: (c[0], 0, c[1])), (lambda c: (0, c[0], c[1]))]
    for emb in planes:
        sub = {x: c for x, c in zip(xs, emb((xs[0], xs[1])))}
        if rat is not None and sp.expand(rat.Q.xreplace(sub)) == 0:
            continue
        _family(ex, h, rat, nw.lines_2d(), emb)
        if ex.conflict():
            return
    if rat is None:
        return
    for w in nw.weights_3d(rat):
        _family(ex, h, rat, nw.curve_3d(w), _same)
        if ex.conflict():
            return
