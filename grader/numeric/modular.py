"""Exact equality of rational expressions by evaluation modulo a large prime.

Two rational functions over Q are equal exactly when they agree at random points
modulo a prime p, up to a chance of at most degree/p per point (Schwartz–Zippel);
with p = 2⁶¹ − 1 and two points that chance is far below one in 10¹⁵. It costs
microseconds and, unlike floating point, sees a coefficient changed by 10⁻²⁰.

Subtrees that are not rational (``sin x``, ``√x``, ``eˣ``) are treated as
independent unknowns keyed by their structure: agreement then still proves
equality (a polynomial identity in the unknowns holds for any values), but
disagreement proves nothing, because ``sin 2x`` and ``2 sin x cos x`` are
different unknowns that happen to be equal.
"""
from __future__ import annotations

import hashlib

import sympy as sp

P = (1 << 61) - 1


class _Pole(Exception):
    """A denominator vanished modulo p at this point."""


class _NotExact(Exception):
    """A float inside: no exact statement is possible."""


def _draw(seed: bytes, label: bytes) -> int:
    digest = hashlib.blake2b(seed + b"|" + label, digest_size=8).digest()
    return int.from_bytes(digest, "big") % P


class _Walk:
    """Values of variables (by name) and of opaque subtrees (in order of meeting) at one point."""

    __slots__ = ("seed", "env", "opaque")

    def __init__(self, seed: bytes, env: dict | None = None):
        self.seed = seed
        self.env = {} if env is None else env
        self.opaque = False

    def symbol(self, s: sp.Symbol) -> int:
        value = self.env.get(s)
        if value is None:
            value = self.env[s] = _draw(self.seed, s.name.encode())
        return value

    def unknown(self, e: sp.Basic) -> int:
        self.opaque = True
        value = self.env.get(e)
        if value is None:
            value = self.env[e] = _draw(self.seed, b"#%d" % len(self.env))
        return value


def _inv(a: int) -> int:
    a %= P
    if a == 0:
        raise _Pole
    return pow(a, P - 2, P)


def _mod(e: sp.Basic, w: _Walk) -> int:
    t = type(e)
    if t is sp.Add:
        total = 0
        for a in e.args:
            total += _mod(a, w)
        return total % P
    if t is sp.Mul:
        prod = 1
        for a in e.args:
            prod = prod * _mod(a, w) % P
        return prod
    if e.is_Symbol:
        return w.symbol(e)
    if e.is_Integer:
        return int(e) % P
    if e.is_Rational:
        return e.p % P * _inv(e.q) % P
    if t is sp.Pow and e.exp.is_Integer:
        n = int(e.exp)
        b = _mod(e.base, w)
        return pow(b, n, P) if n >= 0 else pow(_inv(b), -n, P)
    if e.is_Float:
        raise _NotExact
    return w.unknown(e)


class Fingerprint:
    """The reference's values at a few points mod p, ready to compare answers against."""

    def __init__(self, reference: sp.Basic, seed: bytes = b"", points: int = 2):
        self.points: list[tuple[bytes, int, dict, bool]] = []
        for attempt in range(points + 4):
            w = _Walk(seed + b"%d" % attempt)
            try:
                value = _mod(reference, w)
            except (_Pole, RecursionError):
                continue
            except _NotExact:
                self.points = []
                return
            self.points.append((w.seed, value, w.env, w.opaque))
            if len(self.points) == points:
                break

    def compare(self, answer: sp.Basic) -> bool | None:
        """True: equal (proved, up to a negligible chance). False: proved different.
        None: no conclusion (opaque subtrees differ, floats, or poles everywhere)."""
        if not self.points:
            return None
        agreed = 0
        for seed, value, env, opaque in self.points:
            w = _Walk(seed, dict(env))
            w.opaque = opaque
            try:
                got = _mod(answer, w)
            except (_Pole, RecursionError):
                continue
            except _NotExact:
                return None
            if got != value:
                return None if w.opaque else False
            agreed += 1
        return True if agreed == len(self.points) and agreed > 0 else None


def fingerprint_equal(a: sp.Basic, b: sp.Basic, seed: bytes = b"") -> bool | None:
    """One-off comparison (see :class:`Fingerprint`)."""
    return Fingerprint(a, seed).compare(b)
