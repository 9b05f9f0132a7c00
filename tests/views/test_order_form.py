"""The order form driven like a clerk would: type a customer and pick it, type lines, submit; see
validation messages at the fields with nothing saved; two clerks editing one order at once."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from app import i18n
from app.services.lifecycle import submit_order
from app.services.lookups import ProductChoice
from app.services.orders import create_order, get_order
from app.services.session_info import SessionInfo
from app.views.orders.order_form import OrderForm
from app.views.orders.order_lines_model import (COL_DISCOUNT, COL_PRICE, COL_PRODUCT, COL_QUANTITY, COL_TOTAL,
                                                EditLine, OrderLinesModel)


def session_of(company, who: str, *roles: str) -> SessionInfo:
    names = {"clerk": "Zhang Wei", "clerk2": "Li Na"}
    return SessionInfo(login=company.logins[who].name, display_name=names.get(who, who.title()),
                       roles=roles or ("op_sales",))


@pytest.fixture
def open_form(company, qtbot):
    forms = []

    def open_(who: str = "clerk", order_id: int | None = None, *roles: str) -> OrderForm:
        form = OrderForm(company.uow_factory(who), session_of(company, who, *roles), order_id)
        qtbot.addWidget(form)
        form.resize(1100, 760)
        form.show()
        form.activateWindow()
        forms.append(form)
        qtbot.waitUntil(form.isActiveWindow)
        if order_id is not None:
            qtbot.waitUntil(lambda: not form.runner.busy and form.version is not None, timeout=10_000)
        return form

    yield open_
    for form in forms:
        form.shutdown()


def type_into(qtbot, widget, text: str) -> None:
    """Type like a user: keys for ASCII, an input method's commit for Chinese (as a pinyin IME sends it)."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)


def pick_customer(qtbot, form: OrderForm, typed: str) -> None:
    edit = form.header.customer_edit
    edit.setFocus()
    if edit.text():
        qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(edit, Qt.Key.Key_Delete)
    with qtbot.waitSignal(edit.results_shown, timeout=10_000):
        type_into(qtbot, edit, typed)
    popup = edit.completer_popup
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert edit.choice is not None


def type_line(qtbot, form: OrderForm, typed_product: str, quantity: str, discount: str | None = None) -> None:
    """In the blank last row: type into Product, pick the first match, then type the quantity."""
    table, model = form.table, form.lines_model
    row = model.rowCount() - 1
    table.setFocus()
    table.setCurrentIndex(model.index(row, COL_PRODUCT))
    table.edit(model.index(row, COL_PRODUCT))
    editor = QApplication.focusWidget()
    assert editor.objectName() == "productLookup"
    with qtbot.waitSignal(editor.results_shown, timeout=10_000):
        type_into(qtbot, editor, typed_product)
    qtbot.waitUntil(editor.completer_popup.isVisible)
    qtbot.keyClick(editor.completer_popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.line_at(row).product is not None)
    # the grid moved on to the quantity cell with an editor open
    qtbot.waitUntil(lambda: table.currentIndex().column() == COL_QUANTITY)
    quantity_editor = QApplication.focusWidget()
    qtbot.keyClicks(quantity_editor, quantity)
    qtbot.keyClick(quantity_editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.line_at(row).quantity == Decimal(quantity))
    if discount is not None:
        table.setCurrentIndex(model.index(row, COL_DISCOUNT))
        table.edit(model.index(row, COL_DISCOUNT))
        discount_editor = QApplication.focusWidget()
        discount_editor.selectAll()
        qtbot.keyClicks(discount_editor, discount)
        qtbot.keyClick(discount_editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: model.line_at(row).discount_pct == Decimal(discount))


def test_a_clerk_enters_an_order_with_completion_and_submits_it_for_approval(company, qtbot, open_form):
    form = open_form()
    pick_customer(qtbot, form, "浦江")
    assert form.header.customer_edit.text() == "上海浦江机械有限公司 (C001)"
    assert form.header.ship_name.text() == "上海浦江机械有限公司"   # ship-to follows the customer
    type_line(qtbot, form, "P-1", "9")
    type_line(qtbot, form, "ball", "10")
    model = form.lines_model
    qtbot.waitUntil(lambda: model.data(model.index(1, COL_PRICE)) == "80.00")
    assert [model.data(model.index(r, COL_TOTAL)) for r in (0, 1)] == ["10,800.00", "800.00"]
    assert (form.net_value.text(), form.tax_value.text(), form.gross_value.text()) == (
        "11,600.00 CNY", "1,508.00 CNY", "13,108.00 CNY")
    qtbot.keyClicks(form.header.notes_edit, "Deliver to gate 3")

    with qtbot.waitSignal(form.submitted, timeout=10_000) as submitted:
        qtbot.keyClick(form.header.notes_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    order_id = submitted.args[0]
    assert company.rows("SELECT status, total_amount, notes, created_by FROM sales_order WHERE id = %s", order_id) == [
        ("pending_approval", Decimal("11600.00"), "Deliver to gate 3", company.logins["clerk"].name)]
    assert company.rows("SELECT rule_name FROM approval_request WHERE order_id = %s", order_id) == [
        ("Orders over 10,000",)]
    assert "waits for approval" in form.message_label.text()
    assert not form.editable and not form.submit_button.isVisible()
    assert "only drafts can be changed" in form.banner_label.text()


def test_a_small_order_needs_no_approval_and_a_customer_price_applies(company, qtbot, open_form):
    with company.admin.cursor() as cur:
        cur.execute("INSERT INTO customer_price (customer_id, product_id, valid_from, unit_price) VALUES (%s, %s, %s, 75)",
                    (company.ids["customer"], company.ids["valve"], date.today() - timedelta(days=3)))
    form = open_form()
    type_line(qtbot, form, "V-2", "4", discount="10")   # before the customer: the list price for now
    model = form.lines_model
    assert model.data(model.index(0, COL_PRICE)) == "80.00"
    pick_customer(qtbot, form, "c001")
    qtbot.waitUntil(lambda: model.data(model.index(0, COL_PRICE)) == "75.00")   # the customer's price
    assert model.data(model.index(0, COL_TOTAL)) == "270.00"
    with qtbot.waitSignal(form.submitted, timeout=10_000) as submitted:
        qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    assert company.rows("SELECT o.status, l.unit_price, l.discount_pct, l.line_total FROM sales_order o "
                        "JOIN sales_order_line l ON l.order_id = o.id WHERE o.id = %s", submitted.args[0]) == [
        ("ready_to_ship", Decimal("75.0000"), Decimal("10.00"), Decimal("270.00"))]
    assert "needed no approval" in form.message_label.text()


def test_validation_errors_are_shown_at_their_fields_and_nothing_is_saved(company, qtbot, open_form):
    form = open_form()
    pick_customer(qtbot, form, "Blocked")
    type_line(qtbot, form, "P-100", "0")
    type_line(qtbot, form, "V-20", "3", discount="150")
    form.header.requested_edit.setDate(QDate.currentDate().addDays(-2))
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not form.runner.busy, timeout=10_000)

    header = form.header
    assert header.error_labels["customer"].isVisible()
    assert header.error_labels["customer"].text() == (
        "Customer Blocked Trading Ltd is blocked (unpaid invoices); orders cannot be taken.")
    assert header.customer_edit.property("invalid") is True
    assert header.error_labels["requested_date"].text().startswith("The requested date")
    assert header.requested_edit.property("invalid") is True
    model = form.lines_model
    assert model.data(model.index(0, COL_QUANTITY), Qt.ItemDataRole.ToolTipRole) == (
        "Line 1: the quantity must be more than zero.")
    assert model.data(model.index(0, COL_QUANTITY), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(1, COL_DISCOUNT), Qt.ItemDataRole.ToolTipRole) == (
        "Line 2: the discount must be between 0 and 100 %.")
    assert form.lines_error.isVisible() and "Line 1: the quantity must be more than zero." in form.lines_error.text()
    assert form.message_label.text() == "Nothing was saved: correct the 4 marked field(s) first."
    assert company.scalar("SELECT count(*) FROM sales_order") == 0 and form.order_id is None
    assert header.customer_edit.hasFocus()   # the first problem is where the cursor goes

    pick_customer(qtbot, form, "上海")    # correcting a field clears its message
    assert not header.error_labels["customer"].isVisible() and header.customer_edit.property("invalid") is False


def test_a_second_clerk_saving_over_a_newer_version_is_told_who_changed_it_and_keeps_what_they_typed(
        company, qtbot, open_form):
    order = create_order(company.order(("pump", 1, None)), uow=company.uow("clerk"))
    first, second = open_form("clerk", order.id), open_form("clerk2", order.id)
    first.header.notes_edit.setPlainText("Deliver to gate 3")
    with qtbot.waitSignal(first.saved, timeout=10_000):
        qtbot.mouseClick(first.save_button, Qt.MouseButton.LeftButton)
    changed_at = company.scalar("SELECT updated_at FROM sales_order WHERE id = %s", order.id)

    second.header.reference_edit.setFocus()
    qtbot.keyClicks(second.header.reference_edit, "PO-4711")
    qtbot.mouseClick(second.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: second.banner.isVisible() and second.keep_button.isEnabled(), timeout=10_000)
    assert second.banner_label.text() == (
        f"Order {order.order_no} was changed by Zhang Wei at {changed_at.astimezone():%H:%M} — reload?")
    assert second.banner_detail.text() == "Their version: 1 line(s), total 1,200.00 CNY."
    assert second.header.reference_edit.text() == "PO-4711"     # nothing typed is lost
    assert company.scalar("SELECT customer_reference FROM sales_order WHERE id = %s", order.id) is None

    qtbot.mouseClick(second.keep_button, Qt.MouseButton.LeftButton)   # keep mine, save over theirs
    with qtbot.waitSignal(second.saved, timeout=10_000):
        qtbot.mouseClick(second.save_button, Qt.MouseButton.LeftButton)
    assert company.rows("SELECT customer_reference, notes, updated_by FROM sales_order WHERE id = %s", order.id) == [
        ("PO-4711", None, company.logins["clerk2"].name)]

    first.header.reference_edit.setText("")
    first.header.notes_edit.setPlainText("Deliver to gate 5")
    qtbot.mouseClick(first.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: first.banner.isVisible() and "Li Na" in first.banner_label.text(), timeout=10_000)
    with qtbot.waitSignal(first.runner.busy_changed, timeout=10_000):
        qtbot.mouseClick(first.reload_button, Qt.MouseButton.LeftButton)   # take theirs
    qtbot.waitUntil(lambda: not first.runner.busy)
    assert first.header.reference_edit.text() == "PO-4711" and first.header.notes_edit.toPlainText() == ""
    assert not first.banner.isVisible() and not first.dirty
    assert first.version == get_order(order.id, uow=company.uow("clerk")).version


def test_a_submitted_order_and_a_login_without_sales_open_read_only(company, qtbot, open_form):
    order = create_order(company.order(("pump", 9, None)), uow=company.uow("clerk"))
    watcher = open_form("warehouse", order.id, "op_warehouse")
    assert not watcher.editable and not watcher.save_button.isVisible()
    assert watcher.banner_label.text() == "Your login cannot change orders; that needs the Sales role."
    assert watcher.header.customer_edit.isReadOnly()
    assert not (watcher.lines_model.flags(watcher.lines_model.index(0, COL_QUANTITY)) & Qt.ItemFlag.ItemIsEditable)

    submit_order(order.id, uow=company.uow("clerk"))
    form = open_form("clerk", order.id)
    assert not form.editable and form.lines_model.rowCount() == 1   # no blank row to type into
    assert form.banner_label.text() == f"Order {order.order_no} is Pending approval; only drafts can be changed."


def test_closing_with_unsaved_changes_asks_first(company, qtbot, open_form, monkeypatch):
    form = open_form()
    qtbot.keyClicks(form.header.reference_edit, "PO-1")
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    closed = []
    form.closed.connect(lambda: closed.append(True))
    qtbot.keyClick(form.header.reference_edit, Qt.Key.Key_Escape)
    assert closed == [] and form.dirty
    qtbot.keyClick(form.header.reference_edit, Qt.Key.Key_Escape)
    assert closed == [True]


def test_an_untouched_form_closes_without_asking_even_after_a_language_switch(qtbot, qapp, open_form):
    form = open_form()
    i18n.install_translators(qapp, i18n.CHINESE_SIMPLIFIED)
    qtbot.wait(10)
    i18n.install_translators(qapp, i18n.ENGLISH)
    qtbot.wait(10)
    assert not form.dirty
    closed = []
    form.closed.connect(lambda: closed.append(True))
    qtbot.keyClick(form.header.reference_edit, Qt.Key.Key_Escape)  # would block on a question if dirty
    assert closed == [True]


def test_order_lines_model_passes_the_qt_model_tester(qtmodeltester):
    model = OrderLinesModel()
    pump = ProductChoice(1, "P-100", "Centrifugal pump CP-100", "pcs", Decimal(13), Decimal(1200))
    model.set_lines([EditLine(pump, Decimal(2), Decimal(1200)), EditLine(pump, Decimal("1.5"), Decimal(99), False,
                                                                         Decimal(5))])
    qtmodeltester.check(model)
    assert model.rowCount() == 3 and model.data(model.index(2, COL_PRODUCT)) == "Type a SKU or product name…"
    assert model.setData(model.index(2, COL_PRODUCT), pump)
    assert model.rowCount() == 4 and not model.setData(model.index(0, COL_QUANTITY), "abc")
    model.set_errors({(0, COL_QUANTITY): "Line 1: the quantity must be more than zero."})
    qtmodeltester.check(model)
    model.set_editable(False)
    qtmodeltester.check(model)
    assert model.rowCount() == 3


@pytest.mark.slow
@pytest.mark.parametrize("language", [i18n.ENGLISH, i18n.CHINESE_SIMPLIFIED])
def test_order_form_screenshot_with_lines_and_a_validation_error(company, qtbot, qapp, open_form, screenshot_dir,
                                                                 language):
    i18n.install_translators(qapp, language)
    form = open_form()
    pick_customer(qtbot, form, "浦江")
    type_line(qtbot, form, "P-100", "4")
    type_line(qtbot, form, "CAB-1", "2", discount="5")
    type_line(qtbot, form, "V-20", "0")
    form.header.requested_edit.setDate(QDate.currentDate().addDays(-1))
    form.header.reference_edit.setText("PO-2026-118")
    form.header.notes_edit.setPlainText("请在周五前送达 3 号门 / deliver to gate 3 before Friday")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.lines_error.isVisible(), timeout=10_000)
    form.table.clearSelection()
    qtbot.wait(50)
    suffix = "en" if language == i18n.ENGLISH else "zh_CN"
    assert form.grab().save(str(screenshot_dir / f"order_form_{suffix}.png"))
    if language == i18n.CHINESE_SIMPLIFIED:
        assert form.save_button.text() != "Save draft" and "Line 3" not in form.lines_error.text()
