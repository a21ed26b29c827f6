"""Timo's version in the numeric forms that bundle metadata demands.

The package version comes from git tags and reads like `1.2.4.dev3+g1a2b3c4`
between releases; Windows version resources, Inno Setup and macOS's
`CFBundleShortVersionString` accept only dotted numbers.
"""

from __future__ import annotations

import re


def numeric_version(version: str) -> tuple[int, int, int]:
    """Major, minor and patch of a PEP 440 version: "1.2.4.dev3+g1a2b" → (1, 2, 4)."""
    release = re.match(r"\d+(?:\.\d+)*", version.split("+")[0])
    numbers = [int(n) for n in release.group(0).split(".")] if release else []
    major, minor, patch = [*numbers, 0, 0, 0][:3]
    return (major, minor, patch)


def dotted(version: str, parts: int = 3) -> str:
    """`numeric_version` as text, padded with zeros to `parts` numbers: "1.2.4" or "1.2.4.0"."""
    return ".".join(str(n) for n in [*numeric_version(version), 0][:parts])
