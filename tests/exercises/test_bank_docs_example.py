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
