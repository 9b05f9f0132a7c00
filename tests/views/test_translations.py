"""The Chinese translation is complete, compiled, and its contexts match the code."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from app import i18n

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"


def load_updater():
    spec = importlib.util.spec_from_file_location("update_translations", TRANSLATIONS / "update_translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_chinese_translation_has_no_unfinished_strings():
    updater = load_updater()
    assert updater.unfinished_messages(TRANSLATIONS / "orderpilot_zh_CN.ts") == []


def test_every_translatable_string_in_app_has_a_chinese_translation(tmp_path):
    updater = load_updater()
    if updater.find_tool("pyside6-lupdate") is None:
        pytest.skip("pyside6-lupdate not installed")
    scratch = tmp_path / "orderpilot_zh_CN.ts"
    shutil.copy(TRANSLATIONS / "orderpilot_zh_CN.ts", scratch)
    updater.update("zh_CN", drop_obsolete=False, ts_file=scratch)
    missing = updater.unfinished_messages(scratch)
    assert missing == [], "run resources/translations/update_translations.py and translate: " + "; ".join(missing)


def test_compiled_translation_is_loaded_for_chinese(qapp):
    assert (TRANSLATIONS / "orderpilot_zh_CN.qm").is_file()
    assert i18n.install_translators(qapp, i18n.CHINESE_SIMPLIFIED) == i18n.CHINESE_SIMPLIFIED
    assert QCoreApplication.translate("Areas", "Orders") == "订单"
    assert QCoreApplication.translate("RoleNames", "Administrator") == "管理员"
    i18n.install_translators(qapp, i18n.ENGLISH)
    assert QCoreApplication.translate("Areas", "Orders") == "Orders"


def test_system_choice_follows_the_system_locale(qapp, monkeypatch):
    from PySide6.QtCore import QLocale

    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale(QLocale.Language.Chinese, QLocale.Country.China)))
    assert i18n.resolve_language(i18n.SYSTEM) == i18n.CHINESE_SIMPLIFIED
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale(QLocale.Language.German, QLocale.Country.Germany)))
    assert i18n.resolve_language(i18n.SYSTEM) == i18n.ENGLISH


def test_stored_language_preference_wins_over_the_system(qapp):
    i18n.save_language_preference(i18n.CHINESE_SIMPLIFIED)
    assert i18n.language_preference() == i18n.CHINESE_SIMPLIFIED
    assert i18n.install_translators(qapp) == i18n.CHINESE_SIMPLIFIED
    i18n.save_language_preference(i18n.SYSTEM)
    assert i18n.language_preference() == i18n.SYSTEM
