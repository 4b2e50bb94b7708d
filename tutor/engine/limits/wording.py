"""Sentences for limit results: the only place where the limit engine chooses words.

Each reasoning step (``Reason``) has a kind; ``NODE`` maps the kind to a function that
builds a document node from the step's mathematics.
"""
from __future__ import annotations

from typing import Callable

import sympy as sp

from tutor.render import Doc, Line, Step, line

PROOF_NAMES = {
    "continuity": "continuity",
    "simplification": "algebraic simplification",
    "composition": "reduction to one variable",
    "squeeze": "squeeze",
    "unbounded": "unbounded quotient",
    "critical-curve": "critical curve",
    "one-variable": "one-sided limits",
}


def _le(a, b):
    return sp.Le(a, b, evaluate=False)


def _eq(a, b):
    return sp.Eq(a, b, evaluate=False)


def tends(value) -> tuple:
    """Words for "the values tend to value", with ±∞ said as growth."""
    if value == sp.oo:
        return ("the values grow without bound (the limit along it is", sp.oo, ")")
    if value == -sp.oo:
        return ("the values decrease without bound (the limit along it is", -sp.oo, ")")
    return ("the values tend to", value)


def path_words(path) -> tuple:
    """How a student names the path: "the x-axis (y = 0)", "y = x² with x > 0", …"""
    parts: list = []
    if path.equations:
        eqs: list = []
        for i, e in enumerate(path.equations):
            if i:
                eqs.append(",")
            eqs.append(e)
        if path.approach == sp.oo:  # a sequence: (x_n, y_n) for n = 1, 2, 3, …
            eqs += [",", "n = 1, 2, 3, …"]
        if path.name:
            parts += [path.name, "(", *eqs, ")"]
        else:
            parts += eqs
        if path.side is not None:
            rel = sp.Gt if path.side == "+" else sp.Lt
            if path.parameter.name == "t":
                parts += ["(", "as t decreases to 0" if path.side == "+" else "as t increases to 0", ")"]
            else:
                parts += ["with", rel(path.parameter, path.approach, evaluate=False)]
        elif path.parameter.name == "t":
            parts += ["(", "as t tends to 0", ")"]
    elif path.name:
        parts.append(path.name)
    return tuple(parts)


def witness_line(w) -> Line:
    if not w.path.equations:  # one variable: "as x tends to 0 from the right"
        return line("As", w.path.parameter, "tends to", w.path.approach, w.path.name, *tends(w.value), ".")
    return line("Along", *path_words(w.path), *tends(w.value), ".")


# ---- steps -----------------------------------------------------------------------------

def _not_continuous(d):
    piece, value = d["piece"], d.get("value")
    shown = _eq(piece, value) if value is not None else piece
    return line("Substituting", d["point"], "directly does not work:", d["why"], "(", shown, ").")


def _translate(d):
    eqs: list = []
    for i, (v, e) in enumerate(d["substitution"].items()):
        if i:
            eqs.append(",")
        eqs.append(_eq(v, e))
    origin = sp.Tuple(*d["variables"]) if len(d["variables"]) > 1 else d["variables"][0]
    zero = sp.Tuple(*[0] * len(d["variables"])) if len(d["variables"]) > 1 else 0
    return line("Move the point to the origin: put", *eqs, "; then", origin, "tends to", zero, ".")


def _path(d):
    w = d["witness"]
    if w.along is None:
        return witness_line(w)
    return Step(witness_line(w), (line("There f =", w.along, "."),))


def _family(d):
    eqs = d["equations"]
    names = {"line": "the lines", "line3": "the lines", "curve": "the curves", "curve3": "the curves",
             "hug": "the paths"}
    head: list = ["Along", names.get(d["kind"], "the paths")]
    for i, e in enumerate(eqs):
        if i:
            head.append(",")
        head.append(e)
    params = d["params"]
    pnames = params[0] if len(params) == 1 else sp.Tuple(*params)
    kids = []
    if d.get("along") is not None:
        kids.append(line("f =", d["along"], "."))
    value = d["value"]
    if d["depends"]:
        kids.append(line("The limit along them is", value, ", which depends on", pnames,
                         ": different paths give different limits."))
    elif value is not None:
        kids.append(line("The limit along them is", value, "for every", pnames,
                         "(among the paths that stay in the domain)."))
    return Step(line(*head, ":"), tuple(kids))


def _newton(d):
    exps = d["exponents"]
    parts: list = []
    for i, p in enumerate(exps):
        if i:
            parts.append(",")
        parts.append(p)
    return line("Lines are not enough. The Newton polygon of numerator and denominator suggests curves",
                _eq(sp.Symbol("y"), sp.Symbol("k") * sp.Symbol("x") ** sp.Symbol("p")), "(or",
                _eq(sp.Symbol("x"), sp.Symbol("k") * sp.Symbol("y") ** (1 / sp.Symbol("p"))), ") with p =", *parts, ".")


def _hug(d):
    eqs = d["curve"]
    return line("The lowest-order part of the denominator vanishes along", *eqs,
                "; try paths that stay close to that curve.")


def _critical(d):
    n = len(d["branches"])
    return line("On each small circle f is largest and smallest on the critical curve", d["curve"],
                f"(where y f_x - x f_y = 0); its {n} branch(es) through the point were followed.")


def _candidate(d):
    return line("Every path tried gives", d["value"], "; if the limit exists, it must be", d["value"], ".")


def _dne(d):
    a, b = d["first"], d["second"]
    return line("Two paths give different limits (", a.value, "and", b.value, "), so the limit does not exist.")


def _proof(d):
    p = d["proof"]
    return Step(line("Proof by", PROOF_NAMES.get(p.kind, p.kind), ":"), tuple(claim_node(c) for c in p.claims))


def _undecided(d):
    kids = []
    if d.get("candidate") is not None:
        kids.append(line("Candidate value:", d["candidate"], "."))
    counts: dict[str, int] = {}
    for what in d.get("unfinished") or ():
        counts[what] = counts.get(what, 0) + 1
    for what, n in counts.items():
        kids.append(line("Not finished in time:", what + (f" ({n} times)" if n > 1 else ""), "."))
    return Step(line("Undecided:", d["why"], "."), tuple(kids))


NODE: dict[str, Callable] = {
    "not-continuous": _not_continuous,
    "translate": _translate,
    "path": _path,
    "family": _family,
    "newton": _newton,
    "hug": _hug,
    "critical": _critical,
    "candidate": _candidate,
    "dne": _dne,
    "proof": _proof,
    "undecided": _undecided,
}


def step_node(reason):
    fn = NODE.get(reason.kind)
    return fn(reason.data) if fn else line(reason.kind)


# ---- proof claims ------------------------------------------------------------------------

_FACT = {
    "denominator": ("the denominator", "≠ 0"),
    "nonzero": ("", "≠ 0"),
    "log argument": ("the logarithm's argument", "> 0"),
    "root argument": ("the root's argument", "> 0"),
    "root of zero": ("the root's argument", "(a root of 0 is continuous where it is defined)"),
    "positive base": ("the base", "> 0"),
}


def _fact(d):
    what, rel = _FACT.get(d["what"], (d["what"], ""))
    return line(what, _eq(d["expr"], d["value"]), rel, "at the point.")


def _substitute(d):
    return line("f is continuous at", d["point"], ", so the limit is its value there:", d["value"], ".")


def _simplified(d):
    how = {"cancel": "Cancel the common factor", "conjugate": "Multiply by the conjugate and cancel",
           "roots": "Write each square root of a variable as a new variable s (so x = s^2) and cancel"
           }.get(d["how"], "Simplify")
    return line(how + ":", _eq(d["before"], d["after"]), "wherever f is defined.")


def _composition(d):
    U = sp.Symbol("U")
    F = d["F"].xreplace({sp.Symbol("U", real=True): U})
    first = (line("f depends only on the distance to the point: with", _eq(U, d["u"]), ", f =", F, ".")
             if d["radial"] else line("f is a function of one expression: with", _eq(U, d["u"]), ", f =", F, "."))
    approach = {"+": "from above", "-": "from below", "+-": ""}[d["side"]]
    inner = d.get("inner")
    if inner is not None:
        why = Step(line("First, U tends to", d["u0"], "; proof by", PROOF_NAMES.get(inner.kind, inner.kind), ":"),
                   tuple(claim_node(c) for c in inner.claims))
        last = (line("The outer function", F, "is continuous at", _eq(U, d["u0"]), ", so f tends to", d["value"], ".")
                if not d["u0"].is_infinite
                else line("One variable: as U tends to", d["u0"], ",", F, "tends to", d["value"], "."))
        return Step(first, (why, last))
    return Step(first, (line("As the point is approached, U tends to", d["u0"], approach, "(U is continuous)."),
                        line("One variable: as U tends to", d["u0"], approach, ",", F, "tends to", d["value"],
                             ".")))


def _difference(d):
    f, L = sp.Symbol("f"), d["value"]
    r = _eq(sp.Symbol("r"), d["r"])
    if d["denominator"].is_number and d["denominator"] != 0:
        return line("Here", _eq(f - L, d["numerator"] / d["denominator"]), "; let", r, ".")
    frac = sp.Mul(d["numerator"], sp.Pow(d["denominator"], -1, evaluate=False), evaluate=False)
    return line("Write", f - L, "as one fraction:", _eq(f - L, frac), "; let", r, ".")


def _lemma(d):
    cond = d.get("condition")
    return line("Standard bound:", d["statement"], *(("for", cond) if cond is not None else ()), ".")


def _denominator(d):
    notes = set(d.get("notes") or ())
    why = []
    if "radius" in notes:
        why.append("a power of the distance r")
    if "nonnegative" in notes:
        why.append("a sum of non-negative terms")
    if "dominated" in notes:
        why.append("its other terms are dominated by weighted AM-GM")
    if "nonvanishing" in notes:
        why.append("a factor that stays away from 0 near the point")
    return line("Denominator from below:", sp.Ge(d["denominator"], d["lower"], evaluate=False),
                f"({'; '.join(why) or 'by the bounds above'}).")


def _numerator(d):
    return line("Numerator from above (triangle inequality and the bounds above):",
                _le(d["numerator"], d["upper"]), ".")


def _squeeze(d):
    r = sp.Symbol("r")
    g = d["bound"].xreplace({s: r for s in d["bound"].free_symbols if s.name == "r"})
    diff = sp.Abs(sp.Symbol("f") - d["value"])
    return Step(line("Dividing term by term (each coordinate is at most r in size, and weighted AM-GM):",
                     _le(diff, g), "for", _le(r, d["radius"]), "."),
                (line("As r decreases to 0 the bound", g, "tends to 0, so by the squeeze theorem f tends to",
                      d["value"], "."),))


def _unbounded(d):
    where = "positive" if d["side"] == "+" else "negative"
    return line("The numerator", d["numerator"], "tends to", d["limit"], "≠ 0 while the denominator",
                d["denominator"], f"tends to 0 through {where} values; so f tends to", d["value"], ".")


def _reciprocal(d):
    p = d["proof"]
    sign = "positive" if d["sign"] > 0 else "negative"
    return Step(line(f"f keeps one sign ({sign}) near the point, and 1/f =", d["reciprocal"], "tends to 0:"),
                tuple(claim_node(c) for c in p.claims)
                + (line("So |f| grows without bound with one sign: f tends to", d["value"], "."),))


def _critical_claim(d):
    return line("f tends to", d["value"], "along every branch of the critical curve", d["curve"],
                "and the denominator vanishes only at the point; by Cadavid–Molina–Vélez (2013) the limit is",
                d["value"], ".")


CLAIM: dict[str, Callable] = {
    "fact": _fact,
    "substitute": _substitute,
    "simplified": _simplified,
    "composition": _composition,
    "difference": _difference,
    "lemma": _lemma,
    "denominator": _denominator,
    "numerator": _numerator,
    "squeeze": _squeeze,
    "unbounded": _unbounded,
    "reciprocal": _reciprocal,
    "critical": _critical_claim,
    "path": _path,
}


from tutor.engine.limits import wording_reduce as _more  # noqa: E402 - its tables join these

CLAIM.update(_more.CLAIM)
PROOF_NAMES.update(_more.PROOF_NAMES)


def claim_node(reason):
    fn = CLAIM.get(reason.kind)
    return fn(reason.data) if fn else line(reason.kind)


# ---- whole documents ----------------------------------------------------------------------

def verdict_line(res) -> Line:
    if res.exists is True:
        if res.value in (sp.oo, -sp.oo):
            return line("The limit is", res.value, ": f grows without bound in absolute value, with one sign.")
        return line("The limit is", res.value, ".")
    if res.exists is False:
        return line("The limit does not exist.")
    return line("Undecided: the limit could not be decided (see the last step).")


def result_doc(res, steps: bool = True) -> Doc:
    vars_ = list(res.at)
    point = list(res.at.values())
    v = sp.Tuple(*vars_) if len(vars_) > 1 else vars_[0]
    p = sp.Tuple(*point) if len(point) > 1 else point[0]
    arrow = "tends to"
    if res.direction:
        arrow = "tends to (from the right)" if res.direction == "+" else "tends to (from the left)"
    title = line("Limit of", res.f, "as", v, arrow, p)
    nodes = [verdict_line(res)]
    if steps:
        nodes += [step_node(s) for s in res.steps]
    else:
        nodes += [witness_line(w) for w in res.witnesses]
        if res.proof is not None:
            nodes.append(_proof({"proof": res.proof}))
        elif res.exists is None and res.steps:
            nodes.append(step_node(res.steps[-1]))
    return Doc(title, tuple(nodes))


def proof_doc(proof) -> Doc:
    return Doc(line("Proof by", PROOF_NAMES.get(proof.kind, proof.kind), ": the limit is", proof.value),
               tuple(claim_node(c) for c in proof.claims))
