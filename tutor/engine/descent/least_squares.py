"""Least squares as the course builds it: loss ‖y − Xβ‖², its gradient, the normal equations.

The data become exact rationals (each float's decimal value), so XᵀX, Xᵀy
and the loss's coefficients are exact; the solution is exact when the
normal equations solve in time, and a float solve otherwise (said so).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp

from tutor.engine.bounded import Unfinished, bounded
from tutor.engine.descent.errors import BadData
from tutor.render import Doc, Line, Step, line
from tutor.render.doc import display
from tutor.render.mixin import Rendered, jsonable

_EXACT_LIMIT = 20_000   # entries of X above which the products are done in floats


@dataclass(frozen=True, eq=False)
class LeastSquares(Rendered):
    """The loss scale·‖y − Xβ‖² in β, ready for ``descend`` (pass the object itself as f)."""

    X: np.ndarray
    y: np.ndarray
    variables: tuple[sp.Symbol, ...]
    loss: sp.Expr
    gradient: tuple[sp.Expr, ...]
    XtX: sp.Matrix
    Xty: sp.Matrix
    solution: tuple[sp.Expr, ...] | None   # exact if ``exact``, else Floats; None if XᵀX is singular
    exact: bool
    scale: sp.Rational
    eigenvalues: tuple[float, ...]         # of the Hessian 2·scale·XᵀX

    @property
    def beta_hat(self) -> np.ndarray | None:
        """The normal-equation solution as floats."""
        return None if self.solution is None else np.array([float(v) for v in self.solution])

    @property
    def stable_bound(self) -> float | None:
        """Gradient descent on this loss is stable exactly for 0 < η < 2/λ_max."""
        top = self.eigenvalues[-1] if self.eigenvalues else 0.0
        return 2 / top if top > 0 else None

    @property
    def label(self) -> str:
        """The loss as the course writes it."""
        if self.scale == 1:
            return "‖y − Xβ‖²"
        return "½‖y − Xβ‖²" if self.scale == sp.Rational(1, 2) else f"{self.scale}·‖y − Xβ‖²"

    def descent_problem(self) -> tuple[sp.Expr, tuple[sp.Symbol, ...]]:
        return self.loss, self.variables

    def sample_term(self) -> tuple[sp.Expr, dict[str, np.ndarray], tuple[sp.Symbol, ...]]:
        """(one sample's term, data columns, variables): for stochastic descent over the rows."""
        xs = sp.symbols(f"x0:{self.X.shape[1]}")
        ys = sp.Symbol("y")
        term = self.scale * (ys - sum(b * x for b, x in zip(self.variables, xs))) ** 2
        data = {x.name: self.X[:, j] for j, x in enumerate(xs)}
        data["y"] = self.y
        return term, data, self.variables

    def descend(self, start: Any, lr: Any, steps: Any, **kwargs: Any):
        from tutor.engine.descent.api import descend

        return descend(self, start, lr, steps, **kwargs)

    def doc(self) -> Doc:
        n, p = self.X.shape
        half = self.scale == sp.Rational(1, 2)
        loss_name = self.label
        grad_name = "XᵀXβ − Xᵀy" if half else ("2XᵀXβ − 2Xᵀy" if self.scale == 1 else
                                               f"{2 * self.scale}·(XᵀXβ − Xᵀy)")
        beta = sp.Matrix(self.variables)
        nodes: list[Any] = [
            Line((f"{n} data points, {p} parameters β = ({', '.join(v.name for v in self.variables)}).",)),
            Step(Line((f"Loss L(β) = {loss_name}, expanded:",)), (display(_shown(self.loss)),)),
            Step(Line((f"Gradient ∇L(β) = {grad_name}:",)),
                 tuple(line(f"∂L/∂{v.name} =", _shown(g)) for v, g in zip(self.variables, self.gradient))),
            Step(Line(("Setting the gradient to 0 gives the normal equations XᵀXβ = Xᵀy:",)),
                 tuple(display(sp.Eq(_shown(lhs), _shown(rhs), evaluate=False))
                       for lhs, rhs in zip(self.XtX * beta, self.Xty))),
        ]
        if self.solution is None:
            nodes.append(Line(("XᵀX is singular (the columns of X are dependent), so there is no unique "
                               "minimiser.",)))
        else:
            kind = "exactly" if self.exact else "in floating point"
            vals = ", ".join(f"{v.name} = {float(s):.10g}" for v, s in zip(self.variables, self.solution))
            nodes.append(Line((f"Solved {kind}: {vals}.",)))
        if self.stable_bound is not None:
            lam = ", ".join(f"{x:.6g}" for x in self.eigenvalues)
            hess = "XᵀX" if 2 * self.scale == 1 else f"{2 * self.scale}·XᵀX"
            nodes.append(Line((f"The Hessian {hess} has eigenvalues {lam}, so gradient descent is "
                               f"stable exactly for 0 < η < 2/λ_max ≈ {self.stable_bound:.4g}.",)))
        if half:
            nodes.append(Line(("With the factor ½, the gradient is XᵀXβ − Xᵀy: the gradient the course's "
                               "code computes. For ‖y − Xβ‖² itself the gradient is twice that, and the "
                               "stable learning rates are half as large.",)))
        return Doc(line("Least squares"), tuple(nodes))

    def to_dict(self) -> dict[str, Any]:
        return {"type": "LeastSquares", "variables": [v.name for v in self.variables],
                "loss": jsonable(self.loss), "gradient": jsonable(list(self.gradient)),
                "XtX": jsonable(self.XtX.tolist()), "Xty": jsonable(list(self.Xty)),
                "solution": None if self.solution is None else [float(v) for v in self.solution],
                "exact": self.exact, "scale": str(self.scale), "eigenvalues": list(self.eigenvalues),
                "stable_bound": self.stable_bound}


def least_squares(X: Any, y: Any, scale: Any = 1, names: str = "beta") -> LeastSquares:
    """The course's loss scale·‖y − Xβ‖² (``scale=1/2`` gives its code's gradient XᵀXβ − Xᵀy).

    X is (N × p) — include a column of ones for an intercept; y has N entries.
    """
    Xf = np.asarray(X, dtype=float)
    yf = np.asarray(y, dtype=float).ravel()
    if Xf.ndim == 1:
        Xf = Xf[:, None]
    if Xf.ndim != 2 or Xf.shape[0] != yf.shape[0] or Xf.shape[0] == 0:
        raise BadData(f"X must be an (N × p) matrix and y have N entries; got X {Xf.shape} and y {yf.shape}")
    if not (np.all(np.isfinite(Xf)) and np.all(np.isfinite(yf))):
        raise BadData("X and y must be finite numbers")
    k = sp.Rational(str(scale)) if not isinstance(scale, sp.Basic) else sp.Rational(scale)
    if k <= 0:
        raise BadData(f"scale must be positive, not {scale}")
    p = Xf.shape[1]
    betas = sp.symbols(f"{names}0:{p}")
    exact = Xf.size <= _EXACT_LIMIT
    if exact:
        Xq = sp.Matrix([[_exact(v) for v in row] for row in np.asarray(X, dtype=object).reshape(Xf.shape)])
        yq = sp.Matrix([_exact(v) for v in np.asarray(y, dtype=object).ravel()])
        A, b, c = Xq.T * Xq, Xq.T * yq, (yq.T * yq)[0]
    else:
        A = sp.Matrix(Xf.T @ Xf).applyfunc(sp.Float)
        b = sp.Matrix(Xf.T @ yf).applyfunc(sp.Float)
        c = sp.Float(float(yf @ yf))
    terms = [A[i, i] * betas[i] ** 2 for i in range(p)]
    terms += [2 * A[i, j] * betas[i] * betas[j] for i in range(p) for j in range(i + 1, p)]
    terms += [-2 * b[i] * betas[i] for i in range(p)] + [c]
    loss = k * sp.Add(*terms)
    grad = tuple(sp.expand(2 * k * (sum(A[i, j] * betas[j] for j in range(p)) - b[i])) for i in range(p))
    solution, solved_exactly = _solve(A, b, exact)
    eig = np.linalg.eigvalsh(2 * float(k) * (Xf.T @ Xf))
    return LeastSquares(X=Xf, y=yf, variables=tuple(betas), loss=loss, gradient=grad, XtX=A, Xty=b,
                        solution=solution, exact=solved_exactly, scale=k, eigenvalues=tuple(float(e) for e in eig))


def course_example(n: int = 10, seed: int = 1, beta: tuple[float, float] = (1.0, 0.5)) -> tuple[np.ndarray, np.ndarray]:
    """The course's data: ``np.random.seed(1)``, x uniform in [−10, 10], y = β₀ + β₁x + noise."""
    rs = np.random.RandomState(seed)
    xlin = -10.0 + 20.0 * rs.random_sample(n)
    y = beta[0] + beta[1] * xlin + rs.randn(n)
    return np.column_stack([np.ones((n, 1)), xlin]), y


def _exact(v: Any) -> sp.Rational:
    if isinstance(v, sp.Basic):
        return sp.nsimplify(v, rational=True) if v.is_Float else sp.Rational(v)
    if isinstance(v, (int, np.integer)) and not isinstance(v, bool):
        return sp.Integer(int(v))
    return sp.Rational(repr(float(v)))


def _solve_exact(A: sp.Matrix, b: sp.Matrix):
    return A.LUsolve(b)


def _solve(A: sp.Matrix, b: sp.Matrix, exact: bool):
    Af = np.array(A.evalf(), dtype=float)
    bf = np.array(b.evalf(), dtype=float).ravel()
    if np.linalg.matrix_rank(Af) < Af.shape[0]:
        return None, exact
    if exact:
        try:  # a few unknowns solve instantly; more go to the killable worker
            sol = (_solve_exact(A, b) if A.shape[0] <= 8
                   else bounded(_solve_exact, A, b, what="solving the normal equations"))
            return tuple(sol), True
        except (Unfinished, ValueError, ZeroDivisionError):
            pass
    return tuple(sp.Float(v) for v in np.linalg.solve(Af, bf)), False


def _shown(obj: Any) -> Any:
    """Exact but unreadable rationals are shown as 8-digit decimals."""
    from tutor.engine.descent.result import readable

    if isinstance(obj, sp.MatrixBase):
        return obj.applyfunc(readable)
    return readable(obj)
