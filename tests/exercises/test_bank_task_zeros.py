"""The zeros task: the points where given polynomials vanish, solved exactly (issue 14).

A critical-point part built from a student's own partial derivatives needs the zeros of
those expressions, which need not be the gradient of any function.
"""
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("tutor.engine.critical")

from bank_helpers import one  # noqa: E402

from exercises.errors import BankError  # noqa: E402
from grader.checking import check_variant  # noqa: E402

x, y = sp.symbols("x y")


def test_every_solution_as_a_set_and_graded_as_one(tmp_path):
    ex = one(tmp_path, '''
        task = "zeros"
        prompt = "Solve."
        equations = ["3x^2 - 12", "2y + 2"]
        variables = ["x", "y"]
    ''', topic="critical-points")
    v = ex.variant(0)
    assert v.kind == "point_set" and v.answer == sp.FiniteSet(sp.Tuple(-2, -1), sp.Tuple(2, -1))
    assert check_variant(v, "(2, -1), (-2, -1)").status == "correct"
    assert check_variant(v, "(2, -1)").status != "correct"


def test_the_only_point_in_the_domain_is_a_vector(tmp_path):
    ex = one(tmp_path, '''
        task = "zeros"
        kind = "vector"
        prompt = "Solve."
        equations = ["x^2 - 3", "y - x"]
        variables = ["x", "y"]
        domain = { x = [0, 10] }
        ask = "point"
    ''', topic="critical-points")
    v = ex.variant(0)
    assert v.answer == sp.Tuple(sp.sqrt(3), sp.sqrt(3))
    assert check_variant(v, "(sqrt(3), sqrt(3))").status == "correct"


@pytest.mark.parametrize("equations, words", [
    ('["x^2 - 1", "y"]', "2 solutions where one is asked for"),          # both roots, no domain
    ('["sin(x)", "y"]', "not a polynomial"),
    ('["x - y", "2x - 2y"]', "not isolated points"),                    # a line of solutions
])
def test_what_cannot_be_one_point_is_a_bank_error_naming_the_field(tmp_path, equations, words):
    ex = one(tmp_path, f'''
        task = "zeros"
        kind = "vector"
        prompt = "Solve."
        equations = {equations}
        variables = ["x", "y"]
        ask = "point"
    ''', topic="critical-points")
    with pytest.raises(BankError) as info:
        ex.variant(0)
    assert info.value.field == "equations" and words in info.value.message


@settings(max_examples=25, deadline=None)
@given(st.integers(-9, 9), st.integers(-9, 9), st.integers(1, 5), st.integers(1, 5))
def test_the_point_found_makes_every_equation_zero(p, q, a, c):
    """For any linear system with a unique solution, the answer satisfies every equation."""
    import exercises

    text = (f'[[exercise]]\nid = "ex"\ntitle = "T"\ntopic = "critical-points"\ntask = "zeros"\nkind = "vector"\n'
            f'prompt = "Solve."\nequations = ["{a}*(x - {p}) + (y - {q})", "(x - {p}) - {c}*(y - {q})"]\n'
            f'variables = ["x", "y"]\nask = "point"\n')
    from pathlib import Path
    from tempfile import TemporaryDirectory

    with TemporaryDirectory() as tmp:
        path = Path(tmp) / "bank.toml"
        path.write_text(text, encoding="utf-8")
        v = exercises.load(path)["ex"].variant(0)
    assert v.answer == sp.Tuple(p, q)  # a·c + 1 ≠ 0, so (p, q) is the only zero
