"""Fixtures for the platform tests: the real X desktop harness."""

from tests.support.desktop import desktop

__all__ = ["desktop"]
