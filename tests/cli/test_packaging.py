"""Packaging: one version, a licence file that matches the declared licence, py.typed installed, metadata."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

import tutor

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PACKAGES = ("tutor", "grader", "exercises")


def test_the_version_has_one_source():
    project = PROJECT["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert PROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "tutor.__version__"}
    parts = tutor.__version__.split(".")
    assert len(parts) == 3 and all(p.isdigit() for p in parts)


def test_calctutor_version_prints_it():
    done = subprocess.run([sys.executable, "-m", "tutor", "--version"], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == f"calctutor {tutor.__version__}"


def test_the_licence_file_matches_the_declared_licence():
    assert PROJECT["project"]["license"] == "MIT"
    assert PROJECT["project"]["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "Permission is hereby granted, free of charge" in text
    assert not [c for c in PROJECT["project"]["classifiers"] if c.startswith("License ::")]  # PEP 639: one place


def test_every_package_is_typed_and_ships_its_marker():
    data = PROJECT["tool"]["setuptools"]["package-data"]
    for package in PACKAGES:
        assert (ROOT / package / "py.typed").is_file()
        assert "py.typed" in data[package]
    assert "Typing :: Typed" in PROJECT["project"]["classifiers"]


def _installed():
    try:
        dist = metadata.distribution("calctutor")
    except metadata.PackageNotFoundError:
        pytest.skip("calctutor is not installed (CI installs it: pip install '.[test]')")
    direct = dist.read_text("direct_url.json")
    if direct and json.loads(direct).get("dir_info", {}).get("editable"):
        pytest.skip("an editable install keeps the metadata of when it was installed")
    return dist


def test_the_installed_metadata():
    dist = _installed()
    meta = dist.metadata
    assert dist.version == tutor.__version__
    assert meta["License-Expression"] == "MIT"
    assert "Typing :: Typed" in meta.get_all("Classifier")
    files = {f.as_posix() for f in dist.files or ()}
    assert {f"{p}/py.typed" for p in PACKAGES} <= files
    assert any(f.rsplit("/", 1)[-1] == "LICENSE" for f in files)  # where depends on the setuptools version
