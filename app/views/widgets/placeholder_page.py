"""The page an area shows until its real screen is built."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.views.areas import area_description, area_title

COLUMN_WIDTH = 640


class PlaceholderPage(QWidget):
    """Says, in the user's language, that an area arrives in a later version and what it will do.

    The main window replaces it with ``MainWindow.set_area_page`` once the screen exists.
    """

    def __init__(self, area_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.area_key = area_key
        self.setObjectName("placeholderPage")
        self.title_label = QLabel(self)
        self.title_label.setObjectName("placeholderTitle")
        self.notice_label = QLabel(self)
        self.notice_label.setObjectName("placeholderNotice")
        self.description_label = QLabel(self)
        self.description_label.setObjectName("placeholderDescription")
        # A centred column at most COLUMN_WIDTH wide; the side stretches take the rest. (Aligning
        # word-wrapped labels in the layout instead would clip them to their size hint.)
        column = QWidget(self)
        column.setMaximumWidth(COLUMN_WIDTH)
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.setSpacing(12)
        for label in (self.title_label, self.notice_label, self.description_label):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            column_layout.addWidget(label)

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 4)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title_label.setText(area_title(self.area_key))
        self.notice_label.setText(self.tr("This area arrives in a later version of OrderPilot."))
        self.description_label.setText(area_description(self.area_key))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
