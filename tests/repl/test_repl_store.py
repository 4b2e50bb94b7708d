"""The progress store: durable commits, concurrent writers, corrupt files set aside."""
from __future__ import annotations

import csv
import multiprocessing
import sqlite3

import pytest

from tutor.repl.store import ProgressStore, open_store


def _attempt(store, user="ana", exercise="ex-1", status="incorrect", score=0.0, at=1.0, **kw):
    return store.record_attempt(user=user, exercise=exercise, answer=kw.pop("answer", "6x"),
                                status=status, score=score, points=2, credit=score * 2, at=at, **kw)


def test_attempts_round_trip_in_time_order(tmp_path):
    store = open_store(tmp_path / "p.sqlite3").store
    _attempt(store, at=5.0, answer="second")
    _attempt(store, at=1.0, answer="first", mistake="sign-error", topic="derivatives")
    _attempt(store, user="bo", at=2.0)
    rows = store.attempts("ana")
    assert [a.answer for a in rows] == ["first", "second"]
    assert rows[0].mistake == "sign-error" and rows[0].topic == "derivatives"
    assert store.users() == ["ana", "bo"]


def test_a_committed_attempt_is_visible_to_another_connection_at_once(tmp_path):
    path = tmp_path / "p.sqlite3"
    writer = open_store(path).store
    _attempt(writer, answer="graded")
    # no close, no explicit commit: a second process-like reader must already see it
    reader = sqlite3.connect(path)
    assert reader.execute("SELECT answer FROM attempts").fetchall() == [("graded",)]
    assert reader.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_events_filter_by_kind(tmp_path):
    store = open_store(tmp_path / "p.sqlite3").store
    store.record_event(user="ana", exercise="ex-1", kind="hint", detail="0", cost=0.5, at=1)
    store.record_event(user="ana", exercise="ex-1", kind="solution", at=2)
    store.record_event(user="ana", exercise="ex-2", kind="hint", detail="0", cost=1, at=3)
    assert [e.cost for e in store.events("ana", kind="hint")] == [0.5, 1.0]
    assert [e.kind for e in store.events("ana", exercise="ex-1")] == ["hint", "solution"]
    with pytest.raises(ValueError):
        store.record_event(user="ana", exercise="ex-1", kind="cheat")


def _writer(path: str, user: str, count: int) -> None:
    store = ProgressStore(path)
    for i in range(count):
        _attempt(store, user=user, exercise=f"ex-{i % 7}", answer=f"{user}-{i}", at=float(i))
        if i % 5 == 0:
            store.record_event(user=user, exercise=f"ex-{i % 7}", kind="hint", detail=str(i))
        store.attempts(user)  # readers interleave with the other writers
    store.close()


def test_concurrent_writers_lose_nothing(tmp_path):
    path = str(tmp_path / "p.sqlite3")
    open_store(path).store.close()
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_writer, args=(path, f"user{k}", 60)) for k in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    store = ProgressStore(path)
    for k in range(4):
        answers = {a.answer for a in store.attempts(f"user{k}")}
        assert answers == {f"user{k}-{i}" for i in range(60)}
        assert len(store.events(f"user{k}", kind="hint")) == 12
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_corrupt_file_is_moved_aside_and_a_fresh_one_started(tmp_path):
    path = tmp_path / "progress.sqlite3"
    path.write_bytes(b"this is not a database, just some bytes" * 100)
    opened = open_store(path)
    assert opened.notice is not None and "moved aside" in opened.notice
    aside = list(tmp_path.glob("progress.sqlite3.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not a database")
    _attempt(opened.store)
    assert len(ProgressStore(path).attempts("ana")) == 1


def test_a_truncated_database_is_moved_aside(tmp_path):
    path = tmp_path / "progress.sqlite3"
    store = open_store(path).store
    for i in range(200):
        _attempt(store, answer="x" * 200, at=float(i))
    store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\xff" * 4000 + data[4100:])  # header page survives, content does not
    opened = open_store(path)
    assert opened.notice is not None
    assert opened.store.attempts("ana") == []


def test_a_file_from_a_newer_version_is_left_in_place_not_overwritten(tmp_path):
    path = tmp_path / "progress.sqlite3"
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    opened = open_store(path)
    assert "newer calctutor" in opened.notice and "left as it is" in opened.notice
    assert not list(tmp_path.glob("progress.sqlite3.corrupt-*"))
    _attempt(opened.store)
    assert opened.store.unsaved == 1 and not opened.store.saved_last
    opened.store.close()
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 99


def test_an_unwritable_place_keeps_answers_in_memory_with_a_notice(tmp_path):
    target = tmp_path / "missing-dir" / "deeper" / "progress.sqlite3"
    opened = open_store(target)
    assert "kept in memory" in opened.notice and "cannot be opened" in opened.notice
    _attempt(opened.store)
    assert len(opened.store.attempts("ana")) == 1 and opened.store.unsaved == 1


def test_export_csv_has_a_header_and_one_row_per_attempt(tmp_path):
    store = open_store(tmp_path / "p.sqlite3").store
    _attempt(store, answer="3x^2, with a comma", status="correct", score=1.0)
    _attempt(store, user="bo")
    out = tmp_path / "out.csv"
    assert store.export_csv(out, user="ana") == 1
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows[0]["answer"] == "3x^2, with a comma" and rows[0]["status"] == "correct"
    assert rows[0]["at"].startswith("1970-01-01")
    assert store.export_csv(out) == 2
