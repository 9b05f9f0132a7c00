"""Migrations: bring a database to the newest schema with Alembic."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run every migration up to ``revision``; a database already there is left alone."""
    config = alembic_config()
    with engine.begin() as connection:
        # Serialise concurrent upgrades (two desktops starting on a fresh server at once).
        connection.exec_driver_sql("SELECT pg_advisory_xact_lock(hashtext('orderpilot.migrate'))")
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
