"""A progress file written before attempts were recorded (schema 1) still opens: its rows keep their
values, it gains the ``attempt`` and ``assignment`` columns, and new attempts are stored in full."""
from __future__ import annotations

import sqlite3

from tutor.repl.progress import exercise_states
from tutor.repl.store import SCHEMA_VERSION, open_store

SCHEMA_1 = """
CREATE TABLE attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT, user TEXT NOT NULL, exercise TEXT NOT NULL,
    topic TEXT NOT NULL DEFAULT '', seed TEXT NOT NULL DEFAULT '', answer TEXT NOT NULL,
    status TEXT NOT NULL, score REAL NOT NULL, points REAL NOT NULL, credit REAL NOT NULL,
    mistake TEXT, feedback TEXT NOT NULL DEFAULT '', at REAL NOT NULL, session TEXT NOT NULL DEFAULT ''
);
CREATE INDEX attempts_user ON attempts (user, exercise);
CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT, user TEXT NOT NULL, exercise TEXT NOT NULL, kind TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '', cost REAL NOT NULL DEFAULT 0, at REAL NOT NULL,
    session TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_user ON events (user, exercise);
PRAGMA user_version = 1;
"""


def _old_file(path):
    db = sqlite3.connect(path)
    db.executescript(SCHEMA_1)
    db.executemany("INSERT INTO attempts (user, exercise, answer, status, score, points, credit, at) "
                   "VALUES (?,?,?,?,?,?,?,?)",
                   [("ana", "e1", "6x", "incorrect", 0, 2, 0, 10.0), ("ana", "e1", "6x-4", "correct", 1, 2, 2, 20.0)])
    db.execute("INSERT INTO events (user, exercise, kind, cost, at) VALUES ('ana', 'e1', 'hint', 0.5, 15.0)")
    db.commit()
    db.close()


def test_an_old_store_opens_keeps_its_rows_and_takes_new_attempts(tmp_path):
    path = tmp_path / "progress.sqlite3"
    _old_file(path)
    opened = open_store(path)
    assert opened.notice is None                                   # not damaged, not moved aside
    store = opened.store
    old = store.attempts("ana")
    assert [(a.answer, a.status, a.credit, a.attempt, a.assignment) for a in old] == [
        ("6x", "incorrect", 0, 0, ""), ("6x-4", "correct", 2, 0, "")]
    assert [e.cost for e in store.events("ana", kind="hint")] == [0.5]
    store.record_attempt(user="ana", exercise="e1", answer="6x - 4", status="correct", score=1, points=2,
                         credit=1.8, at=30.0, attempt=2, assignment="/tmp/quiz.csv")
    assert (store.attempts("ana")[-1].attempt, store.attempts("ana")[-1].assignment) == (2, "/tmp/quiz.csv")
    state = exercise_states(store.attempts("ana"), store.events("ana"))["e1"]
    assert (state.attempts, state.tries, state.earned) == (3, 2, 2)   # the assignment's try is not practice's
    store.close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
    db.close()
    again = open_store(path)                                       # opening twice changes nothing more
    assert len(again.store.attempts("ana")) == 3 and again.notice is None
    again.store.close()
