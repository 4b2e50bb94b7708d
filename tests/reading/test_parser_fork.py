"""A process forked while another thread holds the parser's build lock can still read."""
import os
import time

from tutor.reading import parser


def _wait(pid: int, seconds: float) -> int | None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.05)
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    return None


def test_a_child_forked_during_a_parser_build_reads():
    saved, parser._lark, parser._table = parser._lark, None, None
    parser._lock.acquire()  # as if another thread were building the parser at the fork
    try:
        pid = os.fork()
        if pid == 0:  # the child: it must build its own parser and read
            code = 1
            try:
                code = 0 if str(parser.parse("x^2 + 1")) == "x**2 + 1" else 1
            finally:
                os._exit(code)  # never back into pytest in the child
        assert _wait(pid, 30) == 0
    finally:
        parser._lock.release()
        parser._lark = saved
