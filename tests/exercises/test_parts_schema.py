"""Multi-part exercises in the bank: the schema, references to earlier parts, and the model."""
from __future__ import annotations

import pytest
import sympy as sp

import exercises
from exercises.errors import BankError, BankLoadError
from exercises.parts import resolve_text
from bank_helpers import one

CHAIN = '''
prompt = "The loss is $L = {function}$ at the point $x = {x0}$."
function = "(w*x0 + b - 3)^2"
variables = ["w", "b"]
parameters = { x0 = { choices = [1, 2] } }
follow_through = 0.5
[[exercise.parts]]
name = "grad"
prompt = "Find the gradient at (1, 0)."
task = "gradient"
at = [1, 0]
points = 2
[[exercise.parts.hints]]
text = "Chain rule."
cost = 0.5
[[exercise.parts]]
name = "step"
prompt = "Take one step with rate 0.1."
task = "numeric"
kind = "vector"
value = "(1, 0) - 0.1*{grad}"
points = 3
[[exercise.parts]]
name = "first"
prompt = "The first component of your gradient, doubled."
task = "numeric"
value = "2*{grad[1]}"
'''


def test_a_multi_part_exercise_reads_into_parts_that_share_parameters(tmp_path):
    ex = one(tmp_path, CHAIN, topic="gradient-descent")
    assert ex.is_multipart and [p.name for p in ex.parts] == ["grad", "step", "first"]
    assert ex.points == 6  # 2 + 3 + the default 1
    assert [p.refs for p in ex.parts] == [(), ("grad",), ("grad",)]
    assert ex.parts[0].exercise.id == "ex.grad" and ex.parts[0].exercise.hints[0].cost == 0.5
    assert ex.parts[0].exercise.inputs["function"] == "(w*x0 + b - 3)^2"  # inherited from the exercise
    assert ex.follow_through == 0.5
    for seed in range(4):
        v = ex.variant(seed)
        x0 = v.params["x0"]
        grad = sp.Tuple(2 * (x0 - 3) * x0, 2 * (x0 - 3))
        assert v.kind == "parts"
        assert v.part("grad").answer == grad
        assert v.part("step").answer == sp.Tuple(1 - grad[0] / 10, -grad[1] / 10)
        assert v.part("first").answer == 2 * grad[0]
        assert all(pv.params == v.params for _, pv in v.parts)
        assert v.answer_text == "; ".join(f"{n}: {pv.answer_text}" for n, pv in v.parts)


def test_the_stem_shows_the_inherited_inputs_and_every_part(tmp_path):
    v = one(tmp_path, CHAIN, topic="gradient-descent").variant(0)
    assert "{function}" not in v.prompt_text and "(step) Take one step" in v.prompt_text


def test_a_one_part_exercise_has_no_parts(tmp_path):
    ex = one(tmp_path, 'task = "numeric"\nprompt = "Two?"\nvalue = "2"\n')
    assert not ex.is_multipart and ex.parts == () and ex.variant(0).parts == ()


def test_a_part_is_built_with_given_earlier_values(tmp_path):
    ex = one(tmp_path, CHAIN, topic="gradient-descent")
    step = ex.part_variant(0, "step", {"grad": sp.Tuple(10, -20)})
    assert step.answer == sp.Tuple(0, 2)
    assert ex.part_variant(0, "first", {"grad": sp.Tuple(sp.Rational(7, 3), 1)}).answer == sp.Rational(14, 3)
    assert ex.part_variant(0, "step", {"grad": sp.Tuple(10, -20)}) is step  # cached


@pytest.mark.parametrize("given", [sp.Integer(5), sp.Tuple(1, 2, 3), sp.Integer(10) ** 500])
def test_a_given_value_the_part_cannot_use_is_a_bank_error(tmp_path, given):
    ex = one(tmp_path, CHAIN, topic="gradient-descent")
    with pytest.raises(BankError):
        ex.part_variant(0, "step", {"grad": given})


def _error(tmp_path, body: str) -> str:
    with pytest.raises(BankLoadError) as info:
        one(tmp_path, body, topic="gradient-descent")
    return str(info.value)


def test_a_reference_to_a_later_part_is_refused(tmp_path):
    text = _error(tmp_path, CHAIN.replace('value = "2*{grad[1]}"', 'value = "2"').replace(
        'at = [1, 0]\npoints = 2', 'at = "{step}"\npoints = 2'))
    assert "parts.grad.at" in text and "later part" in text


def test_an_unknown_reference_says_which_parts_exist(tmp_path):
    text = _error(tmp_path, CHAIN.replace("0.1*{grad}", "0.1*{gard}"))
    assert "parts.step.value" in text and "did you mean 'grad'" in text


def test_a_part_may_not_use_its_own_answer(tmp_path):
    assert "own answer" in _error(tmp_path, CHAIN.replace("0.1*{grad}", "0.1*{step}"))


def test_components_are_numbered_from_one(tmp_path):
    assert "numbered from 1" in _error(tmp_path, CHAIN.replace("{grad[1]}", "{grad[0]}"))


def test_two_parts_with_one_name_are_refused(tmp_path):
    text = _error(tmp_path, CHAIN.replace('name = "first"', 'name = "step"'))
    assert "two parts are called 'step'" in text


def test_task_and_parts_together_are_refused(tmp_path):
    text = _error(tmp_path, 'task = "numeric"\nvalue = "1"\n' + CHAIN)
    assert "either task or [[exercise.parts]]" in text


def test_one_part_is_not_a_multi_part_exercise(tmp_path):
    body = CHAIN.split("[[exercise.parts]]")[0] + "[[exercise.parts]]" + CHAIN.split("[[exercise.parts]]")[1]
    assert "two or more" in _error(tmp_path, body)


def test_an_unknown_field_on_a_part_is_named(tmp_path):
    text = _error(tmp_path, CHAIN.replace("points = 3", "points = 3\nvalu = 2"))
    assert "parts.step.valu" in text


def test_follow_through_is_a_share(tmp_path):
    assert "from 0 to 1" in _error(tmp_path, CHAIN.replace("follow_through = 0.5", "follow_through = 2"))


def test_a_whole_vector_is_broadcast_over_bracketed_lists():
    grad = {"g": sp.Tuple(2, 4)}
    assert resolve_text("(1, 0) - 0.1*{g}", grad) == "((1) - 0.1*(2), (0) - 0.1*(4))"
    assert resolve_text("{g}", grad) == "(2, 4)"
    assert resolve_text("f(x, y) + {g[2]}", grad) == "f(x, y) + (4)"  # a function's arguments are no list
    with pytest.raises(BankError, match="3 items"):
        resolve_text("(1, 0, 2) - {g}", grad)


def test_the_builtin_examples_load_as_multi_part():
    bank = exercises.load()
    multi = [ex for ex in bank.values() if ex.is_multipart]
    assert {"line-fit-chain", "slope-then-tangent"} <= {ex.id for ex in multi}
    for ex in multi:
        assert ex.points == sum(p.points for p in ex.parts)


POINT = '''
prompt = "f(x, y) = {function}"
function = "x^2 + 3*y"
variables = ["x", "y"]
[[exercise.parts]]
name = "point"
prompt = "Which point?"
task = "numeric"
kind = "vector"
value = "(1, 2)"
[[exercise.parts]]
name = "height"
prompt = "f at your point?"
task = "evaluate"
at = "{point}"
[[exercise.parts]]
name = "slope"
prompt = "The gradient at your point?"
task = "gradient"
at = ["{point[1]}", "{point[2]}"]
'''


def test_a_whole_vector_and_its_components_can_be_a_later_part_s_point(tmp_path):
    ex = one(tmp_path, POINT, topic="gradients")
    v = ex.variant(0)
    assert v.part("height").answer == 7 and v.part("slope").answer == sp.Tuple(2, 3)
    assert ex.part_variant(0, "height", {"point": sp.Tuple(-3, sp.Rational(1, 2))}).answer == sp.Rational(21, 2)
    assert ex.part_variant(0, "slope", {"point": sp.Tuple(5, 0)}).answer == sp.Tuple(10, 3)


def test_a_part_that_uses_earlier_answers_is_built_through_its_exercise(tmp_path):
    ex = one(tmp_path, CHAIN, topic="gradient-descent")
    with pytest.raises(BankError, match=r"variant\(seed\)\.part\('step'\)"):
        ex.parts[1].exercise.variant(0)
    assert ex.parts[0].exercise.variant_for("sam").answer == ex.variant_for("sam").part("grad").answer


def test_a_part_may_have_a_label_for_feedback(tmp_path):
    ex = one(tmp_path, CHAIN.replace('name = "grad"', 'name = "grad"\nlabel = "gradient"'), topic="gradient-descent")
    assert [p.called for p in ex.parts] == ["gradient", "step", "first"]


def test_an_answer_or_kind_on_a_multi_part_exercise_belongs_on_its_parts(tmp_path):
    assert "kind belongs on each part" in _error(tmp_path, 'kind = "vector"\n' + CHAIN)
    assert "parts.step.kind" in _error(tmp_path, CHAIN.replace('kind = "vector"', 'kind = "vektor"'))


@pytest.mark.parametrize("student", ["ada", "grace", "s-0042"])
def test_a_parts_function_has_its_whole_exercises_parameters(student):
    """Homework integrity guards a part with the function the student sees: the parameters of the whole
    exercise's seed for that student, not of a seed drawn from the part's own id."""
    whole = exercises.load()["line-fit-chain"]
    params = whole.variant_for(student).params
    part = whole.named("grad").exercise
    expected = part.function_for(student)
    x0, y0 = params["x0"], params["y0"]
    w, b = sorted(expected.free_symbols, key=str)[::-1]
    assert expected.equals((w * x0 + b - y0) ** 2)
    assert part.seed_of(student) == whole.seed_of(student)


def test_a_gradient_task_can_name_its_function_for_feedback():
    """`called = "L"` labels the components ∂L/∂w, ∂L/∂b and lets a student write ∇L = (…)."""
    import grader

    variant = exercises.load()["line-fit-chain"].variant(0)
    grad = variant.part("grad")
    assert grad.options()["labels"] == ("∂L/∂w", "∂L/∂b")
    right = grad.answer_text
    assert grader.check_variant(grad, f"∇L = {right}").status == "correct"
    assert "∂L/∂w" in grader.check_variant(grad, "(123, 456)").feedback
