"""Critical points on the corpus, side by side with plain sympy.solve (python benchmarks/critical.py).

For every function in tests/data/critical_points.toml and critical_no_gradient.toml: the time of
``tutor.critical_points`` and whether it found every expected point, next to the
time of ``sympy.solve(grad f, vars)`` (in a killable worker, 10 s limit) and how
many of the expected real points its answer contains (inside the stated domain).
SymPy's cache is cleared before each timed call. Prints a Markdown table, the
date and the machine.
"""
from __future__ import annotations

import argparse
import datetime
import os
import platform
import time
import tomllib
from pathlib import Path

import sympy as sp
from sympy.core.cache import clear_cache

import tutor
from tutor.engine.bounded import Unfinished, bounded, shutdown
from tutor.engine.critical import critical_points
from tutor.engine.critical.domain import make_box

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "critical_points.toml"
NO_GRADIENT = CORPUS.parent / "critical_no_gradient.toml"  # issue 19: points where the gradient does not exist


def _expected(case) -> list[tuple[float, ...]]:
    out = []
    for p in case["points"]:
        out.append(tuple(float(v) if isinstance(v, float) else float(sp.N(tutor.parse(str(v)), 20)) for v in p["at"]))
    return out


def _has(found: list[tuple[float, ...]], point: tuple[float, ...]) -> bool:
    return any(all(abs(a - b) <= 1e-7 * max(1.0, abs(b)) for a, b in zip(q, point)) for q in found)


def sympy_real_points(f: sp.Expr, variables: tuple, box) -> tuple[list[tuple[float, ...]], int]:
    """Plain SymPy: solve(grad f = 0) (the scalar form for one variable); keep the real, fully determined
    solutions inside the box, and count the parametric ones (a family, if any)."""
    clear_cache()
    if len(variables) == 1:
        sols = [{variables[0]: s} for s in sp.solve(sp.diff(f, variables[0]), variables[0])]
    else:
        sols = sp.solve([sp.diff(f, v) for v in variables], list(variables), dict=True)
    out, parametric = [], 0
    for s in sols:
        if set(s) != set(variables) or any(val.free_symbols for val in s.values()):
            parametric += 1
            continue
        vals = [complex(sp.N(s[v], 20)) for v in variables]
        if any(abs(z.imag) > 1e-9 for z in vals):
            continue
        point = tuple(z.real for z in vals)
        if box is None or box.contains({v: sp.Float(c) for v, c in zip(variables, point)}):
            out.append(point)
    return out, parametric


def _ours(f, variables, domain):
    clear_cache()
    start = time.perf_counter()
    result = critical_points(f, variables, domain)
    return time.perf_counter() - start, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sympy-timeout", type=float, default=10.0)
    ap.add_argument("--only", default=None, help="run one case id")
    args = ap.parse_args()
    cases = tomllib.loads(CORPUS.read_text())["case"] + tomllib.loads(NO_GRADIENT.read_text())["case"]
    if args.only:
        cases = [c for c in cases if c["id"] == args.only]
    rows = []
    worst = 0.0
    for case in cases:
        names = case.get("variables")
        f = tutor.parse(case["f"], names)
        variables = tuple(sp.Symbol(n) for n in names) if names else tuple(sorted(f.free_symbols, key=str))
        box = make_box(case.get("domain"), variables)
        want = _expected(case)
        t_ours, result = _ours(f, names, case.get("domain"))
        worst = max(worst, t_ours)
        got = [p.approx() for p in result]
        ours_ok = len(got) == len(want) and all(_has(got, w) for w in want) \
            and len(result.families) == len(case.get("families", []))
        start = time.perf_counter()
        try:
            theirs, parametric = bounded(sympy_real_points, f, variables, box, timeout=args.sympy_timeout,
                                         what="sympy.solve")
            t_theirs = f"{time.perf_counter() - start:.3f}"
            hit = sum(1 for w in want if _has(theirs, w))
            extra = len(theirs) - hit
            verdict = "all" if hit == len(want) and not extra else f"{hit} of {len(want)} points"
            if extra > 0:
                verdict += f" (+{extra} not critical)"
            if case.get("families"):
                verdict += f"; {parametric} parametric solution(s) for {len(case['families'])} family(ies)"
        except Unfinished as exc:
            t_theirs, verdict = f">{args.sympy_timeout:g}", "timed out" if "timed" in exc.reason else "crashed"
        except Exception as exc:  # noqa: BLE001 - a benchmark reports SymPy's failures, it does not stop
            t_theirs, verdict = f"{time.perf_counter() - start:.3f}", f"error ({type(exc).__name__})"
        rows.append((case["id"], len(variables), len(want) + len(case.get("families", [])), f"{t_ours:.3f}",
                     "all" if ours_ok else "MISSED", "yes" if result.complete else "no", t_theirs, verdict))
    shutdown()
    header = ("function", "vars", "points+families", "ours (s)", "ours found", "ours complete",
              "sympy.solve (s)", "sympy.solve found")
    print(f"# critical points vs sympy.solve — {datetime.date.today()} — {platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}, SymPy {sp.__version__}")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for r in rows:
        print("| " + " | ".join(str(c) for c in r) + " |")
    missed = sum(1 for r in rows if r[4] != "all")
    sympy_short = sum(1 for r in rows if not r[7].startswith("all"))
    print(f"\nslowest call: {worst:.2f} s; ours missed {missed} of {len(rows)}; "
          f"sympy.solve fell short on {sympy_short} of {len(rows)}")


if __name__ == "__main__":
    main()
