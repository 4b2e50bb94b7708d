"""Settings (issue 17): the CALCTUTOR_* variables are read in tutor/settings.py only, bad
values get a sentence naming the variable, and the documented table matches the code."""
from __future__ import annotations

import ast
import os
import re
import signal
from pathlib import Path

import pytest

from tutor import settings, system
from tutor.settings import SettingsError, VARIABLES

ROOT = Path(__file__).resolve().parents[2]


def _reads_environment(node: ast.AST) -> bool:
    text = ast.unparse(node)
    return ("environ" in text or "getenv" in text) and "CALCTUTOR" in text


def test_no_other_module_reads_a_calctutor_variable():
    readers = []
    for pkg in ("tutor", "grader", "exercises"):
        for path in sorted((ROOT / pkg).rglob("*.py")):
            if path == ROOT / "tutor" / "settings.py":
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, (ast.Call, ast.Subscript)) and _reads_environment(node):
                    readers.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert readers == []


def test_the_scan_would_see_a_reader():
    assert _reads_environment(ast.parse('os.environ.get("CALCTUTOR_DEBUG")').body[0].value)
    assert _reads_environment(ast.parse('os.getenv(f"CALCTUTOR_PARSE_{n}")').body[0].value)


def test_values_are_read_and_follow_the_environment(monkeypatch):
    for name in [k for k in os.environ if k.startswith("CALCTUTOR_") and k != "CALCTUTOR_HOME"]:
        monkeypatch.delenv(name)
    assert settings.current().timeout == 3.0 and settings.current().bounded == "auto"
    monkeypatch.setenv("CALCTUTOR_TIMEOUT", "0.5")
    monkeypatch.setenv("CALCTUTOR_BOUNDED", "inline")
    monkeypatch.setenv("CALCTUTOR_DEBUG", "1")
    monkeypatch.setenv("CALCTUTOR_PARSE_MAX_LENGTH", "50")
    now = settings.current()
    assert (now.timeout, now.bounded, now.debug, now.no_viewer) == (0.5, "inline", True, False)
    assert dict(now.parse_limits) == {"max_length": 50}
    monkeypatch.setenv("CALCTUTOR_DEBUG", "")
    assert settings.current().debug is False  # empty counts as unset


@pytest.mark.parametrize("name, value", [
    ("CALCTUTOR_TIMEOUT", "abc"), ("CALCTUTOR_TIMEOUT", "0"), ("CALCTUTOR_TIMEOUT", "-1"),
    ("CALCTUTOR_TIMEOUT", "inf"), ("CALCTUTOR_TIMEOUT", "nan"), ("CALCTUTOR_BOUNDED", "thread"),
    ("CALCTUTOR_PARSE_MAX_DEPTH", "forty"), ("CALCTUTOR_PARSE_MAX_DEPTH", "-3"),
])
def test_a_bad_value_is_named_with_what_to_write(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as caught:
        settings.current()
    assert name in str(caught.value) and repr(value) in str(caught.value)


def test_the_cli_stops_at_start_up_on_a_bad_value(monkeypatch, capsys):
    from tutor.cli import main

    monkeypatch.setenv("CALCTUTOR_TIMEOUT", "three")
    assert main(["diff", "x^2"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("calctutor: CALCTUTOR_TIMEOUT") and "Traceback" not in err


def test_a_misspelt_reader_limit_is_refused_with_the_list(monkeypatch):
    from tutor.reading import limits

    monkeypatch.setenv("CALCTUTOR_PARSE_MAX_LENGHT", "10")
    with pytest.raises(SettingsError, match="not a reader limit.*CALCTUTOR_PARSE_MAX_LENGTH"):
        limits._from_env()


def test_the_documented_table_is_the_code_s_table():
    text = (ROOT / "docs" / "settings.md").read_text()
    table = text.split("<!-- settings-table -->")[1].split("<!-- /settings-table -->")[0]
    rows = [line.split("|")[1:-1] for line in table.strip().splitlines()[2:]]
    assert {re.sub(r"`", "", r[0]).strip(): r[1].strip() for r in rows} == {k: d for k, (d, _) in VARIABLES.items()}
    assert "docs/settings.md" in (ROOT / "README.md").read_text()


@pytest.mark.parametrize("remove, named", [((os, "fork"), "fork"), ((signal, "SIGALRM"), "SIGALRM")])
def test_a_system_without_fork_or_sigalrm_is_told_so_at_start_up(monkeypatch, capsys, remove, named):
    from tutor.cli import main

    assert system.unsupported() is None  # this machine runs the suite, so it is supported
    monkeypatch.delattr(*remove)
    problem = system.unsupported()
    assert named in problem and "Linux and macOS" in problem
    assert main(["diff", "x^2"]) == 2
    assert capsys.readouterr().err == f"calctutor: {problem}\n"
