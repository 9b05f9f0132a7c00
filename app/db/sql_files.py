"""Run the versioned SQL files under app/db/sql/<revision>/ in name order.

The schema, guards and privileges live in plain SQL so that a DBA can read them; each Alembic
revision runs its folder. Files go to the driver as they are (no bind-parameter parsing).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Connection

SQL_ROOT = Path(__file__).resolve().parent / "sql"


def sql_files(revision: str) -> list[Path]:
    return sorted((SQL_ROOT / revision).glob("*.sql"))


def run_sql_folder(connection: Connection, revision: str) -> None:
    raw = connection.connection.dbapi_connection
    with raw.cursor() as cursor:
        for path in sql_files(revision):
            cursor.execute(path.read_text(encoding="utf-8"))
