"""Reading a multi-part ``[[exercise]]``: its ``[[exercise.parts]]`` and their references.

An exercise has ``task`` (one part) or ``[[exercise.parts]]`` (two or more), never both.
Task inputs set on the exercise are inherited by every part whose task has that input and
does not set it. ``{name}`` / ``{name[k]}`` in a part's inputs must name an EARLIER part.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from exercises.errors import BankError
from exercises.schema import KINDS, Field, Number, OneOf, Text, check_fields, did_you_mean

PART_FIELDS: dict[str, Field] = {
    "name": Text(required=True, help="a short name such as \"grad\": lower-case letters, digits and _"),
    "prompt": Text(required=True),
    "task": Text(required=True),
    "kind": OneOf(options=KINDS),
    "points": Number(positive=True),
    "answer_form": Text(),
    "label": Text(help="how feedback names the part's answer, e.g. \"gradient\" (default: the part's name)"),
}
PART_EXTRA = ("hints", "answer", "grading")
ON_PARTS = ("task", "kind", "answer", "answer_form")  # set per part, never on a multi-part exercise


def read_multipart(raw: Mapping[str, Any], default_topic: Any, source: str) -> Any:
    """A multi-part [[exercise]] table -> MultipartExercise, or BankError naming the field."""
    from exercises.attempts import read_attempts
    from exercises.entry_fields import COMMON, EXTRA, _grading, _hints
    from exercises.params import parse_space
    from exercises.parts import MultipartExercise
    from exercises.tasks import load_all

    if "task" in raw:
        raise BankError("an exercise has either task or [[exercise.parts]], not both: set task on each part",
                        field="task")
    for key in ON_PARTS:
        if key in raw:
            raise BankError(f"{key} belongs on each part of an exercise with [[exercise.parts]]", field=key)
    parts_raw = raw["parts"]
    if not isinstance(parts_raw, list) or len(parts_raw) < 2:
        raise BankError("write two or more [[exercise.parts]] tables (one part is an ordinary exercise with task)",
                        field="parts")
    common = check_fields(raw, {k: v for k, v in COMMON.items() if k not in ON_PARTS})
    tasks = load_all()
    task_fields = {name for p in parts_raw if isinstance(p, Mapping) and p.get("task") in tasks
                   for name in tasks[p["task"]].fields}
    allowed = set(COMMON) - set(ON_PARTS) | set(EXTRA) - {"answer"} | {"parts", "follow_through"} | task_fields
    for key in raw:
        if key not in allowed:
            raise BankError(f"unknown field for a multi-part exercise{did_you_mean(key, allowed)}", field=key)
    topic = common.get("topic") or default_topic
    from exercises.schema import ID_PATTERN

    if not ID_PATTERN.match(common["id"]):
        raise BankError("an id is kebab-case: lower-case letters and digits joined by '-'", field="id")
    if not isinstance(topic, str) or not ID_PATTERN.match(topic):
        raise BankError("give a kebab-case topic (here or as topic = ... at the top of the file)", field="topic")
    space = parse_space(raw.get("parameters"), raw.get("conditions"))
    inherited = {k: raw[k] for k in task_fields if k in raw}
    options = _grading(raw.get("grading"))
    parts: list = []
    for i, part_raw in enumerate(parts_raw):
        try:
            parts.append(_read_part(part_raw, i, parts, parts_raw, inherited, options, common, topic, space, source))
        except BankError as exc:
            label = part_raw.get("name") if isinstance(part_raw, Mapping) and isinstance(part_raw.get("name"), str) \
                else str(i + 1)
            raise exc.located(field=f"parts.{label}") from None
    return MultipartExercise(
        id=common["id"], topic=topic, title=common["title"], prompt=common["prompt"], task="parts", kind="parts",
        points=sum(p.points for p in parts), difficulty=common.get("difficulty", 1), tags=common.get("tags", ()),
        hints=_hints(raw.get("hints")), options=options, inputs=inherited, space=space, source=source,
        figure_kind=common.get("figure"), attempts=read_attempts(raw), feedback_level=common.get("feedback_level"),
        parts=tuple(parts), follow_through=_follow_through(raw.get("follow_through")),
    )


def _read_part(raw: Any, i: int, earlier: list, every: list, inherited: Mapping[str, Any],
               options: Mapping[str, Any], common: Mapping[str, Any], topic: str, space: Any, source: str) -> Any:
    """One [[exercise.parts]] table -> Part (its inputs checked against its task's fields)."""
    from exercises.entry_fields import _grading, _hints, _points
    from exercises.parts import NAME, Part, PartExercise, references
    from exercises.tasks import load_all
    from tutor.answer_kinds import refined

    if not isinstance(raw, Mapping):
        raise BankError("a part is a table: [[exercise.parts]] with name, prompt and task")
    head = check_fields(raw, PART_FIELDS)
    name = head["name"]
    if not NAME.match(name):
        raise BankError("a part's name is lower-case letters, digits and _, starting with a letter", field="name")
    if name in [p.name for p in earlier]:
        raise BankError(f"two parts are called {name!r}", field="name")
    tasks = load_all()
    task_name = head["task"]
    if task_name not in tasks:
        raise BankError(f"unknown task {task_name!r}{did_you_mean(task_name, tasks)}", field="task")
    task = tasks[task_name]
    allowed = set(PART_FIELDS) | set(PART_EXTRA) | set(task.fields)
    for key in raw:
        if key not in allowed:
            raise BankError(f"unknown field for a {task_name!r} part{did_you_mean(key, allowed)}", field=key)
    merged = {**{k: v for k, v in inherited.items() if k in task.fields}, **{k: raw[k] for k in raw if k in task.fields}}
    inputs = check_fields(merged, task.fields)
    refs = _check_refs(inputs, name, [p.name for p in earlier], _names(every))
    task.check_inputs(inputs)
    kind = head.get("kind") or task.kind_for(inputs)
    if kind != refined(kind, task.kind_for(inputs)) and kind not in task.kinds:
        raise BankError(f"a {task_name!r} part is graded as {task.kind_for(inputs)!r}", field="kind")
    exercise = PartExercise(
        id=f"{common['id']}.{name}", topic=topic, title=f"{common['title']} ({name})", prompt=head["prompt"],
        task=task_name, kind=kind, points=_points(head.get("points", 1)), difficulty=common.get("difficulty", 1),
        tags=common.get("tags", ()), hints=_hints(raw.get("hints")), options={**options, **_grading(raw.get("grading"))},
        inputs=inputs, space=space, answer=raw.get("answer"), source=source, answer_form=head.get("answer_form"),
        feedback_level=common.get("feedback_level"), parent_id=common["id"],
    )
    return Part(name, exercise, refs, head.get("label", ""))


def _check_refs(inputs: Mapping[str, Any], name: str, earlier: list[str], every: list[str]) -> tuple[str, ...]:
    """The earlier parts the inputs use, in part order; any other reference is a BankError."""
    from exercises.parts import references

    used: set[str] = set()
    for key, value in inputs.items():
        for ref, k in references(value):
            if ref == name:
                raise BankError(f"{{{ref}}} is this part's own answer; a part may use only earlier parts' answers",
                                field=key)
            if ref not in earlier:
                where = "a later part" if ref in every else "no part"
                raise BankError(f"{{{ref}}} names {where}; a part may use only the answers of earlier parts"
                                f" ({', '.join(earlier) or 'none here'}){did_you_mean(ref, earlier)}", field=key)
            if k is not None and k < 1:
                raise BankError(f"{{{ref}[{k}]}}: components are numbered from 1", field=key)
            used.add(ref)
    return tuple(r for r in earlier if r in used)


def _names(parts_raw: list) -> list[str]:
    return [p["name"] for p in parts_raw if isinstance(p, Mapping) and isinstance(p.get("name"), str)]


def _follow_through(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise BankError("follow_through is the share of a part's points a carried-forward answer earns, "
                        "a number from 0 to 1", field="follow_through")
    return float(value)
