"""``parse(text, variables=None)``: learner text -> a SymPy object, or a ParseError.

Pipeline: tokenizer (names split, brackets matched) -> Lark LALR parser with an
inline transformer that builds SymPy objects node by node. Nothing here
evaluates the text as code. Only ParseError ever leaves ``parse``.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from functools import lru_cache
from importlib.resources import files
from typing import Any

from lark import Lark, Transformer
from lark.exceptions import UnexpectedInput
from lark.lexer import Lexer

from tutor.reading import limits as _limits
from tutor.reading import lalr
from tutor.reading.errors import InternalReadingError, Interrupted, ParseError
from tutor.reading.lexer import tokenize
from tutor.reading.limits import Limits
from tutor.reading.sizes import about, largest_number
from tutor.reading.messages import explain_unexpected
from tutor.reading.transformer import SemanticError, ToSymPy

EXPECT_KINDS = ("expression", "equation", "vector", "set", "matrix")
_lock = threading.Lock()
_lark: Lark | None = None
_table: lalr.Table | None = None
_lark_loop_only = False  # a Lark whose internals moved: its own loop runs every parse
_state = threading.local()


def _fresh_lock_after_fork() -> None:
    """A child forked while another thread was building the parser would wait for that thread's
    lock forever (the thread is not in the child): the worker pool forks at such moments."""
    global _lock
    _lock = threading.Lock()


os.register_at_fork(after_in_child=_fresh_lock_after_fork)


class _TokenList(Lexer):
    """Lark's side of our tokenizer: the 'text' Lark is given is already a token list."""

    __future_interface__ = 2

    def __init__(self, lexer_conf: Any) -> None:
        pass

    def lex(self, lexer_state: Any, parser_state: Any):
        return iter(lexer_state.text)


class _Builder(ToSymPy):
    """The transformer bound into the Lark instance; limits come from the current call."""

    def __init__(self) -> None:
        super().__init__(_limits.current())

    @property  # type: ignore[override]
    def limits(self) -> Limits:
        return getattr(_state, "limits", None) or _limits.current()

    @limits.setter
    def limits(self, value: Limits) -> None:
        pass


CALLBACKS = ("number", "name", "const", "dne", "add", "minus", "mul", "head", "tail", "fhead", "chain", "over",
             "div", "neg", "pow", "pow_sup", "factorial", "abs", "root", "sqrt", "nroot", "call", "call_pow", "bare",
             "bare_pow", "fpow", "paren_list", "angle_list", "bracket_list", "set_list", "equation", "start")


def callbacks(builder: ToSymPy) -> Transformer:
    """The transformer Lark calls at each reduction: ``builder``'s methods, each given the
    children list Lark passes (a Transformer's plain calling convention). One call per node,
    where ``v_args(inline=True)`` put three wrapper calls in between."""
    spread: Transformer = Transformer()
    for name in CALLBACKS:
        setattr(spread, name, _spread(getattr(builder, name)))
    return spread


def _spread(method: Any) -> Any:
    def call(children: list) -> Any:
        return method(*children)
    call.spread_method = method  # type: ignore[attr-defined]  # lalr.Table calls it directly
    return call


def _parser() -> Lark:
    """The LALR parser, built once per process on first use (about 0.1 s)."""
    global _lark
    if _lark is None:
        with _lock:
            if _lark is None:
                grammar = (files("tutor.reading") / "grammar.lark").read_text(encoding="utf-8")
                _lark = Lark(grammar, parser="lalr", lexer=_TokenList, strict=True,
                             transformer=callbacks(_Builder()), maybe_placeholders=True)
    return _lark


def _run(tokens: list) -> Any:
    """The parse of ``tokens`` through the flattened table; a token list outside the grammar is
    parsed again by Lark's own loop, for the UnexpectedToken its messages are built from."""
    global _table, _lark_loop_only
    if _table is None and not _lark_loop_only:
        try:
            _table = lalr.Table(_parser())
        except (AttributeError, ImportError, KeyError, TypeError, ValueError):
            _lark_loop_only = True
    result = lalr.drive(_table, tokens) if _table is not None else lalr.SYNTAX
    if result is lalr.SYNTAX:
        return _parser().parse(tokens)
    return result


def parse(text: str, variables: Iterable[Any] | str | None = None, *, expect: str | None = None,
          strict: bool = False, limits: Limits | None = None, functions: Iterable[str] = ()) -> Any:
    """Read learner mathematics as a SymPy object.

    Returns an Expr, a Tuple (vector/point), a FiniteSet (set of points), an Eq,
    ``tutor.DNE`` or an ImmutableMatrix. ``variables`` (names or Symbols) guides
    how letter runs are split and lets ``w_1`` match ``w1``; ``expect`` is one of
    ``EXPECT_KINDS`` and turns any other shape into a ParseError; ``strict=True``
    refuses names that are not in ``variables``. ``functions`` names functions the
    exercise defines (σ, f, g): ``σ(z)`` is then read as an application,
    ``sympy.Function("sigma")(z)``, not as σ·z. Raises only ParseError.
    """
    if not isinstance(text, str):
        raise ParseError(f"expected text to read, got {type(text).__name__}", "", 1,
                         "pass the answer as a string")
    if expect is not None and expect not in EXPECT_KINDS:
        raise ParseError(f"unknown expect={expect!r}", text, 1, "use one of " + ", ".join(EXPECT_KINDS))
    names = _variable_names(variables)
    text = text.translate(_HALFWIDTH)
    return _parse_cached(text, names, expect, strict, limits or _limits.current(), _function_names(functions))


# full-width forms (U+FF01..U+FF5E, an ideographic space), as typed with an East Asian input
# method, are their ASCII characters; one character for one, so error columns stay right
_HALFWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def _variable_names(variables: Iterable[Any] | str | None) -> tuple[str, ...]:
    if variables is None:
        return ()
    if isinstance(variables, str):
        variables = variables.replace(",", " ").split()
    return tuple(str(v).strip() for v in variables if str(v).strip())


def _function_names(functions: Iterable[str] | str | None) -> tuple[str, ...]:
    if not functions:
        return ()
    if isinstance(functions, str):
        functions = functions.replace(",", " ").split()
    return tuple(sorted({str(f).strip() for f in functions if str(f).strip()}))


@lru_cache(maxsize=4096)
def _parse_cached(text: str, names: tuple[str, ...], expect: str | None, strict: bool, limits: Limits,
                  functions: tuple[str, ...] = ()) -> Any:
    return _parse(text, names, expect, strict, limits, functions)


def clear_cache() -> None:
    _parse_cached.cache_clear()


def cache_info():
    return _parse_cached.cache_info()


def parse_uncached(text: str, variables: Iterable[Any] | str | None = None, *, expect: str | None = None,
                   strict: bool = False, limits: Limits | None = None, functions: Iterable[str] = ()) -> Any:
    """``parse`` without the LRU cache (for benchmarks and tests of the cache)."""
    if not isinstance(text, str):
        return parse(text)
    return _parse(text, _variable_names(variables), expect, strict, limits or _limits.current(),
                  _function_names(functions))


def _parse(text: str, names: tuple[str, ...], expect: str | None, strict: bool, limits: Limits,
           functions: tuple[str, ...] = ()) -> Any:
    if len(text) > limits.max_length:
        raise ParseError(f"the answer is too long ({len(text)} characters; the limit is {limits.max_length})",
                         text, limits.max_length + 1, "type a shorter answer")
    if not text.strip():
        raise ParseError("the answer is empty", text, 1, "type an expression, such as 2x + 1")
    lexed = tokenize(text, names, limits, strict, functions)
    if not lexed.tokens:
        raise ParseError("the answer is empty", text, 1, "type an expression, such as 2x + 1")
    _state.limits = limits
    try:
        result = _run(lexed.tokens)
    except SemanticError as exc:
        column = 1 if exc.pos is None else exc.pos + 1
        raise ParseError(exc.message, text, column, exc.hint) from None
    except UnexpectedInput as exc:
        raise explain_unexpected(exc, lexed) from None
    except ParseError:
        raise
    except RecursionError:
        raise ParseError("the answer is nested too deeply to read", text, 1,
                         "simplify the expression before typing it") from None
    except Interrupted:
        raise  # the caller's deadline: not a fact about the text
    except Exception as exc:  # a SymPy corner case: ours, not the learner's
        raise InternalReadingError(text, exc) from None
    finally:
        _state.limits = None
    _check_numbers(result, text, limits.max_digits)
    if len(lexed.tokens) > limits.max_depth:
        _check_depth(result, text, limits.max_depth)
    if expect is not None:
        _check_expect(result, expect, lexed)
    return result


def _check_numbers(obj: Any, text: str, max_digits: int) -> None:
    """The last guard: no reading keeps an exact number longer than ``max_digits``
    (printers and reports could not show it, and comparing it would be slow)."""
    longest = largest_number(obj)
    if longest > max_digits + 1:
        raise ParseError(f"this works out to a number too large to work with exactly (about {about(longest)} "
                         f"digits; the limit is {max_digits})", text, 1, "use smaller numbers")


def _check_depth(obj: Any, text: str, max_depth: int) -> None:
    """Refuse trees deeper than ``max_depth`` (deep trees break printers and solvers)."""
    stack = [(obj, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > max_depth:
            raise ParseError(f"the expression is nested too deeply (the limit is {max_depth} levels)",
                             text, 1, "simplify the expression before typing it")
        args = getattr(node, "args", ())
        stack.extend((a, depth + 1) for a in args)


_SHAPES = {"expression": "an expression", "equation": "an equation", "vector": "a vector or point",
           "set": "a set of points", "matrix": "a matrix"}


def _check_expect(result: Any, expect: str, lexed) -> None:
    import sympy as sp

    from tutor.reading.dne import DNE

    if result is DNE:
        return  # "does not exist" is an acceptable answer of any shape
    kind = shape_of(result)
    if kind == expect:
        return
    text = lexed.text
    if kind == "equation":
        eq = next(t for t in lexed.tokens if t.type == "EQ")
        rhs = text[eq.end_pos:].strip()
        hint = f"write only the expression, e.g. {rhs}" if rhs else "write only the expression"
        raise ParseError(f"expected {_SHAPES[expect]}, but this is an equation", text, eq.column, hint)
    if expect == "vector" and kind == "matrix" and isinstance(result, sp.MatrixBase):
        return
    raise ParseError(f"expected {_SHAPES[expect]}, but this is {_SHAPES[kind]}", text, 1,
                     {"expression": "type a single formula, such as 2x + 1",
                      "equation": "type an equation with '=', such as y = 2x + 1",
                      "vector": "type a vector such as (1, 2) or <1, 2>",
                      "set": "type a set such as {(0, 0), (1, 2)}",
                      "matrix": "type a matrix such as [[1, 2], [3, 4]]"}[expect])


def shape_of(obj: Any) -> str:
    """'expression', 'equation', 'vector', 'set' or 'matrix': what kind of answer ``parse`` gave."""
    import sympy as sp

    if isinstance(obj, sp.Eq):
        return "equation"
    if isinstance(obj, sp.Tuple):
        return "vector"
    if isinstance(obj, sp.Set):
        return "set"
    if isinstance(obj, sp.MatrixBase):
        return "matrix"
    return "expression"
