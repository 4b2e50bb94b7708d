"""The reader builds SymPy objects inside Lark's LALR loop (one plain callback per node).

Pinned against the slow, obviously right path: Lark builds the whole parse tree first, and
the tree is then folded bottom-up with the same builder methods. Both must give the same
object, or the same error, for any text.
"""
from __future__ import annotations

from datetime import timedelta
from importlib.resources import files

import pytest
import sympy as sp
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lark import Lark, Tree

from tutor.reading import parser
from tutor.reading.errors import ParseError
from tutor.reading.lexer import tokenize
from tutor.reading.limits import Limits
from tutor.reading.transformer import CALLBACKS, SemanticError, ToSymPy, finish

GRAMMAR = (files("tutor.reading") / "grammar.lark").read_text(encoding="utf-8")
TREE_PARSER = Lark(GRAMMAR, parser="lalr", lexer=parser._TokenList, strict=True, maybe_placeholders=True)


JUXTAPOSED = {"head", "tail", "fhead", "chain"}  # runs of factors written side by side: products


def _fold(node, builder: ToSymPy):
    """The tree folded bottom-up: each node's builder method on its folded children."""
    if not isinstance(node, Tree):
        return node
    children = [_fold(c, builder) for c in node.children]
    name = "mul" if node.data in JUXTAPOSED else str(node.data)
    return getattr(builder, name)(*children)


def _slow(text: str, names: tuple[str, ...] = ()):
    limits = Limits()
    try:
        lexed = tokenize(text, names, limits)
        return ("ok", sp.srepr(finish(_fold(TREE_PARSER.parse(lexed.tokens), ToSymPy(limits)))))
    except ParseError as exc:
        return ("error", exc.column)
    except SemanticError as exc:
        return ("error", 1 if exc.pos is None else exc.pos + 1)
    except Exception as exc:  # noqa: BLE001 - Lark's syntax errors: the reader explains them
        return ("syntax", type(exc).__name__)


def _fast(text: str, names: tuple[str, ...] = ()):
    try:
        return ("ok", sp.srepr(parser.parse_uncached(text, names or None, limits=Limits())))
    except ParseError as exc:
        return ("error", exc.column)


def _agree(text: str, names: tuple[str, ...] = ()) -> None:
    slow, fast = _slow(text, names), _fast(text, names)
    if slow[0] == "syntax":
        assert fast[0] == "error"  # Lark refused it: the reader explains where and why
    else:
        assert fast == slow


def test_every_node_lark_calls_back_has_a_callback():
    """A rule that keeps several children (or is never inlined) must have a builder method,
    else Lark would hand a raw Tree to the next callback."""
    needed = set()
    for rule in TREE_PARSER.rules:
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
def test_inline_callbacks_build_what_the_folded_tree_builds(text):
    _agree(text, ("x", "y", "t"))


@pytest.mark.parametrize("text", ["x+-y", "x*+y", "x/-2", "2 3", "sin x sin y", "f(x)(y)", "x^2^3", "1/2x"])
def test_signs_and_juxtapositions_agree(text):
    _agree(text, ("x", "y"))
