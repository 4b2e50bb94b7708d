"""A bounded call inside a Jupyter kernel (ipykernel) returns, and the kernel shuts down cleanly afterwards."""
from __future__ import annotations

import time

import pytest

pytest.importorskip("jupyter_client")
pytest.importorskip("ipykernel")

CODE = """
import operator
import tutor
from tutor.engine.bounded import bounded
r = tutor.limit("sin(x)/x", "x=0")
print("RESULT", bounded(operator.mul, 6, 7, timeout=30), r.exists, r.value)
"""


def test_a_bounded_call_inside_a_jupyter_kernel_returns_and_the_kernel_ends():
    from jupyter_client import KernelManager

    km = KernelManager(kernel_name="python3")  # ipykernel's native spec: this interpreter, this environment
    km.start_kernel()
    out: list[str] = []
    try:
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=120)
            reply = kc.execute_interactive(CODE, timeout=120,
                                           output_hook=lambda msg: out.append(msg["content"].get("text", "")))
            assert reply["content"]["status"] == "ok", reply["content"]
            kc.shutdown()  # a polite request only: the kernel must end on its own, not be killed
            deadline = time.monotonic() + 60
            while km.is_alive() and time.monotonic() < deadline:
                time.sleep(0.2)
            assert not km.is_alive(), "the kernel did not exit after a bounded call"
        finally:
            kc.stop_channels()
    finally:
        if km.has_kernel:
            km.shutdown_kernel(now=True)
    assert "RESULT 42 True 1" in "".join(out)
