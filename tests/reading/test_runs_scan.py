"""``letter_runs`` skips tokens that are not words by their group before reading them;
pinned against the plain scan that reads every token's word and suffix."""
from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from tutor.reading.lexer import _TOKEN_RE
from tutor.reading.names import WHOLE_WORDS, declared_table, function_key, normalize, split_run
from tutor.reading.runs import Run, letter_runs


def _plain(text, variables=(), functions=()):
    declared, _ = declared_table(variables)
    defined = {function_key(f) for f in functions}
    runs = []
    for m in _TOKEN_RE.finditer(text):
        letters, suffix = m.group("word"), m.group("suffix") or ""
        if not letters or (not suffix and letters.lower() in WHOLE_WORDS):
            continue
        if normalize(letters + suffix) in declared or normalize(letters + suffix) in defined:
            continue
        pieces = split_run(letters, variables, functions)
        names = [p.value for p in pieces if p.kind == "NAME"]
        if suffix and pieces[-1].kind == "NAME":
            names[-1] = names[-1] + suffix.replace("{", "").replace("}", "")
        if len(pieces) == 1 and suffix.startswith("_"):
            continue
        if names and (len(pieces) > 1 or suffix):
            runs.append(Run(m.group(), m.start(), tuple(names)))
    return tuple(runs)


PARTS = ["x", "y", "k", "asdf", "sin", "x6", "w_1", "A_{4}", "theta", "θ", "2", "3.5e2", " ", "+", "(", ")",
         "\\frac", "\\alpha_1", "dne", "does not exist", "ln", "sigma", "_", "e", "pi", "nolimit", "^", "*"]


@given(st.lists(st.sampled_from(PARTS), max_size=12).map("".join),
       st.sampled_from([(), ("x",), ("x", "k"), ("w_1", "theta")]), st.sampled_from([(), ("sigma",), ("f",)]))
@example("asdfgh + x6cos(x) - w_1 + A_4", ("x",), ())
def test_letter_runs_is_the_plain_scan(text, variables, functions):
    assert letter_runs(text, variables, functions) == _plain(text, variables, functions)
