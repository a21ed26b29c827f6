"""``vmoox-sandbox``: run the Vmoox API v1 sandbox server on loopback."""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import socket
import sys
from pathlib import Path
from typing import Any

from starlette.types import Scope

from vmoox_sandbox.context import SandboxConfig
from vmoox_sandbox.db import database_url
from vmoox_sandbox.seed import DEMO_PASSWORD, SEEDS, USERS


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="vmoox-sandbox", description="A Vmoox API v1 server for development, demos and tests."
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default loopback)")
    parser.add_argument("--port", type=int, default=8765, help="port; 0 picks a free one")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--data", type=Path, help="folder for a SQLite database file")
    where.add_argument("--db", help="any SQLAlchemy URL (default: in-memory SQLite)")
    parser.add_argument("--seed", choices=SEEDS, default="demo", help="data for an empty database")
    parser.add_argument("--faults", type=Path, help="JSON file with a list of faults to start with")
    parser.add_argument("--fault-seed", type=int, default=0, help="seed for probabilistic faults")
    parser.add_argument(
        "--rate-limit",
        type=int,
        default=SandboxConfig.rate_limit,
        help="requests per window per token",
    )
    parser.add_argument(
        "--rate-window",
        type=int,
        default=SandboxConfig.rate_window_seconds,
        help="window in seconds",
    )
    parser.add_argument("--no-controls", action="store_true", help="serve without /__sandbox")
    parser.add_argument(
        "--tls-cert", type=Path, help="serve HTTPS with this certificate chain (PEM)"
    )
    parser.add_argument("--tls-key", type=Path, help="the private key of --tls-cert (PEM)")
    args = parser.parse_args(argv)
    if (args.tls_cert is None) != (args.tls_key is None):
        parser.error("--tls-cert and --tls-key go together")
    return args


def load_faults(path: Path | None) -> list[dict[str, Any]]:
    """The faults in a ``--faults`` file: a JSON list, or ``{"faults": [...]}``."""
    if path is None:
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    faults = data.get("faults", []) if isinstance(data, dict) else data
    if not isinstance(faults, list):
        raise ValueError("the faults file must hold a JSON list of faults")
    return faults


def main(argv: list[str] | None = None) -> None:
    """Start the server; prints its base URL and the demo user's token when ready."""
    args = parse_args(argv)
    import uvicorn

    from vmoox_sandbox.app import create_app
    from vmoox_sandbox.faults import FaultSpec

    try:
        faults = load_faults(args.faults)
        for spec in faults:
            FaultSpec.model_validate(spec)
    except (OSError, ValueError) as exc:
        sys.exit(f"vmoox-sandbox: cannot use --faults {args.faults}: {exc}")
    config = SandboxConfig(
        db_url=database_url(args.data, args.db),
        seed=args.seed,
        faults=faults,
        fault_seed=args.fault_seed,
        controls=not args.no_controls,
        rate_limit=args.rate_limit,
        rate_window_seconds=args.rate_window,
    )
    app = create_app(config)
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio only sets TCP_NODELAY on sockets that say so.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((args.host, args.port))
    except OSError as exc:
        sys.exit(f"vmoox-sandbox: cannot listen on {args.host}:{args.port}: {exc}")
    port = sock.getsockname()[1]
    host = f"[{args.host}]" if family == socket.AF_INET6 else args.host
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            http="h11",
            lifespan="off",
            date_header=False,
            server_header=False,
            log_level="warning",
            # A stop (Ctrl+C) ends answers still held back, by a latency fault or a client
            # gone quiet, rather than waiting for them without end.
            timeout_graceful_shutdown=1,
            ssl_certfile=args.tls_cert,
            ssl_keyfile=args.tls_key,
        )
    )

    def connection_of(scope: Scope) -> asyncio.Transport | None:
        # The request's own connection: the one from the client's address and port.
        client = tuple(scope.get("client") or ())
        for connection in list(server.server_state.connections):
            if getattr(connection, "client", None) == client:
                return connection.transport
        return None

    app.state.sandbox.connection_of = connection_of

    def announce() -> None:
        base_url = f"{'https' if args.tls_cert else 'http'}://{host}:{port}"
        print(
            f"vmoox-sandbox {'(no controls) ' if args.no_controls else ''}listening on {base_url}"
        )
        print(f"base_url: {base_url}")
        print(f"workspace: ws_1 · demo user {USERS[0][2]} / password {DEMO_PASSWORD}")
        print(f"token: {app.state.sandbox.demo_token}", flush=True)

    async def serve() -> None:
        task = asyncio.create_task(server.serve(sockets=[sock]))
        while not server.started and not task.done():
            await asyncio.sleep(0.02)
        if server.started:
            announce()
        await task

    # uvicorn re-raises the stop signal after shutting down; make that a quiet exit.
    signal.signal(signal.SIGINT, lambda *_: None)
    signal.signal(signal.SIGTERM, lambda *_: None)
    asyncio.run(serve())


if __name__ == "__main__":
    main()
