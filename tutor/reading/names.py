"""The fixed tables of names the reader knows, and how a run of letters is split.

Kept free of SymPy: the lexer only decides *which* name a piece of text is;
the transformer decides what SymPy object that name becomes.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

# function names (lower case) -> canonical name used by the transformer
FUNCTIONS: dict[str, str] = {
    "sin": "sin", "cos": "cos", "tan": "tan", "sec": "sec", "csc": "csc", "cot": "cot",
    "asin": "asin", "acos": "acos", "atan": "atan", "asec": "asec", "acsc": "acsc", "acot": "acot",
    "arcsin": "asin", "arccos": "acos", "arctan": "atan",
    "arcsec": "asec", "arccsc": "acsc", "arccot": "acot",
    "sinh": "sinh", "cosh": "cosh", "tanh": "tanh", "sech": "sech", "csch": "csch", "coth": "coth",
    "asinh": "asinh", "acosh": "acosh", "atanh": "atanh",
    "acoth": "acoth", "asech": "asech", "acsch": "acsch",
    "arsinh": "asinh", "arcosh": "acosh", "artanh": "atanh",
    "arcoth": "acoth", "arsech": "asech", "arcsch": "acsch",
    "arcsinh": "asinh", "arccosh": "acosh", "arctanh": "atanh",
    "arccoth": "acoth", "arcsech": "asech", "arccsch": "acsch",
    "exp": "exp", "ln": "ln", "log": "log", "log10": "log10", "log2": "log2",
    "sqrt": "sqrt", "cbrt": "cbrt", "abs": "abs", "sgn": "sign", "sign": "sign",
    "min": "min", "max": "max", "binomial": "binomial",
    # spellings of other systems: cosec (British), nthroot (math-expressions, Maple),
    # atan2/arctan2 (the angle of the point (x, y)), factorial(n) beside n!
    "cosec": "csc", "cosech": "csch", "nthroot": "nthroot", "atan2": "atan2", "arctan2": "atan2",
    "factorial": "factorial",
}

# f^-1 means the inverse function for these (sin^-1(x) = asin(x))
INVERSES: dict[str, str] = {
    "sin": "asin", "cos": "acos", "tan": "atan", "sec": "asec", "csc": "acsc", "cot": "acot",
    "sinh": "asinh", "cosh": "acosh", "tanh": "atanh",
    "coth": "acoth", "sech": "asech", "csch": "acsch",
}

# constants inside a run of letters (case-insensitive pi; only lower-case e)
CONSTANTS: dict[str, str] = {"pi": "pi", "e": "E"}
# words that are constants or answers only when they stand alone (never split out of a run)
WHOLE_WORDS: dict[str, tuple[str, str]] = {
    "oo": ("CONST", "oo"), "inf": ("CONST", "oo"), "infinity": ("CONST", "oo"), "infty": ("CONST", "oo"),
    "dne": ("DNE", "DNE"), "undefined": ("DNE", "DNE"),
}

GREEK: tuple[str, ...] = (
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
    "lambda", "mu", "nu", "xi", "omicron", "rho", "sigma", "tau", "upsilon", "phi", "chi",
    "psi", "omega",
    "Gamma", "Delta", "Theta", "Lambda", "Xi", "Sigma", "Upsilon", "Phi", "Psi", "Omega",
)
GREEK_SET = frozenset(GREEK)

# glyph -> name (the name is what the Symbol is called; SymPy prints it back as the glyph)
GLYPHS: dict[str, str] = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ϵ": "epsilon",
    "ζ": "zeta", "η": "eta", "θ": "theta", "ϑ": "theta", "ι": "iota", "κ": "kappa",
    "λ": "lambda", "μ": "mu", "ν": "nu", "ξ": "xi", "ο": "omicron", "ρ": "rho", "σ": "sigma",
    "ς": "sigma", "τ": "tau", "υ": "upsilon", "φ": "phi", "ϕ": "phi", "χ": "chi", "ψ": "psi",
    "ω": "omega", "Γ": "Gamma", "Δ": "Delta", "Θ": "Theta", "Λ": "Lambda", "Ξ": "Xi",
    "Σ": "Sigma", "Υ": "Upsilon", "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega",
}

# LaTeX control words -> (token type, value); names of Greek letters are added below
LATEX: dict[str, tuple[str, str]] = {
    "frac": ("_FRAC", "frac"), "dfrac": ("_FRAC", "frac"), "tfrac": ("_FRAC", "frac"),
    "sqrt": ("_TSQRT", "sqrt"), "cdot": ("_TIMES", "*"), "times": ("_TIMES", "*"),
    "div": ("_DIV", "/"), "pi": ("CONST", "pi"), "infty": ("CONST", "oo"),
    "left": ("SKIP", ""), "right": ("SKIP", ""), "big": ("SKIP", ""), "Big": ("SKIP", ""),
    "bigl": ("SKIP", ""), "bigr": ("SKIP", ""), "Bigl": ("SKIP", ""), "Bigr": ("SKIP", ""),
    "quad": ("SKIP", ""), "qquad": ("SKIP", ""), "displaystyle": ("SKIP", ""),
    "lvert": ("BAR", "|"), "rvert": ("BAR", "|"), "vert": ("BAR", "|"), "mid": ("BAR", "|"),
    "langle": ("_LANGLE", "<"), "rangle": ("_RANGLE", ">"),
    "varepsilon": ("NAME", "epsilon"), "vartheta": ("NAME", "theta"), "varphi": ("NAME", "phi"),
}
for _name in FUNCTIONS:
    if _name not in ("abs", "sgn", "sign", "cbrt", "log10", "log2", "sqrt", "binomial", "nthroot",
                     "atan2", "arctan2", "factorial"):
        LATEX.setdefault(_name, ("FUNC", FUNCTIONS[_name]))
for _name in GREEK:
    LATEX.setdefault(_name, ("NAME", _name))
# one-character control symbols: spacing is skipped, \{ \} are braces, \| is not supported
LATEX_SYMBOLS: dict[str, tuple[str, str]] = {
    ",": ("SKIP", ""), ";": ("SKIP", ""), ":": ("SKIP", ""), "!": ("SKIP", ""), " ": ("SKIP", ""),
    "{": ("_LBRACE", "{"), "}": ("_RBRACE", "}"),
}

SUPERSCRIPTS: dict[str, str] = {
    "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8",
    "⁹": "9", "⁻": "-", "⁺": "+",
}


@lru_cache(maxsize=4096)
def normalize(name: str) -> str:
    """The spelling-insensitive key of a variable name: w_1, w1 and w_{1} agree."""
    name = "".join(GLYPHS.get(ch, ch) for ch in name)
    return name.replace("_", "").replace("{", "").replace("}", "")


class Piece(tuple):
    """(kind, value, offset, length): one name found inside a run of letters."""

    __slots__ = ()

    kind = property(lambda self: self[0])
    value = property(lambda self: self[1])
    offset = property(lambda self: self[2])
    length = property(lambda self: self[3])


@lru_cache(maxsize=256)
def _declared_table(variables: tuple[str, ...]) -> tuple[dict[str, str], int]:
    table = {normalize(v): v for v in variables}
    longest = max((len(k) for k in table), default=1)
    return table, longest


def declared_table(variables: Iterable[str] | None) -> tuple[dict[str, str], int]:
    """normalized name -> declared spelling, and the longest normalized length."""
    return _declared_table(tuple(variables or ()))


def function_key(name: str) -> str:
    """The key a declared function is known by: σ, sigma and \\sigma agree."""
    return normalize(name.strip().lstrip("\\"))


@lru_cache(maxsize=4096)
def split_run(run: str, variables: tuple[str, ...] = (), functions: tuple[str, ...] = ()) -> tuple[Piece, ...]:
    """Split a run of letters into names: longest known name first, else one letter.

    Known names are the declared variables and functions (an exercise's σ or f),
    the reader's functions (any case), pi (any case), e (unless declared), and
    Greek letter names; Greek glyphs are single names.
    """
    declared, longest = declared_table(variables)
    defined = {function_key(f) for f in functions}
    pieces: list[Piece] = []
    i, n = 0, len(run)
    max_len = max(longest, 9, *(len(f) for f in defined))  # 9: factorial
    while i < n:
        ch = run[i]
        if ch == "π":
            pieces.append(Piece(("CONST", "pi", i, 1)))
            i += 1
            continue
        if ch in GLYPHS:
            name = GLYPHS[ch]
            if name in defined and name not in declared:
                pieces.append(Piece(("FUNC", "@" + name, i, 1)))
            else:
                pieces.append(Piece(("NAME", declared.get(name, name), i, 1)))
            i += 1
            continue
        best: Piece | None = None
        for j in range(min(n, i + max_len), i, -1):
            word = run[i:j]
            if any(c in GLYPHS or c == "π" for c in word):
                continue
            low = word.lower()
            if word in declared:
                best = Piece(("NAME", declared[word], i, j - i))
            elif word in defined:
                best = Piece(("FUNC", "@" + word, i, j - i))
            elif low in FUNCTIONS and low not in ("log10", "log2"):
                best = Piece(("FUNC", FUNCTIONS[low], i, j - i))
            elif low == "pi":
                best = Piece(("CONST", "pi", i, j - i))
            elif word == "e":
                best = Piece(("CONST", "E", i, 1))
            elif word in GREEK_SET:
                best = Piece(("NAME", word, i, j - i))
            if best is not None:
                break
        if best is None:
            best = Piece(("NAME", ch, i, 1))
        pieces.append(best)
        i += best.length
    return tuple(pieces)
