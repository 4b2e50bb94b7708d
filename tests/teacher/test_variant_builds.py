"""A class's variants are built once: --resume, --regrade and assign-then-grade build none again."""
from __future__ import annotations

import csv
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

EXERCISES = ["chain-rule-linear-inside", "power-rule-roots", "partial-x-course", "quotient-rule-rational"]
STUDENTS = [f"s{i}" for i in range(6)]
ROOT = Path(__file__).resolve().parents[2]


def builds(cache: Path) -> int:
    with sqlite3.connect(str(cache)) as db:
        row = db.execute("SELECT n FROM counts WHERE name='builds'").fetchone()
    return int(row[0]) if row else 0


def calctutor(cache: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CALCTUTOR_CACHE": str(cache), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "tutor", *args], capture_output=True, text=True, env=env,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    return done


@pytest.fixture
def klass(tmp_path):
    """A small class: right answers, classic mistakes, wrong and unreadable answers."""
    import exercises
    from tutor import to_text

    bank = exercises.load()
    assignment = tmp_path / "a.toml"
    assignment.write_text("title = \"Builds\"\nexercises = [" + ", ".join(f'"{e}"' for e in EXERCISES) + "]\n")
    roster = tmp_path / "roster.csv"
    roster.write_text("student\n" + "\n".join(STUDENTS) + "\n")
    rows = [["student", "exercise", "answer"]]
    for i, s in enumerate(STUDENTS):
        for j, e in enumerate(EXERCISES):
            v = bank[e].variant_for(s)
            pick = (i + j) % 4
            mistakes = tuple(v.mistakes)
            text = [v.answer_text, to_text(mistakes[i % len(mistakes)].expr) if mistakes else "0", "x^7 + 1", "2x +"][pick]
            rows.append([s, e, text])
    subs = tmp_path / "subs.csv"
    with subs.open("w", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return tmp_path, assignment, roster, subs


def test_resume_and_regrade_build_no_variant_again(klass):
    folder, assignment, roster, subs = klass
    cache, out = folder / "cache" / "variants.sqlite", folder / "gb.csv"
    grade = ["grade", str(subs), "--assignment", str(assignment), "--roster", str(roster), "--out", str(out),
             "--workers", "2"]
    calctutor(cache, *grade)
    first, book = builds(cache), out.read_bytes()
    assert 0 < first <= len(STUDENTS) * len(EXERCISES)
    with sqlite3.connect(str(out.with_suffix(".journal.sqlite"))) as db:  # as if the run had been killed
        db.execute("DELETE FROM outcomes WHERE rowid % 2 = 0")
    calctutor(cache, *grade, "--resume")
    assert builds(cache) == first and out.read_bytes() == book
    calctutor(cache, *grade, "--regrade")
    assert builds(cache) == first and out.read_bytes() == book


def test_grading_after_assign_builds_no_variant_again(klass):
    folder, assignment, roster, subs = klass
    cache, out = folder / "cache" / "variants.sqlite", folder / "gb.csv"
    calctutor(cache, "assign", str(assignment), "--roster", str(roster), "--out", str(folder / "sheets"),
              "--workers", "1")
    assigned = builds(cache)
    assert assigned > 0
    calctutor(cache, "grade", str(subs), "--assignment", str(assignment), "--roster", str(roster), "--out", str(out),
              "--workers", "1")
    assert builds(cache) == assigned
    plain = folder / "plain.csv"
    calctutor(Path("off"), "grade", str(subs), "--assignment", str(assignment), "--roster", str(roster),
              "--out", str(plain), "--workers", "1")
    assert plain.read_bytes() == out.read_bytes()  # the same gradebook with no store at all
