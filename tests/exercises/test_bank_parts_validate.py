"""``bank validate`` for multi-part exercises (issue 14), and the multi-part content of the bank.

Every part's sample answer grades correct; each generated mistake of an early part, carried
into a later part that uses it, grades "carried"; a broken bank names each problem.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import exercises
from exercises.validate import validate
from exercises.validate_parts import check_follow_through
from grader.checking import check_variant
from grader.parts import check_parts
from tutor.cli import main

BANKS = Path(__file__).parents[1] / "data" / "banks"
BROKEN = BANKS / "broken_parts.toml"
BROKEN_REFS = BANKS / "broken_part_refs.toml"

# the chains issue 14 names, each with the parts it must ask in order
NAMED_CHAINS = {
    "line-fit-chain": ("loss", "grad", "step"),  # the core's example: loss of one data point -> gradient -> step
    "critical-classify-chain": ("grad", "point", "kind"),
    "tangent-line-chain": ("deriv", "slope", "tangent"),
    "directional-steepest-chain": ("grad", "rate", "steepest", "max_rate"),
    "ls-normal-solution-step-chain": ("xtx", "xty", "beta", "step"),
    "neuron-backprop-chain": ("z", "a", "dl_da", "da_dz", "dl_dw"),
    "momentum-two-steps-chain": ("g0", "x1", "g1", "x2"),
    "adam-first-step-chain": ("g", "m", "v", "m_hat", "v_hat", "x1"),
    "difference-quotient-limit-chain": ("quotient", "chord", "derivative"),
    "limit-two-paths-chain": ("axis", "line", "verdict"),
    "lr-stability-chain": ("curvature", "bound", "factor", "behaviour"),
}


@pytest.fixture(scope="module")
def bank():
    return exercises.load()


@pytest.fixture(scope="module")
def chains(bank):
    return [ex for ex in bank.values() if ex.is_multipart]


def test_the_bank_has_fifteen_chains_across_the_course(chains):
    assert len(chains) >= 15
    assert len({ex.topic for ex in chains}) >= 12


def test_every_chain_the_issue_names_is_there_with_its_parts(bank):
    for ex_id, names in NAMED_CHAINS.items():
        assert tuple(p.name for p in bank[ex_id].parts) == names, ex_id


def test_later_parts_use_earlier_parts(chains):
    """Error carried forward means something only where a later part refers to an earlier one."""
    for ex in chains:
        assert any(p.refs for p in ex.parts), ex.id
        names = [p.name for p in ex.parts]
        for i, part in enumerate(ex.parts):
            assert set(part.refs) <= set(names[:i]), (ex.id, part.name)


def test_every_chain_validates_with_follow_through(bank, chains):
    report = validate(bank, seeds=2, exercises=chains, grade=check_variant, grade_parts=check_parts)
    assert report.ok, [str(p) for p in report.problems]
    # each part graded, plus the whole answer and the carried mistakes
    assert report.checks > sum(len(ex.parts) for ex in chains) * report.variants / len(chains)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=10**6),
       ex_id=st.sampled_from(["tangent-line-chain", "directional-steepest-chain", "momentum-two-steps-chain",
                              "partial-as-slice-chain", "sgd-minibatch-step-chain"]))
def test_each_generated_mistake_is_carried_into_the_next_part(bank, ex_id, seed):
    """For any variant: an early part's generated mistake, followed consistently, grades carried."""
    variant = bank[ex_id].variant(seed)
    problems, graded = check_follow_through(variant, check_parts)
    assert problems == []
    assert graded >= 1  # these chains all have an early part with generated mistakes


def test_a_carried_step_is_carried_and_never_correct(bank):
    ex = bank["directional-steepest-chain"]
    variant = ex.variant(0)
    grad = variant.part("grad")
    mistake = next(iter(grad.mistakes))
    built = ex.part_variant(0, "rate", {"grad": mistake.expr})
    verdict = check_parts(variant, {"grad": _text(mistake.expr), "rate": built.answer_text})
    assert verdict.part("grad").verdict.status != "correct"
    assert verdict.part("rate").carried and verdict.part("rate").verdict.status == "carried"
    assert verdict.part("rate").credit == 1


def test_validate_names_each_problem_of_the_broken_bank(capsys):
    status = main(["bank", "validate", str(BROKEN), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert status == 1 and not report["ok"]
    found = {(p["exercise"], p["field"]): p["message"] for p in report["problems"]}
    assert "is not a real number" in found[("parts-root-of-a-mistake", "parts.root")]
    assert "'gd-learning-rate-forgotten'" in found[("parts-root-of-a-mistake", "parts.root")]
    assert "grades correct, not carried forward" in found[("parts-hidden-reference", "parts.shifted")]
    assert "disagrees with the engine" in found[("parts-wrong-authored-answer.deriv", "answer")]
    assert {p["exercise"] for p in report["problems"]} == {
        "parts-root-of-a-mistake", "parts-hidden-reference", "parts-wrong-authored-answer.deriv"}


def test_a_wrong_reference_stops_the_bank_loading_with_the_field_named(capsys):
    status = main(["bank", "validate", str(BROKEN_REFS)])
    err = capsys.readouterr().err
    assert status == 2
    assert "parts-unknown-name" in err and "did you mean" in err and "grad" in err
    assert "parts-later-name" in err and "step" in err


def test_without_the_parts_grader_each_part_is_still_checked(bank):
    broken = exercises.load(BROKEN)
    report = validate(broken, seeds=1, grade=check_variant)
    assert [(p.exercise, p.field) for p in report.problems] == [("parts-wrong-authored-answer.deriv", "answer")]


def _text(expr):
    from tutor import to_text

    return expr if isinstance(expr, str) else to_text(expr)
