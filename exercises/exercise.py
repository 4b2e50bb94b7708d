"""An exercise from the bank, and one variant of it with its parameters chosen.

``Exercise.variant(seed)`` picks parameters from SHA-256 of (id, seed), asks
the exercise's task to solve it with the engine, and returns a frozen
:class:`Variant` holding the prompt, the answer, a typed answer that earns full
credit, the worked solution and the mistakes the grader may diagnose. Only the
answer is built at once: mistakes when an answer is wrong (as far as it reads them),
prompt, hints and solution when someone reads them. With a variant store in use
(``exercises.store``), a variant built by an earlier run is read back instead.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from exercises.errors import BankError
from exercises.params import ParameterSpace, seed_for
from tutor.answer_kinds import refined
from tutor.engine.later import Later, now
from tutor.render import Doc, Line, Math, Rendered, Step, line
from tutor.render.words import count


@dataclass(frozen=True)
class _Failed:
    """A variant that could not be built, kept so that it is not tried again."""

    error: Exception


@dataclass(frozen=True)
class Hint:
    text: str
    cost: float = 0


@dataclass(frozen=True, eq=False)
class Exercise:
    """One bank entry (frozen). ``inputs`` are the task's raw fields, read per variant."""

    id: str
    topic: str
    title: str
    prompt: str
    task: str
    kind: str
    points: float = 1
    difficulty: int = 1
    tags: tuple[str, ...] = ()
    hints: tuple[Hint, ...] = ()
    options: Mapping[str, Any] = field(default_factory=dict)  # grading options
    inputs: Mapping[str, Any] = field(default_factory=dict)
    space: ParameterSpace = field(default_factory=ParameterSpace)
    answer: Any = None  # the author's answer, checked against the engine by validate
    source: str = ""  # file it came from
    figure_kind: str | None = None
    answer_form: str | None = None  # the form the answer is shown in (exercises.answer_form)
    attempts: Mapping[str, Any] = field(default_factory=dict)  # penalty / attempt_credit / max_attempts, if given
    feedback_level: str | None = None  # the feedback level the author set (None: the assignment's or the default)
    parts: tuple = ()  # exercises.parts.Part, in order: () for a one-part exercise
    follow_through: float | None = None  # share of a part's points a carried-forward answer earns (None: 1)
    _variants: dict = field(default_factory=dict, repr=False)  # a small cache: variants are pure

    CACHE = 32

    @property
    def is_multipart(self) -> bool:
        return bool(self.parts)

    def part_variant(self, seed: int | str, name: str, given: Mapping[str, Any]) -> "Variant":
        """Part ``name`` of variant ``seed`` built with ``given`` (SymPy values of earlier parts, e.g. a
        student's) in place of the right ones; BankError when the task cannot work with them."""
        raise BankError("this exercise has no parts", self.source, self.id, "parts")

    def variant(self, seed: int | str = 0) -> "Variant":
        """The variant for ``seed`` (an int or text): the same on every run and machine.

        A failure is remembered like a success: a bank function that runs out of time
        costs one time limit per variant, not one per answer graded against it.
        """
        from tutor.engine.bounded import Unfinished

        key = (type(seed).__name__, str(seed))
        cached = self._variants.get(key)
        if cached is None:
            try:
                cached = self._stored(seed) or self._solve(seed)
            except (BankError, Unfinished) as exc:
                cached = _Failed(exc)
            if len(self._variants) >= self.CACHE:
                self._variants.pop(next(iter(self._variants)))
            self._variants[key] = cached
        if isinstance(cached, _Failed):
            raise cached.error.with_traceback(None)
        return cached

    def _solve(self, seed: int | str) -> "Variant":
        from exercises.tasks import load_all

        task = load_all()[self.task]
        missing = task.missing()
        if missing:
            raise BankError(f"the {self.task!r} task needs {', '.join(missing)}, which is not installed",
                            self.source, self.id, "task")
        try:
            params = self._params(seed)
            from exercises.tasks.base import Context

            ctx = Context(self.inputs, params)
            solved = task().solve(ctx)
        except BankError as exc:
            raise exc.located(self.source, self.id) from None
        from exercises import store

        store.counted_build()
        variant = self._assemble(seed, params, ctx, solved)
        where = self._store_key(seed)
        if where is not None:
            kept, key = where
            kept.put(*key, "core", (variant.answer, variant.answer_text, variant.kind, dict(variant.grading)))
            variant = replace(variant, mistakes=Later(partial(_kept, variant.mistakes, kept, key)))
        return variant

    def _store_key(self, seed: Any) -> tuple[Any, tuple[str, str, str]] | None:
        """(the active variant store, this variant's key in it), or None when no store is in use."""
        from exercises import store

        kept = store.active()
        if kept is None:
            return None
        return kept, (self.id, store.exercise_version(self), store.params_key(self.space.choose(self.id, seed)))

    def _stored(self, seed: Any) -> "Variant | None":
        """The variant read back from the store (what grading needs); the rest is built if someone reads it."""
        where = self._store_key(seed)
        if where is None:
            return None
        core = where[0].get(*where[1], "core")
        if core is None:
            return None
        kept, key = where
        answer, answer_text, kind, grading = core
        full = Later(lambda: (self._solve(seed),))
        known, complete = kept.get(*key, "mistakes") or ((), False)
        mistakes = Later.ready(known) if complete else Later(partial(_continued, known, full))
        return Variant(exercise=self, seed=seed, params=self._params(seed), answer=answer, answer_text=answer_text,
                       mistakes=mistakes, kind=kind, grading=grading, shown=Later(lambda: full[0].shown))

    def variant_for(self, student: Any) -> "Variant":
        """A student's own variant: the seed is a digest of (exercise id, student id)."""
        return self.variant(self.seed_of(student))

    def seed_of(self, student: Any) -> str:
        """The seed of ``student``'s own variant (a part takes its whole exercise's: exercises.parts)."""
        return seed_for(self.id, student)

    def function_for(self, student: Any) -> Any:
        """The exercise's function with ``student``'s parameters, read without solving the task (None when
        the task has no function): what the REPL's calculator must not work on during homework."""
        if not isinstance(self.inputs.get("function"), str):
            return None
        from exercises.tasks.base import Context

        names = self.inputs.get("variables") or self.inputs.get("variable") or ()
        names = [names] if isinstance(names, str) else [str(n) for n in names]
        ctx = Context(self.inputs, self._params(self.seed_of(student)))
        return ctx.read(self.inputs["function"], "function", names)

    def _params(self, seed: Any) -> dict[str, Any]:
        from exercises.params import sympy_values

        return sympy_values(self.space.choose(self.id, seed))

    def _assemble(self, seed: Any, params: dict, ctx: Any, solved: Any) -> "Variant":
        """The variant: its answer now; prompt, hints, worked solution and mistakes on first use."""
        from exercises.prompt import typed_form
        from tutor import to_text

        answer_text = solved.answer_text
        if answer_text is None:
            answer_text = typed_form(solved.answer)
        typed_differs = solved.answer_text is not None or answer_text != to_text(solved.answer)
        shown_answer = answer_text if typed_differs else solved.answer
        if self.answer_form is not None:  # the author's form is the typed answer too: read it now
            from exercises.answer_form import preferred

            try:
                shown_answer, answer_text = preferred(self.answer_form, ctx, self.options,
                                                      getattr(solved.answer, "free_symbols", ()))
            except BankError as exc:
                raise exc.located(self.source, self.id) from None
        return Variant(
            exercise=self, seed=seed, params=params, answer=solved.answer, answer_text=answer_text,
            mistakes=Later(partial(self._separable, solved)), kind=refined(self.kind, solved.kind),
            grading=dict(solved.options),
            shown=Later(partial(self._shown, params, ctx, solved, answer_text, shown_answer)),
        )

    def _shown(self, params: dict, ctx: Any, solved: Any, answer_text: str,
               shown_answer: Any) -> tuple["Shown"]:
        """What a person reads: the prompt and hints with the parameters filled, the worked solution."""
        from exercises.prompt import fill, fill_segments
        from exercises.texmath import prompt_line

        values = {**ctx.facts, **params}
        pieces = fill_segments(self.prompt + solved.appendix, values)
        hints = tuple(Hint(fill(h.text, values), h.cost) for h in self.hints)
        solution = Solution(self.title, Later(partial(now, solved.solution)), shown_answer, answer_text)
        return (Shown(prompt="".join(p[1] for p in pieces), prompt_text="".join(p[2] for p in pieces),
                      prompt_line=prompt_line(pieces), filled_hints=hints, solution=solution,
                      result=solved.result, plot=solved.figure),)

    def _separable(self, solved: Any) -> Iterator[Any]:
        """Mistakes the grader can tell from the answer: numeric ones outside the tolerance.

        Worked out as ``Variant.mistakes`` is read (a task may hand over a function that
        generates them), since only a wrong answer needs them, up to the one it matches.
        """
        mistakes = now(solved.mistakes)
        if solved.kind not in ("number", "vector"):
            yield from mistakes
            return
        from exercises.tasks.common import within_tolerance

        tol = float(self.options.get("tolerance", 5e-4))  # the grader's default: 4 significant digits
        yield from (m for m in mistakes if not within_tolerance(solved.answer, m.expr, tol))

    def summary(self) -> dict[str, Any]:
        """A JSON-ready description (no variant needed)."""
        return {
            "id": self.id, "topic": self.topic, "title": self.title, "task": self.task, "kind": self.kind,
            "points": self.points, "difficulty": self.difficulty, "tags": list(self.tags),
            "hints": [{"text": h.text, "cost": h.cost} for h in self.hints],
            "parameters": list(self.space.names), "source": self.source,
        }


def _kept(mistakes: Any, kept: Any, key: tuple) -> Iterator[Any]:
    """A variant's mistakes as they are worked out, each prefix kept in the store beside its answer
    (a wrong answer reads them only up to the one it matches)."""
    seen: list = []
    for m in mistakes:
        seen.append(m)
        kept.put(*key, "mistakes", (tuple(seen), False))
        yield m
    kept.put(*key, "mistakes", (tuple(seen), True))


def _continued(known: tuple, full: Any) -> Iterator[Any]:
    """The mistakes read back from the store, then (only if more are read) the rest, from a full build."""
    yield from known
    for i, m in enumerate(full[0].mistakes):
        if i >= len(known):
            yield m


@dataclass(frozen=True)
class Solution(Rendered):
    """The worked solution of one variant: the engine's steps, then the answer."""

    title: str
    steps: Sequence[Any]  # a Later: the engine's steps, worked out when the solution is first read
    answer: Any
    answer_text: str

    def doc(self) -> Doc:
        nodes = list(self.steps)
        nodes.append(line("Answer:", *_answer_parts(self.answer, self.answer_text)))
        return Doc(Line((f"Worked solution: {self.title}",)), tuple(nodes))

    def to_dict(self) -> dict[str, Any]:
        return {"type": "Solution", "title": self.title, "answer": self.answer_text,
                "steps": self.to_text()}


def _answer_parts(answer: Any, text: str) -> tuple:
    if hasattr(answer, "free_symbols") or type(answer).__module__.startswith("sympy"):
        return (Math(answer),)
    return (text,)


@dataclass(frozen=True)
class Shown:
    """The parts of a variant that people read, worked out on first use (grading needs none of them)."""

    prompt: str  # Markdown with $math$
    prompt_text: str  # the prompt for a terminal (Unicode, no LaTeX)
    prompt_line: Any  # the prompt as a render Line (formulas in LaTeX and in Unicode)
    filled_hints: tuple[Hint, ...] | None  # the exercise's hints with {param} filled as in the prompt
    solution: Solution
    result: Any = None  # the engine's result object
    plot: tuple | None = None


@dataclass(frozen=True, eq=False)
class Variant(Rendered):
    """One variant: the engine's answer and how to grade it; the prompt and solution when first read."""

    exercise: Exercise
    seed: Any
    params: Mapping[str, Any]
    answer: Any
    answer_text: str
    mistakes: Sequence = ()  # a Later: generated when an answer is wrong
    kind: str = "expression"
    grading: Mapping[str, Any] = field(default_factory=dict)
    shown: Sequence = ()  # a Later of one Shown
    parts: tuple = ()  # (name, Variant) per part of a multi-part exercise: the right chain

    def part(self, name: str) -> "Variant":
        """The variant of part ``name`` (built with the right answers of the earlier parts)."""
        for key, variant in self.parts:
            if key == name:
                return variant
        from exercises.schema import did_you_mean

        raise KeyError(f"no part {name!r} in {self.exercise.id}{did_you_mean(name, [k for k, _ in self.parts])}")

    @property
    def prompt(self) -> str:
        return self.shown[0].prompt

    @property
    def prompt_text(self) -> str:
        return self.shown[0].prompt_text

    @property
    def prompt_line(self) -> Any:
        return self.shown[0].prompt_line

    @property
    def filled_hints(self) -> tuple[Hint, ...] | None:
        return self.shown[0].filled_hints

    @property
    def solution(self) -> Solution:
        return self.shown[0].solution

    @property
    def result(self) -> Any:
        return self.shown[0].result

    @property
    def plot(self) -> tuple | None:
        return self.shown[0].plot

    @property
    def id(self) -> str:
        return self.exercise.id

    def options(self, **overrides: Any) -> dict[str, Any]:
        """The options ``grader.check_variant`` grades with: the task's, the exercise's (the author's word wins), then ``overrides``."""
        out = dict(self.grading)
        out.update(self.exercise.options)
        if isinstance(self.mistakes, Later) or self.mistakes:  # a Later is worked out only if the grader reads it
            out["mistakes"] = self.mistakes
        out.update(overrides)
        return out

    def figure(self, path: str | Path) -> Path | None:
        """Draw the variant's figure (surface, contour, descent path, tangent) or return None."""
        from exercises.figures import draw

        return draw(self, Path(path))

    def hints(self) -> tuple[Hint, ...]:
        """The hints for this variant: ``{param}`` placeholders filled like the prompt's."""
        return self.exercise.hints if self.filled_hints is None else self.filled_hints

    def doc(self) -> Doc:
        from exercises.texmath import prose

        ex = self.exercise
        nodes: list = [self.prompt_line or prose(self.prompt)]
        nodes.extend(Line((f"({name})", *v.prompt_line.parts)) for name, v in self.parts)  # a multi-part one's parts
        meta = f"{ex.topic} · {ex.task} · {count(ex.points, 'point', shown=f'{ex.points:g}')} · difficulty {ex.difficulty}"
        nodes.append(Line((meta,)))
        if self.hints():
            nodes.append(Step(Line(("Hints",)), tuple(
                prose(h.text, f"(costs {h.cost:g})") for h in self.hints())))
        return Doc(Line((f"{ex.id}: {ex.title}",)), tuple(nodes))

    def to_dict(self) -> dict[str, Any]:
        from tutor.render import jsonable

        return {
            "type": "Variant", "id": self.id, "seed": str(self.seed), "title": self.exercise.title,
            "topic": self.exercise.topic, "task": self.exercise.task, "kind": self.kind,
            "points": self.exercise.points, "difficulty": self.exercise.difficulty,
            "params": {k: jsonable(v) for k, v in self.params.items()},
            "prompt": self.prompt, "prompt_text": self.prompt_text,
            "answer": jsonable(self.answer), "answer_text": self.answer_text,
            "hints": [{"text": h.text, "cost": h.cost} for h in self.hints()],
            "mistakes": [{"key": m.key, "description": m.description, "answer": jsonable(m.expr)}
                         for m in self.mistakes],
            "solution": self.solution.to_text(),
            **({"parts": [{"name": name, **v.to_dict()} for name, v in self.parts]} if self.parts else {}),
        }
