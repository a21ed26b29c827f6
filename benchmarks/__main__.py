"""`make bench`: run every `benchmarks/bench_*.py` (or those named on the command line).

Each module has `main() -> None` that prints its own lines of the form
`name: value (ratio to baseline) target ...`. The machine is shared and noisy,
so every figure is compared with a baseline measured in the same run.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time

import benchmarks


def main(argv: list[str]) -> int:
    names = argv or sorted(
        m.name for m in pkgutil.iter_modules(benchmarks.__path__) if m.name.startswith("bench_")
    )
    failures = 0
    for name in names:
        print(f"== {name}", flush=True)
        began = time.perf_counter()
        try:
            importlib.import_module(f"benchmarks.{name}").main()
        except Exception as exc:  # one broken benchmark must not hide the others
            failures += 1
            print(f"   FAILED: {exc!r}", flush=True)
        print(f"   ({time.perf_counter() - began:.1f} s)", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
