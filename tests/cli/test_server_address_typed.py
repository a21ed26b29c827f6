"""A server address urlsplit cannot read (`http://[::1`, an unclosed IPv6 host) is refused
in plain words wherever it is typed; each printed a ValueError traceback. One that lacks
only its scheme, or has a path where no Vmoox server answers, is refused saying the
address it means."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.keyring_file import use_file_keyring
from tests.support.sandbox import SandboxHandle

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


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("127.0.0.1:8765", "http://127.0.0.1:8765"),
        ("localhost:8765/", "http://localhost:8765"),
        # Plain http reaches this computer only: to another, even nearby, it is refused.
        ("192.168.1.5:8765", "https://192.168.1.5:8765"),
        ("vmoox.example.com", "https://vmoox.example.com"),
    ],
)
def test_an_address_typed_without_its_scheme_is_refused_with_the_one_it_means(
    timo: Timo, typed: str, meant: str
) -> None:
    """It said "expected something like https://vmoox.example.com", this computer too,
    which the sandbox's `http://127.0.0.1:8765` is on."""
    said = f"timo: '{typed}' is not a server address; did you mean {meant}?\n"
    login = timo("login", "--server", typed, "--token", "x")
    assert (login.returncode, login.stderr) == (2, said)
    setting = timo("config", "set", "account.server_url", typed)
    assert (setting.returncode, setting.stderr) == (1, said)


def test_an_address_with_a_path_that_is_not_found_is_offered_without_it(
    timo: Timo, sandbox: SandboxHandle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It said only "there is no Vmoox server at this address (it answered 404)"."""
    use_file_keyring(monkeypatch, tmp_path / "keyring.json")
    refused = timo("login", "--server", f"{sandbox.base_url}/api/v1", "--token", sandbox.token)
    assert (refused.returncode, refused.stderr) == (
        1,
        "timo: there is no Vmoox server at this address (it answered 404);"
        f" did you mean {sandbox.base_url}?\n",
    )
    taken = timo("login", "--server", sandbox.base_url, "--token", sandbox.token)
    assert taken.returncode == 0, taken.stderr
