"""The colon commands of the REPL (``:hint``, ``:open ID``, …), one small class each.

A command is registered by its class; ``:help`` and tab completion read the
same registry, so adding a command is adding one class.
"""
from __future__ import annotations

import difflib
from typing import Any

from tutor.repl import views
from tutor.repl.calculator import CALCULATOR, UsageError
from tutor.repl.markup import render_markdown
from tutor.repl.progress import fmt_points
from tutor.render.words import count, every

QUIT = object()  # what a command returns to end the session

COMMANDS: dict[str, "Command"] = {}
_ORDER: list["Command"] = []


def command(cls: type["Command"]) -> type["Command"]:
    instance = cls()
    _ORDER.append(instance)
    for name in (cls.name, *cls.aliases):
        COMMANDS[name] = instance
    return cls


class Command:
    name = ""
    aliases: tuple[str, ...] = ()
    usage = ""
    summary = ""

    def run(self, session: Any, arg: str) -> Any:
        raise NotImplementedError


def need_exercise(session: Any) -> Any:
    if session.current is None:
        raise UsageError("No exercise is open. Press Enter for the suggested one, or :open ID.")
    return session.current


@command
class Hint(Command):
    name, usage, summary = "hint", ":hint", "the next hint (and what it costs)"

    def run(self, session, arg):
        ex = need_exercise(session)
        flow = session.parts  # a multi-part exercise: the current part's hints, counted for that part
        hints = flow.hints(flow.name) if flow else session.hints(ex)
        state = session.state(flow.pid(flow.name) if flow else ex.id)
        if not hints:
            what = f"{flow.label(flow.name).capitalize()} has" if flow else "This exercise has"
            if session.work is not None:
                own = flow.part(flow.name).exercise.hints if flow else getattr(ex, "hints", ())
                session.say("No hints in this assignment." if own else f"{what} no hints.", "note")
            else:
                session.say(f"{what} no hints. :solution shows the worked solution.", "note")
            return
        if state.hints_used >= len(hints):
            session.say(f"You have seen {every(len(hints), 'hint')}." + (
                "" if session.work is not None else
                " :solution shows the worked solution (answers after it earn no points)."), "note")
            return
        hint = hints[state.hints_used]
        cost = flow.next_hint_cost(flow.name, state.hints_used) if flow else session.next_hint_cost(ex, state.hints_used)
        # in an assignment every hint counts against the next answer, as calctutor grade counts it
        solved = flow.status(flow.name) == "correct" if flow else state.solved
        free = (solved or state.solution_seen) and session.work is None
        session.store.record_event(user=session.user, exercise=state.exercise, kind="hint", detail=str(state.hints_used),
                                   cost=0.0 if free else cost, at=session.clock(), session=session.session_id)
        if free or not cost:
            price = "free"
        else:
            price = f"costs {count(cost, 'point', shown=fmt_points(cost))}"
        where = f" for {flow.label(flow.name)}" if flow else ""
        session.say(f"Hint {state.hints_used + 1} of {len(hints)}{where} ({price}):", "strong")
        session.say(render_markdown(str(hint.text), width=session.out.width, ascii_only=session.out.ascii_only,
                                    bold=session.out.bold_pair()))


@command
class Solution(Command):
    name, usage, summary = "solution", ":solution", "the worked solution (then answers earn no points)"

    def run(self, session, arg):
        ex = need_exercise(session)
        if session.work is not None:
            raise UsageError("Worked solutions are not shown while you work on an assignment: your answers "
                             "would no longer be your own. Your teacher can give them after grading.")
        if session.parts is not None:  # the current part's solution only
            return session.parts.solution()
        variant = session.variant()
        state = session.state(ex.id)
        session.store.record_event(user=session.user, exercise=ex.id, kind="solution", at=session.clock(),
                                   session=session.session_id)
        session.show_result(variant.solution)
        if not state.solved:
            session.say("Answers to this exercise are now practice: still graded, but they earn no points.",
                        "dim")
        session.offer_next(exclude=(ex.id,))


@command
class Why(Command):
    name, usage, summary = "why", ":why", "the full explanation of your latest answer (values included)"

    def run(self, session, arg):
        from tutor.repl.feedback import verdict_lines

        ex = need_exercise(session)
        last = session.last_verdict
        if session.parts is not None:
            verdict = session.parts.latest_verdict()
        else:
            verdict = last[1] if last is not None and last[0] == ex.id else None
        if verdict is None:
            what = "this part" if session.parts is not None else "the exercise"
            raise UsageError(f"Answer {what} first: :why explains your latest answer to it.")
        if getattr(verdict, "status", "") == "correct":
            session.say("Your latest answer is correct: there is nothing more to explain.", "note")
            return
        if session.work is not None:  # homework: the assignment's level, as every answer is shown
            level = session.feedback_level(ex)
            if level != "full":
                session.say(f"In this assignment feedback is {_LEVEL_WORDS[level]}; :why shows no more.", "note")
                return
        session.show_lines(verdict_lines(session.shown(verdict, ex, "full"), None, session.out.ascii_only))


_LEVEL_WORDS = {"guided": "guided (the slip is named, not the right value)", "verdict": "the verdict only",
                "full": "full"}


def need_parts(session: Any) -> Any:
    need_exercise(session)
    if session.parts is None:
        raise UsageError(f"{session.current.id} has one part only: :part and :back are for exercises in parts.")
    return session.parts


@command
class PartCommand(Command):
    name, aliases, usage = "part", ("parts",), ":part [N|NAME]"
    summary = "go to part N of a multi-part exercise (by number or name); alone, the parts so far"

    def run(self, session, arg):
        need_parts(session).choose(arg)


@command
class Back(Command):
    name, usage, summary = "back", ":back", "go back to the part before (its answer can be changed)"

    def run(self, session, arg):
        need_parts(session).back()


@command
class Skip(Command):
    name, usage, summary = "skip", ":skip", "leave this exercise for later and go on"

    def run(self, session, arg):
        ex = need_exercise(session)
        if not session.state(ex.id).solved:
            session.store.record_event(user=session.user, exercise=ex.id, kind="skip", at=session.clock(),
                                       session=session.session_id)
            session.say(f"Skipped {ex.id}; it will come back later.", "dim")
        _open_next(session, exclude=(ex.id,))


@command
class Next(Command):
    name, usage, summary = "next", ":next", "the suggested next exercise"

    def run(self, session, arg):
        exclude = (session.current.id,) if session.current is not None else ()
        _open_next(session, exclude)


def _open_next(session, exclude):
    found, outside = session.suggestion(exclude)
    if found is None and session.work is not None:
        session.current, session.pending = None, None
        session.say(f"Every exercise of {session.work.title} is answered correctly. "
                    f"Your submission is in {session.work.path}.")
        return
    if found is None:
        session.current, session.pending = None, None
        where = f"in {views.topic_title(session.topic)}" if session.topic else "in the bank"
        session.say(f"Nothing left to suggest {where}: everything is solved. :topics shows the others.")
        return
    if outside:
        session.say(f"Everything in {views.topic_title(session.topic)} is done; here is one from another topic.",
                    "note")
    session.open(session.bank[found.exercise_id])


@command
class Open(Command):
    name, usage, summary = "open", ":open ID", "open an exercise by its id (Tab completes)"

    def run(self, session, arg):
        if session.bank is None:
            raise UsageError("There is no exercise bank in this session.")
        if not arg:
            raise UsageError("Which one? :open ID  (Tab completes ids; :topic NAME lists a topic's)")
        ids = session.exercise_ids()
        key = arg.strip()
        if key not in ids:
            starts = [i for i in ids if i.startswith(key)]
            if len(starts) == 1:
                key = starts[0]
            elif starts:
                shown = ", ".join(starts[:8]) + (", …" if len(starts) > 8 else "")
                raise UsageError(f"Several exercises start with '{key}': {shown}. Tab completes ids.")
            elif session.work is not None:
                raise UsageError(f"{key} is not in the assignment {session.work.title}; "
                                 f"its exercises: {', '.join(ids)}.")
        session.open(session.bank[key])


@command
class Topics(Command):
    name, usage, summary = "topics", ":topics", "the topics and your progress in each"

    def run(self, session, arg):
        if session.bank is None:
            raise UsageError("There is no exercise bank in this session.")
        session.show_lines(views.topic_table(session.summaries(), session.topic))
        session.say(":topic NAME (or number) works on one topic; :topic all leaves it.", "dim")


@command
class Topic(Command):
    name, usage, summary = "topic", ":topic NAME", "work on one topic (:topic all for every topic)"

    def run(self, session, arg):
        if session.bank is None:
            raise UsageError("There is no exercise bank in this session.")
        if not arg:
            current = views.topic_title(session.topic) if session.topic else "all topics"
            session.say(f"Working on: {current}. :topic NAME to choose, :topics to list them.")
            return
        session.topic = session.resolve_topic(arg)
        if session.topic is None:
            session.say("Working on all topics.")
        else:
            session.show_lines(views.topic_listing(session.topic, session.exercises(session.topic),
                                                   session.states(), session.out.ascii_only))
        session.offer_next(exclude=(session.current.id,) if session.current is not None else ())


@command
class Progress(Command):
    name, usage, summary = "progress", ":progress", "your progress: topics, points, this session"

    def run(self, session, arg):
        if session.bank is not None:
            summaries = session.summaries()
            session.show_lines(views.topic_table(summaries, session.topic))
            session.say(views.totals_line(summaries), "strong")
        s = session.stats
        session.say(f"This session: {count(s.answers, 'answer')}, "
                    f"{len(s.solved)} solved, {count(s.points, 'point', shown=fmt_points(s.points))}.")
        if session.current is not None:
            state = session.state(session.current.id)
            if state.status != "new":
                session.say(f"{session.current.id}: "
                            + views.history_line(state, float(getattr(session.current, "points", 1) or 0)))


@command
class Plot(Command):
    name, usage, summary = "plot", ":plot", "save the exercise's figure as PNG (and open it)"

    def run(self, session, arg):
        from tutor.repl import paths, viewer

        ex = need_exercise(session)
        flow = session.parts  # an exercise in parts: the current part's figure
        variant = flow.variant.part(flow.name) if flow else session.variant()
        target = paths.figure_path(session.user, flow.pid(flow.name) if flow else ex.id)
        from tutor.engine.bounded import alarm

        with alarm(60, "drawing the figure"):
            made = variant.figure(target)
        if made is None:
            session.say("This exercise has no figure.", "note")
            return
        session.say(f"Figure saved: {made}")
        if viewer.open_file(made):
            session.say("(opened in your image viewer)", "dim")


@command
class Show(Command):
    name, usage, summary = "show", ":show", "show the current exercise again"

    def run(self, session, arg):
        need_exercise(session)
        session.show_exercise()


@command
class Help(Command):
    name, aliases, usage, summary = "help", ("?",), ":help [COMMAND]", "this list"

    def run(self, session, arg):
        word = arg.strip().lstrip(":").lower()
        if word in CALCULATOR:
            c = CALCULATOR[word]
            session.say(f"{c.usage}\n  {c.summary}\n  e.g. {c.example}")
            session.say("\n".join(["Words (each also as its --option):", *(f"  {w}" for w in c.words())]), "dim")
            return
        if word in COMMANDS:
            c = COMMANDS[word]
            session.say(f"{c.usage}\n  {c.summary}")
            return
        session.say("To answer, just type it: 6x - 4, (2x, 3y^2), {(0,0), (1,1)}, DNE, true.", "strong")
        session.say("Commands (Tab completes):", "strong")
        width = max(len(c.usage) for c in _ORDER)
        for c in _ORDER:
            session.say(f"  {c.usage:<{width}}  {c.summary}")
        session.say("Calculator, any time (prints worked steps):", "strong")
        width = max(len(c.usage) for c in CALCULATOR.values())
        for c in CALCULATOR.values():
            session.say(f"  {c.usage:<{width}}  {c.summary}")
        session.say("Enter opens the suggested exercise; Ctrl-C cancels a line; Ctrl-D or :quit leaves.", "dim")


@command
class Quit(Command):
    name, aliases, usage, summary = "quit", ("q", "exit"), ":quit", "leave (Ctrl-D too); progress is kept"

    def run(self, session, arg):
        return QUIT


def unknown_command(word: str) -> str:
    names = [":" + n for n in COMMANDS]
    close = difflib.get_close_matches(word, names, n=1, cutoff=0.5)
    hint = f" Did you mean {close[0]}?" if close else ""
    return f"There is no command {word}.{hint} Type :help for the list."


def command_words() -> list[str]:
    """Every word the first position can complete to."""
    return [":" + c.name for c in _ORDER] + sorted(CALCULATOR)


def argument_sources(session: Any) -> dict[str, Any]:
    """What the argument of a command completes to (ids for :open, topics for :topic)."""
    return {
        ":open": session.exercise_ids,
        ":part": lambda: list(session.parts.names) if session.parts is not None else [],
        ":topic": lambda: [*session.topics(), "all"],
        ":help": lambda: [c.name for c in _ORDER] + sorted(CALCULATOR),
    }
