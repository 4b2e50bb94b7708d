"""Where the tutor keeps a student's files: progress database, history, figures.

``CALCTUTOR_HOME`` overrides the platform's user data directory, so tests and
classroom machines can point every session at a folder of their choosing.
"""
from __future__ import annotations

import getpass
from pathlib import Path

from tutor import settings

DB_NAME = "progress.sqlite3"


class HomeError(ValueError):
    """The data folder cannot be used (``CALCTUTOR_HOME`` names a file, no permission…): exit 2."""


def data_dir(create: bool = True) -> Path:
    """The directory for progress, history and figures (created when asked)."""
    home = settings.current().home
    if home:
        path = Path(home).expanduser()
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir("calctutor", appauthor=False))
    if create:
        where = "CALCTUTOR_HOME" if home else "the calctutor data folder"
        if path.exists() and not path.is_dir():
            raise HomeError(f"{where} is {path}, which is a file, not a folder; point CALCTUTOR_HOME at a "
                            "folder (it is created if missing), or unset it")
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise HomeError(f"{where} {path} cannot be created: {exc.strerror or exc}; point CALCTUTOR_HOME "
                            "at a folder you can write") from None
    return path


def db_path() -> Path:
    return data_dir() / DB_NAME


def history_path(user: str) -> Path:
    return data_dir() / f"history-{safe_name(user)}.txt"


def figure_path(user: str, exercise_id: str) -> Path:
    return data_dir() / "figures" / f"{safe_name(exercise_id)}-{safe_name(user)}.png"


def default_user() -> str:
    """``CALCTUTOR_USER``, else the login name, else ``student``."""
    name = settings.current().user
    if name:
        return name
    try:
        return getpass.getuser() or "student"
    except Exception:  # no login name (containers): any name will do
        return "student"


def safe_name(text: str) -> str:
    """A file-name-safe form of a user or exercise name."""
    out = "".join(c if c.isalnum() or c in "-_." else "_" for c in text)
    return out.strip(".") or "_"
