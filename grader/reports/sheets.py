"""Per-student assignment sheets: the student's own variants (Markdown and HTML) and an answer file.

```
DIR/<student>.md, <student>.html      the exercises, as this student gets them
DIR/<student>.tex, <student>.pdf      the same, to print (when asked for: formats "tex", "pdf")
DIR/<student>.answers.txt             the answer sheet to fill in (calctutor grade reads a folder of them)
```
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from exercises.answer_tips import TIPS, answer_tip as tip
from grader.batch.assignment import Assignment
from grader.batch.gradebook import points_text, write_atomic
from grader.batch.sheet import sheet_text
from grader.batch.work import Spec, variant_key
from grader.reports.page import esc, md_text, page, unique_names
from tutor.render.words import count

_CODE = re.compile(r"`([^`]+)`")


def answer_tip(kind: str, classify: bool = False, points: bool = True) -> str:
    """How to type an answer of this kind (Markdown; the bank's table, shared with the tutor)."""
    return tip(kind, classify, points) or TIPS["expression"]


def _tip(pieces: dict[str, Any]) -> str:
    names = pieces.get("parts", "").split()
    if names:  # a multi-part exercise: a line per part, each typed as its kind asks
        tips = "; ".join(f"{n}: {_part_tip(pieces, n)}" for n in names)
        return f"one line per part in the answer file ({', '.join(names)}). {tips}"
    return answer_tip(pieces.get("kind", "expression"), bool(pieces.get("classify")),
                      "(" in pieces.get("answer_text", "("))


def _part_tip(pieces: dict[str, Any], name: str) -> str:
    tip = answer_tip(pieces.get(f"kind.{name}", "expression"), bool(pieces.get(f"classify.{name}")),
                     "(" in pieces.get(f"answer_text.{name}", "("))
    return tip[:1].lower() + tip[1:]


def answer_lines(exercise: str, pieces: dict[str, Any]) -> list[str]:
    """The answer file's keys for one exercise: ``id``, or ``id.part`` for each part of a multi-part one."""
    names = pieces.get("parts", "").split()
    return [f"{exercise}.{n}" for n in names] if names else [exercise]


def _tip_html(pieces: dict[str, Any]) -> str:
    return _CODE.sub(lambda m: f"<code>{m.group(1)}</code>", esc(_tip(pieces)))


def _tip_tex(pieces: dict[str, Any]) -> str:
    from tutor.render.latex import tex_text

    parts = _CODE.split(_tip(pieces))  # words, code, words, code, ...
    return "".join(rf"\texttt{{{tex_text(p)}}}" if i % 2 else tex_text(p) for i, p in enumerate(parts))


def write_sheets(assignment: Assignment, bank: Any, students: tuple[str, ...], info: dict, folder: Path,
                 spec: Spec, workers: int | None = None, printable: str = "") -> list[Path]:
    """One sheet per student (the Markdown files are returned); ReportIncomplete after writing them
    all if some variant could not be rendered. ``printable`` "tex" adds the LaTeX, "pdf" the PDF too."""
    from grader.reports.class_report import ReportIncomplete, failure_message, render_variants

    folder.mkdir(parents=True, exist_ok=True)
    ids = assignment.exercises
    keys = {(s, e): variant_key(bank[e], s) for s in students for e in ids}
    wanted: dict[tuple[str, str], str] = {}
    for (s, e), k in keys.items():
        wanted.setdefault((e, k), s)
    rendered, failed = render_variants(spec, wanted, workers, solution=False)
    titles = {e: bank[e].title for e in ids}
    written = []
    names = unique_names(students)
    for s in students:
        name = names[s]
        pieces = [rendered.get((e, keys[(s, e)]), {}) for e in ids]
        who = info.get(s, {}).get("name") or ""
        who = f"{who} ({s})" if who and who != s else s
        written.append(write_atomic(folder / f"{name}.md", _markdown(assignment, titles, pieces, who, name)))
        write_atomic(folder / f"{name}.html", _html(assignment, titles, pieces, who, name))
        if printable:
            _printable(folder / name, latex(assignment, titles, pieces, who, name), printable)
        keys_of = [answer_lines(e, p) for e, p in zip(ids, pieces)]
        prompts = {k[0]: p.get("prompt_text", "") for k, p in zip(keys_of, pieces)}  # above the first part
        text = sheet_text(s, [(k, "") for ks in keys_of for k in ks], title=assignment.title, prompts=prompts)
        write_atomic(folder / f"{name}.answers.txt", text)
    if failed:
        raise ReportIncomplete(failure_message(failed, wanted, "their students' sheets say the exercise could "
                                               "not be set up"), written)
    return written


def _points(value: float) -> str:
    return count(value, "point", shown=points_text(value))


def _subtitle(a: Assignment, who: str) -> str:
    return f"{who} · {count(len(a.exercises), 'exercise')} · {_points(a.possible)}"


def _how(name: str, pieces: Sequence[dict[str, Any]] = ()) -> str:
    parts = " (one line per part, id.part, for an exercise in parts)" if any(p.get("parts") for p in pieces) else ""
    return (f"Write your answers in {name}.answers.txt, one line per exercise after its id and colon{parts}, "
            "typed as in calctutor (3x^2 - 4, sqrt(x), (1, 2), [[1, 2], [3, 4]]), and hand the file in.")


def _markdown(a: Assignment, titles: dict, pieces: list[dict], who: str, name: str) -> str:
    out = [f"# {md_text(a.title)}", "", md_text(_subtitle(a, who)), "", _how(name, pieces)]
    for n, (e, p) in enumerate(zip(a.exercises, pieces), 1):
        out += ["", f"## {n}. {titles[e]} ({e}) · {_points(a.points[e])}", "",
                p.get("prompt_md", "(this exercise could not be set up; ask your teacher)"), "",
                f"Answer format: {_tip(p)}."]
    return "\n".join(out) + "\n"


def _html(a: Assignment, titles: dict, pieces: list[dict], who: str, name: str) -> str:
    body = [f"<p>{esc(_how(name, pieces))}</p>"]
    for n, (e, p) in enumerate(zip(a.exercises, pieces), 1):
        prompt = p.get("prompt_html", "<p>(this exercise could not be set up; ask your teacher)</p>")
        body.append(f"<h2>{n}. {esc(titles[e])} <small><code>{esc(e)}</code> · "
                    f"{esc(_points(a.points[e]))}</small></h2>\n<div class=\"box prompt\">{prompt}</div>\n"
                    f"<p><em>Answer format:</em> {_tip_html(p)}.</p>")
    return page(a.title, "\n".join(body), _subtitle(a, who))


def latex(a: Assignment, titles: dict, pieces: list[dict], who: str, name: str) -> str:
    """The sheet as a complete LaTeX document (ASCII; pdfLaTeX compiles it)."""
    from tutor.render.latex import document, tex_text

    body = [tex_text(_how(name, pieces))]
    for n, (e, p) in enumerate(zip(a.exercises, pieces), 1):
        prompt = p.get("prompt_tex") or tex_text("(this exercise could not be set up; ask your teacher)")
        body.append(rf"\section*{{{n}. {tex_text(titles[e])} (\texttt{{{tex_text(e)}}}) "
                    rf"\textmd{{\small {tex_text(_points(a.points[e]))}}}}}" "\n\n"
                    f"{prompt}\n\n\\emph{{Answer format:}} {_tip_tex(p)}.")
    return document("\n\n".join(body), a.title, _subtitle(a, who))


def _printable(stem: Path, tex: str, printable: str) -> None:
    """``stem``.tex, and ``stem``.pdf when asked for (PdfError if it cannot be made)."""
    write_atomic(stem.with_name(stem.name + ".tex"), tex)
    if printable == "pdf":
        from tutor.render.pdf import compile_pdf, write_pdf

        write_pdf(compile_pdf(tex, stem.parent), stem.with_name(stem.name + ".pdf"))
