"""Start the desktop client: application object, language, style sheet, main window and what feeds it.

``open_main_window`` builds the window for a signed-in user and wires it: the live listener (its
state in the status bar), the notifications panel (the toolbar badge and the popup), and the
business screens. Before the screens are built the window carries ``window.uow_factory`` and
``window.live_feed`` (``None`` without a listener), so a ``setup_window(window)`` hook — by
default :class:`app.views.workspace.Workspace` when that module exists — can build its pages.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QTableView

from app import __version__
from app.config import APP_NAME
from app.i18n import ORGANIZATION_NAME, install_translators, resources_dir
from app.services.session_info import SessionInfo
from app.views.main_window import MainWindow

STYLE_SHEET = "style.qss"
ENV_EXIT_WHEN_READY = "OP_EXIT_WHEN_READY"   # benchmarks: print "ready" and quit once rows show


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


def prepare_application(argv: list[str] | None = None) -> QApplication:
    """Application, translators (the stored language) and style: what the login dialog needs too."""
    app = create_application(argv)
    install_translators(app)
    apply_style(app)
    return app


def default_workspace(window: MainWindow):
    """The business screens (:class:`app.views.workspace.Workspace`)."""
    from app.views.workspace import Workspace

    return Workspace(window, window.uow_factory, window.live_feed)


def no_screens(window: MainWindow) -> None:
    """Build no business screens (tests of the shell)."""
    return None


@dataclass
class ClientWindow:
    """The main window and the parts that feed it; ``shutdown`` stops their threads in order."""

    window: MainWindow
    listener: object | None = None
    notifications: object | None = None
    workspace: object | None = None
    _stopped: bool = field(default=False, repr=False)

    def shutdown(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        for part in (self.workspace, self.notifications):
            if part is not None and hasattr(part, "shutdown"):
                part.shutdown()
        if self.listener is not None:
            self.listener.stop()


def open_main_window(session: SessionInfo, *, uow_factory: Callable | None = None, live_dsn: str | None = None,
                     setup_window: Callable[[MainWindow], object] | None = None) -> ClientWindow:
    """Build and wire the main window for ``session`` (not shown yet).

    ``uow_factory`` opens units of work as the signed-in login (needed for notifications and
    screens); with ``live_dsn`` the client listens for changes. ``setup_window(window)`` builds
    the business screens and returns an object with ``shutdown`` (and ``show_order(id)`` if
    notifications may open orders); ``None`` means :func:`default_workspace`.
    """
    window = MainWindow(session)
    window.uow_factory = uow_factory
    window.live_feed = None
    parts = ClientWindow(window)
    if live_dsn is not None:
        from app.live.feed import LiveFeed
        from app.live.listener import ChangeListener

        parts.listener = ChangeListener(live_dsn, parent=window)
        window.set_connection_state(parts.listener.state)
        parts.listener.state_changed.connect(window.set_connection_state)
        window.live_feed = LiveFeed(parts.listener, parent=window)
    if uow_factory is not None:
        from app.views.notifications.notifications_panel import NotificationsPanel

        panel = NotificationsPanel(uow_factory, window.live_feed, parent=window)
        panel.unread_count_changed.connect(window.set_unread_notifications)
        window.notifications_requested.connect(lambda: panel.show_at(window.notification_button))
        window.notifications_panel = panel
        parts.notifications = panel
        parts.workspace = (setup_window or default_workspace)(window)
        if parts.workspace is not None:
            show_order = getattr(parts.workspace, "show_order", None)
            if show_order is not None:
                panel.order_activated.connect(show_order)
    if parts.listener is not None:
        parts.listener.start()
    return parts


def run_client(session: SessionInfo, live_dsn: str | None = None, argv: list[str] | None = None, *,
               uow_factory: Callable | None = None,
               setup_window: Callable[[MainWindow], object] | None = None) -> int:
    """Show the main window for ``session`` and run the event loop; returns the exit code."""
    app = prepare_application(argv)
    parts = open_main_window(session, uow_factory=uow_factory, live_dsn=live_dsn, setup_window=setup_window)
    parts.window.show()
    if os.environ.get(ENV_EXIT_WHEN_READY):
        _quit_when_ready(app, parts.window)
    try:
        return app.exec()
    finally:
        parts.shutdown()


def window_ready(window: MainWindow) -> bool:
    """Shown on screen, and the orders list (when there is one) shows its first rows."""
    handle = window.windowHandle()
    if not window.isVisible() or handle is None or not handle.isExposed():
        return False
    table = window.findChild(QTableView, "ordersTable")
    if table is None or not table.isVisible():   # no orders list, or another area was open last time
        return True
    model = table.model()
    return model.rowCount() > 0 and bool(model.data(model.index(0, 0)))


def _quit_when_ready(app: QApplication, window: MainWindow) -> None:
    timer = QTimer(window, interval=5)

    def check() -> None:
        if window_ready(window):
            timer.stop()
            print("ready", flush=True)
            window.close()
            app.quit()
    timer.timeout.connect(check)
    timer.start()
