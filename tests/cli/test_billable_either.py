"""`--billable` and `--no-billable` together are refused as `--tag` with `--no-tags` is,
in either order; the last given won, so a line edited by hand said the opposite of what
it meant without a word."""

from __future__ import annotations

import pytest

from .conftest import Timo


@pytest.mark.parametrize(
    "command",
    [
        ("add", "Call", "--date", "2025-03-05", "--start", "09:00", "--end", "10:00"),
        ("edit", "8a1f"),
        ("start", "Call"),
        ("report", "--week", "2025-W10"),
    ],
)
@pytest.mark.parametrize(
    ("given", "said"),
    [
        (("--billable", "--no-billable"), "argument --no-billable: not allowed with argument"),
        (("--no-billable", "--billable"), "argument --billable: not allowed with argument"),
    ],
)
def test_both_are_refused_and_nothing_is_written(
    timo: Timo, command: tuple[str, ...], given: tuple[str, str], said: str
) -> None:
    refused = timo(*command, *given)
    assert refused.returncode == 2
    assert refused.stderr.startswith(f"timo {command[0]}: {said} {given[0]}")
    assert timo("log", "--json", "--from", "2025-01-01").stdout.strip() == "[]"


def test_one_of_them_still_sets_billable(timo: Timo) -> None:
    added = timo(
        "add",
        "Call",
        "--date",
        "2025-03-05",
        "--start",
        "09:00",
        "--end",
        "10:00",
        "--billable",
        "--billable",
    )
    assert added.returncode == 0, added.stderr
    ref = added.stdout.rsplit("[", 1)[1][:8]
    assert timo("edit", ref, "--no-billable").returncode == 0
    assert '"billable": false' in timo("log", "--json", "--from", "2025-03-05").stdout
