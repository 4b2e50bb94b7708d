"""The journal: every graded answer goes to SQLite as soon as it is known.

A run that is killed keeps what it committed; ``--resume`` grades only what
is missing. A result is reused only for the same answer text (its digest) and
only if the assignment, the bank and the grading settings are those the journal
was written with (recorded in ``meta``); otherwise the teacher is told to
``--regrade``. Commits come in small batches (every 50 answers or second).
"""
from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

from grader.batch.model import Outcome
from tutor.render.words import count

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS outcomes (
    student TEXT NOT NULL, exercise TEXT NOT NULL, digest TEXT NOT NULL,
    status TEXT NOT NULL, score REAL NOT NULL, feedback TEXT NOT NULL, read_as TEXT NOT NULL,
    read_as_latex TEXT NOT NULL, mistake TEXT NOT NULL, error TEXT NOT NULL, details TEXT NOT NULL,
    note TEXT NOT NULL, variant TEXT NOT NULL,
    PRIMARY KEY (student, exercise)
);
"""
COLUMNS = ("student", "exercise", "digest", "status", "score", "feedback", "read_as", "read_as_latex",
           "mistake", "error", "details", "note", "variant")


class JournalError(ValueError):
    """The journal cannot be used as asked (written for other settings, or not a journal)."""


class Journal:
    """Outcomes by (student, exercise); ``meta`` holds what they were graded against."""

    def __init__(self, path: str | Path, batch: int = 50, seconds: float = 1.0):
        self.path = Path(path)
        self.batch, self.seconds = batch, seconds
        try:
            self._db = sqlite3.connect(str(self.path))
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise JournalError(f"{self.path}: cannot use this file as a journal ({exc}); "
                               "delete it or choose another with --journal") from None
        self._waiting = 0
        self._last = time.monotonic()

    def close(self) -> None:
        self._db.commit()
        self._db.close()

    def __enter__(self) -> "Journal":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------- meta
    def meta(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT key, value FROM meta"))

    def count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM outcomes").fetchone()[0]

    def start(self, meta: Mapping[str, str], resume: bool, regrade: bool) -> None:
        """Begin a run: check that resuming is sound, or clear everything for a regrade."""
        old, n = self.meta(), self.count()
        if regrade or n == 0:
            self._db.execute("DELETE FROM outcomes")
            self._db.execute("DELETE FROM meta")
            self._db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
            self._db.commit()
            return
        if not resume:
            raise JournalError(f"{self.path} already holds {count(n, 'graded answer')} from an "
                               "earlier run: pass --resume to continue it (graded answers are kept) or "
                               "--regrade to grade everything again")
        changed = [k for k in sorted(set(meta) | set(old)) if meta.get(k) != old.get(k)]
        if changed:
            raise JournalError(f"{self.path} was written for a different {_describe(changed)}, so its results "
                               "cannot be reused: pass --regrade to grade everything again")

    # ---------------------------------------------------------- outcomes
    def record(self, outcomes: Iterable[Outcome]) -> None:
        rows = [_row(o) for o in outcomes]
        self._db.executemany(f"INSERT OR REPLACE INTO outcomes VALUES ({', '.join('?' * len(COLUMNS))})", rows)
        self._waiting += len(rows)
        if self._waiting >= self.batch or time.monotonic() - self._last >= self.seconds:
            self.commit()

    def commit(self) -> None:
        self._db.commit()
        self._waiting = 0
        self._last = time.monotonic()

    def outcomes(self) -> dict[tuple[str, str], Outcome]:
        cur = self._db.execute(f"SELECT {', '.join(COLUMNS)} FROM outcomes")
        out = {}
        for row in cur:
            o = _outcome(row)
            out[o.key] = o
        return out


def _row(o: Outcome) -> tuple:
    return (o.student, o.exercise, o.digest, o.status, o.score, o.feedback, o.read_as, o.read_as_latex,
            o.mistake, o.error, json.dumps([list(d) for d in o.details], ensure_ascii=False), o.note, o.variant)


def _outcome(row: tuple) -> Outcome:
    values = dict(zip(COLUMNS, row))
    values["details"] = tuple(tuple(d) for d in json.loads(values["details"]))
    return Outcome(**values)


_NAMES = {"assignment": "assignment file", "bank": "exercise bank", "options": "grading settings",
          "version": "calctutor version"}


def _describe(keys: list[str]) -> str:
    words = [_NAMES.get(k, k) for k in keys]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
