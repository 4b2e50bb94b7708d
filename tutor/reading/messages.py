"""Turn the LALR parser's "unexpected token" into a message a student understands.

Each case names what is wrong with the student's own symbols, points the caret
at the place to fix, and suggests what to type instead.
"""
from __future__ import annotations

from lark import Token
from lark.exceptions import UnexpectedInput, UnexpectedToken

from tutor.reading.errors import ParseError
from tutor.reading.lexer import CLOSERS, OPENERS, Lexed

BINARY = {"_PLUS", "_MINUS", "_TIMES", "_DIV", "POW", "EQ", "_COMMA"}
_OPERAND_EXAMPLE = {"_PLUS": "2x + 1", "_MINUS": "2x - 1", "_TIMES": "2 * x", "_DIV": "1 / x",
                    "POW": "x^2", "EQ": "y = 2x", "_COMMA": "(1, 2)"}
_PREFIX = {"ROOT", "_TSQRT", "_FRAC"}
_LIST_FOLLOW = {"_COMMA", "_RPAR", "_RBRACK", "_RBRACE", "_RANGLE", "$END"}


def explain_unexpected(exc: UnexpectedInput, lexed: Lexed) -> ParseError:
    text = lexed.text
    tok = getattr(exc, "token", None)
    if not isinstance(exc, UnexpectedToken) or tok is None:
        return ParseError("could not read this", text, 1, "check the brackets and operators")
    toks = lexed.tokens
    at_end = tok.type == "$END"
    idx = len(toks) if at_end else lexed.index.get(tok.start_pos, len(toks))
    prev = toks[idx - 1] if idx > 0 else None
    src = lexed.source

    def err(message: str, where: Token | None, hint: str | None) -> ParseError:
        column = len(text) + 1 if where is None or where.column is None else where.column
        return ParseError(message, text, column, hint)

    if at_end:
        return _at_end(prev, src, err)
    kind = tok.type
    if kind == "DNE" or (prev is not None and prev.type == "DNE"):
        return err("DNE must stand alone", tok if kind == "DNE" else prev,
                   "type just DNE, or DNE as one item of a list such as (DNE, 2)")
    if prev is not None and prev.type == "FUNC" and _in_exponent(toks, idx - 1):
        name = prev.value
        return err("a function in an exponent needs brackets", prev,
                   f"bracket the function and its argument, e.g. e^({name} x) or e^{name}(x)")
    if prev is not None and prev.type == "FUNC" and (kind in BINARY or kind in CLOSERS):
        return _needs_argument(prev, err)
    if kind in CLOSERS and prev is not None and prev.type in OPENERS:
        before = toks[idx - 2] if idx >= 2 else None
        if before is not None and before.type == "FUNC":
            return _needs_argument(before, err)
        return err(f"nothing inside '{src(prev)}{src(tok)}'", prev, "put an expression inside the brackets")
    if kind in CLOSERS and prev is not None and prev.type in BINARY:
        return _needs_operand(prev, src, err)
    if kind == "_COMMA" and lexed.depths[idx] > 0:
        called = _called_word(lexed, idx)
        if called is not None:
            word, first = called
            return err(f"unknown function '{word}'", first,
                       "the functions of several arguments are log(b, x), min(…), max(…), binomial(n, k), "
                       "nthroot(x, n) and atan2(y, x); "
                       "to multiply, put * between the factors")
    if kind == "_COMMA" and lexed.depths[idx] == 0:
        return err("a comma can only separate items inside brackets", tok,
                   "write a point as (1, 2) and several answers as {1, 2}; write 1000, not 1,000")
    if kind == "EQ":
        if any(t.type == "EQ" for t in toks[:idx]):
            return err("only one '=' is allowed", tok, "write a single equation, such as y = 2x + 1")
        if lexed.depths[idx] > 0:
            return err("an equation can't go inside brackets or a list", tok,
                       "write the equation on its own, such as x + 2y = 3")
        if prev is not None:
            return err("'=' can't go here: both sides of an equation must be expressions", tok,
                       "write an equation such as x + 2y = 3")
    if kind in BINARY or kind == "BANG":
        if prev is None:
            return err(f"'{src(tok)}' needs something before it", tok,
                       f"for example {_OPERAND_EXAMPLE.get(kind, 'x!')}")
        if prev.type in BINARY or prev.type in _PREFIX:
            return _two_operators(prev, tok, src, err)
        if prev.type in OPENERS:
            return err(f"'{src(tok)}' can't come right after '{src(prev)}'", tok,
                       "something is missing before it")
    if kind in ("_PLUS", "_MINUS") and prev is not None and prev.type == "POW":
        return _two_operators(prev, tok, src, err)
    if prev is not None and prev.type in _PREFIX and (kind in BINARY or kind in CLOSERS):
        return err(f"'{src(prev)}' needs something after it", prev, "for example √x or \\sqrt{x}")
    if kind == "SUP" and (prev is None or prev.type in BINARY or prev.type in OPENERS):
        return err(f"'{src(tok)}' needs something before it", tok, "for example x²")
    if prev is not None and prev.type == "POW" and idx >= 2 and toks[idx - 2].type == "FUNC":
        name = toks[idx - 2].value
        return err(f"the power of {name} must be a number or a letter", tok,
                   f"for example {name}^2(x), {name}^n(x) or ({name} x)^(2k)")
    expected = set(getattr(exc, "expected", ()) or ())
    if prev is not None and prev.type in CLOSERS and expected and expected <= _LIST_FOLLOW:
        return err(f"'{src(tok)}' can't follow a point or list", tok,
                   "separate items with commas, e.g. {(0, 0), (1, 2)}; points can't be multiplied or added")
    if kind in OPENERS and prev is not None and prev.type == "FUNC" and kind != "_LPAR":
        return _needs_argument(prev, err)
    if kind == "_LANGLE":
        return err("'<' starts a vector such as <1, 2>", tok,
                   "inequalities are not supported here; to multiply by a vector, write its entries")
    if kind in ("_LPAR", "_LBRACK", "_SETOPEN", "_LBRACE") and lexed.depths[idx] <= 1 and _inside_list(lexed, idx):
        return err(f"'{src(tok)}' can't start here", tok, "a list or point can't be multiplied or nested this way")
    return err(f"unexpected '{src(tok)}' here", tok, _generic_hint(exc))


def _called_word(lexed: Lexed, idx: int) -> tuple[str, Token] | None:
    """``gcd(4, 6)``: the letters written right before the bracket that holds this comma, if any."""
    toks, depth = lexed.tokens, lexed.depths[idx]
    j = idx - 1
    while j >= 0 and not (toks[j].type == "_LPAR" and lexed.depths[j] == depth):
        j -= 1
    k = j
    while k > 0 and toks[k - 1].type in ("NAME", "FUNC", "CONST", "NUMBER") and toks[k - 1].end_pos == toks[k].start_pos:
        k -= 1
    if j <= 0 or k == j:
        return None
    word = lexed.text[toks[k].start_pos:toks[j].start_pos]
    if len(word) < 2 or not word[0].isalpha():
        return None
    return word, toks[k]


def _in_exponent(toks: list[Token], i: int) -> bool:
    """Is token i right after '^' (signs allowed in between)?"""
    i -= 1
    while i >= 0 and toks[i].type in ("_MINUS", "_PLUS"):
        i -= 1
    return i >= 0 and toks[i].type == "POW"


def _at_end(prev: Token | None, src, err) -> ParseError:
    if prev is None:
        return err("the answer is empty", None, "type an expression, such as 2x + 1")
    if prev.type in BINARY:
        return _needs_operand(prev, src, err)
    if prev.type == "FUNC":
        return _needs_argument(prev, err)
    if prev.type in _PREFIX:
        return err(f"'{src(prev)}' needs something after it", prev, "for example √x or \\sqrt{x}")
    return err("the answer ends too early", None, "check that nothing is missing at the end")


def _needs_operand(op: Token, src, err) -> ParseError:
    if op.type == "EQ":
        return err("'=' needs something on its right", op, "write both sides, such as y = 2x + 1")
    if op.type == "_COMMA":
        return err("a comma needs an item after it", op, "remove the comma or add the missing item")
    return err(f"'{src(op)}' needs something after it", op,
               f"finish the expression, for example {_OPERAND_EXAMPLE[op.type]}")


def _needs_argument(func: Token, err) -> ParseError:
    name = str(func.value).lstrip("@")
    if name.startswith("log_"):
        return err(f"log base {name[4:]} needs an argument", func, f"write log_{name[4:]}(x)")
    return err(f"{name} needs an argument", func, f"write {name}(x) or {name} x")


def _two_operators(prev: Token, tok: Token, src, err) -> ParseError:
    a, b = src(prev), src(tok)
    hint = "something is missing between them"
    if prev.type == "POW" and tok.type == "POW":
        hint = "write a single ^ for a power, such as x^2"
    elif prev.type == "POW" and tok.type in ("_TIMES", "_DIV"):
        hint = "a power needs its exponent right after ^, such as x^2"
    return err(f"'{b}' can't follow '{a}'", tok, hint)


def _inside_list(lexed: Lexed, idx: int) -> bool:
    return idx > 0 and lexed.tokens[idx - 1].type in ("_RPAR", "_RBRACK", "_RANGLE", "_RBRACE")


def _generic_hint(exc: UnexpectedToken) -> str:
    expected = set(exc.expected or ())
    if expected & {"NUMBER", "NAME", "_LPAR"}:
        return "something is missing before it"
    if expected & {"_PLUS", "_TIMES", "_RPAR"}:
        return "an operator such as + or * may be missing before it"
    return "check the brackets and operators around it"
