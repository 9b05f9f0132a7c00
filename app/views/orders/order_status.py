"""Order status, channel and priority wording and the status colours shared by order screens.

Colours are pairs (background, text) chosen for contrast on the light theme: each text colour is
dark enough on its background to read (WCAG AA for normal text), and the hue groups the stages —
grey for drafts and finished orders, amber waiting, blue/purple/teal in progress, green shipped,
red rejected, orange on hold.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

STATUS_ORDER = ("draft", "pending_approval", "approved", "in_production", "ready_to_ship", "shipped",
                "delivered", "closed", "on_hold", "rejected", "cancelled")
CHANNEL_ORDER = ("phone", "fax", "email", "walk_in", "web_shop", "marketplace")
PRIORITIES = (1, 2, 3, 4, 5)
FINISHED_STATUSES = frozenset({"closed", "cancelled", "rejected"})

STATUS_COLOURS: dict[str, tuple[str, str]] = {
    "draft": ("#e8ebef", "#39424e"),
    "pending_approval": ("#fff1c7", "#6b4a00"),
    "approved": ("#dcebff", "#174f8f"),
    "in_production": ("#e9e1fb", "#4b2fa6"),
    "ready_to_ship": ("#d5f2ec", "#0b5e51"),
    "shipped": ("#dcf2dc", "#1f6b26"),
    "delivered": ("#c9e9c9", "#17531d"),
    "closed": ("#eeeeee", "#5c636d"),
    "on_hold": ("#ffe2c6", "#8a3e00"),
    "rejected": ("#fbdada", "#a11d16"),
    "cancelled": ("#f1f1f1", "#6e737a"),
}
FINISHED_TEXT = "#7a828c"


def status_label(code: str) -> str:
    labels = {
        "draft": QCoreApplication.translate("OrderStatus", "Draft"),
        "pending_approval": QCoreApplication.translate("OrderStatus", "Pending approval"),
        "approved": QCoreApplication.translate("OrderStatus", "Approved"),
        "in_production": QCoreApplication.translate("OrderStatus", "In production"),
        "ready_to_ship": QCoreApplication.translate("OrderStatus", "Ready to ship"),
        "shipped": QCoreApplication.translate("OrderStatus", "Shipped"),
        "delivered": QCoreApplication.translate("OrderStatus", "Delivered"),
        "closed": QCoreApplication.translate("OrderStatus", "Closed"),
        "on_hold": QCoreApplication.translate("OrderStatus", "On hold"),
        "rejected": QCoreApplication.translate("OrderStatus", "Rejected"),
        "cancelled": QCoreApplication.translate("OrderStatus", "Cancelled"),
    }
    return labels.get(code, code.replace("_", " "))


def channel_label(code: str) -> str:
    labels = {
        "phone": QCoreApplication.translate("OrderChannel", "Phone"),
        "fax": QCoreApplication.translate("OrderChannel", "Fax"),
        "email": QCoreApplication.translate("OrderChannel", "Email"),
        "walk_in": QCoreApplication.translate("OrderChannel", "Walk-in"),
        "web_shop": QCoreApplication.translate("OrderChannel", "Web shop"),
        "marketplace": QCoreApplication.translate("OrderChannel", "Marketplace"),
    }
    return labels.get(code, code.replace("_", " "))


def priority_label(priority: int) -> str:
    labels = {
        1: QCoreApplication.translate("OrderPriority", "1 – Urgent"),
        2: QCoreApplication.translate("OrderPriority", "2 – High"),
        3: QCoreApplication.translate("OrderPriority", "3 – Normal"),
        4: QCoreApplication.translate("OrderPriority", "4 – Low"),
        5: QCoreApplication.translate("OrderPriority", "5 – Lowest"),
    }
    return labels.get(priority, str(priority))


def status_colours(code: str) -> tuple[QColor, QColor]:
    background, foreground = STATUS_COLOURS.get(code, ("#ffffff", "#1c2530"))
    return QColor(background), QColor(foreground)
