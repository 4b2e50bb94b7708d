"""The teacher's commands: assign, solutions, and grade's answers to bad input (exit 2, no traceback)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).parents[1] / "data" / "teacher"


def calctutor(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tutor", *args], capture_output=True, text=True, timeout=timeout)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_assign_writes_sheets_that_grade_as_a_folder(tmp_path):
    assignment = write(tmp_path / "a.toml", 'title = "Quiz"\nexercises = ["lr-too-small", "cubic-slope-at-point"]\n')
    out = tmp_path / "sheets"
    done = calctutor("assign", str(assignment), "--roster", str(DATA / "roster.csv"), "--out", str(out),
                     "--workers", "1")
    assert done.returncode == 0, done.stderr
    assert "Wrote 4 sheets" in done.stdout
    chloe = next(out.glob("chlo*.answers.txt"))
    sheet = chloe.read_text(encoding="utf-8")
    assert "student: chloé" in sheet and "\nlr-too-small:\n" in sheet and "# Which of these" not in sheet[:20]
    md = next(out.glob("chlo*.md")).read_text(encoding="utf-8")
    assert md.startswith("# Quiz") and "Chloé Martin (chloé)" in md and "Answer format:" in md
    assert "<math" in next(out.glob("chlo*.html")).read_text(encoding="utf-8")
    # a student fills in the sheet; the folder of sheets is a submission
    import exercises

    v = exercises.load()["cubic-slope-at-point"].variant_for("chloé")
    chloe.write_text(sheet.replace("cubic-slope-at-point:", f"cubic-slope-at-point: {v.answer_text}"), encoding="utf-8")
    for other in out.glob("*.answers.txt"):
        if other != chloe:
            other.unlink()
    graded = calctutor("grade", str(out), "--assignment", str(assignment), "--out", str(tmp_path / "gb.csv"),
                       "--workers", "1")
    assert graded.returncode == 0, graded.stderr
    lines = (tmp_path / "gb.csv").read_text().splitlines()
    assert lines[0] == "student,lr-too-small,cubic-slope-at-point,total,percent"
    assert lines[2] == "chloé,0,1,1,50.0"


def test_solutions_for_exercises_in_markdown_and_latex(tmp_path):
    done = calctutor("solutions", "--exercise", "tangent-line-course", "--exercise", "lr-too-small",
                     "--seed", "3", "--out", str(tmp_path), "--format", "md")
    assert done.returncode == 0, done.stderr
    md = (tmp_path / "solutions.md").read_text(encoding="utf-8")
    assert "## 1. " in md and "## 2. " in md and "figures/tangent-line-course-seed-3.png" in md
    assert (tmp_path / "figures" / "tangent-line-course-seed-3.svg").exists()
    done = calctutor("solutions", "--assignment", str(DATA / "week5.toml"), "--student", "ana", "--no-figures",
                     "--out", str(tmp_path), "--format", "tex")
    assert done.returncode == 0, done.stderr
    tex = (tmp_path / "week5-ana.tex").read_text(encoding="utf-8")
    assert tex.count(r"\section{") == 20 and r"\includegraphics" not in tex


def test_bad_input_is_a_clear_error_with_exit_2(tmp_path):
    subs = write(tmp_path / "s.csv", "student,exercise,answer\nana,lr-too-small,b\n")
    assignment = write(tmp_path / "a.toml", 'exercises = ["lr-too-smal"]\n')
    cases = [
        (("grade", str(subs), "--assignment", str(assignment), "--out", str(tmp_path / "g.csv")),
         "did you mean 'lr-too-small'"),
        (("grade", str(tmp_path / "none.csv"), "--assignment", str(DATA / "week5.toml"), "--out",
          str(tmp_path / "g.csv")), "no such submissions file"),
        (("grade", str(subs), "--assignment", str(DATA / "week5.toml"), "--out", str(tmp_path / "g.csv"),
          "--roster", str(write(tmp_path / "r.csv", "name\nAna\n"))), "needs a 'student' column"),
        (("grade", str(subs), "--assignment", str(DATA / "week5.toml"), "--out", str(tmp_path)), "is a folder"),
        (("grade", str(subs), "--assignment", str(DATA / "week5.toml"), "--out", str(tmp_path / "g.csv"),
          "--workers", "0"), "at least 1"),
        (("solutions", "--exercise", "gradient-at-pont", "--out", str(tmp_path)), "did you mean 'gradient-at-point'"),
        (("assign", str(DATA / "week5.toml"), "--roster", str(DATA / "roster.csv"), "--out", str(tmp_path),
          "--student", "zed"), "not on the roster: zed"),
    ]
    for args, words in cases:
        done = calctutor(*args)
        assert done.returncode == 2, (args, done.stderr)
        assert words in done.stderr and "Traceback" not in done.stderr, (args, done.stderr)


def test_a_second_run_continues_when_nothing_changed_and_says_what_changed_otherwise(tmp_path):
    subs = write(tmp_path / "s.csv", "student,exercise,answer\nana,lr-too-small,b\nana,nope,1\n")
    assignment = write(tmp_path / "a.toml", 'exercises = ["lr-too-small"]\n')
    args = ("grade", str(subs), "--assignment", str(assignment), "--out", str(tmp_path / "g.csv"), "--workers", "1")
    first = calctutor(*args)
    assert first.returncode == 0, first.stderr
    assert "1 answer from 1 student: 1 graded now" in first.stdout
    assert "exercise 'nope' is not in the assignment" in first.stdout
    again = calctutor(*args, "--json")
    assert again.returncode == 0 and '"reused": 1' in again.stdout and '"graded": 0' in again.stdout
    assert "Continuing the earlier run" in again.stdout
    resumed = calctutor(*args, "--resume", "--json")
    assert resumed.returncode == 0 and '"reused": 1' in resumed.stdout and '"graded": 0' in resumed.stdout
    # the points do not change a verdict: the journal is reused and the gradebook has the new points
    write(assignment, 'exercises = ["lr-too-small"]\n[points]\nlr-too-small = 2\n')
    repointed = calctutor(*args)
    assert repointed.returncode == 0 and "0 graded now, 1 from the journal" in repointed.stdout
    assert (tmp_path / "g.csv").read_text().splitlines()[1] == "points possible,2,2,100"
    # a grading setting does: the run stops and says what changed and what to do
    write(assignment, 'exercises = ["lr-too-small"]\n[points]\nlr-too-small = 2\n[options]\ntime_limit = 7\n')
    changed = calctutor(*args, "--resume")
    assert changed.returncode == 2 and "different grading settings" in changed.stderr and "--regrade" in changed.stderr
    regraded = calctutor(*args, "--regrade")
    assert regraded.returncode == 0 and "1 graded now" in regraded.stdout and "Regrade: no score changed" in regraded.stdout


def test_an_output_file_in_a_missing_folder_is_named_before_any_grading(tmp_path):
    assignment = write(tmp_path / "a.toml", 'title = "Quiz"\nexercises = ["lr-too-small"]\n')
    answers = write(tmp_path / "answers.csv", "student,exercise,answer\nana,lr-too-small,b\n")
    for option in ("--out", "--journal"):
        target = tmp_path / "missing" / "deeper" / "file.csv"
        args = ["grade", str(answers), "--assignment", str(assignment), "--workers", "1"]
        args += ["--out", str(target)] if option == "--out" else ["--out", str(tmp_path / "gb.csv"), option, str(target)]
        done = calctutor(*args)
        assert done.returncode == 2, done.stdout
        assert f"the folder {target.parent} does not exist (for {option}" in done.stderr
        assert "Traceback" not in done.stderr
        assert not (tmp_path / "missing").exists()
