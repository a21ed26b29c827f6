"""vmoox_sandbox: a real HTTP server implementing the Vmoox API v1 contract.

It serves the contract in ``docs/vmoox-api-v1.openapi.json`` from its own
SQLAlchemy database, with a seeded demo agency workspace, sandbox controls under
``/__sandbox`` and scriptable network faults, so Timo can be developed, demoed
and tested against real HTTP. It depends on nothing in ``timo_desktop``.
"""

__all__ = ["__version__"]

__version__ = "1.0.0"
