"""The Orders area: the orders list as a fixed first tab, opened orders and order forms as tabs.

Opening an order (double-click, Enter, a notification, the approvals inbox) shows its detail in
a tab of its own, so a clerk can keep several orders open next to the list; an order already
open is brought to the front instead of opened twice. New orders and edits open as form tabs.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.services.session_info import SessionInfo
from app.views.orders.order_detail import OrderDetailPage
from app.views.orders.order_form import OrderForm
from app.views.orders.orders_page import OrdersPage


class OrdersArea(QWidget):
    """Tabs: the list (never closed), then one tab per opened order or order form."""

    order_opened = Signal(int)

    def __init__(self, uow_factory: Callable, session: SessionInfo, live_feed=None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ordersArea")
        self._uow_factory = uow_factory
        self._session = session
        self._live_feed = live_feed
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("ordersTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.list_page = OrdersPage(uow_factory, live_feed, self)
        self.list_page.order_activated.connect(self.open_order)
        self.tabs.addTab(self.list_page, "")
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.RightSide, None)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        for keys in QKeySequence.keyBindings(QKeySequence.StandardKey.Close):  # Ctrl+W and Ctrl+F4
            close_shortcut = QShortcut(keys, self)
            close_shortcut.activated.connect(lambda: self.close_tab(self.tabs.currentIndex()))
        self.retranslate_ui()

    # ----------------------------------------------------------------- opening

    def open_order(self, order_id: int) -> OrderDetailPage:
        """Show the order's detail tab (reusing an open one)."""
        for index in range(1, self.tabs.count()):
            page = self.tabs.widget(index)
            if isinstance(page, OrderDetailPage) and page.order_id == order_id:
                self.tabs.setCurrentIndex(index)
                return page
        page = OrderDetailPage(self._uow_factory, self._session, self._live_feed, self)
        page.edit_requested.connect(self.edit_order)
        page.title_changed.connect(lambda title, p=page: self._set_title(p, title))
        page.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # keyboard users land on the order (Ctrl+E, Ctrl+P…)
        page.show_order(order_id)
        self.tabs.setCurrentIndex(self.tabs.addTab(page, f"#{order_id}"))
        page.setFocus()
        self.order_opened.emit(order_id)
        return page

    def new_order(self) -> OrderForm | None:
        """Open an empty order form (sales staff only)."""
        if not self._session.takes_orders():
            return None
        return self._add_form(None)

    def edit_order(self, order_id: int) -> OrderForm:
        """Open the order's form, or bring an open form of the same order to the front."""
        for index in range(1, self.tabs.count()):
            page = self.tabs.widget(index)
            if isinstance(page, OrderForm) and page.order_id == order_id:
                self.tabs.setCurrentIndex(index)
                return page
        return self._add_form(order_id)

    def _add_form(self, order_id: int | None) -> OrderForm:
        form = OrderForm(self._uow_factory, self._session, order_id, self)
        form.saved.connect(lambda _id, f=form: self._set_title(f, f.title()))
        form.submitted.connect(lambda oid, f=form: self._form_submitted(f, oid))
        form.closed.connect(lambda f=form: self.close_tab(self.tabs.indexOf(f)))
        self.tabs.setCurrentIndex(self.tabs.addTab(form, form.title()))
        return form

    def _form_submitted(self, form: OrderForm, order_id: int) -> None:
        self.close_tab(self.tabs.indexOf(form))
        self.open_order(order_id)

    # ----------------------------------------------------------------- tabs

    def close_tab(self, index: int) -> None:
        """Close an order or form tab; the list stays. A form with unsaved changes asks first."""
        if index <= 0:
            return
        page = self.tabs.widget(index)
        if isinstance(page, OrderForm) and not page.confirm_close():
            return
        self.tabs.removeTab(index)
        if hasattr(page, "shutdown"):
            page.shutdown()
        page.deleteLater()

    def _set_title(self, page: QWidget, title: str) -> None:
        index = self.tabs.indexOf(page)
        if index > 0:
            self.tabs.setTabText(index, title)

    def shutdown(self) -> None:
        """Stop every tab's background work (before the engine is disposed)."""
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            if hasattr(page, "shutdown"):
                page.shutdown()

    def retranslate_ui(self) -> None:
        self.tabs.setTabText(0, self.tr("All orders"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
