"""Start the desktop client: application object, language, style sheet, main window."""

from __future__ import annotations

import logging
import sys

import PySide6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from app import __version__
from app.config import APP_NAME
from app.i18n import ORGANIZATION_NAME, install_translators, resources_dir
from app.services.session_info import SessionInfo
from app.views.main_window import MainWindow

STYLE_SHEET = "style.qss"

log = logging.getLogger(__name__)


def binding_drops_none_references() -> bool:
    """True when this PySide6 build releases a reference to ``None`` on every void call.

    Seen with PySide6 6.12.0 on Python 3.11 (before ``None`` became immortal in 3.12): the
    process aborts with "none_dealloc" after a few thousand calls. Python >= 3.12 or
    PySide6 < 6.12 are not affected.
    """
    if sys.version_info >= (3, 12):
        return False
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(16):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - 8


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, named for QSettings; an existing instance is reused (tests, re-login)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv) if argv is not None else sys.argv)
    app.setOrganizationName(ORGANIZATION_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    if binding_drops_none_references():
        log.warning(
            "PySide6 %s on Python %s.%s mis-counts references to None and will crash; "
            "use Python >= 3.12 or PySide6 < 6.12",
            PySide6.__version__,
            *sys.version_info[:2],
        )
    return app


def apply_style(app: QApplication) -> None:
    """Fusion looks the same on every desktop; the style sheet adds colours and spacing."""
    app.setStyle("Fusion")
    path = resources_dir() / STYLE_SHEET
    if path.is_file():
        app.setStyleSheet(path.read_text(encoding="utf-8"))


def run_client(session: SessionInfo, argv: list[str] | None = None) -> int:
    """Show the main window for ``session`` and run the event loop; returns the exit code."""
    app = create_application(argv)
    install_translators(app)
    apply_style(app)
    window = MainWindow(session)
    window.show()
    return app.exec()
