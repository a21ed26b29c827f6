"""A server address urlsplit cannot read (`http://[::1`, an unclosed IPv6 host) is refused
in plain words wherever it is typed; each printed a ValueError traceback."""

from __future__ import annotations

import pytest

from .conftest import Timo

NOT_AN_ADDRESS = "is not a server address; expected something like https://vmoox.example.com"


@pytest.mark.parametrize(
    ("args", "status"),
    [
        # as `timo login` refuses any other address (`ftp://x`): a usage error
        (("login", "--server", "http://[::1", "--token", "x"), 2),
        (("config", "set", "account.server_url", "http://[::1"), 1),
        (("config", "set", "account.server_url", "https://[zz]/"), 1),
    ],
)
def test_a_malformed_address_typed_is_refused(
    timo: Timo, args: tuple[str, ...], status: int
) -> None:
    refused = timo(*args)
    typed = args[2] if args[0] == "login" else args[-1]
    assert (refused.returncode, refused.stderr) == (status, f"timo: '{typed}' {NOT_AN_ADDRESS}\n")


@pytest.mark.parametrize("command", ["whoami", "sync"])
def test_a_malformed_address_in_the_environment_is_refused(
    timo: Timo, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.setenv("VMOOX_TOKEN", "x")
    monkeypatch.setenv("VMOOX_SERVER", "http://[::1")
    refused = timo(command)
    assert refused.returncode == 1
    assert f"'http://[::1' {NOT_AN_ADDRESS}" in refused.stderr
    assert "Traceback" not in refused.stderr
