"""The full example in docs/bank.md is a valid bank file whose answer agrees with the engine."""
import re
from pathlib import Path

import pytest

import exercises
from grader.checking import check_variant

DOC = Path(__file__).resolve().parents[2] / "docs" / "bank.md"


def test_the_documented_example_loads_and_validates(tmp_path):
    pytest.importorskip("tutor.engine.descent")
    pytest.importorskip("grader.verdict")
    block = re.findall(r"```toml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)[0]
    path = tmp_path / "example.toml"
    path.write_text(block, encoding="utf-8")
    bank = exercises.load(path)
    ex = bank["gd-one-step-parabola"]
    assert [h.cost for h in ex.hints] == [0.5, 1] and ex.options == {"tolerance": 1e-3}
    from exercises.validate import validate

    report = validate(bank, seeds=2, grade=check_variant)
    assert report.ok, [str(p) for p in report.problems]


def _doc_block(marker: str, fence: str = "```") -> str:
    """The first fenced block of docs/bank.md that contains ``marker``."""
    blocks = re.findall(fence + r"\w*\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    return next(b for b in blocks if marker in b)


@pytest.fixture()
def parts_example(tmp_path):
    path = tmp_path / "line_fit.toml"
    path.write_text(_doc_block("[[exercise.parts]]"), encoding="utf-8")
    return path


def test_the_documented_multipart_example_validates_with_follow_through(parts_example):
    from exercises.validate import validate
    from grader.parts import check_parts

    bank = exercises.load(parts_example)
    ex = bank["line-fit-gradient-step"]
    assert [p.name for p in ex.parts] == ["grad", "step"] and ex.parts[1].refs == ("grad",)
    report = validate(bank, seeds=3, grade=check_variant, grade_parts=check_parts)
    assert report.ok, [str(p) for p in report.problems]
    assert "grad: (-8, -4); step: (1.8, 0.4)" in DOC.read_text(encoding="utf-8")
    assert ex.variant(2).answer_text == "grad: (-8, -4); step: (1.8, 0.4)"


def test_the_documented_grading_is_what_the_grader_says(parts_example, capsys):
    """The doc's `calctutor check` transcript, and the step wrong in its own right that it mentions."""
    from grader.parts import check_parts
    from tutor.cli import main

    shown = _doc_block("$ calctutor check --bank line_fit.toml")
    command, expected = shown.split("\n", 1)
    answer = command.rsplit('"', 2)[1]
    main(["check", "--bank", str(parts_example), "--exercise", "line-fit-gradient-step", "--seed", "2", answer])
    assert capsys.readouterr().out == expected
    variant = exercises.load(parts_example)["line-fit-gradient-step"].variant(2)
    carried = check_parts(variant, {"grad": "(-4, -4)", "step": "(1.4, 0.4)"}).part("step")
    assert carried.carried and carried.verdict.status == "carried" and carried.credit == 1
    own_error = check_parts(variant, {"grad": "(-4, -4)", "step": "(0.6, -0.4)"})
    assert own_error.part("step").credit == 0 and own_error.status == "incorrect"
