"""Multi-part exercises: ordered parts whose tasks may use earlier parts' answers.

A part is an exercise of its own (prompt, task, kind, points, hints) whose task inputs
may hold ``{name}`` (an earlier part's answer) or ``{name[k]}`` (its k-th component,
1-based as in ∂f/∂x₁). A variant of the whole exercise is the right chain: each part
built with the right earlier answers. ``part_variant`` builds one part with other earlier
values (a student's own), which is how the grader carries an error forward.

Values go into a part's inputs as text printed by ``tutor.to_text`` and re-read by
``tutor.parse`` with the rest of the input (never sympify). The reader has no vector
arithmetic, so a whole vector reference inside a larger expression is broadcast: the
input is read once per component, with ``{grad}`` as ``{grad[i]}`` and every bracketed
list ``(1, 0)`` as its i-th item; ``(1, 0) - 0.1*{grad}`` is then a vector.

Parameters are chosen from the PARENT id and seed, so all parts share them. Multi-part
variants bypass the variant store (``exercises.store``): its key has no room for the
earlier values a part is built with, and parts are small.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from exercises.errors import BankError
from exercises.exercise import Exercise, Hint, Shown, Solution, Variant
from exercises.params import seed_for, sympy_values
from tutor.engine.later import Later

REF = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?\}")
NAME = re.compile(r"^[a-z][a-z0-9_]*$")
MAX_VALUE_TEXT = 400  # characters: an earlier value longer than this is not built into a later part
PART_SECONDS = 3.0  # building one part with a student's values (the variant's own parts are the bank's)
CACHE = 256


@dataclass(frozen=True)
class Part:
    """One part: its ``exercise`` (id ``<parent>.<name>``) and the earlier parts its inputs use."""

    name: str
    exercise: "PartExercise"
    refs: tuple[str, ...] = ()
    label: str = ""  # how feedback names this part's answer ("gradient"); empty: the name

    @property
    def points(self) -> float:
        return self.exercise.points

    @property
    def called(self) -> str:
        """The words feedback uses for this part's answer: its label, else its name."""
        return self.label or self.name.replace("_", " ")


@dataclass(frozen=True, eq=False)
class PartExercise(Exercise):
    """A part as an exercise; its parameters (and a student's seed) come from the parent."""

    parent_id: str = ""

    def _params(self, seed: Any) -> dict[str, Any]:
        return sympy_values(self.space.choose(self.parent_id, seed))

    def _store_key(self, seed: Any) -> None:
        return None  # parts bypass the variant store (module docstring)

    def seed_of(self, student: Any) -> str:
        return seed_for(self.parent_id, student)

    def _solve(self, seed: int | str) -> Variant:
        if any(True for _ in references(self.inputs)):
            name = self.id.rsplit(".", 1)[-1]
            raise BankError(f"this part uses earlier parts' answers: build it as "
                            f"bank[{self.parent_id!r}].variant(seed).part({name!r})", self.source, self.id, "parts")
        return super()._solve(seed)

    def with_given(self, given: Mapping[str, Any]) -> "PartExercise":
        """This part with the references in its inputs replaced by ``given`` values."""
        return replace(self, inputs=resolve_inputs(self.inputs, given), _variants={})


@dataclass(frozen=True, eq=False)
class MultipartExercise(Exercise):
    """An exercise made of parts (``task`` and ``kind`` are ``"parts"``)."""

    _built: dict = field(default_factory=dict, repr=False)  # part variants by (seed, name, given)

    def _stored(self, seed: Any) -> None:
        return None  # bypasses the variant store (module docstring)

    def _store_key(self, seed: Any) -> None:
        return None

    def named(self, name: str) -> Part:
        for part in self.parts:
            if part.name == name:
                return part
        from exercises.schema import did_you_mean

        raise BankError(f"no part {name!r}{did_you_mean(name, [p.name for p in self.parts])}",
                        self.source, self.id, "parts")

    def _solve(self, seed: int | str) -> Variant:
        params = self._params(seed)
        right: dict[str, Any] = {}
        pairs: list[tuple[str, Variant]] = []
        for part in self.parts:
            built = self._build(seed, part, {r: right[r] for r in part.refs}, seconds=None)
            right[part.name] = built.answer
            pairs.append((part.name, built))
        answer_text = one_cell((name, v.answer_text) for name, v in pairs)
        return Variant(exercise=self, seed=seed, params=params, answer=right, answer_text=answer_text,
                       kind="parts", shown=Later(partial(self._shown_parts, params, tuple(pairs), answer_text)),
                       parts=tuple(pairs))

    def part_variant(self, seed: int | str, name: str, given: Mapping[str, Any]) -> Variant:
        """Part ``name`` built with ``given`` earlier values (the right ones where ``given`` has none)."""
        part = self.named(name)
        values = dict(given)
        missing = [r for r in part.refs if values.get(r) is None]
        if missing:
            whole = self.variant(seed)
            values.update({r: whole.part(r).answer for r in missing})
        return self._build(seed, part, {r: values[r] for r in part.refs})

    def _build(self, seed: Any, part: Part, given: Mapping[str, Any], seconds: float | None = PART_SECONDS) -> Variant:
        """The part's variant with these earlier values; remembered, failures too. Built with a
        student's values it is bounded by ``seconds``; the right chain is the bank's own work."""
        if not part.refs:
            return part.exercise.variant(seed)
        key = (type(seed).__name__, str(seed), part.name, tuple((r, _key(given[r])) for r in part.refs))
        hit = self._built.get(key)
        if hit is None:
            hit = self._attempt(seed, part, given, seconds)
            if len(self._built) >= CACHE:
                self._built.pop(next(iter(self._built)))
            self._built[key] = hit
        if isinstance(hit, BankError):
            raise hit.with_traceback(None)
        return hit

    def _attempt(self, seed: Any, part: Part, given: Mapping[str, Any], seconds: float | None) -> Variant | BankError:
        from contextlib import nullcontext

        from tutor.engine.bounded import Unfinished, alarm

        try:
            with alarm(seconds, "building a part") if seconds else nullcontext():
                return part.exercise.with_given(given).variant(seed)
        except BankError as exc:
            return exc.located(self.source, part.exercise.id)
        except Unfinished:
            return BankError(f"building the part with these earlier answers took over {seconds or PART_SECONDS:g} s",
                             self.source, part.exercise.id, "parts")
        except (ArithmeticError, ValueError, TypeError, RecursionError) as exc:
            return BankError(f"the earlier answers do not fit this part ({type(exc).__name__})",
                             self.source, part.exercise.id, "parts")

    def _shown_parts(self, params: dict, pairs: tuple, answer_text: str) -> tuple[Shown]:
        """The stem, then each part's prompt; the worked solution part by part."""
        from exercises.prompt import fill, fill_segments
        from exercises.texmath import prompt_line
        from tutor.render import Line, Step

        pieces = fill_segments(self.prompt, self.stem_values(params))
        stem, stem_text = "".join(p[1] for p in pieces), "".join(p[2] for p in pieces)
        prompt = "\n\n".join([stem, *(f"**({name})** {v.prompt}" for name, v in pairs)])
        prompt_text = "\n\n".join([stem_text, *(f"({name}) {v.prompt_text}" for name, v in pairs)])
        steps = Later(lambda: tuple(Step(Line((f"Part {name}",)), tuple(v.solution.doc().nodes))
                                    for name, v in pairs))
        hints = tuple(Hint(fill(h.text, params), h.cost) for h in self.hints)
        return (Shown(prompt=prompt, prompt_text=prompt_text, prompt_line=prompt_line(pieces),
                      filled_hints=hints, solution=Solution(self.title, steps, answer_text, answer_text)),)

    def stem_values(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """What the stem's placeholders show: the parameters and the exercise-level inputs, read."""
        from exercises.tasks.base import Context

        ctx = Context(self.inputs, params)
        names = self.inputs.get("variables") or self.inputs.get("variable") or ()
        names = [names] if isinstance(names, str) else list(names)
        for key, raw in self.inputs.items():
            if key not in ("variables", "variable") and isinstance(raw, (str, int, float)) and not REF.search(str(raw)):
                try:
                    ctx.expr(key, names)
                except BankError:
                    continue
        return {**ctx.facts, **params}

    def function_for(self, student: Any) -> Any:
        return None if "function" not in self.inputs else super().function_for(student)

    def summary(self) -> dict[str, Any]:
        out = super().summary()
        out["parts"] = [{"name": p.name, "task": p.exercise.task, "kind": p.exercise.kind,
                         "points": p.points, "uses": list(p.refs)} for p in self.parts]
        return out


def one_cell(pairs: Iterable[tuple[str, str]]) -> str:
    """The one-cell form of several answers: ``grad: (2, 4); step: (0.8, -0.4)``."""
    return "; ".join(f"{name}: {text}" for name, text in pairs)


def stem(variant: Variant) -> tuple[str, str]:
    """The shared stem of a multi-part variant: (Markdown, terminal text), parameters filled."""
    from exercises.prompt import fill_segments

    ex = variant.exercise
    pieces = fill_segments(ex.prompt, ex.stem_values(variant.params) if isinstance(ex, MultipartExercise)
                           else variant.params)
    return "".join(p[1] for p in pieces), "".join(p[2] for p in pieces)


# ---------------------------------------------------------------- references

def references(value: Any) -> Iterator[tuple[str, int | None]]:
    """The ``{name}`` / ``{name[k]}`` references in an input value (text, lists, tables)."""
    if isinstance(value, str):
        for m in REF.finditer(value):
            yield m.group(1), None if m.group(2) is None else int(m.group(2))
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from references(v)
    elif isinstance(value, Mapping):
        for v in value.values():
            yield from references(v)


def resolve_inputs(inputs: Mapping[str, Any], given: Mapping[str, Any]) -> dict[str, Any]:
    """The inputs with every reference replaced by the text of its ``given`` value."""
    return {key: _resolve(value, given, key) for key, value in inputs.items()}


def _resolve(value: Any, given: Mapping[str, Any], fld: str) -> Any:
    if isinstance(value, str):
        return resolve_text(value, given, fld)
    if isinstance(value, (list, tuple)):
        return tuple(_resolve(v, given, fld) for v in value)
    if isinstance(value, Mapping):
        return {k: _resolve(v, given, fld) for k, v in value.items()}
    return value


def resolve_text(text: str, given: Mapping[str, Any], fld: str = "") -> str:
    """One input text with its references filled; a whole vector inside an expression is broadcast."""
    found = list(REF.finditer(text))
    if not found:
        return text
    wide = {m.group(1): len(c) for m in found if m.group(2) is None
            for c in [components(given.get(m.group(1)))] if c is not None and len(c) > 1}
    if wide and not (len(found) == 1 and text.strip() == found[0].group(0)):
        sizes = set(wide.values())
        if len(sizes) > 1:
            raise BankError(f"the vectors {', '.join(sorted(wide))} have different lengths", field=fld)
        n = sizes.pop()
        items = [_fill(_pick(text, i, n, fld), given, fld, wide, i + 1) for i in range(n)]
        return "(" + ", ".join(items) + ")"
    return _fill(text, given, fld)


def _fill(text: str, given: Mapping[str, Any], fld: str, wide: Mapping[str, int] = {}, index: int = 0) -> str:
    def repl(m: re.Match) -> str:
        name, k = m.group(1), m.group(2)
        k = index if k is None and name in wide else (None if k is None else int(k))
        text = value_text(name, given, k, fld)
        # a vector prints in its own brackets (and a bracketed vector is not read as one)
        return text if k is None and components(given.get(name)) is not None else "(" + text + ")"

    return REF.sub(repl, text)


def _pick(text: str, i: int, n: int, fld: str) -> str:
    """``text`` with every bracketed list (not a function's arguments) replaced by its i-th item."""
    from tutor.reading.split import split_top_level

    out, pos = [], 0
    while pos < len(text):
        ch = text[pos]
        if ch == "(" and not re.search(r"[\w)\]]\s*$", text[:pos]):
            end = _closing(text, pos)
            items = split_top_level(text[pos + 1:end], ",")
            if len(items) > 1:
                if len(items) != n:
                    raise BankError(f"a list of {len(items)} items meets a vector of {n}", field=fld)
                out.append("(" + _pick(items[i], i, n, fld) + ")")
                pos = end + 1
                continue
        out.append(ch)
        pos += 1
    return "".join(out)


def _closing(text: str, start: int) -> int:
    depth = 0
    for j in range(start, len(text)):
        depth += text[j] in "([{"
        depth -= text[j] in ")]}"
        if depth == 0:
            return j
    raise BankError("a bracket is not closed", field="")


def components(value: Any) -> tuple | None:
    """A vector's entries (a Tuple, tuple or one-row/one-column matrix); None for anything else."""
    import sympy as sp

    if isinstance(value, (sp.Tuple, tuple, list)):
        return tuple(value)
    if isinstance(value, sp.MatrixBase) and 1 in value.shape:
        return tuple(value)
    return None


def value_text(name: str, given: Mapping[str, Any], k: int | None, fld: str) -> str:
    """The text of an earlier value (or its k-th component), as our printer writes it."""
    import sympy as sp

    from tutor import to_text

    if name not in given:
        raise BankError(f"no value for {{{name}}}", field=fld)
    value = given[name]
    if k is not None:
        entries = components(value)
        if entries is None or not 1 <= k <= len(entries):
            size = "not a vector" if entries is None else f"a vector of {len(entries)}"
            raise BankError(f"{{{name}[{k}]}} asks for component {k}, but the answer to {name} is {size}", field=fld)
        value = entries[k - 1]
    if isinstance(value, (sp.Tuple, tuple, list)):
        value = sp.Tuple(*value)
    elif isinstance(value, sp.MatrixBase) and 1 in value.shape:
        value = sp.Tuple(*value)
    if isinstance(value, bool) or not isinstance(value, (sp.Basic, int)):
        raise BankError(f"the answer to {name} is not a mathematical value", field=fld)
    try:
        text = to_text(value)
    except Exception:  # noqa: BLE001 - a value our printer cannot write cannot go into a part
        raise BankError(f"the answer to {name} cannot be written out", field=fld) from None
    if len(text) > MAX_VALUE_TEXT:
        raise BankError(f"the answer to {name} is too long to build on ({len(text)} characters)", field=fld)
    return text


def _key(value: Any) -> str:
    """A cache key for an earlier value: its printed form (srepr only when printing fails)."""
    import sympy as sp

    from tutor import to_text

    try:
        return to_text(value)
    except Exception:  # noqa: BLE001 - any stable spelling will do for a key
        return sp.srepr(value) if isinstance(value, sp.Basic) else repr(value)
