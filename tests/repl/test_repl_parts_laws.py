"""Laws of the part-by-part flow, for any sequence of answers and moves between parts (hypothesis).

The checker is replaced by a small model (``r`` right, ``w`` wrong, ``c`` right only for a wrong
earlier part, ``?`` unreadable), so thousands of steps run in seconds; the flow, the scoring policy
and the store are the real ones. The laws: an invalid answer never uses an attempt or changes the
answers that count; each part's graded answers are attempts 1, 2, 3…; after every graded answer the
whole exercise is stored with the one-cell form of the latest answers and the credit the parts earn
for them, by the policy, never more than the exercise's points.
"""
from __future__ import annotations

import functools
import io
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import parts_bank
from grader.parts import PartsVerdict, PartVerdict
from grader.scoring import policy_for
from grader.verdict import Verdict, invalid
from tutor.repl.parts import one_cell, part_id
from tutor.repl.session import Session
from tutor.repl.store import ProgressStore
from tutor.repl.terminal import Output, PlainReader

EX = "fit-chain"
NAMES = ("grad", "step", "loss")


@functools.lru_cache(maxsize=1)
def bank():
    return parts_bank.load(Path(tempfile.mkdtemp()))


def model(answers: dict[str, str]) -> dict[str, str | None]:
    """Each part's status for these answers: the law the fake checker follows (an invalid or
    missing earlier part blocks nothing; ``c`` is carried forward only after a wrong one)."""
    out: dict[str, str | None] = {}
    for name in NAMES:
        text = answers.get(name)
        wrong_before = any(out[n] in ("incorrect", "carried") for n in NAMES[:NAMES.index(name)])
        out[name] = {None: None, "r": "correct", "w": "incorrect", "?": "invalid",
                     "c": "carried" if wrong_before else "incorrect"}[text]
    return out


def fake_check_parts(variant, answers, *, follow_through=None, **options) -> PartsVerdict:
    statuses = model({n: t for n, t in answers.items() if t})
    parts = []
    for part in variant.exercise.parts:
        status = statuses[part.name]
        if status is None:
            parts.append(PartVerdict(part.name, float(part.points), None))
        elif status == "invalid":
            parts.append(PartVerdict(part.name, float(part.points), invalid("not read")))
        else:
            credit = 1.0 if status in ("correct", "carried") else 0.0
            parts.append(PartVerdict(part.name, float(part.points), Verdict(status, credit, status),
                                     status == "carried", credit))
    total = sum(p.points for p in parts)
    score = sum(p.points * p.credit for p in parts) / total
    whole = "correct" if all(p.status == "correct" for p in parts) else "partial" if score else "incorrect"
    return PartsVerdict(tuple(parts), score, whole)


STEP = st.one_of(st.sampled_from(["r", "w", "c", "?"]), st.sampled_from([":part 1", ":part 2", ":part 3", ":back"]))


@given(st.lists(STEP, min_size=1, max_size=14))
@settings(max_examples=40, deadline=None)
def test_attempts_invalid_answers_and_stored_credit_follow_the_policy(lines):
    ex = bank()[EX]
    with tempfile.TemporaryDirectory() as folder:
        store = ProgressStore(Path(folder) / "p.sqlite3")
        out = Output(io.StringIO(), width=90)
        session = Session(user="ana", out=out, store=store, bank=bank(), clock=iter(range(10**6)).__next__)
        session.grade_parts = fake_check_parts
        session.reader = PlainReader(io.StringIO("".join(f"{x}\n" for x in [f":open {EX}", *lines])), out)
        session.run()

        rows = {n: store.attempts("ana", part_id(EX, n)) for n in NAMES}
        latest: dict[str, tuple[str, int]] = {}
        for n, found in rows.items():
            graded = [a for a in found if a.status != "invalid"]
            assert all(a.attempt == 0 for a in found if a.status == "invalid")
            assert [a.attempt for a in graded] == list(range(1, len(graded) + 1))
            if graded:
                latest[n] = (graded[-1].answer, graded[-1].attempt)
        whole = store.attempts("ana", EX)
        assert len(whole) == sum(1 for found in rows.values() for a in found if a.status != "invalid")
        if whole:
            statuses = model({n: t for n, (t, _) in latest.items()})
            expected = sum(policy_for(p.exercise).credit(1.0 if statuses[p.name] in ("correct", "carried") else 0.0,
                                                         latest[p.name][1]).earned
                           for p in ex.parts if p.name in latest)
            assert whole[-1].credit == round(expected, 2) <= ex.points
            assert whole[-1].answer == one_cell({n: t for n, (t, _) in latest.items()}, NAMES)
        store.close()
