"""Client start-up: sign in, build the session's engine, open the main window wired to the live
feed, notifications and screens — the path ``orderpilot`` takes, without the dialog."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import client
from app.db.engine import make_engine, psycopg2_dsn, unit_of_work_factory
from app.db.sign_in import SignInTarget, sign_in
from app.services.demo_data import load_demo_data
from app.services.errors import SignInFailed
from app.views.launch import ENV_EXIT_WHEN_READY, open_main_window, window_ready
from tests.views.conftest import isolated_settings, qapp  # noqa: F401 - fixtures

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def demo_database(database):
    engine = make_engine(database.url)
    load_demo_data(engine, orders=60)
    engine.dispose()
    return SignInTarget(database.url, "embedded database in /tmp/test", embedded=True)


START_SCRIPT = """
import sys
from app import client
from app.db.sign_in import SignInTarget
sys.exit(client._sign_in_and_run(SignInTarget(sys.argv[1], "embedded database", embedded=True),
                                 auto_login="demo_sales1"))
"""


def test_a_demo_user_signs_in_and_the_main_window_shows_the_first_orders(demo_database, tmp_path):
    """In a process of its own, as on a desktop (one event loop per process)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path), HOME=str(tmp_path))
    env[ENV_EXIT_WHEN_READY] = "1"   # quit once the window and the first rows show
    done = subprocess.run([sys.executable, "-c", START_SCRIPT, demo_database.base_url], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "ready"


def test_an_unknown_demo_login_is_refused_with_a_reason(demo_database, qapp):  # noqa: F811
    with pytest.raises(SignInFailed) as refused:
        client._sign_in_and_run(demo_database, auto_login="demo_nobody")
    assert refused.value.reason == SignInFailed.UNKNOWN_LOGIN


def test_the_window_carries_the_unit_of_work_and_live_feed_before_screens_are_built(
        demo_database, qapp, qtbot):  # noqa: F811
    signed_in = sign_in(demo_database, "demo_approver1", None)
    seen = {}

    def setup(window):
        seen["uow_factory"] = window.uow_factory
        seen["live_feed"] = window.live_feed
        return None

    uow_factory = unit_of_work_factory(signed_in.engine)
    parts = open_main_window(signed_in.session, uow_factory=uow_factory,
                             live_dsn=psycopg2_dsn(signed_in.engine.url), setup_window=setup)
    try:
        qtbot.addWidget(parts.window)
        assert seen["uow_factory"] is uow_factory and seen["live_feed"] is not None
        parts.window.show()
        qtbot.waitUntil(lambda: parts.listener.state == "connected", timeout=10_000)
        qtbot.waitUntil(lambda: window_ready(parts.window), timeout=10_000)
        assert parts.window.session.login == "demo_approver1"
        assert parts.window.windowTitle().endswith(signed_in.session.display_name)
        # the demo data left approvals for approver1: the badge counts them
        qtbot.waitUntil(lambda: parts.window.notification_button.count > 0, timeout=10_000)
    finally:
        parts.shutdown()
        signed_in.engine.dispose()
