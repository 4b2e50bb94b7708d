"""LaTeX that pdfLaTeX compiles: escaped words, Unicode as LaTeX commands, and the document around them.

The renderers emit ASCII only: every character the engine's words or an author's
formula may contain (∂, ∇, σ, η, →, ≈, ᵀ, ⊙, …) becomes a command that works in
text and in maths (``\\ensuremath``), so a fragment pasted into any document
compiles without ``inputenc`` or ``newunicodechar`` tables, with any engine.
"""
from __future__ import annotations

import re
import unicodedata

# characters with no decomposition to ASCII, as commands valid in text and in maths
SYMBOLS = {
    "\u2212": r"\ensuremath{-}", "\u00b7": r"\ensuremath{\cdot}", "\u22c5": r"\ensuremath{\cdot}",
    "\u2202": r"\ensuremath{\partial}", "\u2207": r"\ensuremath{\nabla}", "\u221a": r"\ensuremath{\surd}",
    "\u2260": r"\ensuremath{\neq}", "\u2248": r"\ensuremath{\approx}", "\u2192": r"\ensuremath{\to}",
    "\u2190": r"\ensuremath{\leftarrow}", "\u21d2": r"\ensuremath{\Rightarrow}", "\u21a6": r"\ensuremath{\mapsto}",
    "\u00d7": r"\ensuremath{\times}", "\u2264": r"\ensuremath{\leq}", "\u2265": r"\ensuremath{\geq}",
    "\u221e": r"\ensuremath{\infty}", "\u2016": r"\ensuremath{\|}", "\u2211": r"\ensuremath{\sum}",
    "\u220f": r"\ensuremath{\prod}", "\u222b": r"\ensuremath{\int}", "\u2299": r"\ensuremath{\odot}",
    "\u2297": r"\ensuremath{\otimes}", "\u2218": r"\ensuremath{\circ}", "\u00b1": r"\ensuremath{\pm}",
    "\u2213": r"\ensuremath{\mp}", "\u2208": r"\ensuremath{\in}", "\u2209": r"\ensuremath{\notin}",
    "\u2205": r"\ensuremath{\emptyset}", "\u222a": r"\ensuremath{\cup}", "\u2229": r"\ensuremath{\cap}",
    "\u2282": r"\ensuremath{\subset}", "\u2286": r"\ensuremath{\subseteq}", "\u2200": r"\ensuremath{\forall}",
    "\u2203": r"\ensuremath{\exists}", "\u2261": r"\ensuremath{\equiv}", "\u27e8": r"\ensuremath{\langle}",
    "\u27e9": r"\ensuremath{\rangle}", "\u2225": r"\ensuremath{\parallel}", "\u22a5": r"\ensuremath{\perp}",
    "\u2026": r"\ensuremath{\ldots}", "\u22ef": r"\ensuremath{\cdots}", "\u00b0": r"\ensuremath{^{\circ}}",
    "\u2032": r"\ensuremath{'}", "\u2033": r"\ensuremath{''}", "\u2113": r"\ensuremath{\ell}",
    "\u2124": r"\ensuremath{\mathbb{Z}}", "\u211d": r"\ensuremath{\mathbb{R}}", "\u2115": r"\ensuremath{\mathbb{N}}",
    "\u211a": r"\ensuremath{\mathbb{Q}}", "\u2102": r"\ensuremath{\mathbb{C}}", "\u00ac": r"\ensuremath{\neg}",
    "\u2227": r"\ensuremath{\wedge}", "\u2228": r"\ensuremath{\vee}", "\u2194": r"\ensuremath{\leftrightarrow}",
    "\u21d4": r"\ensuremath{\Leftrightarrow}", "\u2191": r"\ensuremath{\uparrow}", "\u2193": r"\ensuremath{\downarrow}",
    "\u2013": "--", "\u2014": "---", "\u2018": "`", "\u2019": "'", "\u201c": "``", "\u201d": "''",
    "\u2022": r"\ensuremath{\bullet}", "\u00a0": "~", "\u2009": r"\,", "\u202f": r"\,", "\u200b": "",
    "\u00a7": r"\S{}", "\u00b6": r"\P{}", "\u00a9": r"\copyright{}", "\u00bd": r"\ensuremath{\tfrac{1}{2}}",
    "\u00bc": r"\ensuremath{\tfrac{1}{4}}", "\u00be": r"\ensuremath{\tfrac{3}{4}}", "\u2044": "/",
    "\u00f7": r"\ensuremath{\div}", "\u221d": r"\ensuremath{\propto}", "\u2243": r"\ensuremath{\simeq}",
    "\u223c": r"\ensuremath{\sim}", "\u2245": r"\ensuremath{\cong}", "\u227a": r"\ensuremath{\prec}",
    "\u226a": r"\ensuremath{\ll}", "\u226b": r"\ensuremath{\gg}", "\u25a1": r"\ensuremath{\square}",
    "\u2713": r"\ensuremath{\checkmark}", "\u2717": r"\ensuremath{\times}", "\u0131": r"\i{}",
}

# Greek letters by name (U+0391..U+03C9): variants LaTeX has no command for fall back to the Latin look-alike
_GREEK_LATIN = {"Alpha": "A", "Beta": "B", "Epsilon": "E", "Zeta": "Z", "Eta": "H", "Iota": "I",
                "Kappa": "K", "Mu": "M", "Nu": "N", "Omicron": "O", "Rho": "P", "Tau": "T", "Chi": "X",
                "omicron": "o"}
_GREEK_NAMES = {"lamda": "lambda", "final sigma": "varsigma"}
_TEXT_SPECIALS = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
                  "%": r"\%", "_": r"\_", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}",
                  "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}"}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_LIGATURE = re.compile(r"([-`'!?])(?=[-`'])")  # the text font joins -- ``  '' !` ?` into one glyph


def tex_text(text: str) -> str:
    """Words for LaTeX text mode: the special characters escaped, Unicode as commands (ASCII out)."""
    escaped = "".join(_TEXT_SPECIALS.get(ch, ch) for ch in str(text))
    return unicode_to_tex(_LIGATURE.sub(r"\1{}", escaped))  # --format stays two hyphens, not a dash


def unicode_to_tex(source: str) -> str:
    """Every non-ASCII character of ``source`` (text or maths) as a LaTeX command valid in both modes."""
    return _NON_ASCII.sub(lambda m: char_to_tex(m.group()), source)


def char_to_tex(ch: str) -> str:
    """One non-ASCII character as LaTeX: the table, Greek by name, super/subscripts, accents, or its code."""
    if ch in SYMBOLS:
        return SYMBOLS[ch]
    name = unicodedata.name(ch, "")
    greek = _greek(name) if name.startswith("GREEK ") and " LETTER " in name else None
    if greek is not None:
        return greek
    decomposition = unicodedata.decomposition(ch)
    if decomposition.startswith(("<super>", "<sub>")):
        tag, _, codes = decomposition.partition(" ")
        inner = "".join(chr(int(c, 16)) for c in codes.split())
        mark = "^" if tag == "<super>" else "_"
        inner = r"\top" if (tag, inner) == ("<super>", "T") else unicode_to_tex(inner)
        return rf"\ensuremath{{{mark}{{{inner}}}}}"
    base = unicodedata.normalize("NFKD", ch)
    accent = _ACCENTS.get(base[1:]) if len(base) == 2 and base[0].isascii() else None
    if accent is not None:
        return rf"{{\{accent}{{{base[0]}}}}}"
    if base != ch and base.isascii():
        return base
    return rf"\texttt{{[U+{ord(ch):04X}]}}"


_ACCENTS = {"\u0301": "'", "\u0300": "`", "\u0302": "^", "\u0308": '"', "\u0303": "~", "\u0327": "c",
            "\u030c": "v", "\u0304": "=", "\u0306": "u", "\u030a": "r", "\u0307": "."}


_GREEK_SMALL = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda",
                "mu", "nu", "xi", "pi", "rho", "sigma", "varsigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
                "digamma"}
_GREEK_CAPITAL = {"Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega"}


def _greek(name: str) -> str | None:
    """``GREEK SMALL LETTER SIGMA`` -> ``\\ensuremath{\\sigma}``; capitals LaTeX lacks are Latin letters;
    None for a letter LaTeX has no command for (yot, archaic koppa, ...)."""
    small = " SMALL LETTER " in name
    word = name.split(" LETTER ", 1)[1].split(" WITH ")[0].lower()
    word = _GREEK_NAMES.get(word, word)
    key = word if small else word.capitalize()
    if key in _GREEK_LATIN:
        return _GREEK_LATIN[key] if not small else r"\ensuremath{o}"
    if word in ("phi", "epsilon") and small:
        return rf"\ensuremath{{\var{word}}}"
    if key in (_GREEK_SMALL if small else _GREEK_CAPITAL):
        return rf"\ensuremath{{\{key}}}"
    return None


def preamble(title: str = "", subtitle: str = "") -> str:
    """The start of a complete document for the renderers' LaTeX (ASCII only; any engine)."""
    head = [r"\documentclass[11pt]{article}", r"\usepackage{amsmath,amssymb,graphicx}", r"\usepackage[margin=2.5cm]{geometry}",
            r"\setlength{\parindent}{0pt}\setlength{\parskip}{0.6em}", r"\allowdisplaybreaks"]
    if title:
        head += [rf"\title{{{tex_text(title)}}}", rf"\date{{{tex_text(subtitle)}}}", r"\author{}"]
    head += [r"\begin{document}"] + ([r"\maketitle"] if title else [])
    return "\n".join(head) + "\n"


def document(body: str, title: str = "", subtitle: str = "") -> str:
    """``body`` (the renderers' LaTeX) as a whole document."""
    return preamble(title, subtitle) + body.strip() + "\n\\end{document}\n"
