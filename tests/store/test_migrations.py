import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from tests.store.helpers import database_at
from timo_desktop.core.reports import GroupBy
from timo_desktop.store import fresh, migrate, reports, sync_state
from timo_desktop.store.database import Store
from timo_desktop.store.errors import DatabaseCorrupt, DatabaseTooNew
from timo_desktop.store.schema import metadata
from timo_desktop.store.version import SCHEMA_VERSION, revision_id


def test_newest_migration_is_the_code_schema_version() -> None:
    with migrate.alembic_config() as config:
        assert ScriptDirectory.from_config(config).get_current_head() == revision_id(SCHEMA_VERSION)


def test_migrations_build_exactly_the_declared_schema(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    migrate.upgrade(path)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), metadata)
    # SQLAlchemy cannot reflect the expression index; everything else must match.
    assert [d for d in diffs if "ix_entries_one_running" not in str(d)] == []


def test_the_shipped_schema_is_what_the_migrations_build(tmp_path: Path) -> None:
    migrated = tmp_path / "migrated.sqlite3"
    migrate.upgrade(migrated)
    shipped = resources.files("timo_desktop.store").joinpath(fresh.SCRIPT).read_text("utf-8")
    assert shipped == migrate.schema_script(migrated), "a migration was added: run `make schema`"


def test_a_new_database_is_built_as_the_migrations_build_it(tmp_path: Path) -> None:
    migrated, new = tmp_path / "migrated.sqlite3", tmp_path / "new.sqlite3"
    migrate.upgrade(migrated)
    Store.open(new).close()
    assert migrate.schema_script(new) == migrate.schema_script(migrated)
    assert sqlite3.connect(new).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    with create_engine(f"sqlite:///{new}").connect() as connection:
        context = MigrationContext.configure(connection)
        assert context.get_current_revision() == revision_id(SCHEMA_VERSION)  # for the next


def test_a_database_made_meanwhile_is_not_built_again(tmp_path: Path) -> None:
    """Two programs open a new file at once: the second to take the write lock finds the
    schema there, and builds nothing over it."""
    path = tmp_path / "timo.sqlite3"
    first, second = sqlite3.connect(path, isolation_level=None), None
    try:
        second = sqlite3.connect(path, isolation_level=None)
        assert fresh.build(first, path) == SCHEMA_VERSION
        first.execute("INSERT INTO meta (key, value) VALUES ('kept', 'yes')")
        assert fresh.build(second, path) == SCHEMA_VERSION
        assert second.execute("SELECT value FROM meta WHERE key = 'kept'").fetchall() == [("yes",)]
    finally:
        first.close()
        if second is not None:
            second.close()


def test_upgrade_from_the_first_schema_keeps_data_and_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "timo.sqlite3"
    database_at(path, 1)
    with sqlite3.connect(path) as old:
        old.execute(
            "INSERT INTO entries (client_ref, start_at, end_at, timezone, source, created_at,"
            " updated_at, description) VALUES ('0d3c2a9e-0000-4000-8000-000000000001',"
            " '2026-03-03T09:00:00Z', '2026-03-03T10:00:00Z', 'Europe/Berlin', 'cli',"
            " '2026-03-03T10:00:00Z', '2026-03-03T10:00:00Z', 'Old work')"
        )
    store = Store.open(path)
    entry = store.get("0d3c2a9e-0000-4000-8000-000000000001")
    assert entry is not None and entry.description == "Old work"
    assert store.projects() == []  # the table 0002 added
    [backup] = list(tmp_path.glob("timo.sqlite3.v1-*.bak"))
    with sqlite3.connect(backup) as copy:
        assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
        assert copy.execute("SELECT description FROM entries").fetchone()[0] == "Old work"


def test_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "timo.sqlite3"
    Store.open(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNew, match="newer version of Timo"):
        Store.open(path)
    assert path.read_bytes() == before


def test_corrupt_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "timo.sqlite3"
    path.write_bytes(b"this is not a database, it is a shopping list" * 100)
    before = path.read_bytes()
    with pytest.raises(DatabaseCorrupt, match="is damaged"):
        Store.open(path)
    assert path.read_bytes() == before


def test_upgrade_to_4_fills_epoch_seconds_that_reports_sum(tmp_path: Path) -> None:
    path = tmp_path / "timo.sqlite3"
    database_at(path, 3)
    with sqlite3.connect(path) as old:
        old.executemany(
            "INSERT INTO entries (client_ref, start_at, end_at, timezone, source, created_at,"
            " updated_at) VALUES (?, ?, ?, 'Europe/Berlin', 'cli', ?, ?)",
            [
                (f"0d3c2a9e-0000-4000-8000-00000000000{n}", start, end, start, start)
                for n, (start, end) in enumerate(
                    [
                        ("2026-03-03T09:00:00Z", "2026-03-03T10:30:00Z"),
                        ("2026-03-29T00:30:00Z", "2026-03-29T01:30:00Z"),  # Berlin's DST night
                        ("2026-03-30T08:00:00Z", None),  # running
                    ]
                )
            ],
        )
    Store.open(path).close()
    with sqlite3.connect(path) as migrated:
        rows = migrated.execute(
            "SELECT start_epoch, end_epoch, end_epoch - start_epoch FROM entries ORDER BY start_at"
        ).fetchall()

    def seconds(*utc: int) -> int:
        return int(datetime(*utc, tzinfo=UTC).timestamp())

    assert rows == [
        (seconds(2026, 3, 3, 9), seconds(2026, 3, 3, 10, 30), 5400),
        (seconds(2026, 3, 29, 0, 30), seconds(2026, 3, 29, 1, 30), 3600),
        (seconds(2026, 3, 30, 8), None, None),
    ]


def test_upgrade_to_5_keeps_the_catalog_with_no_count_from_vmoox_yet(tmp_path: Path) -> None:
    path = tmp_path / "timo.sqlite3"
    database_at(path, 4)
    with sqlite3.connect(path) as old:
        old.execute(
            "INSERT INTO projects (id, name, status, estimate_minutes)"
            " VALUES ('prj_1', 'Website', 'active', 600)"
        )
        old.execute(
            "INSERT INTO tasks (id, project_id, name, estimate_minutes)"
            " VALUES ('tsk_1', 'prj_1', 'Layout', 120)"
        )
    store = Store.open(path)
    [website], [layout] = store.projects(), store.tasks()
    assert (website.estimate_minutes, website.tracked_minutes) == (600, None)
    assert (layout.estimate_minutes, layout.tracked_minutes) == (120, None)
    # Until the next pull reads Vmoox's counts, reports count the person's time alone.
    assert reports.actual_to_date(store, GroupBy.PROJECT, datetime.now(UTC)) == {}
    with store.write() as tx:
        tx.put_projects([replace(website, tracked_minutes=90)], counted_at=datetime.now(UTC))
    [counted] = reports.actual_to_date(store, GroupBy.PROJECT, datetime.now(UTC)).values()
    assert counted.seconds == 90 * 60 and counted.counted_at is not None


def test_upgrade_to_7_keeps_conflicts_as_values_to_send_once_unlocked(tmp_path: Path) -> None:
    path = tmp_path / "timo.sqlite3"
    database_at(path, 6)
    with sqlite3.connect(path) as old:
        old.execute(
            "INSERT INTO sync_conflicts (client_ref, field, local_value, server_value,"
            " created_at) VALUES ('ref', 'description', '\"mine\"', '\"theirs\"',"
            " '2026-03-03T09:00:00Z')"
        )
    store = Store.open(path)
    [kept] = sync_state.conflicts(store.connection)
    assert (kept.local_value, kept.server_value) == ("mine", "theirs")
    assert not kept.ask_once_unlocked  # as before: a value kept beside, sent by itself


def test_a_database_read_before_one_is_made_has_its_schema_and_no_file(tmp_path: Path) -> None:
    """`Store.open_to_read` where no database was made yet: an empty one in memory, built
    from the same schema as the file a first write makes."""
    made = tmp_path / "made.sqlite3"
    Store.open(made).close()
    missing = tmp_path / "data" / "timo.sqlite3"
    shape = "SELECT type, name, sql FROM sqlite_master ORDER BY name"
    with Store.open_to_read(missing) as store, sqlite3.connect(made) as file:
        assert store.running() is None and store.projects() == []
        assert store.connection.execute(shape).fetchall() == file.execute(shape).fetchall()
        assert store.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert not missing.parent.exists()
