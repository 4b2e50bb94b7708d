"""The command line: --help is fast because it imports no SymPy, and errors are clean."""
from __future__ import annotations

import subprocess
import sys

from tutor.cli import COMMANDS, available

PROBE = """
import sys
from tutor.cli import main
try:
    main(["--help"])
except SystemExit:
    pass
print("SYMPY_LOADED" if "sympy" in sys.modules else "SYMPY_ABSENT", file=sys.stderr)
"""


def test_help_lists_the_installed_commands_without_importing_sympy():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60)
    assert "SYMPY_ABSENT" in out.stderr
    for name in available():
        assert name in out.stdout


def test_every_registered_command_module_has_the_command_interface():
    import importlib

    for name, (module, _help) in COMMANDS.items():
        mod = importlib.import_module(module)
        assert callable(mod.add_arguments) and callable(mod.run), name


def test_the_computing_commands_are_the_catalogue_operations():
    from tutor.cli import OPERATION_MODULE
    from tutor.operations.catalogue import operations

    derived = [name for name, (module, _help) in available().items() if module == OPERATION_MODULE]
    assert derived == list(operations())
    assert not set(derived) & set(COMMANDS)


def test_unknown_command_is_rejected_with_usage():
    out = subprocess.run([sys.executable, "-m", "tutor", "frobnicate"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert "invalid choice: 'frobnicate'" in out.stderr


def test_registry_names_modules_under_tutor_commands():
    assert all(module == f"tutor.commands.{name}" for name, (module, _h) in COMMANDS.items())
