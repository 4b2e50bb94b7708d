"""Multi-part exercises in the REPL: one part at a time, going back, the error carried forward.

The session hands an exercise with parts to a :class:`PartsFlow`. Every answer is graded by
``grader.check_parts`` together with the student's latest readable answers to the other parts, so
a part that is right for a wrong earlier answer is *Carried forward*, and a changed earlier answer
grades the later ones again (the student is told which verdicts changed). Attempts, hints and the
worked solution count per part, by the policy of :mod:`grader.scoring` with the part's share of
the exercise's points. An *invalid* answer costs nothing and keeps the part's earlier answer.

The progress store keeps each part's answers under the part's own id (``<exercise>.<part>``, the
id of ``Part.exercise``) and, after each graded one, the whole exercise under its id: the answers
in the one-cell form, the status of all parts together and their credit. Progress, suggestions and
``calctutor progress`` read that row like any exercise's; reopening the exercise (a new session,
after a crash) rebuilds the parts from the store and goes on at the first part still to do.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from grader.parts import summary
from grader.scoring import USES_ATTEMPT, Policy, policy_for
from tutor.repl import parts_view
from tutor.repl.feedback import Scoring, verdict_lines
from tutor.repl.markup import render_markdown
from tutor.repl.unsaved import saving_lines

CHECK_LIMIT = 60.0  # seconds: an outer stop for grading every part of one answer (each check has its own)
EARNS = (*USES_ATTEMPT, "undecided")  # USES_ATTEMPT has "carried": a carried-forward answer uses the part's attempt


@dataclass(frozen=True)
class Answered:
    """The latest readable answer to one part and what its credit depends on: the graded attempt it
    was (0: none, as for an undecided answer), the hints taken before it and their recorded cost
    (practice; None: the policy's price), and whether the part's solution had been seen."""

    text: str
    attempt: int = 0
    hints: int = 0
    hint_cost: float | None = None
    solution_seen: bool = False


def part_id(exercise_id: str, name: str) -> str:
    """The id a part's answers, hints and solution views are stored under (bank ids have no dot)."""
    return f"{exercise_id}.{name}"


def one_cell(answers: dict[str, str], names: tuple[str, ...]) -> str:
    """``grad: (2, 4); step: (0.8, -0.4)``: the one-cell form ``grader.split_answers`` reads."""
    return "; ".join(f"{n}: {answers[n]}" for n in names if n in answers)


class PartsFlow:
    """One student's work on one multi-part exercise, in one session."""

    def __init__(self, session: Any, exercise: Any, variant: Any):
        self.session, self.exercise, self.variant = session, exercise, variant
        self.names: tuple[str, ...] = tuple(p.name for p in exercise.parts)
        self.index = 0
        self.answers: dict[str, Answered] = {}
        self.result: Any = None  # the latest grader.PartsVerdict
        self.scope = session.work.key if session.work is not None else ""  # the store's `assignment`

    # -- the parts ----------------------------------------------------------
    @property
    def name(self) -> str:
        return self.names[self.index]

    def part(self, name: str) -> Any:
        return self.exercise.parts[self.names.index(name)]

    def pid(self, name: str) -> str:
        return part_id(self.exercise.id, name)

    def label(self, name: str) -> str:
        return f"part {self.names.index(name) + 1} ({name})"

    def policy(self, name: str) -> Policy:
        """The part's rules: its own hints and points (practice); in an assignment, its share of the
        exercise's points there and the assignment's options (as ``calctutor grade`` applies them)."""
        part, work = self.part(name).exercise, self.session.work
        if work is None:
            return policy_for(part)
        whole = float(self.exercise.points or 0)
        share = work.points(self.exercise.id) / whole if whole else 0.0  # shared as the bank shares them,
        return policy_for(part, work.rules.options, round(float(part.points or 0) * share, 6))  # as the gradebook does

    def hints(self, name: str) -> tuple:
        work = self.session.work
        if work is not None and not work.hints_allowed:
            return ()
        return tuple(self.variant.part(name).hints() or ())

    def next_hint_cost(self, name: str, used: int) -> float:
        return 0.0 if used >= len(self.hints(name)) else self.policy(name).next_hint_cost(used)

    def used(self, name: str) -> int:
        """Graded attempts used at the part, in this setting (practice, or this submission file)."""
        rows = self.session.store.attempts(self.session.user, self.pid(name))
        return sum(1 for a in rows if a.assignment == self.scope and a.attempt > 0)

    def status(self, name: str) -> str | None:
        found = self.result.part(name) if self.result is not None else None
        verdict = getattr(found, "verdict", None)
        return None if verdict is None or name not in self.answers else str(verdict.status)

    def earned(self, name: str) -> float:
        """The part's credit now: its latest answer's verdict (after any regrading) under its rules."""
        a, status = self.answers.get(name), self.status(name)
        if a is None or status not in USES_ATTEMPT or a.attempt == 0:
            return 0.0
        c = self.policy(name).credit(self.result.part(name).credit, a.attempt, a.hints, a.solution_seen,
                                     a.hint_cost)
        return c.earned

    def total(self) -> float:
        return round(sum(self.earned(n) for n in self.names), 2)

    def rows(self) -> list[parts_view.PartLine]:
        return [parts_view.PartLine(i + 1, n, self.status(n), self.earned(n), self.policy(n).points,
                                    self.answers[n].text if n in self.answers else "")
                for i, n in enumerate(self.names)]

    # -- showing ------------------------------------------------------------
    def body(self) -> list[tuple[str, str | None]]:
        """The stem, the parts so far (once some are answered) and the current part."""
        from exercises.parts import stem as stem_of

        out = self.session.out
        stem = stem_of(self.variant)[0]
        lines: list[tuple[str, str | None]] = [(render_markdown(str(stem), width=out.width,
                                                                ascii_only=out.ascii_only, bold=out.bold_pair()), None)]
        if self.answers:
            lines += parts_view.parts_table(self.rows(), self.index + 1, out.ascii_only)
        return lines + self.part_lines()

    def part_lines(self) -> list[tuple[str, str | None]]:
        s, name = self.session, self.name
        out = s.out
        state = s.state(self.pid(name))
        lines: list[tuple[str, str | None]] = [(parts_view.part_heading(
            self.index + 1, len(self.names), name, self.policy(name).points, out.ascii_only), "title")]
        lines += parts_view.part_body(self.part(name).exercise, self.variant.part(name), out.width, out.ascii_only,
                                      out.bold_pair(), self.hints(name), state.hints_used,
                                      lambda used: self.next_hint_cost(name, used), s.work is None)
        if name in self.answers:
            lines.append((f"Your answer so far: {self.answers[name].text} — "
                          f"{parts_view.status_words(self.status(name))}. Type a new one to change it.", "note"))
        return lines

    def go(self, index: int) -> None:
        self.index = index
        self.session.show_lines(self.part_lines())

    # -- grading --------------------------------------------------------------
    def grade(self, given: dict[str, str]) -> Any:
        from grader.parts import check_parts
        from tutor.engine.bounded import alarm

        work = self.session.work
        options = work.grading_options() if work is not None else {}
        follow = work.rules.follow_through(self.exercise) if work is not None else None  # else the exercise's
        grade = self.session.grade_parts or check_parts
        with alarm(CHECK_LIMIT, "checking your answers"):
            return grade(self.variant, given, follow_through=follow, **options)

    def answer(self, text: str) -> None:
        """Grade ``text`` as the answer to the current part, with the latest answers to the others."""
        s, name = self.session, self.name
        result = self.grade({**{n: a.text for n, a in self.answers.items()}, name: text})
        mine = result.part(name)
        verdict = s.shown(mine.verdict, self.exercise)
        status = str(getattr(verdict, "status", "undecided"))
        state = s.state(self.pid(name))
        practice = s.work is None
        rules = self.policy(name)
        c = rules.credit(mine.credit, self.used(name) + 1, state.hints_used, practice and state.solution_seen,
                         state.hint_cost if practice else None)
        uses = status in USES_ATTEMPT
        waiting = s.store.unsaved  # both rows are saved before the verdict is shown: a kill after it loses nothing
        s.store.record_attempt(
            user=s.user, exercise=self.pid(name), topic=self.exercise.topic, seed=str(getattr(self.variant, "seed", "")),
            answer=text, status=status, score=float(mine.credit), points=c.points,
            credit=c.earned if status in EARNS else 0.0, mistake=getattr(verdict, "mistake", None),
            feedback=str(getattr(verdict, "feedback", "") or ""), at=s.clock(), session=s.session_id,
            attempt=c.attempt if uses else 0, assignment=self.scope)
        counts = status != "invalid" and not (s.work is not None and c.out_of_attempts)
        if counts:
            before, best = {n: self.status(n) for n in self.names}, s.state(self.exercise.id).earned
            self.keep(name, result, Answered(text, c.attempt if uses else 0, state.hints_used,
                                             state.hint_cost if practice else None, practice and state.solution_seen))
        s.say(f"{self.label(name).capitalize()}:", "strong")
        scoring = Scoring(c, 0.0, rules.available(c.attempt + 1) if uses else None) if status != "invalid" else None
        s.show_lines(verdict_lines(verdict, scoring, s.out.ascii_only))
        s.show_lines(saving_lines(s.store, waiting))
        if status == "invalid":
            kept = f"Your earlier answer to {self.label(name)} stays: {self.answers[name].text}. " \
                if name in self.answers else ""
            s.say(f"{kept}Fix it, or go on with :part N.", "dim")
        elif not counts:
            s.say(f"Not saved in {s.work.path}: the answer that counts for {self.label(name)} stays the one you "
                  "gave within your attempts.", "note")
        else:
            self.went_on(name, before, best)

    def keep(self, name: str, result: Any, answered: Answered) -> None:
        """Keep the graded answer and the verdicts of all parts, and store the whole exercise."""
        s = self.session
        self.answers[name], self.result = answered, result
        s.store.record_attempt(
            user=s.user, exercise=self.exercise.id, topic=self.exercise.topic,
            seed=str(getattr(self.variant, "seed", "")), answer=one_cell({n: a.text for n, a in self.answers.items()},
                                                                         self.names),
            status=str(result.status), score=float(result.score), points=sum(self.policy(n).points for n in self.names),
            credit=self.total(), feedback=summary(result), at=s.clock(), session=s.session_id, assignment=self.scope)

    def went_on(self, name: str, before: dict[str, str | None], best: float) -> None:
        """After a counted answer: say which later verdicts changed, submit, and go on."""
        s = self.session
        for later in self.names[self.names.index(name) + 1:]:
            if later in self.answers and before[later] != self.status(later):
                s.say(parts_view.changed_line(self.label(later).capitalize(), before[later], self.status(later),
                                              self.label(name)), "note")
        s.stats.answers += 1
        s.stats.points += max(0.0, self.total() - best)
        if s.work is not None:
            for n, entry in s.work.entries.items():  # regraded parts: the file's verdicts follow
                if n.startswith(f"{self.exercise.id}.") and n[len(self.exercise.id) + 1:] in self.names:
                    entry.status = self.status(n[len(self.exercise.id) + 1:])
            self.submit(name)
        self.advance()

    def submit(self, name: str) -> None:
        """Rewrite the submission file: one row per part (``<exercise>.<part>``), as ``calctutor grade`` reads."""
        s, a = self.session, self.answers[name]
        try:
            path = s.work.record(self.pid(name), a.text, self.status(name) or "", a.hints, max(1, a.attempt))
        except OSError as exc:
            s.say(f"Could not write the submission file {s.work.path}: {exc.strerror or exc}. Your answer is kept "
                  "in your progress; answer again once the file can be written.", "error")
            return
        s.say(f"Saved in {path}: this answer now counts for {self.label(name)} of {self.exercise.id}.", "dim")

    def advance(self) -> None:
        """On to the next part still to do; after the last, the parts table (and the next exercise if all are right)."""
        s = self.session
        todo = [i for i, n in enumerate(self.names) if self.status(n) != "correct"]
        later = [i for i in todo if i > self.index]
        if later:
            return self.go(later[0])
        s.show_lines(parts_view.parts_table(self.rows(), None, s.out.ascii_only))
        if not todo:
            s.say(f"Every part of {self.exercise.id} is correct. Well done!", "correct")
            s.stats.solved.add(self.exercise.id)
            s.offer_next(exclude=(self.exercise.id,))
            return
        first = self.names[todo[0]]
        s.say(f"Back to {self.label(first)}, the first part not right yet: answer it again, "
              ":part N for another, or :skip to leave the exercise for later.", "dim")
        self.go(todo[0])

    # -- commands ---------------------------------------------------------------
    def choose(self, arg: str) -> None:
        """``:part`` (the table), ``:part 2``, ``:part step``, ``:part next``."""
        from tutor.repl.calculator import UsageError

        key = arg.strip().lower()
        if not key:
            self.session.show_lines(parts_view.parts_table(self.rows(), self.index + 1, self.session.out.ascii_only))
            return self.session.say(":part N (or its name) goes to a part; :back to the one before.", "dim")
        if key == "next":
            return self.go(min(self.index + 1, len(self.names) - 1))
        if key.isdigit() and 1 <= int(key) <= len(self.names):
            return self.go(int(key) - 1)
        if key in self.names:
            return self.go(self.names.index(key))
        close = difflib.get_close_matches(key, self.names, n=1)
        hint = f" Did you mean {close[0]}?" if close else ""
        raise UsageError(f"There is no part '{arg.strip()}' in {self.exercise.id}: its parts are 1 to "
                         f"{len(self.names)} ({', '.join(self.names)}).{hint}")

    def back(self) -> None:
        from tutor.repl.calculator import UsageError

        if self.index == 0:
            raise UsageError("This is the first part already; :part N goes to another.")
        self.go(self.index - 1)

    def latest_verdict(self) -> Any:
        """The full verdict of the current part's latest answer (for :why), None if unanswered."""
        return getattr(self.result.part(self.name), "verdict", None) if self.status(self.name) else None

    def solution(self) -> Any:
        """The current part's worked solution; answers to that part are practice afterwards."""
        s, name = self.session, self.name
        state = s.state(self.pid(name))
        s.store.record_event(user=s.user, exercise=self.pid(name), kind="solution", at=s.clock(), session=s.session_id)
        s.say(f"{self.label(name).capitalize()}:", "strong")
        s.show_result(self.variant.part(name).solution)
        if not state.solved and self.status(name) != "correct":
            s.say(f"Answers to {self.label(name)} are now practice: still graded, but they earn no points.", "dim")


def resume(session: Any, exercise: Any, variant: Any) -> PartsFlow:
    """The flow for ``exercise``, with the latest answers stored for each part (this setting),
    graded again together; it goes on at the first part not answered (or not right)."""
    flow = PartsFlow(session, exercise, variant)
    store, user = session.store, session.user
    for name in flow.names:
        limit = flow.policy(name).attempts.max_attempts  # an answer past it did not count (an assignment's)
        rows = [a for a in store.attempts(user, flow.pid(name)) if a.assignment == flow.scope
                and a.status != "invalid" and (session.work is None or limit is None or a.attempt <= limit)]
        if not rows:
            continue
        last = rows[-1]
        taken = [e for e in store.events(user, flow.pid(name)) if e.at <= last.at]
        hints = [e for e in taken if e.kind == "hint"]
        practice = session.work is None
        flow.answers[name] = Answered(last.answer, last.attempt, len(hints),
                                      sum(e.cost for e in hints) if practice else None,
                                      practice and any(e.kind == "solution" for e in taken))
    if flow.answers:
        try:
            flow.result = flow.grade({n: a.text for n, a in flow.answers.items()})
        except Exception:  # noqa: BLE001 - the kept answers are graded again with the next one
            session.say("Your earlier answers to this exercise are kept; they are graded again with your next "
                        "answer.", "note")
        todo = [i for i, n in enumerate(flow.names) if n not in flow.answers]
        todo = todo or [i for i, n in enumerate(flow.names) if flow.status(n) != "correct"]
        flow.index = todo[0] if todo else 0
    return flow
