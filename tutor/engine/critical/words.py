"""The wording: turn critical-point records into a Doc. No mathematics is decided here."""
from __future__ import annotations

import sympy as sp

from tutor.engine.critical.algebraic import T, Sign
from tutor.engine.critical.records import FollowUp, GlobalRemark, Located, Note, SecondDerivativeTest, Witness
from tutor.engine.critical.singular import NoGradient
from tutor.engine.critical.words_search import search_completeness, search_line
from tutor.engine.critical.words_nogradient import family_lines, nogradient_step, note_line
from tutor.render import Doc, Line, Math, Step, Table, line
from tutor.render.doc import display
from tutor.render.numbers import short_column
from tutor.render.words import count


def _pt(values) -> sp.Basic:
    values = tuple(values)
    return values[0] if len(values) == 1 else sp.Tuple(*values)


def _name(variables) -> str:
    return "f(" + ", ".join(v.name for v in variables) + ")"


def conclusion_words(conclusion: str, n: int, is_global: bool | None = None, detail: str | None = None) -> str:
    scope = "global" if is_global else "local"
    return {
        "minimum": f"a {scope} minimum",
        "maximum": f"a {scope} maximum",
        "saddle": "a saddle point" if n > 1 else "not an extremum",
        "not an extremum": ("not an extremum (a stationary inflection point)" if n == 1 and detail == "odd-order"
                            else "not an extremum (a degenerate saddle)" if n > 1 else "not an extremum"),
        "undecided": "undecided",
        "mixed": "a minimum on part of it and a maximum on another part",
        "constant": "every point: f is constant",
    }.get(conclusion, conclusion)


def _sign_word(s: Sign) -> str:
    if s.sign is None:
        return "(sign undecided)"
    word = {1: "> 0", -1: "< 0", 0: ""}[s.sign]
    how = {"exact": "", "interval": " (exact: interval bound on the algebraic number)",
           "numeric": " (evaluated to 30 digits with an error bound)",
           "numeric-zero": " (zero to 60 digits; not proved)", "undecided": ""}[s.how]
    return (word + how).strip()


def _shown(value):
    """Floats (30 digits inside) are shown to 15 significant digits, in a matrix too."""
    if isinstance(value, sp.Float):
        return sp.Float(value, 15)
    if isinstance(value, sp.MatrixBase):
        return sp.ImmutableMatrix(value.rows, value.cols, [_shown(v) for v in value])
    return value


# -- one point -----------------------------------------------------------------------------------
def point_doc(p) -> Doc:
    title = line("Critical point", _pt(_shown(c) for c in p.coordinates), ":", _verdict(p))
    return Doc(title, tuple(point_steps(p)))


def _verdict(p) -> str:
    detail = next((r.detail for r in p.follow_ups if r.conclusion == p.conclusion), None)
    words = conclusion_words(p.conclusion, len(p.variables), p.is_global, detail)
    if p.kind == "singular" and any(r.missing for r in p.explanation if isinstance(r, NoGradient)):
        words += " (no gradient)"
    return words


def point_steps(p) -> list:
    out: list = []
    n = len(p.variables)
    value_line = line(_name(p.variables), "=", _shown(p.value))
    if not p.value.is_Float and not p.value.is_Rational and p.value.is_number:
        value_line = line(_name(p.variables), "=", p.value, "≈", sp.Float(sp.N(p.value, 10), 10))
    out.append(value_line)
    for rec in p.explanation:
        if isinstance(rec, Located):
            out += _located(rec, p)
        elif isinstance(rec, SecondDerivativeTest):
            out.append(_test_step(rec, n))
        elif isinstance(rec, FollowUp):
            out.append(_follow_step(rec, p, n))
        elif isinstance(rec, NoGradient):
            out.append(nogradient_step(rec, p))
    if p.is_global and p.kind != "singular" and not any(r.global_ for r in p.follow_ups):
        out.append(line("It is", conclusion_words(p.conclusion, n, True), "(see the global remarks)."))
    return out


def _located(rec: Located, p) -> list:
    out = []
    if rec.minimal_polynomial is not None:
        t = sp.Symbol("t")
        out.append(line("The coordinates are polynomials in a real root t of", sp.Eq(rec.minimal_polynomial.subs(T, t), 0),
                        "and were checked exactly (remainder 0)."))
        if not p.exact:
            out.append(line("No closed form in radicals; shown to 15 significant digits."))
    elif rec.method == "numeric" and rec.note == "krawczyk":
        out.append(line("Found numerically (Newton from a grid of starts), refined to 30 digits, and proved: "
                        "the Krawczyk test in interval arithmetic shows a tiny box around it holds exactly one "
                        "zero of the gradient. Shown to 15 significant digits."))
    elif rec.method == "numeric":
        out.append(line("Found numerically (Newton from a grid of starts), polished to 30 digits; the gradient "
                        "vanishes there to 30 digits (not proved by an interval test). Shown to 15 significant "
                        "digits."))
    elif not p.exact:
        out.append(line("No closed form; shown to 15 significant digits."))
    return out


def _test_step(test: SecondDerivativeTest, n: int) -> Step:
    kids: list = [line("Hessian:", _shown(test.hessian))] if n > 1 else []
    for q in test.quantities:
        if q.formula.is_number:
            kids.append(line(q.name, "=", _shown(q.value), _sign_word(q.sign)))
        else:
            kids.append(line(q.name, "=", q.formula, "; at the point", q.name, "=", _shown(q.value),
                             _sign_word(q.sign)))
    if n > 2 and test.positive is not None:
        kids.append(line(f"Eigenvalue signs (Descartes' rule on the characteristic polynomial): "
                         f"{test.positive} positive, {test.negative} negative, {test.zero} zero."))
    if test.eigenvalues is not None and n > 1:
        kids.append(line("Eigenvalues:", sp.Tuple(*test.eigenvalues)))
    return Step(line("Second-derivative test:", _test_words(test, n)), tuple(kids))


def _test_words(test: SecondDerivativeTest, n: int) -> str:
    if test.kind == "inconclusive":
        if test.positive is None:
            return "a sign could not be decided, so the test gives no answer"
        return "inconclusive (" + ("f'' = 0" if n == 1 else "D = 0" if n == 2 else "a zero eigenvalue") + ")"
    if n == 1:
        return {"minimum": "f'' > 0, a local minimum", "maximum": "f'' < 0, a local maximum"}[test.kind]
    if n == 2:
        return {"minimum": "D > 0 and f_xx > 0: a local minimum", "maximum": "D > 0 and f_xx < 0: a local maximum",
                "saddle": "D < 0: a saddle point"}[test.kind].replace("f_xx", test.quantities[1].name)
    return {"minimum": "all eigenvalues positive: a local minimum", "maximum": "all eigenvalues negative: a local maximum",
            "saddle": "eigenvalues of both signs: a saddle point"}[test.kind]


def _follow_step(r: FollowUp, p, n: int) -> Step:
    verdict = conclusion_words(r.conclusion, n, r.global_ or None, r.detail)
    kids: list = []
    if r.method == "higher-derivatives":
        if r.order and r.form is not None:
            kids.append(line(f"The first derivative that is not 0 at the point has order {r.order}; its value is",
                             _shown(r.form), ". Odd order: f - f(p) changes sign there, so no extremum." if r.order % 2
                             else ". Even order: its sign decides."))
        head = "The test is inconclusive; higher derivatives decide: " + verdict
    elif r.method == "leading-form":
        if r.detail == "definite":
            head = "The test is inconclusive; along every line through the point f - f(p) starts with " \
                   f"a definite form of degree {r.order}, so f stays on one side of f(p): {verdict}"
        elif r.detail in ("odd-order", "kernel-line"):
            head = f"The test is inconclusive; along a line f - f(p) starts with an odd power or has the wrong sign: {verdict}"
        elif r.detail == "both-signs":
            head = f"The test is inconclusive; along some lines f > f(p) and along others f < f(p): {verdict}"
        else:
            head = "The test is inconclusive, and the lowest-order terms do not settle it: " + verdict
        if r.form is not None:
            kids.append(line(f"Lowest-order terms of f - f(p) (degree {r.order}):" if r.order else "Terms examined:",
                             r.form))
    elif r.method == "weighted-form":
        head = {"curve-witness": "The test is inconclusive; a curve through the point shows both signs of f - f(p): ",
                "weighted-definite": "The test is inconclusive; weighting the flat direction, the principal part "
                                     "is definite: "}.get(r.detail or "", "The test is inconclusive: ") + verdict
        if r.form is not None:
            kids.append(line("Principal part of f - f(p):", r.form))
    elif r.method == "even-terms":
        head = "In fact f - f(p) is a sum of even powers with " + \
               ("positive" if r.conclusion == "minimum" else "negative") + " coefficients: " + verdict
        kids.append(line("f - f(p) =", r.form, "≥ 0" if r.conclusion == "minimum" else "≤ 0"))
    elif r.method == "factored":
        head = "In fact f - f(p) factors into even powers with one sign: " + verdict
        kids.append(line("f - f(p) =", r.form))
    elif r.method == "global":
        head = "f has a global minimum (see below) and it is attained here: " + verdict
    else:
        head = "The test is inconclusive and no follow-up could decide it: " + verdict
    kids += [_witness(w) for w in r.witnesses]
    return Step(line(head + "."), tuple(kids))


def _witness(w: Witness) -> Line:
    sign = {1: "f > f(p)", -1: "f < f(p)", 0: "f - f(p) changes sign"}[w.sign]
    return line("Along", _pt(w.curve), "for small", w.parameter, "≠ 0: f - f(p) ≈", w.leading, f", so {sign}.")


# -- families ------------------------------------------------------------------------------------
def family_doc(fam) -> Doc:
    return Doc(line("A family of critical points"), tuple(family_steps(fam)))


def family_steps(fam) -> list:
    n = len(fam.variables)
    kids: list = []
    if fam.equations:
        kids.append(line("All points with", *_and(sp.Eq(e, 0) for e in fam.equations),
                         f"({_dim_word(fam.dimension)})."))
    else:
        kids.append(line("Every point: the gradient is identically zero."))
    if "no-gradient" in fam.facts.extra:
        return [Step(line("Family:", conclusion_words(fam.conclusion, n, fam.is_global)
                          .replace("minimum", "minimum (not strict)").replace("maximum", "maximum (not strict)")
                          .replace(" (a degenerate saddle)", "")), tuple(kids + family_lines(fam)))]
    param = fam.facts.parametrization
    if param and {sp.expand(v - e) for v, e in param} != set(fam.equations):
        kids.append(line("That is:", *_and(sp.Eq(v, e) for v, e in param)))
    if fam.value is not None:
        kids.append(line("On it f =", fam.value, "(f is constant along a connected family of critical points)."))
    if fam.conclusion == "mixed" and fam.facts.sign_factor is not None:
        kids.append(line("Near the family f - f(family) has the sign of", fam.facts.sign_factor,
                         ": a (non-strict) minimum where it is positive, a maximum where it is negative."))
    elif fam.conclusion == "not an extremum" and fam.facts.sign_factor is not None:
        kids.append(line("f - f(family) has the sign of", fam.facts.sign_factor,
                         ", which changes sign across the family: no extremum."))
    elif fam.conclusion in ("minimum", "maximum"):
        kids.append(line("f - f(family) is a product of even powers"
                         + (" and factors of one sign" if fam.is_global else "")
                         + ", so f " + ("≥" if fam.conclusion == "minimum" else "≤") + " f(family) everywhere."))
    kids.append(line("The Hessian test is always inconclusive here (D = 0 along a family)." if n == 2
                     else "The Hessian is singular along the family, so the second-derivative test cannot decide."))
    verdict = conclusion_words(fam.conclusion, n, fam.is_global)
    if fam.conclusion in ("minimum", "maximum"):
        verdict = verdict.replace("minimum", "minimum (not strict)").replace("maximum", "maximum (not strict)")
    return [Step(line("Family:", verdict), tuple(kids))]


def _dim_word(d: int) -> str:
    return {1: "a curve", 2: "a surface"}.get(d, f"dimension {d}")


def _and(items):
    items = list(items)
    out: list = []
    for i, it in enumerate(items):
        if i:
            out.append("and")
        out.append(it)
    return out


# -- the whole answer ----------------------------------------------------------------------------
def result_doc(r, brief: bool = False) -> Doc:
    """The worked answer; ``brief`` keeps the table, families, remarks and the completeness statement."""
    title = line("Critical points of", _name(r.variables), "=", r.function)
    nodes: list = [] if brief else [_gradient_step(r), _solve_step(r)]
    if r.points:
        nodes.append(_table(r))
        for p in [] if brief else r.points:
            nodes.append(Step(line(_pt(_shown(c) for c in p.coordinates), ":", _verdict(p)), tuple(point_steps(p))))
    elif not r.families and r.report.search is not None and not r.complete:
        nodes.append(line("No critical point was found in the region searched."))
    elif not r.families:
        nodes.append(line("There are no critical points" + (" in the domain." if not r.domain.is_everything() else ".")))
    for fam in r.families:
        nodes += family_steps(fam)
    nodes += [_remark(m, r) for m in r.remarks]
    nodes += [_note(nt, r) for nt in r.notes]
    nodes.append(_completeness(r))
    return Doc(title, tuple(nodes))


def _gradient_step(r) -> Step:
    kids = tuple(line(f"∂f/∂{v.name} =", g) for v, g in zip(r.variables, r.report.gradient))
    return Step(line("The gradient" if len(r.variables) > 1 else "The derivative"), kids)


def _solve_step(r) -> Step:
    rep = r.report
    kids: list = []
    if rep.dropped:
        kids.append(line("Never zero, so divided out:", *_and(rep.dropped)))
    if rep.denominators:
        kids.append(line("Points where", *_and(sp.Eq(d, 0) for d in rep.denominators), "are not in the domain."))
    kids.append(line("Equations:", *_and(sp.Eq(e, 0) for e in rep.system)))
    if rep.method in ("groebner", "trig"):
        if rep.method == "trig":
            kids.append(line("(c and s stand for the cosine and sine of each variable; c² + s² = 1 makes the "
                             "system polynomial.)"))
        if rep.common_factor != 1:
            kids.append(line("All equations share the factor", rep.common_factor,
                             "; where it vanishes the gradient vanishes (a family, if it has real points)."))
        if tuple(rep.basis) == (1,):
            kids.append(line("The remaining equations have no common solution."))
        elif rep.basis:
            kids.append(line("Lex Gröbner basis:", rep.basis[0] if len(rep.basis) == 1 else sp.Tuple(*rep.basis)))
            kids.append(line("Its last polynomial involves one variable; its real roots are isolated exactly and "
                             "substituted back, and every solution is checked by exact substitution."))
        if rep.excluded:
            kids.append(line(f"{count(rep.excluded, 'solution')} dropped: f or its gradient is not defined there."))
        head = "Solve ∇f = 0 exactly (polynomial system)" if len(r.variables) > 1 else "Solve f'(x) = 0 exactly"
        if rep.method == "trig":
            head += "; each (cos, sin) pair is one angle, repeated every 2π inside the box"
    elif rep.method == "exact per equation":
        head = "Solve each equation exactly inside the domain, factor by factor"
    elif rep.method == "none":
        head = "Solve ∇f = 0"
    else:
        head = "Solve ∇f = 0: exactly where possible, otherwise numerically"
        kids.append(search_line(rep.search) if rep.search is not None else
                    line(f"Newton's method from {rep.starts} starting points on a grid over the domain, "
                         "each limit polished to 30 digits and checked."))
    return Step(line(head), tuple(kids))


def _table(r) -> Table:
    n = len(r.variables)
    if n == 1:
        header: tuple[str, ...] = ("point", "f", "f''", "type")
    elif n == 2:
        header = ("point", "f", "D", r.points[0].test.quantities[1].name if r.points[0].test else "f_xx", "type")
    else:
        header = ("point", "f", "eigenvalue signs (+, -, 0)", "type")
    coords = short_column([sp.Tuple(*p.coordinates) for p in r.points])
    values = short_column([p.value for p in r.points])
    quantities = _test_columns(r.points) if n <= 2 else {}
    rows = []
    for p, point, value in zip(r.points, coords, values):
        t = p.test
        cells: list = [_pt(point), value]
        if p.kind == "singular":
            cells += ["—"] * (len(header) - 3)  # no Hessian where the gradient does not exist
        elif t is None:
            cells += ["?"] * (len(header) - 3)
        elif n <= 2:
            cells += list(quantities[id(p)])
        else:
            cells.append(f"{t.positive}, {t.negative}, {t.zero}" if t.positive is not None else "?")
        cells.append(_verdict(p))
        rows.append(tuple(c if isinstance(c, str) else Math(c) for c in cells))
    return Table(header, tuple(rows))


def _test_columns(points) -> dict[int, tuple]:
    """The second-derivative test's numbers of each tested point (by id), shown column by column."""
    tested = [p for p in points if p.kind != "singular" and p.test is not None]
    if not tested:
        return {}
    width = min(len(p.test.quantities) for p in tested)
    columns = [short_column([p.test.quantities[i].value for p in tested]) for i in range(width)]
    return {id(p): row for p, row in zip(tested, zip(*columns))}


def _remark(m: GlobalRemark, r) -> Line:
    if m.key == "coercive":
        why = ["(its top-degree part", m.data[0], "is positive definite)"] if m.data else []
        return line("f is coercive", *why, ": f → +∞ in every direction, so a global minimum exists and it is "
                    "the lowest critical value.")
    if m.key == "anticoercive":
        why = ["(its top-degree part", m.data[0], "is negative definite)"] if m.data else []
        return line("f → −∞ in every direction", *why, ", so a global maximum exists and it is the highest "
                    "critical value.")
    if m.key == "unbounded-below":
        return line("Along the ray", _ray(m.data[0], r), ", t → ∞, f → −∞: no global minimum.")
    if m.key == "unbounded-above":
        return line("Along the ray", _ray(m.data[0], r), ", t → ∞, f → +∞: no global maximum.")
    if m.key == "limits":
        return line("Limits: f →", m.data[0], "as x → −∞ and f →", m.data[1], "as x → +∞.")
    if m.key == "global-min":
        return line("Global minimum value:", m.data[0], "(the list of critical points is complete).")
    if m.key == "global-max":
        return line("Global maximum value:", m.data[0], "(the list of critical points is complete).")
    if m.key == "no-global-min":
        return line("No global minimum: f gets below every critical value (towards", m.data[0], ").")
    if m.key == "no-global-max":
        return line("No global maximum: f gets above every critical value (towards", m.data[0], ").")
    return line(m.key)  # pragma: no cover


def _ray(direction, r):
    t = sp.Symbol("t")
    return _pt(sp.Integer(d) * t for d in direction)


def _note(nt: Note, r) -> Line:
    said = note_line(nt.key, nt.data)
    if said is not None:
        return said
    if nt.key == "timeout":
        step, seconds = nt.data
        what = {"solve": "The exact solution was cut short", "numeric": "The numerical search was cut short",
                "classify": f"Classifying {count(seconds, 'point')} was cut short",
                "family": "Describing a family was cut short",
                "singular": "The search for points without a gradient was cut short"}[step]
        if step == "classify":
            return line(what + " (time limit); they are listed as undecided.")
        return line(f"{what} after {float(seconds):g} s (time limit); what was found so far is shown.")
    if nt.key == "box":
        return line("f is not polynomial, so the search ran in the box", *_box(r), "(the default).")
    if nt.key == "numeric":
        return line("Some equations have no closed-form solution; the numerical search may miss points.")
    if nt.key == "periodic":
        parts: list = []
        for i, (v, period) in enumerate(nt.data):
            parts += ([","] if i else []) + ["period", period, f"in {v.name}"]
        return line("The gradient is periodic (", *parts, "): every critical point repeats with these shifts,"
                    " so the points in the box describe them all.")
    if nt.key == "numeric-failed":
        return line("The numerical search could not evaluate f (it uses a function NumPy cannot handle here); "
                    "only the exactly solved points are listed.")
    if nt.key == "unresolved":
        return line("Some algebraic branches could not be put in exact form; the list may be incomplete.")
    return line(nt.key)  # pragma: no cover


def _box(r) -> list:
    parts: list = []
    for i, (v, lo, hi) in enumerate(r.domain.bounds):
        parts += ([","] if i else []) + [lo, "<", v.name, "<", hi]
    return parts


def _completeness(r) -> Line:
    where = [] if r.domain.is_everything() else ["for", *_box(r)]
    if r.report.search is not None and not r.complete:
        return search_completeness(r.report.search)
    if r.complete:
        return line("This list is complete", *where, ": every critical point was found by exact algebra.")
    return line("This list may be incomplete", *where, ": not every equation could be solved exactly.")


__all__ = ["point_doc", "family_doc", "result_doc", "conclusion_words", "display"]
