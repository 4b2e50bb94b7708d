"""Grading multi-part exercises: an earlier error carried forward, the one-cell form, the overall verdict."""
from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import HealthCheck, assume, given, settings, strategies as st

import exercises
import grader
from exercises.errors import BankError
from grader.parts import AnswerFormatError, check_parts, split_answers
from grader.scoring import AssignmentRules, follow_through
from grader.verdict import STATUSES, WORDS
from tutor import to_text


@pytest.fixture(scope="module")
def chain():
    """line-fit-chain (loss -> grad -> step) with x0 = 2, y0 = 3: grad (-4, -2), step (1.4, 0.2)."""
    ex = exercises.load()["line-fit-chain"]
    seed = next(s for s in range(40) if ex.variant(s).params == {"x0": 2, "y0": 3})
    v = ex.variant(seed)
    assert v.part("grad").answer == sp.Tuple(-4, -2)
    return v


RIGHT = {"loss": "1", "grad": "(-4, -2)", "step": "(1.4, 0.2)"}


def step_for(grad: tuple) -> str:
    """The step the student should take from (1, 0) with rate 0.1 for their own gradient."""
    return to_text(sp.Tuple(*(c - sp.Rational(g, 10) for c, g in zip((1, 0), grad))))


def test_carried_is_a_status_with_its_word():
    assert "carried" in STATUSES
    assert WORDS["carried"].word == "Carried forward" and WORDS["carried"].note == "right for your earlier answer"


def test_all_parts_right_is_correct_with_full_score(chain):
    result = check_parts(chain, RIGHT)
    assert result.status == "correct" and result.score == 1.0
    assert [p.status for p in result.parts] == ["correct"] * 3 and not any(p.carried for p in result.parts)


def test_a_part_right_for_a_wrong_earlier_part_is_carried_forward(chain):
    result = check_parts(chain, {**RIGHT, "grad": "(-4, -3)", "step": step_for((-4, -3))})
    step = result.part("step")
    assert step.carried and step.status == "carried" and step.credit == 1.0 and step.follows == ("grad",)
    assert not step.verdict.correct
    assert step.verdict.feedback == "Your step is right for the gradient you found, but that gradient was wrong."
    # grad 2 pt half right (partial 0.5), loss 1 pt, step 2 pt carried: (1 + 1 + 2) / 5
    assert result.status == "partial" and result.score == pytest.approx(0.8)


def test_the_carried_feedback_never_states_a_right_answer(chain):
    result = check_parts(chain, {**RIGHT, "grad": "(4, 2)", "step": step_for((4, 2))})
    for level in ("guided", "full"):
        words = result.at_level(level).part("step").verdict.feedback
        assert "Carried" not in words and "1.4" not in words and "-4" not in words and "7/5" not in words
        assert "right for the gradient you found" in words
    assert result.at_level("verdict").part("step").verdict.feedback == ""


def test_a_part_wrong_in_its_own_right_after_a_wrong_part_earns_nothing(chain):
    result = check_parts(chain, {**RIGHT, "grad": "(4, 2)", "step": "(7, 7)"})
    step = result.part("step")
    assert step.status == "incorrect" and not step.carried and step.credit == 0.0


def test_follow_through_sets_the_credit_of_a_carried_part(chain):
    answers = {**RIGHT, "grad": "(4, 2)", "step": step_for((4, 2))}
    half = check_parts(chain, answers, follow_through=0.5)
    assert half.part("step").credit == 0.5 and half.part("step").verdict.score == 0.5
    assert half.score == pytest.approx((1 + 0 + 2 * 0.5) / 5)
    none = check_parts(chain, answers, follow_through=0)
    assert none.part("step").status == "carried" and none.part("step").credit == 0.0


def test_an_invalid_part_costs_nothing_and_blocks_nothing(chain):
    result = check_parts(chain, {**RIGHT, "grad": "(-4,, -2)"})
    assert result.part("grad").status == "invalid" and result.part("grad").credit == 0
    assert result.part("step").status == "correct" and result.part("step").credit == 1.0  # against the right chain
    assert result.status == "partial" and result.score == pytest.approx(3 / 5)


def test_a_missing_part_has_no_verdict_and_no_credit(chain):
    result = check_parts(chain, {"loss": "1", "grad": "  ", "step": "(1.4, 0.2)"})
    assert result.part("grad").verdict is None and result.part("grad").credit == 0
    assert result.part("step").status == "correct"


def test_nothing_right_is_incorrect_and_nothing_read_is_invalid(chain):
    assert check_parts(chain, {"loss": "7", "grad": "(9, 9)", "step": "(9, 9)"}).status == "incorrect"
    unread = check_parts(chain, {"loss": "1+", "grad": "(", "step": None})
    assert unread.status == "invalid" and unread.score == 0
    assert check_parts(chain, {}).status == "invalid"
    blank = grader.check_one_cell(chain, "  ")
    assert blank.status == "invalid" and "empty" in blank.error


def test_a_value_the_later_task_cannot_use_leaves_the_verdict_alone(chain):
    # a whole gradient of the wrong length cannot be carried into a two-coordinate step
    ex = chain.exercise
    with pytest.raises(BankError):
        ex.part_variant(chain.seed, "step", {"grad": sp.Tuple(1, 2, 3)})


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.tuples(st.integers(-30, 30), st.integers(-30, 30)).filter(lambda g: g != (-4, -2)),
       st.sampled_from([0, 1]), st.sampled_from([1, -1, 3]))
def test_any_wrong_gradient_carries_into_its_own_step(chain, grad, which, change):
    answers = {**RIGHT, "grad": to_text(sp.Tuple(*grad)), "step": step_for(grad)}
    result = check_parts(chain, answers)
    assert result.part("step").status == "carried" and result.part("step").credit == 1.0
    mutated = _step_values(grad)
    mutated[which] += change
    assume(mutated != _step_values((-4, -2)))  # the change can land on the right step itself: that one is correct
    wrong = check_parts(chain, {**answers, "step": to_text(sp.Tuple(*mutated))}).part("step")
    assert wrong.status not in ("carried", "correct") and not wrong.carried


def _step_values(grad: tuple) -> list:
    return [c - sp.Rational(g, 10) for c, g in zip((1, 0), grad)]


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from(["grad", "step", "loss_1"]),
                       st.text(alphabet="0123456789+-*/^() xyw,.=:[]", min_size=1, max_size=20)
                       .map(str.strip).filter(bool)))
def test_the_one_cell_form_gives_back_what_it_holds(answers):
    """Whatever the answers (brackets closed or not), the one-cell text splits back into them."""
    from exercises.parts import one_cell

    assert split_answers(one_cell(answers.items()), ["grad", "step", "loss_1"]) == answers


def test_the_one_cell_form_splits_at_semicolons_and_new_lines():
    assert split_answers("grad: (2, 4); step: (0.8, -0.4)", ["grad", "step"]) == {"grad": "(2, 4)",
                                                                                  "step": "(0.8, -0.4)"}
    assert split_answers("grad: (2, 4)\nstep: (0.8, -0.4)\n", ["grad", "step"])["step"] == "(0.8, -0.4)"
    assert split_answers("step: 1", ["grad", "step"]) == {"step": "1"}
    assert split_answers("grad: (2,\n 4)\nStep: y = 2x", ["grad", "step"]) == {"grad": "(2,\n 4)", "step": "y = 2x"}
    assert split_answers("grad: [1, 2; 3, 4]; step: 0", ["grad", "step"])["grad"] == "[1, 2; 3, 4]"
    assert split_answers("grad: (2, 4; step: 1", ["grad", "step"]) == {"grad": "(2, 4", "step": "1"}


@pytest.mark.parametrize("text, words", [
    ("gard: (2, 4)", "did you mean 'grad'"),
    ("grad: 1; grad: 2", "answered twice"),
    ("(2, 4); step: 1", "does not say which part"),
])
def test_the_one_cell_form_explains_what_is_wrong(text, words):
    with pytest.raises(AnswerFormatError, match=words):
        split_answers(text, ["grad", "step"])
    assert issubclass(AnswerFormatError, ValueError)


def test_a_one_cell_answer_grades_as_one_verdict(chain):
    whole = grader.check_one_cell(chain, chain.answer_text)
    assert whole.status == "correct" and whole.score == 1.0
    mixed = grader.check_one_cell(chain, f"loss: 1; grad: (4, 2); step: {step_for((4, 2))}")
    assert mixed.status == "partial" and [d.status for d in mixed.details] == ["correct", "incorrect", "carried"]
    bad = grader.check_one_cell(chain, "los: 1")
    assert bad.status == "invalid" and "did you mean 'loss'" in bad.error


def test_check_variant_sends_a_multi_part_variant_to_check_parts(chain):
    with pytest.raises(ValueError, match="check_parts"):
        grader.check_variant(chain, chain.answer_text)


def test_follow_through_comes_from_the_assignment_then_the_exercise(chain):
    ex = chain.exercise
    assert follow_through(ex) == 1.0
    assert follow_through(ex, {"follow_through": 0.25}) == 0.25
    rules = AssignmentRules({"follow_through": 0.5}, {ex.id: 5})
    assert rules.follow_through(ex) == 0.5


def test_answers_to_parts_that_do_not_exist_are_the_callers_error(chain):
    with pytest.raises(ValueError, match="did you mean 'grad'"):
        check_parts(chain, {"gard": "(1, 2)"})


def test_an_undecided_earlier_part_blocks_nothing(chain, monkeypatch):
    """An earlier part the checker could not decide is neither right nor wrong: the next part is
    graded against the right chain, and nothing is carried from it."""
    import grader.parts as parts
    from grader.verdict import undecided

    real = parts.check_variant

    def slow_grad(variant, text, **options):
        return undecided("it could not be decided within 3 s") if variant.exercise.id.endswith(".grad") \
            else real(variant, text, **options)

    monkeypatch.setattr(parts, "check_variant", slow_grad)
    result = check_parts(chain, {**RIGHT, "grad": "(4, 2)", "step": step_for((4, 2))})
    assert result.part("grad").status == "undecided"
    assert result.part("step").status == "incorrect" and not result.part("step").carried
    assert check_parts(chain, {**RIGHT, "grad": "(4, 2)"}).part("step").status == "correct"


@pytest.mark.parametrize("grad", ["(10^400, 2)", "(1, 2, 3)", "(x, 2)"])
def test_an_earlier_value_the_next_task_cannot_use_leaves_the_next_verdict_as_graded(chain, grad):
    """Too big to build on, the wrong length, or not a number: the step is graded against the
    right chain only (never a crash, never carried)."""
    result = check_parts(chain, {**RIGHT, "grad": grad, "step": "(5, 5)"})
    assert result.part("step").status == "incorrect" and not result.part("step").carried
    assert result.part("grad").status in ("incorrect", "invalid", "partial")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.tuples(st.fractions(-20, 20, max_denominator=6), st.fractions(-20, 20, max_denominator=6))
       .filter(lambda g: g != (-4, -2)))
def test_fractions_in_a_wrong_gradient_carry_too(chain, grad):
    g = tuple(sp.Rational(x.numerator, x.denominator) for x in grad)
    step = to_text(sp.Tuple(*(c - x / 10 for c, x in zip((1, 0), g))))
    result = check_parts(chain, {**RIGHT, "grad": to_text(sp.Tuple(*g)), "step": step})
    assert result.part("step").status == "carried"


def test_every_carried_feedback_at_guided_level_hides_every_right_answer(chain):
    right = {name: pv.answer_text for name, pv in chain.parts}
    result = check_parts(chain, {"loss": "4", "grad": "(4, 2)", "step": step_for((4, 2))}).at_level("guided")
    for p in result.parts:
        for text in right.values():
            assert text not in p.verdict.feedback, (p.name, text)


def test_multi_part_variants_work_with_a_variant_store(tmp_path, chain):
    from exercises import store

    store.use(tmp_path / "variants.sqlite")
    try:
        ex = exercises.load()["line-fit-chain"]
        v = ex.variant(chain.seed)
        assert v.answer_text == chain.answer_text and v.kind == "parts"
        assert check_parts(v, RIGHT).status == "correct"
    finally:
        store.use(None)


def test_an_assignment_sets_follow_through_and_it_is_checked(tmp_path):
    from grader.batch.assignment import AssignmentError, load_assignment

    good = tmp_path / "hw.toml"
    good.write_text('title = "HW"\nexercises = ["line-fit-chain"]\n[options]\nfollow_through = 0.5\n')
    a, bank = load_assignment(good)
    assert a.rules.follow_through(bank["line-fit-chain"]) == 0.5
    bad = tmp_path / "bad.toml"
    bad.write_text('title = "HW"\nexercises = ["line-fit-chain"]\n[options]\nfollow_through = 1.5\n')
    with pytest.raises(AssignmentError, match="options.follow_through: a share of the points from 0 to 1"):
        load_assignment(bad)


def test_the_repl_names_a_carried_part_with_its_word_and_note(chain):
    from tutor.repl.feedback import verdict_lines
    from tutor.repl.progress import GRADED

    carried = check_parts(chain, {**RIGHT, "grad": "(4, 2)", "step": step_for((4, 2))}).part("step").verdict
    lines = verdict_lines(carried, None, ascii_only=False)
    assert ("Carried forward: right for your earlier answer.", "carried") in lines
    assert any("right for the gradient you found" in text for text, _ in lines)
    assert "carried" in GRADED


def test_carried_feedback_names_no_right_answer_of_any_part_in_the_bank():
    """Every built-in multi-part exercise: a wrong earlier part (each of its generated mistakes, or
    its answer doubled) and a later part right for it: carried, and the guided words of every part
    render no part's right answer."""
    from test_guided_reveals_nothing import _found, renderings

    bank = exercises.load()
    tried = 0
    for ex in (e for e in bank.values() if e.is_multipart):
        v = ex.variant(0)
        right = set().union(*(renderings(pv.answer) for _, pv in v.parts))
        for part in (p for p in ex.parts if p.refs):
            wrong = {r: _wrong(v.part(r)) for r in part.refs}
            if any(w is None for w in wrong.values()):
                continue
            alt = ex.part_variant(0, part.name, {r: w[1] for r, w in wrong.items()})
            answers = {p.name: v.part(p.name).answer_text for p in ex.parts}
            answers.update({r: w[0] for r, w in wrong.items()})
            answers[part.name] = alt.answer_text
            result = check_parts(v, answers)
            # a slip may leave this part's answer as it was (a swapped gradient has the same zeros): then correct
            same = alt.answer_text == v.part(part.name).answer_text
            assert result.part(part.name).status == ("correct" if same else "carried"), (ex.id, part.name, answers)
            tried += 1
            own = " ".join(w[0] for w in wrong.values()) + " " + alt.answer_text
            for p in result.at_level("guided").parts:
                if p.status == "correct":
                    continue  # a right answer's feedback may restate it: it is the student's own
                leaks = [r for r in right if _found(p.verdict.feedback, r) and not _found(own, r)]
                assert not leaks, (ex.id, p.name, p.verdict.feedback, leaks)
    assert tried >= 2


def _wrong(variant):
    """(typed text, value) of a wrong answer to a part: its first generated mistake, else its answer doubled."""
    for m in variant.mistakes:
        if not isinstance(m.expr, str):
            return to_text(m.expr), m.expr
    value = variant.answer
    if isinstance(value, sp.Tuple):
        value = sp.Tuple(*(2 * c + 1 for c in value))
    elif isinstance(value, sp.Expr):
        value = 2 * value + 1
    else:
        return None
    return to_text(value), value
