"""The progress store: every graded attempt, hint and solution view, in SQLite.

Each write is its own committed transaction, so a crash or ``kill -9`` loses
nothing already graded; WAL mode and a busy timeout let two sessions (two
terminals, or the tutor and ``calctutor progress``) share the file safely.
Only a file that fails SQLite's integrity check is moved aside (never fatal).
A full disk, a lock, a permission problem or a newer schema leaves the file
where it is: attempts that cannot be written are kept in memory (and shown as
history), written as soon as the file takes them again, and exported on exit
to a file the student can hand in if they never could be (see :mod:`tutor.repl.unsaved`).
"""
from __future__ import annotations

import csv
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import astuple, dataclass, fields
from pathlib import Path

from tutor.repl.diskfaults import Corrupt, describe, is_corrupt

SCHEMA_VERSION = 2  # 2: attempts.attempt and attempts.assignment (added to older files on open)
BUSY_TIMEOUT_MS = 10_000
RETRY_BUSY_MS = 200  # reopening a file that could not be opened: do not make each answer wait

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
    session TEXT NOT NULL DEFAULT '',
    attempt INTEGER NOT NULL DEFAULT 0,
    assignment TEXT NOT NULL DEFAULT ''
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
# columns added since schema 1, with their definitions: an older file gets them on open
_ADDED = {"attempts": (("attempt", "INTEGER NOT NULL DEFAULT 0"), ("assignment", "TEXT NOT NULL DEFAULT ''"))}


@dataclass(frozen=True)
class Attempt:
    """One graded answer. ``credit`` is the points it earned after hint costs and attempt penalties;
    ``attempt`` is the graded attempt it was (0: it used none, being invalid or undecided), counted
    within ``assignment`` (the submission file of ``practice --assignment``; "" in practice)."""

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
    attempt: int = 0
    assignment: str = ""


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
    """A student's history. Use :func:`open_store` to get one with corruption handling.

    A write the file refuses (disk full, locked, read-only…) is not an error for the
    caller: the row is kept in memory, ``saved_last`` is False and ``problem`` says why;
    each later write (and :meth:`close`) first tries to write what is kept, in order.
    """

    def __init__(self, path: Path | str, *, defer: BaseException | None = None):
        self.path = str(path)
        self._kept = sqlite3.connect(":memory:", isolation_level=None)  # rows the file has not taken yet
        self._kept.executescript(_SCHEMA)
        self.problem: str | None = None
        self.saved_last = True
        self._snapshot: sqlite3.Connection | None = None  # the file, read-only, while it cannot be opened
        if defer is None:
            self._db: sqlite3.Connection | None = _connect(self.path)
        else:  # the file could not be opened: keep everything here until it can, show its history meanwhile
            self._db, self.problem = None, describe(defer, self.path)
            self._snapshot = _read_only(self.path)

    # -- writing ---------------------------------------------------------
    def record_attempt(self, *, user: str, exercise: str, answer: str, status: str, score: float,
                       points: float, credit: float, topic: str = "", seed: str = "",
                       mistake: str | None = None, feedback: str = "", at: float | None = None,
                       session: str = "", attempt: int = 0, assignment: str = "") -> int:
        """Store one graded attempt (committed to the file if it can be); returns its row id."""
        return self._write(
            "INSERT INTO attempts (user, exercise, topic, seed, answer, status, score, points, credit,"
            " mistake, feedback, at, session, attempt, assignment) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (user, exercise, topic, str(seed), answer, status, float(score), float(points),
             float(credit), mistake, feedback, time.time() if at is None else at, session, int(attempt),
             assignment))

    def record_event(self, *, user: str, exercise: str, kind: str, detail: str = "",
                     cost: float = 0.0, at: float | None = None, session: str = "") -> int:
        if kind not in EVENT_KINDS:
            raise ValueError(f"unknown event kind {kind!r}")
        return self._write(
            "INSERT INTO events (user, exercise, kind, detail, cost, at, session) VALUES (?,?,?,?,?,?,?)",
            (user, exercise, kind, detail, float(cost), time.time() if at is None else at, session))

    def _write(self, sql: str, args: tuple) -> int:
        if self.flush():
            try:
                cur = self._db.execute(sql, args)  # type: ignore[union-attr]
                self.saved_last = True
                return int(cur.lastrowid or 0)
            except sqlite3.Error as exc:
                self.problem = describe(exc, self.path)
        self.saved_last = False
        return -int(self._kept.execute(sql, args).lastrowid or 0)

    @property
    def unsaved(self) -> int:
        """Attempts and events kept in memory because the file would not take them."""
        return sum(self._kept.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("attempts", "events"))

    def kept(self) -> list[Attempt]:
        """The attempts held in memory because the file would not take them (oldest first)."""
        return [Attempt(*r) for r in self._kept.execute("SELECT * FROM attempts ORDER BY id")]

    def flush(self) -> bool:
        """Write the kept rows to the file in one transaction; True when nothing is left to write."""
        if self._db is None:
            try:
                self._db = _connect(self.path, busy_ms=RETRY_BUSY_MS)
            except sqlite3.Error as exc:
                self.problem = describe(exc, self.path)
                return False
            if self._snapshot is not None:
                self._snapshot.close()
                self._snapshot = None
        if not self.unsaved:
            return True
        try:
            self._db.execute("BEGIN IMMEDIATE")
            for table, shape in (("attempts", Attempt), ("events", Event)):
                names = [f.name for f in fields(shape)][1:]
                rows = self._kept.execute(f"SELECT {', '.join(names)} FROM {table} ORDER BY id").fetchall()
                self._db.executemany(f"INSERT INTO {table} ({', '.join(names)}) "
                                     f"VALUES ({', '.join('?' * len(names))})", rows)
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            self.problem = describe(exc, self.path)
            try:
                self._db.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            return False
        self._kept.executescript("DELETE FROM attempts; DELETE FROM events;")
        self.problem = None
        return True

    def _select(self, sql: str, args: list, at: int) -> list[tuple]:
        """Rows from the file and from memory, in time order (kept rows after saved ones at equal times);
        ``at`` is the index of the time column."""
        rows = []
        source = self._db if self._db is not None else self._snapshot
        if source is not None:
            try:
                rows = [(r[at], 0, r[0], r) for r in source.execute(sql, args)]
            except sqlite3.Error as exc:
                self.problem = describe(exc, self.path)
        rows += [(r[at], 1, r[0], r) for r in self._kept.execute(sql, args)]
        return [r for *_, r in sorted(rows)]

    # -- reading ---------------------------------------------------------
    def attempts(self, user: str, exercise: str | None = None) -> list[Attempt]:
        sql, args = "SELECT * FROM attempts WHERE user = ?", [user]
        if exercise is not None:
            sql, args = sql + " AND exercise = ?", args + [exercise]
        return [Attempt(*row) for row in self._select(sql, args, _AT["attempts"])]

    def events(self, user: str, exercise: str | None = None, kind: str | None = None) -> list[Event]:
        sql, args = "SELECT * FROM events WHERE user = ?", [user]
        if exercise is not None:
            sql, args = sql + " AND exercise = ?", args + [exercise]
        if kind is not None:
            sql, args = sql + " AND kind = ?", args + [kind]
        return [Event(*row) for row in self._select(sql, args, _AT["events"])]

    def users(self) -> list[str]:
        sql = "SELECT user FROM attempts UNION SELECT user FROM events"
        found = {r[0] for r in self._kept.execute(sql)}
        source = self._db if self._db is not None else self._snapshot
        if source is not None:
            try:
                found |= {r[0] for r in source.execute(sql)}
            except sqlite3.Error as exc:
                self.problem = describe(exc, self.path)
        return sorted(found)

    def export_csv(self, target: Path | str, user: str | None = None) -> int:
        """Write attempts (all users, or one) as CSV; returns the number of rows."""
        rows: Iterable[Attempt]
        if user is None:
            rows = sorted((Attempt(*r) for r in self._select("SELECT * FROM attempts", [], _AT["attempts"])),
                          key=lambda a: a.user)
        else:
            rows = self.attempts(user)
        return _write_csv(target, rows)

    def export_kept(self, target: Path | str) -> int:
        """Write the attempts the file would not take as CSV (same columns); returns the number of rows."""
        return _write_csv(target, self.kept())

    def close(self) -> None:
        """Write what is kept if the file takes it now; whatever is still unsaved is lost after this
        (the session exports it first: :func:`tutor.repl.unsaved.export`)."""
        self.flush()
        for db in (self._db, self._snapshot, self._kept):
            try:
                if db is not None:
                    db.close()
            except sqlite3.Error:
                pass


_AT = {"attempts": [f.name for f in fields(Attempt)].index("at"), "events": [f.name for f in fields(Event)].index("at")}


def _write_csv(target: Path | str, rows: Iterable[Attempt]) -> int:
    """Attempts as CSV, cells spreadsheet-safe (OWASP CSV injection: see grader.batch.cells)."""
    from grader.batch.cells import to_row

    names = [f.name for f in fields(Attempt)]
    count = 0
    with open(target, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(names)
        for a in rows:
            row = list(astuple(a))
            row[names.index("at")] = time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(a.at))
            out.writerow(to_row(row))
            count += 1
    return count


def _connect(path: str, busy_ms: int = BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    """Open (creating if needed), check integrity and set up the schema; raise sqlite3 errors."""
    db = sqlite3.connect(path, timeout=busy_ms / 1000, isolation_level=None)
    try:
        db.execute(f"PRAGMA busy_timeout = {busy_ms}")
        if path != ":memory:":
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        check = db.execute("PRAGMA quick_check").fetchone()
        if not check or check[0] != "ok":
            raise Corrupt(f"integrity check failed: {check[0] if check else 'no answer'}")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise sqlite3.DatabaseError(f"written by a newer calctutor (schema {version})")
        db.executescript(_SCHEMA)
        _migrate(db)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        for table, needed in (("attempts", Attempt), ("events", Event)):
            have = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
            if have != [f.name for f in fields(needed)]:
                raise Corrupt(f"the {table} table has an unexpected shape")
    except BaseException:
        db.close()
        raise
    return db


def _migrate(db: sqlite3.Connection) -> None:
    """Add the columns a file of an older schema lacks (its rows keep their values; new ones take defaults).
    Under a write lock, so two sessions opening the same old file do not both add them."""
    if db.execute("PRAGMA user_version").fetchone()[0] >= SCHEMA_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        for table, added in _ADDED.items():
            have = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
            for name, definition in added:
                if name not in have:
                    db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {definition}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


@dataclass(frozen=True)
class Opened:
    """A store and, when something went wrong on the way, what to tell the student."""

    store: ProgressStore
    notice: str | None = None


def open_store(path: Path | str | None = None) -> Opened:
    """Open the progress database. A file that fails the integrity check is renamed aside and a
    fresh one started; any other problem (full disk, lock, permissions, newer schema) leaves the
    file in place, and the session keeps its answers in memory until the file takes them.
    """
    from tutor.repl.paths import db_path

    target = Path(path) if path is not None else db_path()
    try:
        return Opened(ProgressStore(target))
    except sqlite3.Error as exc:
        first = exc
    if not is_corrupt(first):
        return Opened(ProgressStore(target, defer=first),
                      f"Your progress file {target} cannot be used right now: {describe(first, str(target))}. It is left as it "
                      "is (nothing in it is lost). This session's answers are kept in memory and saved to it as "
                      "soon as it can be written; if it never can, they are exported to a file when you quit.")
    aside = _move_aside(target)
    try:
        if aside is None:
            raise first
        store = ProgressStore(target)
    except sqlite3.Error as exc:
        return Opened(ProgressStore(target, defer=exc),
                      f"Your progress file {target} is damaged ({first}) and a fresh one could not be made "
                      f"({describe(exc)}). This session's answers are kept in memory and exported when you quit.")
    return Opened(store, f"Your progress file could not be read: it is damaged ({first}). "
                         f"It was moved aside to {aside} and a fresh one was started.")


def _read_only(path: str) -> sqlite3.Connection | None:
    """The file as it is on disk, for showing history only (no lock, no journal, nothing written)."""
    if not Path(path).is_file():
        return None
    try:
        db = sqlite3.connect(f"{Path(path).resolve().as_uri()}?immutable=1", uri=True)
        db.execute("SELECT COUNT(*) FROM attempts JOIN events ON 0").fetchone()
        return db
    except sqlite3.Error:
        return None


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
