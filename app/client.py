"""Start the desktop client: find the database, prepare it on first run, open the main window.

On the embedded default the first run migrates the database and loads demo data, then signs in
as the demo manager. On a shared server the client signs in as the URL's login (the login
dialog replaces this once it exists).
"""

from __future__ import annotations

import sys

from sqlalchemy import text

from app.db.connect import open_database
from app.db.engine import make_engine, psycopg2_dsn, unit_of_work_factory
from app.db.migrate import current_revision, head_revision, upgrade

FIRST_RUN_DEMO_ORDERS = 2000
DEMO_LOGIN = "demo_manager"


def run(cli_url: str | None) -> int:
    from app.services.users import load_session_info
    from app.views.launch import run_client

    with open_database(cli_url) as db:
        session_engine = db.engine
        if db.embedded is not None:
            _prepare_embedded(db.engine)
            session_engine = make_engine(db.embedded.url(user=DEMO_LOGIN))
        info = load_session_info(uow=unit_of_work_factory(session_engine)(), server_label=db.label,
                                 embedded=db.embedded is not None)
        return run_client(info, live_dsn=psycopg2_dsn(session_engine.url))


def _prepare_embedded(engine) -> None:
    """Migrate the embedded database and give it demo data the first time."""
    if current_revision(engine) != head_revision():
        upgrade(engine)
    with engine.connect() as connection:
        # The profile lives in this database (login roles are cluster-wide and may outlive it).
        has_demo = connection.execute(
            text("SELECT 1 FROM app_user WHERE login = :r"), {"r": DEMO_LOGIN}).first() is not None
    if not has_demo:
        from app.services.demo_data import load_demo_data

        print("First start: loading demo data into the built-in database…", file=sys.stderr)
        load_demo_data(engine, orders=FIRST_RUN_DEMO_ORDERS)
