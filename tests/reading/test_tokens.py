"""The lexer's tokens are built by Lark's Token constructor without its keyword check
(tutor/reading/lexer.py ``_tok``); they must be the tokens ``Token(...)`` builds."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from lark import Token

from tutor.reading.lexer import _tok

FIELDS = ("type", "value", "start_pos", "line", "column", "end_line", "end_column", "end_pos")


@given(st.sampled_from(["NAME", "NUMBER", "FUNC", "_LPAR", "POW"]), st.text(min_size=1, max_size=8),
       st.integers(0, 10_000), st.integers(0, 50))
def test_a_token_is_what_lark_builds(kind, value, start, length):
    ours = _tok(kind, value, start, start + length)
    lark = Token(kind, value, start, 1, start + 1, 1, start + length + 1, start + length)
    assert type(ours) is Token and ours == lark and str(ours) == value
    assert [getattr(ours, f) for f in FIELDS] == [getattr(lark, f) for f in FIELDS]
