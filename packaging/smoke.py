"""Smoke-run the frozen Timo bundle built by `make package` (`make smoke`).

    .venv/bin/python packaging/smoke.py [--dist DIR] [--screenshot PNG]

Each check prints PASS, FAIL or SKIP with a reason; the exit status is 1 if any
check failed. Every run uses a fresh temporary TIMO_HOME.

- data:    every data file of the package (icons, migrations…) is in the bundle
- version: `timo --version` prints the package version
- doctor:  `timo doctor --json` exits 0 with a JSON object
- store:   `timo status --json` creates the database through the bundled migrations
- tls:     against the sandbox served over HTTPS by a test authority, `timo login`
           refuses the certificate in plain words; on Linux, once the authority is
           trusted the way OpenSSL is told (SSL_CERT_FILE), it signs in
- gui:     Linux: on a private Xvfb display with a tray host (trayer), the app's
           window maps and its tray icon docks; Windows/macOS: the app starts
           and is still running after a few seconds
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.metadata import version
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from timo_desktop.store.version import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "timo_desktop"
COMMAND_TIMEOUT = 60.0  # a frozen start on a cold, shared machine can take seconds
WINDOW_TIMEOUT = 60.0
POLL = 0.05


@dataclass(frozen=True)
class Result:
    """The outcome of one check."""

    name: str
    status: str  # PASS, FAIL or SKIP
    detail: str


@dataclass(frozen=True)
class Bundle:
    """Where the frozen build keeps its launchers and package files."""

    cli: Path  # console launcher: `timo --version`
    gui: Path  # the launcher people start from a menu
    package_root: Path  # the folder holding `timo_desktop/` data files

    @staticmethod
    def find(dist: Path) -> Bundle:
        """Locate the build for this OS under `dist`."""
        if sys.platform == "darwin":
            contents = dist / "Timo.app" / "Contents"
            launcher = contents / "MacOS" / "timo"
            return Bundle(launcher, launcher, contents / "Resources")
        if sys.platform == "win32":
            folder = dist / "timo"
            return Bundle(folder / "timo.exe", folder / "timow.exe", folder / "_internal")
        folder = dist / "timo"
        return Bundle(folder / "timo", folder / "timo", folder / "_internal")


def package_data_files() -> set[str]:
    """Paths (relative to the package's parent) of the non-Python files the package ships,
    plus the migration scripts, which Alembic reads as files."""
    found: set[str] = set()
    root = files(PACKAGE)

    def walk(node: Traversable, prefix: str) -> None:
        for child in node.iterdir():
            name = f"{prefix}/{child.name}"
            if child.is_dir():
                if child.name != "__pycache__":
                    walk(child, name)
            elif not child.name.endswith((".py", ".pyc")) or "/migrations/" in name:
                found.add(name)

    walk(root, PACKAGE)
    return found


def check_data(bundle: Bundle) -> Result:
    """Every data file of the source package is inside the bundle."""
    expected = package_data_files()
    missing = sorted(p for p in expected if not (bundle.package_root / p).is_file())
    if missing:
        return Result("data", "FAIL", f"{len(missing)} missing, e.g. {', '.join(missing[:3])}")
    return Result("data", "PASS", f"{len(expected)} package data files present")


def run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run a frozen command to completion, capturing its output."""
    return subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=COMMAND_TIMEOUT, check=False
    )


def describe_failure(process: subprocess.CompletedProcess[str]) -> str:
    """Exit status and the last line of stderr (or stdout), for a FAIL line."""
    lines = (process.stderr or process.stdout).strip().splitlines()
    return f"exit {process.returncode}: {lines[-1] if lines else 'no output'}"


def check_version(bundle: Bundle, env: dict[str, str]) -> Result:
    """`timo --version` names the version in the package metadata."""
    expected = version("timo-desktop")
    process = run([str(bundle.cli), "--version"], env)
    if process.returncode != 0:
        return Result("version", "FAIL", describe_failure(process))
    if expected not in process.stdout:
        return Result("version", "FAIL", f"printed {process.stdout.strip()!r}, expected {expected}")
    return Result("version", "PASS", process.stdout.strip())


def check_doctor(bundle: Bundle, env: dict[str, str]) -> Result:
    """`timo doctor --json` reports as a JSON object."""
    process = run([str(bundle.cli), "doctor", "--json"], env)
    if process.returncode != 0:
        return Result("doctor", "FAIL", describe_failure(process))
    try:
        report = json.loads(process.stdout)
    except json.JSONDecodeError as error:
        return Result("doctor", "FAIL", f"output is not JSON ({error})")
    if not isinstance(report, dict):
        return Result("doctor", "FAIL", f"expected a JSON object, got {type(report).__name__}")
    return Result("doctor", "PASS", f"keys: {', '.join(sorted(report))}")


def check_store(bundle: Bundle, env: dict[str, str]) -> Result:
    """The first entry recorded (`timo add`) creates a database at the current schema,
    built from the shipped `schema.sql` (a command that only reads makes none)."""
    process = run([str(bundle.cli), "add", "Smoke test", "--start", "09:00", "--end", "09:30"], env)
    if process.returncode != 0:
        return Result("store", "FAIL", describe_failure(process))
    database = Path(env["TIMO_HOME"]) / "data" / "timo.sqlite3"
    if not database.is_file():
        return Result("store", "FAIL", f"no database at {database}")
    with contextlib.closing(sqlite3.connect(database)) as connection:
        schema_version = connection.execute("PRAGMA user_version").fetchone()[0]
    if schema_version != SCHEMA_VERSION:
        return Result("store", "FAIL", f"database at schema {schema_version}, not {SCHEMA_VERSION}")
    return Result("store", "PASS", f"database at schema version {schema_version}")


def check_tls(bundle: Bundle, env: dict[str, str]) -> Result:
    """The bundle verifies HTTPS servers against this computer's trusted certificates."""
    from vmoox_sandbox.launcher import SandboxServer

    with tempfile.TemporaryDirectory(prefix="timo-smoke-tls-") as folder:
        server, authority = SandboxServer.start_https(Path(folder))
        try:
            login = [
                *(str(bundle.cli), "login", "--server", server.base_url),
                *("--token", server.token, "--allow-file-store"),
            ]
            # No keyring: the sign-in goes to a file in this run's own TIMO_HOME.
            plain = {
                **env,
                "TIMO_HOME": str(Path(folder, "home")),
                "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
            }
            plain.pop("SSL_CERT_FILE", None)
            refused = run(login, plain)
            if refused.returncode == 0 or "does not trust the certificate" not in refused.stderr:
                return Result("tls", "FAIL", f"untrusted server: {describe_failure(refused)}")
            if not sys.platform.startswith("linux"):
                # Trusting a test authority there means changing the Keychain or the
                # Windows store; the refusal above already shows the check is made.
                return Result("tls", "PASS", "an untrusted certificate is refused")
            accepted = run(login, {**plain, "SSL_CERT_FILE": str(authority)})
            if accepted.returncode != 0:
                return Result("tls", "FAIL", f"trusted server: {describe_failure(accepted)}")
        finally:
            server.stop()
    return Result("tls", "PASS", "refused an untrusted certificate, signed in once trusted")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a process this script started: terminate, then kill if it lingers."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for(predicate: Callable[[], object], timeout: float) -> bool:
    """Poll `predicate()` every POLL seconds until it is true or `timeout` passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(POLL)
    return False


def xdotool_windows(env: dict[str, str], *criteria: str) -> list[str]:
    """Window ids matching an `xdotool search`."""
    found = subprocess.run(
        ["xdotool", "search", *criteria], env=env, capture_output=True, text=True, check=False
    )
    return found.stdout.split()


@contextlib.contextmanager
def x_session(workdir: Path) -> Iterator[dict[str, str]]:
    """A private Xvfb display with trayer docked as the tray; yields the environment to use."""
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(
        # -noreset: by default Xvfb resets as its last client leaves, and trayer connecting
        # during that reset was refused ("cannot open display").
        [
            "Xvfb",
            "-displayfd",
            str(write_end),
            "-screen",
            "0",
            "1280x800x24",
            "-nolisten",
            "tcp",
            "-noreset",
        ],
        pass_fds=(write_end,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    processes: list[subprocess.Popen[bytes]] = [xvfb]
    try:
        with os.fdopen(read_end) as display_pipe:
            display = display_pipe.readline().strip()
        if not display:
            raise RuntimeError("Xvfb did not start")
        env = {**os.environ, "DISPLAY": f":{display}", "QT_QPA_PLATFORM": "xcb"}
        env.pop("WAYLAND_DISPLAY", None)
        trayer = subprocess.Popen(
            ["trayer", "--edge", "top", "--align", "right", "--SetDockType", "true",
             "--widthtype", "pixel", "--width", "200", "--height", "32"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=(workdir / "trayer.log").open("wb"),
        )  # fmt: skip
        processes.append(trayer)
        if not wait_for(lambda: xdotool_windows(env, "--class", "trayer"), WINDOW_TIMEOUT):
            errors = (workdir / "trayer.log").read_text(errors="replace").strip().splitlines()
            raise RuntimeError(f"trayer's window never appeared ({errors[-1] if errors else ''})")
        yield env
    finally:
        for process in reversed(processes):
            stop(process)


def missing_x_tools() -> list[str]:
    """The tools of the Xvfb desktop session that are not installed."""
    return [tool for tool in ("Xvfb", "trayer", "xdotool") if shutil.which(tool) is None]


def app_windows(app: subprocess.Popen[bytes], x_env: dict[str, str]) -> list[str]:
    """The visible X windows of a running app: its window and, once docked, its tray icon."""
    return xdotool_windows(x_env, "--onlyvisible", "--pid", str(app.pid))


@contextlib.contextmanager
def launched(
    command: list[str], env: dict[str, str], log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """Start `command` with its output in `log`; stop it on leaving."""
    with log.open("wb") as output:
        app = subprocess.Popen(command, env=env, stdout=output, stderr=output)
        try:
            yield app
        finally:
            stop(app)


def wait_for_window(app: subprocess.Popen[bytes], x_env: dict[str, str], timeout: float) -> bool:
    """True once the app shows a window; False if it exits or shows none within `timeout`."""
    wait_for(lambda: app.poll() is not None or app_windows(app, x_env), timeout)
    return app.poll() is None and bool(app_windows(app, x_env))


def check_gui_linux(bundle: Bundle, env: dict[str, str], screenshot: Path | None) -> list[Result]:
    """Under Xvfb with trayer: the window maps and the tray icon docks."""
    missing = missing_x_tools()
    if missing:
        reason = f"{', '.join(missing)} not installed (make sysdeps)"
        return [Result("gui", "SKIP", reason), Result("tray", "SKIP", reason)]
    log = Path(env["TIMO_HOME"]) / "gui.log"
    try:
        with x_session(log.parent) as x_env:
            return watch_app(bundle, {**env, **x_env}, log, screenshot)
    except RuntimeError as error:
        return [Result("gui", "FAIL", f"no X session: {error}"), Result("tray", "SKIP", "no X")]


def watch_app(
    bundle: Bundle, env: dict[str, str], log: Path, screenshot: Path | None
) -> list[Result]:
    """Start the app on the X display in `env`; check its window and tray icon."""
    began = time.monotonic()
    with launched([str(bundle.gui)], env, log) as app:
        if not wait_for_window(app, env, WINDOW_TIMEOUT):
            if app.poll() is None:
                failure = f"no window within {WINDOW_TIMEOUT:.0f} s"
            else:
                tail = log.read_text(errors="replace").strip().splitlines()[-1:]
                failure = f"app exited {app.returncode}: {tail[0] if tail else 'no output'}"
            return [Result("gui", "FAIL", failure), Result("tray", "SKIP", "no window")]
        gui = Result("gui", "PASS", f"window mapped after {time.monotonic() - began:.2f} s")
        # The tray icon is a second window of the app, reparented into trayer.
        docked = wait_for(lambda: len(app_windows(app, env)) >= 2, 10.0)
        tray = (
            Result("tray", "PASS", "icon docked in trayer")
            if docked
            else Result("tray", "FAIL", "no tray icon window appeared")
        )
        if screenshot is not None and shutil.which("import"):
            subprocess.run(["import", "-window", "root", str(screenshot)], env=env, check=False)
        return [gui, tray]


def check_gui_elsewhere(bundle: Bundle, env: dict[str, str]) -> list[Result]:
    """Windows and macOS: the app starts and keeps running (its window is not inspected)."""
    settle = 10.0
    app = subprocess.Popen(
        [str(bundle.gui)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        exited = wait_for(lambda: app.poll() is not None, settle)
        if exited:
            return [Result("gui", "FAIL", f"app exited {app.returncode} during start-up")]
        return [Result("gui", "PASS", f"app still running after {settle:.0f} s")]
    finally:
        stop(app)


def main(argv: list[str] | None = None) -> int:
    """Run every check against the bundle and print one line per check."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="PyInstaller's output")
    parser.add_argument("--screenshot", type=Path, help="save the Xvfb screen here (Linux)")
    args = parser.parse_args(argv)
    bundle = Bundle.find(args.dist)
    if not bundle.cli.is_file():
        print(f"FAIL bundle: no frozen build at {bundle.cli} (run `make package` first)")
        return 1
    with tempfile.TemporaryDirectory(prefix="timo-smoke-") as home:
        env = {**os.environ, "TIMO_HOME": home}
        results = [
            check_data(bundle),
            check_version(bundle, env),
            check_doctor(bundle, env),
            check_store(bundle, env),
            check_tls(bundle, env),
        ]
        if sys.platform.startswith("linux"):
            results += check_gui_linux(bundle, env, args.screenshot)
        else:
            results += check_gui_elsewhere(bundle, env)
    for result in results:
        print(f"{result.status} {result.name}: {result.detail}", flush=True)
    return 1 if any(r.status == "FAIL" for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
