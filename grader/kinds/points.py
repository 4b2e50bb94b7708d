"""Point sets (critical points), order-free, optionally with a classification per point.

A learner may type ``{(0, 0), (1, 1)}``, ``(0, 0), (1, 1)`` or, with kinds,
``(0, 0) saddle; (1, 1) minimum``. Each expected point earns 1 when found with
the right kind, ½ when found with a wrong or missing kind; extra points dilute
the score. Missing points are counted, never shown: that would give them away.
"""
from __future__ import annotations

import re
from typing import Any

import sympy as sp

from grader.equivalence import compare
from grader.kinds.claims import KIND_RE, Marked, claimed, disproved, global_claim, kind_word, marked_by_words
from grader.kinds.base import (Context, Kind, Unreadable, WrongShape, interpretation, read_math, register,
                               shape_of)
from grader.reading import Judged, has_decimals
from grader.verdict import ComponentVerdict, Interpretation, correct, incorrect, partial, undecided
from grader import words
from tutor.render.words import count, every, plural

_FILLER_RE = re.compile(r"(?i)\b(?:at|is|a|an|critical|point|of|the|type)\b|[:→=]|->|—")
_EMPTY = {"none", "no points", "no critical points", "there are none", "there are no critical points",
          "empty", "empty set", "∅", "{}", "no solutions", "no solution"}
NAMES = {"minimum": "a minimum", "maximum": "a maximum", "saddle": "a saddle point",
         "inconclusive": "a point where the test is inconclusive"}


def _point(obj: Any) -> sp.Tuple | None:
    if isinstance(obj, sp.Tuple) and all(isinstance(c, sp.Expr) and not isinstance(c, sp.Tuple) for c in obj):
        return obj
    if isinstance(obj, (tuple, list)) and all(not isinstance(c, (tuple, list, sp.Tuple)) for c in obj):
        from tutor.engine.inputs import as_expr

        return sp.Tuple(*(as_expr(c) for c in obj))
    if isinstance(obj, (sp.Expr, sp.Equality)) and not isinstance(obj, sp.Tuple):
        return sp.Tuple(obj)  # a set of numbers, of expressions ({A², B}) or of equations ({x = 1, y = 2})
    if isinstance(obj, (int, float)):
        from tutor.engine.inputs import as_expr

        return sp.Tuple(as_expr(obj))
    return None


def _expected_item(item: Any, local_only: frozenset = frozenset()) -> Marked:
    if hasattr(item, "coordinates") and hasattr(item, "kind"):  # a CriticalPoint
        kinds = {item.kind}
        conclusion = getattr(item, "conclusion", None)
        if conclusion in ("minimum", "maximum", "saddle"):
            kinds.add(conclusion)
        elif conclusion == "not an extremum":
            kinds.add("saddle")
        if getattr(item, "is_global", None) and conclusion in ("minimum", "maximum"):
            kinds.add(f"global {conclusion}")
        return Marked(sp.Tuple(*item.coordinates), frozenset(kinds), local_only)
    if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], str):
        p = _point(item[0])
        if p is not None:
            return marked_by_words(p, item[1])
    p = _point(item)
    if p is None:
        raise ValueError(f"cannot read {item!r} as a point")
    return Marked(p)


@register
class PointSetKind(Kind):
    name = "point_set"
    aliases = ("points", "critical_points", "set")
    noun = "a set of points such as {(0, 0), (1, 2)}"
    infer_order = 25

    @classmethod
    def claims(cls, expected, options):
        if isinstance(expected, (sp.FiniteSet, set, frozenset)) or expected is sp.S.EmptySet:
            return True
        if hasattr(expected, "remarks") and hasattr(expected, "points"):  # CriticalPoints
            return True
        if isinstance(expected, dict):
            return True
        if isinstance(expected, (list, tuple)) and expected and all(
                hasattr(i, "coordinates") or isinstance(i, (tuple, list, sp.Tuple)) for i in expected):
            return True
        return False

    def prepare(self, expected, options):
        if isinstance(expected, str):
            from tutor.engine.inputs import as_expr

            words = classified_text(expected)
            expected = words if words is not None else as_expr(expected)
        if isinstance(expected, dict):
            items = [(k, v) for k, v in expected.items()]
            marked = [_expected_item((tuple(k) if isinstance(k, (sp.Tuple, tuple, list)) else (k,), v))
                      for k, v in items]
        elif expected is sp.S.EmptySet:
            marked = []
        elif isinstance(expected, (sp.FiniteSet, set, frozenset, list, tuple, sp.Tuple)):
            marked = [_expected_item(i) for i in (expected.args if isinstance(expected, sp.FiniteSet) else expected)]
        elif hasattr(expected, "__iter__"):  # CriticalPoints, with the engine's global remarks
            local_only = disproved(getattr(expected, "remarks", ()))
            marked = [_expected_item(i, local_only) for i in expected]
        else:
            raise ValueError(f"the expected answer of a point-set exercise must be a set of points, got {expected!r}")
        dims = {len(m.point) for m in marked}
        if len(dims) > 1:
            raise ValueError("the expected points do not all have the same number of coordinates")
        return tuple(marked)

    def variables(self, expected, options):
        return ()

    def read(self, answer, ctx):
        if isinstance(answer, str):
            return read_points(answer, ctx)
        obj = read_math(answer, ctx)
        dims = {len(m.point) for m in (ctx.expected or ())}
        marked = _as_marked(obj, dims.pop() if len(dims) == 1 else None)
        if marked is None:
            raise WrongShape(f"I expected {self.noun}, but your answer is {shape_of(obj)}.", obj)
        return marked

    def grade(self, expected, answer, ctx):
        seen = interpretation(_echo(answer), ctx)
        classify = ctx.options.classify
        if classify is None:
            classify = any(m.kinds for m in expected)
        return grade_points(expected, answer, ctx, seen, classify)


def _echo(answer: tuple[Marked, ...]) -> Any:
    """How a point set was read; with kinds, as text that keeps them: (0, 0) saddle; (1, 1) minimum."""
    if not answer:
        return sp.S.EmptySet
    if not any(m.kinds for m in answer):
        return sp.FiniteSet(*(_show(m.point) for m in answer))
    from tutor.reading.printer import to_unicode

    return "; ".join(" ".join([to_unicode(_show(m.point)), m.said or ", ".join(sorted(m.kinds))]).strip()
                     for m in answer)


def _as_marked(obj: Any, dim: int | None) -> tuple[Marked, ...] | None:
    if obj is sp.S.EmptySet:
        return ()
    if isinstance(obj, sp.FiniteSet):
        items = obj.args
    elif isinstance(obj, sp.Tuple) and obj and all(isinstance(c, sp.Tuple) for c in obj):
        items = obj.args
    elif isinstance(obj, sp.Tuple) and dim == 1:
        items = obj.args  # 1-D points listed as (1, 2, 3)
    else:
        items = (obj,)
    points = [_point(i) for i in items]
    if any(p is None for p in points):
        return None
    return tuple(Marked(p) for p in points)


def classified_text(text: str) -> list[tuple[sp.Tuple, str]] | None:
    """A teacher's classified point set, ``{(0, 0) saddle, (1, 1) local minimum}``, as (point, kind words);
    None when the text names no kind (it is read as mathematics). ValueError names a piece without a point."""
    from tutor.engine.inputs import as_expr

    inner = text.strip()
    if not KIND_RE.search(inner):
        return None
    if inner[:1] == "{" and inner[-1:] == "}":
        inner = inner[1:-1]
    out = []
    for piece in _split(inner):
        found = KIND_RE.search(piece)
        rest = _FILLER_RE.sub(" ", KIND_RE.sub(" ", piece)).strip().strip(",;")
        p = _point(as_expr(rest)) if rest else None
        if p is None or found is None:
            raise ValueError(f"in the expected points, “{piece.strip()}” needs a point and its kind, "
                             "e.g. (0, 0) saddle")
        out.append((p, found.group(0)))
    return out


def read_points(text: str, ctx: Context) -> tuple[Marked, ...]:
    """Read a point set, with optional kind words after (or before) each point."""
    stripped = text.strip().rstrip(".")
    if not stripped:  # blank is unreadable, as for every kind ("none" is how to say there are none)
        raise Unreadable("Your answer is empty: write the points, e.g. (1, 2); (3, 4), or none if there are none.")
    if stripped.lower() in _EMPTY:
        return ()
    dims = {len(m.point) for m in (ctx.expected or ())}
    dim = dims.pop() if len(dims) == 1 else None
    if not KIND_RE.search(stripped):
        try:
            obj = read_math(stripped, ctx, "point_set")  # "point_set": (x, y) = (1, 2) is read too
        except (WrongShape, Judged):
            raise
        except Exception:  # noqa: BLE001 - fall through to reading piece by piece
            obj = None
        if obj is not None:
            marked = _as_marked(obj, dim)
            if marked is not None:
                return marked
            raise WrongShape(f"I expected {PointSetKind.noun}, but your answer is {shape_of(obj)}.", obj)
    pieces = _split(stripped)
    out = []
    for piece in pieces:
        found = list(KIND_RE.finditer(piece))
        kinds = frozenset(claimed(m) for m in found)
        said = ", ".join(" ".join(w for w in ((m.group(1) or "").lower(), kind_word(m.group(2))) if w)
                         for m in found)
        rest = _FILLER_RE.sub(" ", KIND_RE.sub(" ", piece)).strip().strip(",;")
        if not rest:
            raise WrongShape(f"I could not find the point in “{piece.strip()}”: write it as (x, y) followed by "
                             "its kind, for example (0, 0) saddle.")
        obj = read_math(rest, ctx)
        p = _point(obj)
        if p is None:
            raise WrongShape(f"“{rest}” is not a point: write points as (x, y).", obj)
        out.append(Marked(p, kinds, said=said))
    return tuple(out)


def _split(text: str) -> list[str]:
    """Split at ';', newlines, ' and ', and commas outside brackets."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif depth == 0 and ch in ",;\n":
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    out = []
    for p in parts:
        out.extend(re.split(r"(?i)\s+and\s+", p))
    pieces = [p.strip() for p in out if p.strip()]
    if len(pieces) == 1 and pieces[0].startswith("{") and pieces[0].endswith("}"):
        return _split(pieces[0][1:-1])
    return pieces


def _same_point(e: sp.Tuple, a: sp.Tuple, ctx: Context, approximate: bool) -> bool:
    if len(e) != len(a):
        return False
    tol = ctx.options.tolerance
    for ec, ac in zip(e, a):
        if ec == ac:
            continue
        approx = approximate and not ctx.options.exact
        if isinstance(ec, sp.Equality) or isinstance(ac, sp.Equality):
            if not _same_equation(ec, ac, ctx):
                return False
            continue
        try:
            if compare(ec, ac, tuple(sorted(ec.free_symbols | ac.free_symbols, key=str)),
                       approximate=approx, tolerance=tol, literals=ctx.literals).equal is not True:
                return False
        except Exception:  # noqa: BLE001 - an incomparable coordinate is not a match
            return False
    return True


def _same_equation(e: Any, a: Any, ctx: Context) -> bool:
    if not (isinstance(e, sp.Equality) and isinstance(a, sp.Equality)):
        return False
    from grader.kinds.equation import same_solutions

    de, da = e.lhs - e.rhs, a.lhs - a.rhs
    variables = tuple(sorted(de.free_symbols | da.free_symbols, key=lambda s: s.name))
    try:
        return same_solutions(de, da, variables, ctx) is True
    except Exception:  # noqa: BLE001 - an incomparable element is not a match
        return False


def grade_points(expected, answer, ctx: Context, seen: Interpretation, classify: bool):
    approximate = has_decimals(ctx.text) or any(has_decimals(None, m.point) for m in answer)
    noun = "point" if all(len(m.point) > 1 or not (m.point[0].free_symbols or isinstance(m.point[0], sp.Equality))
                          for m in expected) else "element"
    unmatched = list(range(len(answer)))
    details: list[ComponentVerdict] = []
    credit = 0.0
    missing = 0
    wrong_kind = 0
    unclassified = 0
    unknown_scope: list[str] = []
    for e in expected:
        hit = next((i for i in unmatched if _same_point(e.point, answer[i].point, ctx, approximate)), None)
        if hit is None:
            missing += 1
            continue
        unmatched.remove(hit)
        label = words.math_text(_show(e.point))
        given = answer[hit].kinds
        scope = global_claim(given, e) if classify else None
        if scope == "unknown":
            unknown_scope.append(label)
            given = frozenset(k.replace("global ", "") for k in given)
        elif scope == "unsupported":
            credit += 0.5
            wrong_kind += 1
            kind = next(k for k in sorted(given) if k.startswith("global ")).removeprefix("global ")
            details.append(ComponentVerdict(label, "partial", f"Right point, but the answer key says only that it "
                                                               f"is a {kind}: 'global' claims more than that."))
            continue
        elif scope is not None:
            credit += 0.5
            wrong_kind += 1
            details.append(ComponentVerdict(label, "partial", f"Right point, but it is only a local {scope}: the "
                                                               f"function has no global {scope}."))
            continue
        if not classify or (given and given <= e.kinds) or not e.kinds:
            credit += 1
            details.append(ComponentVerdict(label, "correct", "Right."))
        elif not given:
            credit += 0.5
            unclassified += 1
            details.append(ComponentVerdict(label, "partial", "Right point, but you did not say what kind of "
                                                               "point it is."))
        else:
            credit += 0.5
            wrong_kind += 1
            said = words.names([NAMES[k] for k in sorted(given)])
            details.append(ComponentVerdict(label, "partial", f"Right point, but it is not {said}: check the "
                                                               "second-derivative test there."))
    for i in unmatched:
        details.append(ComponentVerdict(words.math_text(_show(answer[i].point)), "incorrect",
                                        f"This is not one of the {plural(noun)} asked for."))
    if missing:
        details.append(ComponentVerdict("missing", "incorrect",
                                        f"{count(missing, noun)} {plural('is', missing)} missing."))
    total = max(len(expected), len(answer))
    if unknown_scope and not wrong_kind and not missing and not unmatched:
        return undecided(f"whether {words.names(unknown_scope)} {'is' if len(unknown_scope) == 1 else 'are'} "
                         "global, as claimed, could not be established", seen)
    if total == 0:
        return correct("Correct: there are no such points.", seen)
    score = credit / total
    details_t = tuple(details)
    if credit == len(expected) and not unmatched:
        return correct(f"Correct. You found every {noun}" + (" and classified each one." if classify else "."),
                       seen, details_t)
    sentences = []
    found = len(expected) - missing
    if expected and found == len(expected):
        sentences.append(f"You found {every(found, noun)}.")
    elif expected:
        sentences.append(f"You found {found} of the {count(len(expected), noun)}.")
    else:
        sentences.append("There are no such points.")
    if wrong_kind:
        sentences.append(f"{wrong_kind} of them {plural('is', wrong_kind)} not classified right.")
    if unclassified:
        sentences.append(f"Say what kind of point each one is (minimum, maximum or saddle point): "
                         f"{unclassified} {'is' if unclassified == 1 else 'are'} not classified.")
    if unmatched:
        n = len(unmatched)
        sentences.append(f"{n} of your {plural(noun, n)} {plural('is', n)} not among the right ones.")
    text = " ".join(sentences)
    mistake = "wrong-kind" if wrong_kind and not missing and not unmatched else None
    if unclassified and not wrong_kind and not missing and not unmatched:
        mistake = "not-classified"
    if score > 0:
        return partial(score, text, seen, mistake, details_t)
    return incorrect(text, seen, mistake, details_t)


def _show(p: sp.Tuple) -> Any:
    return p[0] if len(p) == 1 else p
