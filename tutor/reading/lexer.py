"""The tokenizer: learner text -> a list of Lark tokens, with names already decided.

Letter runs are split here, before parsing, because precedence depends on it:
``3xe^(2x)`` must reach the grammar as 3 · x · e ^ (2x), not as a name ``xe``.
Brackets are matched here too, so an unbalanced one is reported at its opener.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from lark import Token

from tutor.reading.errors import ParseError
from tutor.reading.limits import Limits
from tutor.reading.names import (
    FUNCTIONS, LATEX, LATEX_SYMBOLS, SUPERSCRIPTS, WHOLE_WORDS, declared_table, function_key,
    normalize, split_run,
)

_GREEK_CHARS = "\u0391-\u03a9\u03b1-\u03c9\u03d1\u03d5\u03f5"
_TOKEN_RE = re.compile(
    r"(?P<ws>\s+|\$)"
    r"|(?P<dne>(?i:(?:(?:the\s+)?limit\s+)?(?:does\s+not|doesn[’']?t)\s+exist\b|no\s+limit\b"
    r"|d\.\s*n\.\s*e(?:\.|\b)))"
    r"|(?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+(?![A-Za-z_(.\d]))?)"
    rf"|(?P<word>[A-Za-z{_GREEK_CHARS}]+)(?P<suffix>\d+|_\{{[A-Za-z0-9]+\}}|_[A-Za-z0-9]+)?"
    r"|(?P<under>_+[A-Za-z0-9_]*)"
    r"|(?P<latex>\\(?:(?P<cmd>[A-Za-z]+)(?P<csub>_\{[A-Za-z0-9]+\}|_[A-Za-z0-9])?|.))"
    r"|(?P<sup>[⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)"
    r"|(?P<vulgar>[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])"
    r"|(?P<op>\*\*|==|[-+*/^=,()\[\]{}|<>!÷×·⋅∙−–—∗⁄√∛∜∞⟨⟩〈〉])"
)

_OPS: dict[str, tuple[str, str]] = {
    "+": ("_PLUS", "+"), "-": ("_MINUS", "-"), "−": ("_MINUS", "-"), "–": ("_MINUS", "-"),
    "—": ("_MINUS", "-"), "*": ("_TIMES", "*"), "×": ("_TIMES", "*"), "·": ("_TIMES", "*"),
    "⋅": ("_TIMES", "*"), "∙": ("_TIMES", "*"), "∗": ("_TIMES", "*"), "**": ("POW", "^"),
    "^": ("POW", "^"), "/": ("_DIV", "/"), "÷": ("_DIV", "/"), "⁄": ("_DIV", "/"),
    "=": ("EQ", "="), "==": ("EQ", "="), ",": ("_COMMA", ","), "(": ("_LPAR", "("),
    ")": ("_RPAR", ")"), "[": ("_LBRACK", "["), "]": ("_RBRACK", "]"), "{": ("_LBRACE", "{"),
    "}": ("_RBRACE", "}"), "|": ("BAR", "|"), "<": ("_LANGLE", "<"), "⟨": ("_LANGLE", "<"),
    "〈": ("_LANGLE", "<"), ">": ("_RANGLE", ">"), "⟩": ("_RANGLE", ">"), "〉": ("_RANGLE", ">"),
    "!": ("BANG", "!"), "√": ("ROOT", "2"), "∛": ("ROOT", "3"), "∜": ("ROOT", "4"),
    "∞": ("CONST", "oo"),
}

_VULGAR = {"½": "1/2", "⅓": "1/3", "⅔": "2/3", "¼": "1/4", "¾": "3/4", "⅕": "1/5", "⅖": "2/5", "⅗": "3/5",
           "⅘": "4/5", "⅙": "1/6", "⅚": "5/6", "⅛": "1/8", "⅜": "3/8", "⅝": "5/8", "⅞": "7/8"}
OPENERS = {"_LPAR": "_RPAR", "_LBRACK": "_RBRACK", "_IDXOPEN": "_RBRACK", "_LBRACE": "_RBRACE",
           "_SETOPEN": "_RBRACE", "_BAROPEN": "_BARCLOSE", "_LANGLE": "_RANGLE"}
CLOSERS = {"_RPAR", "_RBRACK", "_RBRACE", "_BARCLOSE", "_RANGLE"}
_NESTING = {"POW", "FUNC", "ROOT", "_TSQRT"}
# tokens after which a '|' closes an open bar (they end an operand)
_ENDS_OPERAND = {"NUMBER", "NAME", "CONST", "DNE", "SUP", "BANG", "_RPAR", "_RBRACK", "_RBRACE",
                 "_BARCLOSE", "_RANGLE"}
_FUNCTION_CHOICES = sorted(set(FUNCTIONS))
_BAD_CHARS = {
    ":": ("':' is not part of math syntax (this looks like Python code)",
          "calctutor reads mathematics only; type a formula such as 2x + 1"),
    ";": ("';' is not part of math syntax", "separate items with commas inside brackets, e.g. (1, 2)"),
    "'": ("quotes and primes (') are not supported", "type the formula itself, e.g. 2x rather than f'(x)"),
    "\"": ("quotes are not part of math syntax", "type the formula without quotes"),
    "’": ("quotes and primes are not supported", "type the formula itself"),
    "%": ("'%' is not supported", "write a percentage as a number: 5% is 0.05"),
    ".": ("'.' can only be a decimal point inside a number",
          "write 0.5 or 1.25; attribute access such as a.b is not mathematics"),
    "&": ("'&' is not supported", "type a formula such as x + 1"),
    "@": ("'@' is not supported", "use * to multiply"),
    "~": ("'~' is not supported", "type a formula such as x + 1"),
    "#": ("'#' is not supported", "type a formula such as x + 1"),
    "?": ("'?' is not supported", "type your answer as a formula"),
    "`": ("backquotes are not part of math syntax", "type the formula without them"),
}


@dataclass
class Lexed:
    """Tokens plus what error messages need: the text and each token's bracket depth."""

    text: str
    tokens: list[Token] = field(default_factory=list)
    depths: list[int] = field(default_factory=list)
    index: dict[int, int] = field(default_factory=dict)  # start_pos -> token index

    def source(self, tok: Token) -> str:
        if tok.start_pos is None or tok.end_pos is None:
            return str(tok)
        return self.text[tok.start_pos:tok.end_pos]


# Token(...) checks its keywords for a deprecated spelling first; the constructor it then calls
# builds the same token (plain Token where a Lark without it is installed)
_new_token = getattr(Token, "_future_new", Token)


def _tok(kind: str, value: object, start: int, end: int) -> Token:
    return _new_token(kind, value, start, 1, start + 1, 1, end + 1, end)


class Lexer:
    """One pass over the text; ``run()`` returns a :class:`Lexed` or raises ParseError."""

    def __init__(self, text: str, variables: tuple[str, ...], limits: Limits, strict: bool,
                 functions: tuple[str, ...] = ()):
        self.text = text
        self.variables = variables
        self.functions = functions
        self.defined = {function_key(f) for f in functions}
        self.declared, _ = declared_table(variables)
        self.limits = limits
        self.strict = strict
        self.out = Lexed(text)
        self.live: list[str] = []  # open brackets so far (for telling '|' openers from closers)

    # -- errors -------------------------------------------------------------
    def fail(self, message: str, pos: int | None, hint: str | None = None) -> ParseError:
        return ParseError(message, self.text, (pos or 0) + 1, hint)  # (our tokens always have a position)

    # -- main loop ----------------------------------------------------------
    def run(self) -> Lexed:
        text, pos, n = self.text, 0, len(self.text)
        match = _TOKEN_RE.match
        while pos < n:
            m = match(text, pos)
            if m is None:
                raise self._bad_char(pos)
            kind = m.lastgroup
            end = m.end()
            if kind == "ws":
                pass
            elif kind == "num":
                self._number(m.group(), pos, end)
            elif kind in ("word", "suffix"):
                self._word(m.group("word"), m.group("suffix") or "", pos, end)
            elif kind == "dne":
                self._emit("DNE", "DNE", pos, end)
            elif kind == "op":
                self._op(m.group(), pos, end)
            elif kind == "sup":
                self._superscript(m.group(), pos, end)
            elif kind == "latex":
                end = self._latex(m, pos, end)
            elif kind == "vulgar":
                self._number(_VULGAR[m.group()], pos, end)
            elif kind == "under":
                raise self._underscore(m.group(), pos)
            pos = end
        self._finish()
        return self.out

    def _emit(self, kind: str, value: object, start: int, end: int) -> None:
        tokens = self.out.tokens
        self.out.index[start] = len(tokens)
        tokens.append(_new_token(kind, value, start, 1, start + 1, 1, end + 1, end))
        if kind in OPENERS:
            self.live.append(kind)
        elif kind in CLOSERS:
            live = self.live
            if live and OPENERS[live[-1]] == kind:
                live.pop()

    # -- pieces -------------------------------------------------------------
    def _number(self, s: str, start: int, end: int) -> None:
        if end < len(self.text) and self.text[end] == "." and self.text[end - 1:end].isdigit():
            raise self.fail("a number can't have two decimal points", end,
                            "write one decimal point, e.g. 1.25")
        mantissa, _, exponent = s.lower().partition("e")
        digits = len(mantissa.replace(".", "").lstrip("0"))
        if digits > self.limits.max_digits:
            raise self.fail(f"this number is too long ({digits} digits; the limit is "
                            f"{self.limits.max_digits})", start, "use a shorter number")
        if exponent and abs(int(exponent)) > self.limits.max_digits:
            raise self.fail(f"the exponent in {s} is too large (the limit is "
                            f"{self.limits.max_digits})", start, "use a smaller power of ten")
        toks = self.out.tokens
        if toks and toks[-1].type == "NUMBER" and "/" in s:
            raise self.fail(f"mixed numbers like {self.out.source(toks[-1])}{self.text[start:end]} are not supported",
                            start, f"write {self.out.source(toks[-1])} + {s}")
        if toks and toks[-1].type == "NUMBER" and not _function_power(toks):
            before = self.out.source(toks[-1])
            raise self.fail(f"two numbers in a row: '{before}' then '{s}'", start,
                            f"write {before}{s} (no space) for one number, or {before}*{s} to multiply")
        self._emit("NUMBER", s, start, end)

    def _word(self, letters: str, suffix: str, start: int, end: int) -> None:
        low = letters.lower()
        declared = self.declared
        if not suffix and low in WHOLE_WORDS and normalize(letters) not in declared:
            kind, value = WHOLE_WORDS[low]
            self._emit(kind, value, start, end)
            return
        whole = normalize(letters + suffix)
        if whole in declared:
            self._emit("NAME", declared[whole], start, end)
            return
        if whole in self.defined:
            self._emit("FUNC", "@" + whole, start, end)
            return
        if suffix and (low + suffix) in ("log10", "log2", "atan2", "arctan2"):
            self._emit("FUNC", FUNCTIONS[low + suffix], start, end)
            return
        pieces = split_run(letters, self.variables, self.functions)
        if not suffix and end < len(self.text) and self.text[end] == "(":
            self._check_function_like(letters, pieces, start)
        for piece in pieces[:-1]:
            self._piece(piece.kind, piece.value, start + piece.offset, start + piece.offset + piece.length)
        last = pieces[-1]
        p0, p1 = start + last.offset, start + last.offset + last.length
        if not suffix:
            self._piece(last.kind, last.value, p0, p1)
        elif last.kind == "NAME" or (last.kind == "CONST" and last.value == "E"):
            base = last.value if last.kind == "NAME" else "e"
            self._piece("NAME", base + suffix.replace("{", "").replace("}", ""), p0, end)
        elif last.kind == "FUNC" and last.value == "log" and suffix.startswith("_"):
            self._emit("FUNC", "log_" + self._log_base(suffix, p1), p0, end)
        elif suffix.isdigit():
            self._piece(last.kind, last.value, p0, p1)
            self._emit("NUMBER", suffix, p1, end)
        else:
            raise self.fail(f"'{letters}' can't have a subscript", p1,
                            "subscripts go on variable names, like x_1 or theta_2")

    def _log_base(self, suffix: str, pos: int) -> str:
        base = suffix[1:].strip("{}")
        if base.isdigit():
            return base
        if base == "e" and "e" not in self.declared:
            return "~E"  # log_e is ln
        if base.isalpha() and len(base) == 1:
            return self.declared.get(base, base)
        raise self.fail(f"can't read the base of the logarithm '{base}'", pos,
                        "write log_2(x), log_b(x) or log(b, x)")

    def _piece(self, kind: str, value: str, start: int, end: int) -> None:
        if kind == "NAME" and self.strict and normalize(value) not in self.declared:
            raise self._unknown_variable(value, start)
        self._emit(kind, value, start, end)

    def _unknown_variable(self, name: str, pos: int) -> ParseError:
        names = sorted(set(self.declared.values()))
        close = difflib.get_close_matches(name, names, n=1, cutoff=0.5)
        hint = f"did you mean {close[0]}? " if close else ""
        hint += "the variables are " + ", ".join(names) if names else "no variables are declared"
        return self.fail(f"unknown name '{name}'", pos, hint)

    def _check_function_like(self, letters: str, pieces, start: int) -> None:
        """``sine(x)`` or ``sqr(x)``: a misspelt function, not a product of letters."""
        if len(letters) < 3 or pieces[-1].kind == "FUNC":
            return
        if all(p.kind == "NAME" and normalize(p.value) in self.declared for p in pieces):
            return
        close = difflib.get_close_matches(letters.lower(), _FUNCTION_CHOICES, n=1, cutoff=0.75)
        if close:
            raise self.fail(f"unknown function '{letters}'", start,
                            f"did you mean {close[0]}(...)? To multiply letters, put spaces or * between them")

    def _op(self, s: str, start: int, end: int) -> None:
        kind, value = _OPS[s]
        if kind == "BAR":
            kind = self._bar_kind()
        self._emit(kind, value, start, end)

    def _bar_kind(self) -> str:
        """A '|' closes when an operand just ended and the innermost open bracket is a bar."""
        toks, live = self.out.tokens, self.live
        if toks and toks[-1].type in _ENDS_OPERAND and live and live[-1] == "_BAROPEN":
            return "_BARCLOSE"
        return "_BAROPEN"

    def _superscript(self, s: str, start: int, end: int) -> None:
        value = "".join(SUPERSCRIPTS[ch] for ch in s)
        if value in ("-", "+"):
            raise self.fail("a superscript sign needs digits after it", start, "write t⁻¹ or t^-1")
        self._emit("SUP", value, start, end)

    def _latex(self, m: re.Match, start: int, end: int) -> int:
        cmd = m.group("cmd")
        if cmd is None:
            ch = m.group()[1:]
            if ch in "()[]":
                return end  # \( \) \[ \] are math delimiters
            if ch in LATEX_SYMBOLS:
                kind, value = LATEX_SYMBOLS[ch]
                if kind != "SKIP":
                    self._emit(kind, value, start, end)
                return end
            raise self.fail(f"unknown LaTeX command '\\{ch}'", start, "use \\frac, \\sqrt, \\sin, \\cdot, ...")
        if cmd not in LATEX:
            close = difflib.get_close_matches(cmd, list(LATEX), n=1, cutoff=0.6)
            hint = f"did you mean \\{close[0]}?" if close else "supported: \\frac, \\sqrt, \\sin, \\ln, \\cdot, \\pi, ..."
            raise self.fail(f"unknown LaTeX command '\\{cmd}'", start, hint)
        kind, value = LATEX[cmd]
        sub = m.group("csub") or ""
        if kind == "SKIP":
            if cmd in ("left", "right") and self.text[end:end + 1] == ".":
                return end + 1
            return end
        if sub and kind == "FUNC" and value == "log":
            self._emit("FUNC", "log_" + self._log_base(sub, start), start, end)
        elif sub and kind == "NAME":
            self._piece("NAME", value + sub.replace("{", "").replace("}", ""), start, end)
        elif sub:
            raise self.fail(f"'\\{cmd}' can't have a subscript", start, "write subscripts on names, like x_1")
        elif kind == "BAR":
            self._emit(self._bar_kind(), "|", start, end)
        elif kind == "_TSQRT":
            self._emit(kind, value, start, end)
            rest = self.text[end:]
            stripped = rest.lstrip()
            if stripped.startswith("["):
                at = end + len(rest) - len(stripped)
                self._emit("_IDXOPEN", "[", at, at + 1)
                return at + 1
        elif kind == "NAME" and value in self.defined and value not in self.declared:
            self._emit("FUNC", "@" + value, start, end)
        elif kind == "NAME":
            self._piece(kind, self.declared.get(value, value), start, end)
        else:
            self._emit(kind, value, start, end)
        return end

    def _underscore(self, s: str, pos: int) -> ParseError:
        if s.startswith("__"):
            return self.fail(f"'{s.strip('_') or s}' with double underscores is Python, not mathematics",
                             pos, "calctutor reads math only and never runs code; type a formula such as 2x + 1")
        return self.fail("'_' must follow a name, as in x_1", pos, "write a subscript like x_1 or theta_2")

    def _bad_char(self, pos: int) -> ParseError:
        ch = self.text[pos]
        if ch in _BAD_CHARS:
            message, hint = _BAD_CHARS[ch]
            if ch == ":" and re.search(r"\blambda\b", self.text[:pos]):
                message = "':' after lambda is Python code, not mathematics"
            return self.fail(message, pos, hint)
        return self.fail(f"unexpected character '{ch}'", pos,
                         "use digits, letters, + - * / ^ and brackets")

    # -- brackets -----------------------------------------------------------
    def _finish(self) -> None:
        toks = self.out.tokens
        stack: list[int] = []
        depths = self.out.depths
        max_depth = self.limits.max_depth
        match: dict[int, int] = {}
        chain = 0  # how deep a run like x^x^x or sin sin x or √√x nests, without brackets
        for i, tok in enumerate(toks):
            kind = tok.type
            if kind in _NESTING:
                back, signs = _before_operand(toks, i)
                chain = chain + 1 + signs if back in _NESTING else 1
                if chain + len(stack) > max_depth:
                    raise self.fail(f"the expression is nested too deeply (the limit is {max_depth} levels)",
                                    tok.start_pos, "simplify the expression before typing it")
            if kind in OPENERS:
                stack.append(i)
                if len(stack) > max_depth:
                    raise self.fail(f"brackets are nested too deeply (the limit is {max_depth})",
                                    tok.start_pos, "simplify the expression before typing it")
            elif kind == "_RANGLE" and not (stack and toks[stack[-1]].type == "_LANGLE"):
                raise self.fail("'>' only closes a vector <a, b>", tok.start_pos,
                                "inequalities are not supported here; vectors are written <1, 2>")
            elif kind in CLOSERS:
                if not stack:
                    raise self.fail(f"'{self.out.source(tok)}' has no matching opening bracket",
                                    tok.start_pos, "remove it or add the opening bracket")
                j = stack.pop()
                opener = toks[j]
                if OPENERS[opener.type] != kind:
                    raise self.fail(f"'{self.out.source(opener)}' at column {opener.column} is closed by "
                                    f"'{self.out.source(tok)}'", opener.start_pos,
                                    f"close it with '{_closing_text(opener.type)}'")
                match[j] = i
            depths.append(len(stack))
        if stack:
            opener = toks[stack[-1]]
            if opener.type == "_LANGLE":
                raise self.fail("'<' starts a vector such as <1, 2>, but it is never closed", opener.start_pos,
                                "inequalities are not supported here; close a vector with '>'")
            raise self.fail(f"'{self.out.source(opener)}' is never closed", opener.start_pos,
                            f"add '{_closing_text(opener.type)}' where it should end")
        if toks and toks[0].type == "_LBRACE" and match.get(0) == len(toks) - 1:
            toks[0] = _tok("_SETOPEN", "{", toks[0].start_pos or 0, toks[0].end_pos or 0)


def _before_operand(toks: list[Token], i: int) -> tuple[str, int]:
    """The token kind before the operand that ends at ``i`` (for a POW: before its base),
    and how many signs stand between: each sign wraps one more level (``2^-2^-x``)."""
    j = i - 2 if toks[i].type == "POW" else i - 1
    signs = 0
    while j >= 0 and toks[j].type in ("_MINUS", "_PLUS"):
        j, signs = j - 1, signs + 1
    return (toks[j].type if j >= 0 else ""), signs


def _closing_text(opener_type: str) -> str:
    return {"_RPAR": ")", "_RBRACK": "]", "_RBRACE": "}", "_BARCLOSE": "|", "_RANGLE": ">"}[OPENERS[opener_type]]


def tokenize(text: str, variables: tuple[str, ...], limits: Limits, strict: bool = False,
             functions: tuple[str, ...] = ()) -> Lexed:
    """Learner text -> tokens (ParseError on characters or brackets that can't be read)."""
    return Lexer(text, variables, limits, strict, functions).run()


def _function_power(toks) -> bool:
    """``log^2 2n``: the number after a function's power is its argument, not a second number."""
    return len(toks) >= 3 and toks[-2].type == "POW" and toks[-3].type == "FUNC"
