"""Parameters as data, and the seeded, stable choice of a variant's values."""
import subprocess
import sys
from collections import Counter
from fractions import Fraction

import pytest

from exercises.errors import BankError
from exercises.params import parse_space, seed_for, stable_int

F = Fraction


def test_range_choices_fixed_and_exclude():
    space = parse_space({
        "a": {"range": [-2, 2], "exclude": [0]},
        "b": {"choices": [1, "1/2", 0.25, "pi/4"]},
        "c": 7,
        "d": {"range": [0.1, 0.3], "step": 0.1},
    }, [])
    values = {p.name: p.values for p in space.parameters}
    assert values["a"] == (F(-2), F(-1), F(1), F(2))
    assert values["b"] == (F(1), F(1, 2), F(1, 4), "pi/4")
    assert values["c"] == (F(7),)
    assert values["d"] == (F(1, 10), F(2, 10), F(3, 10))  # exact, no float drift
    assert space.size == 4 * 4 * 1 * 3


def test_conditions_filter_every_variant():
    space = parse_space({"a": {"range": [1, 4]}, "b": {"range": [1, 4]}}, ["a != b", "a + b != 5"])
    assert space.count() == 16 - 4 - 4  # a = b: 4 pairs; a + b = 5: 4 more
    for seed in range(60):
        chosen = space.choose("ex", seed)
        assert chosen["a"] != chosen["b"] and chosen["a"] + chosen["b"] != 5


def test_choice_is_a_function_of_exercise_and_seed():
    space = parse_space({"a": {"range": [1, 1000]}, "b": {"range": [1, 1000]}}, ["a != b"])
    assert space.choose("ex", 5) == space.choose("ex", 5)
    assert space.choose("ex", "5") == space.choose("ex", 5)  # seeds are read as text
    picks = {tuple(space.choose("ex", s).values()) for s in range(30)}
    assert len(picks) > 25  # different seeds spread out
    assert space.choose("ex", 1) != space.choose("other", 1) or space.choose("ex", 2) != space.choose("other", 2)


def test_large_spaces_use_rejection_sampling_and_still_meet_conditions():
    space = parse_space({n: {"range": [1, 100]} for n in "abc"}, ["a < b", "b < c"])
    assert space.count() is None  # too many to enumerate
    for seed in range(20):
        chosen = space.choose("big", seed)
        assert chosen["a"] < chosen["b"] < chosen["c"]


def test_choices_spread_roughly_evenly():
    space = parse_space({"a": {"choices": [1, 2, 3, 4]}}, [])
    counts = Counter(space.choose("spread", s)["a"] for s in range(400))
    assert set(counts) == {1, 2, 3, 4}
    assert min(counts.values()) > 60


@pytest.mark.parametrize("declared, conditions, field", [
    ({"a": {"range": [1]}}, [], "parameters.a.range"),
    ({"a": {"range": [3, 1]}}, [], "parameters.a.range"),
    ({"a": {"range": [1, 3], "step": 0}}, [], "parameters.a.step"),
    ({"a": {"range": [1, 10**6]}}, [], "parameters.a.range"),
    ({"a": {"choices": []}}, [], "parameters.a.choices"),
    ({"a": {"choices": [1, 1]}}, [], "parameters.a"),
    ({"a": {"range": [1, 3], "choices": [1]}}, [], "parameters.a"),
    ({"a": {"rnage": [1, 3]}}, [], "parameters.a"),
    ({"a": {"range": [1, 2], "exclude": [1, 2]}}, [], "parameters.a"),
    ({"e": {"range": [1, 3]}}, [], "parameters.e"),
    ({"2x": 1}, [], "parameters.2x"),
    ({"a": True}, [], "parameters.a"),
    ({"a": {"range": [1, 3]}}, ["a != q"], "conditions[0]"),
    ({"a": {"range": [1, 3]}}, ["a !== 1"], "conditions[0]"),
    ({"a": {"choices": ["pi", "e"]}}, ["a > 1"], "conditions[0]"),
    ({"a": {"range": [1, 3]}}, ["a > 5"], "conditions"),
    ({"a": {"range": [1, 3]}}, "a > 1 and", "conditions[0]"),
    ({"a": {"range": [1, 3]}}, [1], "conditions"),
])
def test_bad_declarations_name_the_field(declared, conditions, field):
    with pytest.raises(BankError) as info:
        parse_space(declared, conditions)
    assert info.value.field == field
    assert info.value.message


def test_stable_int_and_student_seed_are_fixed_values():
    # SHA-256 is the same everywhere; these values must never change between releases
    assert stable_int("ex", 1) == int.from_bytes(__import__("hashlib").sha256(b"ex\x1f1").digest(), "big")
    assert seed_for("ex", "alice") == seed_for("ex", "alice") != seed_for("ex", "bob")
    assert seed_for("ex", "alice") != seed_for("other", "alice")


def test_choices_are_identical_in_other_processes_and_hash_seeds():
    code = ("from exercises.params import parse_space; "
            "s = parse_space({'a': {'range': [1, 50]}, 'b': {'choices': [1, 2, 3]}}, ['a != b']); "
            "print([sorted((k, str(v)) for k, v in s.choose('ex-id', f'student{i}').items()) for i in range(8)])")
    outputs = set()
    for hashseed in ("0", "12345"):
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             env={"PYTHONHASHSEED": hashseed, "PATH": "/usr/bin:/bin"})
        outputs.add(run.stdout)
    assert len(outputs) == 1
    space = parse_space({"a": {"range": [1, 50]}, "b": {"choices": [1, 2, 3]}}, ["a != b"])
    here = [sorted((k, str(v)) for k, v in space.choose("ex-id", f"student{i}").items()) for i in range(8)]
    assert outputs.pop().strip() == str(here)
