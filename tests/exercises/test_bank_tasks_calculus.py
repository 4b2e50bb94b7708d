"""The derivative task: answers from the engine with parameters substituted, mistakes, slopes."""
import pytest
import sympy as sp

pytest.importorskip("tutor.engine.derivative")
pytest.importorskip("tutor.reading.parser")

from bank_helpers import one  # noqa: E402

x = sp.Symbol("x")


def test_parametrised_derivative_matches_sympy_for_every_seed(tmp_path):
    ex = one(tmp_path, '''
        task = "derivative"
        prompt = "Differentiate $f(x) = {function}$."
        function = "a*x^2 - b*x + 5"
        parameters = { a = { range = [2, 5] }, b = { range = [1, 6] } }
    ''')
    for seed in range(6):
        v = ex.variant(seed)
        a, b = v.params["a"], v.params["b"]
        assert sp.simplify(v.answer - sp.diff(a * x**2 - b * x + 5, x)) == 0
        assert v.kind == "expression"
        assert "{function}" not in v.prompt and "x^{2}" in v.prompt
        assert "Power rule" in v.solution.to_text()


def test_slope_at_a_point_is_a_number_and_mistakes_move_with_it(tmp_path):
    ex = one(tmp_path, '''
        task = "derivative"
        prompt = "Slope of ${function}$ at $x = {at}$?"
        function = "3x^2 - 4x + 5"
        at = -2
    ''')
    v = ex.variant(0)
    assert v.answer == -16 and v.kind == "number" and v.answer_text == "-16"
    assert "x = −2" in v.prompt_text or "x = -2" in v.prompt_text
    for m in v.mistakes:
        assert m.expr.is_number and m.expr != -16


def test_chain_rule_course_example_has_diagnosable_mistakes(tmp_path):
    ex = one(tmp_path, '''
        task = "derivative"
        prompt = "Differentiate."
        function = "log(x^4 + x^3 + 2)"
    ''')
    v = ex.variant(0)
    assert sp.simplify(v.answer - (4 * x**3 + 3 * x**2) / (x**4 + x**3 + 2)) == 0
    keys = [m.key for m in v.mistakes]
    assert len(keys) == len(set(keys)) or len(keys) == len({str(m.expr) for m in v.mistakes})
    assert any("chain" in k for k in keys)
    assert "Chain rule" in v.solution.to_text()


def test_several_variables_need_a_declared_variable(tmp_path):
    from exercises.errors import BankError

    ex = one(tmp_path, '''
        task = "derivative"
        prompt = "Differentiate."
        function = "x*y"
    ''')
    with pytest.raises(BankError) as info:
        ex.variant(0)
    assert info.value.field == "variable" and info.value.exercise == "ex"


def test_a_typo_in_the_function_names_the_field(tmp_path):
    from exercises.errors import BankError

    ex = one(tmp_path, '''
        task = "derivative"
        prompt = "Differentiate."
        function = "3x^^2"
    ''')
    with pytest.raises(BankError) as info:
        ex.variant(0)
    assert info.value.field == "function" and "cannot read" in info.value.message
    assert info.value.file.endswith("bank.toml")
