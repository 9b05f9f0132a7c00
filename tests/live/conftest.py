"""Listeners for live tests: started against a database, stopped afterwards."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import psycopg2
import pytest

from app.db.engine import psycopg2_dsn
from app.live.listener import ChangeListener


class Received:
    """Everything a listener delivered, in order."""

    def __init__(self, listener):
        self.events = []
        self.reloads = 0
        self.states = []
        listener.changes.connect(self.events.extend)
        listener.reload_required.connect(self._reload)
        listener.state_changed.connect(self.states.append)

    def _reload(self):
        self.reloads += 1

    @property
    def seqs(self):
        return [e.seq for e in self.events]


@pytest.fixture
def start_listener(qtbot):
    started = []

    def start(url, **options):
        options.setdefault("backoff", (0.2, 1.0))
        listener = ChangeListener(psycopg2_dsn(url), **options)
        received = Received(listener)
        listener.start()
        started.append(listener)
        qtbot.waitUntil(lambda: listener.state == "connected", timeout=10_000)
        return listener, received

    yield start
    for listener in started:
        listener.stop()


def writer(url, autocommit=True):
    conn = psycopg2.connect(psycopg2_dsn(url))
    conn.autocommit = autocommit
    return conn


def touch_stock(conn, stock_id: int) -> int:
    """Change one stock row in the connection's open transaction; returns the change_log seq it drew."""
    assert not conn.autocommit, "the seq is looked up inside the writing transaction"
    with conn.cursor() as cur:
        cur.execute("UPDATE stock_level SET reorder_point = reorder_point + 1 WHERE id = %s", (stock_id,))
        cur.execute("SELECT max(seq) FROM change_log WHERE table_name = 'stock_level' AND row_id = %s "
                    "AND xid = pg_current_xact_id()", (stock_id,))
        return cur.fetchone()[0]
