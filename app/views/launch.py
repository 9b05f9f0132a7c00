"""Start the desktop client: application object, language, style sheet, main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from app import __version__
from app.config import APP_NAME
from app.i18n import ORGANIZATION_NAME, install_translators, resources_dir
from app.live.feed import LiveFeed
from app.live.listener import ChangeListener
from app.services.session_info import SessionInfo
from app.views.main_window import MainWindow

STYLE_SHEET = "style.qss"


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, named for QSettings; an existing instance is reused (tests, re-login)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv) if argv is not None else sys.argv)
    app.setOrganizationName(ORGANIZATION_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    return app


def apply_style(app: QApplication) -> None:
    """Fusion looks the same on every desktop; the style sheet adds colours and spacing."""
    app.setStyle("Fusion")
    path = resources_dir() / STYLE_SHEET
    if path.is_file():
        app.setStyleSheet(path.read_text(encoding="utf-8"))


def run_client(session: SessionInfo, live_dsn: str | None = None, argv: list[str] | None = None) -> int:
    """Show the main window for ``session`` and run the event loop; returns the exit code.

    With ``live_dsn`` the client listens for changes; the status bar shows the connection state.
    """
    app = create_application(argv)
    install_translators(app)
    apply_style(app)
    window = MainWindow(session)
    listener = None
    if live_dsn is not None:
        listener = ChangeListener(live_dsn, parent=window)
        window.set_connection_state(listener.state)
        listener.state_changed.connect(window.set_connection_state)
        window.live_feed = LiveFeed(listener, parent=window)
        listener.start()
    window.show()
    try:
        return app.exec()
    finally:
        if listener is not None:
            listener.stop()
