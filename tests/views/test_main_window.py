"""The client shell: navigation, language switching, status bar, persisted layout, screenshots."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from app import __version__, i18n
from app.services.session_info import JOB_ROLES
from app.views.areas import AREA_KEYS
from app.views.main_window import MainWindow
from app.views.widgets.placeholder_page import PlaceholderPage


def make_window(qtbot, session) -> MainWindow:
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def nav_labels(window: MainWindow) -> list[str]:
    return [window.navigation.item(row).text() for row in range(window.navigation.count())]


def settle(qtbot) -> None:
    """Let posted LanguageChange events reach every widget."""
    qtbot.wait(10)
    QApplication.processEvents()


def test_clicking_a_navigation_entry_shows_that_area(qtbot, session):
    window = make_window(qtbot, session)
    item = window.navigation.item(AREA_KEYS.index("inventory"))
    rect = window.navigation.visualItemRect(item)
    qtbot.mouseClick(window.navigation.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_area() == "inventory"
    assert window.stack.currentWidget() is window.area_page("inventory")
    assert window.area_heading.text() == "Inventory"


def test_ctrl_number_switches_to_the_numbered_area(qtbot, session):
    window = make_window(qtbot, session)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    for number, key in enumerate(AREA_KEYS, start=1):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0.value + number), Qt.KeyboardModifier.ControlModifier)
        assert window.current_area() == key
        assert window.stack.currentWidget() is window.area_page(key)
        assert window.area_actions[key].isChecked()


def test_unbuilt_area_shows_a_placeholder_saying_it_comes_later(qtbot, session):
    window = make_window(qtbot, session)
    window.set_current_area("production")
    page = window.stack.currentWidget()
    assert isinstance(page, PlaceholderPage)
    texts = " ".join(label.text() for label in page.findChildren(QLabel))
    assert "Production" in texts
    assert "later version" in texts
    assert "Gantt" in texts


def test_set_area_page_replaces_the_placeholder(qtbot, session):
    window = make_window(qtbot, session)
    window.set_current_area("orders")
    screen = QWidget()
    window.set_area_page("orders", screen)
    assert window.area_page("orders") is screen
    assert window.stack.currentWidget() is screen
    assert window.stack.count() == len(AREA_KEYS)
    assert window.stack.indexOf(screen) == AREA_KEYS.index("orders")


def test_switching_to_chinese_translates_the_window_and_back_to_english(qtbot, session):
    window = make_window(qtbot, session)
    window.set_current_area("shipping")
    window.language_actions[i18n.CHINESE_SIMPLIFIED].trigger()
    settle(qtbot)
    assert nav_labels(window) == ["订单", "审批", "生产", "库存", "发货", "售后", "报表"]
    assert window.area_heading.text() == "发货"
    assert window.file_menu.title() == "文件(&F)"
    assert "后续版本" in window.area_page("shipping").notice_label.text()
    assert "销售、审批人" in window.user_label.text()
    assert i18n.language_preference() == i18n.CHINESE_SIMPLIFIED

    window.language_actions[i18n.ENGLISH].trigger()
    settle(qtbot)
    assert nav_labels(window)[:2] == ["Orders", "Approvals"]
    assert window.area_heading.text() == "Shipping"
    assert "later version" in window.area_page("shipping").notice_label.text()
    assert i18n.current_language() == i18n.ENGLISH


def test_chinese_mode_uses_a_simplified_chinese_font_and_english_restores_it(qtbot, session, qapp):
    family = i18n.cjk_font_family()
    if family is None:
        pytest.skip("no CJK font installed (fonts-noto-cjk)")
    window = make_window(qtbot, session)
    i18n.install_translators(qapp, i18n.CHINESE_SIMPLIFIED)
    settle(qtbot)
    assert qapp.font().families()[0] == family
    assert window.navigation.font().families()[0] == family
    i18n.install_translators(qapp, i18n.ENGLISH)
    settle(qtbot)
    assert family not in qapp.font().families()
    assert family not in window.navigation.font().families()


def test_connection_label_shows_each_state(qtbot, session):
    window = make_window(qtbot, session)
    seen = {}
    for state in ("connected", "reconnecting", "offline"):
        window.set_connection_state(state)
        seen[state] = window.connection_indicator.text()
    assert "Connected" in seen["connected"]
    assert "Reconnecting" in seen["reconnecting"]
    assert "Offline" in seen["offline"]
    assert len(set(seen.values())) == 3


def test_connection_label_is_translated(qtbot, session, qapp):
    window = make_window(qtbot, session)
    window.set_connection_state("reconnecting")
    i18n.install_translators(qapp, i18n.CHINESE_SIMPLIFIED)
    settle(qtbot)
    assert "正在重新连接" in window.connection_indicator.text()


def test_unknown_connection_state_is_refused(qtbot, session):
    window = make_window(qtbot, session)
    with pytest.raises(ValueError):
        window.set_connection_state("sleeping")


def test_status_bar_shows_user_roles_and_server(qtbot, session):
    window = make_window(qtbot, session)
    text = window.user_label.text()
    assert "Li Mei" in text
    assert "lmei" in text
    assert "Sales, Approver" in text
    assert "db.example.local" in text


def test_long_user_label_does_not_force_the_window_wider(qtbot, session):
    many_roles = replace(session, roles=tuple(JOB_ROLES), server_label="a-very-long-host-name.example.com")
    window = make_window(qtbot, many_roles)
    assert window.user_label.minimumSizeHint().width() < window.user_label.sizeHint().width()
    assert window.minimumSizeHint().width() < 800


def test_embedded_session_names_the_embedded_database(qtbot, session):
    window = make_window(qtbot, replace(session, roles=("op_admin",), embedded=True))
    assert "Administrator" in window.user_label.text()
    assert "embedded database" in window.user_label.text()


def test_notification_count_and_signal(qtbot, session):
    window = make_window(qtbot, session)
    plain_width = window.notification_button.sizeHint().width()
    window.set_unread_notifications(3)
    assert window.notification_button.badge_text() == "3"
    assert window.notification_button.sizeHint().width() > plain_width  # room for the badge
    assert "3 unread" in window.notification_button.toolTip()
    window.set_unread_notifications(250)
    assert window.notification_button.badge_text() == "99+"
    window.set_unread_notifications(0)
    assert window.notification_button.badge_text() == ""
    with qtbot.waitSignal(window.notifications_requested, timeout=1000):
        qtbot.mouseClick(window.notification_button, Qt.MouseButton.LeftButton)


def test_geometry_and_area_are_restored_from_settings(qtbot, session, isolated_settings):
    # Smaller than the offscreen screen (800x600): restoreGeometry keeps windows on screen.
    first = make_window(qtbot, session)
    first.resize(720, 520)
    first.set_current_area("reports")
    qtbot.waitUntil(lambda: first.size() == QSize(720, 520))
    first.close()
    assert (isolated_settings / "OrderPilot" / "OrderPilot.ini").is_file()

    second = make_window(qtbot, session)
    assert second.size() == QSize(720, 520)
    assert second.current_area() == "reports"


def test_window_title_names_the_user(qtbot, session):
    window = make_window(qtbot, session)
    assert window.windowTitle() == "OrderPilot — Li Mei"


def test_about_box_shows_the_version(qtbot, session, monkeypatch):
    shown = {}
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.update(title=title, text=text))
    window = make_window(qtbot, session)
    window.about_action.trigger()
    assert shown["title"] == "About OrderPilot"
    assert __version__ in shown["text"]


def test_screenshots_in_english_and_chinese(qtbot, session, qapp, screenshot_dir):
    window = make_window(qtbot, session)
    window.resize(1280, 800)
    window.set_connection_state("connected")
    window.set_unread_notifications(4)
    window.set_current_area("orders")
    settle(qtbot)
    assert window.grab().save(str(screenshot_dir / "main_window_en.png"))

    window.choose_language(i18n.CHINESE_SIMPLIFIED)
    settle(qtbot)
    assert window.grab().save(str(screenshot_dir / "main_window_zh_CN.png"))


def test_a_disabled_area_cannot_be_opened_and_says_why(qtbot, session):
    window = make_window(qtbot, session)
    window.set_current_area("approvals")
    window.set_area_enabled("approvals", False)
    assert window.current_area() == "orders"
    window.area_actions["approvals"].trigger()
    assert window.current_area() == "orders"
    item = window.navigation.item(AREA_KEYS.index("approvals"))
    rect = window.navigation.visualItemRect(item)
    qtbot.mouseClick(window.navigation.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_area() == "orders"
    assert "job roles" in item.toolTip()
    window.set_area_enabled("approvals", True)
    window.area_actions["approvals"].trigger()
    assert window.current_area() == "approvals"


def test_new_order_is_in_the_file_menu_with_ctrl_n(qtbot, session):
    window = make_window(qtbot, session)
    assert window.new_order_action in window.file_menu.actions()
    assert window.new_order_action.shortcut().toString() == "Ctrl+N"
    assert not window.new_order_action.isEnabled()  # nothing to open it with until a workspace is built
