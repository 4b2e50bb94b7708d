"""Reading a teacher's inputs: assignment file, roster, submissions (CSV, JSON Lines, folder)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from grader.batch.assignment import AssignmentError, load_assignment
from grader.batch.roster import InputError, read_roster
from grader.batch.sheet import sheet_text
from grader.batch.submissions import read_submissions, write_submission

DATA = Path(__file__).parents[1] / "data" / "teacher"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# ----------------------------------------------------------------- assignment


def test_the_course_assignment_reads_with_bank_points_and_overrides():
    a, bank = load_assignment(DATA / "week5.toml")
    assert len(a.exercises) == 20 and a.exercises[0] == "power-rule-negative-exponent"
    assert a.points["log-times-x"] == 3  # overridden in [points]
    assert a.points["power-rule-roots"] == bank["power-rule-roots"].points  # the bank's
    assert a.possible == sum(a.points.values())
    assert a.time_limit == 20
    assert len(a.digest) == 64


def test_every_problem_in_an_assignment_is_reported_at_once(tmp_path):
    f = write(tmp_path / "a.toml", """
titel = "x"
exercises = ["gradient-at-pont", "log-times-x", "log-times-x"]
[points]
log-times-x = -1
chain-rule-root = 2
[options]
tolerence = 1
digits = 40
""")
    with pytest.raises(AssignmentError) as info:
        load_assignment(f)
    text = str(info.value)
    assert "unknown key 'titel'" in text and "did you mean 'title'" in text
    assert "no exercise 'gradient-at-pont'" in text and "did you mean 'gradient-at-point'" in text
    assert "'log-times-x' is listed twice" in text
    assert "points.log-times-x: points are a positive number" in text
    assert "'chain-rule-root' is not one of the assignment's exercises" in text
    assert "unknown option 'tolerence'" in text and "options.digits" in text


@pytest.mark.parametrize("content, words", [
    ("title = ", "not valid TOML"),
    ("title = 'x'", "list the exercise ids"),
    ("exercises = []", "the list is empty"),
    ("exercises = 'log-times-x'", "a list of exercise ids"),
    ("exercises = ['log-times-x']\n[options]\ntimeout = 5\ntime_limit = 4", "hard stop must be longer"),
])
def test_bad_assignment_files_say_what_is_wrong(tmp_path, content, words):
    with pytest.raises(AssignmentError, match=words):
        load_assignment(write(tmp_path / "a.toml", content))


def test_a_missing_or_binary_assignment_file_is_an_error(tmp_path):
    with pytest.raises(AssignmentError, match="no such assignment file"):
        load_assignment(tmp_path / "nope.toml")
    (tmp_path / "b.toml").write_bytes(b"\xff\xfe\x00title")
    with pytest.raises(AssignmentError, match="not UTF-8"):
        load_assignment(tmp_path / "b.toml")


def test_hint_costs_come_from_the_bank_unless_the_assignment_sets_one(tmp_path):
    a, bank = load_assignment(write(tmp_path / "a.toml", "exercises = ['gradient-at-point']"))
    ex = bank["gradient-at-point"]
    assert a.hint_cost(ex, 1) == sum(h.cost for h in ex.hints[:1])
    b, _ = load_assignment(write(tmp_path / "b.toml", "exercises = ['gradient-at-point']\n[options]\nhint_cost = 0.25"))
    assert b.hint_cost(ex, 2) == 0.5 and b.hint_cost(ex, 0) == 0


# --------------------------------------------------------------------- roster


def test_roster_keeps_order_and_reports_bad_rows(tmp_path):
    f = write(tmp_path / "r.csv", "Student,Email\nana,a@x\n\n,no-id@x\nben,b@x\nana,again@x\n")
    r = read_roster(f)
    assert r.students == ("ana", "ben")
    assert r.get("ana", "email") == "a@x"
    assert [(p.kind, p.line) for p in r.problems] == [("malformed", 4), ("duplicate", 6)]


def test_a_roster_without_a_student_column_is_refused(tmp_path):
    with pytest.raises(InputError, match="needs a 'student' column"):
        read_roster(write(tmp_path / "r.csv", "name,email\nAna,a@x\n"))


def test_the_fixture_roster_reads_with_accents():
    r = read_roster(DATA / "roster.csv")
    assert "chloé" in r and r.get("chloé", "name") == "Chloé Martin"


# ---------------------------------------------------------------- submissions


def test_csv_later_rows_replace_earlier_and_extra_columns_are_ignored(tmp_path):
    f = write(tmp_path / "s.csv", 'student,exercise,answer,time\n'
                                  'ana,log-times-x,ln(x),1\n'
                                  'ben,log-times-x,"1 + ln(x)",2\n'
                                  'ana,log-times-x,ln(x) + 1,3\n')
    subs = read_submissions(f)
    assert subs.answers[("ana", "log-times-x")].text == "ln(x) + 1"
    assert subs.answers[("ana", "log-times-x")].line == 4
    assert subs.replaced == 1 and not subs.problems


def test_malformed_csv_rows_are_reported_with_line_numbers_and_skipped(tmp_path):
    f = write(tmp_path / "s.csv", "student,exercise,answer,hints\n"
                                  "ana,gradient-at-point,(1, 2)\n"       # unquoted comma
                                  ",gradient-at-point,(1; 2)\n"          # no student
                                  "ben,gradient-at-point\n"              # no answer field
                                  "dev,gradient-at-point,\"(1, 2)\",x\n"  # bad hints: counted 0
                                  "eve,gradient-at-point,\"(1, 2)\",1\n")
    subs = read_submissions(f)
    assert [(p.line, p.kind) for p in subs.problems] == [(2, "malformed"), (3, "malformed"), (4, "malformed"),
                                                         (5, "malformed")]
    assert "put an answer that contains commas in double quotes" in subs.problems[0].message
    assert str(subs.problems[1]).startswith(f"{f}:3: no student")
    assert set(subs.answers) == {("dev", "gradient-at-point"), ("eve", "gradient-at-point")}
    assert subs.answers[("eve", "gradient-at-point")].hints == 1


def test_a_quoted_multiline_answer_keeps_the_line_it_starts_on(tmp_path):
    f = write(tmp_path / "s.csv", 'student,exercise,answer\nana,a,"x +\n1"\nben,a,2\n')
    subs = read_submissions(f)
    assert subs.answers[("ana", "a")].line == 2 and subs.answers[("ben", "a")].line == 4


def test_csv_without_the_needed_columns_is_refused(tmp_path):
    with pytest.raises(InputError, match="missing answer"):
        read_submissions(write(tmp_path / "s.csv", "student,exercise,response\nana,a,1\n"))


def test_jsonl_reports_bad_lines(tmp_path):
    rows = [{"student": "ana", "exercise": "a", "answer": "2x"}, "not json", [1, 2],
            {"student": "ben", "exercise": "a", "answer": 3}, {"student": "cy", "exercise": "a"}]
    text = "\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n"
    subs = read_submissions(write(tmp_path / "s.jsonl", text))
    assert subs.answers[("ben", "a")].text == "3"
    assert [(p.line, p.kind) for p in subs.problems] == [(2, "malformed"), (3, "malformed"), (5, "malformed")]
    assert "not valid JSON" in subs.problems[0].message


def test_non_utf8_submissions_are_refused_clearly(tmp_path):
    (tmp_path / "s.csv").write_bytes("student,exercise,answer\nzoë,a,1\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8 text"):
        read_submissions(tmp_path / "s.csv")


def test_a_folder_of_sheets_csv_and_jsonl(tmp_path):
    folder = tmp_path / "subs"
    folder.mkdir()
    write(folder / "ana.answers.txt", sheet_text("ana", [("a", "2x"), ("b", "")], title="Week 1"))
    write(folder / "ben.csv", "exercise,answer\na,3x\n")
    write(folder / "cy.jsonl", json.dumps({"exercise": "a", "answer": "4x"}) + "\n")
    write(folder / "notes.md", "ignored")
    write(folder / "dev.txt", "# a sheet without a student line\na: 5x\nthis line is wrong\n")
    subs = read_submissions(folder)
    assert {k: a.text for k, a in subs.answers.items()} == {
        ("ana", "a"): "2x", ("ben", "a"): "3x", ("cy", "a"): "4x", ("dev", "a"): "5x"}
    assert [(Path(p.source).name, p.line) for p in subs.problems] == [("dev.txt", 3)]


def test_write_submission_round_trips_in_every_format(tmp_path):
    answers = {"gradient-at-point": "(1, 2)", "log-times-x": 'ln(x) + 1 # "quoted"'}
    for name in ("ana.csv", "ana.jsonl", "ana.txt"):
        path = write_submission(tmp_path / name, "ana", answers, hints={"log-times-x": 2} if "csv" in name else None)
        subs = read_submissions(path)
        assert {e: a.text for (s, e), a in subs.answers.items() if s == "ana"} == answers, name
        assert not subs.problems
    assert read_submissions(tmp_path / "ana.csv").answers[("ana", "log-times-x")].hints == 2


def test_write_submission_appends_to_a_class_file(tmp_path):
    path = tmp_path / "class.csv"
    write_submission(path, "ana", {"a": "1"}, append=True)
    write_submission(path, "ben", {"a": "2"}, append=True)
    write_submission(path, "ana", {"a": "3"}, append=True)
    subs = read_submissions(path)
    assert subs.answers[("ana", "a")].text == "3" and subs.answers[("ben", "a")].text == "2"
    assert path.read_text().count("student,exercise,answer") == 1


def test_a_quoted_answer_with_an_open_bracket_is_still_an_answer(tmp_path):
    f = write(tmp_path / "s.csv", 'student,exercise,answer,when\nana,a,"(1, 2",late\nben,a,(1, 2),late\n')
    subs = read_submissions(f)
    assert subs.answers[("ana", "a")].text == "(1, 2"  # unreadable, but the student's answer: graded invalid
    assert [p.line for p in subs.problems] == [3]  # ben's unquoted comma split the answer
