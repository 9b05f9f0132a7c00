"""The Approvals inbox, driven as approvers use it: the orders waiting for them and why, approve and
reject with a comment, refusals in one sentence, and the clerk's Orders list following live."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import text

from app.live.feed import LiveFeed
from app.services.approvals import approval_inbox, approve_order, reject_order
from app.services.errors import ApprovalRefused
from app.services.lifecycle import submit_order
from app.services.orders import create_order
from app.services.session_info import SessionInfo
from app.views.approvals.approval_texts import refusal_text
from app.views.approvals.approvals_page import ApprovalsPage
from app.views.approvals.inbox_table_model import COL_ORDER_NO, COL_REASONS, COL_TOTAL, InboxTableModel
from app.views.orders.orders_page import OrdersPage
from tests.live.conftest import start_listener  # noqa: F401 - fixture

WAIT = 15_000


def session_of(company, who: str, *roles: str) -> SessionInfo:
    return SessionInfo(login=company.logins[who].name, display_name=who.title(), roles=roles or ("op_approver",))


def submitted_order(company, *lines, who: str = "clerk", **header) -> int:
    """An order entered and submitted by ``who`` through the services; returns its id."""
    order = create_order(company.order(*lines, **header), uow=company.uow(who))
    submit_order(order.id, uow=company.uow(who))
    return order.id


def order_no(company, order_id: int) -> str:
    return company.scalar("SELECT order_no FROM sales_order WHERE id = %s", order_id)


@pytest.fixture
def open_inbox(qtbot):
    """``open_inbox(company, who, live_feed=None)``: a shown ApprovalsPage as ``who`` with its inbox loaded."""
    made = []

    def open_(company, who: str, live_feed=None, roles=()) -> ApprovalsPage:
        page = ApprovalsPage(company.uow_factory(who), session_of(company, who, *roles), live_feed)
        qtbot.addWidget(page)
        made.append(page)
        page.resize(1280, 720)
        page.show()
        qtbot.waitExposed(page)
        page.activateWindow()   # shortcuts need the active window
        qtbot.waitUntil(page.isActiveWindow)
        qtbot.waitUntil(lambda: not page.loading, timeout=WAIT)
        return page
    yield open_
    for page in made:
        page.shutdown()


def live_feed_for(company, who: str, start_listener):  # noqa: F811
    listener, _received = start_listener(company.logins[who].url)
    return LiveFeed(listener, parent=listener)


def listed(page) -> list[str]:
    return [page.model.entry_at(row).order_no for row in range(page.model.rowCount())]


def test_clerk_submits_approver_approves_from_the_inbox_and_the_clerks_list_follows_live(
        company, qtbot, open_inbox, start_listener):  # noqa: F811
    clerk_list = OrdersPage(company.uow_factory("clerk"), live_feed_for(company, "clerk", start_listener))
    qtbot.addWidget(clerk_list)
    clerk_list.show()
    qtbot.waitUntil(lambda: not clerk_list.model.loading, timeout=WAIT)
    inbox = open_inbox(company, "approver1", live_feed_for(company, "approver1", start_listener))
    assert inbox.model.rowCount() == 0 and inbox.count_label.text() == "Nothing waits for your decision."

    order_id = submitted_order(company, ("pump", 10, None), requested_date=date.today() + timedelta(days=21))
    number = order_no(company, order_id)   # 10 × 1,200 = 12,000: over the 10,000 rule

    def clerk_status():
        row = clerk_list.model.row_of_id(order_id)
        return None if row is None else clerk_list.model.row_at(row).status
    qtbot.waitUntil(lambda: clerk_status() == "pending_approval", timeout=WAIT)
    qtbot.waitUntil(lambda: listed(inbox) == [number], timeout=WAIT)   # arrived live, no refresh pressed
    model = inbox.model
    assert model.data(model.index(0, COL_REASONS)) == "Total over 10,000"
    assert model.data(model.index(0, COL_TOTAL)) == "12,000.00 CNY"
    assert inbox.count_label.text() == "1 order waits for your decision"

    inbox.table.selectRow(0)
    qtbot.waitUntil(lambda: "CP-100" in inbox.detail.toPlainText(), timeout=WAIT)   # the lines arrived
    detail = inbox.detail.toPlainText()
    assert "The order total of 12,000.00 is over 10,000.00." in detail and "0 of 1 approvals by Approver" in detail
    assert "Zhang Wei" in detail   # submitted by
    qtbot.keyClicks(inbox.comment_edit, "Good customer, stock is there.")
    qtbot.mouseClick(inbox.approve_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: clerk_status() not in (None, "pending_approval"), timeout=WAIT)
    final = company.scalar("SELECT status FROM sales_order WHERE id = %s", order_id)
    assert clerk_status() == final == "ready_to_ship"   # approved, fully reserved from stock
    assert inbox.message_label.text() == f"Order {number} approved; it is Ready to ship now."
    assert listed(inbox) == [] and inbox.comment_edit.toPlainText() == ""
    assert company.rows("SELECT approver, decision, comment FROM approval_decision WHERE order_id = %s", order_id) == [
        (company.logins["approver1"].name, "approve", "Good customer, stock is there.")]
    clerk_list.shutdown()


def test_an_order_approved_by_another_approver_leaves_the_inbox_live(
        company, qtbot, open_inbox, start_listener):  # noqa: F811
    first = submitted_order(company, ("pump", 10, None))
    second = submitted_order(company, ("valve", 200, None))   # 16,000
    inbox = open_inbox(company, "approver2", live_feed_for(company, "approver2", start_listener))
    assert listed(inbox) == [order_no(company, first), order_no(company, second)]
    inbox.table.selectRow(1)
    approve_order(first, "fine", uow=company.uow("approver1"))   # somebody else decides
    qtbot.waitUntil(lambda: listed(inbox) == [order_no(company, second)], timeout=WAIT)
    assert inbox.current_entry().order_id == second   # the selection stayed on the order looked at


def test_rejecting_needs_a_comment_and_then_tells_the_creator(company, qtbot, open_inbox):
    order_id = submitted_order(company, ("pump", 10, None))
    inbox = open_inbox(company, "approver1")
    inbox.table.selectRow(0)
    qtbot.mouseClick(inbox.reject_button, Qt.MouseButton.LeftButton)
    assert inbox.message_label.text() == "Say why you reject the order; the creator will read it."
    assert inbox.comment_edit.hasFocus()
    assert company.scalar("SELECT status FROM sales_order WHERE id = %s", order_id) == "pending_approval"

    qtbot.keyClicks(inbox.comment_edit, "Price below cost")
    assert inbox.message_label.text() == ""   # typing the reason clears the warning
    qtbot.keyClick(inbox.comment_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)   # Ctrl+Shift+Enter rejects
    qtbot.waitUntil(lambda: inbox.model.rowCount() == 0, timeout=WAIT)
    assert inbox.message_label.text() == f"Order {order_no(company, order_id)} rejected; Zhang Wei is told why."
    assert company.scalar("SELECT status FROM sales_order WHERE id = %s", order_id) == "rejected"
    assert company.scalar("SELECT count(*) FROM notification WHERE recipient = %s AND kind = 'order_rejected' "
                          "AND title LIKE '%%Price below cost'", company.logins["clerk"].name) == 1


def test_an_approver_over_their_limit_is_told_so_and_cannot_approve(company, qtbot, open_inbox):
    order_id = submitted_order(company, ("pump", 10, None))   # 12,000 against junior's 5,000
    inbox = open_inbox(company, "junior")
    assert inbox.limit_label.text() == "Your approval limit: 5,000.00"
    inbox.table.selectRow(0)
    number = order_no(company, order_id)
    sentence = (f"Order {number} totals 12,000.00, above your approval limit of 5,000.00; "
                "it needs an approver with a higher limit.")
    assert inbox.message_label.text() == sentence
    assert not inbox.approve_button.isEnabled() and inbox.reject_button.isEnabled()
    qtbot.keyClick(inbox.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)   # the shortcut is off too
    assert company.scalar("SELECT count(*) FROM approval_decision WHERE order_id = %s", order_id) == 0
    assert inbox.model.data(inbox.model.index(0, COL_TOTAL), Qt.ItemDataRole.ToolTipRole) == \
        "Above your approval limit of 5,000.00"


def test_a_decision_on_a_stale_list_is_refused_in_one_sentence_and_the_list_catches_up(company, qtbot, open_inbox):
    order_id = submitted_order(company, ("pump", 10, None))
    inbox = open_inbox(company, "approver1")   # no live feed: the list does not know what happens next
    reject_order(order_id, "Customer cancelled by phone", uow=company.uow("approver2"))
    assert listed(inbox) == [order_no(company, order_id)]
    inbox.table.selectRow(0)
    qtbot.keyClicks(inbox.comment_edit, "ok")
    qtbot.keyClick(inbox.comment_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)   # Ctrl+Enter
    qtbot.waitUntil(lambda: inbox.message_label.text().startswith("Order"), timeout=WAIT)
    assert inbox.message_label.text() == \
        f"Order {order_no(company, order_id)} no longer waits for approval: it is Rejected now."
    qtbot.waitUntil(lambda: inbox.model.rowCount() == 0, timeout=WAIT)
    assert inbox.comment_edit.toPlainText() == ""   # the row left; its comment went with it
    assert inbox.message_label.text().endswith("it is Rejected now.")   # the refusal stays readable


def test_an_approver_never_decides_their_own_order(company, qtbot, open_inbox, make_login):
    company.logins["boss"] = make_login("boss", "op_sales", "op_approver", approval_limit=1_000_000,
                                        display_name="Wang Boss")
    own = submitted_order(company, ("pump", 10, None), who="boss")
    other = submitted_order(company, ("valve", 200, None))
    inbox = open_inbox(company, "boss", roles=("op_sales", "op_approver"))
    assert listed(inbox) == [order_no(company, other)]   # the own order waits for someone else
    inbox.show_order(own)   # e.g. from a notification
    qtbot.waitUntil(lambda: inbox.message_label.text() != "", timeout=WAIT)
    assert inbox.message_label.text() == f"You cannot approve or reject your own order {order_no(company, own)}."
    inbox.show_order(other)
    assert inbox.current_entry().order_id == other


def test_a_refusal_from_the_database_guard_is_worded_like_the_services(company):
    order_id = submitted_order(company, ("pump", 10, None))
    entry = approval_inbox(uow=company.uow("junior")).entries[0]
    with pytest.raises(ApprovalRefused) as refused, company.uow("junior") as uow:
        from app.services.errors import translated_errors
        with translated_errors():   # straight to the table, past the service's own checks
            uow.session.execute(text("INSERT INTO approval_decision (request_id, decision) "
                                     "SELECT id, 'approve' FROM approval_request WHERE order_id = :o"), {"o": order_id})
    assert refusal_text(refused.value, entry, Decimal("5000")) == (
        f"Order {entry.order_no} totals 12,000.00, above your approval limit of 5,000.00; "
        "it needs an approver with a higher limit.")


def test_inbox_lists_every_rule_that_fired_and_decisions_already_given(company, qtbot, open_inbox):
    big = submitted_order(company, ("valve", 400, 140))   # 56,000: over 10,000 and over 50,000 (two approvals)
    approve_order(big, "Checked the margin", uow=company.uow("approver2"))
    inbox = open_inbox(company, "approver1")
    assert inbox.model.data(inbox.model.index(0, COL_REASONS)) == "Total over 10,000; Total over 50,000"
    inbox.table.selectRow(0)
    detail = inbox.detail.toPlainText()
    assert "1 of 1 approvals by Approver" in detail and "1 of 2 approvals by Approver" in detail
    assert "Approver2 approved" in detail and "Checked the margin" in detail
    qtbot.mouseClick(inbox.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: inbox.model.rowCount() == 0, timeout=WAIT)
    assert company.scalar("SELECT status FROM sales_order WHERE id = %s", big) in ("approved", "ready_to_ship")


def test_inbox_table_model_passes_the_qt_model_tester_and_merges_in_place(company, qtmodeltester):
    ids = [submitted_order(company, ("pump", 10, None)), submitted_order(company, ("valve", 200, None)),
           submitted_order(company, ("valve", 300, None))]
    entries = list(approval_inbox(uow=company.uow("approver1")).entries)
    assert [e.order_id for e in entries] == ids
    model = InboxTableModel()
    model.set_entries(entries)
    qtmodeltester.check(model)
    assert model.data(model.index(0, COL_ORDER_NO)) == entries[0].order_no
    changed, removed, inserted = [], [], []
    model.dataChanged.connect(lambda a, b, roles: changed.append((a.row(), a.column(), b.column())))
    model.rowsRemoved.connect(lambda _p, first, last: removed.append((first, last)))
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    renamed = replace(entries[2], customer_name="Hansen Pumpen GmbH")
    model.set_entries([entries[0], renamed])
    assert removed == [(1, 1)] and changed == [(1, 1, 1)] and inserted == []
    model.set_entries(entries)
    assert inserted == [(1, 1)]
    model.set_limit(Decimal("13000"))
    qtmodeltester.check(model)
    assert model.over_limit(entries[1]) and not model.over_limit(entries[0])


@pytest.mark.slow
def test_approvals_inbox_screenshots_in_english_and_chinese(database, qtbot, qapp, screenshot_dir):
    from app import i18n
    from app.db.engine import make_engine, unit_of_work_factory
    from app.services.demo_data import load_demo_data

    admin_engine = make_engine(database.url)
    load_demo_data(admin_engine, orders=300, seed=3)
    engine = make_engine(database.server.url(database.name, user="demo_approver1"))
    session = SessionInfo(login="demo_approver1", display_name="陈静 (Chen Jing)", roles=("op_approver",))
    page = ApprovalsPage(unit_of_work_factory(engine), session)
    qtbot.addWidget(page)
    page.resize(1360, 780)
    page.show()
    qtbot.waitUntil(lambda: not page.loading, timeout=WAIT)
    assert page.model.rowCount() > 0, page.count_label.text()
    wanted = next((r for r in range(page.model.rowCount()) if len(page.model.entry_at(r).rules) > 1
                   and not page.model.over_limit(page.model.entry_at(r))), 0)
    page.table.selectRow(wanted)
    qtbot.waitUntil(lambda: "—" not in page.detail.toPlainText() and "Loading" not in page.detail.toPlainText(),
                    timeout=WAIT)
    qtbot.keyClicks(page.comment_edit, "Customer confirmed the delivery date by phone.")
    assert page.grab().save(str(screenshot_dir / "approvals_inbox_en.png"))
    i18n.install_translators(qapp, i18n.CHINESE_SIMPLIFIED)
    qtbot.waitUntil(lambda: page.approve_button.text() != "&Approve", timeout=WAIT)
    page.comment_edit.setPlainText("客户已电话确认交货日期。")
    qtbot.wait(50)
    assert page.grab().save(str(screenshot_dir / "approvals_inbox_zh.png"))
    page.shutdown()
    engine.dispose()
    admin_engine.dispose()


def test_the_inbox_works_from_the_keyboard(company, qtbot, open_inbox):
    first = submitted_order(company, ("pump", 10, None))
    second = submitted_order(company, ("valve", 200, None))
    inbox = open_inbox(company, "approver1")
    inbox.activateWindow()
    inbox.table.setFocus()
    assert inbox.current_entry().order_id == first   # the oldest is selected on opening
    qtbot.keyClick(inbox.table, Qt.Key.Key_Down)
    assert inbox.current_entry().order_id == second
    with qtbot.waitSignal(inbox.order_activated) as opened:
        qtbot.keyClick(inbox.table, Qt.Key.Key_Return)
    assert opened.args == [second]
    qtbot.keyClick(inbox.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)   # approve from the list
    qtbot.waitUntil(lambda: listed(inbox) == [order_no(company, first)], timeout=WAIT)
    assert company.scalar("SELECT status FROM sales_order WHERE id = %s", second) != "pending_approval"
    assert inbox.current_entry().order_id == first   # the next order to decide is selected
