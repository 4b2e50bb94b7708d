"""Error messages: what is wrong, where (1-based column) and a hint, for each kind of mistake."""
from __future__ import annotations

import pickle

import pytest

from tutor.reading.errors import ParseError
from tutor.reading.parser import parse

# text, column, words the message must contain, words the hint must contain
CASES = [
    ("", 1, "empty", "type"),
    ("   ", 1, "empty", "type"),
    ("2x+", 3, "'+' needs something after it", "2x + 1"),
    ("2x-", 3, "'-' needs something after it", "2x - 1"),
    ("x^", 2, "'^' needs something after it", "x^2"),
    ("x^^2", 3, "'^' can't follow '^'", "single ^"),
    ("2*/3", 3, "'/' can't follow '*'", "missing"),
    ("*2", 1, "needs something before it", "2 * x"),
    ("(x+1", 1, "'(' is never closed", "')'"),
    ("3 + (x*(y+1)", 5, "'(' is never closed", "')'"),
    ("x+1)", 4, "')' has no matching opening bracket", "opening bracket"),
    ("(x+1]", 1, "closed by ']'", "')'"),
    ("|x", 1, "'|' is never closed", "'|'"),
    ("[x", 1, "'[' is never closed", "']'"),
    ("sin()", 1, "sin needs an argument", "sin(x)"),
    ("sin", 1, "sin needs an argument", "sin(x)"),
    ("3 + sin", 5, "sin needs an argument", "sin(x)"),
    ("ln + 1", 1, "ln needs an argument", "ln(x)"),
    ("()", 1, "nothing inside '()'", "inside the brackets"),
    ("sine(x)", 1, "unknown function 'sine'", "did you mean sin"),
    ("sqr(x)", 1, "unknown function 'sqr'", "did you mean sqrt"),
    ("2 + arctn(x)", 5, "unknown function 'arctn'", "did you mean arctan"),
    (r"\sinn x", 1, "unknown LaTeX command '\\sinn'", "did you mean \\sin"),
    ("1,000", 2, "comma can only separate items inside brackets", "1000"),
    ("x = y = z", 7, "only one '='", "single equation"),
    ("= 3", 1, "needs something before it", "y = 2x"),
    ("y =", 3, "'=' needs something on its right", "both sides"),
    ("1.2.3", 4, "two decimal points", "one decimal point"),
    ("1 2", 3, "two numbers in a row", "12"),
    ("DNE + 1", 1, "DNE must stand alone", "DNE"),
    ("x > 1", 3, "'>' only closes a vector", "inequalities"),
    ("2 < 3", 3, "'<' starts a vector", "inequalities"),
    ("ln^-1 x", 3, "ambiguous", "1/ln(x)"),
    ("log(1, 2, 3)", 1, "log takes 1 to 2 arguments", "log(b, x)"),
    ("x @ y", 3, "'@' is not supported", "*"),
    ("5%", 2, "'%'", "0.05"),
    ("f'(x)", 2, "primes", "formula"),
    ("x.y", 2, "decimal point", "attribute"),
    ("x;y", 2, "';'", "commas"),
    ("10^10^10", 3, "too large", "smaller"),
    ("1000!", 5, "too large", "smaller"),
    ("1e5000", 1, "exponent", "smaller"),
    ("e^ln x", 3, "a function in an exponent needs brackets", "e^(ln x)"),
    ("e^-sin x", 4, "a function in an exponent needs brackets", "e^sin(x)"),
    ("1½", 2, "mixed numbers", "1 + 1/2"),
    ("x ± 1", 3, "unexpected character '±'", "digits"),
    ("{(0,0)(1,2)}", 7, "can't follow a point or list", "commas"),
    ("(1, 2) + (3, 4)", 8, "can't follow a point or list", "commas"),
    ("²", 1, "needs something before it", "x²"),
    ("e^(2√)", 5, "'√' needs something after it", "√x"),
    ("sin^√2(y)", 5, "the power of sin must be a number or a letter", "sin^n(x)"),
]


@pytest.mark.parametrize("text,column,message,hint", CASES, ids=[c[0] or "<empty>" for c in CASES])
def test_error_message_column_and_hint(text, column, message, hint):
    with pytest.raises(ParseError) as info:
        parse(text)
    err = info.value
    assert message in err.message
    assert err.column == column
    assert err.hint is not None and hint in err.hint
    assert err.text == text


def test_str_has_message_input_and_caret_under_the_column():
    with pytest.raises(ParseError) as info:
        parse("3 + (x*(y+1)")
    lines = str(info.value).splitlines()
    assert lines[0] == "'(' is never closed"
    assert lines[1] == "  3 + (x*(y+1)"
    assert lines[2] == "  " + " " * 4 + "^"
    assert lines[3].startswith("hint: ")


def test_parse_error_is_a_value_error_and_pickles():
    with pytest.raises(ValueError):
        parse("2x+")
    try:
        parse("2x+")
    except ParseError as err:
        copy = pickle.loads(pickle.dumps(err))
        assert (copy.message, copy.column, copy.hint, copy.text) == (err.message, err.column, err.hint, err.text)
        assert err.to_dict()["column"] == 3


def test_expect_expression_refuses_an_equation_at_the_equals_sign():
    with pytest.raises(ParseError) as info:
        parse("y = 2x + 1", expect="expression")
    assert "equation" in info.value.message
    assert info.value.column == 3
    assert "2x + 1" in info.value.hint


@pytest.mark.parametrize("text,expect", [("(1, 2)", "expression"), ("x + 1", "vector"),
                                         ("x + 1", "equation"), ("(1, 2)", "set"), ("x", "matrix")])
def test_expect_refuses_other_shapes(text, expect):
    with pytest.raises(ParseError) as info:
        parse(text, expect=expect)
    assert info.value.message.startswith("expected")


@pytest.mark.parametrize("text,expect", [("x + 1", "expression"), ("y = x", "equation"), ("(1, 2)", "vector"),
                                         ("{(1, 2)}", "set"), ("[[1, 2], [3, 4]]", "matrix"),
                                         ("DNE", "expression"), ("DNE", "vector")])
def test_expect_accepts_its_shape_and_dne(text, expect):
    parse(text, expect=expect)


def test_unknown_expect_kind_is_a_parse_error():
    with pytest.raises(ParseError):
        parse("x", expect="banana")


def test_non_text_input_is_a_parse_error():
    with pytest.raises(ParseError):
        parse(3)  # type: ignore[arg-type]


def test_too_long_input():
    with pytest.raises(ParseError) as info:
        parse("x+" * 1500 + "x")
    assert "too long" in info.value.message


def test_too_deep_nesting():
    with pytest.raises(ParseError) as info:
        parse("(" * 60 + "x" + ")" * 60)
    assert "nested too deeply" in info.value.message
    with pytest.raises(ParseError):
        parse("x^" * 80 + "x")
    with pytest.raises(ParseError):
        parse("sin " * 80 + "x")


@pytest.mark.parametrize("control", ["\x1b", "\x07", "\x9b", "\x7f", "\r"])
def test_control_characters_are_shown_not_sent_to_the_terminal(control):
    text = f"x + {control}[31m y"
    with pytest.raises(ParseError) as info:
        parse(text)
    shown = str(info.value)
    assert not any(ch in shown for ch in "\x1b\x07\x9b\x7f\r")
    echo, caret = shown.splitlines()[1:3]
    # one visible symbol per control character, so the caret still points at the same place
    assert len(echo) == len("  " + text) and caret.index("^") - 2 == info.value.column - 1


def _chain_carrying_reducer(exc):
    """What tblib's pickling support (installed by Dask's ``distributed`` on import) does:
    carry the exception's cause and context along with it."""
    return _rebuild_with_chain, (exc.__reduce__(), exc.__cause__, exc.__context__)


def _rebuild_with_chain(reduced, cause, context):
    func, args = reduced[:2]
    return func(*args)


@pytest.mark.parametrize("text", ["2x+", "sin(", "x ** ** 2", "1/0)"])
def test_a_parse_error_pickles_even_where_exception_chains_are_pickled(text, monkeypatch):
    """The order-dependent failure: once ``distributed`` was imported by an earlier test,
    pickling a ParseError pickled Lark's parser through ``__context__``."""
    import copyreg

    monkeypatch.setitem(copyreg.dispatch_table, ParseError, _chain_carrying_reducer)
    with pytest.raises(ParseError) as info:
        parse(text)
    err = info.value
    assert err.__context__ is None and err.__cause__ is None
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.message, copy.column, copy.hint) == (err.message, err.column, err.hint)
