"""The reader builds SymPy objects inside Lark's LALR loop (one plain callback per node), with a
grammar whose one-alternative levels are written out in place.

Pinned against the slow, obviously right path: the layered grammar it was derived from
(tests/data/reading/layered_grammar.lark) builds the whole parse tree first, and the tree is
then folded bottom-up with the builder's methods. Both must give the same object, or the
same message at the same column, for any text.
"""
from __future__ import annotations

from datetime import timedelta
from importlib.resources import files
from pathlib import Path

import pytest
import sympy as sp
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lark import Lark, Tree
from lark.exceptions import UnexpectedInput

from tutor.reading import parser
from tutor.reading.errors import ParseError
from tutor.reading.lexer import tokenize
from tutor.reading.limits import Limits
from tutor.reading.messages import explain_unexpected
from tutor.reading.parser import CALLBACKS
from tutor.reading.transformer import SemanticError, ToSymPy, finish

LAYERED = (Path(__file__).parents[1] / "data" / "reading" / "layered_grammar.lark").read_text(encoding="utf-8")
SLOW_PARSER = Lark(LAYERED, parser="lalr", lexer=parser._TokenList, strict=True, maybe_placeholders=True)
PRODUCTION = Lark((files("tutor.reading") / "grammar.lark").read_text(encoding="utf-8"), parser="lalr",
                  lexer=parser._TokenList, strict=True, maybe_placeholders=True)
PASSED_ON = {"plus", "times"}  # '+ a' and '* a': the operand itself


def _fold(node, builder: ToSymPy):
    """The tree folded bottom-up: each node's builder method on its folded children."""
    if not isinstance(node, Tree):
        return node
    children = [_fold(c, builder) for c in node.children]
    if node.data in PASSED_ON:
        return children[0]
    return getattr(builder, str(node.data))(*children)


def _slow(text: str, names: tuple[str, ...]):
    limits = Limits()
    try:
        lexed = tokenize(text, names, limits)
        if not lexed.tokens:
            return ("empty",)
        result = finish(_fold(SLOW_PARSER.parse(lexed.tokens), ToSymPy(limits)))
        parser._check_numbers(result, text, limits.max_digits)
        return ("ok", sp.srepr(result))
    except ParseError as exc:
        return ("error", str(exc))
    except SemanticError as exc:
        return ("error", str(ParseError(exc.message, text, 1 if exc.pos is None else exc.pos + 1, exc.hint)))
    except UnexpectedInput as exc:
        return ("error", str(explain_unexpected(exc, lexed)))


def _fast(text: str, names: tuple[str, ...]):
    try:
        return ("ok", sp.srepr(parser.parse_uncached(text, names or None, limits=Limits())))
    except ParseError as exc:
        return ("empty",) if exc.message.startswith("the answer is empty") else ("error", str(exc))


def _agree(text: str, names: tuple[str, ...] = ("x", "y", "t")) -> None:
    if not text.strip() or len(text) > Limits().max_length:
        return  # refused before any parsing
    assert _fast(text, names) == _slow(text, names)


def test_every_node_lark_calls_back_has_a_callback():
    """A rule that keeps several children (or is never inlined) must have a builder method,
    else Lark would hand a raw Tree to the next callback."""
    needed = set()
    for rule in PRODUCTION.rules:
        kept = [s for s in rule.expansion if not (s.is_term and s.filter_out) and not s.name.startswith("_")]
        inlined = [s for s in rule.expansion if not s.is_term and s.name.startswith("_")]
        if rule.origin.name.startswith("_"):
            continue
        if rule.alias or not rule.options.expand1 or len(kept) > 1 or inlined:
            needed.add(rule.alias or rule.origin.name)
    assert needed <= set(CALLBACKS), needed - set(CALLBACKS)
    assert all(callable(getattr(ToSymPy, name)) for name in CALLBACKS)


ATOMS = ["x", "y", "2", "3.5", "1/2", "pi", "e", "sin", "cos", "ln", "sqrt", "abs", "log", "exp", "t",
         "(", ")", "^", "*", "/", "+", "-", " ", "!", "|", ",", "[", "]", "{", "}", "²", "√", "<", ">", "="]


@settings(deadline=timedelta(seconds=5), max_examples=300)
@given(st.lists(st.sampled_from(ATOMS), min_size=1, max_size=14).map("".join))
@example("3 sin t cos t")
@example("2x^2 y + x/y - 3x(y+1)")
@example("-a/b*c + sin^2 x - cos(x)^-1")
@example("{(0, 0), (1, 2)}")
@example("[[1, 2], [3, 4]]")
@example("<1, x, 2>")
@example("|x - 1| + |2|x||")
@example("x = 2y + 1")
@example("e^(ln x) + sqrt(x^2) + 5!")
def test_the_reader_builds_what_the_layered_grammar_builds(text):
    _agree(text)


@pytest.mark.parametrize("text", ["x+-y", "x*+y", "x/-2", "2 3", "sin x sin y", "f(x)(y)", "x^2^3", "1/2x",
                                  "3!^2", "3!", "(x+1)!²", "(2)!", "√x!", "√(x)^2", "∛sin(x)^2", "2^-√x", "x^sin x",
                                  "2x sin x * 3", "-2x cos x / 4y", "x sin x + 1", "e^-x^2", "sin^2 x cos x",
                                  "x^", "2 +", "(x", "x)", "sin", "x!!", "x^^2", "*x", "x**", "√", "1/0", "x,y",
                                  "2^10000", "(x)(y)!", "<1,2>^2", "{x}", "x = = 1", "\\frac{1}{x}", "\\sqrt[3]{x}"])
def test_signs_juxtapositions_and_errors_agree(text):
    _agree(text)
