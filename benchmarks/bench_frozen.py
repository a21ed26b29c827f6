"""The frozen bundle: download size and start-up against running from source.

Needs a build in dist/ (`make package`); without one it says so and measures
nothing. Targets (issue 8): the compressed download under 90 MB, and the
frozen app starting no slower than the same code run from source, measured
in this run on this machine.
"""

from __future__ import annotations

import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
SIZE_TARGET_MB = 90.0
RUNS = 11  # after one warm-up run each
WINDOW_RUNS = 5


def load_smoke() -> ModuleType:
    """packaging/smoke.py, which knows where each OS's bundle lives and how to watch X."""
    spec = importlib.util.spec_from_file_location("timo_smoke", ROOT / "packaging" / "smoke.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


def download_archive() -> Path | None:
    """The archive build.py made for this OS, if any."""
    patterns = ("timo-*-linux-*.tar.gz", "Timo-*-macos-*.zip", "Timo-*-windows-*-setup.exe")
    found = [p for pattern in patterns for p in DIST.glob(pattern)]
    return max(found, key=lambda p: p.stat().st_mtime) if found else None


def folder_size(folder: Path) -> int:
    """Bytes in the files under `folder` (symlinks not followed)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def paired_medians(
    run_once: Callable[[list[str]], float], frozen: list[str], source: list[str], runs: int
) -> tuple[float, float]:
    """Median seconds of `run_once` for each command over `runs` alternating rounds, after one
    warm-up each; alternating spreads the shared machine's noise over both sides alike."""
    run_once(frozen)
    run_once(source)
    times: dict[str, list[float]] = {"frozen": [], "source": []}
    for _ in range(runs):
        times["frozen"].append(run_once(frozen))
        times["source"].append(run_once(source))
    return statistics.median(times["frozen"]), statistics.median(times["source"])


def command_seconds(env: dict[str, str]) -> Callable[[list[str]], float]:
    """Wall time of one run of a command to completion."""

    def run_once(command: list[str]) -> float:
        began = time.perf_counter()
        subprocess.run(command, env=env, capture_output=True, check=True)
        return time.perf_counter() - began

    return run_once


def window_seconds(
    smoke: ModuleType, env: dict[str, str], x_env: dict[str, str], scratch: Path
) -> Callable[[list[str]], float]:
    """Time from launch to a mapped window, each run with a fresh TIMO_HOME."""
    runs = iter(range(1_000_000))

    def run_once(command: list[str]) -> float:
        run = next(runs)
        run_env = {**env, **x_env, "TIMO_HOME": str(scratch / f"home-{run}")}
        began = time.perf_counter()
        with smoke.launched(command, run_env, scratch / f"app-{run}.log") as app:
            if not smoke.wait_for_window(app, x_env, smoke.WINDOW_TIMEOUT):
                raise RuntimeError(f"{command[0]} showed no window")
            return time.perf_counter() - began

    return run_once


def report(name: str, frozen: float, source: float) -> None:
    """One line: frozen and source times and their ratio (target: at most 1.0)."""
    ratio = frozen / source
    verdict = "ok" if ratio <= 1.0 else "SLOWER than source"
    print(
        f"   {name}: frozen {frozen * 1000:.0f} ms, source {source * 1000:.0f} ms "
        f"(frozen/source {ratio:.2f}; target <= 1.00: {verdict})",
        flush=True,
    )


def main() -> None:
    """Print the bundle's sizes and its start-up times against the source tree's."""
    smoke = load_smoke()
    bundle = smoke.Bundle.find(DIST)
    if not bundle.cli.is_file():
        print(f"   skipped: no frozen build at {bundle.cli.relative_to(ROOT)} (run `make package`)")
        return

    archive = download_archive()
    if archive is None:
        print("   download size: no archive in dist/ (build.py makes one)")
    else:
        size_mb = archive.stat().st_size / 1e6
        verdict = "ok" if size_mb < SIZE_TARGET_MB else "OVER target"
        print(
            f"   download {archive.name}: {size_mb:.1f} MB "
            f"({size_mb / SIZE_TARGET_MB:.2f} of the {SIZE_TARGET_MB:.0f} MB target: {verdict})"
        )
    installed = bundle.cli.parent if sys.platform != "darwin" else DIST / "Timo.app"
    print(f"   installed size: {folder_size(installed) / 1e6:.1f} MB")

    with tempfile.TemporaryDirectory(prefix="timo-bench-") as home:
        env = {**os.environ, "TIMO_HOME": home}
        source = [sys.executable, "-m", "timo_desktop"]
        report(
            "`timo --version`",
            *paired_medians(
                command_seconds(env), [str(bundle.cli), "--version"], [*source, "--version"], RUNS
            ),
        )
        if not sys.platform.startswith("linux"):
            print("   window start-up: measured on Linux only (Xvfb)")
            return
        missing = smoke.missing_x_tools()
        if missing:
            print(f"   window start-up: skipped, {', '.join(missing)} not installed")
            return
        with smoke.x_session(Path(home)) as x_env:
            timer = window_seconds(smoke, env, x_env, Path(home))
            report("window mapped", *paired_medians(timer, [str(bundle.gui)], source, WINDOW_RUNS))


if __name__ == "__main__":
    main()
