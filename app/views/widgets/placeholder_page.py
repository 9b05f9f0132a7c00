"""The page an area shows until its real screen is built."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.views.areas import area_description, area_title


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
        for label in (self.title_label, self.notice_label, self.description_label):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setMaximumWidth(640)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.setSpacing(12)
        layout.addStretch(1)
        for label in (self.title_label, self.notice_label, self.description_label):
            layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
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
