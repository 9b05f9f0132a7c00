"""Test harness on a real PostgreSQL.

- The server: ``OP_TEST_DATABASE_URL`` (a superuser URL, e.g. postgresql://postgres@127.0.0.1:5432/postgres)
  or, by default, a session-wide embedded server in a temporary folder.
- Isolation: one migrated template database per session, cloned for every test that asks for
  ``db_url`` (a clone takes a fraction of a second), dropped afterwards.
- ``make_login`` creates a login role with the given group roles (and its ``app_user`` row)
  and returns a raw psycopg2 connection as that login, for tests that act as a user.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import psycopg2
import pytest
from sqlalchemy.engine import make_url

from app.db.engine import make_engine, normalise_url, psycopg2_dsn
from app.db.migrate import upgrade

SESSION_TAG = secrets.token_hex(3)
pytest_plugins = ["tests.business"]


@dataclass
class TestServer:
    """The PostgreSQL server the tests use, reached as a superuser."""

    admin_url: str  # SQLAlchemy URL of the maintenance database
    template: str
    label: str

    def url(self, database: str, user: str | None = None) -> str:
        url = normalise_url(self.admin_url).set(database=database)
        if user is not None:
            url = url.set(username=user, password=None)
        return url.render_as_string(hide_password=False)

    def admin_connection(self, database: str | None = None):
        conn = psycopg2.connect(psycopg2_dsn(self.url(database or make_url(self.admin_url).database)))
        conn.autocommit = True
        return conn


def _start_server() -> tuple[str, str, object | None]:
    external = os.environ.get("OP_TEST_DATABASE_URL")
    if external:
        return external, "OP_TEST_DATABASE_URL", None
    from app.db.embedded import EmbeddedServer

    folder = Path(tempfile.mkdtemp(prefix="orderpilot-test-"))
    server = EmbeddedServer(folder / "pgdata", delete_on_exit=True)
    return server.url("postgres"), "embedded", server


@pytest.fixture
def server_folder() -> Iterator[Path]:
    """A folder for a test's own embedded server, outside pytest's private temp folders.

    Run as root, the embedded server drops to a system user of its own, which cannot enter
    pytest's ``tmp_path`` (created mode 0700); a ``mkdtemp`` folder is handed to that user.
    """
    folder = Path(tempfile.mkdtemp(prefix="orderpilot-test-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[TestServer]:
    admin_url, label, embedded = _start_server()
    template = f"op_template_{SESSION_TAG}"
    server = TestServer(admin_url=admin_url, template=template, label=label)
    conn = server.admin_connection()
    with conn.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{template}" ENCODING \'UTF8\' TEMPLATE template0')
    engine = make_engine(server.url(template))
    upgrade(engine)
    engine.dispose()
    try:
        yield server
    finally:
        with conn.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
            cur.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE %s", (f"opt\\_{SESSION_TAG}\\_%",))
            for (role,) in cur.fetchall():
                cur.execute(f'DROP ROLE IF EXISTS "{role}"')
        conn.close()
        if embedded is not None:
            embedded.stop()


class ClonedDatabase:
    """A fresh copy of the migrated template."""

    def __init__(self, server: TestServer, name: str):
        self.server = server
        self.name = name
        self.url = server.url(name)

    def admin(self):
        """A raw autocommit connection as the superuser."""
        return self.server.admin_connection(self.name)


@pytest.fixture
def database(pg_server: TestServer) -> Iterator[ClonedDatabase]:
    name = f"op_test_{SESSION_TAG}_{secrets.token_hex(4)}"
    conn = pg_server.admin_connection()
    with conn.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{name}" TEMPLATE "{pg_server.template}" STRATEGY FILE_COPY')
    try:
        yield ClonedDatabase(pg_server, name)
    finally:
        with conn.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.close()


@pytest.fixture
def db_url(database: ClonedDatabase) -> str:
    """SQLAlchemy URL (superuser) of a fresh migrated database."""
    return database.url


@dataclass
class Login:
    """A test login: its role name and a way to connect as it."""

    name: str
    database: ClonedDatabase

    @property
    def url(self) -> str:
        return self.database.server.url(self.database.name, user=self.name)

    def connect(self, autocommit: bool = False):
        conn = psycopg2.connect(psycopg2_dsn(self.url))
        conn.autocommit = autocommit
        return conn


@pytest.fixture
def make_login(database: ClonedDatabase):
    """``make_login("clerk", "op_sales", approval_limit=None) -> Login``; the login exists for the session."""
    admin = database.admin()
    opened = []

    def make(short_name: str, *roles: str, approval_limit: Decimal | int | None = None,
             display_name: str | None = None) -> Login:
        name = f"opt_{SESSION_TAG}_{short_name}"
        with admin.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,))
            if cur.fetchone() is None:
                cur.execute(f'CREATE ROLE "{name}" LOGIN')
            if roles:
                cur.execute(f'GRANT {", ".join(roles)} TO "{name}"')
            cur.execute(
                "INSERT INTO app_user (login, display_name, approval_limit) VALUES (%s, %s, %s) "
                "ON CONFLICT (login) DO UPDATE SET approval_limit = EXCLUDED.approval_limit",
                (name, display_name or short_name.title(), approval_limit))
        login = Login(name, database)
        opened.append(login)
        return login

    yield make
    admin.close()


def pytest_report_header(config):
    url = os.environ.get("OP_TEST_DATABASE_URL")
    return f"database: {'OP_TEST_DATABASE_URL=' + url if url else 'embedded PostgreSQL (temporary)'}"
