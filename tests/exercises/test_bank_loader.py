"""Loading bank files: the schema, and errors that name file, exercise id and field."""
import textwrap

import pytest

import exercises
from grader.checking import check_variant
from exercises.bank_loader import builtin_files
from exercises.errors import BankError, BankLoadError

GOOD = '''
topic = "surfaces"

[[exercise]]
id = "tf-one"
title = "A statement"
task = "true_false"
prompt = "True or false: $x^2 \\\\ge 0$ for every real $x$."
answer = true
points = 2
difficulty = 1
tags = ["demo"]
[[exercise.hints]]
text = "Squares of reals."
cost = 0.5
[[exercise.hints]]
text = "Try a negative $x$."
cost = 1

[[exercise]]
id = "mc-one"
topic = "limits"
title = "A choice"
task = "multiple_choice"
prompt = "Pick one."
choices = ["first", "second", "third"]
answer = "c"
'''


def write(tmp_path, text, name="bank.toml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load_error(tmp_path, text) -> BankLoadError:
    path = write(tmp_path, text)
    with pytest.raises(BankLoadError) as info:
        exercises.load(path)
    return info.value


def test_a_teacher_file_loads_with_defaults_and_hints(tmp_path):
    bank = exercises.load(write(tmp_path, GOOD))
    assert list(bank) == ["tf-one", "mc-one"]
    tf = bank["tf-one"]
    assert tf.topic == "surfaces"  # the file's default topic
    assert (tf.task, tf.kind, tf.points, tf.difficulty, tf.tags) == ("true_false", "true_false", 2, 1, ("demo",))
    assert [(h.text, h.cost) for h in tf.hints] == [("Squares of reals.", 0.5), ("Try a negative $x$.", 1)]
    assert bank["mc-one"].topic == "limits" and bank["mc-one"].kind == "multiple_choice"
    assert bank.topics() == ["surfaces", "limits"]  # course order, not file order
    assert [e.id for e in bank.by_topic("limits")] == ["mc-one"]


def test_a_folder_loads_every_file(tmp_path):
    write(tmp_path, GOOD, "a.toml")
    write(tmp_path, GOOD.replace("tf-one", "tf-two").replace("mc-one", "mc-two"), "b.toml")
    assert len(exercises.load(tmp_path)) == 4


def test_unknown_id_and_topic_suggest_the_nearest(tmp_path):
    bank = exercises.load(write(tmp_path, GOOD))
    with pytest.raises(KeyError, match="did you mean 'tf-one'"):
        bank["tf-oen"]
    with pytest.raises(KeyError, match="did you mean 'limits'"):
        bank.by_topic("limit")


@pytest.mark.parametrize("change, exercise, field, words", [
    (("title = \"A statement\"\n", ""), "tf-one", "title", "required"),
    (("task = \"true_false\"", "task = \"true_flase\""), "tf-one", "task", "did you mean 'true_false'"),
    (("points = 2", "pionts = 2"), "tf-one", "pionts", "did you mean 'points'"),
    (("points = 2", "points = -1"), "tf-one", "points", "positive"),
    (("difficulty = 1", "difficulty = 9"), "tf-one", "difficulty", "between 1 and 5"),
    (("answer = true", "answer = \"yes\""), "tf-one", "answer", "true or false"),
    (("cost = 1\n", "cost = -1\n"), "tf-one", "hints[1].cost", ">= 0"),
    (("text = \"Squares of reals.\"", "txt = \"Squares of reals.\""), "tf-one", "hints[0]", "unknown key"),
    (("id = \"tf-one\"", "id = \"TF_one\""), "TF_one", "id", "kebab-case"),
    (("answer = \"c\"", "answer = \"e\""), "mc-one", "answer", "no choice 'e'"),
    (("answer = \"c\"", "answer = \"c\"\nfeedback = [\"x\"]"), "mc-one", "feedback", "one feedback line per choice"),
    (("tags = [\"demo\"]", "tags = \"demo\""), "tf-one", "tags", "list"),
    (("tags = [\"demo\"]", "kind = \"vector\""), "tf-one", "kind", "graded as 'true_false'"),
    (("tags = [\"demo\"]", "kind = \"vectr\""), "tf-one", "kind", "did you mean 'vector'"),
    (("tags = [\"demo\"]", "grading = { tolerence = 0.1 }"), "tf-one", "grading.tolerence", "did you mean 'tolerance'"),
    (("tags = [\"demo\"]", "grading = { form = \"tidy\" }"), "tf-one", "grading.form", "simplified"),
    (("tags = [\"demo\"]", "grading = { functions = { \"σ(z)\" = \"1/(1 + \" } }"), "tf-one",
     "grading.functions.σ(z)", "cannot read the definition"),
    (("tags = [\"demo\"]", "grading = { functions = { \"2σ\" = \"z\" } }"), "tf-one",
     "grading.functions.2σ", "a name and its parameters"),
    (("tags = [\"demo\"]", "grading = { functions = \"σ\" }"), "tf-one", "grading.functions", "a table"),
    (("tags = [\"demo\"]", "parameters = { a = { range = [1] } }"), "tf-one", "parameters.a.range", "[low, high]"),
    (("tags = [\"demo\"]", "parameters = { a = [1, 2] }\nconditions = [\"a > 2\"]"), "tf-one", "conditions",
     "no choice"),
])
def test_schema_errors_name_file_exercise_and_field(tmp_path, change, exercise, field, words):
    old, new = change
    assert old in GOOD
    err = load_error(tmp_path, GOOD.replace(old, new, 1))
    assert len(err.errors) == 1
    (problem,) = err.errors
    assert problem.file.endswith("bank.toml")
    assert (problem.exercise, problem.field) == (exercise, field)
    assert words in problem.message
    assert f"exercise {exercise!r}" in str(err) and f"field {field!r}" in str(err)


def test_all_problems_are_reported_together(tmp_path):
    text = GOOD.replace("answer = true", "answer = 1").replace("answer = \"c\"", "answer = \"z\"")
    err = load_error(tmp_path, text)
    assert [(e.exercise, e.field) for e in err.errors] == [("tf-one", "answer"), ("mc-one", "answer")]


def test_duplicate_ids_across_files(tmp_path):
    write(tmp_path, GOOD, "a.toml")
    write(tmp_path, GOOD.replace("mc-one", "mc-two"), "b.toml")
    with pytest.raises(BankLoadError) as info:
        exercises.load(tmp_path)
    (problem,) = info.value.errors
    assert problem.exercise == "tf-one" and problem.field == "id" and "a.toml" in problem.message


def test_missing_topic_is_an_error(tmp_path):
    err = load_error(tmp_path, GOOD.replace('topic = "surfaces"', ""))
    assert (err.errors[0].exercise, err.errors[0].field) == ("tf-one", "topic")


@pytest.mark.parametrize("text, words", [
    ("[[exercise]\nid = 1", "not valid TOML"),
    ("title = 'x'\n", "unknown top-level key"),
    ("exercise = 3\n", "[[exercise]] table"),
])
def test_file_level_problems(tmp_path, text, words):
    err = load_error(tmp_path, text)
    assert words in str(err)
    assert err.errors[0].file.endswith("bank.toml")


def test_missing_path_and_empty_folder(tmp_path):
    with pytest.raises(BankError, match="no such file"):
        exercises.load(tmp_path / "nope")
    with pytest.raises(BankError, match=r"no \*\.toml"):
        exercises.load(tmp_path)


def test_builtin_bank_loads_and_is_package_data():
    files = builtin_files()
    assert files and all(f.suffix == ".toml" for f in files)
    bank = exercises.load()
    assert len(bank) >= 8
    assert all(ex.source.startswith("exercises/bank/") for ex in bank.values())
    ids = [ex.id for ex in bank.values()]
    assert len(ids) == len(set(ids))


def test_defined_functions_and_asked_reach_the_grader(tmp_path):
    text = GOOD + textwrap.dedent('''
        [[exercise]]
        id = "sig"
        topic = "chain-rule"
        title = "Sigmoid"
        task = "derivative"
        variable = "z"
        prompt = "Differentiate the sigmoid."
        function = "1/(1 + exp(-z))"
        grading = { functions = { "σ(z)" = "1/(1 + exp(-z))" }, asked = "σ'(z)" }
        ''')
    bank = exercises.load(write(tmp_path, text))
    variant = bank["sig"].variant(0)
    assert variant.options()["functions"] == {"σ(z)": "1/(1 + exp(-z))"}
    assert check_variant(variant, "σ(z)(1 - σ(z))").status == "correct"
    assert check_variant(variant, "sigma'(z) = sigma(z)(1 - sigma(z))").status == "correct"
    assert check_variant(variant, "g'(z) = σ(z)(1 - σ(z))").status == "invalid"
