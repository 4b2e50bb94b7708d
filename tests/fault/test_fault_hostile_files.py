"""Hostile teacher files: duplicate columns, broken quotes, formulas, escapes, colliding ids, odd line breaks.

Each test names the case of issue 18 it covers; all run fast (no grading workers).
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from grader.batch import gradebook, review
from grader.batch.assignment import Assignment
from grader.batch.cells import TRIGGERS, from_cell, to_cell
from grader.batch.gradebook import Cell, Gradebook
from grader.batch.model import Answer, Outcome, Problem
from grader.batch.roster import InputError, read_roster
from grader.batch.submissions import read_submissions, write_submission
from grader.reports.page import md_cell, md_code, safe_name, unique_names

pytestmark = pytest.mark.fault


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="")
    return path


# ------------------------------------------------- 18.4 duplicate or ambiguous columns


@pytest.mark.parametrize("header, clash", [
    ("Student, EXERCISE ,Answer,answer", "answer"),
    ("student,exercise,answer,STUDENT", "student"),
    ("student,exercise,answer,hints, Hints ", "hints"),
    ("student,Exercise,exercise ,answer", "exercise"),
])
def test_a_submission_header_naming_a_column_twice_is_refused(tmp_path, header, clash):
    f = write(tmp_path / "s.csv", f"{header}\nana,log-times-x,1,2\n")
    with pytest.raises(InputError) as err:
        read_submissions(f)
    message = str(err.value)
    assert f"mean {clash!r}" in message and "column" in message and "s.csv:1" in message


def test_the_issue_header_names_both_answer_columns(tmp_path):
    f = write(tmp_path / "s.csv", "Student, EXERCISE ,Answer,answer\nana,log-times-x,3ln(x)+3,0\n")
    with pytest.raises(InputError, match=r"'Answer' \(column 3\) and 'answer' \(column 4\)"):
        read_submissions(f)


def test_a_roster_naming_a_column_twice_is_refused(tmp_path):
    f = write(tmp_path / "r.csv", "student,Name,name\nana,Ana,Anna\n")
    with pytest.raises(InputError, match="'Name' \\(column 2\\) and 'name' \\(column 3\\) all mean 'name'"):
        read_roster(f)


def test_repeated_columns_the_reader_ignores_are_harmless(tmp_path):
    f = write(tmp_path / "s.csv", "student,exercise,answer,note,NOTE\nana,e1,2x,a,b\n")
    assert read_submissions(f).answers[("ana", "e1")].text == "2x"


def test_the_grade_command_exits_2_on_a_duplicate_column(tmp_path):
    from faults import calctutor

    f = write(tmp_path / "s.csv", "Student, EXERCISE ,Answer,answer\nana,log-times-x,3ln(x)+3,0\n")
    week = Path(__file__).parents[1] / "data" / "teacher" / "week5.toml"
    done = calctutor("grade", f, "--assignment", week, "--out", tmp_path / "g.csv")
    assert done.returncode == 2 and "all mean 'answer'" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "g.csv").exists()


# ------------------------------------------------- 18.14 a quote that never closes


def test_an_unclosed_quote_skips_only_its_row_and_names_the_student(tmp_path):
    f = write(tmp_path / "s.csv", 'student,exercise,answer\nana,e1,2x\nben,e1,"(1, 2\ncy,e1,3\ndee,e1,4\n')
    subs = read_submissions(f)
    assert sorted(subs.answers) == [("ana", "e1"), ("cy", "e1"), ("dee", "e1")]
    [problem] = subs.problems
    assert problem.line == 3 and problem.student == "ben" and "never closes" in problem.message


def test_a_quote_closed_further_down_does_not_swallow_the_rows_between(tmp_path):
    f = write(tmp_path / "s.csv",
              'student,exercise,answer\nben,e1,"(1, 2\ncy,e1,3\ndee,e1,"(3, 4)"\neve,e1,5\n')
    subs = read_submissions(f)
    assert {s for s, _ in subs.answers} == {"cy", "dee", "eve"}
    assert subs.answers[("dee", "e1")].text == "(3, 4)"
    assert [p.student for p in subs.problems] == ["ben"]


def test_a_legitimate_multiline_quoted_answer_still_reads(tmp_path):
    f = write(tmp_path / "s.csv", 'student,exercise,answer\nana,e1,"a\nb"\nben,e1,2\n')
    subs = read_submissions(f)
    assert subs.answers[("ana", "e1")].text == "a\nb" and subs.answers[("ben", "e1")].line == 4
    assert not subs.problems


def test_an_unclosed_quote_in_a_roster_keeps_the_students_after_it(tmp_path):
    f = write(tmp_path / "r.csv", 'student,name\nana,"Ana\nben,Ben\ncy,Cy\n')
    roster = read_roster(f)
    assert roster.students == ("ben", "cy")
    assert [p.student for p in roster.problems] == ["ana"]


@given(st.lists(st.sampled_from(["ana", "ben", "cy", "dee", "eve", "fay"]), min_size=1, max_size=6, unique=True),
       st.data())
def test_one_broken_row_never_costs_another_students_answer(students, data):
    """Property: whichever row carries an unclosed quote, every other student's answer is read."""
    broken = data.draw(st.sampled_from(students))
    rows = [f'{s},e1,"(1, 2' if s == broken else f"{s},e1,{i}" for i, s in enumerate(students)]
    subs = read_submissions_text("student,exercise,answer\n" + "\n".join(rows) + "\n")
    assert {s for s, _ in subs.answers} == set(students) - {broken}
    assert [p.student for p in subs.problems] == [broken]


def read_submissions_text(text: str):
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        return read_submissions(write(Path(d) / "s.csv", text))


# ------------------------------------------------- 18.14 JSON Lines with Unicode line separators


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\u0085", "\x0b", "\x0c", "\x1c"])
def test_jsonl_answers_with_unicode_line_breaks_round_trip(tmp_path, sep):
    answer = f"2x{sep}+ 1"
    f = write_submission(tmp_path / "s.jsonl", "ana", {"e1": answer, "e2": "3"})
    subs = read_submissions(f)
    assert subs.answers[("ana", "e1")].text == answer and subs.answers[("ana", "e2")].line == 2
    assert not subs.problems


@given(st.text(min_size=1).filter(lambda t: t.strip()))
def test_any_answer_round_trips_through_jsonl_and_csv(answer):
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        for suffix in (".jsonl", ".csv"):
            f = write_submission(Path(d) / f"s{suffix}", "ana", {"e1": answer})
            assert read_submissions(f).answers[("ana", "e1")].text == answer, suffix


# ------------------------------------------------- 18.13 formula injection


FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
            "\t=1+1", "\r=1+1"]


def _book(students, info, assignment):
    cells = {(s, e): Cell("correct", 1.0) for s in students for e in assignment.exercises}
    return Gradebook(assignment, tuple(students), cells, info)


def _cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text)) for c in row]


@pytest.mark.parametrize("fmt", gradebook.FORMATS)
def test_no_gradebook_cell_starts_like_a_formula(fmt):
    a = Assignment("=cmd()", ("e1",), {"e1": 1.0}, {})
    students = [f"s{i}{f}" if i % 2 else f for i, f in enumerate(FORMULAS)]
    info = {s: {"name": f, "email": f, "section": f} for s, f in zip(students, FORMULAS)}
    cells = _cells(gradebook.render(_book(students, info, a), fmt))
    assert cells and not [c for c in cells if c.startswith(TRIGGERS)]
    assert "'" + FORMULAS[0] in cells and "'-2+3" in cells


def test_no_review_cell_starts_like_a_formula_and_answers_read_back_unchanged(tmp_path):
    answers = {("=x", "e1"): Answer("=x", "e1", FORMULAS[0], source="s.csv", line=2),
               ("ben", "e1"): Answer("ben", "e1", "-2x + 1", source="s.csv", line=3)}
    outcomes = {k: Outcome(k[0], k[1], "d", "invalid", 0.0, error="-cannot read") for k in answers}
    rows = review.review_rows(["=x", "ben"], ["e1"], answers, outcomes, [Problem("malformed", "@bad", "+f.csv", 4)])
    text = review.render(rows)
    assert not [c for c in _cells(text) if c.startswith(TRIGGERS)]
    again = read_submissions(write(tmp_path / "review.csv", text))  # student, exercise, answer columns
    assert again.answers[("=x", "e1")].text == FORMULAS[0]
    assert again.answers[("ben", "e1")].text == "-2x + 1"


@pytest.mark.parametrize("number", ["-3", "+0.5", "-1e3", "-.25", "2", "-0"])
def test_plain_numbers_keep_their_meaning(number):
    assert to_cell(number) == number and from_cell(to_cell(number)) == number


@given(st.text())
def test_a_cell_is_safe_and_reads_back(text):
    cell = to_cell(text)
    assert not cell.startswith(TRIGGERS) or re.fullmatch(r"[+-][\d.eE+-]+", cell)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", cell)  # no terminal escape survives
    if not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text):
        assert from_cell(cell) == text  # '=x too: it is written ''=x


def test_terminal_escapes_in_ids_and_answers_are_shown_not_sent(tmp_path):
    evil = "ana\x1b[2J\x1b]0;pwned\x07"
    answers = {(evil, "e1"): Answer(evil, "e1", "2x\x9b31m\r", source="s.csv", line=2)}
    outcomes = {(evil, "e1"): Outcome(evil, "e1", "d", "undecided", 0.0, note="slow")}
    text = review.render(review.review_rows([evil], ["e1"], answers, outcomes, []))
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text and "\r" not in text
    assert "ana\u241b[2J" in text and "<U+009B>" in text


def test_the_progress_export_is_spreadsheet_safe(tmp_path):
    from tutor.repl.store import ProgressStore

    store = ProgressStore(tmp_path / "p.sqlite3")
    store.record_attempt(user="ana", exercise="e1", answer='=HYPERLINK("x")', status="incorrect", score=0,
                         points=1, credit=0, feedback="-no")
    store.export_csv(tmp_path / "out.csv")
    cells = _cells((tmp_path / "out.csv").read_text(encoding="utf-8"))
    assert "'=HYPERLINK(\"x\")" in cells and "'-no" in cells
    store.close()


# ------------------------------------------------- 18.6 file names


def test_long_ids_that_differ_past_the_cut_get_different_files():
    a, b = "a" * 80 + "1", "a" * 80 + "2"
    assert safe_name(a) != safe_name(b) and len(safe_name(a)) < 100


@given(st.lists(st.text(min_size=1, max_size=90), min_size=1, max_size=8, unique=True))
def test_file_names_are_unique_even_on_a_case_insensitive_disk(ids):
    names = unique_names(ids)
    assert len({n.casefold() for n in names.values()}) == len(ids)
    assert all(re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9._-]*", n) and len(n.encode()) < 200 for n in names.values())


def test_ids_differing_only_in_case_get_two_files():
    names = unique_names(["Ana", "ana", "ANA"])
    assert len({n.casefold() for n in names.values()}) == 3 and names["ana"] == "ana"


# ------------------------------------------------- 18.14 Markdown reports carry no raw HTML


def test_markdown_cells_and_code_carry_no_raw_html():
    assert "<" not in md_cell("<img src=x onerror=alert(1)>") and "|" not in md_cell("a|b").replace("\\|", "")
    code = md_code("x `` <b>")
    assert code.startswith("```") and code.endswith("```")


def test_a_student_page_in_markdown_escapes_names_feedback_and_answers(tmp_path):
    from grader.reports.feedback import ReportData, student_markdown

    a = Assignment("<b>Week</b>", ("e1",), {"e1": 1.0}, {})
    evil = "<script>alert(1)</script>"
    book = Gradebook(a, ("ana",), {("ana", "e1"): Cell("incorrect", 0.0)}, {"ana": {"name": evil}})
    answers = {("ana", "e1"): Answer("ana", "e1", "x ``` <i>", source="s", line=2)}
    outcomes = {("ana", "e1"): Outcome("ana", "e1", "d", "incorrect", 0.0, feedback=f"You wrote {evil}",
                                       error="```\n<img src=x>")}
    md = student_markdown(ReportData(book, answers, outcomes, {"e1": evil}, {}, {}), "ana")
    outside_code = re.sub(r"(`+).*?\1", "", re.sub(r"^(`{3,})\n.*?\n\1$", "", md, flags=re.S | re.M))
    assert "<script" not in outside_code and "<b>" not in outside_code and "<img" not in outside_code
    assert "&lt;script&gt;" in md
