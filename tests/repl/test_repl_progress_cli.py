"""``calctutor progress`` and start-up with a damaged progress file, through the real CLI."""
from __future__ import annotations

import csv
import os
import subprocess
import sys

import exercises
from tutor.repl.store import ProgressStore

EX = "power-rule-quadratic-loss"


def cli(home, *args, stdin=""):
    env = dict(os.environ, CALCTUTOR_HOME=str(home), CALCTUTOR_NO_VIEWER="1")
    return subprocess.run([sys.executable, "-m", "tutor", *args], input=stdin, capture_output=True, text=True,
                          env=env, timeout=120)


def seed_history(home):
    store = ProgressStore(home / "progress.sqlite3")
    store.record_attempt(user="ana", exercise=EX, topic="derivative-rules", answer="8x + 1", status="incorrect",
                         score=0, points=2, credit=0, mistake="constant-kept", at=1_700_000_000)
    store.record_event(user="ana", exercise=EX, kind="hint", detail="0", cost=0.5, at=1_700_000_010)
    store.record_attempt(user="ana", exercise=EX, topic="derivative-rules", answer="8x - 2", status="correct",
                         score=1, points=2, credit=1.5, at=1_700_000_020)
    store.record_attempt(user="bo", exercise=EX, answer="oops(", status="invalid", score=0, points=2, credit=0,
                         at=1_700_000_030)
    store.close()


def test_progress_summary_per_topic_and_latest_answers(tmp_path):
    seed_history(tmp_path)
    result = cli(tmp_path, "progress", "--user", "ana")
    assert result.returncode == 0, result.stderr
    total = len(exercises.load().by_topic("derivative-rules"))
    out = result.stdout
    assert out.startswith("Progress of ana\n")
    line = next(l for l in out.splitlines() if "Derivative rules and tangent lines" in l)
    assert f"1/{total} solved" in line and "1.5 of" in line
    assert "2 graded answers (1 correct), 1 hint, 0 solutions viewed." in out
    assert "8x - 2" in out and "correct" in out


def test_progress_for_someone_new_says_how_to_start(tmp_path):
    result = cli(tmp_path, "progress", "--user", "nobody")
    assert result.returncode == 0
    assert "No progress recorded for nobody yet" in result.stdout


def test_export_writes_every_attempt_as_csv(tmp_path):
    seed_history(tmp_path)
    target = tmp_path / "ana.csv"
    result = cli(tmp_path, "progress", "--user", "ana", "--export", str(target))
    assert result.returncode == 0 and "Wrote 2 attempts (ana)" in result.stdout
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [(r["answer"], r["status"], r["credit"]) for r in rows] == [("8x + 1", "incorrect", "0.0"),
                                                                      ("8x - 2", "correct", "1.5")]
    everyone = tmp_path / "all.csv"
    assert "Wrote 3 attempts (all users)" in cli(tmp_path, "progress", "--export", str(everyone), "--all-users").stdout
    bad = cli(tmp_path, "progress", "--user", "ana", "--export", str(tmp_path / "no-such-dir" / "x.csv"))
    assert bad.returncode == 2 and "cannot write" in bad.stderr and "Traceback" not in bad.stderr


def test_a_corrupt_progress_file_is_reported_set_aside_and_the_tutor_starts(tmp_path):
    (tmp_path / "progress.sqlite3").write_bytes(b"\x00garbage" * 500)
    result = cli(tmp_path, "--user", "ana", stdin=":progress\n:quit\n")
    assert result.returncode == 0 and "Traceback" not in result.stdout + result.stderr
    assert "Your progress file could not be read" in result.stdout and "moved aside" in result.stdout
    assert "Goodbye, ana" in result.stdout
    assert list(tmp_path.glob("progress.sqlite3.corrupt-*"))
    assert ProgressStore(tmp_path / "progress.sqlite3").attempts("ana") == []
