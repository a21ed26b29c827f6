"""`timo`: with no subcommand the desktop app, with one the command line."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Dispatch to the CLI or the desktop app without importing what is not needed."""
    args = sys.argv[1:] if argv is None else argv
    from timo_desktop.cli import is_gui_invocation

    if is_gui_invocation(args):
        from timo_desktop.ui.app import run_app

        return run_app(args)
    from timo_desktop.cli import run_cli

    return run_cli(args)


if __name__ == "__main__":
    sys.exit(main())
