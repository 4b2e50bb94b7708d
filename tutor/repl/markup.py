"""Exercise prompts (Markdown with ``$math$``) turned into terminal text.

Prompts carry LaTeX-flavoured mathematics; a terminal shows Unicode
(``3x² − 4x + 5``, ``∂f/∂x``, ``√(x+1)``) or, with ``--ascii``, plain
characters any font has. This is pure text work, so showing an exercise
never waits for SymPy.
"""
from __future__ import annotations

import re
import unicodedata
import textwrap

SUPERSCRIPT = dict(zip("0123456789+-−=()nixyT", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱˣʸᵀ"))
SUBSCRIPT = dict(zip("0123456789+-−=()aeoxijklmnpst", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₒₓᵢⱼₖₗₘₙₚₛₜ"))

GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "θ", "iota": "ι", "kappa": "κ",
    "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ",
    "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ",
    "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}

SYMBOLS = {
    "cdot": "·", "times": "×", "div": "÷", "partial": "∂", "nabla": "∇", "infty": "∞",
    "to": "→", "rightarrow": "→", "Rightarrow": "⇒", "implies": "⇒", "mapsto": "↦", "leftarrow": "←",
    "gets": "←", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "approx": "≈",
    "pm": "±", "mp": "∓", "in": "∈", "notin": "∉", "subset": "⊂", "cup": "∪", "cap": "∩",
    "ldots": "…", "dots": "…", "cdots": "⋯", "sum": "Σ", "prod": "Π", "int": "∫", "|": "‖",
    "Vert": "‖", "lvert": "|", "rvert": "|", "vert": "|", "lVert": "‖", "rVert": "‖",
    "langle": "⟨", "rangle": "⟩", "odot": "⊙", "circ": "∘", "top": "ᵀ", "prime": "′",
    "forall": "∀", "exists": "∃", "emptyset": "∅", "varnothing": "∅", "sim": "∼", "propto": "∝",
    "lbrace": "{", "rbrace": "}", "{": "{", "}": "}", "%": "%", "$": "$", "#": "#", "_": "_", "&": "&",
    "quad": "  ", "qquad": "    ", ",": " ", ";": " ", ":": " ", "!": "", " ": " ",
    "left": "", "right": "", "big": "", "Big": "", "bigg": "", "Bigg": "", "displaystyle": "",
    "limits": "", "nolimits": "",
}

SPACED = {"quad", "qquad", ",", ";", ":", " "}  # explicit LaTeX spacing survives

FUNCTIONS = {"sin", "cos", "tan", "sec", "csc", "cot", "arcsin", "arccos", "arctan", "sinh", "cosh",
             "tanh", "exp", "ln", "log", "lim", "max", "min", "arg", "det", "sgn", "sup", "inf"}
TEXT_STYLE = {"text", "mathrm", "operatorname", "mathbf", "mathit", "boldsymbol", "textbf", "mathsf",
              "textit", "bm", "vec", "hat", "bar", "tilde", "overline", "mathcal"}
BLACKBOARD = {"R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ"}

# Unicode -> ASCII for --ascii (applied to everything the tutor prints)
ASCII = {
    "·": "*", "×": "x", "÷": "/", "−": "-", "–": "-", "—": "--", "∂": "d", "∇": "grad", "∞": "oo",
    "→": "->", "⇒": "=>", "↦": "|->", "←": "<-", "≤": "<=", "≥": ">=", "≠": "!=", "≈": "~=",
    "±": "+/-", "∓": "-/+", "∈": "in", "∉": "not in", "⊂": "subset", "∪": " U ", "∩": " n ",
    "…": "...", "⋯": "...", "Σ": "sum", "Π": "prod", "∫": "int", "‖": "||", "⟨": "<",
    "⟩": ">", "⊙": "*", "∘": " o ", "′": "'", "∀": "for all", "∃": "exists", "∅": "{}", "∼": "~",
    "∝": " prop. to ", "ℝ": "R", "ℕ": "N", "ℤ": "Z", "ℚ": "Q", "ℂ": "C", "√": "sqrt", "∛": "cbrt",
    "•": "-", "─": "-", "━": "-", "│": "|", "“": '"', "”": '"', "‘": "'", "’": "'", "✓": "v",
    "✗": "x", "▸": ">", "›": ">", "…": "...", "°": " deg", "\u00a0": " ",
}
ASCII = {**{g: name for name, g in GREEK.items() if name[0] != "v"}, **ASCII}
_SCRIPTS = set(SUPERSCRIPT.values()) | set(SUBSCRIPT.values())


def latex_to_unicode(src: str) -> str:
    """LaTeX-ish mathematics as one line of Unicode; unknown commands keep their names.

    As in LaTeX, spaces in the source do not matter: spacing comes from the
    symbols (around relations and binary + −, after commas), not from the author.
    """
    out, _ = _convert(src, 0, stop=None)
    return unicodedata.normalize("NFC", _space(out))


_RELATIONS = "=<>≤≥≠≈→←⇒↦∈∉×±∓"
_OPERAND_END = re.compile(r"[\w)\]}|‖′⁰¹²³⁴⁵⁶⁷⁸⁹⁾ᵀⁿˣʸ∞!]")
_FUNC_NAMES = "|".join(sorted(FUNCTIONS, key=len, reverse=True))
_FUNC_SPACE = re.compile(r"(?<![A-Za-z])(" + _FUNC_NAMES + r")([⁰¹²³⁴⁵⁶⁷⁸⁹⁻]*)[ \t]+(?=[A-Za-zα-ωΑ-Ω0-9√∂])")
_FUNC_BEFORE = re.compile(r"(?<=[\w)\]²³¹⁰⁴⁵⁶⁷⁸⁹|])[ \t]*\x01")
_FUNC_AFTER = re.compile(r"\x02([⁰¹²³⁴⁵⁶⁷⁸⁹⁻]*)[ \t]*(?=[A-Za-zα-ωΑ-Ω0-9√∂])")


def _space(text: str) -> str:
    text = _FUNC_BEFORE.sub("\u00a0", text)
    text = _FUNC_AFTER.sub(lambda m: m.group(1) + "\u00a0", text)
    text = _FUNC_SPACE.sub(lambda m: m.group(1) + m.group(2) + "\u00a0", text)
    text = re.sub(r"\x03(?=[ \t]*[A-Za-z0-9α-ωΑ-Ω(√∂∇\x01])", "\u00a0", text)
    text = re.sub(r"[ \t\n\x01\x02\x03]", "", text)
    out: list[str] = []
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else ""
        if ch in "-−+":
            sci = ch != "+" and prev in "eE" and i >= 2 and text[i - 2].isdigit() and text[i + 1:i + 2].isdigit()
            if prev and _OPERAND_END.match(prev) and not sci:
                out.append(" " + ("−" if ch in "-−" else "+") + " ")
            else:
                out.append("−" if ch == "-" and not sci else ch)
        elif ch in _RELATIONS:
            out.append(f" {ch} ")
        elif ch == ",":
            out.append(", ")
        elif ch == "*":
            out.append("·")
        else:
            out.append(ch)
    text = "".join(out).replace("\u00a0", " ")
    text = re.sub(r"([(\[{]) +", r"\1", text)
    text = re.sub(r" +([)\]},])", r"\1", text)
    return re.sub(r"  +", " ", text).strip()


def _group(src: str, i: int) -> tuple[str, int]:
    """One argument: ``{...}``, a command or one character; returns (unicode, next index)."""
    while i < len(src) and src[i] == " ":
        i += 1
    if i >= len(src):
        return "", i
    if src[i] == "{":
        return _convert(src, i + 1, stop="}")
    if src[i] == "\\":
        return _command(src, i)
    return src[i], i + 1


def _convert(src: str, i: int, stop: str | None) -> tuple[str, int]:
    out: list[str] = []
    while i < len(src):
        ch = src[i]
        if stop is not None and ch == stop:
            return "".join(out), i + 1
        if ch == "\\":
            text, i = _command(src, i)
            out.append(text)
        elif ch in "^_":
            arg, i = _group(src, i + 1)
            out.append(_script(arg, SUPERSCRIPT if ch == "^" else SUBSCRIPT, ch))
        elif ch == "{":
            text, i = _convert(src, i + 1, stop="}")
            out.append(text)
        elif ch == "~":
            out.append(" ")
            i += 1
        else:
            out.append(ch)
            i += 1
    return "".join(out), i


ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0305", "tilde": "\u0303",
           "vec": "\u20d7", "dot": "\u0307", "ddot": "\u0308"}


ACCENT_ASCII = {"\u0302": "_hat", "\u0304": "_bar", "\u0305": "_bar", "\u0303": "_tilde", "\u20d7": "_vec",
                "\u0307": "_dot", "\u0308": "_ddot"}


def _command(src: str, i: int) -> tuple[str, int]:
    m = re.match(r"\\([A-Za-z]+|.)", src[i:])
    if m is None:
        return "\\", i + 1
    name, i = m.group(1), i + m.end()
    if name in ("frac", "dfrac", "tfrac"):
        num, i = _group(src, i)
        den, i = _group(src, i)
        return f"{_wrap(num)}/{_wrap(den, denominator=not num.strip().startswith(('d', '∂')))}\x03", i
    if name == "sqrt":
        root = None
        if i < len(src) and src[i] == "[":
            end = src.find("]", i)
            root, i = src[i + 1:end].strip(), end + 1
        arg, i = _group(src, i)
        sign = {None: "√", "2": "√", "3": "∛", "4": "∜"}.get(root)
        if sign is None:
            return f"({arg})^(1/{root})", i
        return sign + (arg if _atomic(arg) else f"({arg})"), i
    if name in ACCENTS:
        arg, i = _group(src, i)
        return arg + ACCENTS[name], i   # ŷ: a combining mark after the letter
    if name == "mathbb":
        arg, i = _group(src, i)
        return BLACKBOARD.get(arg, arg), i
    if name in TEXT_STYLE:
        if name.startswith("text") or name == "operatorname":
            arg, i = _raw_group(src, i)
            return "\u00a0" + arg.strip().replace(" ", "\u00a0") + "\u00a0", i
        arg, i = _group(src, i)
        return arg, i
    if name in GREEK:
        return GREEK[name], i
    if name in SYMBOLS and name not in SPACED:
        return SYMBOLS[name], i
    if name == "lim" and src[i:i + 1] == "_":
        arg, i = _group(src, i + 1)
        return f"lim_{{{arg}}}\u00a0", i
    if name in FUNCTIONS:
        return f"\x01{name}\x02", i
    if name in SPACED:
        return f"\u00a0{SYMBOLS[name]}\u00a0", i
    return name, i


def _raw_group(src: str, i: int) -> tuple[str, int]:
    """A ``{...}`` argument taken literally (the words of ``\\text{...}``)."""
    if i < len(src) and src[i] == "{":
        depth, j = 0, i
        while j < len(src):
            depth += {"{": 1, "}": -1}.get(src[j], 0)
            if depth == 0:
                return src[i + 1:j], j + 1
            j += 1
        return src[i + 1:], len(src)
    return _group(src, i)


def _script(arg: str, table: dict[str, str], mark: str) -> str:
    arg = re.sub("[\x01\x02\x03]", "", arg)   # λ_max, not λ_(max): \max is a word here, not a call
    letters = sum(c.isalpha() for c in arg)
    if arg and all(c in table for c in arg) and (mark == "^" or letters <= 1):
        return "".join(table[c] for c in arg)
    if arg == "ᵀ" and mark == "^":
        return "ᵀ"
    if len(arg) == 1 or (mark == "_" and arg.isalnum()):
        return f"{mark}{arg}\x03"   # f_xy, then a soft space before a following letter
    return f"{mark}({arg})"


def _atomic(text: str) -> bool:
    """No operator outside brackets: safe to put next to a fraction bar."""
    depth = 0
    text = text.replace(" ", "")
    for k, ch in enumerate(text):
        depth += ch in "([{" and 1 or ch in ")]}" and -1 or 0
        if depth == 0 and (ch in "+/·×=,<> " or (ch in "-−" and k > 0)):
            return False
    return True


def _wrap(text: str, denominator: bool = False) -> str:
    """Brackets unless the text is one factor; a denominator such as 2√u or 2x needs them too."""
    text = text.strip().replace("\x03", "")
    if denominator and re.search(r"[\d.][A-Za-zα-ω√(]|[A-Za-zα-ω)][ \u00a0]*[√(]|[A-Za-z][A-Za-z]", text) \
            and not (text.startswith("(") and text.endswith(")")) and not re.fullmatch(r"[A-Za-zα-ωΑ-Ω]+\(.*\)", text):
        return f"({text})"
    return text if _atomic(text) else f"({text})"


def to_ascii(text: str) -> str:
    """Plain ASCII for terminals or fonts that break on Unicode mathematics."""
    text = "".join(unicodedata.normalize("NFD", c) if c.isalpha() else c for c in text)   # ŷ -> y + hat
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if unicodedata.combining(ch):
            out.append(ACCENT_ASCII.get(ch, ""))   # y_hat; an accent on a word (é) just goes
            i += 1
            continue
        if ch in SUPERSCRIPT.values() or ch in SUBSCRIPT.values():
            table = SUPERSCRIPT if ch in SUPERSCRIPT.values() else SUBSCRIPT
            back = {v: k for k, v in table.items()}
            j = i
            while j < len(text) and text[j] in back:
                j += 1
            run = "".join(back[c] for c in text[i:j]).replace("−", "-")
            mark = "^" if table is SUPERSCRIPT else "_"
            if run == "T" and mark == "^":
                out.append("^T")
            else:
                out.append(mark + (run if len(run) == 1 or run.isdigit() else f"({run})"))
            i = j
            continue
        if ch in ("√", "∛") and i + 1 < len(text) and text[i + 1] != "(":
            m = re.match(r"[\w.]+", text[i + 1:])
            if m:
                out.append(f"{ASCII[ch]}({m.group(0)})")
                i += 1 + m.end()
                continue
        if ord(ch) < 128:
            out.append(ch)
        else:
            word = ASCII.get(ch, "?")
            if len(word) > 1 and word.isalpha() and ch not in "√∛":  # η∇L -> "eta grad L", Xβ -> "X beta"
                before = out[-1][-1:] if out else ""
                after = text[i + 1:i + 2]
                if before and (before.isalnum() or before in ")]"):
                    word = " " + word
                if after and after not in _SCRIPTS and (after.isalnum() or ASCII.get(after, "?")[:1].isalpha()):
                    word += " "
            out.append(word)
        i += 1
    return "".join(out)


_MATH = re.compile(r"\$\$(.+?)\$\$|\$(.+?)\$", re.S)


def render_markdown(text: str, width: int = 78, ascii_only: bool = False,
                    bold: tuple[str, str] = ("", "")) -> str:
    """Markdown prompt -> wrapped terminal paragraphs, with its mathematics in Unicode.

    ``bold`` is the (start, end) pair used for ``**strong**`` text (ANSI codes, or empty).
    """
    def math(m: re.Match) -> str:
        if m.group(1) is not None:
            return "\n\n    " + latex_to_unicode(m.group(1)) + "\n\n"
        return latex_to_unicode(m.group(2))

    text = _MATH.sub(math, text.replace("\\$", "\x00"))
    text = text.replace("\x00", "$")
    text = re.sub(r"\*\*(.+?)\*\*", lambda m: bold[0] + m.group(1) + bold[1], text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)
    text = re.sub(r"`([^`]+)`", r"\1", text)
    if ascii_only:
        text = to_ascii(text)
    return _wrap_blocks(text, width, ascii_only)


def _wrap_blocks(text: str, width: int, ascii_only: bool) -> str:
    blocks = re.split(r"\n\s*\n", text.strip("\n"))
    out = []
    for block in blocks:
        lines = block.split("\n")
        if all(ln.startswith("    ") for ln in lines if ln.strip()):
            out.append("\n".join("    " + ln.strip() for ln in lines if ln.strip()))
            continue
        paragraph: list[str] = []
        items: list[str] = []
        for ln in lines:
            stripped = ln.strip()
            item = re.match(r"^([-*+]|\d+[.)]|[A-Za-z]\))\s+(.*)", stripped)
            heading = re.match(r"^#+\s+(.*)", stripped)
            if item or heading:
                if paragraph:
                    items.append(textwrap.fill(" ".join(paragraph), width))
                    paragraph = []
                if heading:
                    items.append(heading.group(1))
                else:
                    bullet = "-" if ascii_only else "•"
                    assert item is not None
                    mark = item.group(1) if item.group(1)[0].isalnum() else bullet
                    items.append(textwrap.fill(item.group(2), width, initial_indent=f"  {mark} ",
                                               subsequent_indent=" " * (len(mark) + 3)))
            elif stripped:
                paragraph.append(stripped)
        if paragraph:
            items.append(textwrap.fill(" ".join(paragraph), width))
        out.append("\n".join(items))
    return "\n\n".join(out)
