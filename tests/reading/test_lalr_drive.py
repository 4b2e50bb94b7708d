"""The reader's LALR loop (tutor/reading/lalr.py) against Lark's own loop on the same table.

Both run the same grammar with the same builder callbacks; the flattened loop must give the
same object, raise the same SemanticError, and give up (SYNTAX) exactly where Lark raises
UnexpectedInput, for any token list.
"""
from __future__ import annotations

from datetime import timedelta
from importlib.resources import files

import sympy as sp
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lark import Lark
from lark.exceptions import UnexpectedInput

from tutor.reading import lalr, parser
from tutor.reading.errors import ParseError
from tutor.reading.lexer import tokenize
from tutor.reading.limits import Limits
from tutor.reading.transformer import SemanticError, ToSymPy

LARK = Lark((files("tutor.reading") / "grammar.lark").read_text(encoding="utf-8"), parser="lalr",
            lexer=parser._TokenList, strict=True, maybe_placeholders=True,
            transformer=parser.callbacks(ToSymPy(Limits())))
TABLE = lalr.Table(LARK)


def _outcome(run):
    try:
        value = run()
    except SemanticError as exc:
        return ("semantic", exc.message, exc.pos, exc.hint)
    except UnexpectedInput:
        return ("syntax",)
    if value is lalr.SYNTAX:
        return ("syntax",)
    return ("ok", sp.srepr(value) if isinstance(value, sp.Basic) else repr(value))


def _agree(text: str) -> None:
    try:
        tokens = tokenize(text, ("x", "y", "t"), Limits()).tokens
    except ParseError:
        return  # refused by the tokenizer: no parse to compare
    assert _outcome(lambda: lalr.drive(TABLE, tokens)) == _outcome(lambda: LARK.parse(tokens))


ATOMS = ["x", "y", "2", "3.5", "1/2", "pi", "e", "sin", "cos", "ln", "sqrt", "abs", "log", "exp", "t", "oo",
         "(", ")", "^", "*", "/", "+", "-", " ", "!", "|", ",", "[", "]", "{", "}", "²", "√", "<", ">", "=",
         "\\frac", "\\sqrt", "binomial", "min", "DNE", "log_2", "sin^-1", "0"]


@settings(deadline=timedelta(seconds=5), max_examples=400)
@given(st.lists(st.sampled_from(ATOMS), min_size=0, max_size=16).map("".join))
@example("")
@example("x")
@example("3 sin t cos t + x^2/y - 1/0")
@example("{(0, 0), (1, 2)} = [[1, 2], [3, 4]]")
@example("<1, x, 2>^2")
@example("\\frac{1}{x} + \\sqrt[3]{x} + log(2, x) + min(x, y, 2)")
@example("0^0")
@example("x^")
def test_the_flattened_loop_does_what_larks_loop_does(text):
    _agree(text)



def test_without_the_table_larks_loop_reads_the_same(monkeypatch):
    """A Lark whose internals moved (the Table cannot be built) reads every answer with its own loop."""
    texts = ["3 sin t cos t + x^2/y", "{(0, 0), (1, 2)}", "log(2, x) + |x - 1|", "x = 2y + 1"]
    fast = [sp.srepr(parser.parse_uncached(t, "x y t")) for t in texts]
    monkeypatch.setattr(parser, "_table", None)
    monkeypatch.setattr(lalr, "Table", _moved)
    monkeypatch.setattr(parser, "_lark_loop_only", False)
    assert [sp.srepr(parser.parse_uncached(t, "x y t")) for t in texts] == fast
    assert parser._lark_loop_only and parser._table is None


def _moved(lark):
    raise AttributeError("'LALR_Parser' object has no attribute 'parser'")
