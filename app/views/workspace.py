"""Puts the business screens into the main window and connects them with each other.

The main window knows areas, not screens; this module builds each area's screen for the signed-in
user and wires the hand-offs: an order opened anywhere (approvals inbox, notifications) shows in
the Orders area; "New order" opens the order form.

A screen is built the first time its area is opened (the area shown at start is built at once),
so start-up pays only for what the user looks at. Which areas a user may open follows the job
roles; the database enforces every permission, this only spares users screens they cannot use.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from app.services.session_info import SessionInfo
from app.views.main_window import MainWindow

# Area key -> "module:Class" of its screen; the screen takes (uow_factory, session, live_feed).
SCREENS: dict[str, str] = {
    "orders": "app.views.orders.orders_area:OrdersArea",
    "approvals": "app.views.approvals.approvals_page:ApprovalsPage",
    "production": "app.views.production.board_page:ProductionBoardPage",
    "inventory": "app.views.inventory.inventory_page:InventoryPage",
}

# Areas open to a user only with one of these roles; the others are open to every job role.
AREA_ROLES: dict[str, tuple[str, ...]] = {
    "approvals": ("op_approver", "op_manager"),
}


def area_allowed(session: SessionInfo, area_key: str) -> bool:
    roles = AREA_ROLES.get(area_key)
    return roles is None or any(session.has_role(role) for role in roles)


class Workspace(QObject):
    """The screens of one signed-in user inside ``window``; ``shutdown`` stops their workers."""

    def __init__(self, window: MainWindow, uow_factory: Callable, live_feed=None) -> None:
        super().__init__(window)
        self.window = window
        self._uow_factory = uow_factory
        self._live_feed = live_feed
        self._screens: dict[str, QWidget] = {}
        session = window.session
        for key in SCREENS:
            window.set_area_enabled(key, area_allowed(session, key))
        window.new_order_action.setEnabled(session.takes_orders())
        window.new_order_action.triggered.connect(self.new_order)
        window.area_changed.connect(self._on_area_changed)
        self._on_area_changed(window.current_area())

    # ----------------------------------------------------------------- screens

    def screen(self, area_key: str) -> QWidget:
        """The area's screen, built (and put into the window) on first use."""
        screen = self._screens.get(area_key)
        if screen is None:
            module_name, class_name = SCREENS[area_key].split(":")
            screen_class = getattr(importlib.import_module(module_name), class_name)
            screen = screen_class(self._uow_factory, self.window.session, self._live_feed)
            self._screens[area_key] = screen
            self._connect(area_key, screen)
            self.window.set_area_page(area_key, screen)
        return screen

    @property
    def orders(self):
        return self.screen("orders")

    def built_areas(self) -> list[str]:
        return list(self._screens)

    def _connect(self, area_key: str, screen: QWidget) -> None:
        if area_key == "approvals":
            screen.order_activated.connect(self.show_order)
        elif area_key == "production":
            screen.status_message.connect(lambda text: self.window.statusBar().showMessage(text, 8000))

    def _on_area_changed(self, area_key: str | None) -> None:
        if area_key in SCREENS:
            self.screen(area_key)

    # ----------------------------------------------------------------- hand-offs

    def show_order(self, order_id: int) -> None:
        """Show an order's detail in the Orders area (from a notification, the inbox, …)."""
        self.window.set_current_area("orders")
        self.orders.open_order(order_id)

    def new_order(self) -> None:
        self.window.set_current_area("orders")
        self.orders.new_order()

    def shutdown(self) -> None:
        for screen in self._screens.values():
            screen.shutdown()
