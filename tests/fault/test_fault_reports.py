"""Reports and sheets under faults: a rendering worker killed, ids that collide as file names."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from faults import calctutor, render_always_dies, render_dies_once
from grader.batch.assignment import load_assignment
from grader.batch.run import Settings, grade_class
from grader.batch.work import Spec
from grader.reports.class_report import ReportIncomplete
from grader.reports.sheets import write_sheets

pytestmark = pytest.mark.fault

IDS = ("log-times-x", "power-rule-roots")


@pytest.fixture
def small(tmp_path):
    (tmp_path / "a.toml").write_text(f'title = "Quiz"\nexercises = {json.dumps(list(IDS))}\n', encoding="utf-8")
    rows = "".join(f"{s},{e},{a}\n" for s in ("ana", "ben") for e, a in zip(IDS, ("3ln(x)+3", "x")))
    (tmp_path / "s.csv").write_text("student,exercise,answer\n" + rows, encoding="utf-8")
    return tmp_path


def _settings(small: Path, render) -> Settings:
    return Settings(submissions=small / "s.csv", assignment=small / "a.toml", out=small / "g.csv",
                    report=small / "report", workers=1, render=render, progress=False)


def test_a_rendering_worker_killed_once_is_retried_and_nothing_is_lost(small, monkeypatch):
    monkeypatch.setenv("FAULT_MARKERS", str(small))
    summary = grade_class(_settings(small, render_dies_once), log=io.StringIO())
    assert not summary.incomplete
    assert len(list(small.glob("log-times-x-*"))) >= 1  # a worker really died
    for s in ("ana", "ben"):
        md = (small / "report" / "students" / f"{s}.md").read_text(encoding="utf-8")
        assert md.count("### Worked solution") == 2 and "could not be prepared" not in md


def test_a_rendering_that_keeps_failing_is_named_and_the_run_says_so(small, monkeypatch):
    monkeypatch.setenv("FAULT_DIE_ON", "power-rule-roots")
    summary = grade_class(_settings(small, render_always_dies), log=io.StringIO())
    assert "power-rule-roots" in summary.incomplete and "died" in summary.incomplete
    assert any(line.startswith("The report is incomplete.") for line in summary.lines())
    assert (small / "g.csv").exists()  # the gradebook itself is complete
    md = (small / "report" / "students" / "ana.md").read_text(encoding="utf-8")
    assert md.count("### Worked solution") == 1 and "could not be prepared" in md


def test_sheets_whose_rendering_keeps_failing_are_written_and_reported(small, monkeypatch):
    monkeypatch.setenv("FAULT_DIE_ON", "log-times-x")
    a, bank = load_assignment(small / "a.toml")
    spec = Spec(a.bank_path, (), None, render_always_dies)
    with pytest.raises(ReportIncomplete) as err:
        write_sheets(a, bank, ("ana", "ben"), {}, small / "sheets", spec, workers=1)
    assert "log-times-x" in str(err.value) and len(err.value.files) == 2
    assert "could not be set up" in (small / "sheets" / "ana.md").read_text(encoding="utf-8")


def test_colliding_ids_get_their_own_pages_and_sheets(tmp_path):
    long1, long2 = "a" * 80 + "1", "a" * 80 + "2"
    students = [long1, long2, "Ana", "ana"]
    (tmp_path / "r.csv").write_text("student\n" + "\n".join(students) + "\n", encoding="utf-8")
    (tmp_path / "a.toml").write_text('title = "Quiz"\nexercises = ["log-times-x"]\n', encoding="utf-8")
    done = calctutor("assign", tmp_path / "a.toml", "--roster", tmp_path / "r.csv", "--out", tmp_path / "sheets",
                     "--workers", "1")
    assert done.returncode == 0, done.stderr
    assert "Wrote 4 sheets" in done.stdout
    sheets = list((tmp_path / "sheets").glob("*.answers.txt"))
    assert len({p.name.casefold() for p in sheets}) == 4
    assert {p.read_text(encoding="utf-8").split("student: ")[1].split("\n")[0] for p in sheets} == set(students)

    subs = tmp_path / "s.csv"
    subs.write_text("student,exercise,answer\n" + "".join(f"{s},log-times-x,{n}\n" for n, s in enumerate(students)),
                    encoding="utf-8")
    done = calctutor("grade", subs, "--assignment", tmp_path / "a.toml", "--out", tmp_path / "g.csv",
                     "--report", tmp_path / "report", "--workers", "1")
    assert done.returncode == 0, done.stderr
    pages = list((tmp_path / "report" / "students").glob("*.md"))
    assert len({p.name.casefold() for p in pages}) == 4
    index = (tmp_path / "report" / "index.md").read_text(encoding="utf-8")
    for page in pages:  # each page is linked once, and it is that student's page
        assert index.count(f"(students/{page.name})") == 1
    answers = {page.read_text(encoding="utf-8").split("Your answer: `")[1].split("`")[0] for page in pages}
    assert answers == {"0", "1", "2", "3"}


def test_the_grade_command_exits_1_when_the_report_is_incomplete(small, monkeypatch, capsys):
    import grader.batch.run as run
    from tutor.cli import main

    real = run.grade_class
    monkeypatch.setenv("FAULT_DIE_ON", "log-times-x")
    monkeypatch.setattr(run, "grade_class", lambda settings: real(
        Settings(**{**settings.__dict__, "render": render_always_dies})))
    status = main(["grade", str(small / "s.csv"), "--assignment", str(small / "a.toml"), "--out",
                   str(small / "g.csv"), "--report", str(small / "report"), "--workers", "1"])
    out = capsys.readouterr().out
    assert status == 1 and "The report is incomplete." in out and "log-times-x" in out


@pytest.mark.parametrize("answer", ["e^(1000 ln(10^1000))", "10^1000*10^1000*10^1000*10^1000*10^1000",
                                    "10^999 + 10^999/3", "2^3000 x"])
def test_one_answer_with_a_huge_number_does_not_kill_the_class_report(small, answer):
    """Issue 18.1: the item analysis crashed on int -> str past 4,300 digits (exit 3, no report)."""
    rows = (small / "s.csv").read_text(encoding="utf-8") + f'cara,log-times-x,"{answer}"\ncara,power-rule-roots,x\n'
    (small / "s.csv").write_text(rows, encoding="utf-8")
    done = calctutor("grade", str(small / "s.csv"), "--assignment", str(small / "a.toml"), "--out",
                     str(small / "g.csv"), "--report", str(small / "report"), "--workers", "1")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "Exceeds the limit" not in done.stdout + done.stderr
    analysis = (small / "report" / "item-analysis.md").read_text(encoding="utf-8")
    page = (small / "report" / "students" / "cara.md").read_text(encoding="utf-8")
    assert "log-times-x" in analysis and len(page) < 200_000
