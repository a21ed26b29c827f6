"""`make run`: Timo signed in to a local Vmoox sandbox with the demo workspace.

Starts `vmoox-sandbox --seed demo` on 127.0.0.1:8765 unless something already
answers there, signs Timo in with a demo personal access token (once; the
sign-in is kept in TIMO_HOME), then opens the desktop app. A sandbox started
here stops when the app quits, or when this script is interrupted or killed.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

SERVER = os.environ.get("TIMO_DEV_SERVER", "http://127.0.0.1:8765")
BIN = Path(sys.executable).parent


def answers(url: str) -> bool:
    """True when the sandbox's status endpoint answers."""
    try:
        with urllib.request.urlopen(f"{url}/v1/status", timeout=1) as response:
            return bool(response.status == 200)
    except (OSError, urllib.error.URLError):
        return False


def start_sandbox(home: Path) -> tuple[subprocess.Popen[str], str]:
    """Start the sandbox with its data under `home`; return it and the demo token."""
    port = SERVER.rsplit(":", 1)[-1]
    data = home / "sandbox"
    data.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        [str(BIN / "vmoox-sandbox"), "--port", port, "--data", str(data), "--seed", "demo"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    for line in process.stdout:
        print(f"  sandbox │ {line.rstrip()}")
        if line.startswith("token: "):
            # Keep draining its output so the server never blocks on a full pipe.
            threading.Thread(target=process.stdout.read, daemon=True).start()
            return process, line.removeprefix("token: ").strip()
    raise SystemExit("The Vmoox sandbox did not start; see its output above.")


def mint_token(url: str) -> str:
    """Ask a running sandbox for a new demo personal access token."""
    request = urllib.request.Request(
        f"{url}/__sandbox/tokens/pat",
        data=json.dumps({"user_id": "usr_1", "name": "make run"}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        return str(json.load(response)["token"])


def timo(
    *args: str, check: bool = True, given: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the `timo` CLI from this environment (`given` on its standard input)."""
    return subprocess.run(
        [str(BIN / "timo"), *args], text=True, capture_output=True, check=check, input=given
    )


def signed_in() -> bool:
    """True when Timo already has working credentials for SERVER."""
    result = timo("whoami", "--json", check=False)
    if result.returncode != 0:
        return False
    return str(json.loads(result.stdout).get("server", "")).rstrip("/") == SERVER


def main() -> int:
    # Stopped by a signal (a closed terminal, `kill`), it tidies up as after Ctrl+C:
    # the sandbox it started does not outlive it.
    signal.signal(signal.SIGTERM, lambda _signal, _frame: sys.exit(143))
    home = Path(os.environ.setdefault("TIMO_HOME", str(Path.cwd() / ".timo-home")))
    sandbox = None
    if answers(SERVER):
        print(f"Using the Vmoox server already answering at {SERVER}")
        token = None
    else:
        print(f"Starting the Vmoox sandbox (demo workspace) at {SERVER} …")
        sandbox, token = start_sandbox(home)
    try:
        if not signed_in():
            token = token or mint_token(SERVER)
            # On standard input: a command line is there for every program to read.
            login = timo("login", "--server", SERVER, "--token", "-", check=False, given=token)
            if login.returncode != 0 and "keyring" in login.stderr.lower():
                # No OS keyring on this machine: keep the demo token in an owner-only file.
                login = timo(
                    *("login", "--server", SERVER, "--token", "-", "--allow-file-store"),
                    given=token,
                )
            # Both: with no keyring, stderr says where the sign-in is kept and what that
            # means, which later commands (sync among them) do not repeat.
            print("\n".join(said for said in (login.stdout.strip(), login.stderr.strip()) if said))
            if login.returncode != 0:
                return login.returncode
        timo("sync", check=False)
        if sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        ):
            print(
                "No display here, so the window cannot open. Timo is signed in and synced:\n"
                f"  TIMO_HOME={home} .venv/bin/timo status\n"
                "or run `make run` from a desktop session (or under xvfb-run)."
            )
            if sandbox is not None:
                print("Sandbox running; press Ctrl+C to stop it.")
                sandbox.wait()
            return 0
        print(
            f"Opening Timo (data in {home}) …\n"
            f"The command line on the same data: TIMO_HOME={home} .venv/bin/timo status"
        )
        return subprocess.call([str(BIN / "timo")])
    except KeyboardInterrupt:
        return 130
    finally:
        if sandbox is not None:
            sandbox.terminate()
            try:
                sandbox.wait(timeout=10)
            except subprocess.TimeoutExpired:
                sandbox.kill()


if __name__ == "__main__":
    sys.exit(main())
