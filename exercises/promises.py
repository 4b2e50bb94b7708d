"""What a prompt or hint promises about answer forms, found in its prose (no grading here).

"The result can also be written $σ(z)(1 − σ(z))$; either form is accepted", "(a decimal
is fine)", "write it as $+ C$", "Write them like (0, 0) saddle": each is a promise to the
learner. :func:`promises` turns them into typed forms: those said to be *accepted* must
grade correct, *samples* of how to write an answer must at least be readable. The
grading is done where the grader lives (``grader.promises``), called by ``bank validate``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_ACCEPTED = re.compile(r"\baccept(?:ed|s)?\b|also be written|either form|\bis (?:also )?fine\b|"
                       r"\bmay (?:also )?(?:write|be written|type|give)\b|also correct", re.IGNORECASE)
_SAMPLE = re.compile(r"\b(?:write|type|enter|give)\b(?: (?:it|them|your answer|the answer|each point))?"
                     r" (?:like|as|such as|in the form|e\.g\.)\s+(?P<rest>.+)$", re.IGNORECASE)
_REFUSED = re.compile(r"\b(?:not|never|no longer)\b(?: be)? (?:accepted|fine|correct)|\bisn't (?:accepted|fine)",
                      re.IGNORECASE)
_MATH = re.compile(r"\$([^$]+)\$")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_DIGITS = re.compile(r"\b(\d+|" + "|".join(_WORDS) + r") significant", re.IGNORECASE)


@dataclass(frozen=True)
class Promise:
    """One form a sentence promises: ``accepted`` ones must grade correct, samples must read."""

    field: str  # "prompt" or "hints[i]"
    sentence: str
    typed: str  # what the learner would type
    accepted: bool


def promises(variant: Any) -> list[Promise]:
    """Every form the variant's prompt and hints promise (parameters already filled in)."""
    texts = [("prompt", variant.prompt)] + [(f"hints[{i}]", h.text) for i, h in enumerate(variant.hints())]
    out: list[Promise] = []
    for fld, text in texts:
        for sentence in _sentences(text):
            out.extend(_forms(fld, sentence, variant))
    return out


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(" ".join(text.split())) if s.strip()]


def _forms(fld: str, sentence: str, variant: Any) -> list[Promise]:
    sample = _SAMPLE.search(sentence)
    if _REFUSED.search(sentence):
        return []  # a form said to be refused is no promise (its grading is the mistakes' business)
    if _ACCEPTED.search(sentence):
        if re.search(r"\bdecimal", sentence, re.IGNORECASE):
            return [Promise(fld, sentence, typed, True) for typed in _decimal(variant, sentence)]
        return [Promise(fld, sentence, _typed(tex, variant), True) for tex in _MATH.findall(sentence)]
    if sample:
        rest = sample.group("rest").rstrip(".")
        pieces = _MATH.findall(rest) or [rest]
        return [Promise(fld, sentence, _typed(p, variant), _is_addition(p)) for p in pieces]
    return []


def _is_addition(tex: str) -> bool:
    return tex.strip()[:1] in ("+", "-")


def _typed(tex: str, variant: Any) -> str:
    """A formula as a learner types it; ``+ C`` after the answer for a promised addition."""
    from exercises.prompt import latex_to_unicode

    text = latex_to_unicode(tex) if "\\" in tex or "{" in tex else tex.strip()
    if not _is_addition(text):
        return text
    if variant.answer_text.replace(" ", "").endswith(text.replace(" ", "")):
        return variant.answer_text  # the typed answer already has it (an antiderivative's + C)
    return f"{variant.answer_text} {text}"


def _decimal(variant: Any, sentence: str) -> list[str]:
    """The answer as a decimal to the digits the sentence names (4 by default)."""
    import sympy as sp

    m = _DIGITS.search(sentence)
    digits = 4 if m is None else int(_WORDS.get(m.group(1).lower(), m.group(1)))
    answer = variant.answer
    values = list(answer) if isinstance(answer, (sp.Tuple, tuple)) else [answer]
    if not all(isinstance(v, sp.Expr) and not v.free_symbols for v in values):
        return []  # only a number (or a vector of numbers) has a decimal form
    try:
        numbers = [sp.Float(sp.N(v, 30), digits) for v in values]
    except (TypeError, ValueError):
        return []
    if not all(n.is_finite for n in numbers):
        return []
    texts = [_decimal_text(n, digits) for n in numbers]
    return [texts[0] if len(texts) == 1 else "(" + ", ".join(texts) + ")"]


def _decimal_text(value: Any, digits: int) -> str:
    return f"{float(value):.{digits}g}"
