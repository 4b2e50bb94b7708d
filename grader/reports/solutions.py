"""Worked solutions as a document: for each exercise the prompt, every worked step, the answer, a figure.

Markdown (figures as files beside it), self-contained HTML (MathML, figures
embedded) or LaTeX (a complete document in ASCII, see :mod:`tutor.render.latex`; pdfLaTeX,
XeLaTeX and LuaLaTeX all compile it). Figures come from ``Variant.figure`` (PNG and SVG).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.reports.page import esc, page, png_data_uri, safe_name

FORMATS = {"md": "markdown", "html": "html", "tex": "latex"}

@dataclass(frozen=True)
class Entry:
    """One exercise's worked solution, rendered: the figure (if any) is a file beside the document."""

    exercise: str
    title: str
    prompt: str
    solution: str
    figure: Path | None


def _render(obj_doc: Any, fmt: str) -> str:
    from tutor.render import Doc, render

    return render(Doc(None, obj_doc.nodes), fmt)


def entries(variants: Sequence[Any], fmt: str, figures_dir: Path | None, label: str = "") -> list[Entry]:
    """Render each variant's prompt and worked solution; draw its figure into ``figures_dir``
    as ``<exercise>-<label>.png`` and ``.svg``."""
    from grader.batch.work import _prompt

    out = []
    for v in variants:
        figure = None
        if figures_dir is not None:
            figures_dir.mkdir(parents=True, exist_ok=True)
            base = figures_dir / safe_name(f"{v.id}-{label}" if label else v.id)
            try:
                figure = v.figure(base.with_suffix(".png"))
                if figure is not None:
                    v.figure(base.with_suffix(".svg"))
            except Exception:  # noqa: BLE001 - a figure that cannot be drawn must not lose the solution
                figure = None
        if getattr(v, "parts", ()):  # the stem above; each part's prompt, steps and answer in the solution
            from exercises.parts_doc import solution_doc, stem_line
            from tutor.render import Doc, render

            prompt = render(Doc(None, (stem_line(v),)), FORMATS[fmt]).strip()
            out.append(Entry(v.id, v.exercise.title, prompt, _render(solution_doc(v, with_stem=False), FORMATS[fmt]),
                             figure))
            continue
        prompt = _prompt(v, FORMATS[fmt])
        out.append(Entry(v.id, v.exercise.title, prompt, _render(v.solution.doc(), FORMATS[fmt]), figure))
    return out


def document(items: Sequence[Entry], fmt: str, title: str, subtitle: str, folder: Path) -> str:
    if fmt == "md":
        return _markdown(items, title, subtitle, folder)
    if fmt == "html":
        return _html(items, title, subtitle)
    if fmt == "tex":
        return _latex(items, title, subtitle, folder)
    raise ValueError(f"unknown format {fmt!r}; choose md, html or tex")


def _markdown(items: Sequence[Entry], title: str, subtitle: str, folder: Path) -> str:
    out = [f"# {title}", "", subtitle]
    for n, e in enumerate(items, 1):
        out += ["", f"## {n}. {e.title} ({e.exercise})", "", e.prompt, "", "### Worked solution", "", e.solution]
        if e.figure is not None:
            out += ["", f"![Figure for {e.exercise}]({e.figure.relative_to(folder).as_posix()})"]
    return "\n".join(out) + "\n"


def _html(items: Sequence[Entry], title: str, subtitle: str) -> str:
    body = []
    for n, e in enumerate(items, 1):
        part = [f'<h2 id="{esc(e.exercise)}">{n}. {esc(e.title)} <small><code>{esc(e.exercise)}</code></small></h2>',
                f'<div class="box prompt">{e.prompt}</div>', "<h3>Worked solution</h3>",
                f'<div class="box">{e.solution}</div>']
        if e.figure is not None:
            part.append(f'<figure><img src="{png_data_uri(e.figure)}" alt="Figure for {esc(e.exercise)}"></figure>')
        body.append("\n".join(part))
    return page(title, "\n".join(body), subtitle)


def _latex(items: Sequence[Entry], title: str, subtitle: str, folder: Path) -> str:
    from tutor.render.latex import document, tex_text

    parts = []
    for e in items:
        part = [rf"\section{{{tex_text(e.title)} (\texttt{{{tex_text(e.exercise)}}})}}", e.prompt,
                r"\subsection*{Worked solution}", e.solution]
        if e.figure is not None:
            part.append(r"\begin{center}\includegraphics[width=0.75\linewidth]{"
                        + e.figure.relative_to(folder).as_posix() + r"}\end{center}")
        parts.append("\n\n".join(part))
    return document("\n\n".join(parts), title, subtitle)
