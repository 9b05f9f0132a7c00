"""The Approvals inbox: orders waiting for this user's decision, why, and approve / reject with a comment."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (QByteArray, QEvent, QItemSelectionModel, QSettings, QSortFilterProxyModel, Qt, QTimer,
                            Signal)
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPlainTextEdit, QPushButton,
                               QSplitter, QTextBrowser, QVBoxLayout, QWidget)

from app.services.approvals import OwnOrderRefused, approval_inbox, approve_order, reject_order
from app.services.orders import get_order
from app.services.session_info import SessionInfo
from app.views.approvals.approval_detail import detail_html
from app.views.approvals.approval_texts import comment_required_text, fill, money, over_limit_text, refusal_text
from app.views.approvals.inbox_table_model import COLUMN_COUNT, SORT_ROLE, InboxTableModel
from app.views.orders.order_status import status_label
from app.views.widgets.list_table import list_table
from app.views.widgets.query_runner import QueryRunner, error_text

HEADER_STATE_KEY = "approvals/header_state"
SPLITTER_STATE_KEY = "approvals/splitter_state"
COLUMN_WIDTHS = (135, 190, 115, 240, 90, 130, 125)
RELOAD_DELAY_MS = 60
ERROR_STYLE = "color: #a11d16;"
DONE_STYLE = "color: #1f6b26;"
APPROVER_ROLES = ("op_approver", "op_manager")


class ApprovalsPage(QWidget):
    """Approvals area: the signed-in approver's inbox, loaded off the UI thread and kept current live.

    ``uow_factory`` makes units of work for the worker threads; ``session`` is the signed-in
    login; ``live_feed`` (optional) reloads the inbox when approval requests or decisions change
    anywhere and when a listed order changes, so an order decided by someone else disappears.
    Decisions run on a worker too; a refusal is shown as one sentence and nothing is recorded.
    """

    order_activated = Signal(int)
    decision_recorded = Signal(int, str)   # order id, "approve" or "reject"

    def __init__(self, uow_factory: Callable, session: SessionInfo, live_feed=None, parent: QWidget | None = None,
                 *, limit: int = 500):
        super().__init__(parent)
        self.setObjectName("approvalsPage")
        self._uow_factory = uow_factory
        self._session = session
        self._limit = limit
        self._inbox = None                   # the last ApprovalInbox read
        self._loading = False
        self._reload_again = False
        self._deciding = False
        self._error = ""
        self._orders: dict[tuple[int, int], object] = {}   # (order id, version) -> OrderSummary with lines
        self._lines_wanted: set[tuple[int, int]] = set()
        self._live_feed = live_feed
        self._subscriptions = []
        self._order_subscription = None
        self._message: tuple = ("", False)
        self.model = InboxTableModel(self)
        self.runner = QueryRunner(self)
        self._build()
        self._restore_layout()
        self._connect()
        if live_feed is not None:
            for table in ("approval_request", "approval_decision"):
                self._subscriptions.append(live_feed.subscribe(table))
            self._order_subscription = live_feed.subscribe("sales_order", ())
            self._subscriptions.append(self._order_subscription)
            for subscription in self._subscriptions:
                subscription.changed.connect(self._schedule_reload)
                subscription.reload.connect(self._schedule_reload)
        self.retranslate_ui()
        self.reload()

    # -- construction ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.count_label = QLabel(objectName="inboxCount")
        self.limit_label = QLabel(objectName="approvalLimit")
        self.limit_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.refresh_button = QPushButton(objectName="refreshInbox")
        top = QHBoxLayout()
        top.addWidget(self.count_label, 1)
        top.addWidget(self.limit_label)
        top.addWidget(self.refresh_button)

        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = list_table("inboxTable", self.proxy, COLUMN_WIDTHS)
        self.empty_label = QLabel(objectName="inboxEmpty", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.empty_label.setStyleSheet("color: #5c636d; padding: 24px;")

        self.detail = QTextBrowser(objectName="approvalDetail", openLinks=False)
        self.message_label = QLabel(objectName="decisionMessage", wordWrap=True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.comment_label = QLabel(objectName="commentLabel")
        self.comment_edit = QPlainTextEdit(objectName="decisionComment", tabChangesFocus=True)
        self.comment_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.comment_label.setBuddy(self.comment_edit)
        self.approve_button = QPushButton(objectName="approveButton")
        self.approve_button.setDefault(False)
        self.reject_button = QPushButton(objectName="rejectButton")
        self.open_button = QPushButton(objectName="openOrderButton")
        buttons = QHBoxLayout()
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.reject_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)

        side = QWidget(objectName="approvalSide")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.setSpacing(6)
        side_layout.addWidget(self.detail, 1)
        side_layout.addWidget(self.message_label)
        side_layout.addWidget(self.comment_label)
        side_layout.addWidget(self.comment_edit)
        side_layout.addLayout(buttons)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty_label)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="approvalsSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

        self.approve_action = QAction(self, shortcut=QKeySequence("Ctrl+Return"))
        self.reject_action = QAction(self, shortcut=QKeySequence("Ctrl+Shift+Return"))
        self.refresh_action = QAction(self, shortcut=QKeySequence(QKeySequence.StandardKey.Refresh))
        for action in (self.approve_action, self.reject_action, self.refresh_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self._open_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Return), self.table,
                                        context=Qt.ShortcutContext.WidgetShortcut)
        self._open_shortcut_enter = QShortcut(QKeySequence(Qt.Key.Key_Enter), self.table,
                                              context=Qt.ShortcutContext.WidgetShortcut)
        self.setTabOrder(self.table, self.comment_edit)
        self.setTabOrder(self.comment_edit, self.approve_button)
        self.setTabOrder(self.approve_button, self.reject_button)
        self.setTabOrder(self.reject_button, self.open_button)
        self._reload_timer = QTimer(self, singleShot=True, interval=RELOAD_DELAY_MS)
        self._save_timer = QTimer(self, singleShot=True, interval=500)

    def _connect(self) -> None:
        self.refresh_button.clicked.connect(self.reload)
        self.refresh_action.triggered.connect(self.reload)
        self.approve_button.clicked.connect(self.approve_selected)
        self.approve_action.triggered.connect(self.approve_selected)
        self.reject_button.clicked.connect(self.reject_selected)
        self.reject_action.triggered.connect(self.reject_selected)
        self.open_button.clicked.connect(self._open_current)
        self._open_shortcut.activated.connect(self._open_current)
        self._open_shortcut_enter.activated.connect(self._open_current)
        self.table.doubleClicked.connect(self._open_current)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.comment_edit.textChanged.connect(self._on_comment_edited)
        self._reload_timer.timeout.connect(self.reload)
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved):
            signal.connect(self._update_count)
        header = self.table.horizontalHeader()
        for signal in (header.sectionResized, header.sectionMoved, header.sortIndicatorChanged,
                       self.splitter.splitterMoved):
            signal.connect(self._schedule_save)
        self._save_timer.timeout.connect(self.save_layout)

    # -- text ------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Read the inbox again (F5)"))
        self.comment_label.setText(self.tr("&Comment (required to reject):"))
        self.comment_edit.setPlaceholderText(self.tr("Why you approve or reject; the order's creator reads it."))
        self.approve_button.setText(self.tr("&Approve"))
        self.approve_button.setToolTip(self.tr("Approve the selected order (Ctrl+Enter)"))
        self.reject_button.setText(self.tr("&Reject"))
        self.reject_button.setToolTip(self.tr("Reject the selected order with your comment (Ctrl+Shift+Enter)"))
        self.open_button.setText(self.tr("&Open order"))
        self.open_button.setToolTip(self.tr("Show the whole order (Enter)"))
        self.model.retranslate()
        self._update_count()
        self._show_detail()
        self._show_message(self._message[0], error=self._message[1])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _update_count(self, *_args) -> None:
        limit = self._inbox.approval_limit if self._inbox is not None else None
        if self._inbox is None or limit is None:
            self.limit_label.setText("" if self._inbox is None else self.tr("No approval limit"))
        else:
            self.limit_label.setText(self.tr("Your approval limit: %1").replace("%1", money(limit)))
        if self._error:
            self.count_label.setStyleSheet(ERROR_STYLE)
            self.count_label.setText(self.tr("Could not load the inbox: %1").replace("%1", self._error))
            return
        self.count_label.setStyleSheet("")
        count = self.model.rowCount()
        if self._inbox is None:
            text = self.tr("Loading…")
        elif count == 0:
            text = self.tr("Nothing waits for your decision.")
        elif count == 1:
            text = self.tr("1 order waits for your decision")
        elif self._inbox.more and count >= self._limit:
            text = self.tr("More than %1 orders wait for your decision; the oldest %1 are shown").replace(
                "%1", self.locale().toString(count))
        else:
            text = self.tr("%1 orders wait for your decision").replace("%1", self.locale().toString(count))
        self.count_label.setText(text)
        if not any(role in self._session.roles for role in APPROVER_ROLES):
            self.empty_label.setText(self.tr("Your login has no approver role, so no order waits for your decision."))
        else:
            self.empty_label.setText(self.tr("No order waits for your decision. New ones appear here by themselves."))
        self.empty_label.setVisible(self._inbox is not None and count == 0 and not self._error)

    # -- loading ---------------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        return self._loading or self._reload_timer.isActive()

    def reload(self) -> None:
        """Read the inbox again (off the UI thread); the rows are merged in place."""
        self._reload_timer.stop()
        if self._loading:
            self._reload_again = True
            return
        self._loading, self._reload_again = True, False
        uow_factory, limit = self._uow_factory, self._limit
        self.runner.submit(lambda: approval_inbox(uow=uow_factory(), limit=limit), self._on_inbox,
                           self._on_load_failed)

    def _schedule_reload(self, *_args) -> None:
        if not self._reload_timer.isActive():
            self._reload_timer.start()

    def _on_inbox(self, inbox) -> None:
        self._loading = False
        self._error = ""
        self._inbox = inbox
        current = self.current_entry()
        position = self.table.currentIndex().row()
        self.model.set_limit(inbox.approval_limit)
        self.model.set_entries(inbox.entries)
        if self._order_subscription is not None:
            self._order_subscription.set_ids(self.model.order_ids())
        listed = {(e.order_id, e.version) for e in inbox.entries}
        self._orders = {key: order for key, order in self._orders.items() if key in listed}
        if current is not None and self.model.row_of_id(current.order_id) is None:
            self._select_proxy_row(min(position, self.proxy.rowCount() - 1))   # the next order moves up
        elif current is None and self.proxy.rowCount() and self.isVisible() and not self.table.currentIndex().isValid():
            self._select_proxy_row(0)
        else:
            self._show_detail()
        self._update_count()
        if self._reload_again:
            self.reload()

    def _on_load_failed(self, error: Exception) -> None:
        self._loading = False
        self._error = error_text(error)
        self._update_count()
        if self._reload_again:
            self.reload()

    # -- selection and detail --------------------------------------------------------------------
    def current_entry(self):
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.entry_at(self.proxy.mapToSource(index).row())

    def select_order(self, order_id: int) -> bool:
        """Make the order current if it is in the inbox."""
        row = self.model.row_of_id(order_id)
        if row is None:
            return False
        self._select_proxy_row(self.proxy.mapFromSource(self.model.index(row, 0)).row())
        return True

    def show_order(self, order_id: int) -> None:
        """Select the order (say, from a notification); if it does not wait for this user, say why."""
        if self.select_order(order_id):
            return
        uow_factory = self._uow_factory
        self.runner.submit(lambda: get_order(order_id, uow=uow_factory()), self._explain_absent,
                           lambda error: self._show_message(error_text(error), error=True))

    def _explain_absent(self, order) -> None:
        if self.select_order(order.id):
            return
        if order.created_by == self._session.login:
            self._show_message(lambda: refusal_text(OwnOrderRefused("", order.order_no), None, None), error=True)
        elif order.status != "pending_approval":
            self._show_message(lambda: fill(self.tr("Order %1 does not wait for approval: it is %2."), order.order_no,
                                            status_label(order.status)), error=True)
        else:
            self._show_message(lambda: fill(self.tr("Order %1 does not wait for your decision."), order.order_no),
                               error=True)

    def _select_proxy_row(self, row: int) -> None:
        if row < 0 or row >= self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(-1, 0))
            self._show_detail()
            return
        index = self.proxy.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def _on_current_changed(self, current, previous) -> None:
        before = self.model.entry_at(self.proxy.mapToSource(previous).row()) if previous.isValid() else None
        after = self.current_entry()
        if after is None:
            if before is not None:
                self.comment_edit.clear()   # the row left the list; its comment goes with it, a refusal stays
        elif before is None or before.order_id != after.order_id:
            self.comment_edit.clear()
            self._show_message("")
        self._show_detail()

    def _show_detail(self) -> None:
        entry = self.current_entry()
        deciding = self._deciding
        if entry is None:
            hint = self.tr("Select an order to see why it needs approval.")
            self.detail.setHtml(f"<p style='color:#5c636d'>{hint}</p>" if self.model.rowCount() else "")
            for widget in (self.approve_button, self.reject_button, self.open_button, self.comment_edit):
                widget.setEnabled(False)
            self.approve_action.setEnabled(False)
            self.reject_action.setEnabled(False)
            return
        key = (entry.order_id, entry.version)
        order = self._orders.get(key)
        if order is None and key not in self._lines_wanted:
            self._lines_wanted.add(key)
            uow_factory = self._uow_factory
            self.runner.submit(lambda: get_order(entry.order_id, uow=uow_factory()),
                               lambda loaded, key=key: self._on_lines(key, loaded),
                               lambda _error, key=key: self._lines_wanted.discard(key))
        scroll = self.detail.verticalScrollBar().value()
        self.detail.setHtml(detail_html(entry, order, loading_lines=order is None))
        self.detail.verticalScrollBar().setValue(scroll)
        over_limit = self.model.over_limit(entry)
        self.approve_button.setEnabled(not deciding and not over_limit)
        self.approve_action.setEnabled(not deciding and not over_limit)
        self.reject_button.setEnabled(not deciding)
        self.reject_action.setEnabled(not deciding)
        self.open_button.setEnabled(True)
        self.comment_edit.setEnabled(not deciding)
        if over_limit and not self.message_label.text():
            limit = self._inbox.approval_limit
            self._show_message(lambda: over_limit_text(entry.order_no, entry.total_amount, limit), error=True)

    def _on_lines(self, key, order) -> None:
        self._lines_wanted.discard(key)
        self._orders[key] = order
        entry = self.current_entry()
        if entry is not None and (entry.order_id, entry.version) == key:
            self._show_detail()

    def _on_comment_edited(self) -> None:
        if self.message_label.text() == comment_required_text() and self.comment_edit.toPlainText().strip():
            self._show_message("")

    def _show_message(self, text: str | Callable[[], str], *, error: bool = False) -> None:
        """Show one sentence under the detail; a callable is asked again when the language changes."""
        self._message = (text, error)
        self.message_label.setStyleSheet(ERROR_STYLE if error else DONE_STYLE)
        self.message_label.setText(text() if callable(text) else text)
        self.message_label.setVisible(bool(self.message_label.text()))

    # -- decisions -------------------------------------------------------------------------------
    def approve_selected(self) -> None:
        """Approve the current order with the comment typed (optional); runs on a worker."""
        entry = self.current_entry()
        if entry is None or self._deciding:
            return
        if self.model.over_limit(entry):
            limit = self._inbox.approval_limit
            self._show_message(lambda: over_limit_text(entry.order_no, entry.total_amount, limit), error=True)
            return
        comment = self.comment_edit.toPlainText().strip() or None
        uow_factory = self._uow_factory
        self._decide(entry, "approve", lambda: approve_order(entry.order_id, comment, uow=uow_factory()))

    def reject_selected(self) -> None:
        """Reject the current order; the comment is required (the creator reads it)."""
        entry = self.current_entry()
        if entry is None or self._deciding:
            return
        comment = self.comment_edit.toPlainText().strip()
        if not comment:
            self._show_message(comment_required_text, error=True)
            self.comment_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        uow_factory = self._uow_factory
        self._decide(entry, "reject", lambda: reject_order(entry.order_id, comment, uow=uow_factory()))

    def _decide(self, entry, decision: str, work: Callable) -> None:
        self._deciding = True
        self._show_message(lambda: self.tr("Saving your decision…"))
        self._show_detail()
        limit = self._inbox.approval_limit if self._inbox is not None else None
        self.runner.submit(work, lambda outcome: self._on_decided(entry, decision, outcome),
                           lambda error: self._on_refused(entry, limit, error))

    def _on_decided(self, entry, decision: str, outcome) -> None:
        self._deciding = False
        status = outcome.order.status if outcome.order is not None else ""
        def text() -> str:
            if decision == "reject":
                return fill(self.tr("Order %1 rejected; %2 is told why."), entry.order_no, entry.created_by_name)
            if status == "pending_approval":
                return fill(self.tr("Your approval of order %1 is recorded; it still waits for other approvers."),
                            entry.order_no)
            return fill(self.tr("Order %1 approved; it is %2 now."), entry.order_no, status_label(status))
        was_current = self.current_entry() is not None and self.current_entry().order_id == entry.order_id
        position = self.table.currentIndex().row()
        self.model.remove_ids([entry.order_id])   # no longer waits for this user, whatever the reload says
        if was_current:
            self._select_proxy_row(min(position, self.proxy.rowCount() - 1))
            self.comment_edit.clear()
        self._show_message(text)
        self._update_count()
        self.decision_recorded.emit(entry.order_id, decision)
        self.reload()

    def _on_refused(self, entry, limit, error: Exception) -> None:
        self._deciding = False
        self._show_detail()
        self._show_message(lambda: refusal_text(error, entry, limit), error=True)
        self.reload()   # the refusal often means the order moved on: the list catches up

    def _open_current(self, *_args) -> None:
        entry = self.current_entry()
        if entry is not None:
            self.order_activated.emit(entry.order_id)

    # -- layout and shutdown ---------------------------------------------------------------------
    def _restore_layout(self) -> None:
        header = self.table.horizontalHeader()
        state = QSettings().value(HEADER_STATE_KEY)
        if not (isinstance(state, QByteArray) and not state.isEmpty() and header.restoreState(state)
                and header.count() == COLUMN_COUNT):
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)   # the server's order: oldest first
        splitter = QSettings().value(SPLITTER_STATE_KEY)
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([760, 520])
        self.table.setSortingEnabled(True)

    def _schedule_save(self, *_args) -> None:
        self._save_timer.start()

    def save_layout(self) -> None:
        QSettings().setValue(HEADER_STATE_KEY, self.table.horizontalHeader().saveState())
        QSettings().setValue(SPLITTER_STATE_KEY, self.splitter.saveState())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.table.currentIndex().isValid() and self.proxy.rowCount():
            self._select_proxy_row(0)

    def shutdown(self) -> None:
        """Stop following live changes and wait for running queries (call before the engine goes away)."""
        self._save_timer.stop()
        self._reload_timer.stop()
        self.save_layout()
        self.runner.shutdown()
        if self._live_feed is not None:
            for subscription in self._subscriptions:
                self._live_feed.unsubscribe(subscription)
        self._subscriptions = []
        self._order_subscription = None
        self._message: tuple = ("", False)
