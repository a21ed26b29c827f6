"""Bundle metadata gets dotted numbers from git-tag versions like 1.2.4.dev3+g1a2b3c4."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"  # build scripts, not package data


def load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


versioning = load("versioning", PACKAGING / "versioning.py")


@pytest.mark.parametrize(
    ("version", "three", "four"),
    [
        ("1.2.3", "1.2.3", "1.2.3.0"),
        ("0.1.1.dev36+g5da96ab2e.d20261126", "0.1.1", "0.1.1.0"),
        ("2.0", "2.0.0", "2.0.0.0"),
        ("1.0.0rc1", "1.0.0", "1.0.0.0"),
        ("10.20.30.40", "10.20.30", "10.20.30.0"),
    ],
)
def test_dotted_keeps_the_release_numbers_only(version: str, three: str, four: str) -> None:
    assert versioning.dotted(version) == three
    assert versioning.dotted(version, 4) == four
