"""The ``--report DIR`` of a batch run: a class index, the item analysis, one feedback page per student.

```
DIR/index.html, index.md          the class: every student's points, links to their pages
DIR/item-analysis.html, .md, .json
DIR/students/<student>.html, .md  feedback on each answer, with the worked solution
```
Prompts and worked solutions are rendered once per distinct variant, in the
grading workers (building variants is the slow part), then shared by students.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from grader.batch.analysis import analyse
from grader.batch.gradebook import Gradebook, points_text, write_atomic
from grader.batch.work import Spec, render_variant, variant_key
from grader.reports.analysis_page import analysis_html
from grader.reports.feedback import ReportData, student_html, student_markdown
from grader.reports.page import badge, esc, md_cell, md_text, page, unique_names
from tutor.render.words import count


class ReportIncomplete(RuntimeError):
    """Some variants could not be rendered, even on a second try: the pages were written without
    them (each says so), and the run must not end as if nothing happened (exit status 1)."""

    def __init__(self, message: str, files: list[Path]):
        super().__init__(message)
        self.files = files


def render_variants(spec: Spec, wanted: dict[tuple[str, str], str], workers: int | None = None,
                    solution: bool = True) -> tuple[dict, dict[tuple[str, str], str]]:
    """((exercise, key) -> rendered pieces, (exercise, key) -> why it failed), for each wanted variant.

    A rendering whose worker died, timed out or raised is tried once more on its own (a
    fresh worker replaces a dead one); what fails twice is returned as a failure, never dropped.
    """
    from grader.batch.scheduler import LocalScheduler, default_workers

    order = sorted(wanted)
    if not order:
        return {}, {}
    render = spec.render or render_variant
    done: dict = {}
    failed: dict[tuple[str, str], str] = {}
    with LocalScheduler(spec, min(workers or default_workers(), max(1, len(order) // 4))) as pool:
        todo = order
        for _ in range(2):  # each failure once more, on its own
            failed = {}
            results = pool.map(render, [(e, wanted[(e, k)], solution) for e, k in todo], timeout=RENDER_LIMIT)
            for k, r in zip(todo, results):
                if isinstance(r, dict):
                    done[k] = r
                else:
                    failed[k] = _why(r)
            todo = sorted(failed)
            if not todo:
                break
    return done, failed


RENDER_LIMIT = 60.0  # seconds for one variant's prompt and worked solution


def _why(exc: Any) -> str:
    from pebble import ProcessExpired

    if isinstance(exc, ProcessExpired):
        return f"the rendering process died (exit code {exc.exitcode})"
    if isinstance(exc, TimeoutError):
        return f"rendering did not finish within {RENDER_LIMIT:g} s"
    first = str(exc).strip().splitlines()
    return f"rendering failed: {first[0][:200] if first else type(exc).__name__}"


def failure_message(failed: dict[tuple[str, str], str], wanted: dict[tuple[str, str], str], what: str) -> str:
    """One paragraph naming each variant that could not be rendered, the student it was for, and why."""
    lines = [f"{len(failed)} variant{'s' if len(failed) != 1 else ''} could not be rendered, even on a second "
             f"try; {what}:"]
    lines += [f"  {e} (variant {k}, e.g. for {wanted[(e, k)]}): {why}" for (e, k), why in sorted(failed.items())]
    return "\n".join(lines)


def write_report(folder: str | Path, book: Gradebook, inputs: Any, outcomes: dict, spec: Spec,
                 workers: int | None = None) -> list[Path]:
    folder = Path(folder)
    (folder / "students").mkdir(parents=True, exist_ok=True)
    bank = inputs.bank
    ids = book.assignment.exercises
    keys = {(s, e): variant_key(bank[e], s) for s in book.students for e in ids}
    wanted: dict[tuple[str, str], str] = {}
    for (s, e), k in keys.items():
        wanted.setdefault((e, k), s)
    titles = {e: bank[e].title for e in ids}
    rendered, failed = render_variants(spec, wanted, workers)
    data = ReportData(book, inputs.answers, outcomes, titles, keys, rendered, _missing(failed))
    analysis = analyse(book, inputs.answers, outcomes, titles)
    written = [
        write_atomic(folder / "item-analysis.md", analysis.to_markdown() + "\n"),
        write_atomic(folder / "item-analysis.html", analysis_html(analysis)),
        write_atomic(folder / "item-analysis.json",
                     json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2) + "\n"),
    ]
    names = unique_names(book.students)
    for s in book.students:
        write_atomic(folder / "students" / f"{names[s]}.md", student_markdown(data, s))
        write_atomic(folder / "students" / f"{names[s]}.html", student_html(data, s))
    written.insert(0, write_atomic(folder / "index.md", _index_md(data, names)))
    written.insert(0, write_atomic(folder / "index.html", _index_html(data, names)))
    written.append(folder / "students")
    if failed:
        raise ReportIncomplete(failure_message(failed, wanted, "their students' pages say the prompt and "
                                               "worked solution are missing"), written)
    return written


def _missing(failed: dict[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    return {k: f"The prompt and worked solution of this exercise could not be prepared ({why}); "
               "ask your teacher." for k, why in failed.items()}


def _counts(data: ReportData, student: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for e in data.book.assignment.exercises:
        status = data.book.cells[(student, e)].status
        out[status] = out.get(status, 0) + 1
    return out


def _class_line(book: Gradebook) -> str:
    """Mean and median percent of the class (every roster student counts)."""
    import statistics

    if not book.students:
        return "No students."
    pcts = [book.percent(s) for s in book.students]
    return f"Class mean {statistics.fmean(pcts):.1f}%, median {statistics.median(pcts):.1f}%."


def _index_md(data: ReportData, names: dict[str, str]) -> str:
    book = data.book
    a = book.assignment
    lines = [f"# {md_text(a.title)}", "", f"{count(len(book.students), 'student')}, {count(len(a.exercises), 'exercise')}, "
             f"{count(a.possible, 'point', shown=points_text(a.possible))}. {_class_line(book)} See the [item analysis](item-analysis.md).", "",
             "| student | points | percent | correct | to review |", "|---|---|---|---|---|"]
    for s in book.students:
        c = _counts(data, s)
        lines.append(f"| [{md_cell(data.who(s))}](students/{names[s]}.md) | {points_text(book.total(s))} | "
                     f"{book.percent(s):.1f} | {c.get('correct', 0)} | {c.get('invalid', 0) + c.get('undecided', 0)} |")
    return "\n".join(lines) + "\n"


def _index_html(data: ReportData, names: dict[str, str]) -> str:
    book = data.book
    a = book.assignment
    rows = []
    for s in book.students:
        c = _counts(data, s)
        flagged = c.get("invalid", 0) + c.get("undecided", 0)
        pct = book.percent(s)
        rows.append(f'<tr><td><a href="students/{esc(names[s])}.html">{esc(data.who(s))}</a></td>'
                    f'<td class="num">{points_text(book.total(s))}</td><td class="num">{pct:.1f}</td>'
                    f'<td><span class="bar" style="width:{pct * 0.8:.0f}px"></span></td>'
                    f'<td class="num">{c.get("correct", 0)}</td>'
                    f'<td>{badge("undecided", str(flagged)) if flagged else ""}</td></tr>')
    body = (f'<p>{esc(_class_line(book))} See the <a href="item-analysis.html">item analysis</a>. Answers to '
            "review are listed in the review file next to the gradebook.</p>"
            '<table><thead><tr><th>student</th><th class="num">points</th><th class="num">%</th><th></th>'
            f'<th class="num">correct</th><th>to review</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')
    sub = (f"{count(len(book.students), 'student')} · {count(len(a.exercises), 'exercise')} · "
           f"{count(a.possible, 'point', shown=points_text(a.possible))}")
    return page(a.title, body, sub)
