"""Code-execution attempts are ParseErrors with a clear message, and run nothing.

Checked three ways: a sentinel file a successful attack would create stays absent;
spies on os.system, subprocess, eval/exec and __import__ see no call while parsing;
and SymPy's string-evaluating entry points (sympify, parse_expr) are never given text.
"""
from __future__ import annotations

import builtins
import os
import subprocess
import sys

import pytest
import sympy
import sympy.parsing.sympy_parser as sympy_parser

from tutor.reading.errors import ParseError
from tutor.reading.parser import parse_uncached


def attacks(sentinel: str) -> list[str]:
    cmd = f"touch {sentinel}"
    return [
        f"__import__('os').system('{cmd}')",
        f"__import__(\"os\").system(\"{cmd}\")",
        "().__class__.__bases__[0].__subclasses__()",
        f"open('{sentinel}', 'w')",
        f"exec(\"open('{sentinel}','w')\")",
        f"eval(\"__import__('os').system('{cmd}')\")",
        f"lambda: __import__('os').system('{cmd}')",
        "lambda x: x",
        f"os.system('{cmd}')",
        "x.__class__",
        "sympy.sympify('x')",
        "globals()['__builtins__']",
        f"Symbol('x').__reduce__",
        f"$(touch {sentinel})",
        f"`touch {sentinel}`",
        "x; import os",
        "import os",
        f"{{'a': __import__('os')}}",
    ]


@pytest.fixture
def spies(monkeypatch):
    calls: list[str] = []

    def spy(name):
        def record(*args, **kwargs):
            calls.append(name)
            raise AssertionError(f"{name} called while parsing")
        return record

    real_import = builtins.__import__

    def guarded_import(name, *args, **kwargs):
        if name in ("os", "subprocess", "shutil", "socket"):
            calls.append(f"import {name}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(os, "system", spy("os.system"))
    monkeypatch.setattr(os, "popen", spy("os.popen"))
    monkeypatch.setattr(subprocess, "Popen", spy("subprocess.Popen"))
    real_eval, real_exec = builtins.eval, builtins.exec

    def text_spy(name, real):
        def check(source, *args, **kwargs):  # imports exec code objects; text would be an attack
            if isinstance(source, (str, bytes)):
                calls.append(name)
            return real(source, *args, **kwargs)
        return check

    monkeypatch.setattr(builtins, "eval", text_spy("eval", real_eval))
    monkeypatch.setattr(builtins, "exec", text_spy("exec", real_exec))
    monkeypatch.setattr(builtins, "__import__", guarded_import)
    monkeypatch.setattr(sympy_parser, "parse_expr", spy("parse_expr"))
    # any call of SymPy's sympify with a string, however it was imported, shows in a profile hook
    sympify_code = sys.modules["sympy.core.sympify"].sympify.__code__

    def profile(frame, event, arg):
        if event == "call" and frame.f_code is sympify_code and isinstance(frame.f_locals.get("a"), str):
            calls.append(f"sympify({frame.f_locals['a']!r})")

    sys.setprofile(profile)
    yield calls
    sys.setprofile(None)


def test_attacks_are_parse_errors_and_run_nothing(tmp_path, spies):
    sentinel = tmp_path / "pwned"
    for text in attacks(str(sentinel)):
        try:
            result = parse_uncached(text)
        except ParseError as err:
            assert err.message and err.hint
        else:  # read as harmless mathematics (a product of letters) -- never as code
            assert isinstance(result, sympy.Basic)
        assert not sentinel.exists(), text
    assert spies == []


@pytest.mark.parametrize("text,words", [
    ("__import__('os')", "Python, not mathematics"),
    ("lambda x: x + 1", "lambda is Python code"),
    ("os.system", "decimal point"),
    ("x.__class__", "decimal point"),
    ("'x'", "quotes"),
])
def test_attacks_get_a_clear_message(text, words):
    with pytest.raises(ParseError) as info:
        parse_uncached(text)
    assert words in info.value.message


def test_lambda_alone_is_the_greek_letter():
    assert parse_uncached("lambda") == sympy.Symbol("lambda")
