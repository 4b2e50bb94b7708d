"""The REPL's word grammar, derived from each declaration, gives back exactly the values typed."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tutor.operations.catalogue import operations
from tutor.operations.errors import OperationError
from tutor.operations.words import split_words, usage

OPS = operations()
SAMPLE = {  # a typical value per kind, as a student types it
    "point": st.sampled_from(["(1, 2)", "[1, 2]", "<1,2>", "1, 2", "x=1, y=2", "-2", "(pi/2, 0)"]),
    "points": st.sampled_from(["(1, 2)", "10", "x=1, y=2", "1, 2; 3, 4", "(1, 2), (3, 4)"]),
    "exact": st.sampled_from(["0.1", "1/10", "1e-3"]),
    "list": st.sampled_from(["1", "1, 4, 9", "0.1,1", "f(1, 2), 3"]),
    "number": st.sampled_from(["0.5", "2", "1/4"]),
    "numbers": st.sampled_from(["0.9,0.999", "0.8, 0.99"]),
    "integer": st.sampled_from(["1", "2", "20"]),
    "variable": st.sampled_from(["x", "y", "w1"]),
    "variables": st.sampled_from(["x,y", "x y", "(x, y)"]),
    "text": st.sampled_from(["out.png", "x=0..1, y=0..2", "7"]),
}


@st.composite
def request(draw, name):
    """(REPL words, the raw values they must give) for a random choice of the operation's parameters."""
    op = OPS[name]
    raw = {op.head.name: draw(st.sampled_from(["x^2 + y^2", "sin(x) cos(y)", "x*y/(x^2 + y^2)"]))}
    words = [raw[op.head.name]]
    for p in op.params:
        if p.option is None or p.trailing or not draw(st.booleans()) and not p.required_for("repl"):
            continue
        spelled = draw(st.sampled_from([*p.keywords, p.option]))
        if p.kind == "flag":
            raw[p.name] = True
            words.append(spelled)
            continue
        value = draw(st.sampled_from(p.choices)) if p.choices else draw(SAMPLE[p.kind])
        raw[p.name] = value
        if spelled == "=":
            words[0] = f"{words[0]} = {value}"
        else:
            words.append(f"{spelled} {value}")
    order = draw(st.permutations(words[1:]))
    return " ".join([words[0], *order]), raw


@pytest.mark.parametrize("name", list(OPS))
@given(data=st.data())
def test_words_give_back_what_was_typed_in_any_order(name, data):
    line, raw = data.draw(request(name))
    assert split_words(OPS[name], line) == raw


@pytest.mark.parametrize("name", list(OPS))
def test_an_empty_line_shows_the_usage(name):
    with pytest.raises(OperationError) as err:
        split_words(OPS[name], "  ")
    assert usage(OPS[name]) in str(err.value) and "e.g." in str(err.value)


def test_a_keyword_inside_brackets_belongs_to_the_expression():
    raw = split_words(OPS["limit"], "f(x at y) at 0, 0")
    assert raw["expr"] == "f(x at y)" and raw["at"] == "0, 0"


def test_a_word_given_twice_or_without_a_value_is_refused():
    with pytest.raises(OperationError, match="second time"):
        split_words(OPS["descend"], "x^2 from 1 --start 2")
    with pytest.raises(OperationError, match="needs a value"):
        split_words(OPS["descend"], "x^2 from 1 lr")
    with pytest.raises(OperationError, match="takes no value"):
        split_words(OPS["diff"], "x^2 steps 3")
