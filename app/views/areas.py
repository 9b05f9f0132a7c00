"""The business areas of the main window, in navigation order, with their translated texts.

Names and descriptions are looked up at call time (not at import), so they follow a language
switch. The translation context is "Areas".
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QStyle


@dataclass(frozen=True)
class Area:
    """One navigation entry: a stable key and the standard-style icon that marks it."""

    key: str
    icon: QStyle.StandardPixmap


AREAS: tuple[Area, ...] = (
    Area("orders", QStyle.StandardPixmap.SP_FileDialogDetailedView),
    Area("approvals", QStyle.StandardPixmap.SP_DialogApplyButton),
    Area("production", QStyle.StandardPixmap.SP_FileDialogListView),
    Area("inventory", QStyle.StandardPixmap.SP_DirIcon),
    Area("shipping", QStyle.StandardPixmap.SP_DriveNetIcon),
    Area("aftersales", QStyle.StandardPixmap.SP_BrowserReload),
    Area("reports", QStyle.StandardPixmap.SP_FileDialogContentsView),
)
AREA_KEYS: tuple[str, ...] = tuple(area.key for area in AREAS)


def area_title(key: str) -> str:
    """The translated navigation label of an area."""
    titles = {
        "orders": QCoreApplication.translate("Areas", "Orders"),
        "approvals": QCoreApplication.translate("Areas", "Approvals"),
        "production": QCoreApplication.translate("Areas", "Production"),
        "inventory": QCoreApplication.translate("Areas", "Inventory"),
        "shipping": QCoreApplication.translate("Areas", "Shipping"),
        "aftersales": QCoreApplication.translate("Areas", "After-sales"),
        "reports": QCoreApplication.translate("Areas", "Reports"),
    }
    return titles[key]


def area_description(key: str) -> str:
    """One translated sentence on what the area does (shown while it is still a placeholder)."""
    descriptions = {
        "orders": QCoreApplication.translate(
            "Areas",
            "Take orders from every channel, follow each order's status live "
            "and find any order in seconds.",
        ),
        "approvals": QCoreApplication.translate(
            "Areas",
            "Review the orders waiting for you, approve or reject them within your limit "
            "and see why each approval is required.",
        ),
        "production": QCoreApplication.translate(
            "Areas",
            "Schedule production orders on a Gantt board by line and capacity, "
            "report progress and spot late work early.",
        ),
        "inventory": QCoreApplication.translate(
            "Areas",
            "See stock on hand and reserved for every item, reserve stock for orders "
            "and record stock movements.",
        ),
        "shipping": QCoreApplication.translate(
            "Areas",
            "Pick and pack ready orders, print packing slips and shipping labels "
            "and confirm shipments.",
        ),
        "aftersales": QCoreApplication.translate(
            "Areas",
            "Handle returns and complaints linked to their orders, issue return "
            "authorisations and record customer feedback.",
        ),
        "reports": QCoreApplication.translate(
            "Areas",
            "Order throughput, lead times, late orders and stock figures, "
            "ready to print or export.",
        ),
    }
    return descriptions[key]
