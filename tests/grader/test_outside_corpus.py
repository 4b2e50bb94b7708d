"""The outside corpus (tests/data/outside/*.toml): other graders' test suites, graded by grader.check.

Every row carries the verdict its source states (equivalent, not equivalent, invalid), or, where the
source follows a convention of its own, the expectation we chose (README.md in that folder). A row
is graded right when the checker's status is one the row accepts: `correct` for an equivalent row;
`incorrect` or `partial` for a wrong answer; `invalid` for unreadable or undefined input. Undecided,
an exception, or any other status is wrong. The bar (issue 12): at least 98 % right, and no wrong
answer graded correct.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from grader.corpus import load_outside

OUTSIDE = Path(__file__).resolve().parents[1] / "data" / "outside"
FILES = sorted(OUTSIDE.glob("*.toml"))
CASES = load_outside(*FILES)


def _grade(case) -> tuple[str, str]:
    """(status, short explanation); an exception is graded as the status 'error'."""
    try:
        v = case.check()
    except Exception as exc:  # noqa: BLE001 - a crash is a wrong verdict, recorded as such
        return "error", f"{type(exc).__name__}: {exc}"
    text = v.feedback or v.error or ""
    return v.status, text.splitlines()[0] if text else ""


@pytest.fixture(scope="module")
def graded():
    return [(case, *_grade(case)) for case in CASES]


def _listing(rows) -> str:
    return "\n".join(f"  {c.id}: {c.reference!r} vs {c.answer!r}: expected {'/'.join(c.accept)}, got {s} ({why[:100]})"
                     for c, s, why in rows)


def test_the_corpus_is_large_wide_and_sourced():
    assert len(CASES) >= 400
    systems = Counter(c.source["system"] for c in CASES)
    assert len([s for s in systems if not s.startswith("calctutor")]) >= 4, systems
    assert all(c.source.get("repository") and c.source.get("path") for c in CASES)
    assert len({c.id for c in CASES}) == len(CASES), "row ids must be unique"
    wrong_answers = [c for c in CASES if c.expected == "not equivalent"]
    assert len(wrong_answers) >= 150, "the corpus needs many wrong answers: a wrong answer graded right is the worst failure"
    issue_classes = {c.id.rsplit("-", 1)[0] for c in CASES if c.source["key"] == "issue12"}
    assert len(issue_classes) == 13, issue_classes


def test_conventions_say_what_we_expect_instead():
    conventional = [c for c in CASES if c.convention]
    assert conventional, "the README's decisions appear as rows"
    for c in conventional:
        assert c.accept, c.id
        assert len(c.convention) > 20, f"{c.id}: a convention says why"


def test_no_wrong_answer_is_graded_correct(graded):
    accepted_wrong = [(c, s, why) for c, s, why in graded if "correct" not in c.accept and s == "correct"]
    assert not accepted_wrong, f"{len(accepted_wrong)} wrong answer(s) graded correct:\n{_listing(accepted_wrong)}"


def test_the_outside_corpus_is_graded_right(graded):
    wrong = [(c, s, why) for c, s, why in graded if s not in c.accept]
    accuracy = 1 - len(wrong) / len(graded)
    assert accuracy >= 0.98, f"{accuracy:.1%} right ({len(wrong)} of {len(graded)} wrong):\n{_listing(wrong)}"


def _write(tmp_path, rows: str) -> Path:
    path = tmp_path / "corpus.toml"
    path.write_text('[[source]]\nkey = "s"\nsystem = "S"\nrepository = "o/r"\npath = "t.py"\n\n'
                    f'[[group]]\nid = "g"\nsource = "s"\noptions = {{digits = 3}}\nrows = [\n{rows}\n]\n', encoding="utf-8")
    return path


def test_the_loader_maps_verdicts_and_keeps_the_source(tmp_path):
    rows = load_outside(_write(tmp_path, '''
  ["x^2", "x*x", "equivalent"],
  ["x^2", "2x", "not equivalent", {options = {variables = ["x"]}}],
  ["1", "1/0", "invalid"],
  ["x=2", "(x-2)^2=0", "not equivalent", {convention = "counts multiplicity", our_expectation = "equivalent"}],
  ["(1,2)", "1", "not equivalent", {accept = ["incorrect", "invalid"]}],'''))
    assert [r.id for r in rows] == ["g-1", "g-2", "g-3", "g-4", "g-5"]
    assert [r.accept for r in rows] == [("correct",), ("incorrect", "partial"), ("invalid",), ("correct",),
                                        ("incorrect", "invalid")]
    assert rows[1].options == {"digits": 3, "variables": ["x"]}  # the row's options add to the group's
    assert rows[3].expected == "not equivalent"  # the source's verdict is kept beside ours
    assert all(r.source["repository"] == "o/r" for r in rows)


@pytest.mark.parametrize("row, message", [
    ('["x", "x", "same"]', "verdict"),
    ('["x", "y", "equivalent", {convention = "a rule of the source"}]', "our_expectation"),
])
def test_the_loader_refuses_rows_it_cannot_grade(tmp_path, row, message):
    with pytest.raises(ValueError, match=message):
        load_outside(_write(tmp_path, row))
