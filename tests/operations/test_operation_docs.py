"""The calculator examples in docs/repl.md run as written, each giving a result (not an error)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tutor.repl.calculator import CALCULATOR

DOC = (Path(__file__).parents[2] / "docs" / "repl.md").read_text(encoding="utf-8")
BLOCK = DOC.split("and every `--option` works in the tutor too:\n\n```\n")[1].split("```")[0]
EXAMPLES = [example for row in BLOCK.splitlines() for example in re.split(r"\s{3,}", row)[1:]
            if example.split(" ")[0] in CALCULATOR]


def test_the_block_lists_every_command_with_its_derived_usage():
    usages = [re.split(r"\s{3,}", row)[0].strip() for row in BLOCK.splitlines()]
    assert usages == [c.usage for c in CALCULATOR.values() if c.name != "parse"] + ["parse TEXT"]
    assert len(EXAMPLES) >= len(CALCULATOR) - 1


@pytest.mark.parametrize("example", EXAMPLES)
def test_each_documented_example_gives_a_result(example, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name, _, words = example.partition(" ")
    if name == "plot":
        assert CALCULATOR[name].run(words) == ["figure saved to saddle.png"]
        assert (tmp_path / "saddle.png").stat().st_size > 5000
        return
    (said,) = CALCULATOR[name].run(words, "json")
    assert json.loads(said)["type"] in ("Derivation", "Gradient", "Hessian", "Tangent", "Taylor",
                                        "DifferenceQuotient", "CriticalPoints", "LevelCurves", "SurfaceKind",
                                        "LimitResult", "Descent", "Sweep")
