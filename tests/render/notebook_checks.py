"""What a notebook display must be: MathML in the HTML, and maths only in the LaTeX MathJax gets."""
from __future__ import annotations

import re

ENVIRONMENTS = {"aligned", "array", "matrix", "pmatrix", "bmatrix", "cases", "smallmatrix"}
TEXT_MODE = re.compile(r"\\(item|section|subsection|paragraph|begin\{(itemize|enumerate|description|tabular|center)\}"
                       r"|textsuperscript|textsubscript|ensuremath|\[|\]|\(|\))")


def latex_problems(tex: str) -> list[str]:
    """Why ``tex`` is not a single MathJax formula of maths only (empty when it is)."""
    problems = []
    if not (tex.startswith("$$") and tex.endswith("$$")):
        return [f"not inside $$ … $$: {tex[:60]!r}"]
    inner = tex[2:-2]
    if "$" in inner.replace(r"\$", ""):
        problems.append("a $ inside the formula ends it early")
    for m in TEXT_MODE.finditer(inner):
        problems.append(f"text-mode LaTeX {m.group()!r}")
    for env in re.findall(r"\\begin\{(\w+)\}", inner):
        if env not in ENVIRONMENTS:
            problems.append(f"environment {env} is not maths")
    depth = 0
    for i, ch in enumerate(inner):
        if ch in "{}" and inner[i - 1:i] != "\\":
            depth += 1 if ch == "{" else -1
            if depth < 0:
                problems.append("unbalanced braces")
                break
    if depth:
        problems.append("unbalanced braces")
    from latex2mathml.converter import convert

    try:
        mathml = convert(inner)
    except Exception as exc:  # noqa: BLE001 - any failure to read it as maths is the finding
        problems.append(f"latex2mathml cannot read it: {type(exc).__name__}: {exc}")
    else:
        if "<merror" in mathml:
            problems.append("latex2mathml reports an error")
    return problems


def html_problems(html: str, maths: bool = True) -> list[str]:
    """The HTML has MathML exactly when there is mathematics to show, and no TeX left for MathJax."""
    problems = [] if ("<math" in html) == maths else [f"MathML expected: {maths}, in {html[:80]!r}"]
    if re.search(r"\$|\\(frac|left|begin)\b", html):
        problems.append("LaTeX left in the HTML")
    return problems
