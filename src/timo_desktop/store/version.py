"""The schema version this code reads and writes.

Stored in the database as `PRAGMA user_version`, so a normal start checks one
integer and never imports SQLAlchemy or Alembic. Migration `NNNN_*.py` has
revision id `NNNN`; the newest one's number is `SCHEMA_VERSION`.
"""

SCHEMA_VERSION = 7


def revision_id(version: int) -> str:
    """The Alembic revision that brings the schema to `version`."""
    return f"{version:04d}"
