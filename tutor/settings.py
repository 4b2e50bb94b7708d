"""calctutor's settings: the ``CALCTUTOR_*`` environment variables, read here and nowhere else.

``current()`` gives a frozen :class:`Settings`, read once per state of the environment
(a test or a teacher's script that changes a variable gets the new value on the next
call). A value that cannot be used raises :class:`SettingsError` with the variable's
name, the value and what to write instead; ``calctutor`` checks them at start-up
(exit 2). The table of variables is :data:`VARIABLES` (docs/settings.md shows it).
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass
from functools import lru_cache

PREFIX = "CALCTUTOR_"
PARSE_PREFIX = "CALCTUTOR_PARSE_"
BOUNDED_MODES = ("auto", "inline", "process")


class SettingsError(ValueError):
    """A ``CALCTUTOR_*`` variable holds a value that cannot be used."""


@dataclass(frozen=True)
class Settings:
    home: str | None = None        # CALCTUTOR_HOME
    user: str | None = None        # CALCTUTOR_USER
    timeout: float = 3.0           # CALCTUTOR_TIMEOUT
    bounded: str = "auto"          # CALCTUTOR_BOUNDED
    debug: bool = False            # CALCTUTOR_DEBUG
    no_viewer: bool = False        # CALCTUTOR_NO_VIEWER
    latex: str | None = None       # CALCTUTOR_LATEX
    cache: str | None = None       # CALCTUTOR_CACHE
    parse_limits: tuple[tuple[str, int], ...] = ()  # CALCTUTOR_PARSE_<LIMIT>: (limit name, value)


# variable -> (default, meaning): the documented table (docs/settings.md; a test keeps both equal)
VARIABLES: dict[str, tuple[str, str]] = {
    "CALCTUTOR_HOME": ("the platform's user data folder",
                       "folder for progress databases, history and figures (created if missing)"),
    "CALCTUTOR_USER": ("the login name, else `student`", "whose progress the tutor uses"),
    "CALCTUTOR_TIMEOUT": ("3", "seconds for one bounded SymPy call (simplify, solve, limit, …); a number > 0"),
    "CALCTUTOR_BOUNDED": ("auto", "`inline` runs bounded calls in this process under SIGALRM, `process` in a "
                                  "killable worker; `auto` picks inline inside workers"),
    "CALCTUTOR_DEBUG": ("off", "any value: show tracebacks of internal errors and check every derivative step"),
    "CALCTUTOR_NO_VIEWER": ("off", "any value: never open figures in the desktop's image viewer"),
    "CALCTUTOR_LATEX": ("pdflatex, else lualatex, else xelatex",
                        "the LaTeX engine `--format pdf` prefers (a command on PATH)"),
    "CALCTUTOR_CACHE": ("variants.sqlite in CALCTUTOR_HOME, else the user's cache folder",
                        "the variant store of teachers' runs (a file path), or `off` for none"),
    "CALCTUTOR_PARSE_<LIMIT>": ("see docs/syntax.md", "a reader limit (`MAX_LENGTH`, `MAX_DEPTH`, `MAX_DIGITS`, "
                                                     "`MAX_EXPONENT`, `MAX_FACTORIAL`, `MAX_ROOT_DIGITS`): a "
                                                     "whole number"),
}


def current() -> Settings:
    """The settings for the environment as it is now."""
    return _read(tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith(PREFIX))))


@lru_cache(maxsize=8)
def _read(raw: tuple[tuple[str, str], ...]) -> Settings:
    env = dict(raw)
    return Settings(
        home=env.get("CALCTUTOR_HOME") or None,
        user=env.get("CALCTUTOR_USER") or None,
        timeout=_seconds(env.get("CALCTUTOR_TIMEOUT", "")),
        bounded=_mode(env.get("CALCTUTOR_BOUNDED", "")),
        debug=bool(env.get("CALCTUTOR_DEBUG")),
        no_viewer=bool(env.get("CALCTUTOR_NO_VIEWER")),
        latex=env.get("CALCTUTOR_LATEX", "").strip() or None,
        cache=env.get("CALCTUTOR_CACHE", "").strip() or None,
        parse_limits=tuple((k[len(PARSE_PREFIX):].lower(), _whole(k, v)) for k, v in env.items()
                           if k.startswith(PARSE_PREFIX) and v.strip()),
    )


def _seconds(text: str) -> float:
    if not text.strip():
        return Settings.timeout
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise SettingsError(f"CALCTUTOR_TIMEOUT must be a number of seconds greater than 0, such as 3 or 0.5, "
                            f"not {text!r}; set it to a number or unset it")
    return value


def _mode(text: str) -> str:
    mode = text.strip().lower() or "auto"
    if mode not in BOUNDED_MODES:
        raise SettingsError(f"CALCTUTOR_BOUNDED must be one of {', '.join(BOUNDED_MODES)}, not {text!r}; "
                            "unset it to let calctutor choose")
    return mode


def _whole(name: str, text: str) -> int:
    if not text.strip().isdigit():
        raise SettingsError(f"{name} must be a whole number such as 2000, not {text!r}; "
                            "set it to a number or unset it")
    return int(text)
