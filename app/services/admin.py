"""Database administration for IT: initialise, upgrade, report status."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from app.db import migrate
from app.services.errors import AdminError, NotAllowed


@dataclass(frozen=True)
class MigrationResult:
    revision: str
    already: bool  # True when nothing had to change


@dataclass(frozen=True)
class DatabaseStatus:
    revision: str | None
    head: str
    orders: int | None


def init_database(engine: Engine) -> MigrationResult:
    """Roles, schema and guards on an empty database; a database already initialised is left as it is."""
    before = migrate.current_revision(engine)
    if before is None:
        foreign = [t for t in inspect(engine).get_table_names(schema="public") if t != "alembic_version"]
        if foreign:
            raise AdminError(
                f"The database already holds tables that are not OrderPilot's ({', '.join(sorted(foreign)[:5])}"
                f"{', …' if len(foreign) > 5 else ''}); initialise an empty database instead.")
    return _upgrade(engine, before)


def upgrade_database(engine: Engine) -> MigrationResult:
    """Alembic migrations to head."""
    return _upgrade(engine, migrate.current_revision(engine))


def _upgrade(engine: Engine, before: str | None) -> MigrationResult:
    head = migrate.head_revision()
    if before == head:
        return MigrationResult(head, already=True)
    try:
        migrate.upgrade(engine)
    except DBAPIError as exc:
        if getattr(exc.orig, "pgcode", None) == "42501":
            user = engine.url.username or "this login"
            raise NotAllowed(
                f"The login '{user}' lacks the privileges to create roles and tables here; run the command "
                "as the database owner with the CREATEROLE privilege (or a superuser). Nothing was changed."
            ) from exc
        raise
    return MigrationResult(migrate.current_revision(engine) or head, already=False)


def database_status(engine: Engine) -> DatabaseStatus:
    revision = migrate.current_revision(engine)
    orders = None
    if revision is not None:
        with engine.connect() as connection:
            orders = connection.execute(text(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = 'sales_order'::regclass")).scalar()
            if orders is None or orders < 0:
                orders = connection.execute(text("SELECT count(*) FROM sales_order")).scalar()
    return DatabaseStatus(revision=revision, head=migrate.head_revision(), orders=orders)


def prune_change_log(engine: Engine, *, keep_days: float = 7.0) -> int:
    """Delete change-log rows older than ``keep_days``; -1 if another session is pruning."""
    if keep_days < 0:
        raise AdminError("--keep-days cannot be negative.")
    with engine.begin() as connection:
        return connection.execute(text("SELECT op_prune_change_log(make_interval(secs => :s))"),
                                  {"s": keep_days * 86400}).scalar()
