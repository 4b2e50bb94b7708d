"""Answers the progress file would not take: said plainly, and exported so none is lost.

When the disk is full (or the file locked, or read-only), the store keeps the
attempts in memory; at the end of the session whatever is still unsaved is
written as CSV (the ``calctutor progress --export`` columns) to the first
place that takes it: the tutor's data folder, the current folder, the home
folder, the temporary folder. The student hands that file in, or keeps it.
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

from tutor.repl.store import ProgressStore


def not_saved_line(store: ProgressStore) -> str:
    """What to say after an answer the file did not take (the verdict is shown all the same)."""
    problem = store.problem or "it could not be written"
    if "full" in problem:
        advice = "free some disk space"
    elif "locked" in problem:
        advice = "close the other program that uses it"
    else:
        advice = "fix what the message says"
    return (f"This answer could NOT be saved to your progress file: {problem}. It is kept for this session "
            f"and saved as soon as the file can be written again ({advice}); anything still unsaved is "
            "written to a file for you when you quit.")


def saving_lines(store: ProgressStore, waiting: int) -> list[tuple[str, str]]:
    """After recording an answer: plain words if the file did not take it, or if what was kept
    (``waiting`` rows before this answer) has now been written."""
    if not store.saved_last:
        return [(not_saved_line(store), "error")]
    if waiting:
        return [("Your progress file can be written again: everything kept in memory so far is now saved.", "note")]
    return []


def places(user: str) -> list[Path]:
    """Where an export is tried, in order (file names carry the user and the time)."""
    from tutor.repl.paths import data_dir, safe_name

    name = f"calctutor-unsaved-{safe_name(user)}-{time.strftime('%Y%m%d-%H%M%S')}.csv"
    folders = []
    for folder in (lambda: data_dir(create=False), Path.cwd, Path.home, lambda: Path(tempfile.gettempdir())):
        try:
            folders.append(folder())
        except Exception:  # noqa: BLE001 - an unusable place is simply skipped
            continue
    return [f / name for f in dict.fromkeys(folders)]


def export(store: ProgressStore, user: str) -> tuple[Path | None, list[str]]:
    """Write the kept attempts as CSV to the first place that takes them: (file or None, problems met)."""
    problems: list[str] = []
    for target in places(user):
        try:
            count = store.export_kept(target)
        except OSError as exc:
            problems.append(f"{target.parent}: {exc.strerror or exc}")
            try:
                target.unlink(missing_ok=True)
            except OSError:
                pass
            continue
        if count:
            return target, problems
    return None, problems


def closing_lines(store: ProgressStore, user: str) -> tuple[str, list[tuple[str, str]]]:
    """(the summary's last sentence, notes to show before it) once the session ends."""
    store.flush()
    if not store.unsaved:
        return "Your progress is saved.", []
    kept = store.kept()
    if not kept:
        return "Your answers are saved (a hint or skip could not be recorded).", []
    target, problems = export(store, user)
    n = len(kept)
    what = f"{n} answer{'s' if n != 1 else ''}"
    if target is not None:
        return (f"{what} could NOT be saved to your progress file: {store.problem}. "
                f"{'They are' if n != 1 else 'It is'} in {target}: hand that file in, or keep it.", [])
    notes = [(f"{what} could NOT be saved anywhere ({'; '.join(problems)}). Here they are, to copy:", "error")]
    notes += [(f"  {a.exercise}: {a.answer}  ({a.status})", "") for a in kept]
    return f"{what} could NOT be saved (see above).", notes
