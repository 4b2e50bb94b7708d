"""Compile f once: value and gradient in one NumPy function, shared subexpressions computed once.

SymPy is used here, before the loop: to differentiate, to find a constant
Hessian (f quadratic, so the stable learning rates are known exactly), and
afterwards to explain where f stops being defined. The loop sees only NumPy.
"""
from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp

from tutor.engine.descent.errors import BadData, DescentInputError
from tutor.engine.inputs import as_expr, as_symbol, ordered_variables

_MATH_ERRORS = (ArithmeticError, ValueError, TypeError)


@dataclass(frozen=True)
class Problem:
    """f with its compiled value-and-gradient; ``data`` turns it into a sum of per-sample terms."""

    expr: sp.Expr
    variables: tuple[sp.Symbol, ...]
    gradient: tuple[sp.Expr, ...]
    vector_fn: Callable[..., Any]
    scalar_fn: Callable[..., Any] | None
    hessian: np.ndarray | None          # constant Hessian of the whole loss, if f is quadratic
    data_symbols: tuple[sp.Symbol, ...] = ()
    data: np.ndarray | None = None       # (number of data symbols, N)
    reduction: str = "sum"
    label: str | None = None             # a name for f in titles, e.g. "½‖y − Xβ‖²"

    @property
    def n(self) -> int:
        return len(self.variables)

    @property
    def samples(self) -> int:
        return 0 if self.data is None else self.data.shape[1]

    def evaluate(self, P: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Values (k,) and gradients (k, n) at the rows of P (the whole data set if any)."""
        if self.data is not None:
            v, G, _ = self.evaluate_batch(P, None)
            return v, G
        k = P.shape[0]
        out = self.vector_fn(*P.T)
        v = np.empty(k)
        v[:] = out[0]
        G = np.empty((k, self.n))
        for j in range(self.n):
            G[:, j] = out[j + 1]
        return v, G

    def evaluate_batch(self, P: np.ndarray, batch: np.ndarray | None):
        """Full loss and gradient, and the minibatch estimate of the gradient (None: full batch).

        The estimate is scaled so that its expectation over random minibatches is the full gradient.
        """
        k, N = P.shape[0], self.samples
        cols = [c[:, None] for c in P.T]
        out = self.vector_fn(*cols, *(self.data if self.data is not None else ()))
        div = N if self.reduction == "mean" else 1
        v = np.broadcast_to(out[0], (k, N)).sum(axis=1) / div
        G = np.empty((k, self.n))
        Gb = None if batch is None else np.empty((k, self.n))
        for j in range(self.n):
            per = np.broadcast_to(out[j + 1], (k, N))
            G[:, j] = per.sum(axis=1) / div
            if batch is not None and Gb is not None:
                Gb[:, j] = per[:, batch].sum(axis=1) * (N / len(batch)) / div
        return v, G, (G if batch is None else Gb)

    def per_sample_gradients(self, point: np.ndarray) -> np.ndarray:
        """(N, n): the gradient of each sample's term at one point (reduction applied)."""
        cols = [np.full((1, 1), float(c)) for c in point]
        out = self.vector_fn(*cols, *(self.data if self.data is not None else ()))
        div = self.samples if self.reduction == "mean" else 1
        return np.stack([np.broadcast_to(o, (1, self.samples))[0] for o in out[1:]], axis=1) / div

    def scalar(self, p: Sequence[float]) -> tuple[float, list[float]]:
        """Value and gradient at one point with Python floats (NaN where undefined)."""
        if self.scalar_fn is not None:
            try:
                out = self.scalar_fn(*p)
                v, g = float(out[0]), [float(x) for x in out[1:]]
                return v, g
            except _MATH_ERRORS:
                pass
        with np.errstate(all="ignore"):
            vs, G = self.evaluate(np.asarray([p], dtype=float))
        return float(vs[0]), [float(x) for x in G[0]]

    def value_fn(self) -> Callable[..., Any]:
        """A NumPy function of the variables (and data) giving f, for plotting on grids."""
        return sp.lambdify([*self.variables, *self.data_symbols], self.expr, modules="numpy")

    def hessian_at(self, point: Sequence[float]) -> np.ndarray | None:
        """The Hessian at a point (compiled on first use, after the loop), or None if not available."""
        if self.hessian is not None:
            return self.hessian
        fn = self._hessian_fn
        if fn is None:
            return None
        with np.errstate(all="ignore"):
            H = np.array(fn(*[float(v) for v in point]), dtype=float).reshape(self.n, self.n)
        return H if np.all(np.isfinite(H)) else None

    @functools.cached_property
    def _hessian_fn(self):
        if self.data is not None or self.n > 8:
            return None
        real = {s: sp.Symbol(s.name, real=True) for s in self.variables}
        rvars = [real[v] for v in self.variables]
        H = sp.hessian(self.expr.xreplace(real), rvars)
        return sp.lambdify(rvars, H, modules="numpy")

    def describe_undefined(self, point: Sequence[float] | np.ndarray) -> str:
        return why_undefined(self.expr, dict(zip(self.variables, point)), self.gradient)


def build_problem(f: Any, variables: Sequence[Any] | None = None, data: Mapping[Any, Any] | None = None,
                  reduction: str = "sum") -> Problem:
    """Read f (text or SymPy), differentiate it and compile once."""
    expr = as_expr(f, variables)
    if not isinstance(expr, sp.Expr):
        raise DescentInputError(f"descent needs a single expression to minimise, not {type(expr).__name__}")
    data_syms: tuple[sp.Symbol, ...] = ()
    arrays: np.ndarray | None = None
    if data is not None:
        data_syms, arrays = _data_arrays(expr, data)
        if reduction not in ("sum", "mean"):
            raise BadData(f"reduction must be 'sum' or 'mean', not {reduction!r}")
    free = expr.free_symbols - set(data_syms)
    if variables is None:
        vars_ = ordered_variables(expr.xreplace({s: sp.Integer(0) for s in data_syms}))
    else:
        vars_ = tuple(as_symbol(v) for v in variables)
    extra = sorted(free - set(vars_), key=lambda s: s.name)
    if extra:
        names = ", ".join(s.name for s in extra)
        raise DescentInputError(f"f contains {names}, which is neither a variable to optimise nor data; "
                                "give it a value or list it among the variables")
    if not vars_:
        raise DescentInputError("f has no variables to optimise: it is a constant")
    real = {s: sp.Symbol(s.name, real=True) for s in (*vars_, *data_syms)}
    rexpr = expr.xreplace(real)
    rvars = tuple(real[v] for v in vars_)
    rdata = tuple(real[s] for s in data_syms)
    grad = tuple(sp.diff(rexpr, v) for v in rvars)
    if any(g.has(sp.Derivative, sp.Subs) for g in grad):
        raise DescentInputError(f"cannot differentiate f = {_t(expr)} symbolically, so it cannot be descended")
    outputs = [rexpr, *grad]
    vector_fn = sp.lambdify([*rvars, *rdata], outputs, modules="numpy", cse=True)
    scalar_fn = None
    if not rdata:
        try:
            scalar_fn = sp.lambdify(list(rvars), outputs, modules="math", cse=True, printer=_scalar_printer())
        except Exception:  # some functions have no math-module spelling: the NumPy path still works
            scalar_fn = None
    hess = _constant_hessian(grad, rvars, rdata, arrays, reduction)
    back = {r: s for s, r in real.items()}
    return Problem(expr=expr, variables=vars_, gradient=tuple(g.xreplace(back) for g in grad),
                   vector_fn=vector_fn, scalar_fn=scalar_fn, hessian=hess, data_symbols=data_syms,
                   data=arrays, reduction=reduction)


def _scalar_printer():
    """Python-float code that squares as NumPy does (x*x, not pow(x, 2), which can differ in the last bit),
    so one start on floats and the same start among many arrays follow the same path exactly."""
    from sympy.printing.precedence import precedence
    from sympy.printing.pycode import PythonCodePrinter

    class ScalarPrinter(PythonCodePrinter):
        def _print_Pow(self, expr, rational=False):
            if expr.exp == 2:
                base = self.parenthesize(expr.base, precedence(expr), strict=False)
                return f"({base}*{base})"
            return super()._print_Pow(expr, rational=rational)

    return ScalarPrinter({"fully_qualified_modules": False, "inline": True, "allow_unknown_functions": True,
                          "user_functions": {}})


def _data_arrays(expr: sp.Expr, data: Mapping[Any, Any]) -> tuple[tuple[sp.Symbol, ...], np.ndarray]:
    syms, cols = [], []
    for key, values in data.items():
        s = as_symbol(key)
        if s not in expr.free_symbols:
            raise BadData(f"the data column {s.name} does not occur in f = {_t(expr)}")
        arr = np.asarray(values, dtype=float).ravel()
        if not np.all(np.isfinite(arr)):
            raise BadData(f"the data column {s.name} contains values that are not finite numbers")
        syms.append(s)
        cols.append(arr)
    sizes = {len(c) for c in cols}
    if not cols:
        raise BadData("the data set is empty: give at least one column")
    if len(sizes) != 1:
        raise BadData(f"the data columns have different lengths ({', '.join(str(len(c)) for c in cols)})")
    if sizes == {0}:
        raise BadData("the data columns have no rows")
    return tuple(syms), np.stack(cols)


def _constant_hessian(grad, rvars, rdata, arrays, reduction) -> np.ndarray | None:
    """The Hessian as a float matrix when it does not depend on the variables (f quadratic)."""
    n = len(rvars)
    H = np.zeros((n, n))
    for i, g in enumerate(grad):
        for j, v in enumerate(rvars):
            h = sp.diff(g, v)
            if h.free_symbols & set(rvars):
                return None
            if not rdata:
                try:
                    H[i, j] = float(h)
                except (TypeError, ValueError):
                    return None
            else:
                vals = np.broadcast_to(sp.lambdify(list(rdata), h, modules="numpy")(*arrays), arrays.shape[1:])
                H[i, j] = vals.sum() / (arrays.shape[1] if reduction == "mean" else 1)
    if not np.all(np.isfinite(H)):
        return None
    return (H + H.T) / 2


def why_undefined(expr: sp.Expr, point: Mapping[sp.Symbol, float], gradient: Sequence[sp.Expr] = ()) -> str:
    """Name the piece of f that is undefined (or has no derivative) at a point, in words."""
    subs = {s: sp.Float(v) for s, v in point.items()}
    where = ", ".join(f"{s} = {_num(v)}" for s, v in point.items())
    for prefix, exprs in (("", (expr,)), ("the derivative is undefined: ", tuple(gradient))):
        for e in exprs:
            for node in sp.preorder_traversal(e):
                found = _node_problem(node, subs)
                if found:
                    reason, about = found
                    said = about.free_symbols <= set() or (about.is_Symbol and len(point) == 1)
                    return prefix + reason + ("" if said else f" at {where}")
    return f"f or its gradient is not a finite number at {where}"


def corners(expr: sp.Expr, variables: Sequence[sp.Symbol], points: np.ndarray) -> list[str | None]:
    """For each row of ``points``: the corner of some |u| (u = 0) it sits on, in words, or None."""
    out: list[str | None] = [None] * len(points)
    inner = sorted(expr.atoms(sp.Abs), key=sp.default_sort_key)
    if not inner:
        return out
    for node in inner:
        u = node.args[0]
        fn = sp.lambdify(list(variables), u, modules="numpy")
        with np.errstate(all="ignore"):
            vals = np.broadcast_to(np.asarray(fn(*points.T), dtype=complex), (len(points),))
        for i in np.nonzero(vals == 0)[0]:
            if out[i] is None:
                out[i] = f"|{_t(u)}| has a corner where {_t(u)} = 0, so f has no derivative there"
    return out


def _node_problem(node: sp.Basic, subs) -> tuple[str, sp.Expr] | None:
    """(what is wrong, the sub-expression it is about) for one node of f."""
    if isinstance(node, sp.log):
        arg = node.args[0]
        val = _value(arg, subs)
        if val is not None and val <= 0:
            return f"log needs a positive argument, but {_t(arg)} = {_num(val)}", arg
    elif isinstance(node, sp.Pow):
        base, exp = node.args
        val = _value(base, subs)
        if val is None:
            return None
        if exp.is_number and exp.is_negative and val == 0:
            return f"{_t(node)} divides by zero because {_t(base)} = 0", base
        if exp.is_number and not exp.is_integer and val < 0:
            return (f"{_t(node)} takes a fractional power of a negative number: {_t(base)} = {_num(val)}",
                    base)
    elif isinstance(node, (sp.asin, sp.acos)):
        arg = node.args[0]
        val = _value(arg, subs)
        if val is not None and abs(val) > 1:
            return (f"{node.func.__name__} needs an argument between -1 and 1, but {_t(arg)} = {_num(val)}",
                    arg)
    return None


def _t(e: sp.Basic) -> str:
    from tutor.reading.printer import to_text

    return to_text(e)


def _value(e: sp.Expr, subs) -> float | None:
    try:
        z = complex(sp.N(e.xreplace(subs)))
    except (TypeError, ValueError):
        return None
    if abs(z.imag) > 1e-12 * max(1.0, abs(z.real)):
        return None
    return z.real


def _num(x: float) -> str:
    """A float as a short readable number (integers without a trailing .0)."""
    x = float(x)
    if math.isfinite(x) and x == round(x) and abs(x) < 1e15:
        return str(int(x))
    return f"{x:.6g}"
