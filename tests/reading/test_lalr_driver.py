"""The lean LALR driver (``tutor.reading.lalr``) parses exactly as Lark's own loop does.

It uses Lark's table and callbacks and skips only steps that compute nothing, so on any
token list it must give the same SymPy object, or fail on the same token with the same
expected set, or raise the same error from the transformer.
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lark.exceptions import UnexpectedToken

from tutor.reading import limits as _limits
from tutor.reading.errors import ParseError
from tutor.reading.lexer import tokenize
from tutor.reading.parser import _fast, _parser, _state

PIECES = ["x", "y", "2", "3.5", "+", "-", "*", "/", "^", "(", ")", "[", "]", "{", "}", ",", "=", "|",
          "sin", "ln", "sqrt", "e", "pi", "!", " ", "DNE", "<", ">", "1/2", "x^2", "f(", "²"]


def _outcome(run, tokens):
    _state.limits = _limits.current()
    try:
        return "value", run(tokens)
    except UnexpectedToken as exc:
        return "unexpected", (exc.token.type, exc.token.start_pos, frozenset(map(str, exc.expected)))
    except Exception as exc:  # noqa: BLE001 - the transformer's own errors must match too
        return type(exc).__name__, str(exc)
    finally:
        _state.limits = None


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=14).map("".join))
def test_the_driver_parses_like_lark(text):
    try:
        tokens = tokenize(text, (), _limits.current()).tokens
    except ParseError:
        return  # refused before parsing: neither parser sees it
    assert _outcome(_fast().parse, tokens) == _outcome(_parser().parse, tokens)


def test_unit_rules_are_skipped_and_others_kept():
    """Some rules only hand on their child (``?sum: term``); the driver calls no callback for them."""
    rules = [info for row in _fast().states.values() for shift, info in row.values() if not shift]
    assert any(callback is None for _, _, callback in rules)
    assert any(callback is not None for _, _, callback in rules)
    assert all(size == 1 for size, _, callback in rules if callback is None)
