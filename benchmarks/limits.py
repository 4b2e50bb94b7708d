"""Benchmark: tutor.limit over the textbook corpus, side by side with a lines-only prober.

Run: python benchmarks/limits.py [--budget 3] [--quiet]

The baseline is what SymPy users typically hand-write for a two-variable limit:
substitute y = b + k(x − a) (in three variables also z = c + m(x − a)), take
``sympy.limit`` in x (SymPy's default side, x → a⁺), simplify, and call the limit "DNE"
when the answer depends on k, else that value. It runs in the same killable worker with the same
time limit. One-variable entries are left out of the comparison (both sides would just
call sympy.limit). SymPy's cache is cleared before every timed call.
"""
from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
import tomllib
from pathlib import Path

import sympy as sp
from sympy.core.cache import clear_cache

from tutor.engine.bounded import Unfinished, bounded, shutdown
from tutor.engine.limits import limit

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
CORPORA = [DATA / "limits.toml"] + [DATA / f"limits_{n}.toml" for n in ("sign_changing", "oscillation", "real_roots")]
NAMES = {n: sp.Symbol(n) for n in ("x", "y", "z")}


def load() -> list[dict]:
    """The corpus (trusted test data, read with SymPy's parser)."""
    out = []
    items = [(path.stem, i) for path in CORPORA for i in tomllib.loads(path.read_text(encoding="utf-8"))["limit"]]
    for corpus, item in items:
        at = {}
        for part in item["at"].split(","):
            name, _, value = part.partition("=")
            at[NAMES[name.strip()]] = sp.parse_expr(value.strip(), local_dict=dict(NAMES))
        answer = None if item["answer"] == "DNE" else sp.parse_expr(item["answer"], local_dict=dict(NAMES))
        out.append({"corpus": corpus, "id": item["id"], "f": sp.parse_expr(item["f"], local_dict=dict(NAMES)), "at": at,
                    "answer": answer, "direction": item.get("direction")})
    return out


def lines_only(f: sp.Expr, at: dict):
    """The hand-written prober: lines through the point with symbolic slopes, one sympy.limit."""
    vs = list(at)
    x, a = vs[0], at[vs[0]]
    slopes = sp.symbols("k m")
    sub = {v: at[v] + s * (x - a) for v, s in zip(vs[1:], slopes)}
    value = sp.simplify(sp.limit(f.subs(sub), x, a))
    if value.free_symbols & set(slopes):
        return "DNE"
    return value


def right(answer, got) -> bool:
    if answer is None:
        return got == "DNE"
    if got is None or isinstance(got, str):
        return False
    if answer.is_infinite or got.is_infinite:
        return answer == got
    try:
        return sp.simplify(got - answer) == 0
    except (TypeError, ValueError):
        return False


def timed(fn):
    clear_cache()
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--budget", type=float, default=3.0, help="seconds per limit, both sides (default 3)")
    ap.add_argument("--quiet", action="store_true", help="only the summary")
    args = ap.parse_args()
    entries = [e for e in load() if len(e["at"]) > 1]
    bounded(int, 0)  # start the worker before timing
    rows = []
    for e in entries:
        res, t_ours = timed(lambda: limit(e["f"], e["at"], timeout=args.budget))
        ours = "DNE" if res.exists is False else (res.value if res.exists else None)

        def base():
            try:
                return bounded(lines_only, e["f"], e["at"], timeout=args.budget, what="lines-only prober")
            except Unfinished:
                return "timeout"
            except Exception as exc:  # the prober's own failure counts as a wrong answer
                return f"error: {type(exc).__name__}"

        theirs, t_base = timed(base)
        rows.append({"corpus": e["corpus"], "id": e["id"], "answer": e["answer"], "ours": ours, "ours_ok": right(e["answer"], ours),
                     "exists": res.exists, "proof": res.proof is not None, "t_ours": t_ours,
                     "theirs": theirs, "theirs_ok": right(e["answer"], theirs), "t_base": t_base})
    shutdown()
    if not args.quiet:
        print(f"{'limit':38s} {'answer':>8s} | {'tutor.limit':>12s} {'s':>6s} | {'lines only':>12s} {'s':>6s}")
        for r in rows:
            ans = "DNE" if r["answer"] is None else sp.sstr(r["answer"])
            ours = "undecided" if r["exists"] is None else sp.sstr(r["ours"])
            print(f"{r['id']:38s} {ans:>8s} | {ours + ('' if r['ours_ok'] else ' ✗'):>12s} {r['t_ours']:6.3f} | "
                  f"{sp.sstr(r['theirs'])[:10] + ('' if r['theirs_ok'] else ' ✗'):>12s} {r['t_base']:6.3f}")
        print()
    n = len(rows)
    existing = [r for r in rows if r["answer"] is not None]
    dne = [r for r in rows if r["answer"] is None]

    def acc(key, subset):
        return f"{sum(r[key] for r in subset)}/{len(subset)}"

    t1 = [r["t_ours"] for r in rows]
    t2 = [r["t_base"] for r in rows]
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, SymPy {sp.__version__}, "
          f"budget {args.budget:g} s per limit, {n} limits in two or three variables")
    print("| | tutor.limit | lines-only prober |")
    print("|---|---|---|")
    print(f"| right verdicts (all) | {acc('ours_ok', rows)} | {acc('theirs_ok', rows)} |")
    print(f"| right: limit exists | {acc('ours_ok', existing)} | {acc('theirs_ok', existing)} |")
    print(f"| right: does not exist | {acc('ours_ok', dne)} | {acc('theirs_ok', dne)} |")
    print(f"| undecided (None) | {sum(r['exists'] is None for r in rows)} | — |")
    print(f"| checked proof (of existing) | {sum(r['proof'] for r in existing)}/{len(existing)} | — |")
    print(f"| median time per limit | {statistics.median(t1):.3f} s | {statistics.median(t2):.3f} s |")
    print(f"| mean time per limit | {statistics.mean(t1):.3f} s | {statistics.mean(t2):.3f} s |")
    print(f"| slowest limit | {max(t1):.3f} s | {max(t2):.3f} s |")
    print(f"| total | {sum(t1):.1f} s | {sum(t2):.1f} s |")
    print("\n| corpus | limits | right (tutor.limit) | undecided | checked proofs | slowest |")
    print("|---|---|---|---|---|---|")
    for name in dict.fromkeys(r["corpus"] for r in rows):
        sub = [r for r in rows if r["corpus"] == name]
        print(f"| {name} | {len(sub)} | {acc('ours_ok', sub)} | {sum(r['exists'] is None for r in sub)} | "
              f"{sum(r['proof'] for r in sub if r['answer'] is not None)}/{sum(r['answer'] is not None for r in sub)}"
              f" | {max(r['t_ours'] for r in sub):.3f} s |")
    over = [r["id"] for r in rows if r["t_ours"] > args.budget + 0.25]
    if over:
        print("over the budget:", ", ".join(over), file=sys.stderr)


if __name__ == "__main__":
    main()
