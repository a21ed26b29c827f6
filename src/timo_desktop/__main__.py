"""`timo`: with no subcommand the desktop app, with one the command line."""

from __future__ import annotations

import os
import sys

# Optional parts that libraries load whenever they happen to be installed, and Timo never
# uses: httpx's command-line client (click, pygments; ~4 MiB, ~20 ms) and the trio event
# loop httpcore would support (~10 MiB; a test tool's dependency). Marked absent, they are
# skipped as they are where they are not installed; the frozen app leaves them out too.
_NEVER_USED = ("httpx._main", "trio")


def main(argv: list[str] | None = None) -> int:
    """Dispatch to the CLI or the desktop app without importing what is not needed."""
    for name in _NEVER_USED:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]
    # Building its first model, pydantic imports every plugin any installed package
    # declares, reading all their metadata (~20 ms, ~3 MiB in a large environment).
    # Timo uses none, and one installed beside it must not change how Timo validates.
    os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
    args = sys.argv[1:] if argv is None else argv
    from timo_desktop.invocation import app_options

    options = app_options(args)
    if options is not None:
        from timo_desktop.ui.app import run_app

        return run_app(options)
    from timo_desktop.cli import run_cli

    return run_cli(args)


if __name__ == "__main__":
    sys.exit(main())
