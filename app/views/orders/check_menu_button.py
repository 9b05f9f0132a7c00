"""A push button with a menu of checkable choices, for multi-select filters ("Status: 2 selected")."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QPushButton, QWidget


class CheckMenuButton(QPushButton):
    """Shows "<title>: All", the one chosen label, or "<title>: n selected"; the menu stays open
    while choices are ticked, and ``selection_changed`` carries the chosen values."""

    selection_changed = Signal(tuple)

    def __init__(self, values: Iterable[object], parent: QWidget | None = None):
        super().__init__(parent)
        self._menu = QMenu(self)
        self._menu.installEventFilter(self)
        self._actions: list[QAction] = []
        for value in values:
            action = QAction(self._menu, checkable=True)
            action.setData(value)
            action.toggled.connect(self._on_toggled)
            self._menu.addAction(action)
            self._actions.append(action)
        self._menu.addSeparator()
        self._clear_action = self._menu.addAction("")
        self._clear_action.triggered.connect(self.clear)
        self.setMenu(self._menu)
        self._caption = "%1"
        self._all_text = ""
        self._count_text = ""

    def retranslate(self, caption: str, all_text: str, count_text: str, clear_text: str,
                    label: Callable[[object], str]) -> None:
        """``caption`` ("Status: %1") takes the choice; ``count_text`` ("%1 selected") the number chosen."""
        self._caption, self._all_text, self._count_text = caption, all_text, count_text
        for action in self._actions:
            action.setText(label(action.data()))
        self._clear_action.setText(clear_text)
        self._update_text()

    def selected(self) -> tuple:
        return tuple(action.data() for action in self._actions if action.isChecked())

    def set_selected(self, values: Iterable[object]) -> None:
        wanted = set(values)
        for action in self._actions:
            action.blockSignals(True)
            action.setChecked(action.data() in wanted)
            action.blockSignals(False)
        self._on_toggled()

    def clear(self) -> None:
        self.set_selected(())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Tick a choice without closing the menu, so several can be chosen in one go.
        if watched is self._menu and event.type() == QEvent.Type.MouseButtonRelease:
            action = self._menu.activeAction()
            if action is not None and action.isCheckable() and action.isEnabled():
                action.toggle()
                return True
        return super().eventFilter(watched, event)

    def _on_toggled(self, _checked: bool = False) -> None:
        self._update_text()
        self.selection_changed.emit(self.selected())

    def _update_text(self) -> None:
        chosen = [action for action in self._actions if action.isChecked()]
        if not chosen:
            detail = self._all_text
        elif len(chosen) == 1:
            detail = chosen[0].text()
        else:
            detail = self._count_text.replace("%1", str(len(chosen)))
        self.setText(self._caption.replace("%1", detail))
        self.setToolTip(", ".join(action.text() for action in chosen) if chosen else "")
