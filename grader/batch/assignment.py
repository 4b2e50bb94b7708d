"""The assignment file (TOML): which exercises, worth how much, graded how.

```toml
title = "Week 5: gradients"
exercises = ["gradient-at-point", "chain-rule-linear-inside"]
bank = "my-bank"              # optional: a teacher's folder or file, relative to this file

[points]                      # optional: overrides the bank's points
gradient-at-point = 3

[options]                     # optional
tolerance = 1e-3              # relative tolerance for decimal answers (or digits = 3)
timeout = 3                   # the checker's time limit per answer (s)
time_limit = 10               # hard stop per answer: the grading process is killed (s)
hint_cost = 0.5               # points taken per hint used (default: the bank's cost)
hints = true                  # false: no hints for this assignment
penalty = 0.1                 # share of the points each graded attempt after the first takes
attempt_credit = [1, 0.7]     # or: share available at attempt 1, 2, … (the last repeats)
max_attempts = 3              # graded attempts allowed (default: the bank's, else no limit)
calculator = false            # practice --assignment: no calculator commands (default: true)
feedback = "guided"           # guided (default), full or verdict (exams): how much feedback says
follow_through = 0.5          # multi-part exercises: share of a part's points an error carried forward earns
```
The credit rules themselves live in :mod:`grader.scoring` (one policy for the REPL and the gradebook).
Every problem is reported at once, with the key it concerns.
"""
from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from tutor.render.words import count

from exercises.toml_depth import find_too_deep
from grader.scoring import ATTEMPT_KEYS, AssignmentRules, Policy, attempt_problems

TOP = ("title", "exercises", "bank", "points", "options")
OPTIONS = ("tolerance", "digits", "timeout", "time_limit", "hint_cost", "hints", "exact", *ATTEMPT_KEYS,
           "calculator", "feedback", "follow_through")
DEFAULT_TIME_LIMIT = 10.0  # seconds; the checker's own limit (3 s by default) comes first


class AssignmentError(ValueError):
    """The assignment file cannot be used; the message lists every problem."""


@dataclass(frozen=True)
class Assignment:
    title: str
    exercises: tuple[str, ...]
    points: Mapping[str, float]  # every exercise's points (bank's or overridden)
    options: Mapping[str, Any] = field(default_factory=dict)
    bank_path: str | None = None
    source: str = ""
    digest: str = ""  # SHA-256 of the file: a journal belongs to one version of it

    @property
    def possible(self) -> float:
        return sum(self.points[e] for e in self.exercises)

    @property
    def time_limit(self) -> float:
        return float(self.options.get("time_limit", DEFAULT_TIME_LIMIT))

    @property
    def rules(self) -> AssignmentRules:
        """The scoring and help rules (grader.scoring), which the REPL reads too."""
        return AssignmentRules(self.options, self.points)

    @property
    def hints_allowed(self) -> bool:
        return self.rules.hints_allowed

    @property
    def calculator_allowed(self) -> bool:
        return self.rules.calculator_allowed

    @property
    def feedback_level(self) -> str | None:
        """The assignment's feedback level, if it sets one (an exercise's own applies otherwise)."""
        return self.options.get("feedback")

    @property
    def follow_through(self) -> float | None:
        """The share of a part's points a carried-forward answer earns, if the assignment sets it
        (else each exercise's ``follow_through``, default 1)."""
        value = self.options.get("follow_through")
        return None if value is None else float(value)

    def grading_options(self) -> dict[str, Any]:
        return self.rules.grading_options()

    def batch_options(self) -> dict[str, Any]:
        """What every check of a batch run takes: the grading options, and follow-through when set."""
        out = self.grading_options()
        if self.follow_through is not None:
            out["follow_through"] = self.follow_through
        return out

    def policy(self, exercise: Any) -> Policy:
        """The scoring policy of ``exercise`` (an Exercise) in this assignment: its points, hint costs, attempts."""
        return self.rules.policy(exercise)

    def hint_cost(self, exercise: Any, used: int) -> float:
        """Points taken for using the first ``used`` hints of ``exercise`` (an Exercise)."""
        return self.policy(exercise).hint_cost(used) if used > 0 else 0.0


def load_assignment(path: str | Path, bank: Any = None) -> tuple[Assignment, Any]:
    """Read and check an assignment file -> (Assignment, the bank it uses).

    ``bank``: an already loaded bank to check the ids against (default: the
    file's ``bank`` entry, or the built-in bank). Raises :class:`AssignmentError`.
    """
    p = Path(path)
    try:
        raw_bytes = p.read_bytes()
        text = raw_bytes.decode("utf-8")
        deep = find_too_deep(text)
        if deep is not None:
            where = f" (key {deep.key!r})" if deep.key else ""
            raise AssignmentError(f"{p}: {deep.message()}{where}")
        data = tomllib.loads(text)
    except FileNotFoundError:
        raise AssignmentError(f"{p}: no such assignment file") from None
    except IsADirectoryError:
        raise AssignmentError(f"{p}: is a folder; give the assignment's .toml file") from None
    except UnicodeDecodeError:
        raise AssignmentError(f"{p}: the file is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise AssignmentError(f"{p}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise AssignmentError(f"{p}: cannot read the file: {exc.strerror}") from None
    problems: list[str] = []
    bank_path = _bank_path(data.get("bank"), p, problems)
    if bank is None and not problems:
        bank = _load_bank(bank_path, problems)
    assignment = _read(data, p, bank, bank_path, problems)
    if problems:
        head = f"{p}: {count(len(problems), 'problem')} in the assignment:"
        raise AssignmentError("\n".join([head] + [f"  {m}" for m in problems]))
    digest = hashlib.sha256(raw_bytes).hexdigest()
    return Assignment(**{**assignment, "source": str(p), "digest": digest}), bank


def _read(data: Mapping, p: Path, bank: Any, bank_path: str | None, problems: list[str]) -> dict:
    from exercises.schema import did_you_mean

    for key in data:
        if key not in TOP:
            problems.append(f"unknown key {key!r}{did_you_mean(key, TOP)}; an assignment has {', '.join(TOP)}")
    title = data.get("title", p.stem)
    if not isinstance(title, str) or not title.strip():
        problems.append("title: give the assignment a title, such as title = \"Week 5\"")
        title = p.stem
    ids = _exercise_ids(data.get("exercises"), bank, problems)
    points = _points(data.get("points", {}), ids, bank, problems)
    options = _options(data.get("options", {}), problems)
    return {"title": title.strip(), "exercises": tuple(ids), "points": points, "options": options,
            "bank_path": bank_path}


def _bank_path(value: Any, p: Path, problems: list[str]) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        problems.append("bank: the path of a folder or file of exercises, such as bank = \"my-bank\"")
        return None
    bank = Path(value)
    return str(bank if bank.is_absolute() else (p.parent / bank).resolve())


def _load_bank(bank_path: str | None, problems: list[str]) -> Any:
    from exercises.errors import BankError
    from grader.batch.work import bank_for

    try:
        return bank_for(bank_path)
    except BankError as exc:
        problems.append(f"bank: {exc}")
        return None


def _exercise_ids(value: Any, bank: Any, problems: list[str]) -> list[str]:
    from exercises.schema import did_you_mean

    if value is None:
        problems.append("exercises: list the exercise ids, such as exercises = [\"gradient-at-point\"]")
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append("exercises: a list of exercise ids (text), such as [\"gradient-at-point\"]")
        return []
    if not value:
        problems.append("exercises: the list is empty")
    ids: list[str] = []
    for ex_id in value:
        if ex_id in ids:
            problems.append(f"exercises: {ex_id!r} is listed twice")
            continue
        if bank is not None and ex_id not in bank:
            problems.append(f"exercises: no exercise {ex_id!r} in the bank{did_you_mean(ex_id, bank)}")
            continue
        ids.append(ex_id)
    return ids


def _points(value: Any, ids: list[str], bank: Any, problems: list[str]) -> dict[str, float]:
    from exercises.schema import did_you_mean

    out = {i: float(bank[i].points) for i in ids} if bank is not None else {i: 1.0 for i in ids}
    if not isinstance(value, Mapping):
        problems.append("points: a table of exercise-id = points, such as [points] then gradient-at-point = 3")
        return out
    for ex_id, pts in value.items():
        if ex_id not in ids:
            problems.append(f"points: {ex_id!r} is not one of the assignment's exercises{did_you_mean(ex_id, ids)}")
        elif isinstance(pts, bool) or not isinstance(pts, (int, float)) or not pts > 0:
            problems.append(f"points.{ex_id}: points are a positive number, such as 3")
        else:
            out[ex_id] = float(pts)
    return out


def _options(value: Any, problems: list[str]) -> dict[str, Any]:
    from exercises.schema import did_you_mean

    if not isinstance(value, Mapping):
        problems.append("options: a table, such as [options] then tolerance = 1e-3")
        return {}
    out: dict[str, Any] = {}
    for key, v in value.items():
        if key not in OPTIONS:
            problems.append(f"options: unknown option {key!r}{did_you_mean(key, OPTIONS)}; "
                            f"options: {', '.join(OPTIONS)}")
        elif key in ATTEMPT_KEYS:
            why = attempt_problems(key, v)
            if why:
                problems.append(f"options.{key}: {why}")
            else:
                out[key] = tuple(float(x) for x in v) if key == "attempt_credit" else v
        elif key == "feedback":
            from exercises.schema import FEEDBACK_LEVELS

            if v not in FEEDBACK_LEVELS:
                problems.append(f"options.feedback: one of {', '.join(FEEDBACK_LEVELS)}, not {v!r}")
            else:
                out[key] = v
        elif key in ("hints", "exact", "calculator"):
            if not isinstance(v, bool):
                problems.append(f"options.{key}: true or false")
            else:
                out[key] = v
        elif key == "follow_through":  # the share of a part's points a carried-forward answer earns
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 1:
                problems.append("options.follow_through: a share of the points from 0 to 1")
            else:
                out[key] = float(v)
        elif key == "digits":
            if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= 15:
                problems.append("options.digits: a whole number of significant digits from 1 to 15")
            else:
                out[key] = v
        elif isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0 or (v == 0 and key != "hint_cost"):
            problems.append(f"options.{key}: a positive number" + (" (or 0)" if key == "hint_cost" else ""))
        else:
            out[key] = float(v)
    if "tolerance" in out and "digits" in out:
        problems.append("options: give tolerance or digits, not both")
    if "time_limit" in out and out["time_limit"] <= out.get("timeout", 3.0):
        problems.append("options.time_limit: the hard stop must be longer than the checker's timeout "
                        f"({out.get('timeout', 3.0):g} s)")
    return out
