"""Benchmark: derivative with worked steps vs plain sympy.diff on the same ~60-node expression.

Run: python benchmarks/derivative.py [--repeat N]
SymPy's cache is cleared before every timed call so neither side profits from the last run.
Target (issue 3): building the steps costs at most 10x plain sympy.diff.
"""
from __future__ import annotations

import argparse
import platform
import statistics
import time

import sympy as sp
from sympy.core.cache import clear_cache

from tutor.engine.bounded import shutdown
from tutor.engine.derivative import derivative
from tutor.engine.derivative.check import check_tree

x = sp.Symbol("x")
# a course-flavoured function: chain rules, a product, a quotient, a root, a log
F = (sp.sin(x**2 + 3 * x) * sp.exp(-x / 2) + sp.log(x**4 + x**3 + 2) / (x**2 + 1)
     + x**3 * sp.sqrt(1 + sp.cos(x) ** 2) + sp.atan(2 * x) ** 2 + 5**x * sp.cosh(x) / (x + 1))
# a course-sized one, where the result is also simplified (in the worker process)
SMALL = sp.log(x**4 + x**3 + 2) * (2 * x + 3) ** 2


def median_seconds(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        clear_cache()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=21)
    args = ap.parse_args()
    nodes = sum(1 for _ in sp.preorder_traversal(F))
    derivative(F, x)  # warm up: imports and the simplification worker
    small_nodes = sum(1 for _ in sp.preorder_traversal(SMALL))
    cases = [
        ("plain sympy.diff", "f", lambda: sp.diff(F, x)),
        ("derivative: steps, every rule evaluated", "f", lambda: derivative(F, x, simplify=False)),
        ("derivative: steps + tidy (the default)", "f", lambda: derivative(F, x)),
        ("derivative + checking every step (debug)", "f", lambda: check_tree(derivative(F, x, simplify=False).steps)),
        ("plain sympy.diff", "g", lambda: sp.diff(SMALL, x)),
        ("plain sympy.diff + simplify", "g", lambda: sp.simplify(sp.diff(SMALL, x))),
        ("derivative: steps + simplification (worker)", "g", lambda: derivative(SMALL, x)),
    ]
    results = [(name, which, median_seconds(fn, args.repeat)) for name, which, fn in cases]
    base = {"f": results[0][2], "g": results[4][2]}
    print(f"f = {F}   ({nodes} nodes)")
    print(f"g = {SMALL}   ({small_nodes} nodes)")
    print(f"median of {args.repeat} runs, SymPy cache cleared before each; Python {platform.python_version()}, "
          f"SymPy {sp.__version__}, {platform.machine()}")
    print()
    print(f"| {'case':44} | fn | {'median ms':>9} | {'x plain diff':>12} |")
    print(f"|{'-' * 46}|----|{'-' * 11}|{'-' * 14}|")
    for name, which, t in results:
        print(f"| {name:44} | {which}  | {t * 1000:9.2f} | {t / base[which]:12.1f} |")
    shutdown()


if __name__ == "__main__":
    main()
