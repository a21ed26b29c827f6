"""`open_engine`: the one way `timo sync` and the desktop worker get an engine."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from tests.support.sandbox import SandboxHandle
from tests.sync.support import PROJECT, server_entry
from timo_desktop.core.entry import Source
from timo_desktop.paths import resolve
from timo_desktop.services.tracker import Tracker
from timo_desktop.sync.factory import NOT_SIGNED_IN, open_engine
from timo_desktop.sync.worker import SignedOut


def test_signed_out_is_said_without_loading_http_or_the_keyring() -> None:
    # A fresh interpreter, so modules other tests imported do not hide an eager import.
    code = (
        "import sys\n"
        "from timo_desktop.paths import resolve\n"
        "from timo_desktop.sync.factory import open_engine\n"
        "from timo_desktop.sync.worker import SignedOut\n"
        "try:\n"
        "    open_engine(resolve().ensure())\n"
        "except SignedOut as exc:\n"
        "    print(exc)\n"
        "print(sorted(m for m in ('httpx', 'keyring', 'pydantic') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == [NOT_SIGNED_IN, "[]"]


def test_token_without_a_server_is_signed_out_with_the_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VMOOX_TOKEN", "vmx_pat_whatever")
    monkeypatch.delenv("VMOOX_SERVER", raising=False)
    with pytest.raises(SignedOut, match="VMOOX_SERVER"):
        open_engine(resolve().ensure())


def test_environment_token_gives_an_engine_that_syncs(
    sandbox: SandboxHandle, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VMOOX_TOKEN", sandbox.token)
    monkeypatch.setenv("VMOOX_SERVER", sandbox.base_url)
    paths = resolve().ensure()
    tracker = Tracker.open(paths.database, source=Source.CLI)
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=20)
    entry = tracker.add("Made before syncing", start, start + timedelta(minutes=25), target=PROJECT)
    tracker.close()
    engine = open_engine(paths)
    try:
        assert engine.store.path == paths.database
        report = engine.sync()
    finally:
        engine.close()
    assert report.pushed == 1 and report.pending == 0
    assert server_entry(sandbox, entry.client_ref)["description"] == "Made before syncing"


def test_a_sync_from_the_command_line_loads_no_unused_optional_parts(
    sandbox: SandboxHandle,
) -> None:
    """httpx's command-line client and trio are installed here (test tools bring them) but
    a real `timo` process must not load them: ~14 MiB that a user's install does not have.
    Nor the browser sign-in's listener and launcher: a signed-in app holds whatever its
    sync round loads."""
    code = (
        "import sys\n"
        "from timo_desktop.__main__ import main\n"
        "code = main(['sync', '--json'])\n"
        "loaded = {m for m in sys.modules if sys.modules[m]}\n"
        "print(code, sorted(({m.split('.')[0] for m in loaded} & {'click', 'pygments', 'trio'})"
        " | (loaded & {'http.server', 'webbrowser'})))\n"
    )
    Tracker.open(resolve().ensure().database).close()  # made already: no first-run migration
    env = {**os.environ, "VMOOX_TOKEN": sandbox.token, "VMOOX_SERVER": sandbox.base_url}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.splitlines()[-1] == "0 []", done.stdout + done.stderr
    assert importlib.util.find_spec("trio") is not None  # the test means something here
