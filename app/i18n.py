"""Which language the client speaks, and the Qt translators and font that go with it.

English is the source language of every string; Simplified Chinese ships as a compiled
``resources/translations/orderpilot_zh_CN.qm``. The language follows the system locale unless
the user picked one (QSettings key ``ui/language``: ``system``, ``en`` or ``zh_CN``). Switching at
run time removes the old translators and installs new ones; Qt then sends every widget a
``QEvent.Type.LanguageChange`` and each widget retranslates itself.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app.config import APP_NAME

log = logging.getLogger(__name__)

ORGANIZATION_NAME = "OrderPilot"
LANGUAGE_KEY = "ui/language"
SYSTEM = "system"
ENGLISH = "en"
CHINESE_SIMPLIFIED = "zh_CN"
SUPPORTED_LANGUAGES = (ENGLISH, CHINESE_SIMPLIFIED)
LANGUAGE_CHOICES = (SYSTEM, *SUPPORTED_LANGUAGES)
TRANSLATION_BASENAME = "orderpilot"

# Preferred families for Chinese text, best first: the Simplified Chinese cut of each font picks
# the mainland glyph shapes (a generic CJK fallback may choose Japanese forms).
CJK_FONT_FAMILIES = ("Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei")

# Translators currently installed by us, so a language switch can take them out again.
_installed: list[QTranslator] = []
_current_language = ENGLISH
# The application font before we changed it, restored when switching back to English.
_original_font: QFont | None = None


def resources_dir() -> Path:
    """The ``resources`` folder: next to the package, or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def user_settings() -> QSettings:
    """The per-user settings store (organisation and application "OrderPilot").

    Uses ``QSettings.defaultFormat()`` so tests can redirect it to a temporary INI folder.
    """
    return QSettings(QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANIZATION_NAME, APP_NAME)


def system_language() -> str:
    """The supported language closest to the system locale (any Chinese reads Simplified)."""
    if QLocale.system().language() == QLocale.Language.Chinese:
        return CHINESE_SIMPLIFIED
    return ENGLISH


def language_preference(settings: QSettings | None = None) -> str:
    """The stored choice: ``system``, ``en`` or ``zh_CN`` (anything unknown reads ``system``)."""
    settings = settings or user_settings()
    value = str(settings.value(LANGUAGE_KEY, SYSTEM))
    return value if value in LANGUAGE_CHOICES else SYSTEM


def save_language_preference(choice: str, settings: QSettings | None = None) -> None:
    if choice not in LANGUAGE_CHOICES:
        raise ValueError(f"unknown language choice {choice!r}")
    settings = settings or user_settings()
    settings.setValue(LANGUAGE_KEY, choice)
    settings.sync()


def resolve_language(choice: str | None) -> str:
    """Turn a choice (``None`` = the stored preference) into ``en`` or ``zh_CN``."""
    if choice is None:
        choice = language_preference()
    if choice == SYSTEM:
        return system_language()
    if choice not in SUPPORTED_LANGUAGES:
        raise ValueError(f"unsupported language {choice!r}")
    return choice


def _load(translator: QTranslator, filename: str, folders: list[Path]) -> bool:
    return any(translator.load(filename, str(folder)) for folder in folders if folder.is_dir())


def _translators_for(language: str) -> list[QTranslator] | None:
    """Our own translator plus Qt's (standard dialogs, context menus) for ``language``.

    ``None`` when our compiled translation is missing (a packaging fault).
    """
    if language == ENGLISH:
        return []  # English is the source language; nothing to load.
    app_translator = QTranslator()
    if not _load(app_translator, f"{TRANSLATION_BASENAME}_{language}.qm", [translations_dir()]):
        return None
    translators = [app_translator]
    qt_translator = QTranslator()
    qt_folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)), translations_dir()]
    if _load(qt_translator, f"qtbase_{language}.qm", qt_folders):
        translators.append(qt_translator)
    return translators


def cjk_font_family(families: list[str] | None = None) -> str | None:
    """The first preferred CJK family that is installed, or ``None``."""
    installed = set(families if families is not None else QFontDatabase.families())
    return next((family for family in CJK_FONT_FAMILIES if family in installed), None)


def apply_language_font(app: QApplication, language: str) -> None:
    """Use a Simplified Chinese font for zh_CN; restore the original font otherwise."""
    global _original_font
    if _original_font is None:
        _original_font = QFont(app.font())
    font = QFont(_original_font)
    if language == CHINESE_SIMPLIFIED:
        family = cjk_font_family()
        if family:
            font.setFamilies([family, *_original_font.families()])
    app.setFont(font)
    if app.styleSheet():
        # Widgets polished by a style sheet keep the font they had at polish time; setting the
        # sheet again re-polishes them with the new application font.
        app.setStyleSheet(app.styleSheet())


def install_translators(app: QApplication, language: str | None = None) -> str:
    """Install the translators for ``language`` (default: the stored preference).

    ``language`` may be ``system``, ``en`` or ``zh_CN``. Translators installed by an earlier call
    are removed first, so this is also how the language switches at run time. Returns the
    language in effect (``en`` or ``zh_CN``).
    """
    global _current_language
    effective = resolve_language(language)
    new_translators = _translators_for(effective)
    if new_translators is None:
        log.warning("no %s translation in %s; falling back to English", effective, translations_dir())
        effective, new_translators = ENGLISH, []
    while _installed:
        old = _installed.pop()
        app.removeTranslator(old)
        old.deleteLater()
    for translator in new_translators:
        translator.setParent(app)  # keep it alive as long as the application
        app.installTranslator(translator)
        _installed.append(translator)
    following_system = (language or language_preference()) == SYSTEM
    QLocale.setDefault(QLocale.system() if following_system else QLocale(effective))
    apply_language_font(app, effective)
    _current_language = effective
    return effective


def switch_language(app: QApplication, choice: str) -> str:
    """Store the user's choice and apply it immediately; returns the language in effect."""
    save_language_preference(choice)
    return install_translators(app, choice)


def current_language() -> str:
    """The language installed by the last ``install_translators`` call (``en`` before any)."""
    return _current_language
