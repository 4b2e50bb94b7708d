"""Reading a learner's answer: only through ``tutor.parse``, cached per text.

Many learners type the same answer, and a re-grade reads the same texts again,
so a parse (or its error) is computed once per (text, variables). Nothing here
evaluates text: ``tutor.parse`` builds SymPy objects node by node.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from typing import Any

import sympy as sp

_DECIMAL = re.compile(r"\d\.\d|(?<![\w.])\.\d|\d\.(?![\d.])")
MAX_CACHE = 20_000


class Unreadable(Exception):
    """The answer could not be read: ``error`` is the parser's message with its caret."""

    def __init__(self, error: str, column: int | None = None, feedback: str | None = None):
        super().__init__(error)
        self.error = error
        self.column = column
        self.feedback = feedback  # the verdict's words, when "I could not read it" is not the reason

    def __reduce__(self):
        return (type(self), (self.error, self.column, self.feedback))


class Judged(Unreadable):
    """Read, but not as an answer to this exercise (foreign names, a left side naming something else).

    Callers that retry an unreadable text another way must let these through.
    """


class _Cache:
    """A small LRU of parse outcomes (SymPy objects are immutable, so sharing is safe)."""

    def __init__(self, size: int):
        self.size = size
        self.data: OrderedDict = OrderedDict()

    def get(self, key):
        hit = self.data.get(key)
        if hit is not None:
            self.data.move_to_end(key)
        return hit

    def put(self, key, value) -> None:
        self.data[key] = value
        if len(self.data) > self.size:
            self.data.popitem(last=False)

    def clear(self) -> None:
        self.data.clear()


_cache = _Cache(MAX_CACHE)


def clear_cache() -> None:
    """Forget cached parses (benchmarks use this to time cold reading)."""
    _cache.clear()
    try:
        from tutor.reading import parser

        parser.clear_cache()
    except (ImportError, AttributeError):
        pass


def read(text: str, variables: tuple[str, ...] | None = None, functions: tuple[str, ...] = ()) -> Any:
    """``tutor.parse(text)`` or :class:`Unreadable` with the parser's message and caret.

    ``functions`` are names the exercise defines (σ, f): ``σ(z)`` is then an application.
    """
    key = (text, variables, functions)
    hit = _cache.get(key)
    if hit is None:
        hit = _parse(text, variables, functions)
        _cache.put(key, hit)
    ok, value = hit
    if ok:
        return value
    raise value


def _parse(text: str, variables: tuple[str, ...] | None, functions: tuple[str, ...] = ()) -> tuple[bool, Any]:
    from tutor.reading.errors import ParseError
    from tutor.reading.parser import parse

    try:
        return True, parse(text, variables=list(variables) if variables else None, functions=functions)
    except ParseError as exc:
        if exc.internal:
            raise  # the reader's failure, not the learner's: the check says undecided
        return False, Unreadable(str(exc), exc.column)
    except RecursionError:
        return False, Unreadable("Your answer is nested too deeply to read.")


_LITERAL = re.compile(r"(?<![\w.])((?:\d*\.\d+|\d+\.)(?:[eE][+-]?\d+)?)(?![\d.])")


_ROUND_WHOLE = re.compile(r"\s*[-+]?\s*([1-9]\d*0)\s*")


def rounded_whole(text: Any) -> bool:
    """A lone whole number ending in zeros (1000, -150, 13000): with significant figures set, its
    trailing zeros are not significant, as STACK's NumSigFigs and Numbas read them (1000 to 2
    figures is 1.0 × 10³)."""
    return isinstance(text, str) and _ROUND_WHOLE.fullmatch(text) is not None


def decimal_literals(text: Any, whole: bool = False) -> frozenset | None:
    """The decimals typed in ``text`` (absolute values, exact), or None when it is not text.

    ``whole``: a lone whole number ending in zeros counts as a decimal (``rounded_whole``).
    """
    if not isinstance(text, str):
        return None
    from fractions import Fraction

    out = set()
    if whole and rounded_whole(text) and (m := _ROUND_WHOLE.fullmatch(text)) is not None:
        out.add(Fraction(m.group(1)))
    for m in _LITERAL.finditer(text):
        lit = m.group(1)
        try:
            out.add(Fraction(re.sub(r"\.(?=[eE]|$)", "", lit)))
        except ValueError:
            continue
    return frozenset(out)


def has_decimals(text: Any, obj: Any = None) -> bool:
    """Was the answer typed with decimals (so a tolerance applies)?"""
    if isinstance(text, str):
        return bool(_DECIMAL.search(text))  # the reader makes no floats: decimals come from the text
    if isinstance(obj, sp.Basic):
        return bool(obj.atoms(sp.Float))
    return False


def foreign_names(text: str, known: tuple[str, ...], functions: tuple[str, ...] = ()) -> Judged | None:
    """A :class:`Judged` error when a run of letters was split into names that are not ``known``.

    ``asdfgh`` read as a·d·f·g·h·s, or ``x6cos(x)`` read with a variable x6, is not
    a wrong answer but one that was not read as meant: it is *invalid*, and the
    message names the strangers. Names spelt alone (``2x + k``) are left to grading.
    """
    from tutor.reading.errors import ParseError
    from tutor.reading.runs import letter_runs
    from tutor.reading.names import normalize

    allowed = {normalize(k) for k in known}
    strangers: list[str] = []
    first = None
    for run in letter_runs(text, tuple(known), functions):
        bad = [n for n in run.names if normalize(n) not in allowed]
        if bad and first is None:
            first = run
        strangers += [n for n in bad if n not in strangers]
    if not strangers:
        return _applied_stranger(text, allowed | {normalize(f.lstrip("\\")) for f in functions})
    from grader.words import names

    assert first is not None  # the run that brought the first stranger
    listed = names(sorted(strangers))
    verb = "is not a variable" if len(strangers) == 1 else "are not variables"
    having = (f"its variables are {names(sorted(set(known)))}" if known else "the answer has no variables")
    read_as = " · ".join(n for n in _pieces(first.text, known, functions))
    message = f"{listed} {verb} of this exercise ({having}); '{first.text}' was read as {read_as}"
    hint = ("check the spelling; to multiply, put * or a space between factors, e.g. 6*x or 6x, not x6"
            if re.fullmatch(r"[^\W\d_]+\d+", first.text) else
            "check the spelling of function names, and put * or a space between factors")
    error = ParseError(message, text, first.start + 1, hint)
    return Judged(str(error), error.column, "Your answer uses names that are not part of this exercise, so "
                                                "nothing was counted. Please check it and try again.")


_APPLIED = re.compile(r"(?<![^\W\d_])[^\W\d_]\s*\(")  # a lone letter before a bracket


def _applied_stranger(text: str, allowed: set) -> Judged | None:
    """``f(n)`` where f is neither a variable of the exercise nor a function it defines.

    A name before a bracket multiplies (docs/syntax.md), but a letter that is foreign to
    the exercise, written right before a bracket, was meant as a function the exercise
    does not have: the answer is *invalid* (as PrairieLearn says), not a wrong product f·n.
    """
    if not _APPLIED.search(text):
        return None
    from tutor.reading.errors import ParseError
    from tutor.reading.lexer import _TOKEN_RE
    from tutor.reading.names import CONSTANTS, GLYPHS, normalize

    for m in _TOKEN_RE.finditer(text):
        word = m.group("word")
        if not word or len(word) != 1 or m.group("suffix") or word in CONSTANTS or word == "π":
            continue
        if not text[m.end():].lstrip().startswith("(") or normalize(GLYPHS.get(word, word)) in allowed:
            continue
        error = ParseError(f"{word}(…) uses {word} as a function, but {word} is neither a variable nor a "
                           "function of this exercise", text, m.start() + 1,
                           f"to multiply, write {word}*(…); check the spelling of function names")
        return Judged(str(error), error.column, "Your answer uses names that are not part of this exercise, so "
                                                    "nothing was counted. Please check it and try again.")
    return None


def _pieces(run: str, known: tuple[str, ...], functions: tuple[str, ...]) -> list[str]:
    """How a run was split, every piece shown (``twelve``: t, w, e, l, v, e)."""
    import re

    from tutor.reading.names import split_run

    m = re.match(r"([^\d_]+)(.*)", run)
    if m is None:
        return [run]
    shown = [{"E": "e"}.get(p.value, p.value).lstrip("@") for p in split_run(m.group(1), tuple(known), functions)]
    if m.group(2):
        shown[-1] += m.group(2)
    return shown
