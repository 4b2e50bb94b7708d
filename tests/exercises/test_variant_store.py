"""The variant store: a variant is built once, read back identical, and a tampered file runs no code."""
from __future__ import annotations

import io
import pickle

import pytest
import sympy as sp

import exercises
from exercises import store
from grader.checking import check_variant


@pytest.fixture
def kept(tmp_path):
    s = store.use(tmp_path / "variants.sqlite")
    yield s
    store.use(None)


SAMPLE = ["chain-rule-linear-inside", "quotient-rule-rational", "partial-x-course", "tangent-plane-paraboloid",
          "ls-stable-learning-rate", "limit-xy-over-r2", "gd-log-course-run", "hessian-of-line-loss",
          "classify-cubic-saddle", "why-gradient-steepest", "directional-derivative", "lr-too-small"]


@pytest.mark.parametrize("ex_id", SAMPLE)
def test_a_variant_read_back_grades_exactly_like_a_built_one(kept, ex_id):
    from tutor import to_text

    built = exercises.load()[ex_id].variant("store-1")
    answers = [built.answer_text, "0", "x +", *(m.expr if isinstance(m.expr, str) else to_text(m.expr)
                                                  for m in built.mistakes)]
    before = store.builds()
    back = exercises.load()[ex_id].variant("store-1")  # a new bank: only the store can spare the build
    assert store.builds() == before
    assert sp.srepr(back.answer) == sp.srepr(built.answer) and back.answer_text == built.answer_text
    assert back.kind == built.kind and back.options() == built.options() | {"mistakes": back.mistakes}
    for text in answers:
        a, b = check_variant(built, text), check_variant(back, text)
        assert (a.status, a.score, a.feedback, a.mistake) == (b.status, b.score, b.feedback, b.mistake), text
    assert store.builds() == before  # every mistake the answers needed was kept


def test_reading_the_prompt_of_a_stored_variant_builds_it_once(kept):
    exercises.load()["power-rule-roots"].variant(5)
    back = exercises.load()["power-rule-roots"].variant(5)
    before = store.builds()
    assert back.prompt and back.solution.to_text() and back.hints() is not None
    assert store.builds() == before + 1


def test_students_with_the_same_parameters_share_one_stored_variant(kept):
    ex = exercises.load()["chain-rule-log-course"]  # one combination of parameters
    ex.variant_for("ann")
    before = kept.builds()
    other = exercises.load()["chain-rule-log-course"].variant_for("bob")
    assert kept.builds() == before and other.answer is not None


def test_an_edited_exercise_is_built_again(kept):
    from dataclasses import replace

    ex = exercises.load()["power-rule-roots"]
    ex.variant(1)
    edited = replace(ex, prompt=ex.prompt + " Simplify.", _variants={})
    assert store.exercise_version(edited) != store.exercise_version(ex)
    before = store.builds()
    edited.variant(1)
    assert store.builds() == before + 1


def test_sums_and_products_come_back_as_written():
    x = sp.Symbol("x")
    value = (sp.Mul(sp.Rational(1, 20), sp.Add(5, -sp.sqrt(5), evaluate=False), evaluate=False), sp.sin(x) / 3)
    back = store._Reader(io.BytesIO(store.dumps(value))).load()
    assert sp.srepr(back) == sp.srepr(value)


class _Evil:
    def __reduce__(self):
        import os

        return (os.system, ("echo pwned",))


class _Sneaky:
    def __reduce__(self):
        return (sp.Lambda, ((sp.Symbol("x"),), "__import__('os').system('echo pwned')"))


@pytest.mark.parametrize("payload", [_Evil(), _Sneaky(), sp.sympify])
def test_a_tampered_store_runs_no_code_and_is_a_miss(kept, payload):
    data = pickle.dumps(payload)
    with pytest.raises(pickle.UnpicklingError):
        store._Reader(io.BytesIO(data)).load()
    db = kept._conn()
    db.execute("INSERT INTO variants VALUES ('x', 'v', 'p', 'core', ?)", (data,))
    db.commit()
    assert kept.get("x", "v", "p", "core") is None


def test_a_store_that_cannot_be_opened_is_no_store(tmp_path):
    (tmp_path / "file").write_text("not a folder")
    s = store.use(tmp_path / "file" / "variants.sqlite")
    try:
        v = exercises.load()["power-rule-roots"].variant(2)
        assert v.answer is not None and s.broken
    finally:
        store.use(None)


def test_the_store_location_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("CALCTUTOR_CACHE", str(tmp_path / "v.sqlite"))
    assert store.default_path() == tmp_path / "v.sqlite"
    monkeypatch.setenv("CALCTUTOR_CACHE", "off")
    assert store.default_path() is None
    monkeypatch.delenv("CALCTUTOR_CACHE")
    monkeypatch.setenv("CALCTUTOR_HOME", str(tmp_path))
    assert store.default_path() == tmp_path / "variants.sqlite"
