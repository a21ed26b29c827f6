"""`timo login`, `timo whoami`, `timo logout` as real processes against the
sandbox over loopback. The processes share a file-backed test keyring
(`tests/support/keyring_file.py`), kept outside TIMO_HOME."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.auth.sign_in_pages import submit_like_a_browser
from tests.cli.conftest import Timo
from tests.support.keyring_file import FileKeyring, use_file_keyring, use_no_keyring
from tests.support.sandbox import SandboxHandle


@pytest.fixture
def shared_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FileKeyring:
    return use_file_keyring(monkeypatch, tmp_path / "keyring.json")


def everything_written(home: Path) -> str:
    return "".join(f.read_text(errors="replace") for f in home.rglob("*") if f.is_file())


def test_login_whoami_logout_with_a_token(
    timo: Timo, sandbox: SandboxHandle, shared_keyring: FileKeyring, timo_home: Path
) -> None:
    login = timo("login", "--server", sandbox.base_url, "--token", sandbox.token)
    assert login.returncode == 0, login.stderr
    assert "Signed in to" in login.stdout and "Dana Demo" in login.stdout
    assert shared_keyring.secrets() == {f"timo-desktop|{sandbox.base_url}|usr_1": sandbox.token}
    settings = json.loads((timo_home / "config" / "settings.json").read_text())
    assert settings["account"]["server_url"] == sandbox.base_url

    who = timo("whoami")
    assert who.returncode == 0, who.stderr
    assert "Dana Demo <dana@example.com>" in who.stdout and "system keyring" in who.stdout
    report = json.loads(timo("whoami", "--json").stdout)
    assert report["signed_in"] and report["user"]["id"] == "usr_1"
    assert report["workspace"]["workspace_id"] == "ws_1" and report["can_track"]
    assert report["credential"] == "pat" and report["store"] == "keyring"
    assert sandbox.token not in everything_written(timo_home) + who.stdout + who.stderr

    logout = timo("logout")
    assert logout.returncode == 0 and "Signed out" in logout.stdout
    assert shared_keyring.secrets() == {}
    after = timo("whoami")
    assert after.returncode == 1 and "not signed in" in after.stderr
    assert json.loads(timo("whoami", "--json").stdout) == {"signed_in": False}
    assert timo("logout").stdout.strip() == "Not signed in."


def test_a_locked_keyring_is_said_in_a_line_and_sign_out_still_signs_out(
    timo: Timo, sandbox: SandboxHandle, shared_keyring: FileKeyring, timo_home: Path
) -> None:
    """Locked after the sign-in (its unlock prompt dismissed): `timo whoami`, `timo sync`
    and `timo logout` ended in a traceback, and there was no way to sign out."""
    assert timo("login", "--server", sandbox.base_url, "--token", sandbox.token).returncode == 0
    shared_keyring.lock()
    for command in (("whoami",), ("sync",)):
        done = timo(*command)
        assert done.returncode == 1, command
        assert "Traceback" not in done.stderr, done.stderr
        assert done.stderr.startswith("timo: ") and "keyring" in done.stderr, done.stderr
    logout = timo("logout")
    assert logout.returncode == 0 and "Traceback" not in logout.stderr, logout.stderr
    assert "Signed out" in logout.stdout
    assert "keyring" in logout.stderr  # what is left there, and why
    assert not (timo_home / "config" / "account.json").exists()
    assert timo("whoami").returncode == 1


def test_a_locked_keyring_with_the_file_store_allowed_signs_in_to_the_file(
    timo: Timo, sandbox: SandboxHandle, shared_keyring: FileKeyring, timo_home: Path
) -> None:
    """`--allow-file-store` was taken only where there was no keyring at all: with one that
    refused (locked), `timo login` said to use the very flag it was given."""
    shared_keyring.lock()
    login = timo(
        "login", "--server", sandbox.base_url, "--token", sandbox.token, "--allow-file-store"
    )
    assert login.returncode == 0, login.stderr
    assert sandbox.token in (timo_home / "config" / "credentials.json").read_text()
    who = timo("whoami")
    assert who.returncode == 0 and "Dana Demo" in who.stdout, who.stderr


def test_token_from_stdin(timo: Timo, sandbox: SandboxHandle, shared_keyring: FileKeyring) -> None:
    login = timo("login", "--server", sandbox.base_url, "--token", "-", input=sandbox.token + "\n")
    assert login.returncode == 0, login.stderr
    assert list(shared_keyring.secrets().values()) == [sandbox.token]


def test_refusals_are_one_plain_line_and_store_nothing(
    timo: Timo, sandbox: SandboxHandle, shared_keyring: FileKeyring, timo_home: Path
) -> None:
    insecure = timo("login", "--server", "http://vmoox.example.com", "--token", "x")
    assert insecure.returncode == 2 and "plain http" in insecure.stderr
    wrong = timo("login", "--server", sandbox.base_url, "--token", "vmx_pat_wrong")
    assert wrong.returncode == 1 and "refused this token" in wrong.stderr
    assert "vmx_pat_wrong" not in wrong.stderr
    assert shared_keyring.secrets() == {}
    assert not (timo_home / "config" / "account.json").exists()


def test_no_keyring_says_so_and_file_store_is_opt_in(
    timo: Timo, sandbox: SandboxHandle, monkeypatch: pytest.MonkeyPatch, timo_home: Path
) -> None:
    use_no_keyring(monkeypatch)
    refused = timo("login", "--server", sandbox.base_url, "--token", sandbox.token)
    assert refused.returncode == 1
    assert refused.stderr.endswith(
        "Keep the sign-in in a file readable only by you (`timo login --allow-file-store`),"
        " or, for this shell only, set VMOOX_TOKEN (and VMOOX_SERVER) instead of signing"
        " in.\n"
    )  # not "Timo can stay signed in only until it quits", which only the window can
    assert refused.stderr.startswith("timo: No usable keyring: ")
    assert not (timo_home / "config" / "account.json").exists()

    login = timo(
        "login", "--server", sandbox.base_url, "--token", sandbox.token, "--allow-file-store"
    )
    assert login.returncode == 0, login.stderr
    stored = timo_home / "config" / "credentials.json"
    assert login.stderr.count("Warning") == 1 and str(stored) in login.stderr
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    who = timo("whoami")
    assert who.returncode == 0 and who.stderr.count("Warning") == 1 and "a file" in who.stdout
    assert timo("logout").returncode == 0
    assert not stored.exists()


def test_vmoox_token_overrides_for_scripts(
    timo: Timo, sandbox: SandboxHandle, shared_keyring: FileKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert timo("login", "--server", sandbox.base_url, "--token", sandbox.token).returncode == 0
    monkeypatch.setenv("VMOOX_TOKEN", sandbox.mint_pat("usr_2"))
    report = json.loads(timo("whoami", "--json").stdout)
    assert report["user"]["id"] == "usr_2" and report["credential"] == "env"
    monkeypatch.setenv("VMOOX_SERVER", sandbox.base_url)
    logout = timo("logout")
    assert "VMOOX_TOKEN is still set" in logout.stderr
    assert shared_keyring.secrets() == {}
    assert json.loads(timo("whoami", "--json").stdout)["user"]["id"] == "usr_2"


def start_browser_login(
    sandbox: SandboxHandle, timo_home: Path
) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "timo_desktop",
            "login",
            "--server",
            sandbox.base_url,
            "--no-browser",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TIMO_HOME": str(timo_home)},
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("http"):
            return process, line.strip()
    process.kill()
    raise AssertionError(f"no sign-in address printed: {process.communicate()}")


def test_browser_login_through_the_cli(
    timo: Timo, sandbox: SandboxHandle, shared_keyring: FileKeyring, timo_home: Path
) -> None:
    process, url = start_browser_login(sandbox, timo_home)
    try:
        landing = submit_like_a_browser(url)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert landing.status_code == 200
    assert process.returncode == 0, err
    assert "Signed in to" in out
    (refresh,) = shared_keyring.secrets().values()
    who = timo("whoami", "--json")
    assert json.loads(who.stdout)["credential"] == "oauth"
    (rotated,) = shared_keyring.secrets().values()
    assert rotated != refresh  # the new process refreshed and kept the rotated token
    written = everything_written(timo_home) + out + err + who.stdout + who.stderr
    assert refresh not in written and rotated not in written


def test_ctrl_c_cancels_a_browser_login_cleanly(
    sandbox: SandboxHandle, shared_keyring: FileKeyring, timo_home: Path
) -> None:
    process, _ = start_browser_login(sandbox, timo_home)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 1 and "cancelled" in err and "Traceback" not in err
    assert shared_keyring.secrets() == {}


def test_doctor_reports_the_sign_in_and_a_vanished_keyring(
    timo: Timo, sandbox: SandboxHandle, shared_keyring: FileKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    def sign_in_check() -> dict[str, object]:
        report = json.loads(timo("doctor", "--json").stdout)
        (check,) = [c for c in report["checks"] if c["name"] == "sign-in"]
        return check

    assert sign_in_check()["detail"].startswith("not signed in")  # type: ignore[union-attr]
    assert timo("login", "--server", sandbox.base_url, "--token", sandbox.token).returncode == 0
    check = sign_in_check()
    assert check["ok"] and "Dana Demo" in str(check["detail"])
    use_no_keyring(monkeypatch)
    check = sign_in_check()
    assert not check["ok"] and "keyring" in str(check["detail"])
    who = timo("whoami")
    assert (
        who.returncode == 1 and "No usable keyring" in who.stderr and "Traceback" not in who.stderr
    )
