"""With no keyring, the sign-in kept in a file is said where it matters: by `timo login
--allow-file-store`, which chose the file, and by `timo whoami` and `timo doctor` when
asked; not again by every command that reaches Vmoox (`timo sync`, `timo workspace`),
where it soon went unread. The real CLI in-process, against the sandbox over loopback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.keyring_file import use_no_keyring
from tests.support.sandbox import SandboxHandle
from timo_desktop.cli import run_cli

RISK = "anyone who can read your files can use it; run `timo logout` to remove it"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[str, str]:
    assert run_cli(list(args)) == 0, capsys.readouterr().err
    return capsys.readouterr()  # type: ignore[return-value]


def test_the_file_store_is_said_at_login_and_when_asked_not_by_every_command(
    timo_home: Path,
    sandbox: SandboxHandle,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    use_no_keyring(monkeypatch)
    kept = timo_home / "config" / "credentials.json"
    warning = f"Warning: your Vmoox sign-in is kept in {kept} (readable only by you)"
    login = ("login", "--server", sandbox.base_url, "--token", sandbox.token)
    _, said = _run(capsys, *login, "--allow-file-store")
    assert warning in said and RISK in said.lower()
    for command in (("sync",), ("workspace",)):
        _, said = _run(capsys, *command)
        assert said == "", command
    _, said = _run(capsys, "whoami")
    assert warning in said
    run_cli(["doctor"])  # its other checks say how this machine is, whatever its status
    out = capsys.readouterr().out
    [sign_in] = [line for line in out.splitlines() if "sign-in:" in line]
    assert f"kept in {kept} (--allow-file-store): {RISK}" in sign_in
    _, said = _run(capsys, "logout")  # the file goes: nothing left to warn of
    assert said == "" and not kept.exists()
