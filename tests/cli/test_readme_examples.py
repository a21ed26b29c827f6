"""The examples in README.md's command line section, run as written against the demo
workspace `make run` signs in to (the sandbox's demo seed, synced first as it does)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from tests.support.cli import run_timo
from tests.support.sandbox import SandboxHandle

README = Path(__file__).parents[2] / "README.md"
PLACEHOLDER = "3f2a"  # the README's entry reference: here, the entry the last `add` made


def _examples() -> list[list[str]]:
    section = README.read_text(encoding="utf-8").split("## The command line", 1)[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    return [shlex.split(line, comments=True) for line in block.splitlines() if line.strip()]


def test_every_example_runs_as_written(timo_home: Path, sandbox: SandboxHandle) -> None:
    examples = _examples()
    assert len(examples) > 10 and all(words[0] == "timo" for words in examples)
    synced = run_timo(timo_home, "sync", server=sandbox)
    assert synced.returncode == 0, synced.stderr
    ref = None
    for words in examples:
        args = [ref if word == PLACEHOLDER and ref else word for word in words[1:]]
        done = run_timo(timo_home, *args, server=sandbox)
        if args[0] == "duplicate" and done.returncode == 1:
            # "Latest free time today": right after midnight a day has none yet.
            assert "today before now; give the copy a start" in done.stderr
            continue
        assert done.returncode == 0, f"{shlex.join(words)}: {done.stderr}"
        if args[0] == "add":
            ref = re.findall(r"\[([0-9a-f]{8})\]", done.stdout)[-1]
    assert ref is not None
