"""The teacher's loop with their LMS: rosters as exported, grades back in, review decisions, regrade after a fix.

Rosters are the samples in tests/data/lms (see its README for where each layout
comes from). Expected grades are worked out here from what was handed in: a
right answer earns the exercise's points, a wrong or missing one 0.
"""
from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.batch.cells import CELL_LIMIT, fit
from grader.batch.csvread import InputError
from grader.batch.roster import read_roster

LMS = Path(__file__).parents[1] / "data" / "lms"
QUIZ = 'title = "Week 5 quiz"\nexercises = ["lr-too-small", "cubic-slope-at-point"]\n'


def calctutor(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tutor", *args], capture_output=True, text=True, timeout=300,
                          cwd=cwd)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


# ------------------------------------------------------------------ rosters

@pytest.mark.parametrize("sample, layout, id_column, students, skipped", [
    ("canvas_export.csv", "Canvas gradebook export", "SIS Login ID", ("asouza", "bokafor", "cmartin"),
     ["'Points Possible'", "'Manual Posting'", "'Student, Test': Canvas's test student"]),
    ("moodle_grades.csv", "Moodle export", "ID number", ("S1001", "S1002", "S1003"), []),
    ("moodle_participants.csv", "Moodle export", "ID number", ("S1001", "S1002", "S1003"),
     ["'Tom Teacher': role 'Teacher'"]),
    ("gradescope_roster.csv", "Gradescope roster", "SID", ("S1001", "S1002", "S1003"),
     ["'Tia Assistant': role 'TA'", "'Ian Instructor': role 'Instructor'"]),
])
def test_each_lms_export_reads_as_a_roster_of_its_students_only(sample, layout, id_column, students, skipped):
    roster = read_roster(LMS / sample)
    assert roster.students == students and roster.layout == layout and roster.id_column == id_column
    assert not roster.problems and len(roster.skipped) == len(skipped)
    for words, line in zip(skipped, roster.skipped):
        assert words in line
    assert roster.get(students[0], "name") == "Ana Souza"
    said = "\n".join(roster.describe())
    assert f"student id: {id_column}" in said and (not skipped or "not a student" in said)


def test_the_id_is_the_first_column_every_student_fills(tmp_path):
    # no SIS Login ID for one student: SIS User ID is used for all, and said
    roster = read_roster(write(tmp_path / "c.csv", "Student,ID,SIS User ID,SIS Login ID,Section\n"
                               "    Points Possible,,,,\n\"Souza, Ana\",1,S1,asouza,A\n\"Okafor, Ben\",2,S2,,A\n"))
    assert roster.students == ("S1", "S2") and roster.id_column == "SIS User ID"
    gs = read_roster(write(tmp_path / "g.csv", "First Name,Last Name,SID,Email,Role\nAna,Souza,,ana@x,Student\n"))
    assert gs.students == ("ana@x",) and gs.id_column == "Email"


def test_an_unknown_layout_is_refused_naming_the_columns_each_layout_needs(tmp_path):
    with pytest.raises(InputError) as err:
        read_roster(write(tmp_path / "r.csv", "Name,Mail\nAna,ana@x\n"))
    text = str(err.value)
    assert "found: Name, Mail" in text and "needs a 'student' column" in text
    for needed in ("SIS Login ID", "Surname or Last Name, Email Address", "First Name, Last Name, SID, Email"):
        assert needed in text


@settings(max_examples=40, deadline=None)
@given(order=st.permutations(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Quiz (1)"]),
       pseudo=st.lists(st.sampled_from(["    Points Possible", "Manual Posting", "Muted"]), max_size=3))
def test_canvas_is_recognised_in_any_column_order_and_its_added_rows_never_become_students(order, pseudo):
    at = {c: i for i, c in enumerate(order)}
    lines = [",".join(order)]
    for name in pseudo:
        cells = [""] * len(order)
        cells[at["Student"]] = name
        lines.append(",".join(cells))
    for n, login in enumerate(["asouza", "bokafor"]):
        cells = [""] * len(order)
        cells[at["Student"]], cells[at["ID"]], cells[at["SIS Login ID"]] = f"Name{n}", str(n + 1), login
        lines.append(",".join(cells))
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        roster = read_roster(write(Path(tmp) / "c.csv", "\n".join(lines) + "\n"))
    assert roster.kind == "canvas" and roster.students == ("asouza", "bokafor") and len(roster.skipped) == len(pseudo)


# ---------------------------------------------------- assign and grade, end to end

def _hand_in(sheets: Path, student: str, answer_of: dict[str, str]) -> None:
    """The student fills in their sheet; the other sheets are not handed in."""
    sheet = next(sheets.glob(f"{student}*.answers.txt"))
    text = sheet.read_text(encoding="utf-8")
    for exercise, answer in answer_of.items():
        text = text.replace(f"{exercise}:\n", f"{exercise}: {answer}\n")
    sheet.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("sample, first", [("canvas_export.csv", "asouza"), ("moodle_grades.csv", "S1001"),
                                           ("moodle_participants.csv", "S1001"), ("gradescope_roster.csv", "S1001")])
def test_an_lms_export_drives_assign_and_grade(tmp_path, sample, first):
    import exercises

    assignment, sheets = write(tmp_path / "a.toml", QUIZ), tmp_path / "sheets"
    done = calctutor("assign", str(assignment), "--roster", str(LMS / sample), "--out", str(sheets), "--workers", "1")
    assert done.returncode == 0, done.stderr
    assert "Wrote 3 sheets" in done.stdout and "student id:" in done.stdout
    right = exercises.load()["cubic-slope-at-point"].variant_for(first).answer_text
    _hand_in(sheets, first, {"lr-too-small": "b", "cubic-slope-at-point": right})
    for other in sheets.glob("*.answers.txt"):
        if not other.name.startswith(first):
            other.unlink()
    graded = calctutor("grade", str(sheets), "--assignment", str(assignment), "--roster", str(LMS / sample),
                       "--out", str(tmp_path / "g.csv"), "--workers", "1")
    assert graded.returncode == 0, graded.stderr
    assert "1 student of the 3 on the roster handed in 2 answers: 2 graded now" in graded.stdout
    book = rows(tmp_path / "g.csv")
    students = list(read_roster(LMS / sample).students)
    assert [r[0] for r in book[2:]] == students  # every student, none of the rows that are not students
    assert book[2] == [first, "1", "1", "2", "100.0"] and all(r[3] == "0" for r in book[3:])


# ----------------------------------------------------------- grades back in

@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """asouza: lr right, cubic unreadable; bokafor: lr wrong; cmartin: nothing. Graded against the Canvas export."""
    folder = tmp_path_factory.mktemp("lms")
    write(folder / "a.toml", QUIZ)
    write(folder / "s.csv", "student,exercise,answer\nasouza,lr-too-small,b\nasouza,cubic-slope-at-point,2x +* 3\n"
                            "bokafor,lr-too-small,a\n")
    return folder


def grade(folder: Path, *extra: str, subs: str = "s.csv", roster: str = "canvas_export.csv",
          assignment: str = "a.toml") -> subprocess.CompletedProcess:
    return calctutor("grade", str(folder / subs), "--assignment", str(folder / assignment), "--roster",
                     str(LMS / roster), "--out", str(folder / "g.csv"), "--workers", "1", *extra)


def test_the_canvas_import_file_has_one_assignment_column_and_the_identity_columns(graded):
    done = grade(graded, "--lms", "canvas", "--lms-export", str(LMS / "canvas_export.csv"))
    assert done.returncode == 0, done.stderr
    table = rows(graded / "g.canvas.csv")
    assert table[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Week 5 quiz (48213)"]
    assert table[1] == ["Points Possible", "", "", "", "", "2"]
    assert table[2:] == [["Souza, Ana", "1101", "S1001", "asouza", "MATH 201-01", "1"],
                         ["Okafor, Ben", "1102", "S1002", "bokafor", "MATH 201-01", "0"],
                         ["Martin, Chloé", "1103", "S1003", "cmartin", "MATH 201-02", "0"]]
    assert "the column 'Week 5 quiz (48213)'" in done.stdout
    detail = rows(graded / "g.detail.csv")
    assert detail[0][:6] == ["student", "exercise", "part", "status", "points", "possible"]
    assert ["asouza", "cubic-slope-at-point", "", "invalid", "0", "1"] == detail[2][:6]
    # another column of the export, by name; an unknown one is refused with the columns there are
    other = grade(graded, "--lms", "canvas", "--lms-export", str(LMS / "canvas_export.csv"), "--lms-column",
                  "Homework 1")
    assert other.returncode == 0 and rows(graded / "g.canvas.csv")[0][-1] == "Homework 1 (48190)"
    wrong = grade(graded, "--lms", "canvas", "--lms-export", str(LMS / "canvas_export.csv"), "--lms-column", "Exam")
    assert wrong.returncode == 2 and "Week 5 quiz (48213); Homework 1 (48190)" in wrong.stderr
    assert "--lms-column" in wrong.stderr and "Traceback" not in wrong.stderr


def test_moodle_and_gradescope_import_files(graded):
    write(graded / "s_ids.csv", "student,exercise,answer\nS1001,lr-too-small,b\nS1002,lr-too-small,a\n")
    done = calctutor("grade", str(graded / "s_ids.csv"), "--assignment", str(graded / "a.toml"), "--roster",
                     str(LMS / "moodle_grades.csv"), "--out", str(graded / "m.csv"), "--workers", "1", "--lms", "moodle")
    assert done.returncode == 0, done.stderr
    assert rows(graded / "m.moodle.csv") == [["ID number", "Email address", "Week 5 quiz"],
                                            ["S1001", "ana.souza@example.edu", "1"],
                                            ["S1002", "ben.okafor@example.edu", "0"],
                                            ["S1003", "chloe.martin@example.edu", "0"]]
    done = calctutor("grade", str(graded / "s_ids.csv"), "--assignment", str(graded / "a.toml"), "--roster",
                     str(LMS / "gradescope_roster.csv"), "--out", str(graded / "gs.csv"), "--workers", "1",
                     "--lms", "gradescope")
    assert done.returncode == 0, done.stderr
    assert rows(graded / "gs.gradescope.csv")[:2] == [["First Name", "Last Name", "SID", "Email", "Total Score"],
                                                     ["Ana", "Souza", "S1001", "ana.souza@example.edu", "1"]]


# ------------------------------------------------------- review round trip

def _decide(review: Path, decisions: dict[tuple[str, str], tuple[str, str]]) -> Path:
    table = rows(review)
    head = table[0]
    for r in table[1:]:
        if (r[0], r[1]) in decisions:
            r[head.index("decision")], r[head.index("comment")] = decisions[(r[0], r[1])]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(table)
    return write(review.with_name("decided.csv"), buf.getvalue())


def _decide_row(review: Path, status: str, decision: str) -> Path:
    table = rows(review)
    for r in table[1:]:
        if r[2] == status:
            r[8] = decision
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(table)
    return write(review.with_name("again.csv"), buf.getvalue())


def test_overrides_change_the_gradebook_survive_regrade_and_a_stale_decision_is_flagged(graded, tmp_path):
    folder = tmp_path
    write(folder / "a.toml", QUIZ)
    write(folder / "s.csv", (graded / "s.csv").read_text())
    first = grade(folder)
    assert first.returncode == 0, first.stderr
    review = rows(folder / "g.review.csv")
    assert review[0][-3:] == ["fingerprint", "decision", "comment"]
    assert review[1][:3] == ["asouza", "cubic-slope-at-point", "invalid"] and len(review[1][7]) == 16
    decided = _decide(folder / "g.review.csv", {("asouza", "cubic-slope-at-point"): ("0.5", "meant 3x^2 - 2")})
    applied = grade(folder, "--overrides", str(decided), "--report", str(folder / "report"))
    assert applied.returncode == 0, applied.stderr
    assert "1 teacher's decision applied" in applied.stdout
    assert rows(folder / "g.csv")[2] == ["asouza", "1", "0.5", "1.5", "75.0"]
    page = (folder / "report" / "students" / "asouza.md").read_text(encoding="utf-8")
    assert "Teacher's decision: partial, 0.5 points: meant 3x^2 - 2." in page
    assert rows(folder / "g.review.csv")[1][-2:] == ["0.5", "meant 3x^2 - 2"]  # shown where it was made
    # journaled: kept without the file, and through --regrade
    for extra in ((), ("--resume",), ("--regrade",)):
        again = grade(folder, *extra)
        assert again.returncode == 0 and rows(folder / "g.csv")[2] == ["asouza", "1", "0.5", "1.5", "75.0"], extra
    # the student's answer changes: the decision is flagged, not applied
    write(folder / "s.csv", (graded / "s.csv").read_text().replace("2x +* 3", "3x^2 - 2"))
    stale = grade(folder)
    assert stale.returncode == 0 and "changed since; it is not applied" in stale.stdout
    book = rows(folder / "g.csv")[2]
    assert book[2] != "0.5"
    flagged = [r for r in rows(folder / "g.review.csv") if r[2] == "stale decision"]
    assert len(flagged) == 1 and flagged[0][:4] == ["asouza", "cubic-slope-at-point", "stale decision", "3x^2 - 2"]
    # deciding again on that row (the new answer's fingerprint) applies
    again = grade(folder, "--overrides", str(_decide_row(folder / "g.review.csv", "stale decision", "1")))
    assert again.returncode == 0 and "not applied" not in again.stdout
    assert rows(folder / "g.csv")[2] == ["asouza", "1", "1", "2", "100.0"]


def test_a_decision_that_cannot_be_read_is_reported_not_applied(tmp_path):
    write(tmp_path / "a.toml", QUIZ)
    write(tmp_path / "s.csv", "student,exercise,answer\nasouza,lr-too-small,a\n")
    write(tmp_path / "o.csv", "student,exercise,decision,comment\nasouza,lr-too-small,7,too many\n"
                              "asouza,nope,correct,\nzed,lr-too-small,correct,\nbokafor,lr-too-small,correct,on paper\n")
    done = grade(tmp_path, "--overrides", str(tmp_path / "o.csv"), "--report", str(tmp_path / "report"))
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "report" / "students" / "bokafor.md").read_text(encoding="utf-8")
    assert "Teacher's decision: correct, 1 point: on paper." in page
    assert "cannot read the decision '7'" in done.stdout and "0 to 1" in done.stdout
    assert "exercise 'nope', which is not in the assignment" in done.stdout
    assert "student 'zed', who is not in this class" in done.stdout
    book = {r[0]: r for r in rows(tmp_path / "g.csv")[2:]}
    assert book["asouza"][1] == "0" and book["bokafor"][1] == "1"  # a paper hand-in, decided by the teacher
    missing = grade(tmp_path, "--overrides", str(write(tmp_path / "bad.csv", "student,grade\nasouza,1\n")))
    assert missing.returncode == 2 and "needs the columns student, exercise and decision" in missing.stderr


# ------------------------------------------------------------ regrade after a fix

BANK = '''topic = "learning-rate"

[[exercise]]
id = "lr-quiz"
title = "A timid learning rate"
task = "multiple_choice"
prompt = "What is the usual symptom of a learning rate that is far too small?"
choices = ["The loss explodes.", "The loss decreases, but very slowly.", "The gradient is zero."]
answer = "{key}"
'''


def test_a_key_fix_then_regrade_reports_who_gained_or_lost_points(tmp_path):
    bank = write(tmp_path / "bank.toml", BANK.format(key="a"))  # the wrong key
    write(tmp_path / "a.toml", f'title = "Quiz"\nbank = "{bank.name}"\nexercises = ["lr-quiz"]\n')
    write(tmp_path / "s.csv", "student,exercise,answer\nasouza,lr-quiz,b\nbokafor,lr-quiz,a\ncmartin,lr-quiz,c\n")
    first = grade(tmp_path)
    assert first.returncode == 0, first.stderr
    assert [r[1] for r in rows(tmp_path / "g.csv")[2:]] == ["0", "1", "0"]
    write(bank, BANK.format(key="b"))  # the fix
    refused = grade(tmp_path)
    assert refused.returncode == 2 and "earlier version of exercise lr-quiz" in refused.stderr
    assert "--regrade" in refused.stderr
    fixed = grade(tmp_path, "--regrade")
    assert fixed.returncode == 0, fixed.stderr
    assert "Regrade: 2 scores changed (1 up, 1 down, 0 same points) for 2 students." in fixed.stdout
    assert [r[1] for r in rows(tmp_path / "g.csv")[2:]] == ["1", "0", "0"]
    changes = rows(tmp_path / "g.changes.csv")
    assert [r[:5] for r in changes[1:]] == [["asouza", "lr-quiz", "0", "1", "+1"], ["bokafor", "lr-quiz", "1", "0", "-1"]]
    assert "corrected in the bank" in changes[1][-1]
    note = (tmp_path / "g.changes.md").read_text(encoding="utf-8")
    assert note.startswith("# Quiz: scores after regrading") and "| asouza | lr-quiz | 0 | 1 | +1 |" in note


# ------------------------------------------------------------- frictions

def test_a_huge_review_cell_is_cut_to_what_a_spreadsheet_holds_with_a_note(tmp_path):
    write(tmp_path / "a.toml", QUIZ)
    write(tmp_path / "s.csv", "student,exercise,answer\nasouza,lr-too-small," + "(" * 40_000 + "\n")
    done = grade(tmp_path)
    assert done.returncode == 0, done.stderr
    cell = rows(tmp_path / "g.review.csv")[1][3]
    assert len(cell) == CELL_LIMIT and cell.endswith("characters in all, more than a spreadsheet cell holds]")
    assert "40,000 characters" in cell


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.integers(min_value=90, max_value=150))
def test_fit_keeps_short_text_and_cuts_long_text_to_the_limit(text, limit):
    out = fit(text, limit)
    if len(text) <= limit:
        assert out == text
    else:
        kept, _, note = out.partition(" … [cut here: ")
        assert len(out) == limit and text.startswith(kept) and note.startswith(f"{len(text):,} characters")



# control characters are written as visible symbols on purpose (grader.batch.cells): newlines and tabs stay
_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t"), min_size=1,
                max_size=40)


@settings(max_examples=150, deadline=None)
@given(student=_TEXT.filter(lambda t: t.strip() == t), comment=_TEXT.filter(lambda t: t.strip() == t),
       points=st.integers(min_value=0, max_value=8).map(lambda n: n / 4))
def test_a_decision_written_in_the_review_file_reads_back_as_written(student, comment, points):
    """The round trip's law: whatever the ids and comments (formula triggers, quotes, commas, newlines), a
    decision typed into the review file is read back with the same student, points and comment."""
    import tempfile

    from grader.batch import review
    from grader.batch.decisions import read_overrides

    row = (student, "ex", "invalid", "=1+2", "why", "s.csv", 3, "abcd", f"{points:g}", comment)
    with tempfile.TemporaryDirectory() as tmp:
        path = write(Path(tmp) / "r.csv", review.render([row]))
        (d,), problems = read_overrides(path, {"ex": 2.0})
    assert not problems
    assert (d.student, d.exercise, d.points, d.comment, d.digest) == (student, "ex", points, comment, "abcd")
    assert d.status == ("correct" if points == 2 else "incorrect" if points == 0 else "partial")


def test_an_exercise_digest_changes_with_that_exercise_only(tmp_path):
    import exercises
    from grader.batch.run import exercise_digests

    other = '\n[[exercise]]\nid = "cubic-loss"\ntitle = "A cubic loss"\ntask = "derivative"\n' \
            'prompt = "Find f\'(x) for f(x) = {function}."\nfunction = "x^3 - 2x"\nanswer = "3x^2 - 2"\n'
    bank = write(tmp_path / "bank.toml", BANK.format(key="a") + other)
    ids = ("lr-quiz", "cubic-loss")
    before = exercise_digests(exercises.load(bank), ids)
    write(bank, BANK.format(key="b") + other)
    after = exercise_digests(exercises.load(bank), ids)
    assert after["lr-quiz"] != before["lr-quiz"] and after["cubic-loss"] == before["cubic-loss"]
    # moving an exercise within the file, or a comment, is not a change
    write(bank, 'topic = "learning-rate"\n# a comment\n' + other + BANK.format(key="b").split("\n", 1)[1])
    assert exercise_digests(exercises.load(bank), ids) == after
