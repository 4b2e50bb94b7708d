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
from grader.reports.page import badge, esc, md_cell, page, safe_name
from tutor.render.words import count


def render_variants(spec: Spec, wanted: dict[tuple[str, str], str], workers: int | None = None,
                    solution: bool = True) -> dict:
    """(exercise, key) -> rendered pieces, for each wanted variant (given by one of its students)."""
    from grader.batch.scheduler import LocalScheduler, default_workers

    order = sorted(wanted)
    if not order:
        return {}
    with LocalScheduler(spec, min(workers or default_workers(), max(1, len(order) // 4))) as pool:
        results = pool.map(render_variant, [(e, wanted[(e, k)], solution) for e, k in order], timeout=60)
        return {k: (r if isinstance(r, dict) else {}) for k, r in zip(order, results)}


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
    data = ReportData(book, inputs.answers, outcomes, titles, keys, render_variants(spec, wanted, workers))
    analysis = analyse(book, inputs.answers, outcomes, titles)
    written = [
        write_atomic(folder / "item-analysis.md", analysis.to_markdown() + "\n"),
        write_atomic(folder / "item-analysis.html", analysis_html(analysis)),
        write_atomic(folder / "item-analysis.json",
                     json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2) + "\n"),
    ]
    names = {s: safe_name(s) for s in book.students}
    for s in book.students:
        write_atomic(folder / "students" / f"{names[s]}.md", student_markdown(data, s))
        write_atomic(folder / "students" / f"{names[s]}.html", student_html(data, s))
    written.insert(0, write_atomic(folder / "index.md", _index_md(data, names)))
    written.insert(0, write_atomic(folder / "index.html", _index_html(data, names)))
    written.append(folder / "students")
    return written


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
    lines = [f"# {a.title}", "", f"{count(len(book.students), 'student')}, {count(len(a.exercises), 'exercise')}, "
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
