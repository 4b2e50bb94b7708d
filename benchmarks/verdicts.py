"""Every verdict of the grading corpora, to compare two versions of the checker (a speed-up must change none).

    python benchmarks/verdicts.py dump FILE        # this checkout's verdicts, one JSON line per row
    python benchmarks/verdicts.py compare OLD NEW  # rows whose status, score, mistake or feedback differ

Run ``dump`` once with the old code on PYTHONPATH and once with the new, then ``compare``.
A row that is *undecided* in one run only ran into its time limit (the machine's load
decides that); ``compare`` lists those apart from real differences.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("CALCTUTOR_BOUNDED", "inline")


def rows():
    """(corpus, case) for our corpus and the outside corpus, in a fixed order."""
    from grader.corpus import load, load_outside

    for case in load(*sorted((ROOT / "tests" / "data").glob("grading*.toml"))):
        yield "ours", case
    for case in load_outside(*sorted((ROOT / "tests" / "data" / "outside").glob("*.toml"))):
        yield "outside", case


def dump(path: str) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for corpus, case in rows():
            try:
                v = case.check()
                got = {"status": v.status, "score": float(v.score), "mistake": v.mistake or "",
                       "feedback": v.feedback or ""}
            except Exception as exc:  # noqa: BLE001 - a crash is a verdict to compare too
                got = {"status": "error", "score": 0.0, "mistake": "", "feedback": type(exc).__name__}
            key = {"corpus": corpus, "expected": str(getattr(case, "reference", getattr(case, "expected", ""))),
                   "answer": str(case.answer), "kind": str(getattr(case, "kind", ""))}
            fh.write(json.dumps({**key, **got}, ensure_ascii=False) + "\n")


def compare(old: str, new: str) -> int:
    a = [json.loads(line) for line in open(old, encoding="utf-8")]
    b = [json.loads(line) for line in open(new, encoding="utf-8")]
    if len(a) != len(b):
        print(f"different corpora: {len(a)} rows against {len(b)}")
        return 1
    real, timing = [], []
    for x, y in zip(a, b):
        if x == y:
            continue
        (timing if "undecided" in (x["status"], y["status"]) else real).append((x, y))
    for x, y in real:
        print(f"DIFFERS {x['corpus']}: {x['expected']!r} vs {x['answer']!r}: {x['status']} {x['mistake']} "
              f"-> {y['status']} {y['mistake']}")
    for x, y in timing:
        print(f"time limit {x['corpus']}: {x['expected']!r} vs {x['answer']!r}: {x['status']} -> {y['status']}")
    print(f"{len(a)} rows: {len(a) - len(real) - len(timing)} identical, {len(real)} different, "
          f"{len(timing)} undecided in one run only (time limit under load)")
    return 1 if real else 0


if __name__ == "__main__":  # the checkout on PYTHONPATH is the one graded
    if len(sys.argv) == 3 and sys.argv[1] == "dump":
        dump(sys.argv[2])
        sys.exit(0)
    if len(sys.argv) == 4 and sys.argv[1] == "compare":
        sys.exit(compare(sys.argv[2], sys.argv[3]))
    sys.exit(__doc__)
