"""Per-student feedback, in Markdown and HTML: each answer, how it was read, the verdict and why,
and the worked solution of the student's own variant."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from grader.batch.gradebook import Gradebook, points_text
from grader.batch.model import Answer, Outcome
from grader.verdict import title as verdict_title
from grader.reports.page import badge, esc, math_html, md_cell, md_code, md_fence, md_text, page
from tutor.render.words import count, plural

@dataclass(frozen=True)
class ReportData:
    book: Gradebook
    answers: Mapping[tuple[str, str], Answer]
    outcomes: Mapping[tuple[str, str], Outcome]
    titles: Mapping[str, str]
    keys: Mapping[tuple[str, str], str]  # (student, exercise) -> variant key
    rendered: Mapping[tuple[str, str], Mapping[str, str]]  # (exercise, key) -> prompt/solution pieces
    missing: Mapping[tuple[str, str], str] = field(default_factory=dict)  # (exercise, key) -> why not rendered

    def who(self, student: str) -> str:
        name = self.book.info.get(student, {}).get("name", "")
        return f"{name} ({student})" if name and name != student else student

    def pieces(self, student: str, exercise: str) -> Mapping[str, str]:
        return self.rendered.get((exercise, self.keys.get((student, exercise), "")), {})

    def not_rendered(self, student: str, exercise: str) -> str:
        """Why this student's prompt and solution are missing ("" when they are there)."""
        return self.missing.get((exercise, self.keys.get((student, exercise), "")), "")


def _score(data: ReportData, student: str, exercise: str) -> str:
    cell = data.book.cells[(student, exercise)]
    possible = points_text(data.book.assignment.points[exercise])
    return f"{points_text(cell.points) if cell.points is not None else '–'} / {possible}"


def _score_points(data: ReportData, student: str, exercise: str) -> str:
    """``1 / 1 point``, ``1.5 / 2 points``: the noun agrees with the points possible."""
    return f"{_score(data, student, exercise)} {plural('point', data.book.assignment.points[exercise])}"


def _headline(data: ReportData, student: str) -> str:
    book = data.book
    return (f"{data.who(student)} · {points_text(book.total(student))} of "
            f"{count(book.assignment.possible, 'point', shown=points_text(book.assignment.possible))} ({book.percent(student):.1f}%)")


def _pending(data: ReportData, student: str) -> int:
    return sum(1 for e in data.book.assignment.exercises if data.book.cells[(student, e)].status == "undecided")


def _pending_note(n: int) -> str:
    them = plural("it", n, "them")
    return (f"{count(n, 'answer')} could not be decided automatically; your teacher will look at {them}, "
            f"and {plural('it', n)} {plural('is', n)} not counted as wrong.")


def _attempt_note(data: ReportData, cell: Any, exercise: str) -> str:
    """``This was your attempt 2: it could earn up to 3.6 of 4 points.`` ("" for a first attempt)."""
    if cell.attempts <= 1 or cell.available is None:
        return ""
    possible = data.book.assignment.points[exercise]
    return (f"This was your attempt {cell.attempts}: it could earn up to {points_text(cell.available)} of "
            f"{count(possible, 'point', shown=points_text(possible))}.")


# ------------------------------------------------------------------ Markdown


def student_markdown(data: ReportData, student: str) -> str:
    a = data.book.assignment
    out = [f"# Feedback: {md_text(a.title)}", "", md_text(_headline(data, student)), ""]
    if _pending(data, student):
        out += [_pending_note(_pending(data, student)), ""]
    out += ["| # | exercise | points | verdict |", "|---|---|---|---|"]
    for n, e in enumerate(a.exercises, 1):
        status = data.book.cells[(student, e)].status
        out.append(f"| {n} | {md_cell(e)} | {_score(data, student, e)} | {verdict_title(status)} |")
    for n, e in enumerate(a.exercises, 1):
        out += ["", *_md_exercise(data, student, e, n)]
    return "\n".join(out) + "\n"


def _md_exercise(data: ReportData, student: str, e: str, n: int) -> list[str]:
    cell = data.book.cells[(student, e)]
    pieces = data.pieces(student, e)
    out = [f"## {n}. {md_text(data.titles.get(e, e))} ({e})", "",
           f"**{verdict_title(cell.status)}** · {_score_points(data, student, e)}", ""]
    if pieces.get("prompt_md"):
        out += [pieces["prompt_md"], ""]
    elif data.not_rendered(student, e):
        out += [f"*{md_text(data.not_rendered(student, e))}*", ""]
    answer, o = data.answers.get((student, e)), data.outcomes.get((student, e))
    if data.book.parts(e):
        out += _md_parts(data, student, e, answer, o)
    elif answer is None or o is None:
        out += ["You did not answer this exercise.", ""] + ([md_text(o.feedback), ""] if o and o.feedback else [])
    else:
        out += [f"Your answer: {md_code(answer.text) if answer.text.strip() else '(empty)'}", ""]
        if o.read_as_latex:
            out += [f"Read as: ${o.read_as_latex}$", ""]
        out += [md_text(o.feedback), ""] if o.feedback else []
        if o.error:
            out += [*md_fence(o.error.rstrip()), ""]
        if o.details:
            out += ["| part | verdict | feedback |", "|---|---|---|"]
            out += [f"| {md_cell(p)} | {md_cell(s)} | {md_cell(f)} |" for p, s, f in o.details] + [""]
        if answer.hints and cell.points is not None:
            out += [f"You used {count(answer.hints, 'hint')}; {plural('its', answer.hints)} cost is taken from the points.", ""]
        if _attempt_note(data, cell, e):
            out += [_attempt_note(data, cell, e), ""]
    if pieces.get("solution_md"):
        out += ["### Worked solution", "", pieces["solution_md"], ""]
    return out


def _part_rows(data: ReportData, student: str, e: str, answer: Answer | None, o: Outcome | None
               ) -> list[tuple[str, str, str, str, str, str]]:
    """(part, answer typed, read as, status, points, feedback) for each part of a multi-part exercise."""
    rows = []
    for part, pts in data.book.parts(e):
        given = answer.part(part) if answer is not None else None
        got = o.part(part) if o is not None else None
        cell = data.book.cell(student, e, part)
        score = f"{points_text(cell.points) if cell.points is not None else '–'} / {points_text(pts)}"
        words = (got.error or got.feedback) if got is not None else ""
        rows.append((part, given.text if given else "", got.read_as if got else "", cell.status, score,
                     words if given else "You did not answer this part."))
    return rows


def _md_parts(data: ReportData, student: str, e: str, answer: Answer | None, o: Outcome | None) -> list[str]:
    out = ["| part | your answer | verdict | points | feedback |", "|---|---|---|---|---|"]
    for part, typed, _, status, score, words in _part_rows(data, student, e, answer, o):
        out.append(f"| {md_cell(part)} | {md_code(typed) if typed.strip() else '(no answer)'} | "
                   f"{verdict_title(status)} | {score} | {md_cell(words)} |")
    out.append("")
    if answer is not None and any(p.hints for p in answer.parts):
        used = sum(p.hints for p in answer.parts)
        out += [f"You used {count(used, 'hint')}; {plural('its', used)} cost is taken from the points of "
                f"{plural('its', used)} part.", ""]
    return out


# ---------------------------------------------------------------------- HTML


def _badge(status: str) -> str:
    return badge(status, verdict_title(status))


def student_html(data: ReportData, student: str) -> str:
    a = data.book.assignment
    body = []
    if _pending(data, student):
        body.append(f'<p class="note">{esc(_pending_note(_pending(data, student)))}</p>')
    rows = "".join(
        f'<tr><td class="num">{n}</td><td><a href="#ex-{n}">{esc(e)}</a></td>'
        f'<td class="num">{esc(_score(data, student, e))}</td>'
        f"<td>{_badge(data.book.cells[(student, e)].status)}</td></tr>"
        for n, e in enumerate(a.exercises, 1))
    body.append('<table><thead><tr><th class="num">#</th><th>exercise</th><th class="num">points</th>'
                f"<th>verdict</th></tr></thead><tbody>{rows}</tbody></table>")
    for n, e in enumerate(a.exercises, 1):
        body.append(_html_exercise(data, student, e, n))
    return page(f"Feedback: {a.title}", "\n".join(body), _headline(data, student))


def _html_exercise(data: ReportData, student: str, e: str, n: int) -> str:
    cell = data.book.cells[(student, e)]
    pieces = data.pieces(student, e)
    out = [f'<h2 id="ex-{n}">{n}. {esc(data.titles.get(e, e))} <small><code>{esc(e)}</code></small></h2>',
           f"<p>{_badge(cell.status)} {esc(_score_points(data, student, e))}</p>"]
    if pieces.get("prompt_html"):
        out.append(f'<div class="box prompt">{pieces["prompt_html"]}</div>')
    elif data.not_rendered(student, e):
        out.append(f'<p class="note">{esc(data.not_rendered(student, e))}</p>')
    answer, o = data.answers.get((student, e)), data.outcomes.get((student, e))
    if data.book.parts(e):
        rows = "".join(f"<tr><td>{esc(part)}</td><td>{f'<code>{esc(typed)}</code>' if typed.strip() else '(no answer)'}"
                       f"</td><td>{math_html(seen) if seen else ''}</td><td>{_badge(status)}</td>"
                       f'<td class="num">{esc(score)}</td><td>{esc(words)}</td></tr>'
                       for part, typed, seen, status, score, words in _part_rows(data, student, e, answer, o))
        out.append("<table><thead><tr><th>part</th><th>your answer</th><th>read as</th><th>verdict</th>"
                   f'<th class="num">points</th><th>feedback</th></tr></thead><tbody>{rows}</tbody></table>')
    elif answer is None or o is None:
        out.append("<p>You did not answer this exercise.</p>" + (f"<p>{esc(o.feedback)}</p>" if o and o.feedback else ""))
    else:
        typed = f"<code>{esc(answer.text)}</code>" if answer.text.strip() else "(empty)"
        out.append(f"<p><strong>Your answer:</strong> {typed}</p>")
        if o.read_as:
            out.append(f"<p>Read as {math_html(o.read_as)}</p>")
        if o.feedback:
            out.append(f"<p>{esc(o.feedback)}</p>")
        if o.error:
            out.append(f"<pre>{esc(o.error.rstrip())}</pre>")
        if o.details:
            rows = "".join(f"<tr><td>{esc(p)}</td><td>{badge(s)}</td><td>{esc(f)}</td></tr>" for p, s, f in o.details)
            out.append(f"<table><thead><tr><th>part</th><th>verdict</th><th>feedback</th></tr></thead>"
                       f"<tbody>{rows}</tbody></table>")
        if answer.hints and cell.points is not None:
            out.append(f"<p>You used {count(answer.hints, 'hint')}; {plural('its', answer.hints)} cost is taken from the points.</p>")
        if _attempt_note(data, cell, e):
            out.append(f"<p>{esc(_attempt_note(data, cell, e))}</p>")
    if pieces.get("solution_html"):
        out.append(f'<h3>Worked solution</h3>\n<div class="box">{pieces["solution_html"]}</div>')
    return "\n".join(out)


def student_summary(data: ReportData, student: str) -> dict[str, Any]:
    """JSON-ready: what an LMS or a script needs about one student."""
    a = data.book.assignment
    return {"student": student, "total": data.book.total(student), "percent": data.book.percent(student),
            "exercises": [{"exercise": e, "status": data.book.cells[(student, e)].status,
                           "points": data.book.cells[(student, e)].points,
                           "attempts": data.book.cells[(student, e)].attempts,
                           **({"parts": [{"part": p, "status": data.book.cell(student, e, p).status,
                                          "points": data.book.cell(student, e, p).points}
                                         for p, _ in data.book.parts(e)]} if data.book.parts(e) else {})}
                          for e in a.exercises]}
