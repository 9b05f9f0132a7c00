"""The PostgreSQL server a benchmark runs against, and the scratch databases and logins it makes there.

Without a URL a temporary embedded PostgreSQL is started in a folder of its own and deleted
afterwards; with one (a superuser URL from ``--database-url`` or ``OP_BENCH_DATABASE_URL``, e.g.
postgresql://postgres@127.0.0.1:5432/postgres) that server is used. What a benchmark creates
through :meth:`Server.create_database` and :meth:`Server.add_login` is dropped again by
:meth:`Server.close` unless the server was started with ``keep`` (which also keeps an embedded
server's data folder). Benchmarks that reuse a database between runs top it up with demo
orders instead. One place for this, so that every benchmark cleans up the same way.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
import time
from pathlib import Path

import psycopg2
from psycopg2 import sql
from sqlalchemy import text

from app.db.engine import make_engine, normalise_url, psycopg2_dsn
from app.db.migrate import upgrade


class Server:
    """A PostgreSQL server reached as a superuser; remembers the databases and roles made on it."""

    def __init__(self, admin_url: str, *, embedded=None, folder: Path | None = None, keep: bool = False):
        self.admin_url = normalise_url(admin_url)
        self.embedded = embedded
        self.folder = folder
        self.keep = keep
        self.databases: list[str] = []
        self.roles: list[str] = []

    def url(self, database: str, user: str | None = None, password: str | None = None) -> str:
        """A SQLAlchemy URL for ``database`` on this server, as the superuser or as ``user``."""
        url = self.admin_url.set(database=database)
        if user is not None:
            url = url.set(username=user, password=password)
        return url.render_as_string(hide_password=False)

    def connect(self, database: str | None = None):
        """An autocommit psycopg2 connection as the superuser (to the admin database by default)."""
        conn = psycopg2.connect(psycopg2_dsn(self.url(database or self.admin_url.database or "postgres")))
        conn.autocommit = True
        return conn

    def create_database(self, name: str, *, migrate: bool = True) -> str:
        """Create ``name`` (UTF-8, from template0), migrated to the current schema; returns its URL."""
        admin = self.connect()
        try:
            with admin.cursor() as cur:
                cur.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0")
                            .format(sql.Identifier(name)))
        finally:
            admin.close()
        self.databases.append(name)
        url = self.url(name)
        if migrate:
            engine = make_engine(url)
            try:
                upgrade(engine)
            finally:
                engine.dispose()
        return url

    def add_login(self, database: str, name: str, group: str, display_name: str,
                  approval_limit: int | None = None) -> str:
        """A login role with a random password in ``group``, known to ``database`` as an app user; its URL."""
        password = secrets.token_urlsafe(16)
        conn = self.connect(database)
        try:
            with conn.cursor() as cur:
                cur.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(sql.Identifier(name),
                                                                              sql.Literal(password)))
                self.roles.append(name)
                cur.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(name)))
                cur.execute("INSERT INTO app_user (login, display_name, approval_limit) VALUES (%s, %s, %s)",
                            (name, display_name, approval_limit))
        finally:
            conn.close()
        return self.url(database, name, password)

    def postmaster_pid(self) -> int | None:
        """The server's main process id when it runs on this machine (a backend's parent), else None."""
        if self.embedded is not None:
            return self.embedded.postmaster_pid()
        conn = self.connect()
        try:
            with conn.cursor() as cur:
                cur.execute("SELECT pg_backend_pid()")
                backend = cur.fetchone()[0]
            stat = Path(f"/proc/{backend}/stat")
            if not stat.exists() or b"postgres" not in Path(f"/proc/{backend}/cmdline").read_bytes():
                return None
            raw = stat.read_text()
            return int(raw[raw.rindex(")") + 2:].split()[1])
        except OSError:
            return None
        finally:
            conn.close()

    def drop_created(self) -> None:
        """Drop the databases and roles made through this object (on an external server)."""
        if not self.databases and not self.roles:
            return
        conn = self.connect()
        try:
            with conn.cursor() as cur:
                for database in self.databases:
                    cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))
                for role in self.roles:
                    cur.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))
        finally:
            conn.close()
        self.databases, self.roles = [], []

    def close(self) -> None:
        """Drop what was created (unless kept), then stop and delete a temporary embedded server."""
        try:
            if self.embedded is None and not self.keep:
                self.drop_created()
        finally:
            if self.embedded is not None:
                self.embedded.stop()
            if self.folder is not None and not self.keep:
                shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *_) -> None:
        self.close()


def start_server(database_url: str | None, *, keep: bool = False, prefix: str = "orderpilot-bench-") -> Server:
    """The server at ``database_url`` (a superuser URL), or a new temporary embedded one."""
    if database_url:
        return Server(database_url, keep=keep)
    from app.db.embedded import EmbeddedServer

    folder = Path(tempfile.mkdtemp(prefix=prefix))
    embedded = EmbeddedServer(folder / "pgdata", delete_on_exit=not keep)
    return Server(embedded.url("postgres"), embedded=embedded, folder=folder, keep=keep)


def open_database(database_url: str | None, name: str, *, keep: bool = False,
                  prefix: str = "orderpilot-bench-") -> tuple[str, Server | None]:
    """``database_url`` as it is (a database the benchmark reuses), or a new database ``name``
    (not yet migrated) on a temporary embedded server, which the caller closes."""
    if database_url:
        return database_url, None
    server = start_server(None, keep=keep, prefix=prefix)
    return server.create_database(name, migrate=False), server


def migrate_with_demo_orders(url: str, orders: int, *, progress=None) -> bool:
    """Migrate the database at ``url`` and load demo orders until it holds ``orders`` (a reused
    database keeps what it has); True when this process loaded some."""
    engine = make_engine(url)
    try:
        upgrade(engine)
        with engine.connect() as conn:
            have = conn.execute(text("SELECT count(*) FROM sales_order")).scalar_one()
        if have >= orders:
            return False
        from app.services.demo_data import load_demo_data

        started = time.perf_counter()
        print(f"loading {orders - have:,} demo orders (have {have:,})…", flush=True)
        load_demo_data(engine, orders=orders - have, progress=progress)
        print(f"loaded in {time.perf_counter() - started:.0f} s", flush=True)
        return True
    finally:
        engine.dispose()
