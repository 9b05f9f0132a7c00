"""Status-bar label showing whether the client is connected to the database server."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget

CONNECTED = "connected"
RECONNECTING = "reconnecting"
OFFLINE = "offline"
CONNECTION_STATES = (CONNECTED, RECONNECTING, OFFLINE)

# Dot colours: green, amber, red; readable on the light status bar.
_DOT_COLOURS = {CONNECTED: "#2e7d32", RECONNECTING: "#c77700", OFFLINE: "#c62828"}


class ConnectionIndicator(QLabel):
    """A coloured dot plus a translated word; the live listener drives it through the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionIndicator")
        self._state = OFFLINE
        self.retranslate_ui()

    @property
    def state(self) -> str:
        return self._state

    def set_state(self, state: str) -> None:
        if state not in CONNECTION_STATES:
            raise ValueError(f"unknown connection state {state!r}")
        self._state = state
        self.setProperty("state", state)  # lets the style sheet react, if it wants to
        self.retranslate_ui()

    def state_text(self) -> str:
        """The translated word for the current state (without the dot)."""
        texts = {
            CONNECTED: self.tr("Connected"),
            RECONNECTING: self.tr("Reconnecting…"),
            OFFLINE: self.tr("Offline"),
        }
        return texts[self._state]

    def retranslate_ui(self) -> None:
        colour = _DOT_COLOURS[self._state]
        self.setText(f'<span style="color:{colour};">&#9679;</span>&nbsp;{self.state_text()}')
        tooltips = {
            CONNECTED: self.tr("Connected to the database server; order status is live."),
            RECONNECTING: self.tr("The connection was lost; trying again. Changes will catch up."),
            OFFLINE: self.tr("Not connected to the database server."),
        }
        self.setToolTip(tooltips[self._state])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
