"""RSS of the desktop app signed in to a local sandbox, against a bare PySide6 tray app.

Signed in, the app also holds the sync engine, httpx and pydantic models,
which a signed-out app never loads. Measured after the first sync round has
finished and 5 s of idling, under Xvfb + trayer like `bench_gui`; each figure
is a ratio to the bare app measured in the same run. Target: under 90 MiB. The bare app
holding httpx and pydantic (`--sync-libraries`) shows what those libraries alone cost.

"signed out, a setting changed" is the usual signed-out user: with a settings file the
app loads its pydantic model, which no setting left at its default needs.
"signed in" takes the token from `VMOOX_TOKEN`; "signed in, keyring" as people
do, with `timo login` keeping it in a real GNOME Keyring (Secret Service) where
one is installed; "signed in over HTTPS" as against a real server, the sandbox
serving TLS with a test authority added to this computer's CA certificates.
With a Linux build in dist/ (`make package`) the frozen app is measured too.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.bench_gui import (
    IDLE_SECONDS,
    MIB,
    ROOT,
    _prepared_home,
    _rss,
    _start_until_shown,
    compiled,
)

if TYPE_CHECKING:
    from vmoox_sandbox.launcher import SandboxServer

FIRST_ROUND_TIMEOUT = 60.0
FROZEN = ROOT / "dist" / "timo" / "timo"  # the Linux build from `make package`


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from tests.support import secret_service
    from tests.support.desktop import desktop_session, missing_programs, stop

    from vmoox_sandbox.launcher import SandboxServer

    if missing_programs():
        print(f"   skipped: needs {', '.join(missing_programs())}")
        return
    compiled()
    work = Path(tempfile.mkdtemp(prefix="timo-bench-gui-signed-in-"))
    home = _prepared_home(work / "home")
    server = SandboxServer.start()
    https, trusted = _https_sandbox(work / "tls")
    timo = [sys.executable, "-m", "timo_desktop"]
    try:
        with desktop_session(work / "desktop") as desktop, ExitStack() as keyring:
            env = {**desktop.env, "QT_QPA_PLATFORM": "xcb", "TIMO_HOME": str(home)}
            signed_in = {**env, "VMOOX_TOKEN": server.token, "VMOOX_SERVER": server.base_url}
            over_https = {
                **env,
                "TIMO_HOME": str(_prepared_home(work / "https-home")),
                "VMOOX_TOKEN": https.token,
                "VMOOX_SERVER": https.base_url,
                "SSL_CERT_FILE": str(trusted),
            }
            changed = _prepared_home(work / "changed-home")
            subprocess.run(
                [*timo, "config", "set", "reminders.not_tracking.minutes", "20"],
                env={**env, "TIMO_HOME": str(changed)},
                check=True,
                capture_output=True,
            )
            rss = {}
            bare = [sys.executable, str(ROOT / "benchmarks" / "bare_tray_app.py")]
            runs = [
                ("bare", bare, env),
                ("bare with httpx and pydantic", [*bare, "--sync-libraries"], env),
                ("signed out", timo, env),
                ("signed out, a setting changed", timo, {**env, "TIMO_HOME": str(changed)}),
                ("signed in", timo, signed_in),
                ("signed in over HTTPS", timo, over_https),
            ]
            in_keyring: dict[str, str] | None = None
            if secret_service.available():
                service = keyring.enter_context(secret_service.secret_service(work / "keyring"))
                keyring_home = _prepared_home(work / "keyring-home")
                in_keyring = {**service, **env, "TIMO_HOME": str(keyring_home)}
                login = ["login", "--server", server.base_url, "--token", server.token]
                subprocess.run([*timo, *login], env=in_keyring, check=True, capture_output=True)
                runs.append(("signed in, keyring", timo, in_keyring))
            else:
                print("   keyring sign-in: not measured (needs gnome-keyring and dbus-daemon)")
            if FROZEN.exists():  # what people install: no sources, only what the spec bundles
                runs += [
                    ("frozen, signed out", [str(FROZEN)], env),
                    ("frozen, signed in", [str(FROZEN)], signed_in),
                ]
                if in_keyring is not None:
                    runs.append(("frozen, signed in, keyring", [str(FROZEN)], in_keyring))
            for name, command, environment in runs:
                _seconds, process = _start_until_shown(desktop.run, command, environment)
                if "signed in" in name:
                    _wait_for_first_sync(Path(environment["TIMO_HOME"]))
                time.sleep(IDLE_SECONDS)
                rss[name] = _rss(process.pid)
                stop(process)
    finally:
        server.stop()
        https.stop()
    bare = rss.pop("bare")
    if not FROZEN.exists():
        print(f"   frozen build: none at {FROZEN.relative_to(ROOT)} (make package)")
    libraries = rss.pop("bare with httpx and pydantic")
    print(
        f"   RSS after {IDLE_SECONDS:.0f} s idle, the bare app with httpx and pydantic loaded: "
        f"{libraries / MIB:.1f} MiB ({libraries / bare:.2f}× bare)"
    )
    for name in rss:
        print(
            f"   RSS after {IDLE_SECONDS:.0f} s idle, {name}: {rss[name] / MIB:.1f} MiB, "
            f"bare {bare / MIB:.1f} MiB ({rss[name] / bare:.2f}×) target < 90 MiB"
        )


def _https_sandbox(folder: Path) -> tuple[SandboxServer, Path]:
    """The sandbox over TLS, and a CA file: this computer's certificates plus its authority."""
    import ssl

    from vmoox_sandbox.launcher import SandboxServer

    server, authority = SandboxServer.start_https(folder)
    trusted = folder / "trusted.pem"
    system = Path(ssl.get_default_verify_paths().openssl_cafile)
    trusted.write_bytes((system.read_bytes() if system.is_file() else b"") + authority.read_bytes())
    return server, trusted


def _wait_for_first_sync(home: Path) -> None:
    """Until the app's worker has finished a round (it records when sync last succeeded)."""
    from timo_desktop.store.database import Store
    from timo_desktop.sync.status import LAST_SUCCESS

    began = time.monotonic()
    while time.monotonic() - began < FIRST_ROUND_TIMEOUT:
        with Store.open(home / "data" / "timo.sqlite3") as store:
            if store.meta(LAST_SUCCESS):
                return
        time.sleep(0.2)
    raise RuntimeError(f"no sync round finished within {FIRST_ROUND_TIMEOUT:.0f} s")
