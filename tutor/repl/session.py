"""One tutoring session: greet, offer exercises, grade answers, remember everything.

The loop reads a line and hands it to a colon command (``:hint``), a
calculator command (``diff x^2``) or the grader. Each line runs under a
guard, so a student sees a short sentence, never a traceback.
"""
from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from grader.scoring import USES_ATTEMPT
from tutor.repl import attempts, views
from tutor.repl.calculator import CALCULATOR, idle_note
from tutor.repl.commands import COMMANDS, QUIT, unknown_command
from tutor.repl.progress import GRADED, ExerciseState, exercise_states, fmt_points, topic_summaries
from tutor.repl.store import ProgressStore
from tutor.repl.suggest import REASONS, Suggestion, next_exercise
from tutor.repl.integrity import Integrity
from tutor.repl.lines import explain_error, input_problem
from tutor.repl.terminal import Output
from tutor.repl.warmup import Warmup
from tutor.render.words import count

COMPUTE_LIMIT = 30.0  # seconds: an outer stop for anything one line can start

# bare words a student may type without the colon (when no exercise is waiting for an answer,
# or always for the few that can never be an answer)
BARE_ALWAYS = {"quit", "exit", ":q"}
BARE_WHEN_IDLE = {"help", "hint", "next", "skip", "solution", "progress", "topics", "show", "plot"}


@dataclass
class SessionStats:
    answers: int = 0
    solved: set = field(default_factory=set)
    points: float = 0.0


class Session:
    """The state of one REPL run: who, which exercise, and the history store."""

    def __init__(self, *, user: str, out: Output, store: ProgressStore, reader: Any = None,
                 bank: Any = None, bank_error: str | None = None, topic: str | None = None,
                 clock: Callable[[], float] = time.time, work: Any = None,
                 grade: Callable[..., Any] | None = None):
        self.user = user
        self.grade = grade  # (variant, answer, **options) -> Verdict; None: grader.check_variant
        self.grade_parts: Callable[..., Any] | None = None  # (variant, answers, …) -> PartsVerdict; None: check_parts
        self.work = work  # an AssignmentWork: only its exercises, its rules, its submission file
        self.out = out
        self.store = store
        self.reader = reader
        self.bank = bank
        self.bank_error = bank_error
        self.clock = clock
        self.session_id = uuid.uuid4().hex[:12]
        self.topic: str | None = None
        self.current: Any = None
        self.pending: str | None = None   # what Enter opens
        self._variant: Any = None
        self.parts: Any = None  # a multi-part exercise's flow (tutor.repl.parts), else None
        self.stats = SessionStats()
        self.warmup = Warmup()
        self.integrity = None if work is None else Integrity(work, user)  # homework: the calculator's limits
        self.last_verdict: Any = None  # (exercise id, the full verdict) of the latest answer, for :why
        if topic:
            self.topic = self.resolve_topic(topic)

    def choose_topic(self, name: str) -> None:
        self.topic = self.resolve_topic(name)

    # -- the bank and the history --------------------------------------------
    @property
    def fmt(self) -> str:
        return "text" if self.out.ascii_only else "unicode"

    def topics(self) -> list[str]:
        if self.work is not None:
            return list(dict.fromkeys(self.bank[e].topic for e in self.work.ids))
        return list(self.bank.topics()) if self.bank is not None else []

    def exercises(self, topic: str | None = None) -> list[Any]:
        if self.bank is None:
            return []
        if self.work is not None:
            return [ex for ex in map(self.bank.__getitem__, self.work.ids) if topic in (None, ex.topic)]
        topics = [topic] if topic else self.topics()
        return [ex for t in topics for ex in self.bank.by_topic(t)]

    def exercise_ids(self) -> list[str]:
        return [ex.id for ex in self.exercises()]

    def states(self) -> dict[str, ExerciseState]:
        return exercise_states(self.store.attempts(self.user), self.store.events(self.user))

    def state(self, exercise_id: str) -> ExerciseState:
        found = exercise_states(self.store.attempts(self.user, exercise_id),
                                self.store.events(self.user, exercise_id))
        return found.get(exercise_id, ExerciseState(exercise_id))

    def summaries(self):
        topics = self.topics()
        return topic_summaries(topics, {t: self.exercises(t) for t in topics}, self.states())

    def suggestion(self, exclude: tuple[str, ...] = ()) -> tuple[Suggestion | None, bool]:
        """The next exercise, and whether it had to come from outside the chosen topic."""
        if self.bank is None:
            return None, False
        if self.work is not None:
            return self.work.suggest(exclude), False
        order = [(ex.id, ex.topic) for ex in self.exercises()]
        states = self.states()
        found = next_exercise(order, states, self.clock(), topic=self.topic, exclude=exclude)
        if found is None and self.topic is not None:
            return next_exercise(order, states, self.clock(), exclude=exclude), True
        if self.topic is None and self.current is not None:  # keep going in the topic at hand
            nearby = next_exercise(order, states, self.clock(), topic=self.current.topic, exclude=exclude)
            if nearby is not None:
                return nearby, False
        return found, False

    def resolve_topic(self, name: str) -> str | None:
        """A topic from its id, number, or (part of) its title; None for 'all' (views.find_topic)."""
        return views.find_topic(name, self.topics())

    # -- output helpers -------------------------------------------------------
    def say(self, text: str = "", style: str | None = None) -> None:
        self.out.say(text, style)

    def show_lines(self, lines) -> None:
        for text, style in lines:
            self.say(text, style)

    def show_result(self, result: Any) -> None:
        if isinstance(result, str):
            self.say(result)
        else:
            self.say(result.render(self.fmt))

    def prompt(self) -> str:
        return f"{self.current.id}> " if self.current is not None else "calctutor> "

    # -- start and finish -----------------------------------------------------
    def greet(self) -> None:
        returning = bool(self.store.attempts(self.user) or self.store.events(self.user))
        self.say(f"Welcome back, {self.user}." if returning else
                 f"Hello {self.user}, welcome to calctutor: calculus practice with a patient tutor.", "title")
        if self.bank is None:
            self.say(f"The exercise bank could not be loaded: {self.bank_error}", "error")
            self.say("The calculator still works: try  diff x^2*sin(x)  or :help.")
            return
        if self.work is not None:
            self.say(self.work.greeting(), "strong")
        self.say("Your topics:" if returning else "The topics of the course:")
        summaries = self.summaries()
        self.show_lines(views.topic_table(summaries, self.topic))
        self.offer_next(intro=True)
        if self.work is not None and not self.work.calculator_allowed:
            self.say("Type :help for commands; the calculator is switched off for this assignment.", "dim")
        else:
            self.say("Type :help for commands; calculator commands like  diff x^2 x  work any time.", "dim")

    def offer_next(self, exclude: tuple[str, ...] = (), intro: bool = False) -> None:
        found, outside = self.suggestion(exclude)
        self.pending = found.exercise_id if found else None
        if found is None and self.work is not None:
            self.say(f"Every exercise of {self.work.title} is answered correctly. Well done! "
                     f"Your submission is in {self.work.path}.")
            return
        if found is None:
            where = f"in {views.topic_title(self.topic)}" if self.topic else "in the bank"
            self.say(f"You have solved every exercise {where}. Well done! :topics shows where to go next.")
            return
        if outside:
            self.say(f"Everything in {views.topic_title(str(self.topic))} is done; here is one from another topic.")
        ex = self.bank[found.exercise_id]
        self.say(f"Suggested next: {ex.id} — {ex.title} ({views.topic_title(ex.topic)}; "
                 f"{REASONS[found.reason]}).", "strong")
        self.say("Press Enter to start it" + (", or :open ID for another." if intro else "."))

    def summary_line(self, saved: str) -> str:
        """The goodbye; ``saved`` is what became of the answers (see :func:`tutor.repl.unsaved.closing_lines`)."""
        s = self.stats
        return (f"Goodbye, {self.user}: {count(s.answers, 'answer')} this session, "
                f"{count(len(s.solved), 'exercise')} solved, "
                f"{count(s.points, 'point', shown=fmt_points(s.points))} earned. {saved}")

    def run(self) -> int:
        self.guard(self.greet)
        self.warmup.start()
        while True:
            try:
                line = self.reader.read(self.prompt())
            except KeyboardInterrupt:
                continue  # Ctrl-C cancels the line being typed
            except EOFError:
                break
            if self.handle(line) is QUIT:
                break
        if self.work is not None:
            self.say(self.work.closing_line(), "strong")
        from tutor.repl.unsaved import closing_lines

        saved, notes = closing_lines(self.store, self.user)
        self.show_lines(notes)
        self.say(self.summary_line(saved))
        return 0

    # -- one line ---------------------------------------------------------------
    def handle(self, line: str) -> Any:
        """Act on one line; never raises (Ctrl-C cancels the computation, errors are explained)."""
        return self.guard(self.dispatch, line)

    def guard(self, fn: Callable[..., Any], *args: Any) -> Any:
        from tutor.repl.calculator import UsageError

        try:
            return fn(*args)
        except KeyboardInterrupt:
            self.say("Cancelled.", "dim")
        except UsageError as exc:
            self.say(str(exc), "error")
        except Exception as exc:  # noqa: BLE001 - the student must never see a traceback
            self.say(*explain_error(exc))
        return None

    def dispatch(self, line: str) -> Any:
        text = line.strip()
        problem = input_problem(text)
        if problem:
            self.say(problem, "error")
            return None
        if not text or text.startswith("#"):
            return self.on_empty() if not text else None
        word, _, rest = text.partition(" ")
        lowered = word.lower()
        if lowered in BARE_ALWAYS or (lowered in BARE_WHEN_IDLE and not rest and not self.awaiting_answer()):
            lowered = ":" + lowered.lstrip(":")
        if lowered.startswith(":"):
            cmd = COMMANDS.get(lowered[1:])
            if cmd is None:
                self.say(unknown_command(lowered), "error")
                return None
            return cmd.run(self, rest.strip())
        calc = CALCULATOR.get(lowered)
        if calc is not None and (rest.strip() or not self.awaiting_answer()):
            self.warmup.wait()
            refused = self.integrity.refusal(calc.op, rest) if self.integrity is not None else None
            if refused:
                self.say(refused, "note")
                return None
            for text in calc.run(rest, self.fmt):  # bounded by the operation's own time limit
                self.show_result(text)
            return None
        if self.current is None:
            self.say(idle_note(text), "note")
            return None
        if self.pending and self.pending != self.current.id and self.solved(self.current.id):
            # a slip worth catching: an answer meant for the next exercise, typed before opening it
            self.say(f"You have already solved {self.current.id}, so that was not graded. Press Enter to "
                     f"open {self.pending} first (or :open {self.current.id} to answer this one again).", "note")
            return None
        return self.answer(text)

    def awaiting_answer(self) -> bool:
        return self.current is not None and not self.solved(self.current.id)

    def solved(self, exercise_id: str) -> bool:
        """Solved here: in an assignment, the answer that counts is right; otherwise ever answered right."""
        return self.work.solved(exercise_id) if self.work is not None else self.state(exercise_id).solved

    def hints(self, exercise: Any) -> tuple:
        """The hints to give: the student's variant's (parameters filled in), none if the assignment says so."""
        if self.work is not None and not self.work.hints_allowed:
            return ()
        own = getattr(self.variant(), "hints", None) if exercise is self.current else None
        return tuple((own() if callable(own) else own) or getattr(exercise, "hints", ()) or ())

    def next_hint_cost(self, exercise: Any, used: int) -> float:
        """What the next hint costs: the assignment's rule, else the bank's cost of that hint."""
        if used >= len(self.hints(exercise)):
            return 0.0
        return attempts.policy(self.work, exercise).next_hint_cost(used)

    def on_empty(self) -> Any:
        if self.pending and (self.current is None or self.current.id != self.pending):
            if self.current is None or not self.awaiting_answer():
                return self.open(self.bank[self.pending])
        if self.current is not None:
            self.say("Type your answer, or :hint, :skip, :help.", "dim")
        else:
            self.say("Type :help to see what you can do.", "dim")
        return None

    # -- exercises ---------------------------------------------------------------
    def open(self, exercise: Any) -> None:
        self.current, self._variant, self.parts, self.pending = exercise, None, None, None
        self.show_exercise()

    def variant(self) -> Any:
        if self._variant is None:
            self.warmup.wait()
            from tutor.engine.bounded import alarm

            with alarm(COMPUTE_LIMIT, "preparing the exercise"):
                self._variant = self.current.variant_for(self.user)
        return self._variant

    def show_exercise(self) -> None:
        ex = self.current
        if ex is None:
            self.say("No exercise is open.", "note")
            return
        points = self.work.points(ex.id) if self.work is not None else None
        self.show_lines(views.exercise_header(ex, self.out.width, self.out.ascii_only, points))
        variant = self.variant()
        if getattr(ex, "parts", ()):  # one part at a time: tutor.repl.parts
            from tutor.repl import parts

            self.parts = self.parts or parts.resume(self, ex, variant)
            return self.show_lines(self.parts.body())
        self.show_lines(views.exercise_body(ex, variant, self.state(ex.id), self.out.width,
                                            self.out.ascii_only, self.out.bold_pair(), hints=self.hints(ex),
                                            hint_cost=lambda used: self.next_hint_cost(ex, used),
                                            solution=self.work is None))

    def answer(self, text: str) -> None:
        from tutor.repl.feedback import verdict_lines
        from tutor.repl.unsaved import saving_lines

        if self.parts is not None:
            return self.parts.answer(text)
        ex, variant = self.current, self.variant()
        before = self.state(ex.id)
        options = self.work.grading_options() if self.work is not None else {}
        from tutor.engine.bounded import alarm

        if self.grade is None:
            from grader.checking import check_variant as grade
        else:
            grade = self.grade
        with alarm(COMPUTE_LIMIT, "checking your answer"):  # g'(x) = … is read by the grader, as in check and grade
            verdict = grade(variant, text, **options)
        self.last_verdict = (ex.id, verdict)
        verdict = self.shown(verdict, ex)
        status = str(getattr(verdict, "status", "undecided"))
        score = float(getattr(verdict, "score", 0.0) or 0.0)
        c, scoring = attempts.score(self.work, ex, self.store, self.user, before, status, score)  # grader.scoring
        earned = c.earned if status in GRADED else 0.0
        uses = status in USES_ATTEMPT
        # saved before it is shown (a kill after the verdict appears loses nothing); a file that will
        # not take it does not hide the verdict: the store keeps it and the note says so
        waiting = self.store.unsaved
        self.store.record_attempt(
            user=self.user, exercise=ex.id, topic=ex.topic, seed=str(getattr(variant, "seed", "")),
            answer=text, status=status, score=score, points=c.points, credit=earned,
            mistake=getattr(verdict, "mistake", None), feedback=str(getattr(verdict, "feedback", "") or ""),
            at=self.clock(), session=self.session_id, attempt=c.attempt if uses else 0,
            assignment=self.work.key if self.work is not None else "")
        self.show_lines(verdict_lines(verdict, scoring if status != "invalid" else None, self.out.ascii_only))
        self.show_lines(saving_lines(self.store, waiting))
        if status != "invalid":
            self.stats.answers += 1
            self.stats.points += max(0.0, earned - before.earned)
            if self.work is not None and c.out_of_attempts:
                self.say(f"Not saved in {self.work.path}: the answer that counts for {ex.id} stays the one "
                         "you gave within your attempts.", "note")
            elif self.work is not None:
                self.submit(ex.id, text, status, before.hints_used, c.attempt)
        if status == "correct":
            self.stats.solved.add(ex.id)
            self.offer_next(exclude=(ex.id,))
        elif status in ("incorrect", "partial"):
            hints = self.hints(ex)
            if c.left == 0 or c.out_of_attempts:
                self.say("No attempts left here: further answers are graded for practice and earn nothing."
                         + ("" if self.work is not None else " Type :solution to see it worked out."), "dim")
            elif before.hints_used < len(hints):
                cost = self.next_hint_cost(ex, before.hints_used)
                self.say(f"Try again, or type :hint (costs {count(cost, 'point', shown=fmt_points(cost))}).", "dim")
            elif self.work is None:
                self.say("Try again, or type :solution to see it worked out.", "dim")
            else:
                self.say("Try again: your latest answer is the one that counts.", "dim")

    def feedback_level(self, exercise: Any) -> str:
        """The assignment's level, else the exercise's, else guided (grader.feedback)."""
        from grader.feedback import level_for

        return level_for(getattr(self.work, "feedback_level", None), getattr(exercise, "feedback_level", None))

    def shown(self, verdict: Any, exercise: Any, level: str | None = None) -> Any:
        """The verdict with the feedback its level may show."""
        at_level = getattr(verdict, "at_level", None)
        return at_level(level or self.feedback_level(exercise)) if at_level is not None else verdict

    def submit(self, exercise_id: str, answer: str, status: str, hints: int, attempt: int = 1) -> None:
        """Rewrite the submission file with this answer (graded attempt ``attempt``) as the one that counts."""
        try:
            path = self.work.record(exercise_id, answer, status, hints, attempt)
        except OSError as exc:
            self.say(f"Could not write the submission file {self.work.path}: {exc.strerror or exc}. "
                     "Your answer is kept in your progress; answer again once the file can be written.", "error")
            return
        self.say(f"Saved in {path}: this answer now counts for {exercise_id}.", "dim")
