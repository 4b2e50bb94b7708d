"""Start the tutor: open the progress store and the bank, pick a reader, run a session.

Everything that can fail on the way in (a damaged progress file, a bank with
errors, a terminal prompt_toolkit cannot drive) is reported and worked around.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, TextIO

from tutor.repl.session import Session
from tutor.repl.terminal import Output


def run(user: str | None = None, topic: str | None = None, ascii_only: bool = False,
        bank_path: str | Path | None = None, stdin: TextIO | None = None, stdout: TextIO | None = None,
        color: bool | None = None, work: Any = None) -> int:
    """Start the tutor on this terminal (or these streams); returns the exit status.

    ``work``: an :class:`tutor.repl.assignment.AssignmentWork` to practise an assignment with
    (its bank replaces ``bank_path``).
    """
    from tutor.repl import paths, terminal
    from tutor.repl.commands import argument_sources, command_words
    from tutor.repl.store import open_store

    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    if hasattr(stdin, "reconfigure"):  # bytes that are not UTF-8 reach the session (which explains them)
        try:
            stdin.reconfigure(errors="surrogateescape")
        except (ValueError, OSError):
            pass
    user = user or paths.default_user()
    if color is None:
        color = terminal.wants_color(stdin, stdout)
    ascii_only = ascii_only or not terminal.can_show_unicode(stdout)
    out = Output(stdout, color=color, ascii_only=ascii_only)
    opened = open_store()
    if opened.notice:
        out.say(opened.notice, "error")
    if work is not None:
        bank, bank_error = work.bank, None
        work.recall(opened.store.attempts(work.student))
    else:
        bank, bank_error = _load_bank(bank_path)
    session = Session(user=user, out=out, store=opened.store, bank=bank, bank_error=bank_error, work=work)
    if topic:
        session.guard(session.choose_topic, topic)
    session.reader = terminal.make_reader(out, paths.history_path(user), lambda: command_words(),
                                          argument_sources(session), stdin=stdin)
    try:
        return session.run()
    finally:
        opened.store.close()
        bounded = sys.modules.get("tutor.engine.bounded")
        if bounded is not None:
            try:
                bounded.shutdown()
            except Exception:  # noqa: BLE001 - leaving anyway
                pass


def _load_bank(bank_path: str | Path | None) -> tuple[Any, str | None]:
    """(the bank, None), or (None, why not): a bank with errors still leaves the calculator."""
    try:
        import exercises

        return exercises.load(bank_path), None
    except Exception as exc:  # noqa: BLE001 - reported in the greeting; the calculator still works
        return None, (str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__)
