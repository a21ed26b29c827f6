"""A real X desktop for tests: Xvfb, the `trayer` tray host and `xdotool`.

`desktop_session()` (or the `desktop` fixture) starts `Xvfb` on a free
display number, waits until `xdpyinfo` answers, starts `trayer` and waits for
its window, and yields a `Desktop` with the environment to run programs in and
helpers for input and screenshots. Every process is stopped by its PID.

Tests that use it are marked `@pytest.mark.desktop`; they are skipped, with the
missing programs named, where the tools are not installed.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.cli import TIMO

REQUIRED_PROGRAMS = ("Xvfb", "xdpyinfo", "trayer", "xdotool", "import")
STARTUP_TIMEOUT = 15.0  # seconds; generous, the machine is shared
POLL = 0.01  # seconds between readiness checks (xdotool --sync would poll every 0.5 s)
PATIENCE = 20.0  # seconds a test waits for the app; the machine is shared


def wait_for(
    condition: Callable[[], object],
    what: str,
    timeout: float = PATIENCE,
    detail: Callable[[], str] = str,
) -> object:
    """Poll every 50 ms until `condition()` is truthy; fail naming `what` (and `detail()`)."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what} {detail()}")
        time.sleep(0.05)


class DesktopError(RuntimeError):
    """The test desktop could not be started."""


def missing_programs() -> list[str]:
    """The harness programs not found on PATH."""
    return [name for name in REQUIRED_PROGRAMS if shutil.which(name) is None]


def skip_unless_desktop() -> None:
    """Skip the calling test, naming what to install, if the harness programs are missing."""
    missing = missing_programs()
    if missing:
        pytest.skip(
            f"desktop harness needs {', '.join(missing)} "
            "(apt-get install -y xvfb trayer xdotool imagemagick x11-utils)"
        )


@dataclass
class Desktop:
    """A running X display with a tray host."""

    display: str
    env: dict[str, str]
    trayer_window: str
    workdir: Path

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run a program on this display and return its result (text)."""
        return subprocess.run(args, env=self.env, check=check, capture_output=True, text=True)

    def xdotool(self, *args: str) -> str:
        """Run `xdotool` on this display and return its standard output."""
        return self.run("xdotool", *args).stdout.strip()

    def mousemove(self, x: int, y: int) -> None:
        """Move the pointer: real input as far as the X server's idle counter is concerned."""
        self.xdotool("mousemove", str(x), str(y))

    def size(self, window: str) -> tuple[int, int]:
        """A window's width and height (0, 0 when it has gone)."""
        geometry = self.run("xdotool", "getwindowgeometry", window, check=False).stdout
        size = geometry.split("Geometry:")[-1].strip() if "Geometry:" in geometry else "0x0"
        width, _, height = size.partition("x")
        return int(width or 0), int(height or 0)

    def screenshot(self, name: str = "screen.png") -> Path:
        """Save the whole screen with ImageMagick's `import -window root` and return the file."""
        path = self.workdir / name
        self.run("import", "-window", "root", str(path))
        return path

    def app_env(self, home: Path) -> dict[str, str]:
        """The environment for Timo on this display (xcb), keeping its data in `home`."""
        return {**self.env, "TIMO_HOME": str(home), "QT_QPA_PLATFORM": "xcb"}

    @contextmanager
    def timo(self, home: Path, log: Path) -> Iterator[subprocess.Popen[bytes]]:
        """Start the desktop app on this display, its output in `log`; stop it by PID after."""
        with log.open("wb") as out:
            process = subprocess.Popen(
                TIMO, env=self.app_env(home), stdout=out, stderr=subprocess.STDOUT
            )
        try:
            yield process
        finally:
            stop(process)

    def wait_for_window(self, *search: str, timeout: float = STARTUP_TIMEOUT) -> list[str]:
        """Poll `xdotool search ARGS` every 10 ms until it finds windows; return their ids."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.run("xdotool", "search", *search, check=False).stdout.split()
            if found:
                return found
            if time.monotonic() > deadline:
                raise DesktopError(f"no window matched xdotool search {' '.join(search)}")
            time.sleep(POLL)


def stop(process: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    """Stop a process the test started, by its PID: terminate, then kill if it lingers."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _start(
    stack: ExitStack, args: list[str], env: dict[str, str], log: Path
) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        process = subprocess.Popen(args, env=env, stdout=out, stderr=subprocess.STDOUT)
    stack.callback(stop, process)
    return process


def _wait_for_display(env: dict[str, str], xvfb: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while True:
        if xvfb.poll() is not None:
            raise DesktopError(f"Xvfb exited: {log.read_text(errors='replace')[-500:]}")
        probe = subprocess.run(["xdpyinfo"], env=env, capture_output=True)
        if probe.returncode == 0:
            return
        if time.monotonic() > deadline:
            raise DesktopError(f"Xvfb did not answer xdpyinfo on {env['DISPLAY']}")
        time.sleep(POLL)


def _start_xvfb(stack: ExitStack, workdir: Path, size: str) -> tuple[str, dict[str, str]]:
    """Start Xvfb on a free display and return it with the environment that points at it.

    Parallel runs each pick a random display number; a number another server holds
    makes Xvfb exit at once ("server already running"), and we try another.
    `-noreset` matters: by default Xvfb resets when its last client leaves, and a
    program connecting during that reset (trayer right after xdpyinfo) is refused.
    """
    log = workdir / "xvfb.log"
    for _attempt in range(8):
        number = random.randrange(100, 30000)
        if Path(f"/tmp/.X{number}-lock").exists():
            continue
        display = f":{number}"
        with log.open("wb") as out:
            xvfb = subprocess.Popen(
                ["Xvfb", display, "-screen", "0", size, "-nolisten", "tcp", "-noreset"],
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        env = {**os.environ, "DISPLAY": display}
        env.pop("WAYLAND_DISPLAY", None)
        try:
            _wait_for_display(env, xvfb, log)
        except DesktopError:
            stop(xvfb)
            continue
        stack.callback(stop, xvfb)
        return display, env
    raise DesktopError(f"Xvfb did not start: {log.read_text(errors='replace')[-500:]}")


@contextmanager
def desktop_session(workdir: Path, size: str = "1280x800x24") -> Iterator[Desktop]:
    """Start Xvfb and trayer in `workdir` (logs go there), yield the `Desktop`, stop both."""
    skip_unless_desktop()
    workdir.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        display, env = _start_xvfb(stack, workdir, size)
        _start(
            stack,
            [
                "trayer",
                "--edge",
                "top",
                "--align",
                "right",
                "--SetDockType",
                "true",
                "--SetPartialStrut",
                "true",
                "--expand",
                "true",
                "--width",
                "10",
                "--transparent",
                "false",
                "--height",
                "24",
            ],
            env,
            workdir / "trayer.log",
        )
        desktop = Desktop(display, env, "", workdir)
        desktop.trayer_window = desktop.wait_for_window("--class", "trayer")[0]
        yield desktop


@pytest.fixture
def desktop(tmp_path: Path) -> Iterator[Desktop]:
    """A fresh Xvfb display with a tray host; skipped if the tools are missing."""
    with desktop_session(tmp_path / "desktop") as session:
        yield session
