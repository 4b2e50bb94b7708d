"""Grading inside a worker: the bank loads once per process, each variant is built once.

A student's variant depends only on the parameters chosen for them, so the
variants are cached by a digest of those parameters (the *variant key*); the
300 students of a class share a few dozen variants per exercise. Everything
here runs in a worker process (pebble or Dask) or, for small jobs, inline.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from grader.batch.echo import read_as as _read_as
from grader.batch.model import Job, Outcome, PartOutcome

_BANKS: dict[str | None, Any] = {}


def bank_for(path: str | None) -> Any:
    """The bank at ``path`` (None: built in), loaded once per process."""
    if path not in _BANKS:
        import exercises

        _BANKS[path] = exercises.load(path)
    return _BANKS[path]


def variant_key(exercise: Any, student: str) -> str:
    """A digest of the parameters ``student`` gets in ``exercise``: equal keys, equal variants."""
    from exercises.params import seed_for

    chosen = exercise.space.choose(exercise.id, seed_for(exercise.id, student))
    text = "\x1f".join(f"{k}={v}" for k, v in sorted(chosen.items()))
    return hashlib.sha256(f"{exercise.id}\x1e{text}".encode("utf-8")).hexdigest()[:12]


class Variants:
    """Variants by (exercise, variant key): one build per distinct set of parameters."""

    def __init__(self, bank: Any):
        self.bank = bank
        self._built: dict[tuple[str, str], Any] = {}

    def get(self, exercise_id: str, student: str) -> tuple[Any, str]:
        """(the student's variant, its key)."""
        from exercises.params import seed_for

        ex = self.bank[exercise_id]
        key = variant_key(ex, student)
        hit = self._built.get((exercise_id, key))
        if hit is None:
            hit = self._built[(exercise_id, key)] = ex.variant_for(student)
            if len(self._built) > 4096:
                self._built.clear()
            return hit, key
        return replace(hit, seed=seed_for(exercise_id, student)), key


@dataclass(frozen=True)
class Spec:
    """What every worker needs to know; picklable, and the same for every task of a run."""

    bank_path: str | None = None
    options: tuple[tuple[str, Any], ...] = ()  # grading options that override the bank's
    check: Callable[..., Any] | None = None  # a module-level function; tests inject one
    render: Callable[..., Any] | None = None  # likewise, in place of render_variant
    feedback: str | None = None  # the teacher's feedback level (command line, else assignment); None: per exercise
    store: str | None = None  # the variant store (exercises.store): variants built once across runs


def store_path() -> str | None:
    """The variant store a teacher's run uses (``CALCTUTOR_CACHE``; ``off`` for none)."""
    from exercises.store import default_path

    path = default_path()
    return None if path is None else str(path)


class State:
    def __init__(self, spec: Spec):
        from exercises import store

        store.use(spec.store)
        self.spec = spec
        self.variants = Variants(bank_for(spec.bank_path))
        self.options = dict(spec.options)


_STATES: dict[Spec, State] = {}


def state_for(spec: Spec) -> State:
    if spec not in _STATES:
        _STATES.clear()
        _STATES[spec] = State(spec)
    return _STATES[spec]


def init_worker(spec: Spec) -> None:
    """Pool initializer: nested bounded calls run inline; the bank loads now, not per answer."""
    from tutor.engine.bounded import mark_worker

    mark_worker()
    state_for(spec)


def grade_chunk(spec: Spec, jobs: list[Job]) -> list[Outcome]:
    """Grade a list of answers (usually sharing one variant)."""
    state = state_for(spec)
    return [grade_job(state, job) for job in jobs]


def grade_job(state: State, job: Job) -> Outcome:
    try:
        variant, key = state.variants.get(job.exercise, job.student)
    except Exception as exc:  # noqa: BLE001 - a bank problem must not stop the class
        return undecided_outcome(job, f"the exercise could not be set up for this student ({_short(exc)})")
    from grader.feedback import level_for

    level = level_for(state.spec.feedback, getattr(variant.exercise, "feedback_level", None))
    check = state.spec.check or _check
    try:
        if getattr(variant.exercise, "parts", ()):
            from grader.batch import parts

            return parts.grade(variant, job, state.options, level, key)
        verdict = check(variant, job.text, _one_part(state.options))
    except Exception as exc:  # noqa: BLE001 - the checker's own guard failed; never count it wrong
        return undecided_outcome(job, "the checker hit an internal problem (a fault in calctutor, not in the answer)",
                                 key)
    if hasattr(verdict, "at_level"):
        verdict = verdict.at_level(level)
    return outcome_from(job, verdict, key)


def _one_part(options: dict[str, Any]) -> dict[str, Any]:
    """The options a one-part check takes (follow-through is for multi-part exercises only)."""
    return {k: v for k, v in options.items() if k != "follow_through"} if "follow_through" in options else options


def _check(variant: Any, text: str, options: dict[str, Any]) -> Any:
    from grader.checking import check_variant

    return check_variant(variant, text, **options)


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]


def outcome_from(job: Job, verdict: Any, key: str = "") -> Outcome:
    seen = verdict.interpreted
    read_as, latex = _read_as(seen) if seen is not None else ("", "")
    details = tuple((str(d.label), str(d.status), str(d.feedback)) for d in verdict.details)
    return Outcome(job.student, job.exercise, job.digest, verdict.status, float(verdict.score),
                   verdict.feedback or "", read_as, latex, verdict.mistake or "", verdict.error or "",
                   details, "", key)


def undecided_outcome(job: Job, note: str, key: str = "") -> Outcome:
    """An answer that could not be graded: flagged for the teacher, never counted wrong."""
    words = (f"I could not decide whether this is right ({note}). It has been flagged for your "
             "teacher to look at and is not counted as wrong.")
    # a multi-part exercise: each part given waits for the teacher, who decides part by part
    parts = tuple(PartOutcome(name, "undecided", 0.0, words) for name, _ in job.parts)
    return Outcome(job.student, job.exercise, job.digest, "undecided", 0.0, words, note=note, variant=key, parts=parts)


# ------------------------------------------------------- rendering variants


def render_variant(spec: Spec, exercise_id: str, student: str, solution: bool = True) -> dict[str, str]:
    """A variant's prompt (and worked solution) as Markdown, HTML and LaTeX, for sheets and reports."""
    state = state_for(spec)
    variant, key = state.variants.get(exercise_id, student)
    if spec.store:  # grading this variant later (after assign) will need its mistakes: keep them now
        tuple(variant.mistakes)
    out = {"key": key, "prompt_md": _prompt(variant, "markdown"), "prompt_html": _prompt(variant, "html"),
           "prompt_tex": _prompt(variant, "latex"),
           "prompt_text": variant.prompt_text or variant.prompt, "answer_text": variant.answer_text,
           "kind": variant.kind, "classify": "1" if (variant.grading or {}).get("classify") else ""}
    parts = getattr(variant, "parts", ()) or ()
    if parts:  # a multi-part exercise: each part's answer kind, for the sheet's "answer format" lines
        out["parts"] = " ".join(name for name, _ in parts)
        for name, part in parts:
            out[f"kind.{name}"] = part.kind
            out[f"answer_text.{name}"] = part.answer_text
            out[f"classify.{name}"] = "1" if (part.grading or {}).get("classify") else ""
    if solution:
        out["solution_md"] = _body(variant.solution, "markdown")
        out["solution_html"] = _body(variant.solution, "html")
    return out


def _prompt(variant: Any, fmt: str) -> str:
    """The prompt, keeping its paragraphs and lines (a multiple-choice list stays a list)."""
    from tutor.render import Doc, render

    line = variant.prompt_line
    if line is None:
        from exercises.texmath import prose

        line = prose(variant.prompt)
    text = render(Doc(None, (line,)), fmt).strip()
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    if fmt == "html":
        paragraphs = [p.removeprefix("<p>").removesuffix("</p>").strip().replace("\n", "<br>\n") for p in paragraphs]
        return "\n".join(f"<p>{p}</p>" for p in paragraphs)
    if fmt == "markdown":
        return "\n\n".join(p.replace("\n", "  \n") for p in paragraphs)
    if fmt == "latex":
        return "\n\n".join(_tex_lines(p) for p in paragraphs)
    return "\n\n".join(paragraphs)


def _tex_lines(paragraph: str) -> str:
    """A paragraph's lines kept apart in LaTeX (``\\\\``), except around a displayed formula."""
    lines = paragraph.split("\n")
    out = lines[0]
    for before, line in zip(lines, lines[1:]):
        glue = "\n" if before.rstrip().endswith("\\]") or line.lstrip().startswith("\\[") else " \\\\\n"
        out += glue + line
    return out


def _body(result: Any, fmt: str) -> str:
    """A result rendered without its title (the report gives its own headings)."""
    from tutor.render import Doc, render

    doc = result.doc()
    return render(Doc(None, doc.nodes), fmt)
