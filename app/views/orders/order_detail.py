"""The order detail page: "where is order X?" on one screen, kept current live.

Header (number, status, what the customer sees, customer, totals, dates), open deviation alerts,
the status timeline (every step with who and when), approvals with their reasons and decisions,
lines with reservation and shortage, production progress and shipments. Everything comes from
:func:`app.services.order_timeline.load_timeline` on a worker thread. With a live feed, changes
to this order's rows (order, lines, approvals, production, shipments, alerts) refresh the page
in place. Actions (edit, submit, hold, release, cancel, print) are enabled as the order's status
and the login's roles allow — the same rules the server enforces.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QHBoxLayout, QInputDialog, QLabel, QLineEdit,
                               QMessageBox, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget)

from app.services.lifecycle import cancel_order, hold_order, release_hold, submit_order
from app.services.order_timeline import OrderTimeline, load_timeline
from app.services.session_info import SessionInfo
from app.views.orders.detail_table_model import DetailTableModel
from app.views.orders.order_detail_columns import (ProductionRow, approval_columns, line_columns, production_columns,
                                                   shipment_columns)
from app.views.orders.order_lines_model import format_money
from app.views.orders.order_messages import translated_message
from app.views.orders.order_status import channel_label, priority_label, status_colours, status_label
from app.views.orders.status_timeline_view import StatusTimelineView, TimelineEntry, upcoming, when_text
from app.views.orders.task_runner import TaskRunner

REFRESH_DELAY_MS = 80
ORDER_TABLES = ("sales_order_line", "approval_request", "approval_decision", "production_order", "shipment",
                "deviation_alert")
PAGE_STYLE = """
QLabel#orderNumber { font-size: 15pt; font-weight: 600; color: #1c2530; }
QLabel#customerStage { color: #55606e; }
QLabel#sectionTitle { font-weight: 600; color: #1c2530; padding-top: 4px; }
QLabel#emptyNote { color: #8a929c; }
QFrame#alertBox { background: #fdecea; border: 1px solid #f0b4ae; border-radius: 4px; }
QFrame#holdBox { background: #ffe2c6; border: 1px solid #f2b97f; border-radius: 4px; }
"""


class OrderDetailPage(QWidget):
    """``show_order(order_id)``; ``edit_requested(int)`` when the user wants the form."""

    edit_requested = Signal(int)
    title_changed = Signal(str)
    loaded = Signal(object)          # the OrderTimeline shown

    def __init__(self, uow_factory: Callable, session: SessionInfo, live_feed=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("orderDetailPage")
        self.setStyleSheet(PAGE_STYLE)
        self._uow_factory = uow_factory
        self.session = session
        self.runner = TaskRunner(self)
        self._live_feed = live_feed
        self._subscriptions: list = []
        self._operations_subscription = None
        self._order_id: int | None = None
        self.timeline: OrderTimeline | None = None
        self._error = ""
        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self._build()
        self._connect()
        self.retranslate_ui()

    # -- construction ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.number_label = QLabel(objectName="orderNumber")
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_badge = QLabel(objectName="orderStatus")
        self.status_badge.setContentsMargins(10, 3, 10, 3)
        self.stage_label = QLabel(objectName="customerStage")
        self.edit_button = QPushButton(objectName="editOrder")
        self.submit_button = QPushButton(objectName="submitOrder")
        self.hold_button = QPushButton(objectName="holdOrder")
        self.release_button = QPushButton(objectName="releaseOrder")
        self.cancel_button = QPushButton(objectName="cancelOrder")
        self.print_button = QPushButton(objectName="printConfirmation")
        self.action_buttons = (self.edit_button, self.submit_button, self.hold_button, self.release_button,
                               self.cancel_button, self.print_button)
        top = QHBoxLayout()
        top.addWidget(self.number_label)
        top.addWidget(self.status_badge)
        top.addWidget(self.stage_label)
        top.addStretch(1)
        for button in self.action_buttons:
            top.addWidget(button)

        self.facts_label = QLabel(objectName="orderFacts", wordWrap=True)
        self.facts_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label = QLabel(objectName="detailMessage", wordWrap=True)
        self.hold_box, self.hold_label = _box("holdBox")
        self.alert_box, self.alert_label = _box("alertBox")

        self.timeline_title = _title()
        self.timeline_view = StatusTimelineView()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        left_layout.addWidget(self.timeline_title)
        left_layout.addWidget(self.timeline_view, 1)

        self.approvals_model = DetailTableModel(approval_columns(), parent=self)
        self.lines_model = DetailTableModel(line_columns(), parent=self)
        self.production_model = DetailTableModel(production_columns(), key=lambda row: row.key, parent=self)
        self.shipments_model = DetailTableModel(shipment_columns(), parent=self)
        self.sections = {}
        right = QSplitter(Qt.Orientation.Vertical)
        right.setChildrenCollapsible(False)
        for name, model in (("approvals", self.approvals_model), ("lines", self.lines_model),
                            ("production", self.production_model), ("shipments", self.shipments_model)):
            section = _Section(name, model)
            self.sections[name] = section
            right.addWidget(section)
        self.approvals_table = self.sections["approvals"].table
        self.lines_table = self.sections["lines"].table
        self.production_table = self.sections["production"].table
        self.shipments_table = self.sections["shipments"].table
        right.setSizes([150, 200, 170, 110])

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 800])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.facts_label)
        layout.addWidget(self.message_label)
        layout.addWidget(self.hold_box)
        layout.addWidget(self.alert_box)
        layout.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        self.edit_button.clicked.connect(lambda: self._order_id and self.edit_requested.emit(self._order_id))
        self.submit_button.clicked.connect(self.submit)
        self.hold_button.clicked.connect(self.hold)
        self.release_button.clicked.connect(self.release)
        self.cancel_button.clicked.connect(self.cancel)
        self.print_button.clicked.connect(self.print_confirmation)
        for key, button in (("Ctrl+E", self.edit_button), ("Ctrl+P", self.print_button)):
            shortcut = QShortcut(QKeySequence(key), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda b=button: b.isEnabled() and b.isVisible() and b.click())
        refresh = QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self,
                            context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh.activated.connect(self.refresh)

    # -- text --------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.edit_button.setText(self.tr("Edit"))
        self.edit_button.setToolTip(self.tr("Change this draft (Ctrl+E)"))
        self.submit_button.setText(self.tr("Submit"))
        self.hold_button.setText(self.tr("Hold…"))
        self.release_button.setText(self.tr("Release"))
        self.cancel_button.setText(self.tr("Cancel order…"))
        self.print_button.setText(self.tr("Print confirmation"))
        self.print_button.setToolTip(self.tr("Preview and print the order confirmation (Ctrl+P)"))
        self.timeline_title.setText(self.tr("Status history"))
        titles = {"approvals": self.tr("Approvals"), "lines": self.tr("Lines, reservations and shortages"),
                  "production": self.tr("Production"), "shipments": self.tr("Shipments")}
        empty = {"approvals": self.tr("No approval requested."), "lines": self.tr("No lines."),
                 "production": self.tr("Nothing to produce for this order."),
                 "shipments": self.tr("Not shipped yet.")}
        for name, section in self.sections.items():
            section.set_texts(titles[name], empty[name])
            section.model.retranslate()
        if self.timeline is not None:
            self._show(self.timeline)
        elif self._order_id is not None:
            self.number_label.setText(self.tr("Loading…") if not self._error else self._error)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- public API --------------------------------------------------------------------------------
    @property
    def order_id(self) -> int | None:
        return self._order_id

    def show_order(self, order_id: int) -> None:
        """Show ``order_id`` (loading off the UI thread) and follow its changes live."""
        if order_id != self._order_id:
            self.timeline = None
            self._order_id = order_id
            self._follow_live(order_id)
            self.number_label.setText(self.tr("Loading…"))
        self.refresh()

    def refresh(self) -> None:
        if self._order_id is None:
            return
        order_id = self._order_id
        self.runner.run("timeline", lambda: load_timeline(order_id, uow=self._uow_factory()),
                        self._on_loaded, self._on_load_failed)

    def shutdown(self) -> None:
        """Stop following changes and wait for running queries (before the engine goes away)."""
        self._refresh_timer.stop()
        self._unsubscribe()
        self.runner.shutdown()

    # -- showing -----------------------------------------------------------------------------------
    def _on_loaded(self, timeline: OrderTimeline) -> None:
        if timeline.header.id != self._order_id:
            return
        self._error = ""
        first = self.timeline is None
        self.timeline = timeline
        self._show(timeline)
        if first:
            self._fit_sections()
        if self._operations_subscription is not None:
            self._operations_subscription.set_ids({op.id for op in timeline.operations})
        self.title_changed.emit(timeline.header.order_no)
        self.loaded.emit(timeline)

    def _on_load_failed(self, error: Exception) -> None:
        self._error = translated_message(str(error).strip().splitlines()[0] if str(error).strip() else repr(error))
        if self.timeline is None:
            self.number_label.setText(self.tr("Could not load the order: %1").replace("%1", self._error))
        else:
            self.message_label.setText(self.tr("Could not refresh: %1").replace("%1", self._error))

    def _show(self, timeline: OrderTimeline) -> None:
        header = timeline.header
        self.number_label.setText(header.order_no)
        background, foreground = status_colours(header.status)
        self.status_badge.setText(status_label(header.status))
        self.status_badge.setStyleSheet(f"background: {background.name()}; color: {foreground.name()}; "
                                        "border-radius: 10px; font-weight: 600;")
        self.stage_label.setText(self.tr("Customer sees: %1").replace("%1", self._stage(header.customer_stage)))
        facts = [f"{header.customer_name} ({header.customer_code})",
                 self.tr("Total %1 %2").replace("%1", format_money(header.total_amount)).replace("%2", header.currency),
                 self.tr("Ordered %1").replace("%1", f"{header.order_date:%Y-%m-%d}")]
        if header.requested_date:
            facts.append(self.tr("Requested %1").replace("%1", f"{header.requested_date:%Y-%m-%d}"))
        if header.promised_date:
            facts.append(self.tr("Promised %1").replace("%1", f"{header.promised_date:%Y-%m-%d}"))
        facts += [priority_label(header.priority), channel_label(header.channel),
                  self.tr("Taken by %1").replace("%1", header.created_by_name)]
        if header.customer_reference:
            facts.append(self.tr("Customer ref. %1").replace("%1", header.customer_reference))
        self.facts_label.setText("  ·  ".join(facts))

        if header.status == "on_hold":
            kind = self.tr("Credit hold") if header.hold_kind == "credit" else self.tr("On hold")
            self.hold_label.setText(f"{kind}: {header.hold_reason or ''}")
        self.hold_box.setVisible(header.status == "on_hold")
        alerts = timeline.open_alerts
        self.alert_label.setText("\n".join(f"⚠ {self._alert_kind(a.kind)}: {a.message}  ({when_text(a.raised_at)})"
                                           for a in alerts))
        self.alert_box.setVisible(bool(alerts))

        entries = [TimelineEntry(step.to_status, step.actor_name, when_text(step.changed_at),
                                 translated_message(step.note) if step.note else "")
                   for step in timeline.steps]
        entries += [TimelineEntry(status, future=True) for status in upcoming(timeline.steps, header.status)]
        self.timeline_view.set_entries(entries)

        self.approvals_model.set_rows(timeline.approvals)
        self.lines_model.set_rows(timeline.lines)
        production = []
        for order in timeline.production:
            operations = [op for op in timeline.operations if op.production_order_id == order.id]
            production += [ProductionRow.of_operation(op) for op in operations] or [ProductionRow.of_order(order)]
        self.production_model.set_rows(production)
        self.shipments_model.set_rows(timeline.shipments)
        for section in self.sections.values():
            section.update_empty()
        self._update_actions()

    def _fit_sections(self) -> None:
        """Give each table about the room its rows need; lines and production share the rest."""
        splitter = self.sections["lines"].parentWidget()
        total = max(splitter.height(), 400)
        wanted = {name: section.wanted_height() for name, section in self.sections.items()}
        small = {name: min(height, total // 4) for name, height in wanted.items() if name in ("approvals", "shipments")}
        rest = max(total - sum(small.values()), 200)
        big = {"lines": wanted["lines"], "production": wanted["production"]}
        share = sum(big.values()) or 1
        sizes = {**small, **{name: max(90, rest * height // share) for name, height in big.items()}}
        splitter.setSizes([sizes[name] for name in self.sections])

    def _update_actions(self) -> None:
        actions = self.timeline.actions if self.timeline is not None else None
        busy = self.runner.is_running("action")
        for button, allowed in ((self.edit_button, actions and actions.edit),
                                (self.submit_button, actions and actions.submit),
                                (self.hold_button, actions and actions.hold),
                                (self.release_button, actions and actions.release),
                                (self.cancel_button, actions and actions.cancel),
                                (self.print_button, actions and actions.print_confirmation)):
            button.setEnabled(bool(allowed) and not busy)
        self.release_button.setVisible(bool(self.timeline and self.timeline.header.status == "on_hold"))
        self.hold_button.setVisible(not self.release_button.isVisible())
        self.submit_button.setVisible(bool(self.timeline and self.timeline.header.status == "draft"))

    def _stage(self, code: str) -> str:
        return {"received": self.tr("Received"), "processing": self.tr("Processing"), "shipped": self.tr("Shipped"),
                "completed": self.tr("Completed")}.get(code, code)

    def _alert_kind(self, kind: str) -> str:
        return {"behind_plan": self.tr("Behind plan"), "late_against_promise": self.tr("Late against promise"),
                "line_overloaded": self.tr("Line overloaded"),
                "material_short": self.tr("Material short")}.get(kind, kind.replace("_", " "))

    # -- actions -----------------------------------------------------------------------------------
    def submit(self) -> None:
        if self.timeline is not None:
            order_id, version = self._order_id, self.timeline.header.version
            self._act(lambda uow: submit_order(order_id, uow=uow, expected_version=version))

    def hold(self) -> None:
        reason = self._ask_reason(self.tr("Put on hold"), self.tr("Why is order %1 put on hold?"))
        if reason:
            order_id = self._order_id
            self._act(lambda uow: hold_order(order_id, reason, uow=uow))

    def release(self) -> None:
        order_id = self._order_id
        self._act(lambda uow: release_hold(order_id, uow=uow))

    def cancel(self) -> None:
        reason = self._ask_reason(self.tr("Cancel order"), self.tr("Why is order %1 cancelled? The customer's "
                                                                   "reserved stock goes back to the warehouse."))
        if reason:
            order_id = self._order_id
            self._act(lambda uow: cancel_order(order_id, reason, uow=uow))

    def print_confirmation(self) -> None:
        if self.timeline is None:
            return
        from app.views.documents.printing import show_document  # noqa: PLC0415 - ReportLab loads on first print
        show_document(self, "confirmation", self.timeline.header.order_no, uow_factory=self._uow_factory)

    def _ask_reason(self, title: str, question: str) -> str | None:
        number = self.timeline.header.order_no if self.timeline else ""
        text, ok = QInputDialog.getText(self, title, question.replace("%1", number), QLineEdit.EchoMode.Normal, "")
        return text.strip() if ok and text.strip() else None

    def _act(self, work: Callable) -> None:
        if self._order_id is None or self.runner.is_running("action"):
            return
        self.message_label.setText(self.tr("Working…"))
        self.message_label.setStyleSheet("")
        self.runner.run("action", lambda: work(self._uow_factory()), self._on_action_done, self._on_action_failed)
        self._update_actions()

    def _on_action_done(self, outcome) -> None:
        order = getattr(outcome, "order", None)
        status = status_label(order.status) if order is not None else ""
        self.message_label.setText(self.tr("Done: the order is now %1.").replace("%1", status) if status else "")
        self.refresh()

    def _on_action_failed(self, error: Exception) -> None:
        message = translated_message(str(error).strip().splitlines()[0]) if str(error).strip() else repr(error)
        self.message_label.setText(message)
        self.message_label.setStyleSheet("color: #a11d16;")
        QMessageBox.warning(self, self.tr("Not done"), message)
        self.refresh()

    # -- live ----------------------------------------------------------------------------------------
    def _follow_live(self, order_id: int) -> None:
        if self._live_feed is None:
            return
        self._unsubscribe()
        order = self._live_feed.subscribe("sales_order", {order_id})
        order.changed.connect(lambda _change: self._schedule_refresh())
        self._subscriptions.append(order)
        for table in ORDER_TABLES:
            subscription = self._live_feed.subscribe(table)
            subscription.changed.connect(self._on_order_rows_changed)
            self._subscriptions.append(subscription)
        self._operations_subscription = self._live_feed.subscribe("production_operation", set())
        self._operations_subscription.changed.connect(lambda _change: self._schedule_refresh())
        self._subscriptions.append(self._operations_subscription)
        for subscription in self._subscriptions:
            subscription.reload.connect(self._schedule_refresh)

    def _on_order_rows_changed(self, change) -> None:
        if self._order_id in change.order_ids:
            self._schedule_refresh()

    def _schedule_refresh(self) -> None:
        self._refresh_timer.start()

    def _unsubscribe(self) -> None:
        for subscription in self._subscriptions:
            self._live_feed.unsubscribe(subscription)
        self._subscriptions = []
        self._operations_subscription = None


class _Section(QWidget):
    """A titled table of the detail page, with a note in place of the table while it is empty."""

    def __init__(self, name: str, model: DetailTableModel):
        super().__init__()
        self.setObjectName(f"{name}Section")
        self.model = model
        self.title = _title()
        self.empty_note = QLabel(objectName="emptyNote")
        self.table = QTableView(objectName=f"{name}Table")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        model.modelReset.connect(self._fit_to_rows)   # measured when rows come or go, not on every paint
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.table, 100)
        layout.addStretch(1)    # takes the room while the table is hidden
        self._empty_text = ""

    def set_texts(self, title: str, empty: str) -> None:
        self._title_text, self._empty_text = title, empty
        self.empty_note.setText(empty)
        self.update_empty()

    def _fit_to_rows(self) -> None:
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()

    def wanted_height(self) -> int:
        """Height to show every row (or the empty note) under the title."""
        title = self.title.sizeHint().height() + 4
        if self.model.rowCount() == 0:
            return title + self.empty_note.sizeHint().height() + 8
        rows = sum(self.table.rowHeight(r) for r in range(self.model.rowCount()))
        return title + self.table.horizontalHeader().height() + rows + 2 * self.table.frameWidth() + 6

    def update_empty(self) -> None:
        count = self.model.rowCount()
        self.title.setText(f"{self._title_text} ({count})" if count else self._title_text)
        self.empty_note.setVisible(count == 0)
        self.table.setVisible(count > 0)


def _title() -> QLabel:
    return QLabel(objectName="sectionTitle")


def _box(name: str) -> tuple[QFrame, QLabel]:
    box = QFrame(objectName=name)
    label = QLabel(wordWrap=True)
    layout = QHBoxLayout(box)
    layout.setContentsMargins(10, 6, 10, 6)
    layout.addWidget(label)
    box.hide()
    return box, label
