"""The built-in bank: coverage of the course's topics, and a full self-validation."""
import pytest

import exercises
from grader.checking import check_variant
from exercises.tasks import load_all
from exercises.topics import TOPICS


@pytest.fixture(scope="module")
def bank():
    return exercises.load()


def test_at_least_eighty_exercises_covering_every_topic(bank):
    assert len(bank) >= 80
    assert bank.topics() == list(TOPICS)  # every course topic, in course order
    for topic in TOPICS:
        assert len(bank.by_topic(topic)) >= 3, topic


def _singles(bank):
    """Every one-part exercise, and every part of a multi-part one (as an exercise of its own)."""
    for ex in bank.values():
        yield from (p.exercise for p in ex.parts) if ex.is_multipart else (ex,)


def test_every_task_is_used_and_every_exercise_has_hints_or_is_a_question(bank):
    used = {ex.task for ex in _singles(bank)}
    assert used == set(load_all())
    for ex in _singles(bank):
        assert ex.hints or ex.task in ("multiple_choice", "true_false", "numeric"), ex.id
        assert ex.points > 0 and 1 <= ex.difficulty <= 5 and ex.tags


def test_course_examples_are_present(bank):
    wanted = {
        "loss-on-one-data-point", "paraboloid-heights", "level-line-slope", "limit-xy-over-r2",
        "ratio-of-intervals-course", "chain-rule-log-course", "gd-twenty-steps", "adagrad-first-step",
        "stationary-inflection-course", "gd-log-course-run", "slope-of-course-quadratic",
    }
    assert wanted <= set(bank)


def test_the_whole_bank_validates(bank):
    """Every exercise solves, its typed answer grades correct and its mistakes are diagnosed, and it
    keeps its own promises: promised forms, one true choice, no degenerate variant, figures (one seed)."""
    pytest.importorskip("grader.verdict")
    from exercises.validate import validate
    from grader.promises import check_promises

    chosen = [ex for ex in bank.values()
              if all(load_all()[one.task].available() for one in ([p.exercise for p in ex.parts] or [ex]))]
    report = validate(bank, seeds=1, exercises=chosen, checks=(check_promises,), grade=check_variant)
    assert report.ok, "\n".join(str(p) for p in report.problems)
    assert report.variants == len(chosen)


def test_one_exercise_per_task_renders_in_every_format_and_as_json(bank):
    import json

    firsts = {}
    for ex in bank.values():
        if ex.is_multipart or load_all()[ex.task].available():
            firsts.setdefault(ex.task, ex)
    for ex in firsts.values():
        v = ex.variant(0)
        data = json.loads(json.dumps(v.to_dict()))
        assert data["id"] == ex.id and data["answer_text"] == v.answer_text
        from tutor.render.latex import tex_text

        for fmt in ("text", "unicode", "latex", "markdown", "html"):
            assert (tex_text(ex.title) if fmt == "latex" else ex.title) in v.render(fmt)  # LaTeX is ASCII
            assert "Answer" in v.solution.render(fmt)
