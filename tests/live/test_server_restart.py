"""A server outage: the listener reconnects, catches up, and applies every change exactly once."""

import collections

import pytest

from app.db.embedded import EmbeddedServer
from app.db.engine import make_engine
from app.db.migrate import upgrade
from tests.live.conftest import touch_stock, writer
from tests.support import setup_master_data


@pytest.fixture
def own_server(server_folder):
    """A server of this test's own, so stopping it disturbs nobody else."""
    server = EmbeddedServer(server_folder / "pgdata", delete_on_exit=True)
    server.ensure_database()
    engine = make_engine(server.url())
    upgrade(engine)
    engine.dispose()
    conn = writer(server.url())
    setup_master_data(conn)
    conn.close()
    yield server
    server.stop()


def commit_changes(url, count):
    conn = writer(url, autocommit=False)
    seqs = []
    for i in range(count):
        seqs.append(touch_stock(conn, 1 + i % 2))
        conn.commit()
    conn.close()
    return seqs


def test_changes_committed_while_the_client_is_cut_off_are_all_applied_once(own_server, start_listener, qtbot):
    url = own_server.url()
    listener, received = start_listener(url, backoff=(3.0, 3.0))
    before = commit_changes(url, 3)
    qtbot.waitUntil(lambda: set(before) <= set(received.seqs), timeout=5000)

    own_server.halt()
    qtbot.waitUntil(lambda: listener.state != "connected", timeout=10_000)
    own_server.resume()
    during = commit_changes(url, 5)  # the listener is still waiting to reconnect
    assert listener.state != "connected"

    qtbot.waitUntil(lambda: set(during) <= set(received.seqs), timeout=20_000)
    assert listener.state == "connected"
    after = commit_changes(url, 2)
    qtbot.waitUntil(lambda: set(after) <= set(received.seqs), timeout=5000)

    counts = collections.Counter(received.seqs)
    assert all(counts[seq] == 1 for seq in before + during + after)
    assert received.seqs == sorted(received.seqs)
    assert "reconnecting" in received.states
