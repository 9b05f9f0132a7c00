"""Notifications as an approver meets them: the toolbar badge counts what the services send, live;
the panel lists them; clicking one opens its order and marks it read. Real commits, real NOTIFY."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app import i18n
from app.db.engine import psycopg2_dsn
from app.services.lifecycle import submit_order
from app.services.notifications import mark_all_read, my_notifications, notify_logins, unread_count
from app.services.orders import create_order
from app.views.launch import no_screens, open_main_window
from app.views.notifications.notification_table_model import COL_KIND, COL_ORDER, COL_TITLE, NotificationTableModel


def submit_big_order(company) -> tuple[int, str]:
    """Clerk enters 9 pumps (10,800 > the 10,000 rule) and submits: the approvers are told."""
    order = create_order(company.order(("pump", 9, None), channel="phone"), uow=company.uow("clerk"))
    submit_order(order.id, uow=company.uow("clerk"))
    return order.id, order.order_no


@pytest.fixture
def approver_client(company, qtbot):
    """approver1's main window, signed in and listening, without business screens."""
    parts = open_main_window(_session(company, "approver1"), uow_factory=company.uow_factory("approver1"),
                             live_dsn=psycopg2_dsn(company.logins["approver1"].url), setup_window=no_screens)
    qtbot.addWidget(parts.window)
    parts.window.show()
    qtbot.waitUntil(lambda: parts.listener.state == "connected", timeout=10_000)
    yield parts
    parts.shutdown()


def _session(company, who):
    from app.services.users import check_login

    return check_login(uow=company.uow(who), server_label="test server")


def test_services_count_and_list_only_my_own_notifications(company):
    order_id, order_no = submit_big_order(company)
    mine = my_notifications(uow=company.uow("approver1"))
    assert [(n.kind, n.order_id, n.order_no, n.unread) for n in mine] == [("approval_needed", order_id, order_no, True)]
    assert order_no in mine[0].title
    assert unread_count(uow=company.uow("approver1")) == 1
    # approver1 tells the clerk something: row-level security shows it to the sender, but it is not theirs
    with company.uow("approver1") as uow:
        notify_logins(uow.session, [company.logins["clerk"].name], "order_approved", "note", order_id=order_id)
        uow.commit()
    assert unread_count(uow=company.uow("approver1")) == 1
    assert [n.kind for n in my_notifications(uow=company.uow("clerk"))] == ["order_approved"]
    assert mark_all_read(uow=company.uow("approver1")) == 1
    assert unread_count(uow=company.uow("approver1")) == 0
    assert unread_count(uow=company.uow("clerk")) == 1   # nobody marks another's notifications


def test_a_notification_sent_by_the_services_shows_up_live_in_the_badge(company, qtbot, approver_client):
    window = approver_client.window
    assert window.notification_button.count == 0
    submit_big_order(company)   # committed by the clerk on another connection
    qtbot.waitUntil(lambda: window.notification_button.count == 1, timeout=10_000)
    assert window.notification_button.badge_text() == "1"
    submit_big_order(company)
    qtbot.waitUntil(lambda: window.notification_button.count == 2, timeout=10_000)


def test_clicking_a_notification_opens_its_order_and_marks_it_read(company, qtbot, approver_client):
    window, panel = approver_client.window, approver_client.notifications
    order_id, order_no = submit_big_order(company)
    qtbot.waitUntil(lambda: window.notification_button.count == 1, timeout=10_000)
    qtbot.mouseClick(window.notification_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.isVisible() and panel.model.rowCount() == 1, timeout=10_000)
    model = panel.model
    assert model.data(model.index(0, COL_ORDER)) == order_no
    assert model.data(model.index(0, COL_KIND)) == "Approval needed"
    assert "waits for your approval" in model.data(model.index(0, COL_TITLE))
    assert model.data(model.index(0, COL_TITLE), Qt.ItemDataRole.FontRole).bold()

    rect = panel.table.visualRect(model.index(0, COL_TITLE))
    with qtbot.waitSignal(panel.order_activated, timeout=5_000) as opened:
        qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [order_id]
    assert not panel.isVisible()
    assert window.notification_button.count == 0
    qtbot.waitUntil(lambda: company.scalar(
        "SELECT count(*) FROM notification WHERE recipient = %s AND read_at IS NULL",
        company.logins["approver1"].name) == 0, timeout=10_000)


def test_mark_all_read_clears_the_badge_and_the_server(company, qtbot, approver_client):
    window, panel = approver_client.window, approver_client.notifications
    submit_big_order(company)
    submit_big_order(company)
    qtbot.waitUntil(lambda: window.notification_button.count == 2, timeout=10_000)
    panel.show_at(window.notification_button)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=10_000)
    qtbot.mouseClick(panel.mark_all_button, Qt.MouseButton.LeftButton)
    assert window.notification_button.count == 0
    assert not panel.model.unread_ids() and not panel.mark_all_button.isEnabled()
    qtbot.waitUntil(lambda: unread_count(uow=company.uow("approver1")) == 0, timeout=10_000)
    qtbot.wait(300)   # the live echo of the marking must not bring the count back
    assert window.notification_button.count == 0


def test_notification_model_passes_the_qt_model_tester(company, qtmodeltester):
    submit_big_order(company)
    model = NotificationTableModel()
    model.set_rows(my_notifications(uow=company.uow("approver1")))
    qtmodeltester.check(model)
    model.set_read(None)
    qtmodeltester.check(model)


def test_notifications_panel_screenshots_in_english_and_chinese(company, qtbot, qapp, approver_client,
                                                                 screenshot_dir):
    window, panel = approver_client.window, approver_client.notifications
    for _ in range(3):
        submit_big_order(company)
    with company.uow("clerk") as uow:
        notify_logins(uow.session, [company.logins["approver1"].name], "stock_low",
                      "Low stock: P-100 has 1 available, below the reorder point of 3")
        uow.commit()
    qtbot.waitUntil(lambda: window.notification_button.count == 4, timeout=10_000)
    for language, suffix in ((i18n.ENGLISH, "en"), (i18n.CHINESE_SIMPLIFIED, "zh_CN")):
        i18n.install_translators(qapp, language)
        qtbot.wait(20)
        panel.show_at(window.notification_button)
        qtbot.waitUntil(lambda: not panel.loading and panel.model.rowCount() == 4, timeout=10_000)
        panel.table.setCurrentIndex(panel.model.index(1, 0))
        panel.model.set_read({panel.model.row_at(3).id})   # one read, to see the difference
        qtbot.wait(50)
        panel.grab().save(str(screenshot_dir / f"notifications_panel_{suffix}.png"))
        window.grab().save(str(screenshot_dir / f"notifications_window_{suffix}.png"))
        if language == i18n.CHINESE_SIMPLIFIED:
            assert panel.title_label.text() == "通知"
            assert panel.model.data(panel.model.index(0, COL_KIND)) == "库存偏低"
        panel.hide()
