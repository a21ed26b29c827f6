"""Typed client for the Vmoox API v1.

Everything Timo says to a Vmoox server goes through this package, so another
real endpoint can be adapted in one place. It knows HTTP and the problem+json
error model and nothing of the local database. Import the submodules you need
(`client`, `models`, `errors`, `oauth`): this package itself imports nothing
heavy, so the command line stays quick to start.
"""

import sys

# httpx loads its command-line client (click, pygments) whenever they happen to be installed,
# and Timo never runs it. Marked absent, it is skipped as when they are missing: ~4 MiB and
# ~20 ms less once signed in. The frozen app leaves them out altogether (packaging/timo.spec).
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
