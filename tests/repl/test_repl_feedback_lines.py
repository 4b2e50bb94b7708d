"""The lines of one graded answer: the verdict word once, then the checker's explanation."""
from __future__ import annotations

from grader.checking import check
from tutor.repl.feedback import verdict_lines


def test_incorrect_answer_says_the_word_once_then_the_diagnosis():
    v = check("2*x", "-2*x")
    lines = [text for text, _style in verdict_lines(v, None, ascii_only=False)]
    assert lines[0] == "I read your answer as: −2·x"
    assert lines[1] == "Incorrect."
    assert not lines[2].startswith("Not quite") and lines[2][:1].isupper()
    assert "sign" in lines[2].lower()


def _line(status, score, attempt=1, hints=0, solution=False, best=0.0, **rules):
    from grader.scoring import Attempts, Policy
    from tutor.repl.feedback import Scoring, score_line

    p = Policy(points=2, hint_costs=(0.5, 0.5), attempts=Attempts(**rules))
    c = p.credit(score, attempt, hints, solution)
    uses = status in ("correct", "partial", "incorrect")
    return score_line(status, Scoring(c, best, p.available(attempt + 1) if uses else None))


def test_the_score_line_shows_the_attempts_used_and_what_is_still_available():
    assert _line("incorrect", 0) == "Score: 0 of 2 points. Attempts used: 1; the next can earn up to 1.8."
    assert _line("correct", 1, attempt=2, hints=1) == \
        "Score: 1.3 of 2 points (attempt 2 can earn up to 1.8; 1.8 − 0.5 for hints)."
    assert _line("partial", 0.5, attempt=3, max_attempts=3) == \
        "Score: 0.8 of 2 points (attempt 3 can earn up to 1.6). Attempts used: 3 of 3; that was the last."
    assert _line("incorrect", 0, attempt=4, max_attempts=3) == \
        "Score: 0 of 2 points — you have used all 3 attempts, so this answer is practice."
    assert _line("incorrect", 0, attempt=2, best=1.0, credit=(1.0, 0.5)) == \
        ("Score: 0 of 2 points (attempt 2 can earn up to 1). Attempts used: 2; the next can earn up to 1. "
         "Your best so far stays 1.")


def test_the_first_right_answer_reads_as_before_and_undecided_and_solution_are_unchanged():
    assert _line("correct", 1) == "Score: 2 of 2 points."
    assert _line("undecided", 0) == "Score: pending (a teacher will decide)."
    assert _line("correct", 1, attempt=2, solution=True) == \
        "Score: 1 — practice after the worked solution, so 0 of 2 points."
