"""Start the desktop client: find the database, prepare it on first run, sign in, open the main window.

On the embedded default the first run migrates the database and loads demo data; the login
dialog then offers the demo users (the built-in server trusts this computer, so they have no
password). On a shared server people sign in with their own login and password. Heavy modules
(Qt widgets, the embedded server, demo data) are imported only when needed: start-up time counts.

``OP_SIGN_IN_AS=<demo login>`` skips the dialog on the embedded database (benchmarks, demos).
"""

from __future__ import annotations

import os
import sys

from app.services.errors import OrderPilotError

FIRST_RUN_DEMO_ORDERS = 2000
DEMO_PROFILE = "demo_manager"          # its profile in this database means the demo data is there
ENV_SIGN_IN_AS = "OP_SIGN_IN_AS"


def run(cli_url: str | None) -> int:
    from app.config import choose_database

    choice = choose_database(cli_url)
    try:
        if choice.embedded:
            return _run_embedded(cli_url)
        return _run_shared(choice.url)
    except OrderPilotError as error:
        _show_start_failure(str(error))
        raise


def _run_embedded(cli_url: str | None) -> int:
    from app.db.connect import open_database
    from app.db.sign_in import SignInTarget

    with open_database(cli_url) as db:
        _prepare_embedded(db.engine)
        db.engine.dispose()   # the superuser connection is not needed while the client runs
        target = SignInTarget(db.embedded.url(), db.label, embedded=True)
        return _sign_in_and_run(target, auto_login=os.environ.get(ENV_SIGN_IN_AS) or None)


def _run_shared(url: str) -> int:
    from sqlalchemy.exc import ArgumentError

    from app.db.sign_in import SignInTarget, server_label
    from app.services.errors import AdminError

    try:
        label = server_label(url)
    except (ArgumentError, ValueError) as exc:
        raise AdminError(f"The database URL '{url}' is not valid ({exc}); write it like "
                         "postgresql://user@host:5432/orderpilot.") from exc
    return _sign_in_and_run(SignInTarget(url, label, embedded=False))


def _sign_in_and_run(target, auto_login: str | None = None) -> int:
    from app.db.engine import psycopg2_dsn, unit_of_work_factory
    from app.views.launch import prepare_application, run_client

    prepare_application()
    if auto_login:
        from app.db.sign_in import sign_in

        signed_in = sign_in(target, auto_login, None)
    else:
        from PySide6.QtWidgets import QDialog

        from app.views.login.login_dialog import LoginDialog

        dialog = LoginDialog(target)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.shutdown()
        signed_in = dialog.signed_in if accepted else None
        dialog.deleteLater()
        if signed_in is None:
            return 0
    try:
        return run_client(signed_in.session, live_dsn=psycopg2_dsn(signed_in.engine.url),
                          uow_factory=unit_of_work_factory(signed_in.engine))
    finally:
        signed_in.engine.dispose()


def _prepare_embedded(engine) -> None:
    """Migrate the embedded database and give it demo data the first time."""
    from sqlalchemy import text

    from app.db.migrate import current_revision, head_revision, upgrade

    if current_revision(engine) != head_revision():
        upgrade(engine)
    with engine.connect() as connection:
        # The profile lives in this database (login roles are cluster-wide and may outlive it).
        has_demo = connection.execute(
            text("SELECT 1 FROM app_user WHERE login = :r"), {"r": DEMO_PROFILE}).first() is not None
    if not has_demo:
        from app.services.demo_data import load_demo_data

        print("First start: loading demo data into the built-in database…", file=sys.stderr)
        load_demo_data(engine, orders=FIRST_RUN_DEMO_ORDERS)


def _show_start_failure(message: str) -> None:
    """A desktop user may never see standard error: show the sentence in a box too (when Qt runs)."""
    try:
        from PySide6.QtWidgets import QApplication, QMessageBox

        if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
            return
        _app = QApplication.instance() or QApplication(sys.argv[:1])
        QMessageBox.critical(None, "OrderPilot", message)
    except Exception:  # noqa: BLE001 - the message still goes to standard error
        pass
