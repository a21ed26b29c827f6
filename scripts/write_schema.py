"""Write `store/schema.sql`, the schema new databases are built with, from what the
migrations build (`make schema`, after adding a migration)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from timo_desktop.store import fresh, migrate


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "timo.sqlite3"
        migrate.upgrade(database)
        script = migrate.schema_script(database)
    target = Path(fresh.__file__).with_name(fresh.SCRIPT)
    target.write_text(script, encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
