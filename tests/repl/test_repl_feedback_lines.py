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
