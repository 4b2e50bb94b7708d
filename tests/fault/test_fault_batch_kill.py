"""kill -9 at seeded random points of a batch run: each resumed run ends with the same bytes
(gradebook, review file, every report page) as one straight run. A hostile class: ids that
collide as file names, formula-like ids and answers, unreadable and hanging-free wrong answers."""
from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import time
from pathlib import Path

import pytest

import exercises
from faults import grade_process

pytestmark = pytest.mark.fault

IDS = ("log-times-x", "power-rule-roots")
STUDENTS = ["ana", "Ana", "=cmd|'/C calc'!A0", "a" * 81 + "1", "a" * 81 + "2", "<b>ben</b>", "-3"] + \
           [f"s{i:02d}" for i in range(9)]


def _answer(bank, student: str, ex: str) -> str:
    roll = int(hashlib.sha256(f"{student}/{ex}".encode()).hexdigest(), 16) % 5
    right = bank[ex].variant_for(student).answer_text
    return [right, right, "x", '=HYPERLINK("http://e.example","x")', "(1, 2"][roll]


@pytest.fixture(scope="module")
def klass(tmp_path_factory):
    import csv

    folder = tmp_path_factory.mktemp("killed-class")
    bank = exercises.load()
    with open(folder / "subs.csv", "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["student", "exercise", "answer"])
        for s in STUDENTS:
            for ex in IDS:
                out.writerow([s, ex, _answer(bank, s, ex)])
    (folder / "a.toml").write_text(f'title = "Kill"\nexercises = {list(IDS)!r}\n'.replace("'", '"'),
                                   encoding="utf-8")
    return folder


def _run(klass: Path, name: str, resume: bool = False, kill_after: int | None = None) -> int:
    """Run (or resume) into klass/name; with kill_after, SIGKILL once that many outcomes are journaled."""
    out = klass / name / "gradebook.csv"
    out.parent.mkdir(exist_ok=True)
    proc = grade_process(klass / "subs.csv", klass / "a.toml", out, klass / name / "report", resume)
    journal = out.with_suffix(".journal.sqlite")
    deadline = time.monotonic() + 240
    journaled = 0
    while kill_after is not None and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
        try:
            with sqlite3.connect(str(journal), timeout=0.1) as db:
                journaled = db.execute("SELECT COUNT(*) FROM outcomes").fetchone()[0]
        except sqlite3.Error:
            continue
        if journaled >= kill_after:
            os.killpg(proc.pid, signal.SIGKILL)
            break
    proc.wait(240)
    if kill_after is None:
        assert proc.returncode == 0, proc.stderr.read().decode()
    else:
        assert proc.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    return journaled


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and "journal" not in p.name}


def test_killed_twice_at_random_points_then_resumed_writes_the_same_bytes(klass):
    _run(klass, "straight")
    total = len(STUDENTS) * len(IDS)
    seed = int(hashlib.sha256(b"kill points").hexdigest(), 16)
    first = 2 + seed % (total // 3)
    second = first + 2 + (seed >> 16) % (total // 3)
    assert _run(klass, "killed", kill_after=first) >= first
    assert not (klass / "killed" / "gradebook.csv").exists()
    assert _run(klass, "killed", resume=True, kill_after=second) >= second
    _run(klass, "killed", resume=True)
    straight, killed = _tree(klass / "straight"), _tree(klass / "killed")
    assert sorted(straight) == sorted(killed) and straight == killed
    pages = [k for k in straight if k.startswith("report/students/") and k.endswith(".md")]
    assert len(pages) == len(STUDENTS)  # colliding ids still get a page each
