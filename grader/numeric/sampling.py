"""Sample points on the reference's real domain, seeded from the reference itself.

The pool mixes small "nice" points (used to show a learner where an answer goes
wrong: x = 2 reads better than x = 1.3817), seeded random points at two scales,
positive points for restricted domains (log, √, 1/x), and large-magnitude points
(±10, ±100, ±1000, as KAS does, and ±10⁵ for one variable) so that answers differing only far out are
caught. Points where the reference is undefined are dropped; when too few
remain, more are drawn around the points that worked.

Everything is computed once per (reference, variables) and cached.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property, lru_cache
from typing import Any

import numpy as np
import sympy as sp

from grader.numeric.magnitude import decimal_magnitude, evaluate_with_magnitude

NICE = tuple(Fraction(v) for v in ("2", "-1", "3", "1/2", "-2", "5/2", "-1/2", "3/2", "-3", "4", "1/4", "-3/2"))
LARGE = (10.0, 100.0, 1000.0)
FARTHER = (1e5,)  # one variable only: |x + 1000| - 1000 and |x + 1001| - 1001 part at x < -1000
TOO_BIG = 1e100  # values beyond this are treated as overflow, not evidence
ENOUGH = 8  # below this many valid points, search for more
WEAK = 4  # below this many, numeric evidence alone is not trusted


@dataclass(frozen=True)
class Sample:
    """The reference evaluated at its chosen points."""

    variables: tuple[sp.Symbol, ...]
    points: np.ndarray  # (k, n) floats
    exact: tuple[tuple[Fraction, ...] | None, ...]  # exact coordinates of nice points, else None
    values: np.ndarray  # (k,)
    mags: np.ndarray  # (k,) rounding magnitudes of the reference
    seed: bytes
    env: dict = field(repr=False, compare=False, default_factory=dict)
    expr: sp.Basic = field(repr=False, compare=False, default=sp.S.Zero)

    def decimals(self, per_digit: bool = True) -> np.ndarray:
        """Decimal magnitudes of the reference itself (non-zero only if it holds decimals)."""
        key = "_dec_digit" if per_digit else "_dec_rel"
        cached = self.__dict__.get(key)
        if cached is None:
            raw = decimal_magnitude(self.expr, self.env, per_digit) if self.size else np.zeros(0)
            cached = np.broadcast_to(np.asarray(raw, dtype=float), self.values.shape)
            self.__dict__[key] = cached
        return cached

    @property
    def size(self) -> int:
        return len(self.values)

    @cached_property
    def far(self) -> np.ndarray:
        """Points far out (|coordinate| ≥ 30), where an answer may overflow without being wrong."""
        if self.points.shape[1] == 0:
            return np.zeros(self.size, dtype=bool)
        return np.max(np.abs(self.points), axis=1) >= 30.0

    @cached_property
    def nowhere_open(self) -> bool:
        """Real only at isolated points ((−1)^x at the integers): no open set of real values.

        Such a reference is a complex function that happens to be real at its sample
        points; agreeing there says little (cos(πx) against (−1)^x).
        """
        if self.size == 0 or not self.variables:
            return False
        from grader.numeric.evaluate import evaluate

        rng = _rng(self.seed + b"|open|")
        near = np.repeat(self.points, 3, axis=0)
        near = near + rng.uniform(-1.0, 1.0, near.shape) * np.maximum(np.abs(near), 1.0) * 1e-3
        with np.errstate(all="ignore"):
            values = evaluate(self.expr, {v: near[:, j] for j, v in enumerate(self.variables)})
        return not bool(np.isfinite(np.asarray(values, dtype=float)).any())

    @property
    def weak(self) -> bool:
        return self.size < WEAK

    def env_with(self, symbols) -> dict:
        """The point values, extended with seeded values for variables the reference lacks."""
        missing = [s for s in symbols if s not in self.env]
        if not missing:
            return self.env
        env = dict(self.env)
        for s in missing:
            rng = _rng(self.seed + b"|extra|" + s.name.encode())
            env[s] = rng.uniform(-3.0, 3.0, self.size)
        return env


def _rng(seed: bytes) -> np.random.Generator:
    digest = hashlib.blake2b(seed, digest_size=16).digest()
    return np.random.default_rng(int.from_bytes(digest, "big"))


def seed_of(expr: sp.Basic, variables: tuple[sp.Symbol, ...]) -> bytes:
    """The sample's seed: the same reference gets the same points on every machine and run.

    Derived from ``proof_seed`` (a hash of the tree's nodes in SymPy's canonical argument
    order), so a reference's tree is walked once for both; ``srepr``, hashed here before,
    re-sorted every sum for printing and cost several times more.
    """
    return hashlib.blake2b(b"sample|" + proof_seed(expr, variables), digest_size=16).digest()


@lru_cache(maxsize=4096)
def proof_seed(expr: sp.Basic, variables: tuple[sp.Symbol, ...]) -> bytes:
    """A stable seed for an exact proof (the modular fingerprint), hashed from the tree itself
    (class names, symbol names, exact numbers, in SymPy's canonical argument order, which
    does not depend on ``PYTHONHASHSEED``); ``seed_of`` derives the sample's seed from it.
    """
    out: list[str] = []
    _shape(expr, out)
    text = "proof|" + " ".join(out) + "|" + ",".join(v.name for v in variables)
    return hashlib.blake2b(text.encode(), digest_size=16).digest()


def _shape(e: Any, out: list[str]) -> None:
    """A token per node of ``e``, in preorder, with brackets around the arguments."""
    if not isinstance(e, sp.Basic):
        out.append(repr(e))
        return
    args = e.args
    if args:
        out.append(type(e).__name__ + "(")
        for a in args:
            _shape(a, out)
        out.append(")")
    elif e.is_Symbol:
        out.append("$" + e.name)
    elif e.is_Rational:
        out.append(f"{e.p}/{e.q}")
    elif e.is_Float:
        out.append(f"F{e._mpf_}")
    else:  # pi, E, I, oo, ... (and anything else, as printed)
        out.append(type(e).__name__ + ":" + str(e))


Pool = tuple[tuple[str, ...], np.ndarray, tuple]  # categories, coordinates (k, n), exact coordinates or None


def _pool(n: int, rng: np.random.Generator) -> Pool:
    """Candidate points by category, as arrays (no row objects: the pool is drawn for every reference).

    The random blocks are drawn as one array: NumPy fills an array from the same stream, in
    the same order, as the row-by-row draws it replaces (same points, less overhead).
    """
    layout = _layout(n)
    # moderate (two scales), positive: low + (high − low)·u is what rng.uniform(low, high) computes,
    # without its checks of array bounds
    drawn = _DRAWN_LO + _DRAWN_RANGE * rng.uniform(0.0, 1.0, (len(_DRAWN_LO), n))
    return layout.cats, np.concatenate([layout.nice, drawn, _large(n, rng) if n > 1 else layout.large]), layout.exact


@dataclass(frozen=True)
class _Layout:
    """What the pool for n variables holds apart from its random draws."""

    cats: tuple[str, ...]
    exact: tuple
    nice: np.ndarray  # (8, n)
    large: np.ndarray  # (8, 1) for one variable: ±10 … ±10⁵; drawn for several


@lru_cache(maxsize=8)
def _layout(n: int) -> _Layout:
    rows = [tuple(NICE[(i + 5 * j) % len(NICE)] for j in range(n)) for i in range(8)]  # nice point i, coord. j
    fixed = [s * m for m in LARGE + FARTHER for s in (1, -1)] if n == 1 else []
    cats = ("nice",) * 8 + ("moderate",) * 14 + ("positive",) * len(_POSITIVE_LO) + ("large",) * (8 if n == 1 else 15)
    exact = (*rows, *(None,) * (14 + len(_POSITIVE_LO)), *((Fraction(int(m)),) for m in fixed),
             *(None,) * (0 if n == 1 else 15))
    return _Layout(cats, exact, np.array([[float(c) for c in r] for r in rows]).reshape(8, n),
                   np.array(fixed, dtype=float).reshape(len(fixed), 1))


def _large(n: int, rng: np.random.Generator) -> np.ndarray:
    """Far-out points for several variables, five for each of ±10, ±100, ±1000: two with every
    coordinate about ±m (random signs), two with one coordinate ±m and the others moderate, one
    with every coordinate about +m (log-like domains). Drawn as three arrays of uniform numbers
    (signs and the far coordinate too: one call to ``rng.integers`` costs as much as the pool)."""
    scale = rng.uniform(0.9, 1.1, (len(LARGE), 3, n))
    one_far = rng.uniform(-3.0, 3.0, (len(LARGE), 2, n))
    u = rng.uniform(0.0, 1.0, (len(LARGE), 2, n + 2))  # signs of the rows about ±m; which coordinate, its sign
    signs = _SIGNS[(u[..., :n] >= 0.5).astype(int)]
    where = (u[..., n] * n).astype(int)  # (u < 1, so < n)
    far_sign = _SIGNS[(u[..., n + 1] >= 0.5).astype(int)]
    one_far[_ROWS, _COLS, where] = far_sign * _M[:, :, 0]
    return np.concatenate([signs * _M * scale[:, :2], one_far, _M * scale[:, 2:]], axis=1).reshape(-1, n)


_M = np.array(LARGE)[:, None, None]
_ROWS, _COLS = np.indices((len(LARGE), 2))


_SIGNS = np.array([-1.0, 1.0])
_POSITIVE = ((0.05, 1.0, 3), (0.1, 4.0, 4), (1.0, 10.0, 2))  # (low, high, count) of positive points
_POSITIVE_LO = np.repeat([lo for lo, _, _ in _POSITIVE], [c for _, _, c in _POSITIVE])
_POSITIVE_HI = np.repeat([hi for _, hi, _ in _POSITIVE], [c for _, _, c in _POSITIVE])
_DRAWN_LO = np.concatenate([[-3.0] * 10, [-10.0] * 4, _POSITIVE_LO])[:, None]
_DRAWN_RANGE = np.concatenate([[3.0] * 10, [10.0] * 4, _POSITIVE_HI])[:, None] - _DRAWN_LO


_LATTICE = tuple(Fraction(v) for v in ("-2", "1/2", "2", "1/3", "3", "-1/2"))


def _lattice(expr: sp.Basic, variables: tuple[sp.Symbol, ...]) -> tuple[tuple, np.ndarray] | None:
    """Exact points where a power with a variable exponent may be real at a negative base.

    a^(bc) is real at a = −2 only where bc is an integer (b = 2, c = 1/2): there
    (a^b)^c = 2 and a^(bc) = −2, a difference random points never meet. Only for
    references with such a power, of a few variables; points with a fraction first.
    """
    if not 2 <= len(variables) <= 3 or not any(
            p.is_Pow and p.exp.free_symbols and not p.base.is_positive for p in expr.atoms(sp.Pow)):
        return None
    return _lattice_points(len(variables))


@lru_cache(maxsize=4)
def _lattice_points(n: int) -> tuple[tuple, np.ndarray]:
    """The lattice for n variables (exact, and as floats), points with a fraction first."""
    from itertools import product

    exact = tuple(sorted(product(_LATTICE, repeat=n),
                         key=lambda c: (all(x.denominator == 1 for x in c), [_LATTICE.index(x) for x in c])))
    return exact, np.array(exact, dtype=float)


_CAPS = {"nice": 6, "moderate": 8, "positive": 3, "large": 6, "extra": 8, "lattice": 4}
_CAPS_ONE = {**_CAPS, "large": 6 + 2 * len(FARTHER)}  # one variable: ±10 … ±10⁵


def _search_more(n: int, rng: np.random.Generator, found: np.ndarray) -> np.ndarray:
    """More candidates for a narrow domain: four near each point that worked, then six in each
    small box (drawn as one array each, in the order of the loops they replace)."""
    near = found[:, None, :] + rng.uniform(-0.5, 0.5, (len(found), 4, n)) * \
        np.maximum(np.abs(found) * 0.2, 0.05)[:, None, :]
    boxes = rng.uniform(_BOX_LO, _BOX_HI, (len(_BOX_LO), 6, n))
    return np.concatenate([near.reshape(-1, n), boxes.reshape(-1, n)])


_BOXES = ((-1.0, 1.0), (0.0, 0.25), (0.9, 1.1), (-0.25, 0.0), (2.5, 3.5), (-10.0, 10.0))
_BOX_LO = np.array([lo for lo, _ in _BOXES])[:, None, None]
_BOX_HI = np.array([hi for _, hi in _BOXES])[:, None, None]


def _evaluate_points(expr: sp.Basic, variables: tuple[sp.Symbol, ...], pts: np.ndarray):
    env = {v: pts[:, j] for j, v in enumerate(variables)}
    values, mags = evaluate_with_magnitude(expr, env)
    values, mags = _full(values, len(pts)), _full(mags, len(pts))
    ok = np.isfinite(values) & (np.abs(values) < TOO_BIG)
    return values, mags, ok


def _full(values: Any, k: int) -> np.ndarray:
    """``values`` as k floats (a constant is broadcast)."""
    if type(values) is np.ndarray and values.shape == (k,) and values.dtype == float:
        return values
    return np.broadcast_to(np.asarray(values, dtype=float), (k,))


@lru_cache(maxsize=4096)
def sample(expr: sp.Basic, variables: tuple[sp.Symbol, ...]) -> Sample:
    """Evaluate ``expr`` on its seeded pool and keep valid points (raises ``Unsupported``)."""
    seed = seed_of(expr, variables)
    n = len(variables)
    if n == 0:
        values, mags = evaluate_with_magnitude(expr, {})
        values = np.atleast_1d(np.asarray(values, dtype=float))
        mags = np.atleast_1d(np.asarray(mags, dtype=float))
        ok = np.isfinite(values)
        k = int(ok.sum())
        return Sample((), np.zeros((k, 0)), ((),) * k, values[ok], mags[ok], seed, {}, expr)
    rng = _rng(seed)
    pool = _Pool(expr, variables, _pool(n, rng))
    lattice = _lattice(expr, variables)
    if lattice is not None:
        pool.add("lattice", lattice[1], lattice[0])
    caps = _CAPS_ONE if n == 1 else _CAPS
    chosen = _choose(pool.cats, pool.ok, caps)
    if len(chosen) < ENOUGH:
        pool.add("extra", _search_more(n, rng, pool.pts[pool.ok][:6]))
        chosen = _choose(pool.cats, pool.ok, caps)
    if len(chosen) < ENOUGH and n == 1:
        # a narrow interval that every random point missed (asin(x − 5)): a grid does not miss it
        hits = pool.add("extra", _GRID)
        if len(hits):  # and within a grid step of the (first six) hits
            pool.add("extra", np.repeat(hits[:6], 8, axis=0) + rng.uniform(-_STEP, _STEP, (8 * len(hits[:6]), 1)))
        chosen = _choose(pool.cats, pool.ok, caps)
    idx = np.array(chosen, dtype=int)
    chosen_pts = pool.pts[idx] if len(idx) else np.zeros((0, n))
    env = {v: np.ascontiguousarray(chosen_pts[:, j]) for j, v in enumerate(variables)}
    exact = tuple(pool.exact[i] for i in chosen)
    return Sample(variables, chosen_pts, exact, pool.values[idx], pool.mags[idx], seed, env, expr)


_STEP = 0.25
_GRID = np.arange(-40, 41)[:, None] * _STEP  # −10 … 10 in steps of ¼


class _Pool:
    """Candidate points and the reference's values there, grown in rounds."""

    def __init__(self, expr: sp.Basic, variables: tuple[sp.Symbol, ...], pool: Pool) -> None:
        self.expr, self.variables = expr, variables
        self.cats, self.pts, self.exact = pool
        self.values, self.mags, self.ok = _evaluate_points(expr, variables, self.pts)

    def add(self, cat: str, pts: np.ndarray, exact: tuple | None = None) -> np.ndarray:
        """Evaluate more candidates of one category; the valid ones among them."""
        values, mags, ok = _evaluate_points(self.expr, self.variables, pts)
        self.cats = self.cats + (cat,) * len(pts)
        self.exact = self.exact + (exact if exact is not None else (None,) * len(pts))
        self.pts = np.concatenate([self.pts, pts])
        self.values, self.mags, self.ok = (np.concatenate([self.values, values]),
                                           np.concatenate([self.mags, mags]), np.concatenate([self.ok, ok]))
        return pts[ok]


def _choose(cats: tuple[str, ...], ok: np.ndarray, caps: dict) -> list[int]:
    """The valid candidates, in order, up to each category's cap."""
    taken = dict.fromkeys(caps, 0)
    chosen = []
    for i in np.flatnonzero(ok).tolist():
        cat = cats[i]
        if taken[cat] < caps[cat]:
            taken[cat] += 1
            chosen.append(i)
    return chosen


@lru_cache(maxsize=8)
def most_points(n: int) -> int:
    """The most points ``sample`` can keep for n variables, whatever the expression: each category's
    cap or its number of candidates, the lattice's cap where it may apply, and no fewer than a
    search for more can find."""
    cats = _layout(n).cats
    caps = _CAPS_ONE if n == 1 else _CAPS
    found = sum(min(caps[c], cats.count(c)) for c in set(cats)) + (caps["lattice"] if 2 <= n <= 3 else 0)
    return max(found, ENOUGH - 1 + caps["extra"])
