"""Fixtures for screen tests: offscreen Qt, isolated QSettings, English by default."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from app import i18n  # noqa: E402
from app.services.session_info import SessionInfo  # noqa: E402
from app.views.launch import apply_style, create_application  # noqa: E402

SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


@pytest.fixture(scope="session")
def qapp():
    """pytest-qt's application, created our way (names for QSettings, Fusion + style sheet)."""
    app = create_application([])
    apply_style(app)
    return app


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, qapp):
    """Point QSettings at a temporary INI folder so tests never touch the user's settings."""
    probe = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "probe", "probe")
    original_dir = str(Path(probe.fileName()).parent.parent)
    original_format = QSettings.defaultFormat()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    i18n.install_translators(qapp, i18n.ENGLISH)
    yield tmp_path / "settings"
    i18n.install_translators(qapp, i18n.ENGLISH)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, original_dir)
    QSettings.setDefaultFormat(original_format)


@pytest.fixture
def session() -> SessionInfo:
    return SessionInfo(
        login="lmei",
        display_name="Li Mei",
        roles=("op_sales", "op_approver"),
        department="Sales",
        server_label="db.example.local",
        embedded=False,
    )


@pytest.fixture
def screenshot_dir() -> Path:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR
