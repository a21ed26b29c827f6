"""`timo` builds the parsers of the command named on the line, from the module that
registers it, and every command's when none known is named (`timo --help`, a typo)."""

from __future__ import annotations

import argparse
import importlib

import pytest

from timo_desktop.cli import COMMAND_MODULES, build_parser

from .conftest import Timo


def _commands(parser: argparse.ArgumentParser) -> tuple[str, ...]:
    [commands] = [
        action.choices
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
    ]
    return tuple(commands)


@pytest.mark.parametrize("module", list(COMMAND_MODULES))
def test_each_module_registers_the_commands_listed_for_it(module: str) -> None:
    # A command listed under the wrong module would be "invalid choice" on its own line.
    subparsers = argparse.ArgumentParser().add_subparsers()
    importlib.import_module(f"timo_desktop.cli.{module}").register(subparsers)
    assert tuple(subparsers.choices) == COMMAND_MODULES[module]


def test_only_the_named_command_s_module_is_built() -> None:
    assert _commands(build_parser(["start", "Design"])) == COMMAND_MODULES["timer"]
    home_first = ["--home", "/tmp/x", "keep-mine", "3"]
    assert _commands(build_parser(home_first)) == COMMAND_MODULES["attention"]
    assert _commands(build_parser(["--home=/tmp/x", "attention"])) == COMMAND_MODULES["report"]


def test_help_and_a_misspelt_command_see_every_command(timo: Timo) -> None:
    every = tuple(name for names in COMMAND_MODULES.values() for name in names)
    for args in ([], ["--help"], ["strat"], ["-h", "start"]):
        assert _commands(build_parser(args)) == every
    listed = timo("--help").stdout
    assert all(name in listed for name in every)
    refused = timo("strat")
    assert refused.returncode == 2
    assert "invalid choice: 'strat'" in refused.stderr and "keep-their-version" in refused.stderr
