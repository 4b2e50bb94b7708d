"""``calctutor bank list|show|validate`` (in-process through tutor.cli.main, one real subprocess)."""
import json
import subprocess
import sys
import textwrap

from tutor.cli import main

BROKEN = '''
[[exercise]]
id = "broken-one"
topic = "surfaces"
title = "Broken"
task = "true_false"
prompt = "A statement."
answr = true
'''


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_list_groups_by_topic_in_course_order(capsys):
    status, out, _ = run(capsys, "bank", "list")
    assert status == 0
    assert out.index("several-variables —") < out.index("surfaces —") < out.index("limits —")
    assert "saddle-vs-minimum" in out and out.rstrip().endswith("exercises")


def test_list_one_topic_and_json(capsys):
    status, out, _ = run(capsys, "bank", "list", "--topic", "limits", "--json")
    assert status == 0
    data = json.loads(out)
    assert data and {d["topic"] for d in data} == {"limits"}
    assert {"id", "title", "task", "kind", "points", "difficulty", "tags", "hints"} <= set(data[0])


def test_unknown_topic_or_id_is_a_clear_error(capsys):
    status, _, err = run(capsys, "bank", "list", "--topic", "limts")
    assert status == 2 and "did you mean 'limits'" in err
    status, _, err = run(capsys, "bank", "show", "saddle-vs-minimun")
    assert status == 2 and "did you mean 'saddle-vs-minimum'" in err and "Traceback" not in err


def test_show_hides_the_answer_unless_asked(capsys):
    status, out, _ = run(capsys, "bank", "show", "dense-level-curves")
    assert status == 0 and "Crowded contour lines" in out and "a) The loss is almost flat" in out
    assert "Answer" not in out
    status, out, _ = run(capsys, "bank", "show", "dense-level-curves", "--solution")
    assert "Answer (multiple_choice): b" in out and "Worked solution" in out


def test_show_json_and_markdown(capsys):
    status, out, _ = run(capsys, "bank", "show", "gradient-perpendicular", "--json")
    data = json.loads(out)
    assert data["id"] == "gradient-perpendicular" and "answer_text" not in data
    status, out, _ = run(capsys, "bank", "show", "gradient-perpendicular", "--json", "--solution")
    assert json.loads(out)["answer_text"] == "true"
    status, out, _ = run(capsys, "bank", "show", "gradient-perpendicular", "--format", "markdown")
    assert "$\\nabla f \\neq 0$" in out


def test_student_variant_is_stable(capsys):
    _, first, _ = run(capsys, "bank", "show", "saddle-vs-minimum", "--student", "alice", "--json")
    _, again, _ = run(capsys, "bank", "show", "saddle-vs-minimum", "--student", "alice", "--json")
    assert first == again


def test_validate_reports_schema_problems_with_file_id_field(capsys, tmp_path):
    path = tmp_path / "teacher.toml"
    path.write_text(textwrap.dedent(BROKEN), encoding="utf-8")
    status, _, err = run(capsys, "bank", "validate", str(path))
    assert status == 2
    assert "teacher.toml: exercise 'broken-one': field 'answr'" in err and "did you mean 'answer'" in err


def test_validate_flags_an_unknown_placeholder(capsys, tmp_path):
    path = tmp_path / "teacher.toml"
    text = BROKEN.replace("answr", "answer").replace("A statement.", "A statement about {lrr}.")
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    status, out, _ = run(capsys, "bank", "validate", str(path), "--json")
    report = json.loads(out)
    assert status == 1 and not report["ok"]
    assert any(p["field"] == "prompt" and "{lrr}" in p["message"] for p in report["problems"])


def test_bank_help_runs_in_a_subprocess():
    done = subprocess.run([sys.executable, "-m", "tutor", "bank", "--help"], capture_output=True, text=True)
    assert done.returncode == 0
    assert "list" in done.stdout and "show" in done.stdout and "validate" in done.stdout
