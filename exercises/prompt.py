"""Fill ``{param}`` placeholders in a prompt: LaTeX inside ``$math$``, plain words outside.

Only names the variant knows are replaced, so LaTeX braces (``\\frac{1}{2}``)
pass through untouched. ``to_unicode`` gives a terminal version of a prompt:
values in Unicode and the common LaTeX commands turned into symbols.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

_MATH = re.compile(r"(?<!\\)\$\$.*?(?<!\\)\$\$|(?<!\\)\$.*?(?<!\\)\$", re.S)
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def segments(template: str) -> list[tuple[bool, str]]:
    """The template as (is_math, text) pieces; math keeps its dollar signs."""
    out, pos = [], 0
    for m in _MATH.finditer(template):
        if m.start() > pos:
            out.append((False, template[pos:m.start()]))
        out.append((True, m.group(0)))
        pos = m.end()
    if pos < len(template):
        out.append((False, template[pos:]))
    return out


def placeholders(template: str) -> set[str]:
    return set(PLACEHOLDER.findall(template))


def fill(template: str, values: Mapping[str, Any], unicode: bool = False) -> str:
    """The prompt with known placeholders replaced (Markdown, or a terminal version)."""
    return "".join(p[2] if unicode else p[1] for p in fill_segments(template, values))


def fill_segments(template: str, values: Mapping[str, Any]) -> list[tuple[bool, str, str]]:
    """(is_math, Markdown piece, terminal piece) for each piece of the filled prompt."""
    out = []
    for is_math, text in segments(template):
        markdown = _fill_piece(text, is_math, values, unicode=False)
        terminal = _fill_piece(text, is_math, values, unicode=True)
        if is_math:
            terminal = latex_to_unicode(terminal.strip("$"))
        out.append((is_math, markdown, terminal))
    return out


def _fill_piece(text: str, is_math: bool, values: Mapping[str, Any], unicode: bool) -> str:
    def repl(m: re.Match) -> str:
        name = m.group(1)
        before = text[:m.start()]
        if name not in values or (is_math and is_argument(before)):
            return m.group(0)
        shown = show(values[name], "unicode" if unicode else ("latex" if is_math else "text"))
        if is_math and before.endswith(("^", "_")):
            return "{" + shown + "}"  # keeps x^{a} right for a = -3
        if is_math and _negative(values[name], shown) and _after_operand(before):
            shown = f"\\left({shown}\\right)" if not unicode else f"({shown})"
        return shown

    return PLACEHOLDER.sub(repl, text)


def is_argument(before: str) -> bool:
    """A brace group directly after a LaTeX command or another group (\\frac{a}{h}, \\text{c}) is LaTeX.

    With a space in between (``\\lim_{x \\to 0} {function}``) it is a placeholder again.
    """
    return bool(re.search(r"(\\[A-Za-z]+|\})$", before))


def _negative(value: Any, shown: str) -> bool:
    if shown.startswith(("-", "−")):
        return True
    try:
        return bool(value.could_extract_minus_sign())
    except AttributeError:
        return False


def _after_operand(before: str) -> bool:
    """Whether a value placed here follows an operator or a factor (so -3 needs brackets)."""
    tail = before.rstrip()
    if not tail or tail.endswith(("=", "(", "{", ",", "$", "[", "\\left(", "&")):
        return False
    return True


def show(value: Any, style: str) -> str:
    """One value for a prompt: terminating fractions as decimals (0.1), others exact."""
    import sympy as sp

    from tutor.reading import printer

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, str)):
        return str(value)
    if isinstance(value, dict):
        value = sp.Tuple(*value.values()) if len(value) > 1 else next(iter(value.values()))
    if isinstance(value, (tuple, list)):
        value = sp.Tuple(*value)
    if isinstance(value, sp.Rational) and not isinstance(value, sp.Integer) and _terminates(value):
        return decimal_text(value)
    if isinstance(value, sp.Tuple) and all(isinstance(v, sp.Rational) for v in value):
        inner = ", ".join(show(v, style) for v in value)
        return f"\\left({inner}\\right)" if style == "latex" else f"({inner})"
    if style == "latex":
        return printer.to_latex(value)
    if style == "unicode":
        return printer.to_unicode(value)
    return printer.to_text(value)


def _terminates(q) -> bool:
    d = int(q.q)
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


def decimal_text(q) -> str:
    """A terminating rational as a finite decimal, e.g. 1/500 -> 0.002."""
    from decimal import Decimal, localcontext

    with localcontext() as ctx:
        ctx.prec = 60
        text = format(Decimal(int(q.p)) / Decimal(int(q.q)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


_COMMANDS = {
    "nabla": "∇", "partial": "∂", "cdot": "·", "times": "×", "odot": "⊙", "eta": "η", "alpha": "α",
    "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "theta": "θ",
    "lambda": "λ", "mu": "μ", "sigma": "σ", "pi": "π", "rho": "ρ", "phi": "φ", "infty": "∞",
    "to": "→", "rightarrow": "→", "leftarrow": "←", "mapsto": "↦", "leq": "≤", "le": "≤",
    "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "approx": "≈", "in": "∈", "sum": "Σ",
    "ldots": "…", "dots": "…", "cdots": "⋯", "mid": "|", "vert": "|", "lVert": "‖", "rVert": "‖",
    "|": "‖", "langle": "⟨", "rangle": "⟩", "top": "ᵀ", "quad": "  ", "qquad": "    ", ",": " ",
    ";": " ", "!": "", "left": "", "right": "", "lim": "lim", "log": "log", "ln": "ln", "sin": "sin",
    "cos": "cos", "tan": "tan", "exp": "exp", "max": "max", "min": "min", "sqrt": "√",
    "pm": "±", "mp": "∓", "ell": "ℓ", "hbar": "ℏ", "Delta": "Δ", "sim": "∼", "forall": "∀", "circ": "∘", "prime": "′",
}
_SUP = str.maketrans("0123456789+-()nkTi", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾ⁿᵏᵀⁱ")
_SUB = str.maketrans("0123456789+-()ikntx", "₀₁₂₃₄₅₆₇₈₉₊₋₍₎ᵢₖₙₜₓ")


def latex_to_unicode(tex: str) -> str:
    """A readable one-line rendering of simple LaTeX for a terminal (not a full converter)."""
    s = re.sub(r"\\begin\{([pbvB]?matrix)\}(.*?)\\end\{\1\}", _matrix, tex, flags=re.S)
    for wrapper in ("text", "mathrm", "operatorname", "mathbf", "boldsymbol", "mathit", "textbf"):
        s = re.sub(r"\\" + wrapper + r"\{([^{}]*)\}", r"\1", s)
    s = re.sub(r"\\mathbb\{R\}", "ℝ", s)
    s = re.sub(r"\\(hat|bar|tilde)\s*(?:\{\s*([A-Za-z])\s*\}|([A-Za-z]))",
               lambda m: (m.group(2) or m.group(3)) + {"hat": "\u0302", "bar": "\u0304", "tilde": "\u0303"}[m.group(1)],
               s)
    s = re.sub(r"\\(?!d?frac|tfrac|sqrt)([A-Za-z]+|[|,;!]) ?", _command, s)
    for _ in range(4):  # nested fractions, roots and scripts, innermost first
        s = re.sub(r"\^\{([^{}]*)\}", lambda m: _script(m.group(1), _SUP, "^"), s)
        s = re.sub(r"_\{([^{}]*)\}", lambda m: _script(m.group(1), _SUB, "_"), s)
        s = re.sub(r"\\sqrt\{([^{}]*)\}", lambda m: "√" + _wrap(m.group(1)), s)
        s = re.sub(r"\\[dt]?frac\{([^{}]*)\}\{([^{}]*)\}", lambda m: _frac(m.group(1), m.group(2)), s)
    s = re.sub(r"\^([0-9A-Za-z])", lambda m: _script(m.group(1), _SUP, "^"), s)
    s = re.sub(r"_([0-9A-Za-z])", lambda m: _script(m.group(1), _SUB, "_"), s)
    s = re.sub(r"\\([|,;!]) ?", _command, s)
    s = s.replace("{", "").replace("}", "")
    s = s.replace("^ᵀ", "ᵀ")
    return unicodedata.normalize("NFC", re.sub(r"[ \t]{2,}", " ", s).strip())


def _matrix(m: re.Match) -> str:
    rows = [r.strip() for r in m.group(2).split("\\\\") if r.strip()]
    return "[" + ", ".join("[" + ", ".join(c.strip() for c in r.split("&")) + "]" for r in rows) + "]"


_PREFIX = {"nabla", "partial", "sqrt", "lVert", "langle", "left", "right", "!", "Delta"}


def _command(m: re.Match) -> str:
    name = m.group(1)
    out = _COMMANDS.get(name, name)
    keep_space = m.group(0).endswith(" ") and name not in _PREFIX
    return out + (" " if keep_space else "")


def _frac(a: str, b: str) -> str:
    return f"{_wrap(a)}/{_wrap(b)}"


def _wrap(s: str) -> str:
    s = s.strip()
    return s if re.fullmatch(r"[\w.∂∇]+", s) else f"({s})"


def _script(s: str, table: dict, mark: str) -> str:
    converted = s.translate(table)
    if all(ch in "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾ⁿᵏᵀⁱ₀₁₂₃₄₅₆₇₈₉₊₋₍₎ᵢₖₙₜₓ" for ch in converted):
        return converted
    if s.isalnum() or (s.startswith("(") and s.endswith(")")):
        return f"{mark}{s}"  # η_max, lim_(x,y)→(0,0)
    return f"{mark}({s})"


def typed_form(answer: Any) -> str:
    """What a learner would type: learner syntax, with terminating fractions as exact decimals."""
    import sympy as sp

    from tutor import to_text

    def dec(v: Any) -> str | None:
        if isinstance(v, sp.Rational) and not isinstance(v, sp.Integer) and _terminates(v):
            return decimal_text(v)
        if isinstance(v, sp.Integer):
            return str(v)
        return None

    if isinstance(answer, sp.Tuple) and answer and all(dec(v) is not None for v in answer):
        return "(" + ", ".join(str(dec(v)) for v in answer) + ")"
    if dec(answer) is not None:
        return str(dec(answer))
    return to_text(answer)
