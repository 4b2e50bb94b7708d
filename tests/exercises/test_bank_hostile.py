"""Hostile bank and assignment files are refused with exit 2, naming file, exercise and field (issue 18.12).

Before: a condition ``((((((s^64)^64)^64)^64)^64)^64) > 0`` hung the loader; a
10^6-combination space with a rare condition, 5,000-deep brackets in a condition and
3,000-deep TOML arrays ended in exit 3 ("This is a bug"); a bank function that timed
out cost one time limit per answer. Assertions are on outcomes, never on time.
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import exercises
from exercises.conditions import MAX_DEPTH, ConditionError, parse_condition
from exercises.errors import BankError, BankLoadError
from exercises.toml_depth import MAX_NESTING, find_too_deep
from grader.batch.assignment import AssignmentError, load_assignment
from tutor.engine.bounded import TimedOut

ROOT = Path(__file__).resolve().parents[2]


def entry(ident: str, params: str, conditions: str | None = None) -> str:
    text = f"""
    [[exercise]]
    id = "{ident}"
    title = "T"
    topic = "derivative-rules"
    task = "derivative"
    prompt = "Differentiate {{function}}."
    function = "a*x^2"
    parameters = {params}
    """
    text = textwrap.dedent(text)
    if conditions is not None:
        text += f"conditions = [{conditions}]\n"
    return text


HOSTILE = {
    "tower": (entry("tower", "{ a = { range = [1, 5] } }", '"((((((a^64)^64)^64)^64)^64)^64) > 0"'),
              "conditions", "300 digits"),
    "space": (entry("space", "{ a = { range = [1, 100] }, b = { range = [1, 100] }, c = { range = [1, 100] } }",
                    '"a == 37 and b == 41 and c == 43"'), "conditions", "too few"),
    "brackets": (entry("brackets", "{ a = { range = [1, 5] } }", '"' + "(" * 5000 + "a" + ")" * 5000 + ' > 0"'),
                 "conditions[0]", "characters long"),
    "nested": (entry("nested", "{ a = { range = [1, 5] } }", '"' + "(" * 40 + "a" + ")" * 40 + ' > 0"'),
               "conditions[0]", f"more than {MAX_DEPTH} deep"),
    "arrays": (entry("arrays", "{ a = { choices = " + "[" * 3000 + "1" + "]" * 3000 + " } }"),
               "parameters", f"more than {MAX_NESTING} deep"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_bank_entry_is_refused_naming_file_exercise_and_field(tmp_path, name):
    text, field, words = HOSTILE[name]
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BankLoadError) as err:
        exercises.load(path)
    (problem,) = err.value.errors
    assert problem.file and problem.file.endswith(f"{name}.toml")
    assert problem.exercise == name and problem.field == field
    assert words in problem.message


def test_the_cli_refuses_every_hostile_file_with_exit_2(tmp_path):
    for name, (text, _, words) in HOSTILE.items():
        (tmp_path / f"{name}.toml").write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for name in HOSTILE:
        run = subprocess.run([sys.executable, "-m", "tutor", "bank", "validate", str(tmp_path / f"{name}.toml")],
                             capture_output=True, text=True, env=env, timeout=120)
        assert run.returncode == 2, (name, run.stdout, run.stderr)
        assert f"exercise '{name}'" in run.stderr and "This is a bug" not in run.stderr


def test_a_big_space_with_a_common_condition_still_loads_and_chooses(tmp_path):
    text = entry("wide", "{ a = { range = [1, 100] }, b = { range = [1, 100] }, c = { range = [1, 100] } }",
                 '"a != b"')
    path = tmp_path / "wide.toml"
    path.write_text(text, encoding="utf-8")
    ex = exercises.load(path)["wide"]
    chosen = [ex.space.choose("wide", seed) for seed in range(30)]
    assert all(c["a"] != c["b"] for c in chosen)
    assert len({tuple(c.values()) for c in chosen}) > 20


@pytest.mark.parametrize("text", ["(" * 31 + "a" + ")" * 31 + " > 0", "-" * 31 + "a > 0",
                                  "abs(" * 31 + "a" + ")" * 31 + " > 0"])
def test_conditions_refuse_deep_nesting_before_recursing(text):
    with pytest.raises(ConditionError, match="deep"):
        parse_condition(text)


@given(st.integers(1, 9), st.integers(1, 6))
def test_condition_values_stay_bounded(base, levels):
    """A power tower either evaluates (small) or is refused; it is never computed past the bound."""
    text = "(" * levels + "a" + "".join(f"^{base + 1})" for _ in range(levels)) + " > 0"
    cond = parse_condition(text)
    try:
        assert cond.holds({"a": 7}) is True
    except ConditionError as exc:
        assert "300 digits" in str(exc)
        assert (base + 1) ** levels * 0.85 > 300 / 7  # 7^((b+1)^levels) really is long


@given(st.integers(1, 60), st.booleans())
def test_the_toml_depth_check_agrees_with_the_limit(depth, in_string):
    value = "[" * depth + "1" + "]" * depth
    text = f'x = "{value}"\n' if in_string else f"x = {value}\n"
    found = find_too_deep(text)
    if in_string or depth <= MAX_NESTING:
        assert found is None
        assert tomllib.loads(text)["x"] is not None
    else:
        assert found is not None and found.line == 1 and found.key == "x"


def test_a_deep_assignment_file_is_refused_naming_the_key(tmp_path):
    path = tmp_path / "a.toml"
    path.write_text('title = "W"\nexercises = ' + "[" * 3000 + '"x"' + "]" * 3000 + "\n", encoding="utf-8")
    with pytest.raises(AssignmentError) as err:
        load_assignment(path)
    message = str(err.value)
    assert "a.toml" in message and "'exercises'" in message and "line 2" in message


def test_a_variant_that_runs_out_of_time_is_not_retried(tmp_path, monkeypatch):
    from exercises.tasks import load_all

    path = tmp_path / "slow.toml"
    path.write_text(entry("slow", "{ a = { range = [1, 5] } }"), encoding="utf-8")
    ex = exercises.load(path)["slow"]
    task = load_all()[ex.task]
    calls = []

    def slow_solve(self, ctx):
        calls.append(1)
        raise TimedOut("differentiating the function", 3)

    monkeypatch.setattr(task, "solve", slow_solve)
    for _ in range(5):
        with pytest.raises(TimedOut):
            ex.variant("s1")
    assert len(calls) == 1
    with pytest.raises(TimedOut):
        ex.variant("s2")
    assert len(calls) == 2


def test_a_bank_error_in_a_variant_is_remembered_too(tmp_path, monkeypatch):
    from exercises.tasks import load_all

    path = tmp_path / "bad.toml"
    path.write_text(entry("bad", "{ a = { range = [1, 5] } }"), encoding="utf-8")
    ex = exercises.load(path)["bad"]
    calls = []

    def failing(self, ctx):
        calls.append(1)
        raise BankError("the function has no derivative here", field="function")

    monkeypatch.setattr(load_all()[ex.task], "solve", failing)
    for _ in range(3):
        with pytest.raises(BankError, match="no derivative"):
            ex.variant(0)
    assert len(calls) == 1
