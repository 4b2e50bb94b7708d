"""Issue 12.13: a bank exercise graded up to a constant of integration, with its + C policy."""
from __future__ import annotations

import pytest

import exercises
from grader.checking import check_variant
from exercises.errors import BankError

BANK = '''
topic = "derivatives"

[[exercise]]
id = "antiderivative-power"
title = "An antiderivative"
task = "antiderivative"
prompt = 'Find the integral of {{function}} with respect to x.'
function = "a x^2"
parameters = {{ a = {{ range = [3, 3] }} }}
{grading}
'''


def _variant(tmp_path, grading: str = ""):
    path = tmp_path / "integrals.toml"
    path.write_text(BANK.format(grading=grading), encoding="utf-8")
    return exercises.load(path)["antiderivative-power"].variant(1)


def test_the_task_computes_an_antiderivative_and_grades_up_to_a_constant(tmp_path):
    v = _variant(tmp_path)
    assert v.kind == "antiderivative"
    assert check_variant(v, "x^3").status == "correct"
    assert check_variant(v, "x^3 + C").status == "correct"
    assert check_variant(v, "x^3 + 4").status == "correct"
    assert check_variant(v, "3x^2 + C").mistake == "not-an-antiderivative"


@pytest.mark.parametrize("policy, answer, status, mistake", [
    ("required", "x^3", "partial", "missing-constant"),
    ("required", "x^3 + C", "correct", None),
    ("forbidden", "x^3 + C", "partial", "constant-not-wanted"),
    ("forbidden", "x^3", "correct", None),
])
def test_the_bank_sets_the_constant_policy(tmp_path, policy, answer, status, mistake):
    v = _variant(tmp_path, f'constant = "{policy}"')
    verdict = check_variant(v, answer)
    assert (verdict.status, verdict.mistake) == (status, mistake)


def test_the_typed_answer_follows_the_policy_and_validates(tmp_path):
    from exercises.validate import validate

    for policy, text in (("required", "x^3 + C"), ("forbidden", "x^3"), ("optional", "x^3 + C")):
        path = tmp_path / f"{policy}.toml"
        path.write_text(BANK.format(grading=f'constant = "{policy}"'), encoding="utf-8")
        bank = exercises.load(path)
        assert bank["antiderivative-power"].variant(0).answer_text == text
        assert validate(bank, 1, grade=check_variant).problems == []


def test_an_unknown_policy_is_refused_by_the_loader(tmp_path):
    with pytest.raises(Exception) as info:
        _variant(tmp_path, 'constant = "sometimes"')
    assert "constant" in str(info.value)
