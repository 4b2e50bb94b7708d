"""Shared test setup: a private data directory, a headless backend, Hypothesis profiles."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("MPLBACKEND", "Agg")

settings.register_profile("dev", deadline=None, max_examples=60,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", deadline=None, max_examples=100, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", deadline=None, max_examples=5000,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True, scope="session")
def _private_home(tmp_path_factory):
    """No test reads or writes the real user's progress database."""
    home = tmp_path_factory.mktemp("calctutor-home")
    os.environ["CALCTUTOR_HOME"] = str(home)
    yield home


@pytest.fixture
def data_dir() -> Path:
    return DATA
