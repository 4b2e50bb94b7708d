"""A full disk under the progress store: at start-up (the file is left alone, its history survives)
and mid-session (the verdict is shown, the student is told, nothing is lost, nothing claimed saved).

The real thing runs on a small tmpfs when the tests run as root (mount allowed); the same
scenarios also run everywhere with the write error injected into the store's connection.
"""
from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

import exercises
from faults import SmallDisk, calctutor
from tutor.repl import store as store_module
from tutor.repl.session import Session
from tutor.repl.store import ProgressStore, open_store
from tutor.repl.terminal import Output

pytestmark = pytest.mark.fault

EXERCISE = "log-times-x"
USER = "u1"


@pytest.fixture
def disk(tmp_path):
    small = SmallDisk(tmp_path / "disk")
    if not small.mount():
        pytest.skip("cannot mount a tmpfs here (needs root); the injected-error tests cover the same paths")
    yield small
    small.unmount()


@pytest.fixture(scope="module")
def answers():
    variant = exercises.load()[EXERCISE].variant_for(USER)
    return "x", variant.answer_text  # (wrong, right)


class Script:
    """A reader that plays lines and, between them, faults (callables)."""

    def __init__(self, steps):
        self.steps = list(steps)

    def read(self, prompt: str) -> str:
        while self.steps:
            step = self.steps.pop(0)
            if callable(step):
                step()
                continue
            return step
        raise EOFError


def session_on(path: Path, steps) -> tuple[str, Session]:
    opened = open_store(path)
    stdout = io.StringIO()
    out = Output(stdout, width=100)
    if opened.notice:
        out.say(opened.notice)
    session = Session(user=USER, out=out, store=opened.store, bank=exercises.load())
    session.reader = Script(steps)
    assert session.run() == 0
    opened.store.close()
    return stdout.getvalue(), session


def history(path: Path) -> list[tuple[str, str]]:
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT answer, status FROM attempts ORDER BY id").fetchall()
    finally:
        db.close()


class FullDisk:
    """A connection stand-in whose writes fail as SQLite fails on a full disk (reads still work)."""

    def __init__(self, real: sqlite3.Connection):
        self.real = real
        self.full = True

    def execute(self, sql: str, *args):
        if self.full and sql.lstrip().upper().startswith(("INSERT", "BEGIN")):
            raise sqlite3.OperationalError("database or disk is full")
        return self.real.execute(sql, *args)

    def executemany(self, sql: str, rows):
        return self.real.executemany(sql, rows)

    def close(self) -> None:
        self.real.close()


# ------------------------------------------------------------------ start-up


def test_startup_on_a_full_disk_leaves_the_file_and_its_history(disk, tmp_path, answers):
    path = disk.path / "progress.sqlite3"
    seeded = ProgressStore(path)
    seeded.record_attempt(user=USER, exercise=EXERCISE, answer=answers[1], status="correct", score=1,
                          points=2, credit=2, topic="derivative-rules")
    seeded.close()
    before = path.read_bytes()
    disk.fill()
    started = calctutor("--user", USER, home=disk.path, stdin=":progress\n:quit\n")
    assert started.returncode == 0 and "Traceback" not in started.stdout + started.stderr
    assert "the disk is full" in started.stdout and "left as it is" in started.stdout
    assert "moved aside" not in started.stdout and "Welcome back" in started.stdout  # history still shown
    assert not list(disk.path.glob("progress.sqlite3.corrupt-*")) and path.read_bytes() == before
    disk.free()
    later = calctutor("progress", "--user", USER, home=disk.path)
    assert later.returncode == 0 and "No progress recorded" not in later.stdout
    assert history(path) == [(answers[1], "correct")]


def test_startup_with_an_injected_full_disk_leaves_the_file(tmp_path, monkeypatch):
    path = tmp_path / "progress.sqlite3"
    ProgressStore(path).close()
    real = store_module._connect

    def full(p, busy_ms=store_module.BUSY_TIMEOUT_MS):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store_module, "_connect", full)
    opened = open_store(path)
    assert "the disk is full" in opened.notice and "left as it is" in opened.notice
    assert path.exists() and not list(tmp_path.glob("*.corrupt-*"))
    opened.store.record_attempt(user=USER, exercise="e", answer="1", status="correct", score=1, points=1, credit=1)
    assert opened.store.unsaved == 1
    monkeypatch.setattr(store_module, "_connect", real)  # space is back
    opened.store.record_attempt(user=USER, exercise="e", answer="2", status="correct", score=1, points=1, credit=1)
    assert opened.store.unsaved == 0 and history(path) == [("1", "correct"), ("2", "correct")]
    opened.store.close()


@pytest.mark.parametrize("message, words", [
    ("database is locked", "locked"),
    ("attempt to write a readonly database", "cannot be written"),
    ("unable to open database file", "cannot be opened"),
])
def test_other_open_problems_are_said_as_what_they_are(tmp_path, monkeypatch, message, words):
    path = tmp_path / "progress.sqlite3"
    ProgressStore(path).close()

    def fail(p, busy_ms=0):
        raise sqlite3.OperationalError(message)

    monkeypatch.setattr(store_module, "_connect", fail)
    opened = open_store(path)
    assert words in opened.notice and "damaged" not in opened.notice
    assert path.exists() and not list(tmp_path.glob("*.corrupt-*"))


def test_only_a_failed_integrity_check_sets_the_file_aside(tmp_path):
    path = tmp_path / "progress.sqlite3"
    path.write_bytes(b"not a database at all" * 100)
    opened = open_store(path)
    assert "damaged" in opened.notice and "moved aside" in opened.notice
    assert len(list(tmp_path.glob("progress.sqlite3.corrupt-*"))) == 1


# ------------------------------------------------------------------ mid-session


def _check_unsaved_session(text: str, right: str) -> None:
    assert text.count("Correct") >= 1 and "Score:" in text  # the verdict is shown all the same
    assert "could NOT be saved to your progress file" in text and "the disk is full" in text
    assert "Your progress is saved." not in text
    assert "Sorry" not in text


def test_a_disk_that_fills_mid_session_on_tmpfs(disk, tmp_path, answers, monkeypatch):
    monkeypatch.chdir(tmp_path)  # where the export lands when the data folder is full
    monkeypatch.setenv("CALCTUTOR_HOME", str(disk.path))
    wrong, right = answers
    path = disk.path / "progress.sqlite3"
    text, _ = session_on(path, [f":open {EXERCISE}", wrong, disk.fill, right])
    _check_unsaved_session(text, right)
    assert history(path) == [(wrong, "incorrect")]
    [exported] = list(tmp_path.glob("calctutor-unsaved-u1-*.csv"))
    assert right in exported.read_text(encoding="utf-8") and str(exported) in text
    disk.free()


def test_space_coming_back_mid_session_saves_what_was_kept(disk, tmp_path, answers, monkeypatch):
    monkeypatch.setenv("CALCTUTOR_HOME", str(disk.path))
    wrong, right = answers
    path = disk.path / "progress.sqlite3"
    text, _ = session_on(path, [f":open {EXERCISE}", disk.fill, wrong, disk.free, right])
    assert "could NOT be saved" in text and "everything kept in memory so far is now saved" in text
    assert text.rstrip().endswith("Your progress is saved.")
    assert history(path) == [(wrong, "incorrect"), (right, "correct")]


def test_an_injected_full_disk_mid_session_is_told_and_exported(tmp_path, answers, monkeypatch):
    monkeypatch.chdir(tmp_path)
    wrong, right = answers
    path = tmp_path / "home" / "progress.sqlite3"
    path.parent.mkdir()
    monkeypatch.setenv("CALCTUTOR_HOME", str(path.parent))
    holder = {}

    def fill():
        holder["disk"] = FullDisk(session.store._db)
        session.store._db = holder["disk"]

    def refuse_exports(target):  # the data folder and the current folder are full too
        if target.parent != Path(__import__("tempfile").gettempdir()):
            raise OSError(28, "No space left on device")
        return real_export(target)

    opened = open_store(path)
    real_export = opened.store.export_kept
    stdout = io.StringIO()
    session = Session(user=USER, out=Output(stdout, width=100), store=opened.store, bank=exercises.load())
    session.reader = Script([f":open {EXERCISE}", wrong, fill, right])
    monkeypatch.setattr(opened.store, "export_kept", refuse_exports)
    assert session.run() == 0
    text = stdout.getvalue()
    _check_unsaved_session(text, right)
    assert history(path) == [(wrong, "incorrect")]
    exported = Path(text.split("It is in ")[1].split(": hand")[0])
    assert exported.parent == Path(__import__("tempfile").gettempdir())
    assert right in exported.read_text(encoding="utf-8")
    exported.unlink()
    holder["disk"].full = False
    opened.store.close()  # space is back by the time the store closes: written after all
    assert history(path) == [(wrong, "incorrect"), (right, "correct")]
