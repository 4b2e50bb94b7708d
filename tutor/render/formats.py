"""Renderers from :mod:`tutor.render.doc` to text, Unicode, LaTeX, Markdown and HTML.

Plain text uses the learner syntax (it parses back); Unicode uses one-line
pretty forms inline and SymPy's 2-D pretty printer for displayed formulas;
Markdown uses ``$…$``; HTML uses presentation MathML, so pages render offline.
"""
from __future__ import annotations

import html as _html
from collections.abc import Callable
from typing import Any

from tutor.render.doc import Doc, Line, Math, Node, Step, Table

LIST_DEPTH = 4  # levels of itemize that LaTeX nests

FORMATS = ("text", "unicode", "latex", "markdown", "html")


def _printers():
    from tutor.reading import printer

    return printer


def _math_text(m: Math) -> str:
    return _printers().to_text(m.obj)


def _math_unicode(m: Math) -> str:
    p = _printers()
    if m.display:
        pic = p.pretty(m.obj)
        return pic if "\n" not in pic else "\n" + pic + "\n"
    return p.to_unicode(m.obj)


def _math_latex(m: Math) -> str:
    from tutor.render.latex import unicode_to_tex

    tex = unicode_to_tex(_printers().to_latex(m.obj))
    return f"\\[{tex}\\]" if m.display else f"${tex}$"


def _math_markdown(m: Math) -> str:
    tex = _printers().to_latex(m.obj)
    return f"$${tex}$$" if m.display else f"${tex}$"


def _math_html(m: Math) -> str:
    return _printers().to_mathml(m.obj, display=m.display)


_MATH: dict[str, Callable[[Math], str]] = {
    "text": _math_text,
    "unicode": _math_unicode,
    "latex": _math_latex,
    "markdown": _math_markdown,
    "html": _math_html,
}

_ESCAPE: dict[str, Callable[[str], str]] = {
    "text": lambda s: s,
    "unicode": lambda s: s,
    "latex": lambda s: _tex_text(s),
    "markdown": lambda s: s,
    "html": lambda s: _html.escape(s, quote=False),
}


def _tex_text(text: str) -> str:
    from tutor.render.latex import tex_text

    return tex_text(text)


def _sentence(ln: Line, fmt: str) -> str:
    out = []
    for part in ln.parts:
        out.append(_MATH[fmt](part) if isinstance(part, Math) else _ESCAPE[fmt](part))
    return _join(out)


_NO_SPACE_BEFORE = (" ", ",", ".", ";", ":", "?", "!", ")", "\n")


def _join(pieces: list[str]) -> str:
    """Join words and formulas with single spaces, but not before punctuation (x₁?, not x₁ ?)."""
    text = ""
    for piece in pieces:
        if not piece:
            continue
        if text and not text.endswith((" ", "\n", "(")) and not piece.startswith(_NO_SPACE_BEFORE):
            text += " "
        text += piece
    return text


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + ln if ln else ln for ln in text.split("\n"))


def _plain_node(node: Node, fmt: str, depth: int) -> str:
    if isinstance(node, Line):
        return _sentence(node, fmt)
    if isinstance(node, Table):
        return _plain_table(node, fmt)
    bullet = "•" if fmt == "unicode" else "-"
    head = _sentence(node.head, fmt)
    body = [_plain_node(c, fmt, depth + 1) for c in node.children]
    first, _, rest = head.partition("\n")
    lines = [f"{bullet} {first}"] + ([_indent(rest, "  ")] if rest else [])
    lines += [_indent(b, "  ") for b in body]
    return "\n".join(lines)


def _plain_table(t: Table, fmt: str) -> str:
    rows = [list(t.header)] + [[_cell(c, fmt) for c in r] for r in t.rows]
    widths = [max(len(r[i]) for r in rows) for i in range(len(t.header))]
    fmt_row = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()
    sep = "  ".join("-" * w for w in widths)
    return "\n".join([fmt_row(rows[0]), sep] + [fmt_row(r) for r in rows[1:]])


def _cell(part: Any, fmt: str) -> str:
    if isinstance(part, Math):
        return _MATH[fmt](Math(part.obj))
    return _ESCAPE[fmt](str(part))


def _render_plain(doc: Doc, fmt: str) -> str:
    blocks = []
    if doc.title is not None:
        blocks.append(_sentence(doc.title, fmt))
    blocks += [_plain_node(n, fmt, 0) for n in doc.nodes]
    return "\n".join(blocks)


def _md_node(node: Node, depth: int) -> str:
    if isinstance(node, Line):
        return _sentence(node, "markdown")
    if isinstance(node, Table):
        head = "| " + " | ".join(node.header) + " |"
        sep = "|" + "---|" * len(node.header)
        rows = ["| " + " | ".join(_cell(c, "markdown") for c in r) + " |" for r in node.rows]
        return "\n".join([head, sep, *rows])
    lines = [f"- {_sentence(node.head, 'markdown')}"]
    lines += [_indent(_md_child(c, depth + 1), "  ") for c in node.children]
    return "\n".join(lines)


def _md_child(node: Node, depth: int) -> str:
    if isinstance(node, Line):
        return "- " + _sentence(node, "markdown")
    return _md_node(node, depth)


def _render_markdown(doc: Doc) -> str:
    blocks = []
    if doc.title is not None:
        blocks.append("**" + _sentence(doc.title, "markdown") + "**")
    blocks += [_md_node(n, 0) for n in doc.nodes]
    return "\n\n".join(blocks)


def _latex_node(node: Node, depth: int = 1) -> str:
    """``node`` as LaTeX; a Step is an item of a list at level ``depth``. LaTeX nests lists four
    levels deep: the steps below the fourth level are items of the fourth, marked with a triangle."""
    if isinstance(node, Line):
        return _sentence(node, "latex")
    if isinstance(node, Table):
        cols = "l" * len(node.header)
        rows = [" & ".join(_ESCAPE["latex"](h) for h in node.header) + r" \\ \hline"]
        rows += [" & ".join(_cell(c, "latex") for c in r) + r" \\" for r in node.rows]
        return "\\begin{tabular}{" + cols + "}\n" + "\n".join(rows) + "\n\\end{tabular}"
    label = r"\item[$\triangleright$] " if depth > LIST_DEPTH else r"\item "
    out = label + _sentence(node.head, "latex")
    if not node.children:
        return out
    if depth >= LIST_DEPTH:  # no deeper list: the children follow as items of this one
        return out + "\n" + "\n".join(_latex_item(c, depth + 1) for c in node.children)
    inner = "\n".join(_latex_item(c, depth + 1) for c in node.children)
    return out + "\n\\begin{itemize}\n" + inner + "\n\\end{itemize}"


def _latex_item(node: Node, depth: int) -> str:
    if isinstance(node, Step):
        return _latex_node(node, depth)
    label = r"\item[$\triangleright$] " if depth > LIST_DEPTH else r"\item "
    return label + _latex_node(node, depth)


def _render_latex(doc: Doc) -> str:
    blocks = []
    if doc.title is not None:
        blocks.append(r"\textbf{" + _sentence(doc.title, "latex") + "}")
    run: list[str] = []
    for n in doc.nodes:
        if isinstance(n, Step):
            run.append(_latex_node(n))
            continue
        if run:
            blocks.append("\\begin{itemize}\n" + "\n".join(run) + "\n\\end{itemize}")
            run = []
        blocks.append(_latex_node(n))
    if run:
        blocks.append("\\begin{itemize}\n" + "\n".join(run) + "\n\\end{itemize}")
    return "\n\n".join(blocks)


def _html_node(node: Node) -> str:
    if isinstance(node, Line):
        return "<p>" + _sentence(node, "html") + "</p>"
    if isinstance(node, Table):
        head = "".join(f"<th>{_html.escape(h)}</th>" for h in node.header)
        rows = "".join("<tr>" + "".join(f"<td>{_cell(c, 'html')}</td>" for c in r) + "</tr>" for r in node.rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    inner = "".join("<li>" + _html_inner(c) + "</li>" for c in node.children)
    kids = f"<ul>{inner}</ul>" if inner else ""
    return _sentence(node.head, "html") + kids


def _html_inner(node: Node) -> str:
    return _html_node(node) if isinstance(node, Step) else _html_node(node)[3:-4] if isinstance(node, Line) else _html_node(node)


def _render_html(doc: Doc) -> str:
    blocks = []
    if doc.title is not None:
        blocks.append("<h3>" + _sentence(doc.title, "html") + "</h3>")
    run: list[str] = []
    for n in doc.nodes:
        if isinstance(n, Step):
            run.append("<li>" + _html_node(n) + "</li>")
            continue
        if run:
            blocks.append("<ul>" + "".join(run) + "</ul>")
            run = []
        blocks.append(_html_node(n))
    if run:
        blocks.append("<ul>" + "".join(run) + "</ul>")
    return "\n".join(blocks)


def render(doc: Doc, fmt: str = "text") -> str:
    """Render ``doc`` as ``text``, ``unicode``, ``latex``, ``markdown`` or ``html``."""
    if fmt in ("text", "unicode"):
        return _render_plain(doc, fmt)
    if fmt == "markdown":
        return _render_markdown(doc)
    if fmt == "latex":
        return _render_latex(doc)
    if fmt == "html":
        return _render_html(doc)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
