"""The one parameter reader: every spelling of a point, number, list or name reads the same."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tutor.operations.errors import OperationError
from tutor.operations.params import Param
from tutor.operations.reader import number, read, read_point, read_points, read_variables, unwrap

NAMES = ("x", "y", "z", "w1")


def spellings(coords: list[str]) -> list[str]:
    """Every way the CLI and the REPL accept a point, positional ones first."""
    plain = ", ".join(coords)
    tight = ",".join(coords)
    return [plain, tight, f"({plain})", f"({tight})", f"[{plain}]", f"<{tight}>", f"⟨{plain}⟩"]


def named(coords: list[str]) -> list[str]:
    pairs = [f"{n}={c}" for n, c in zip(NAMES, coords)]
    return [", ".join(pairs), ",".join(pairs), f"({', '.join(pairs)})"]


coordinate = st.one_of(st.integers(-999, 999).map(str),
                       st.fractions(max_denominator=50).map(str),
                       st.sampled_from(["pi", "-pi/2", "sqrt(2)", "e", "0.5", "-1.25", "f(1, 2)"]))


@given(st.lists(coordinate, min_size=1, max_size=4))
def test_every_spelling_of_a_point_reads_the_same(coords):
    for text in spellings(coords):
        assert read_point(text) == coords, text
    for text in named(coords):
        assert read_point(text) == dict(zip(NAMES, coords)), text


@given(st.lists(st.lists(coordinate, min_size=2, max_size=2), min_size=2, max_size=4))
def test_several_points_in_either_spelling(rows):
    by_semicolon = "; ".join(", ".join(r) for r in rows)
    by_brackets = ", ".join(f"({', '.join(r)})" for r in rows)
    assert read_points(by_semicolon) == rows
    assert read_points(by_brackets) == rows
    assert read_points(", ".join(rows[0])) == rows[0]  # one point stays one point


def test_a_bracket_that_closes_early_is_not_unwrapped():
    assert unwrap("(1, 2) + (3, 4)") == "(1, 2) + (3, 4)"
    assert read_point("(1+2)*3, 4") == ["(1+2)*3", "4"]


@pytest.mark.parametrize("text, words", [
    ("", "is empty"),
    ("1,,2", "empty coordinate"),
    ("x=1, 2", "names some coordinates and not others"),
    ("x=1, x=2", "gives x twice"),
    ("1+1=2, y=3", "should read name=value"),
])
def test_unusable_points_are_refused_with_a_reason(text, words):
    with pytest.raises(OperationError, match=words):
        read_point(text, "--at")


def test_several_named_points_are_refused():
    with pytest.raises(OperationError, match="plain coordinates"):
        read_points("x=1, y=2; x=3, y=4")
    with pytest.raises(OperationError, match="same number of coordinates"):
        read_points("1, 2; 3")


@pytest.mark.parametrize("text, value", [("0.1", 0.1), ("1/10", 0.1), ("1e-3", 0.001), ("-2", -2.0), (" 3 ", 3.0)])
def test_numbers_in_every_spelling(text, value):
    assert number(text, "lr") == pytest.approx(value)


@pytest.mark.parametrize("text", ["pi", "1/0", "x", "", "1e"])
def test_numbers_are_never_evaluated(text):
    with pytest.raises(OperationError, match="should be a number"):
        number(text, "--tol")


@pytest.mark.parametrize("text", ["x,y", "x, y", "x y", "(x, y)", "[x,y]"])
def test_variable_lists(text):
    assert read_variables(text) == ["x", "y"]


def test_bad_variable_lists():
    with pytest.raises(OperationError, match="variable names"):
        read_variables("x, 2y")
    with pytest.raises(OperationError, match="twice"):
        read_variables("x, x")


ORDER = Param("order", "integer", "the order", option="--order", low=1, high=50)


@given(st.integers(-10**40, 10**40))
def test_integers_are_refused_outside_their_caps_and_kept_inside(n):
    if 1 <= n <= 50:
        assert read(ORDER, str(n), "--order") == n
    else:
        with pytest.raises(OperationError, match="at least 1|at most 50"):
            read(ORDER, str(n), "--order")


def test_a_huge_integer_is_refused_before_python_converts_it():
    with pytest.raises(OperationError, match="at most 50 .* 5001-digit number"):
        read(ORDER, "1" + "0" * 5000, "--order")
    assert read(ORDER, "2e1", "--order") == 20
    with pytest.raises(OperationError, match="whole number"):
        read(ORDER, "2.5", "--order")


def test_choices_flags_and_lists():
    kind = Param("kind", "choice", "which", option="--kind", choices=("forward", "central"))
    with pytest.raises(OperationError, match="one of forward, central"):
        read(kind, "sideways", "kind")
    flag = Param("brief", "flag", "short", option="--brief")
    assert read(flag, "", "brief") is True and read(flag, "off", "brief") is False
    levels = Param("c", "list", "levels", option="--c", what="level", example="1,4,9", high=3)
    assert read(levels, "1, f(1, 2), 9", "--c") == ["1", "f(1, 2)", "9"]
    with pytest.raises(OperationError, match="--c needs at least one level, e.g. --c 1,4,9"):
        read(levels, ",", "--c")
    with pytest.raises(OperationError, match="at most 3 levels"):
        read(levels, "1,2,3,4", "--c")
