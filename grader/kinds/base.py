"""What every answer kind shares: the registry, the grading context, reading helpers.

A kind is one small class (GUIDE: rules are data). It says which expected values
it claims (for ``kind=None``), how to prepare the expected value, how to read an
answer into its shape, and how to grade it. Adding a kind is adding a class.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, ClassVar

import sympy as sp

from grader.options import Options
from grader.reading import Unreadable, decimal_literals, has_decimals, rounded_whole
from grader.verdict import Interpretation, Verdict
from tutor.answer_kinds import KIND_NAMES

KINDS: dict[str, type["Kind"]] = {}
ALIASES: dict[str, str] = {}


def register(cls: type["Kind"]) -> type["Kind"]:
    """Add a kind class; its name must be declared in ``tutor.answer_kinds`` (the one list)."""
    if cls.name not in KIND_NAMES:
        raise TypeError(f"answer kind {cls.name!r} is not declared in tutor.answer_kinds.ANSWER_KINDS")
    KINDS[cls.name] = cls
    for alias in cls.aliases:
        ALIASES[alias] = cls.name
    return cls


class WrongShape(Unreadable):
    """The answer was read, but it is the wrong sort of thing (a number where a vector was asked)."""

    def __init__(self, error: str, obj: Any = None):
        super().__init__(error)
        self.obj = obj

    def __reduce__(self):
        return (type(self), (self.error, self.obj))


@dataclass(frozen=True)
class Context:
    """Everything a kind needs to grade one answer."""

    options: Options
    variables: tuple[sp.Symbol, ...]  # the reference's variables, in documented order
    text: str | None  # what the learner typed (None when a SymPy object was passed)
    approximate: bool = False  # typed with decimals: the tolerance applies
    expected: Any = None  # the prepared expected value (some kinds read answers in its light)

    @cached_property
    def literals(self) -> frozenset | None:
        """The decimals as typed (SymPy merges them with exact neighbours; see ``decimal_magnitude``)."""
        return decimal_literals(self.text, self.options.figures)

    @property
    def names(self) -> tuple[str, ...] | None:
        return tuple(v.name for v in self.variables) or None


class Kind:
    name: ClassVar[str] = ""
    aliases: ClassVar[tuple[str, ...]] = ()
    noun: ClassVar[str] = "an answer"  # "a vector such as (1, 2)": used in shape messages
    infer_order: ClassVar[int] = 100  # lower claims first when kind=None

    @classmethod
    def claims(cls, expected: Any, options: Options) -> bool:
        return False

    def prepare(self, expected: Any, options: Options) -> Any:
        """The expected value in this kind's canonical shape (text is parsed)."""
        return expected

    def variables(self, expected: Any, options: Options) -> tuple[sp.Symbol, ...]:
        if options.variables is not None:
            return options.variables
        from tutor.engine.inputs import ordered_variables

        free: set = getattr(expected, "free_symbols", set())
        return ordered_variables(sp.Tuple(*free) if free else sp.Integer(0))

    def read(self, answer: Any, ctx: Context) -> Any:
        """The learner's answer as a SymPy object (raises ``Unreadable``)."""
        return read_math(answer, ctx, self.name)

    def grade(self, expected: Any, answer: Any, ctx: Context) -> Verdict:  # pragma: no cover
        raise NotImplementedError


def read_math(answer: Any, ctx: Context, kind: str | None = None) -> Any:
    """Text through ``grader.answers.read_answer`` (left-hand sides, defined functions, names)."""
    if isinstance(answer, str):
        if not answer.strip():
            raise Unreadable("Your answer is empty.")
        from grader.answers import read_answer

        obj = read_answer(answer, ctx, kind)
        if isinstance(obj, sp.Basic) and obj.has(sp.zoo, sp.nan):
            raise undefined_part(answer, ctx.names)
        return obj
    if isinstance(answer, sp.Basic):
        if answer.has(sp.zoo, sp.nan):
            raise Unreadable(f"The answer {answer} is undefined: it has no value.")
        return answer
    from tutor.engine.inputs import as_expr

    try:
        return as_expr(answer)
    except (TypeError, ValueError) as exc:
        raise Unreadable(f"An answer of type {type(answer).__name__} cannot be graded: {exc}") from None


def undefined_part(text: str, names: tuple[str, ...] | None) -> Unreadable:
    """Why a typed answer that reads as zoo or nan (1/0, log(0), ∞ − ∞) is not a value.

    The ordinary reading keeps such nodes (``to_text`` prints zoo as 1/0, and parses
    back); reading again with ``refuse_undefined`` names the first undefined part.
    """
    from dataclasses import replace

    from tutor.reading import limits
    from tutor.reading.errors import ParseError
    from tutor.reading.parser import parse

    try:
        parse(text, variables=list(names) if names else None,
              limits=replace(limits.current(), refuse_undefined=True))
    except ParseError as exc:
        return Unreadable(str(exc), exc.column)
    return Unreadable(f"Your answer {text.strip()} is undefined: it has no value.")


def approximate(ctx_text: str | None, obj: Any, options: Options | None = None) -> bool:
    """Typed with decimals, or (significant figures set) a whole number rounded to tens: 1000."""
    return has_decimals(ctx_text, obj) or (options is not None and options.figures and rounded_whole(ctx_text))


def interpretation(obj: Any, ctx: Context | None = None) -> Interpretation:
    """How the answer was read; typed decimals are shown as decimals (0.3333, not 3333/10000)."""
    if ctx is not None and ctx.approximate and isinstance(obj, sp.Basic):
        obj = as_decimals(obj)
    return Interpretation(obj)


def as_decimals(obj: sp.Basic) -> sp.Basic:
    """Terminating fractions (denominator 2ᵃ5ᵇ) as decimals, for display only."""
    if isinstance(obj, sp.core.relational.Relational):
        # each side, and the relation as typed: rebuilt, SymPy would decide 23^1.5 = 110.304 (and show
        # False), and trying to costs more than the rest of the check
        return obj.func(as_decimals(obj.lhs), as_decimals(obj.rhs), evaluate=False)
    replace = {}
    for r in obj.atoms(sp.Rational):
        if r.is_Integer:
            continue
        q, k = int(r.q), 0
        while q % 10 == 0 or q % 2 == 0 or q % 5 == 0:
            q //= 10 if q % 10 == 0 else (2 if q % 2 == 0 else 5)
            k += 1
        if q == 1 and k <= 15:
            scaled = abs(int(r.p)) * 10**k // int(r.q)
            replace[r] = sp.Float(r, max(len(str(scaled)), 1))
    return obj.xreplace(replace) if replace else obj


def shape_of(obj: Any) -> str:
    """The learner's answer described in words, for "expected X but your answer is Y"."""
    from tutor.reading.dne import DoesNotExist

    if isinstance(obj, DoesNotExist):
        return '"does not exist"'
    if isinstance(obj, sp.Equality):
        return "an equation"
    if isinstance(obj, sp.MatrixBase):
        return "a matrix"
    if isinstance(obj, sp.Tuple):
        return f"a list of {len(obj)} values"
    if isinstance(obj, (sp.FiniteSet, sp.Set)):
        return "a set"
    if isinstance(obj, sp.Expr):
        return "an expression" if obj.free_symbols else "a number"
    if isinstance(obj, (bool, sp.logic.boolalg.BooleanAtom)):
        return "true or false"
    return "something else"


def wrong_shape(kind: Kind, obj: Any) -> WrongShape:
    return WrongShape(f"I expected {kind.noun}, but your answer is {shape_of(obj)}.", obj)
