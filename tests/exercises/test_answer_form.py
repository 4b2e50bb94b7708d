"""An exercise may name the form its answer is shown in (``answer_form``, issue 13)."""
from __future__ import annotations

import pytest
import sympy as sp

import exercises
from exercises.errors import BankError, BankLoadError
from grader.checking import check_variant

from bank_helpers import one


def test_the_sigmoid_answer_and_solution_are_in_a_course_form():
    v = exercises.load()["sigmoid-derivative"].variant(0)
    for shown in (v.answer_text, v.solution.to_unicode(), v.solution.to_text()):
        assert "cosh" not in shown
    assert v.answer_text == "σ(z)(1 - σ(z))"
    assert "σ(z)" in v.solution.to_unicode().splitlines()[-1]
    assert not sp.sympify(v.answer).has(sp.cosh)
    assert check_variant(v, v.answer_text).status == "correct"


def test_the_form_takes_the_variants_parameters(tmp_path):
    ex = one(tmp_path, '''
        task = "derivative"
        prompt = "Differentiate {function}."
        function = "exp(a*x)"
        parameters = { a = { range = [2, 4] } }
        answer_form = "a*exp(a*x)"
    ''')
    for seed in range(3):
        v = ex.variant(seed)
        a = v.params["a"]
        assert v.answer_text == f"{a}*e^({a}x)"
        assert check_variant(v, v.answer_text).status == "correct"


def test_an_unreadable_form_is_an_error_naming_the_field(tmp_path):
    ex = one(tmp_path, '''
        task = "derivative"
        prompt = "Differentiate {function}."
        function = "x^2"
        answer_form = "2*x +"
    ''')
    with pytest.raises(BankError) as err:
        ex.variant(0)
    assert err.value.field == "answer_form"


def test_a_form_that_is_not_the_answer_fails_validation(tmp_path):
    from exercises.validate import validate

    ex = one(tmp_path, '''
        task = "derivative"
        prompt = "Differentiate {function}."
        function = "x^2"
        answer_form = "3*x"
    ''')
    report = validate({ex.id: ex}, seeds=1, exercises=[ex], grade=check_variant)
    assert [p.field for p in report.problems] == ["answer_form"]


def test_answer_form_must_be_text(tmp_path):
    with pytest.raises(BankLoadError) as err:
        one(tmp_path, '''
            task = "derivative"
            prompt = "?"
            function = "x^2"
            answer_form = 3
        ''')
    assert err.value.errors[0].field == "answer_form"
