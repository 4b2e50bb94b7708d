"""What went wrong with the progress file, in the student's words, and whether it is damaged.

Only damage (a failed integrity check, not a database at all) sets a file
aside; a full disk, a lock, a permission problem or a newer schema is said as
what it is, and the file is left alone.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path


class Corrupt(sqlite3.DatabaseError):
    """The file is a damaged database: the only case that sets a progress file aside."""


_CORRUPT = ("file is not a database", "malformed", "integrity check failed", "unexpected shape")


def is_corrupt(exc: BaseException) -> bool:
    if isinstance(exc, Corrupt):
        return True
    return (isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError)
            and any(word in str(exc) for word in _CORRUPT))


def _disk_full(path: str | None) -> bool:
    if not path or path == ":memory:":
        return False
    try:
        stat = os.statvfs(Path(path).parent)
    except OSError:
        return False
    return stat.f_bavail * stat.f_frsize < 64 * 1024


def describe(exc: BaseException, path: str | None = None) -> str:
    """What a failed open or write means, in the student's words (the SQLite words in brackets)."""
    text = str(exc)
    low = text.lower()
    if "full" in low or (("i/o" in low or "unable to open" in low) and _disk_full(path)):
        what = "the disk is full"
    elif "locked" in low or "busy" in low:
        what = "another program is using the file (it is locked)"
    elif "readonly" in low or "read-only" in low or "permission" in low or "access" in low:
        what = "the file or its folder cannot be written (permissions, or a read-only disk)"
    elif "unable to open" in low:
        what = "the file cannot be opened (its folder is missing or cannot be written, or the disk is full)"
    elif "i/o" in low:
        what = "the disk reported an input/output error (a full or failing disk)"
    elif "newer calctutor" in low:
        what = "it was written by a newer calctutor; update calctutor to use it"
    elif is_corrupt(exc):
        what = "the file is damaged"
    else:
        what = "the file could not be written"
    return f"{what} ({text})" if text and text not in what else what
