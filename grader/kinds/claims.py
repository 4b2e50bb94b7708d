"""Kinds of critical points in words, and claims about them ("(1, 1) global minimum").

A learner's kind word is normalised (min, minima, minimiser → minimum); "global" or
"absolute" before minimum or maximum makes it a claim of a global extremum, which
an expected point supports only when the engine proved it (see ``Marked``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import sympy as sp

KIND_WORDS = {
    "minimum": "minimum", "minima": "minimum", "min": "minimum", "minimizer": "minimum", "minimiser": "minimum",
    "maximum": "maximum", "maxima": "maximum", "max": "maximum", "maximizer": "maximum", "maximiser": "maximum",
    "saddle": "saddle", "saddlepoint": "saddle",
    "inconclusive": "inconclusive", "degenerate": "inconclusive", "neither": "inconclusive",
    "undecided": "inconclusive", "unknown": "inconclusive",
}
KIND_RE = re.compile(r"\b(?:(local|relative|global|absolute|strict)\s*)?(" + "|".join(
    sorted(KIND_WORDS, key=len, reverse=True)) + r")(?:\s+point)?\b", re.IGNORECASE)
GLOBAL = {"global", "absolute"}


@dataclass(frozen=True)
class Marked:
    """One point of a set, with the kinds it may be given (expected) or was given (answer).

    A claim of a global extremum is the kind "global minimum" (or maximum); an expected
    point carries it only when the engine proved it, and ``local_only`` names the kinds
    whose global claim the engine disproved (f unbounded below, say).
    """

    point: sp.Tuple
    kinds: frozenset[str] = frozenset()
    local_only: frozenset[str] = frozenset()
    said: str = ""  # the kind as the learner put it ("local minimum"), for the echo
    worded: bool = False  # the kind is the author's word ("minimum"), with no function to analyse


def kind_word(word: str) -> str:
    key = word.lower().replace(" ", "").replace("point", "")
    return KIND_WORDS.get(key, KIND_WORDS.get(word.lower(), "inconclusive"))


def marked_by_words(p: sp.Tuple, words_: str) -> Marked:
    """An expected point with its kind in words: "saddle", "local minimum" (and not a global one),
    "global maximum"."""
    m = KIND_RE.search(words_)
    kind = kind_word(m.group(2) if m else words_)
    scope = ((m.group(1) if m else "") or "").lower()
    if scope in GLOBAL and kind in ("minimum", "maximum"):
        return Marked(p, frozenset({kind, f"global {kind}"}))
    if scope == "local" and kind in ("minimum", "maximum"):
        return Marked(p, frozenset({kind}), frozenset({kind}))
    return Marked(p, frozenset({kind}), worded=True)


def global_claim(given: frozenset[str], e: Marked) -> str | None:
    """A problem with a claim of a global extremum: the kind it wrongly claims global
    (the engine proved the function has none), "unsupported" (the key, in words, says only
    "minimum": a global claim says more than it), "unknown" (not established), or None."""
    for claim in sorted(k for k in given if k.startswith("global ")):
        if claim in e.kinds:
            continue
        kind = claim.removeprefix("global ")
        if kind not in e.kinds:
            return None  # a wrong kind altogether: graded as one
        if kind in e.local_only:
            return kind
        return "unsupported" if e.worded else "unknown"
    return None


def disproved(remarks) -> frozenset[str]:
    """Kinds whose global claim the engine's global analysis refutes."""
    keys = {getattr(r, "key", None) for r in remarks}
    out = set()
    if keys & {"unbounded-below", "no-global-min"}:
        out.add("minimum")
    if keys & {"unbounded-above", "no-global-max"}:
        out.add("maximum")
    return frozenset(out)


def claimed(m: re.Match) -> str:
    kind = kind_word(m.group(2))
    scope = (m.group(1) or "").lower()
    return f"global {kind}" if scope in GLOBAL and kind in ("minimum", "maximum") else kind
