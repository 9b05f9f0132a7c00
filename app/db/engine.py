"""Engines and the unit of work.

The engine is built once at start-up from a URL and handed around; nothing connects at import
time. Services receive a :class:`UnitOfWork` factory and use it as a context manager: the session
rolls back on exit unless the service called :meth:`UnitOfWork.commit`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import create_engine
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

APPLICATION_NAME = "OrderPilot"


def normalise_url(url: str | URL) -> URL:
    """Accept ``postgres://``, ``postgresql://`` or ``postgresql+psycopg2://`` URLs alike."""
    if isinstance(url, str) and url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        raise ValueError(f"OrderPilot needs a PostgreSQL URL, not '{parsed.get_backend_name()}'.")
    return parsed.set(drivername="postgresql+psycopg2")


def psycopg2_dsn(url: str | URL) -> str:
    """A libpq connection string for raw psycopg2 connections (listener, COPY, admin)."""
    parsed = normalise_url(url)
    parts = []
    if parsed.host:
        parts.append(f"host={_quote(parsed.host)}")
    if parsed.port:
        parts.append(f"port={parsed.port}")
    if parsed.username:
        parts.append(f"user={_quote(parsed.username)}")
    if parsed.password:
        parts.append(f"password={_quote(str(parsed.password))}")
    if parsed.database:
        parts.append(f"dbname={_quote(parsed.database)}")
    for key, value in parsed.query.items():
        if isinstance(value, tuple):
            value = value[-1]
        parts.append(f"{key}={_quote(value)}")
    if "application_name" not in parsed.query:
        parts.append(f"application_name={APPLICATION_NAME}")
    return " ".join(parts)


def _quote(value: str) -> str:
    value = str(value)
    if value and all(c not in value for c in " '\\"):
        return value
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def make_engine(url: str | URL, **kwargs: Any) -> Engine:
    """An engine for ``url`` with settings every OrderPilot client uses."""
    parsed = normalise_url(url)
    connect_args = kwargs.pop("connect_args", {})
    connect_args.setdefault("application_name", APPLICATION_NAME)
    connect_args.setdefault("connect_timeout", 10)
    return create_engine(parsed, pool_pre_ping=True, connect_args=connect_args, **kwargs)


class UnitOfWork:
    """One business transaction: a session that rolls back unless committed."""

    def __init__(self, session_factory: Callable[[], Session]):
        self._session_factory = session_factory
        self.session: Session | None = None

    def __enter__(self) -> "UnitOfWork":
        self.session = self._session_factory()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.session is not None
        self.session.rollback()
        self.session.close()

    def commit(self) -> None:
        assert self.session is not None
        self.session.commit()

    def rollback(self) -> None:
        assert self.session is not None
        self.session.rollback()


def unit_of_work_factory(engine: Engine) -> Callable[[], UnitOfWork]:
    """A callable that opens a fresh unit of work on ``engine`` each time."""
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    return lambda: UnitOfWork(factory)
