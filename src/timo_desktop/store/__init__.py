"""The local SQLite store.

Public API: `store.database.Store` (reads, and `write()` -> `WriteTransaction`
with `save(entry, op, now)`, the one write path for entries and the outbox),
`store.outbox` (the outbox table, documented there), `store.connection`
(`open_connection`, `transaction` for modules that add their own tables or
queries) and `store.errors`. Importing this package costs nothing but
`sqlite3`; SQLAlchemy and Alembic load only to migrate (`store.migrate`).
"""
