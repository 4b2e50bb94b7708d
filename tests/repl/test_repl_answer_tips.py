"""The tutor's screen and the teacher's sheets read one tip table (exercises.answer_tips)."""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from exercises.answer_tips import TIPS, answer_tip, plain_tip
from grader.reports import sheets
from tutor.repl import views


def _unmarked(markdown: str) -> str:
    return re.sub(r"`([^`]+)`", lambda m: m.group(1), markdown)


@pytest.mark.parametrize("kind", sorted(TIPS))
def test_repl_and_sheet_give_the_same_words_for_every_kind(kind):
    variant = SimpleNamespace(kind=kind, answer_text="(1, 2)", answer=None, grading={})
    on_screen = views.kind_tip(SimpleNamespace(kind=kind), variant)
    on_sheet = sheets.answer_tip(kind)
    assert on_screen.startswith("Type ") and on_screen.endswith(".")
    assert "`" not in on_screen
    assert _unmarked(on_sheet) in on_screen.replace("';'", ";")


@pytest.mark.parametrize("classify, points, sample", [
    (True, True, "(0, 0) saddle; (1, 1) minimum"),
    (True, False, "-1 maximum; 2 minimum"),
    (False, False, "{-1, 2}"),
    (False, True, "{(0, 0), (1, -2)}"),
])
def test_point_sets_say_whether_kinds_are_wanted(classify, points, sample):
    assert sample in answer_tip("point_set", classify, points)
    assert sample in plain_tip("point_set", classify, points)
    assert ("kind" in answer_tip("point_set", classify, points)) is classify


def test_a_separator_stays_visible_in_plain_text():
    assert "separated by ';'" in plain_tip("point_set", classify=True)


def test_unknown_kind_no_tip_on_screen_expression_tip_on_sheets():
    assert answer_tip("sketch") is None and plain_tip("sketch") is None
    assert views.kind_tip(SimpleNamespace(kind="sketch"), SimpleNamespace(kind="sketch")) is None
    assert sheets.answer_tip("sketch") == TIPS["expression"]


def test_the_table_module_stays_free_of_sympy():
    import subprocess
    import sys

    code = "import sys, exercises.answer_tips; print('sympy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
