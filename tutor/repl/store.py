"""The progress store: every graded attempt, hint and solution view, in SQLite.

Each write is its own committed transaction, so a crash or ``kill -9`` loses
nothing already graded; WAL mode and a busy timeout let two sessions (two
terminals, or the tutor and ``calctutor progress``) share the file safely.
A file that is not a readable database is moved aside, never fatal.
"""
from __future__ import annotations

import csv
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import astuple, dataclass, fields
from pathlib import Path

SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 10_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user TEXT NOT NULL,
    exercise TEXT NOT NULL,
    topic TEXT NOT NULL DEFAULT '',
    seed TEXT NOT NULL DEFAULT '',
    answer TEXT NOT NULL,
    status TEXT NOT NULL,
    score REAL NOT NULL,
    points REAL NOT NULL,
    credit REAL NOT NULL,
    mistake TEXT,
    feedback TEXT NOT NULL DEFAULT '',
    at REAL NOT NULL,
    session TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS attempts_user ON attempts (user, exercise);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user TEXT NOT NULL,
    exercise TEXT NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    cost REAL NOT NULL DEFAULT 0,
    at REAL NOT NULL,
    session TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS events_user ON events (user, exercise);
"""

EVENT_KINDS = ("hint", "solution", "skip", "open")


@dataclass(frozen=True)
class Attempt:
    """One graded answer. ``credit`` is the points it earned after hint costs."""

    id: int
    user: str
    exercise: str
    topic: str
    seed: str
    answer: str
    status: str
    score: float
    points: float
    credit: float
    mistake: str | None
    feedback: str
    at: float
    session: str


@dataclass(frozen=True)
class Event:
    """A hint taken, a solution viewed, an exercise skipped or opened."""

    id: int
    user: str
    exercise: str
    kind: str
    detail: str
    cost: float
    at: float
    session: str


class StoreError(Exception):
    """The progress file cannot be used at all (reported to the student, not raised further)."""


class ProgressStore:
    """A student's history. Use :func:`open_store` to get one with corruption handling."""

    def __init__(self, path: Path | str):
        self.path = str(path)
        self._db = _connect(self.path)

    # -- writing ---------------------------------------------------------
    def record_attempt(self, *, user: str, exercise: str, answer: str, status: str, score: float,
                       points: float, credit: float, topic: str = "", seed: str = "",
                       mistake: str | None = None, feedback: str = "", at: float | None = None,
                       session: str = "") -> int:
        """Store and commit one graded attempt; returns its row id."""
        cur = self._db.execute(
            "INSERT INTO attempts (user, exercise, topic, seed, answer, status, score, points, credit,"
            " mistake, feedback, at, session) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (user, exercise, topic, str(seed), answer, status, float(score), float(points),
             float(credit), mistake, feedback, time.time() if at is None else at, session))
        return int(cur.lastrowid)

    def record_event(self, *, user: str, exercise: str, kind: str, detail: str = "",
                     cost: float = 0.0, at: float | None = None, session: str = "") -> int:
        if kind not in EVENT_KINDS:
            raise ValueError(f"unknown event kind {kind!r}")
        cur = self._db.execute(
            "INSERT INTO events (user, exercise, kind, detail, cost, at, session) VALUES (?,?,?,?,?,?,?)",
            (user, exercise, kind, detail, float(cost), time.time() if at is None else at, session))
        return int(cur.lastrowid)

    # -- reading ---------------------------------------------------------
    def attempts(self, user: str, exercise: str | None = None) -> list[Attempt]:
        sql, args = "SELECT * FROM attempts WHERE user = ?", [user]
        if exercise is not None:
            sql, args = sql + " AND exercise = ?", args + [exercise]
        return [Attempt(*row) for row in self._db.execute(sql + " ORDER BY at, id", args)]

    def events(self, user: str, exercise: str | None = None, kind: str | None = None) -> list[Event]:
        sql, args = "SELECT * FROM events WHERE user = ?", [user]
        if exercise is not None:
            sql, args = sql + " AND exercise = ?", args + [exercise]
        if kind is not None:
            sql, args = sql + " AND kind = ?", args + [kind]
        return [Event(*row) for row in self._db.execute(sql + " ORDER BY at, id", args)]

    def users(self) -> list[str]:
        rows = self._db.execute("SELECT user FROM attempts UNION SELECT user FROM events ORDER BY 1")
        return [r[0] for r in rows]

    def export_csv(self, target: Path | str, user: str | None = None) -> int:
        """Write attempts (all users, or one) as CSV; returns the number of rows."""
        from grader.batch.cells import to_row

        rows: Iterable[Attempt]
        if user is None:
            rows = [Attempt(*r) for r in self._db.execute("SELECT * FROM attempts ORDER BY user, at, id")]
        else:
            rows = self.attempts(user)
        names = [f.name for f in fields(Attempt)]
        count = 0
        with open(target, "w", newline="", encoding="utf-8") as fh:
            out = csv.writer(fh)
            out.writerow(names)
            for a in rows:
                row = list(astuple(a))
                row[names.index("at")] = time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(a.at))
                out.writerow(to_row(row))  # spreadsheet-safe cells (OWASP CSV injection)
                count += 1
        return count

    def close(self) -> None:
        try:
            self._db.close()
        except sqlite3.Error:
            pass


def _connect(path: str) -> sqlite3.Connection:
    """Open (creating if needed), check integrity and set up the schema; raise sqlite3 errors."""
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if path != ":memory:":
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        check = db.execute("PRAGMA quick_check").fetchone()
        if not check or check[0] != "ok":
            raise sqlite3.DatabaseError(f"integrity check failed: {check[0] if check else 'no answer'}")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise sqlite3.DatabaseError(f"written by a newer calctutor (schema {version})")
        db.executescript(_SCHEMA)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        for table, needed in (("attempts", Attempt), ("events", Event)):
            have = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
            if have != [f.name for f in fields(needed)]:
                raise sqlite3.DatabaseError(f"the {table} table has an unexpected shape")
    except BaseException:
        db.close()
        raise
    return db


@dataclass(frozen=True)
class Opened:
    """A store and, when something went wrong on the way, what to tell the student."""

    store: ProgressStore
    notice: str | None = None


def open_store(path: Path | str | None = None) -> Opened:
    """Open the progress database; a corrupt file is renamed aside and a fresh one started.

    If even a fresh file cannot be made (a read-only disk), progress lives in
    memory for this session and the notice says so.
    """
    from tutor.repl.paths import db_path

    target = Path(path) if path is not None else db_path()
    try:
        return Opened(ProgressStore(target))
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return _in_memory(f"Your progress file {target} is locked by another program ({exc}).")
        first = exc
    except sqlite3.DatabaseError as exc:
        first = exc
    aside = _move_aside(target)
    if aside is None:
        return _in_memory(f"Your progress file {target} could not be read ({first}).")
    try:
        store = ProgressStore(target)
    except sqlite3.Error as exc:
        return _in_memory(f"Your progress file {target} could not be read ({first}), "
                          f"and a fresh one could not be made ({exc}).")
    return Opened(store, f"Your progress file could not be read ({first}). "
                         f"It was moved aside to {aside} and a fresh one was started.")


def _in_memory(reason: str) -> Opened:
    return Opened(ProgressStore(":memory:"), reason + " Progress will NOT be saved in this session.")


def _move_aside(target: Path) -> Path | None:
    """Rename the file (and its WAL/SHM companions) to ``NAME.corrupt-STAMP``; None if impossible."""
    if not target.exists():
        return None
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = target.with_name(f"{target.name}.corrupt-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = target.with_name(f"{target.name}.corrupt-{stamp}-{n}")
    try:
        target.rename(aside)
    except OSError:
        return None
    for suffix in ("-wal", "-shm"):
        companion = target.with_name(target.name + suffix)
        if companion.exists():
            try:
                companion.rename(aside.with_name(aside.name + suffix))
            except OSError:
                pass
    return aside
