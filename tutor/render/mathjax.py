"""A result as one display formula, for Jupyter's ``text/latex`` output (MathJax renders maths only).

MathJax typesets mathematics, not LaTeX documents: lists, sections and ``$`` in
text do not render. So the whole document becomes ``$$\\begin{aligned} … \\end{aligned}$$``:
one left-aligned row per sentence, words in ``\\text{…}``, steps indented with a
bullet, tables as arrays. Characters that mean something in TeX leave the words as
maths symbols (``\\{``, ``\\$``, …), so no text ever ends the formula early.
"""
from __future__ import annotations

from tutor.render.doc import Doc, Line, Math, Node, Table

# characters that would end or break \text{…}, as the maths symbols that look the same
_OUT_OF_TEXT = {"\\": r"\backslash ", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
                "%": r"\%", "^": r"\hat{}", "_": r"\_", "~": r"\sim "}


def words(text: str, wrap: str = r"\text") -> str:
    """Plain words as maths: ``\\text{…}`` pieces, with TeX's special characters as symbols between them."""
    out: list[str] = []
    run: list[str] = []
    for ch in text:
        if ch in _OUT_OF_TEXT:
            if run:
                out.append(wrap + "{" + "".join(run) + "}")
                run = []
            out.append(_OUT_OF_TEXT[ch])
        else:
            run.append(ch)
    if run:
        out.append(wrap + "{" + "".join(run) + "}")
    return "".join(out)


def _math(m: Math) -> str:
    from tutor.reading.printer import to_latex

    return to_latex(m.obj)


def _rows(ln: Line, wrap: str = r"\text") -> list[str]:
    """The rows of one sentence: words and formulas on a row; a displayed formula has its own row."""
    rows: list[list[tuple[str, str]]] = [[]]
    for part in ln.parts:
        if isinstance(part, Math) and part.display:
            rows += [[("$", _math(part))], []]
        elif isinstance(part, Math):
            rows[-1].append(("$", _math(part)))
        else:
            for k, piece in enumerate(part.split("\n")):
                if k:
                    rows.append([])
                if piece:
                    rows[-1].append((piece, words(piece, wrap)))
    return [r for r in (_spaced(row) for row in rows) if r.strip()]


def _spaced(row: list[tuple[str, str]]) -> str:
    """Pieces joined with a space where the plain renderers put one (not before punctuation)."""
    from tutor.render.formats import _NO_SPACE_BEFORE

    out, before = "", ""
    for raw, tex in row:
        if out and not before.endswith((" ", "(")) and not raw.startswith(_NO_SPACE_BEFORE):
            out += r"\ "
        out += tex
        before = raw
    return out


def _cell(part: object) -> str:
    return _math(Math(part.obj)) if isinstance(part, Math) else words(str(part))


def _table(t: Table) -> str:
    head = " & ".join(words(h) for h in t.header) + r" \\ \hline "
    body = r" \\ ".join(" & ".join(_cell(c) for c in r) for r in t.rows)
    return r"\begin{array}{" + "l" * len(t.header) + "}" + head + body + r"\end{array}"


def _node(node: Node, depth: int) -> list[str]:
    indent = r"\quad " * depth
    if isinstance(node, Line):
        return [indent + r for r in _rows(node)]
    if isinstance(node, Table):
        return [indent + _table(node)]
    head = _rows(node.head) or [""]
    out = [indent + r"\bullet\ " + head[0]] + [indent + r"\quad " + r for r in head[1:]]
    for child in node.children:
        out += _node(child, depth + 1)
    return out


def render_mathjax(doc: Doc) -> str:
    """``doc`` as ``$$\\begin{aligned}…\\end{aligned}$$``: maths only, one row per sentence."""
    rows = []
    if doc.title is not None:
        rows += _rows(doc.title, r"\textbf")
    for node in doc.nodes:
        rows += _node(node, 0)
    body = " \\\\\n".join("& " + r for r in rows)
    return "$$\\begin{aligned}\n" + body + "\n\\end{aligned}$$"
