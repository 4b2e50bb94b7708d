"""The journal: every graded answer goes to SQLite as soon as it is known.

A run that is killed keeps what it committed; running again (``--resume``)
grades only what is missing. A result is reused only for the same answer text
(its digest) and only if the grading settings and the exercise's definition are
those the journal was written with (``meta``: global keys, and one
``exercise:<id>`` key per exercise); otherwise the teacher is told what changed,
and ``--regrade`` grades again what the change touches. The teacher's decisions
(``--overrides``) are a table of their own, kept through every regrade.
Commits come in small batches (every 50 answers or second).
"""
from __future__ import annotations

import dataclasses
import json
import sqlite3
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

from dataclasses import dataclass

from grader.batch.model import Decision, Outcome, PartOutcome
from tutor.render.words import count

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS outcomes (
    student TEXT NOT NULL, exercise TEXT NOT NULL, digest TEXT NOT NULL,
    status TEXT NOT NULL, score REAL NOT NULL, feedback TEXT NOT NULL, read_as TEXT NOT NULL,
    read_as_latex TEXT NOT NULL, mistake TEXT NOT NULL, error TEXT NOT NULL, details TEXT NOT NULL,
    note TEXT NOT NULL, variant TEXT NOT NULL, parts TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (student, exercise)
);
CREATE TABLE IF NOT EXISTS decisions (
    student TEXT NOT NULL, exercise TEXT NOT NULL, digest TEXT NOT NULL, points REAL NOT NULL,
    status TEXT NOT NULL, comment TEXT NOT NULL, source TEXT NOT NULL, line INTEGER NOT NULL,
    PRIMARY KEY (student, exercise)
);
"""
EXERCISE = "exercise:"  # meta keys of one exercise's definition; the others are global
COLUMNS = ("student", "exercise", "digest", "status", "score", "feedback", "read_as", "read_as_latex",
           "mistake", "error", "details", "note", "variant", "parts")  # parts: a multi-part exercise's, as JSON


class JournalError(ValueError):
    """The journal cannot be used as asked (written for other settings, or not a journal)."""


@dataclass(frozen=True)
class Restart:
    """What :meth:`Journal.start` did with an earlier run's results."""

    kept: int = 0  # graded answers kept from earlier runs
    regraded: tuple[str, ...] = ()  # exercises whose answers are graded again (changed since)
    everything: bool = False  # every answer is graded again
    note: str = ""  # for the teacher: "continuing the earlier run …"


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
            _add_parts_column(self._db)
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

    def start(self, meta: Mapping[str, str], resume: bool, regrade: bool) -> Restart:
        """Begin a run: reuse what nothing has changed, or (``regrade``) drop what a change touches.

        Nothing changed: the earlier run continues (``--resume`` or not). A
        change without ``regrade`` raises JournalError saying what changed.
        """
        old, n = self.meta(), self.count()
        if n == 0:
            self._write_meta(meta)
            return Restart()
        glob = [k for k in sorted(set(meta) | set(old)) if not k.startswith(EXERCISE) and meta.get(k) != old.get(k)]
        exs = tuple(k[len(EXERCISE):] for k in sorted(meta)
                    if k.startswith(EXERCISE) and k in old and old[k] != meta[k])
        if not regrade:
            if glob or exs:
                raise JournalError(self._changed(n, glob, exs))
            self._write_meta(meta)  # exercises added to the assignment join the run
            note = "" if resume else (f"Continuing the earlier run in {self.path} (its exercises and grading "
                                      f"settings are unchanged): {count(n, 'graded answer')} kept, new or changed "
                                      "answers are graded; --regrade grades everything again.")
            return Restart(n, note=note)
        everything = bool(glob) or not exs
        if everything:
            self._db.execute("DELETE FROM outcomes")
        else:
            self._db.executemany("DELETE FROM outcomes WHERE exercise = ?", [(e,) for e in exs])
        self._write_meta(meta)
        return Restart(self.count(), exs, everything)

    def _write_meta(self, meta: Mapping[str, str]) -> None:
        self._db.execute("DELETE FROM meta")
        self._db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
        self._db.commit()

    def _changed(self, n: int, glob: list[str], exs: tuple[str, ...]) -> str:
        what = []
        if glob:
            what.append(f"a different {_describe(glob)}")
        if exs:
            what.append(f"an earlier version of exercise{'s' if len(exs) > 1 else ''} {', '.join(exs)} "
                        "(changed in the bank since)")
        touched = "every answer" if glob else "the answers to the changed exercises"
        return (f"{self.path} holds {count(n, 'graded answer')} graded for {' and '.join(what)}, so they "
                f"cannot all be reused: pass --regrade to grade {touched} again (the teacher's decisions are "
                "kept, and a file lists whose scores changed)")

    # --------------------------------------------------------- decisions
    def decide(self, decisions: Iterable[Decision]) -> None:
        """Record the teacher's decisions (a later decision on the same answer replaces the earlier)."""
        self._db.executemany("INSERT OR REPLACE INTO decisions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                             [(d.student, d.exercise, d.digest, d.points, d.status, d.comment, d.source, d.line)
                              for d in decisions])
        self._db.commit()

    def decisions(self) -> dict[tuple[str, str], Decision]:
        cur = self._db.execute("SELECT student, exercise, digest, points, status, comment, source, line "
                               "FROM decisions ORDER BY student, exercise")
        return {(r[0], r[1]): Decision(*r) for r in cur}

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


def _add_parts_column(db: sqlite3.Connection) -> None:
    """A journal written before multi-part exercises gets their column (its rows have no parts)."""
    columns = {r[1] for r in db.execute("PRAGMA table_info(outcomes)")}
    if "parts" not in columns:
        db.execute("ALTER TABLE outcomes ADD COLUMN parts TEXT NOT NULL DEFAULT '[]'")
        db.commit()


def _row(o: Outcome) -> tuple:
    return (o.student, o.exercise, o.digest, o.status, o.score, o.feedback, o.read_as, o.read_as_latex,
            o.mistake, o.error, json.dumps([list(d) for d in o.details], ensure_ascii=False), o.note, o.variant,
            json.dumps([dataclasses.astuple(p) for p in o.parts], ensure_ascii=False))


def _outcome(row: tuple) -> Outcome:
    values = dict(zip(COLUMNS, row))
    values["details"] = tuple(tuple(d) for d in json.loads(values["details"]))
    values["parts"] = tuple(PartOutcome(*p) for p in json.loads(values["parts"]))
    return Outcome(**values)


_NAMES = {"assignment": "assignment file", "bank": "exercise bank", "options": "grading settings",
          "version": "calctutor version"}


def _describe(keys: list[str]) -> str:
    words = [_NAMES.get(k, k) for k in keys]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
