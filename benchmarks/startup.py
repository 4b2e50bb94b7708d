"""Start-up time of the tutor: time to the first prompt, and ``calctutor --help``.

Side by side with ``python -c "import sympy"``, the cost the tutor avoids
paying before the first prompt (SymPy and matplotlib load lazily, and the
REPL warms SymPy up in the background while the student reads).

    python benchmarks/startup.py [--runs 7]
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PYTHON = sys.executable
CALCTUTOR = [PYTHON, "-m", "tutor"]


def _env(home: str) -> dict[str, str]:
    return dict(os.environ, CALCTUTOR_HOME=home, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm",
                CALCTUTOR_NO_VIEWER="1")


def first_prompt_tty(home: str) -> float:
    """Seconds from spawn to the prompt on a pseudo-terminal (prompt_toolkit path)."""
    import pexpect

    start = time.perf_counter()
    child = pexpect.spawn(CALCTUTOR[0], CALCTUTOR[1:] + ["--user", "bench"], env=_env(home),
                          encoding="utf-8", timeout=30, dimensions=(40, 100))
    child.expect("calctutor>")
    elapsed = time.perf_counter() - start
    child.sendcontrol("d")
    child.expect(pexpect.EOF)
    child.close()
    return elapsed


def first_prompt_piped(home: str) -> float:
    """Seconds from spawn to the prompt with piped stdin (scripts, tests)."""
    start = time.perf_counter()
    proc = subprocess.Popen(CALCTUTOR + ["--user", "bench"], env=_env(home), stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    seen = b""
    while b"calctutor>" not in seen:
        chunk = proc.stdout.read1(4096)
        if not chunk:
            raise RuntimeError("the tutor ended before its prompt")
        seen += chunk
    elapsed = time.perf_counter() - start
    proc.communicate(b":quit\n", timeout=30)
    return elapsed


def command(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        first_prompt_piped(home)  # create the progress database and warm the OS file cache
        cases = {
            "first prompt (terminal, prompt_toolkit)": lambda: first_prompt_tty(home),
            "first prompt (piped stdin)": lambda: first_prompt_piped(home),
            "calctutor --help": lambda: command(CALCTUTOR + ["--help"]),
            'python -c "import sympy" (baseline)': lambda: command([PYTHON, "-c", "import sympy"]),
            'python -c "pass" (interpreter only)': lambda: command([PYTHON, "-c", "pass"]),
        }
        results = {name: sorted(fn() for _ in range(args.runs)) for name, fn in cases.items()}
    print(f"# calctutor start-up, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {args.runs} runs each")
    print()
    print("| what | median (s) | best (s) |")
    print("|---|---:|---:|")
    for name, times in results.items():
        print(f"| {name} | {statistics.median(times):.3f} | {times[0]:.3f} |")
    print()
    print("Targets: first prompt <= 1.5 s, --help <= 0.3 s.")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    main()
