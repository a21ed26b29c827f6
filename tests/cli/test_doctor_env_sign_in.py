"""`timo doctor` takes a sign-in through VMOOX_TOKEN as `timo whoami` and sync do."""

from __future__ import annotations

import pytest

from timo_desktop.cli.account import check_sign_in


def test_a_token_in_the_environment_is_a_sign_in(monkeypatch: pytest.MonkeyPatch) -> None:
    assert check_sign_in()[1].startswith("not signed in")
    monkeypatch.setenv("VMOOX_TOKEN", "pat_from_the_environment")
    monkeypatch.setenv("VMOOX_SERVER", "https://vmoox.example")
    assert check_sign_in() == (True, "signed in through VMOOX_TOKEN on https://vmoox.example")


def test_a_token_without_a_server_says_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VMOOX_TOKEN", "pat_from_the_environment")
    ok, detail = check_sign_in()
    assert not ok
    assert detail.startswith("VMOOX_TOKEN is set but no server is known; set VMOOX_SERVER")


def test_a_malformed_server_in_the_environment_is_a_failed_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`VMOOX_SERVER=http://[::1` stopped `timo doctor` with a traceback."""
    monkeypatch.setenv("VMOOX_TOKEN", "pat_from_the_environment")
    monkeypatch.setenv("VMOOX_SERVER", "http://[::1")
    ok, detail = check_sign_in()
    assert not ok
    assert detail.startswith("'http://[::1' is not a server address")
