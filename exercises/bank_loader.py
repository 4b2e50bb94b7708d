"""Load the bank: the built-in TOML files, or a teacher's folder or file.

Every entry is checked against the schema when it is loaded; all problems in
all files are collected and raised together as one :class:`BankLoadError`
whose lines name file, exercise id and field.
"""
from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from exercises.errors import BankError, BankLoadError
from exercises.toml_depth import find_too_deep
from exercises.exercise import Exercise
from exercises.params import parse_space
from exercises.entry_fields import COMMON, EXTRA, FIGURES, GRADING, _grading, _hints, _points  # noqa: F401
from exercises.schema import ID_PATTERN, check_fields, did_you_mean
from exercises.attempts import read_attempts
from exercises.topics import topic_order
from tutor.answer_kinds import refined
from tutor.render.words import count

class Bank(Mapping):
    """Exercises by id, in file order; ``topics()`` in course order."""

    def __init__(self, exercises: list[Exercise], sources: tuple[str, ...] = ()):
        self._by_id = {ex.id: ex for ex in exercises}
        self.sources = sources

    def __getitem__(self, exercise_id: str) -> Exercise:
        try:
            return self._by_id[exercise_id]
        except KeyError:
            hint = did_you_mean(exercise_id, self._by_id)
            raise KeyError(f"no exercise {exercise_id!r} in the bank{hint}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)

    def __repr__(self) -> str:
        return f"<Bank: {count(len(self), 'exercise')} in {count(len(self.topics()), 'topic')}>"

    def exercises(self) -> list[Exercise]:
        return list(self._by_id.values())

    def topics(self) -> list[str]:
        return topic_order([ex.topic for ex in self._by_id.values()])

    def by_topic(self, topic: str) -> list[Exercise]:
        found = [ex for ex in self._by_id.values() if ex.topic == topic]
        if not found and topic not in self.topics():
            raise KeyError(f"no topic {topic!r} in the bank{did_you_mean(topic, self.topics())}")
        return found


def builtin_files() -> list[Path]:
    folder = resources.files("exercises") / "bank"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".toml"))


def load(path: str | Path | None = None) -> Bank:
    """The built-in bank (``path=None``), or a teacher's folder of ``*.toml`` files or a single file."""
    files = _files(path)
    errors: list[BankError] = []
    exercises: list[Exercise] = []
    seen: dict[str, str] = {}
    for file in files:
        for ex in _load_file(file, errors):
            if ex.id in seen:
                errors.append(BankError(f"the id is already used in {seen[ex.id]}", ex.source, ex.id, "id"))
                continue
            seen[ex.id] = ex.source
            exercises.append(ex)
    if errors:
        raise BankLoadError(errors)
    return Bank(exercises, tuple(str(f) for f in files))


def _files(path: str | Path | None) -> list[Path]:
    if path is None:
        return builtin_files()
    p = Path(path)
    if p.is_dir():
        files = sorted(p.rglob("*.toml"))
        if not files:
            raise BankError("the folder holds no *.toml files", str(p))
        return files
    if p.is_file():
        return [p]
    raise BankError("no such file or folder", str(p))


def _load_file(file: Path, errors: list[BankError]) -> list[Exercise]:
    name = _display_name(file)
    try:
        text = file.read_text(encoding="utf-8")
        deep = find_too_deep(text)
        if deep is not None:
            errors.append(BankError(deep.message(), name, deep.exercise, deep.key))
            return []
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        errors.append(BankError("the file is not UTF-8 text", name))
        return []
    except tomllib.TOMLDecodeError as exc:
        errors.append(BankError(f"not valid TOML: {exc}", name))
        return []
    except OSError as exc:
        errors.append(BankError(f"cannot read the file: {exc.strerror}", name))
        return []
    unknown = set(data) - {"topic", "exercise"}
    if unknown:
        key = sorted(unknown)[0]
        errors.append(BankError("unknown top-level key; a file holds [[exercise]] tables and an optional topic"
                                + did_you_mean(key, ["topic", "exercise"]), name, None, key))
    default_topic = data.get("topic")
    entries = data.get("exercise", [])
    if not isinstance(entries, list):
        errors.append(BankError("write each exercise as an [[exercise]] table", name, None, "exercise"))
        return []
    out = []
    for i, raw in enumerate(entries):
        ident = raw.get("id") if isinstance(raw, Mapping) and isinstance(raw.get("id"), str) else f"#{i + 1}"
        try:
            out.append(read_entry(raw, default_topic, name))
        except BankError as exc:
            errors.append(exc.located(name, ident))
    return out


def _display_name(file: Path) -> str:
    try:
        builtin = Path(str(resources.files("exercises") / "bank"))
        if file.resolve().parent == builtin.resolve():
            return f"exercises/bank/{file.name}"
    except (OSError, TypeError):
        pass
    return str(file)


def read_entry(raw: Any, default_topic: Any = None, source: str = "") -> Exercise:
    """One [[exercise]] table -> Exercise, or BankError naming the field."""
    from exercises.tasks import load_all

    if not isinstance(raw, Mapping):
        raise BankError("an exercise must be a table")
    if "parts" in raw:
        from exercises.part_schema import read_multipart

        return read_multipart(raw, default_topic, source)
    tasks = load_all()
    common = check_fields(raw, COMMON)
    ex_id = common["id"]
    if not ID_PATTERN.match(ex_id):
        raise BankError("an id is kebab-case: lower-case letters and digits joined by '-'", field="id")
    task_name = common["task"]
    if task_name not in tasks:
        raise BankError(f"unknown task {task_name!r}{did_you_mean(task_name, tasks)}; "
                        f"tasks: {', '.join(sorted(tasks))}", field="task")
    task = tasks[task_name]
    allowed = set(COMMON) | set(EXTRA) | set(task.fields)
    for key in raw:
        if key not in allowed:
            raise BankError(f"unknown field for a {task_name!r} exercise{did_you_mean(key, allowed)}", field=key)
    inputs = check_fields(raw, task.fields)
    task.check_inputs(inputs)
    topic = common.get("topic") or default_topic
    if not isinstance(topic, str) or not ID_PATTERN.match(topic):
        raise BankError("give a kebab-case topic (here or as topic = ... at the top of the file)", field="topic")
    kind = common.get("kind") or task.kind_for(inputs)
    if kind != refined(kind, task.kind_for(inputs)) and kind not in task.kinds:
        raise BankError(f"a {task_name!r} exercise is graded as {task.kind_for(inputs)!r}"
                        + (f" (or {', '.join(task.kinds)})" if task.kinds else ""), field="kind")
    return Exercise(
        id=ex_id, topic=topic, title=common["title"], prompt=common["prompt"], task=task_name, kind=kind,
        points=_points(common.get("points", 1)), difficulty=common.get("difficulty", 1),
        tags=common.get("tags", ()), hints=_hints(raw.get("hints")), options=_grading(raw.get("grading")),
        inputs=inputs, space=parse_space(raw.get("parameters"), raw.get("conditions")),
        answer=raw.get("answer"), source=source, figure_kind=common.get("figure"), attempts=read_attempts(raw),
        answer_form=common.get("answer_form"),
        feedback_level=common.get("feedback_level"),
    )
