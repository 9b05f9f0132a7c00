"""The order entry and edit form: header, line grid, totals; save as draft or submit for approval.

Every service call runs off the UI thread (:class:`TaskRunner`). Validation errors come back from
the service all at once and are shown at their fields (red border and message) and in the line
grid's cells (red, message as tooltip, and listed under the grid); nothing is saved then. A save
over a version someone else saved meanwhile is refused by the service (optimistic lock); the
form keeps what the user typed and offers Reload (take theirs) or Keep my changes (save over
theirs after seeing it). The form is read-only for orders past draft and for logins without the
Sales role.

Keys: Ctrl+S saves the draft, Ctrl+Enter submits, Ctrl+Delete removes the current line, Esc closes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QFormLayout, QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout,
                               QWidget)

from app.services.errors import NotEditable, OrderPilotError, StaleOrder
from app.services.lifecycle import Outcome, submit_order
from app.services.lookups import CustomerChoice, customer_prices, find_customers, find_products
from app.services.order_editing import EditableOrder, load_editable_order
from app.services.order_validation import FieldError, InvalidOrder
from app.services.orders import LineInput, OrderInput, OrderSummary, create_order, update_order
from app.services.session_info import SessionInfo
from app.views.orders.order_header_fields import HEADER_FIELDS, HeaderValues, OrderHeaderFields
from app.views.orders.order_lines_grid import LinesTableView, lines_from_summary
from app.views.orders.order_lines_model import (COL_DISCOUNT, COL_PRICE, COL_PRODUCT, COL_QUANTITY, OrderLinesModel,
                                                format_money)
from app.views.orders.order_messages import translated_message
from app.views.orders.order_status import status_colours, status_label
from app.views.orders.task_runner import TaskRunner

LINE_FIELD_COLUMNS = {"product": COL_PRODUCT, "quantity": COL_QUANTITY, "unit_price": COL_PRICE,
                      "discount_pct": COL_DISCOUNT}
ERROR_COLOUR = "#a11d16"
FORM_STYLE = """
QLineEdit[invalid="true"], QDateEdit[invalid="true"], QComboBox[invalid="true"] {
    border: 1px solid #c62828; border-radius: 3px; padding: 2px 4px; background: #fff6f6;
}
QFrame#formBanner { background: #fff4d6; border: 1px solid #e5c565; border-radius: 4px; }
QFrame#formBanner[kind="info"] { background: #eaf2fc; border-color: #a9c5e8; }
QLabel#formTitle { font-size: 13pt; font-weight: 600; color: #1c2530; }
QLabel#totalGross { font-weight: 600; }
"""


class OrderForm(QWidget):
    """Enter a new order (``order_id`` None) or edit a draft. Signals carry the order id."""

    saved = Signal(int)
    submitted = Signal(int)
    closed = Signal()

    def __init__(self, uow_factory: Callable, session: SessionInfo, order_id: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("orderForm")
        self.setStyleSheet(FORM_STYLE)
        self._uow_factory = uow_factory
        self.session = session
        self.runner = TaskRunner(self)
        self._order_id = order_id
        self._version: int | None = None
        self._order_no: str | None = None
        self._status = "draft"
        self._extra = {"order_type": "standard", "external_ref": None, "warehouse_id": None}
        self._dirty = False
        self._loading = order_id is not None
        self._latest: EditableOrder | None = None
        self._conflict_by: str | None = None
        self._conflict_at: datetime | None = None
        self._message_is_error = False
        self._message_source = ("", ())

        self.header = OrderHeaderFields(self.runner, lambda text: find_customers(text, uow=uow_factory()), self)
        self.lines_model = OrderLinesModel(self)
        self._build()
        self._connect()
        self.retranslate_ui()
        if order_id is None:
            self._apply_editable()
            self.header.customer_edit.setFocus()
        else:
            self.reload()

    # -- construction ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.title_label = QLabel(objectName="formTitle")
        self.status_badge = QLabel(objectName="formStatus")
        self.status_badge.setContentsMargins(8, 2, 8, 2)
        title = QHBoxLayout()
        title.addWidget(self.title_label)
        title.addWidget(self.status_badge)
        title.addStretch(1)

        self.banner = QFrame(objectName="formBanner")
        self.banner_label = QLabel(objectName="bannerText", wordWrap=True)
        self.banner_detail = QLabel(objectName="bannerDetail", wordWrap=True)
        self.reload_button = QPushButton(objectName="reloadButton")
        self.keep_button = QPushButton(objectName="keepButton")
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(self.banner_label)
        texts.addWidget(self.banner_detail)
        banner = QHBoxLayout(self.banner)
        banner.setContentsMargins(10, 6, 10, 6)
        banner.addLayout(texts, 1)
        banner.addWidget(self.reload_button)
        banner.addWidget(self.keep_button)
        self.banner.hide()

        self.lines_title = QLabel(objectName="linesTitle")
        self.add_line_button = QPushButton(objectName="addLine")
        self.remove_line_button = QPushButton(objectName="removeLine")
        lines_bar = QHBoxLayout()
        lines_bar.addWidget(self.lines_title)
        lines_bar.addStretch(1)
        lines_bar.addWidget(self.add_line_button)
        lines_bar.addWidget(self.remove_line_button)

        self.table = LinesTableView(self.lines_model, self.runner,
                                    lambda text: find_products(text, uow=self._uow_factory()))

        self.lines_error = QLabel(objectName="linesError", wordWrap=True)
        self.lines_error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.lines_error.hide()

        self.net_label, self.tax_label, self.gross_label = QLabel(), QLabel(), QLabel()
        self.net_value = QLabel(objectName="totalNet")
        self.tax_value = QLabel(objectName="totalTax")
        self.gross_value = QLabel(objectName="totalGross")
        totals = QFormLayout()
        totals.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for label, value in ((self.net_label, self.net_value), (self.tax_label, self.tax_value),
                             (self.gross_label, self.gross_value)):
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setMinimumWidth(140)
            totals.addRow(label, value)
        below_grid = QHBoxLayout()
        below_grid.addWidget(self.lines_error, 1, Qt.AlignmentFlag.AlignTop)
        below_grid.addLayout(totals)

        self.message_label = QLabel(objectName="formMessage", wordWrap=True)
        self.close_button = QPushButton(objectName="closeForm")
        self.save_button = QPushButton(objectName="saveDraft")
        self.submit_button = QPushButton(objectName="submitOrder")
        self.submit_button.setDefault(True)
        footer = QHBoxLayout()
        footer.addWidget(self.message_label, 1)
        footer.addWidget(self.close_button)
        footer.addWidget(self.save_button)
        footer.addWidget(self.submit_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(8)
        layout.addLayout(title)
        layout.addWidget(self.banner)
        layout.addWidget(self.header)
        layout.addLayout(lines_bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(below_grid)
        layout.addLayout(footer)
        QWidget.setTabOrder(self.header.notes_edit, self.table)
        QWidget.setTabOrder(self.table, self.submit_button)

    def _connect(self) -> None:
        self.header.changed.connect(self._mark_dirty)
        self.header.customer_chosen.connect(lambda _c: self._refresh_prices())
        self.lines_model.price_wanted.connect(lambda _row, _pid: self._refresh_prices())
        self.lines_model.totals_changed.connect(self._update_totals)
        self.lines_model.dataChanged.connect(lambda *_: self._on_lines_edited())
        self.lines_model.rowsRemoved.connect(lambda *_: self._mark_dirty())
        self.add_line_button.clicked.connect(self.focus_new_line)
        self.remove_line_button.clicked.connect(self.remove_current_line)
        self.save_button.clicked.connect(self.save_draft)
        self.submit_button.clicked.connect(self.submit)
        self.close_button.clicked.connect(self.request_close)
        self.reload_button.clicked.connect(self.reload)
        self.keep_button.clicked.connect(self.keep_my_changes)
        self.runner.busy_changed.connect(lambda _busy: self._update_buttons())
        shortcuts = ((QKeySequence.StandardKey.Save, self.save_draft), ("Ctrl+Return", self.submit),
                     ("Ctrl+Enter", self.submit), ("Ctrl+Delete", self.remove_current_line),
                     ("Escape", self.request_close))
        for key, slot in shortcuts:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # -- text --------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        dirty = self._dirty  # new texts in the grid are not an edit by the user
        self.header.retranslate_ui()
        self.lines_model.retranslate()
        self._dirty = dirty
        self.lines_title.setText(self.tr("Lines"))
        self.add_line_button.setText(self.tr("Add line"))
        self.remove_line_button.setText(self.tr("Remove line"))
        self.remove_line_button.setToolTip(self.tr("Remove the selected line (Ctrl+Delete)"))
        self.net_label.setText(self.tr("Net"))
        self.tax_label.setText(self.tr("Tax"))
        self.gross_label.setText(self.tr("Total incl. tax"))
        self.close_button.setText(self.tr("Close"))
        self.save_button.setText(self.tr("Save draft"))
        self.save_button.setToolTip(self.tr("Save the order as a draft (Ctrl+S)"))
        self.submit_button.setText(self.tr("Submit for approval"))
        self.submit_button.setToolTip(self.tr("Save and submit the order (Ctrl+Enter)"))
        self.reload_button.setText(self.tr("Reload"))
        self.keep_button.setText(self.tr("Keep my changes"))
        self._update_title()
        self._update_totals()
        self._apply_editable()
        if self._conflict_by is not None:
            self._show_conflict_text()
        self._retranslate_message()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- public API --------------------------------------------------------------------------------
    @property
    def order_id(self) -> int | None:
        return self._order_id

    @property
    def version(self) -> int | None:
        return self._version

    @property
    def editable(self) -> bool:
        return self._status == "draft" and self.session.has_role("op_sales") and not self._loading

    @property
    def dirty(self) -> bool:
        return self._dirty

    def title(self) -> str:
        if self._order_id is None:
            return self.tr("New order")
        return self._order_no or self.tr("Order")

    def reload(self) -> None:
        """Read the order again (discarding what was typed)."""
        if self._order_id is None:
            return
        self._loading = True
        self._conflict_by = None
        self.runner.cancel("latest")
        self._apply_editable()
        self._set_message(self.tr("Loading…"))
        order_id = self._order_id
        self.runner.run("load", lambda: load_editable_order(order_id, uow=self._uow_factory()),
                        self._on_loaded, self._on_failed)

    def save_draft(self) -> None:
        self._save(submit_after=False)

    def submit(self) -> None:
        self._save(submit_after=True)

    def focus_new_line(self) -> None:
        row = self.lines_model.rowCount() - 1
        index = self.lines_model.index(row, COL_PRODUCT)
        self.table.setFocus()
        self.table.setCurrentIndex(index)
        if self.editable:
            self.table.edit(index)

    def remove_current_line(self) -> None:
        if self.editable and self.table.currentIndex().isValid():
            self.lines_model.remove_row(self.table.currentIndex().row())

    def confirm_close(self) -> bool:
        """True when the form may close (nothing typed, or the user agrees to drop it)."""
        if not self._dirty or not self.editable:
            return True
        answer = QMessageBox.question(
            self, self.tr("Unsaved changes"), self.tr("Close the form and drop what you typed?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def request_close(self) -> None:
        if self.confirm_close():
            self._dirty = False
            self.closed.emit()

    def shutdown(self) -> None:
        """Stop background work (before the engine goes away)."""
        self.runner.shutdown()

    # -- loading -----------------------------------------------------------------------------------
    def _on_loaded(self, editable: EditableOrder) -> None:
        order = editable.order
        self._loading = False
        self._latest = None
        self._conflict_by = None
        self._hide_banner()
        self._take_summary(order)
        self._extra = {"order_type": order.order_type, "external_ref": order.external_ref,
                       "warehouse_id": editable.warehouse_id}
        customer = CustomerChoice(order.customer_id, editable.customer_code, order.customer_name, None,
                                  order.currency, False, None, editable.ship_to)
        self.header.set_values(HeaderValues(
            customer=customer, ship_to=editable.ship_to, requested_date=order.requested_date,
            priority=order.priority, channel=order.channel, customer_reference=editable.customer_reference,
            notes=order.notes))
        self.lines_model.set_lines(lines_from_summary(order, editable.products), editable=self.editable)
        self._dirty = False
        self._apply_editable()
        self._set_message("")

    def _take_summary(self, order: OrderSummary) -> None:
        self._order_id, self._version, self._order_no, self._status = (
            order.id, order.version, order.order_no, order.status)
        self._update_title()

    # -- saving and submitting -----------------------------------------------------------------------
    def _save(self, submit_after: bool) -> None:
        if not self.editable or self.runner.is_running("save") or self.runner.is_running("submit"):
            return
        self.table.commit_open_editor()
        self._clear_errors()
        if self._order_id is not None and not self._dirty and submit_after:
            self._submit_saved()
            return
        order = self._order_input()
        order_id, version = self._order_id, self._version
        if order_id is None:
            work = lambda: create_order(order, uow=self._uow_factory())  # noqa: E731
        else:
            work = lambda: update_order(order_id, version, order, uow=self._uow_factory())  # noqa: E731
        self._set_message(self.tr("Saving…"))
        self.runner.run("save", work, lambda summary: self._on_saved(summary, submit_after), self._on_failed)
        self._update_buttons()

    def _on_saved(self, summary: OrderSummary, submit_after: bool) -> None:
        products = {line.product.id: line.product for line in self.lines_model.lines() if line.product}
        defaults = [line.price_is_default for line in self.lines_model.lines()]
        self._take_summary(summary)
        self._hide_banner()
        self._conflict_by = None
        self.lines_model.set_lines(lines_from_summary(summary, products, defaults), editable=self.editable)
        self._dirty = False
        self._set_message(self.tr("Saved as draft %1 at %2."), summary.order_no, _clock(summary.updated_at))
        self.saved.emit(summary.id)
        if submit_after:
            self._submit_saved()

    def _submit_saved(self) -> None:
        order_id, version = self._order_id, self._version
        self._set_message(self.tr("Submitting…"))
        self.runner.run("submit", lambda: submit_order(order_id, uow=self._uow_factory(), expected_version=version),
                        self._on_submitted, self._on_failed)
        self._update_buttons()

    def _on_submitted(self, outcome: Outcome) -> None:
        order = outcome.order
        if order is not None:
            self._take_summary(order)
        else:
            self._status = "on_hold"
        self._apply_editable()
        self.lines_model.set_editable(False)
        status = status_label(self._status)
        if self._status == "pending_approval":
            self._set_message(self.tr("Order %1 was submitted and waits for approval: %2"), self._order_no,
                              "; ".join(outcome.waiting_for))
        elif self._status == "on_hold":
            self._set_message(self.tr("Order %1 was submitted and is on credit hold: %2"), self._order_no,
                              outcome.message or (order.hold_reason if order else ""))
        else:
            self._set_message(self.tr("Order %1 needed no approval and is now %2."), self._order_no, status)
        self.submitted.emit(self._order_id)

    def _on_failed(self, error: Exception) -> None:
        self._loading = False
        self._apply_editable()
        if isinstance(error, InvalidOrder):
            self._show_invalid(error.errors)
        elif isinstance(error, StaleOrder):
            self._show_conflict(error)
        elif isinstance(error, NotEditable):
            self._set_message(translated_message(str(error)), error=True)
            self._show_banner(translated_message(str(error)), "", reload=True, keep=False)
        elif isinstance(error, OrderPilotError):
            field = getattr(error, "field", None)
            if field in HEADER_FIELDS:
                self._show_invalid([FieldError(field, str(error))])
            else:
                self._set_message(translated_message(str(error)), error=True)
        else:
            first = (str(getattr(error, "orig", None) or error).strip().splitlines() or [type(error).__name__])[0]
            self._set_message(self.tr("The server did not answer as expected: %1"), first, error=True)
        self._update_buttons()

    def _order_input(self) -> OrderInput:
        values = self.header.values()
        lines = tuple(LineInput(product_id=line.product.id if line.product else None, quantity=line.quantity,
                                unit_price=None if line.price_is_default else line.unit_price,
                                discount_pct=line.discount_pct, description=line.description)
                      for line in self.lines_model.lines())
        return OrderInput(customer_id=values.customer.id if values.customer else None, lines=lines,
                          channel=values.channel, requested_date=values.requested_date, priority=values.priority,
                          notes=values.notes, customer_reference=values.customer_reference, ship_to=values.ship_to,
                          **self._extra)

    # -- validation errors -----------------------------------------------------------------------------
    def _show_invalid(self, errors: list[FieldError]) -> None:
        header: dict[str, str] = {}
        cells: dict[tuple[int, int], str] = {}
        below: list[str] = []
        for error in errors:
            message = translated_message(error.message)
            line = re.fullmatch(r"lines\[(\d+)\]\.(\w+)", error.field)
            if line:
                cells[(int(line.group(1)) - 1, LINE_FIELD_COLUMNS.get(line.group(2), COL_PRODUCT))] = message
                below.append(message)
            elif error.field in HEADER_FIELDS:
                header[error.field] = message
            else:
                below.append(message)
        self.header.show_errors(header)
        self.lines_model.set_errors(cells)
        self.lines_error.setText("\n".join(below))
        self.lines_error.setVisible(bool(below))
        self._set_message(self.tr("Nothing was saved: correct the %n marked field(s) first.", "", len(errors)),
                          error=True)
        first = next((self.header.field_widgets[f] for f in HEADER_FIELDS if f in header), None)
        if first is not None:
            first.setFocus()
        elif cells:
            row, column = min(cells)
            self.table.setFocus()
            self.table.setCurrentIndex(self.lines_model.index(row, column))

    def _clear_errors(self) -> None:
        self.header.clear_errors()
        self.lines_model.set_errors({})
        self.lines_error.hide()

    # -- conflicts -----------------------------------------------------------------------------------
    def _show_conflict(self, error: StaleOrder) -> None:
        self._conflict_by = error.changed_by or ""
        self._conflict_at = error.changed_at
        self._latest = None
        self._show_conflict_text()
        self._set_message(self.tr("Not saved: someone else saved this order first. Your changes are still here."),
                          error=True)
        order_id = self._order_id
        self.runner.run("latest", lambda: load_editable_order(order_id, uow=self._uow_factory()), self._on_latest)

    def _show_conflict_text(self) -> None:
        if self._conflict_by:
            text = self.tr("Order %1 was changed by %2 at %3 — reload?")
            text = text.replace("%1", self._order_no or "").replace("%2", self._conflict_by)
            text = text.replace("%3", _clock(self._conflict_at))
        else:
            text = self.tr("Order %1 was changed by someone else meanwhile — reload?").replace(
                "%1", self._order_no or "")
        detail = ""
        if self._latest is not None:
            theirs = self._latest.order
            if theirs.status != "draft":
                detail = self.tr("It is now %1 and can no longer be changed.").replace("%1", status_label(theirs.status))
            else:
                detail = self.tr("Their version: %n line(s), total %1 %2.", "", len(theirs.lines)).replace(
                    "%1", format_money(theirs.total_amount)).replace("%2", theirs.currency)
        self._show_banner(text, detail, reload=True, keep=True)
        self.keep_button.setEnabled(self._latest is not None and self._latest.order.status == "draft")

    def _on_latest(self, latest: EditableOrder) -> None:
        self._latest = latest
        if self._conflict_by is not None:
            if not self._conflict_by:
                self._conflict_by = latest.order.updated_by
                self._conflict_at = latest.order.updated_at
            self._show_conflict_text()

    def keep_my_changes(self) -> None:
        """Save over the newer version next time: the user has seen it and keeps their own values."""
        if self._latest is None or self._latest.order.status != "draft":
            return
        self._version = self._latest.order.version
        who = self._conflict_by or ""
        self._conflict_by = None
        self._show_banner(self.tr("Your changes are kept. Saving will replace the version saved by %1.").replace(
            "%1", who), "", reload=False, keep=False, kind="info")
        self._mark_dirty()
        self._set_message("")

    # -- state ---------------------------------------------------------------------------------------
    def _apply_editable(self) -> None:
        editable = self.editable
        self.header.set_editable(editable)
        if not self._loading:
            self.lines_model.set_editable(editable)
        for widget in (self.add_line_button, self.remove_line_button):
            widget.setVisible(editable)
        self._update_buttons()
        if self._loading or self.banner.isVisible() and self.banner.property("kind") != "readonly":
            return
        if not self.session.has_role("op_sales"):
            self._show_banner(self.tr("Your login cannot change orders; that needs the Sales role."), "",
                              kind="readonly")
        elif self._status != "draft":
            self._show_banner(self.tr("Order %1 is %2; only drafts can be changed.").replace(
                "%1", self._order_no or "").replace("%2", status_label(self._status)), "", kind="readonly")
        elif self.banner.property("kind") == "readonly":
            self._hide_banner()

    def _update_buttons(self) -> None:
        editable = self.editable
        working = self.runner.is_running("save") or self.runner.is_running("submit")
        self.save_button.setVisible(editable)
        self.submit_button.setVisible(editable)
        self.save_button.setEnabled(editable and not working)
        self.submit_button.setEnabled(editable and not working)

    def _update_title(self) -> None:
        self.title_label.setText(self.tr("New order") if self._order_id is None
                                 else self.tr("Order %1").replace("%1", self._order_no or ""))
        background, foreground = status_colours(self._status)
        self.status_badge.setText(status_label(self._status))
        self.status_badge.setStyleSheet(f"background: {background.name()}; color: {foreground.name()}; "
                                        "border-radius: 9px; font-weight: 600;")

    def _update_totals(self) -> None:
        totals = self.lines_model.totals()
        currency = self.header.values().customer.currency if self.header.values().customer else ""
        for label, value in ((self.net_value, totals.net), (self.tax_value, totals.tax),
                             (self.gross_value, totals.gross)):
            label.setText(f"{format_money(value)} {currency}".strip())

    def _refresh_prices(self) -> None:
        customer = self.header.customer_edit.choice
        product_ids = self.lines_model.product_ids_with_default_price()
        if customer is None or not product_ids:
            self._update_totals()
            return
        customer_id = customer.id
        self.runner.run("prices", lambda: customer_prices(customer_id, product_ids, uow=self._uow_factory()),
                        self.lines_model.set_prices)

    def _on_lines_edited(self) -> None:
        if self.lines_model.editable:
            self._mark_dirty()

    def _mark_dirty(self) -> None:
        if not self._loading:
            self._dirty = True
        self._update_totals()

    def _show_banner(self, text: str, detail: str, *, reload: bool = False, keep: bool = False,
                     kind: str = "warning") -> None:
        self.banner_label.setText(text)
        self.banner_detail.setText(detail)
        self.banner_detail.setVisible(bool(detail))
        self.reload_button.setVisible(reload)
        self.keep_button.setVisible(keep)
        self.banner.setProperty("kind", kind)
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner.show()

    def _hide_banner(self) -> None:
        self.banner.hide()
        self.banner.setProperty("kind", "")

    def _set_message(self, template: str, *values, error: bool = False) -> None:
        self._message_source = (template, tuple(str(v) for v in values))
        self._message_is_error = error
        self._retranslate_message()

    def _retranslate_message(self) -> None:
        template, values = self._message_source
        text = template
        for number, value in enumerate(values, start=1):
            text = text.replace(f"%{number}", value)
        self.message_label.setText(text)
        self.message_label.setStyleSheet(f"color: {ERROR_COLOUR};" if self._message_is_error else "")


def _clock(moment: datetime | None) -> str:
    """14:02 today, else 2026-03-01 14:02 (local time)."""
    if moment is None:
        return ""
    local = moment.astimezone()
    if local.date() == datetime.now().astimezone().date():
        return f"{local:%H:%M}"
    return f"{local:%Y-%m-%d %H:%M}"
