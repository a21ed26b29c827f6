"""`timo start` / `timo stop` wall time against `python -c pass` and Watson, same run.

Targets: faster than Watson (`watson start` / `watson stop`, its own temp
config dir); stretch: under 60 ms per command on this machine. Bytecode
caching is left on for all three, as on a user's machine.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROUNDS = 15
BIN = Path(sys.executable).parent


def command_env(**extra: str) -> dict[str, str]:
    """This environment with `extra`, writing bytecode as on a user's machine."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra)
    return env


def wall(command: list[str], env: dict[str, str]) -> float:
    """Seconds `command` took from start to exit."""
    began = time.perf_counter()
    subprocess.run(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
    )
    return time.perf_counter() - began


def main() -> None:
    with tempfile.TemporaryDirectory() as home, tempfile.TemporaryDirectory() as watson_dir:
        timo_env = command_env(TIMO_HOME=home)
        watson_env = command_env(WATSON_DIR=watson_dir)
        timo, watson = str(BIN / "timo"), str(BIN / "watson")
        pairs = {
            "python -c pass": ([[sys.executable, "-c", "pass"]] * 2, timo_env),
            "timo start/stop": ([[timo, "start", "bench"], [timo, "stop"]], timo_env),
            "watson start/stop": ([[watson, "start", "bench"], [watson, "stop"]], watson_env),
        }
        for commands, env in pairs.values():  # warm caches and write bytecode
            for _ in range(2):
                for command in commands:
                    wall(command, env)
        samples: dict[str, list[float]] = {name: [] for name in pairs}
        for _ in range(ROUNDS):  # interleaved, so noise hits all three alike
            for name, (commands, env) in pairs.items():
                samples[name] += [wall(command, env) for command in commands]
    ms = {name: statistics.median(values) * 1000 for name, values in samples.items()}
    base, ours, theirs = ms["python -c pass"], ms["timo start/stop"], ms["watson start/stop"]
    print(f"   python -c pass: {base:.0f} ms (baseline)")
    print(f"   watson start/stop: {theirs:.0f} ms per command ({theirs / base:.1f}x python)")
    print(
        f"   timo start/stop: {ours:.0f} ms per command ({ours / base:.1f}x python, "
        f"{ours / theirs:.2f}x watson) target < 1.00x watson, stretch < 60 ms"
    )
