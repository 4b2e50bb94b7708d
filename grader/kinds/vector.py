"""Vectors (a gradient, a GD step's new point) and matrices (a Hessian), graded per component.

Order matters. Each component is compared like a scalar, so each gets its own
verdict and diagnosis; the whole answer is also checked against vector-level
mistakes (components swapped, a transposed matrix, supplied wrong vectors).
"""
from __future__ import annotations

from itertools import permutations
from typing import Any, ClassVar

import sympy as sp

from grader import words
from grader.budget import supplied
from grader.equivalence import compare
from grader.feedback import Note, plain, prefixed
from grader.kinds.base import Context, Kind, interpretation, register, wrong_shape
from grader.kinds.expression import grade_scalar, is_scalar
from grader.options import Options
from grader.verdict import ComponentVerdict, Interpretation, Verdict, correct, incorrect, partial


def _components(obj: Any) -> tuple | None:
    """A flat tuple of scalars for a vector-like object, else None."""
    if isinstance(obj, sp.MatrixBase):
        if 1 in obj.shape:
            return tuple(obj)
        return None
    if isinstance(obj, (sp.Tuple, tuple, list)):
        items = tuple(obj)
        if all(is_scalar(c) for c in items):
            return items
    return None


def _prepare(expected: Any, options: Options) -> Any:
    from tutor.engine.inputs import as_expr

    names = [v.name for v in options.variables] if options.variables else None
    return as_expr(expected, names) if isinstance(expected, (str, tuple, list, int, float)) else expected


def _same(e: sp.Expr, a: sp.Expr, ctx: Context) -> bool:
    approx = ctx.approximate and not ctx.options.exact
    try:
        return compare(e, a, ctx.variables, approximate=approx, tolerance=ctx.options.tolerance,
                       literals=ctx.literals).equal is True
    except Exception:  # noqa: BLE001 - a component that cannot be compared is not a match
        return False


def _ordinal(i: int) -> str:
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(i, f"{i}th")


@register
class Vector(Kind):
    name = "vector"
    aliases: ClassVar[tuple[str, ...]] = ("point", "tuple")
    noun = "a vector such as (1, 2)"
    infer_order = 30

    @classmethod
    def claims(cls, expected, options):
        if isinstance(expected, sp.MatrixBase):
            return False
        return _components(expected) is not None

    def prepare(self, expected, options):
        comps = _components(_prepare(expected, options))
        if comps is None:
            raise ValueError(f"the expected answer of a {self.name} exercise must be a vector, got {expected!r}")
        return sp.Tuple(*comps)

    def read(self, answer, ctx):
        obj = super().read(answer, ctx)
        comps = _components(obj)
        if comps is None:
            raise wrong_shape(self, obj)
        return sp.Tuple(*comps)

    def labels(self, n: int, ctx: Context) -> list[str]:
        if ctx.options.labels and len(ctx.options.labels) == n:
            return list(ctx.options.labels)
        return [f"the {_ordinal(i + 1)} component" for i in range(n)]

    def grade(self, expected, answer, ctx):
        seen = interpretation(answer, ctx)
        n, m = len(expected), len(answer)
        if n != m:
            return incorrect(f"Your answer has {m} component{'s' * (m != 1)}, but the right one "
                             f"has {n}.", seen, "wrong-length")
        labels = self.labels(n, ctx)
        found = _vector_mistake(expected, answer, ctx, labels if ctx.options.labels else self.order_names(ctx))
        if found is not None:
            key, note = found
            return incorrect(note, seen, key)
        return assemble(labels, list(expected), list(answer), ctx, seen)

    def order_names(self, ctx: Context) -> list[str] | None:
        """What the components are, in order, for "w first, then b" (None: only their positions are known)."""
        return None


def _vector_mistake(expected: sp.Tuple, answer: sp.Tuple, ctx: Context,
                    names: list[str] | None) -> tuple[str, Note] | None:
    """A supplied whole-vector mistake, or the components in the wrong order."""
    from grader.diagnose import supplied_note

    for mk in supplied(ctx.options.mistakes):
        expr = getattr(mk, "expr", None)
        comps = _components(expr) if expr is not None and not isinstance(expr, str) else None
        if comps is not None and len(comps) == len(answer) and all(_same(c, a, ctx) for c, a in zip(comps, answer)):
            return mk.key, supplied_note(mk)
    n = len(expected)
    if 1 < n <= 4 and not all(_same(e, a, ctx) for e, a in zip(expected, answer)):
        for perm in permutations(range(n)):
            if list(perm) == list(range(n)):
                continue
            if all(_same(expected[j], answer[i], ctx) for i, j in enumerate(perm)):
                return "components-swapped", _swapped(names)
    return None


def _swapped(names: list[str] | None) -> Note:
    """Components in the wrong order, said in the exercise's own names when it has them."""
    text = "You have the right components, but in the wrong order"
    if names and len(names) > 1:
        order = ", then ".join(names[:3]) if len(names) <= 3 else ", ".join(names)
        return plain(f"{text}: give them in the order {order}.")
    return plain(f"{text}: keep the order the question gives.")


def assemble(labels: list[str], expected: list, answer: list, ctx: Context, seen: Interpretation,
             extra_words: str = "") -> Verdict:
    """Grade component by component and sum up: "your ∂f/∂y is right; ∂f/∂x is not"."""
    details = []
    scores = []
    keys = set()
    for label, e, a in zip(labels, expected, answer):
        v = grade_scalar(e, a, ctx, seen=seen)
        details.append(ComponentVerdict(label, v.status, v.feedback, v.notes))
        scores.append(v.score)
        if v.status != "correct" and v.mistake:
            keys.add(v.mistake)
    details_t = tuple(details)
    if all(d.status == "correct" for d in details):
        return correct("Correct. Every component is right." + extra_words, seen, details_t)
    if any(d.status == "undecided" for d in details):
        from grader.verdict import undecided

        return undecided("a component could not be compared in time", seen, details_t)
    right = [d.label for d in details if d.status == "correct"]
    wrong = [d.label for d in details if d.status != "correct"]
    score = sum(scores) / len(scores)
    key = keys.pop() if len(keys) == 1 else None
    if not right:
        return incorrect((plain("None of the components is right."), *_first_feedback(details)), seen,
                         key, details_t)
    verb_r = "is" if len(right) == 1 else "are"
    verb_w = "is" if len(wrong) == 1 else "are"
    mine = [label.removeprefix("the ") for label in right]  # "your the 1st component" is not English
    text = f"Your {words.names(mine)} {verb_r} right; {words.names(wrong)} {verb_w} not."
    return partial(score, (plain(text), *_first_feedback(details)), seen, key, details_t)


def _first_feedback(details) -> tuple[Note, ...]:
    """The first wrong component's own explanation."""
    for d in details:
        if d.status != "correct":
            return prefixed(f"For {d.label}: ", d.notes)
    return ()


@register
class Gradient(Vector):
    name = "gradient"
    aliases = ("grad",)
    noun = "a gradient such as (2x, 2y)"
    infer_order = 31

    @classmethod
    def claims(cls, expected, options):
        return False  # never inferred: a tuple is a vector unless the caller says gradient

    def order_names(self, ctx):
        f = _function_name(ctx)
        return [f"∂{f}/∂{v.name}" for v in ctx.variables] if len(ctx.variables) > 1 else None

    def labels(self, n, ctx):
        if ctx.options.labels and len(ctx.options.labels) == n:
            return list(ctx.options.labels)
        if len(ctx.variables) == n:
            f = _function_name(ctx)
            return [f"∂{f}/∂{v.name}" for v in ctx.variables]
        return super().labels(n, ctx)


def _function_name(ctx) -> str:
    """The function the gradient is of, as the exercise names it (∇L: ∂L/∂w), f when it names none."""
    asked = ctx.options.asked
    name = getattr(asked, "name", None)
    return name if isinstance(name, str) and name.isidentifier() else "f"


@register
class Matrix(Kind):
    name = "matrix"
    aliases: ClassVar[tuple[str, ...]] = ("jacobian",)
    noun = "a matrix such as [[1, 2], [3, 4]]"
    infer_order = 20

    @classmethod
    def claims(cls, expected, options):
        return isinstance(expected, sp.MatrixBase)

    def prepare(self, expected, options):
        obj = _prepare(expected, options) if not isinstance(expected, sp.MatrixBase) else expected
        if isinstance(obj, sp.Tuple) and all(isinstance(r, sp.Tuple) for r in obj):
            obj = sp.ImmutableMatrix([list(r) for r in obj])
        if isinstance(expected, (list, tuple)) and not isinstance(obj, sp.MatrixBase):
            obj = sp.ImmutableMatrix(expected)
        if not isinstance(obj, sp.MatrixBase):
            raise ValueError(f"the expected answer of a matrix exercise must be a matrix, got {expected!r}")
        return sp.ImmutableMatrix(obj)

    def read(self, answer, ctx):
        obj = super().read(answer, ctx)
        if isinstance(obj, sp.Tuple) and obj and all(isinstance(r, sp.Tuple) for r in obj):
            lengths = {len(r) for r in obj}
            if len(lengths) == 1:
                obj = sp.ImmutableMatrix([list(r) for r in obj])
        shape = getattr(ctx.expected, "shape", None)
        if shape is not None and not isinstance(obj, sp.MatrixBase):
            # "[[1], [2]]" reads as a vector and "[[5]]" as a number: fit them to a column / 1×1
            comps = _components(obj) if isinstance(obj, sp.Tuple) else ((obj,) if is_scalar(obj) else None)
            if comps is not None and shape[1] == 1 and len(comps) == shape[0]:
                obj = sp.ImmutableMatrix([[c] for c in comps])
        if not isinstance(obj, sp.MatrixBase):
            raise wrong_shape(self, obj)
        return sp.ImmutableMatrix(obj)

    def grade(self, expected, answer, ctx):
        seen = interpretation(answer, ctx)
        if expected.shape != answer.shape:
            (r, c), (er, ec) = answer.shape, expected.shape
            return incorrect(f"Your matrix is {r}×{c}, but the right one is {er}×{ec}.", seen,
                             "wrong-shape")
        flat_e, flat_a = list(expected), list(answer)
        for mk in supplied(ctx.options.mistakes):
            expr = getattr(mk, "expr", None)
            if isinstance(expr, sp.MatrixBase) and expr.shape == answer.shape and \
                    all(_same(c, a, ctx) for c, a in zip(expr, flat_a)):
                from grader.diagnose import supplied_note

                return incorrect(supplied_note(mk), seen, mk.key)
        if expected != expected.T and all(_same(e, a, ctx) for e, a in zip(expected.T, flat_a)):
            return incorrect("Your matrix is the transpose of the right one; rows and columns are "
                             "swapped.", seen, "transposed")
        labels = self.labels(expected.shape, ctx)
        return assemble(labels, flat_e, flat_a, ctx, seen)

    def labels(self, shape: tuple[int, int], ctx: Context) -> list[str]:
        rows, cols = shape
        if ctx.options.labels and len(ctx.options.labels) == rows * cols:
            return list(ctx.options.labels)
        return [f"entry ({i + 1}, {j + 1})" for i in range(rows) for j in range(cols)]


@register
class Hessian(Matrix):
    name = "hessian"
    aliases = ()
    noun = "a Hessian matrix such as [[2, 0], [0, 2]]"
    infer_order = 21

    @classmethod
    def claims(cls, expected, options):
        return False  # a matrix is a matrix unless the caller says Hessian

    def labels(self, shape, ctx):
        rows, cols = shape
        v = ctx.variables
        if rows == cols == len(v) and not (ctx.options.labels and len(ctx.options.labels) == rows * cols):
            return [_second(v[i], v[j]) for i in range(rows) for j in range(cols)]
        return super().labels(shape, ctx)


def _second(a: sp.Symbol, b: sp.Symbol) -> str:
    if a == b:
        return f"∂²f/∂{a.name}²"
    return f"∂²f/∂{a.name}∂{b.name}"
