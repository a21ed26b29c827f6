"""`timo doctor` says whether the server answers over this network, and if not, why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import run_timo
from tests.support.https import HttpsSandbox
from tests.support.sandbox import SandboxHandle, closed_port


def server_check(home: Path) -> dict[str, object]:
    report = json.loads(run_timo(home, "doctor", "--json").stdout)
    (check,) = [c for c in report["checks"] if c["name"] == "server"]
    return check  # type: ignore[no-any-return]


def test_doctor_says_whether_the_server_answers_and_why_not(
    sandbox: SandboxHandle,
    https_sandbox: HttpsSandbox,
    untrusted: None,
    timo_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert server_check(timo_home) == {
        "name": "server",
        "ok": True,
        "detail": "none yet (not signed in)",
    }

    monkeypatch.setenv("VMOOX_SERVER", sandbox.base_url)
    # Sync reads VMOOX_SERVER only beside VMOOX_TOKEN, and so does the check.
    assert server_check(timo_home)["detail"] == "none yet (not signed in)"
    monkeypatch.setenv("VMOOX_TOKEN", "any")  # the check sends no token
    answers = server_check(timo_home)
    assert answers["ok"] is True
    assert str(answers["detail"]).startswith(f"{sandbox.base_url} answers (")

    monkeypatch.setenv("VMOOX_SERVER", https_sandbox.server.base_url)
    untrusted_server = server_check(timo_home)
    assert untrusted_server["ok"] is False
    assert str(untrusted_server["detail"]).startswith(
        f"{https_sandbox.server.base_url}: this computer does not trust the certificate of "
    )

    gone = f"http://127.0.0.1:{closed_port()}"
    monkeypatch.setenv("VMOOX_SERVER", gone)
    down = server_check(timo_home)
    assert down["ok"] is False
    assert str(down["detail"]).startswith(f"{gone}: cannot reach 127.0.0.1: ")


def test_doctor_offers_the_address_meant_for_one_with_a_wrong_path(
    sandbox: SandboxHandle, timo_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An address with a path Vmoox does not serve said only "it answered 404"; the
    check offers the address less its path, as `timo login` does."""
    monkeypatch.setenv("VMOOX_TOKEN", "any")  # the check sends no token
    monkeypatch.setenv("VMOOX_SERVER", f"{sandbox.base_url}/api/v1")
    wrong = server_check(timo_home)
    assert wrong["ok"] is False
    assert wrong["detail"] == (
        f"{sandbox.base_url}/api/v1: there is no Vmoox server at this address (it answered"
        f" 404); did you mean {sandbox.base_url}?"
    )
