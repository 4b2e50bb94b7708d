"""Sentences for the one-variable reductions (``reduce``) and oscillation witnesses (``oscillate``).

Kept apart from ``wording`` only for size; ``wording`` merges these tables into its own.
"""
from __future__ import annotations

import sympy as sp

from tutor.render import Step, line


def _eq(a, b):
    return sp.Eq(a, b, evaluate=False)


def _factor(d):
    U = sp.Symbol("U")
    kids = []
    for p in d["parts"]:
        q = p.data
        F = q["F"].xreplace({s: U for s in q["F"].free_symbols if s.name == "U"})
        kids.append(line("With", _eq(U, q["u"]), ": as U tends to", q["u0"], ",", F, "tends to", q["limit"],
                         "(a one-variable limit)."))
    for p in d.get("extended") or ():
        kids.append(line("Where", _eq(p, 0), "(inside the domain) U equals its limit value and f equals",
                         d["factor"], "times the quotient's limit; so F is taken with that value there."))
    kids.append(line("The factor", d["factor"], "is continuous at", d["point"], ", so f tends to", d["value"], "."))
    return Step(line("Split f into a continuous factor times one-variable quotients:"), tuple(kids))


def _mean_value(d):
    x, y = d["variables"]
    t, g, k = d["t"], d["g"], d["k"]
    xi = sp.Symbol("ξ")
    G, K = sp.Function("g"), sp.Function("k")
    gp, kp = sp.Function("g′"), sp.Function("k′")
    plain = sp.expand(k - k.xreplace({t: d["a"]})) == t - d["a"]
    if plain:
        head = line("f is a difference quotient: f = (g(", x, ") − g(", y, "))/(", x - y, ") with",
                    _eq(G(t), d["g"]), ".")
        mvt = line("By the mean value theorem, for x ≠ y there is ξ between x and y with",
                   "g(x) − g(y) = g′(ξ)(x − y); so", _eq(sp.Symbol("f"), gp(xi)), "and",
                   sp.Le(sp.Abs(xi - d["a"]), sp.Symbol("r"), evaluate=False), ".")
        last = line(_eq(gp(t), d["derivative"]), "is continuous at", _eq(t, d["a"]), ", so f tends to",
                    d["value"], ".")
        return Step(head, (mvt, last))
    head = line("f is a quotient of differences: f = (g(", x, ") − g(", y, "))/(k(", x, ") − k(", y, ")) with",
                _eq(G(t), g), "and", _eq(K(t), k), ".")
    mvt = line("By Cauchy's mean value theorem, for x ≠ y there is ξ between x and y with",
               _eq(sp.Symbol("f"), gp(xi) / kp(xi)), "and", sp.Le(sp.Abs(xi - d["a"]), sp.Symbol("r"),
                                                              evaluate=False), ".")
    last = line(_eq(gp(t), d["derivative"]), "and", _eq(kp(t), d["k_derivative"]), "are continuous at",
                _eq(t, d["a"]), "and k′ ≠ 0 there, so f tends to", d["value"], ".")
    return Step(head, (mvt, last))


CLAIM = {"factor": _factor, "mean-value": _mean_value}
PROOF_NAMES = {"reduction": "reduction to one-variable quotients", "mean-value": "the mean value theorem"}
