"""Load tests/data/limits.toml: trusted textbook limits with known answers.

The corpus is our own fixture, not learner input, so SymPy's parser reads it; the
learner-facing parser is tested elsewhere.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import sympy as sp

CORPUS = Path(__file__).resolve().parents[2] / "data" / "limits.toml"
NAMES = {n: sp.Symbol(n) for n in ("x", "y", "z")}


@dataclass(frozen=True)
class Entry:
    id: str
    f: sp.Expr
    at: dict
    answer: sp.Expr | None  # None: does not exist
    direction: str | None
    source: str
    check: str
    tags: tuple[str, ...]

    @property
    def exists(self) -> bool:
        return self.answer is not None


def _read(text: str) -> sp.Expr:
    return sp.parse_expr(text, local_dict=dict(NAMES))


def load(path: Path = CORPUS) -> list[Entry]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out = []
    for item in data["limit"]:
        at = {}
        for part in item["at"].split(","):
            name, _, value = part.partition("=")
            at[NAMES[name.strip()]] = _read(value.strip())
        ans = item["answer"]
        out.append(Entry(item["id"], _read(item["f"]), at, None if ans == "DNE" else _read(ans),
                         item.get("direction"), item["source"], item["check"], tuple(item.get("tags", ()))))
    return out
