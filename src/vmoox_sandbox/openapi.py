"""Write the OpenAPI document of the public API: ``python -m vmoox_sandbox.openapi [PATH]``.

The checked-in copy is ``docs/vmoox-api-v1.openapi.json``; a test fails when it
differs from what the server serves at ``/openapi.json``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

DEFAULT_PATH = Path("docs/vmoox-api-v1.openapi.json")


def document() -> dict[str, Any]:
    """The document as ``/openapi.json`` serves it."""
    from vmoox_sandbox.app import create_app
    from vmoox_sandbox.context import SandboxConfig

    return create_app(SandboxConfig(seed="empty")).openapi()


def render(doc: dict[str, Any]) -> str:
    """Stable text form of the document (what is checked in)."""
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> None:
    """Write the document to PATH (default ``docs/vmoox-api-v1.openapi.json``)."""
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else DEFAULT_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(document()), encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
