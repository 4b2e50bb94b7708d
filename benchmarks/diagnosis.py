"""Diagnosis corpus figures: how often the grader names the slip a student made (issue 13).

Prints, per task type, the rows, the share named right, the wrong names (a different slip, or
one where none fits) and the missed ones. Run: ``python benchmarks/diagnosis.py``.
"""
from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    import exercises
    from grader import slips

    bank = exercises.load()
    named = [slips.name(s, bank) for s in slips.load(ROOT / "tests" / "data" / "diagnosis" / "slips.toml")]
    by_task: dict[str, list] = defaultdict(list)
    for n in named:
        by_task[bank[n.slip.exercise].task if n.slip.exercise else "generic (grader.check)"].append(n)
    print(f"{'task type':<24} {'rows':>5} {'right':>7} {'wrong name':>11} {'missed':>7}")
    for task, rows in sorted(by_task.items()):
        f = slips.figures(rows)
        print(f"{task:<24} {f.rows:>5} {f.share:>7.0%} {f.wrong_names:>11} {f.missed:>7}")
    f = slips.figures(named)
    print(f"{'all':<24} {f.rows:>5} {f.share:>7.1%} {f.wrong_names:>11} {f.missed:>7}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
