"""Open the chosen database for a command: resolve the URL, start the embedded server if needed,
and turn connection failures into one clear sentence."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, OperationalError

from app.config import choose_database, data_dir
from app.db.engine import make_engine, normalise_url
from app.services.errors import AdminError, DatabaseUnavailable


@dataclass
class OpenDatabase:
    engine: Engine
    label: str       # where it is, for messages: "embedded (…/pgdata)" or "host:port/db"
    source: str      # which setting chose it
    embedded: object | None = None


def describe_url(url: str) -> str:
    parsed = normalise_url(url)
    host = parsed.host or parsed.query.get("host") or "local socket"
    port = f":{parsed.port}" if parsed.port else ""
    return f"{parsed.username or '(default user)'}@{host}{port}/{parsed.database or ''}"


def check_connection(engine: Engine, label: str) -> None:
    """Connect once, so a wrong URL or a stopped server is reported before any work starts."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise DatabaseUnavailable(
            f"Cannot connect to the database {label} ({reason}); check the URL and that the server "
            "is running and reachable.") from exc


@contextmanager
def open_database(cli_url: str | None) -> Iterator[OpenDatabase]:
    choice = choose_database(cli_url)
    embedded = None
    if choice.embedded:
        from app.db.embedded import start_default

        try:
            embedded = start_default(data_dir())
        except Exception as exc:  # the embedded package raises assorted errors on failure
            raise DatabaseUnavailable(
                f"The built-in database could not start in {data_dir()} ({exc}); check that the folder "
                "is writable, or point OrderPilot at a server with --database-url.") from exc
        url, label = embedded.url(), f"embedded database in {embedded.pgdata}"
    else:
        url = choice.url
        try:
            label = describe_url(url)
        except (ArgumentError, ValueError) as exc:
            raise AdminError(
                f"The database URL '{url}' is not valid ({exc}); write it like "
                "postgresql://user@host:5432/orderpilot.") from exc
    engine = make_engine(url)
    try:
        check_connection(engine, label)
        yield OpenDatabase(engine=engine, label=label, source=choice.source, embedded=embedded)
    finally:
        engine.dispose()
