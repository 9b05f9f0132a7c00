"""Colours and wording of the production board's bars: one palette per operation state.

A bar's colour says its state at a glance — blue planned, teal running, muted green done, grey
waiting, red when its order will miss the promise — and a darker band inside it shows how much
of the quantity is reported done. Text colours are chosen to read on their fill.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor


@dataclass(frozen=True)
class BarPalette:
    fill: QColor
    progress: QColor
    border: QColor
    text: QColor


def _palette(fill: str, progress: str, border: str, text: str) -> BarPalette:
    return BarPalette(QColor(fill), QColor(progress), QColor(border), QColor(text))


PALETTES = {
    "pending": _palette("#a7b1bd", "#7d8895", "#6f7a87", "#1c2530"),
    "scheduled": _palette("#4e86cc", "#2d5f9f", "#2c5a94", "#ffffff"),
    "in_progress": _palette("#2a9d8f", "#1b6e63", "#19665c", "#ffffff"),
    "done": _palette("#c6d6c3", "#9fb79b", "#8aa486", "#2a3a2a"),
    "late": _palette("#d9534f", "#a83330", "#9c2f2c", "#ffffff"),
}
SELECTED_BORDER = QColor("#10243e")
ALERT_FILL = QColor("#f29d1f")
ALERT_BORDER = QColor("#8a4b00")
NOW_COLOUR = QColor("#e0362c")
LEGEND_ORDER = ("scheduled", "in_progress", "done", "pending", "late")


def palette_for(status: str, late: bool) -> BarPalette:
    if late and status in ("pending", "scheduled", "in_progress"):
        return PALETTES["late"]
    return PALETTES.get(status, PALETTES["pending"])


def status_label(status: str) -> str:
    labels = {
        "pending": QCoreApplication.translate("OperationStatus", "Waiting"),
        "scheduled": QCoreApplication.translate("OperationStatus", "Scheduled"),
        "in_progress": QCoreApplication.translate("OperationStatus", "In progress"),
        "done": QCoreApplication.translate("OperationStatus", "Done"),
        "late": QCoreApplication.translate("OperationStatus", "Late"),
    }
    return labels.get(status, status.replace("_", " "))


def alert_label(kind: str) -> str:
    labels = {
        "behind_plan": QCoreApplication.translate("AlertKind", "Behind plan"),
        "late_against_promise": QCoreApplication.translate("AlertKind", "Late against promise"),
        "line_overloaded": QCoreApplication.translate("AlertKind", "Line overloaded"),
        "material_short": QCoreApplication.translate("AlertKind", "Material short"),
    }
    return labels.get(kind, kind.replace("_", " "))


def quantity_text(value: Decimal) -> str:
    """``5.000`` → ``5``, ``2.500`` → ``2.5``."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
