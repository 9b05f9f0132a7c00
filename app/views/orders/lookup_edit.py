"""A line edit that looks things up on the server as the user types (customers, products).

Typing pauses briefly, then ``search`` (a service call) runs on a worker thread; its answers fill
a QCompleter popup (the server already filtered, so the popup shows them unfiltered). Picking
one (Enter, click) sets :attr:`choice` and emits ``chosen``. Editing the text afterwards
forgets the choice, so the text shown and the record chosen never disagree.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from app.views.orders.task_runner import TaskRunner

SEARCH_DELAY_MS = 150
CHOICE_ROLE = Qt.ItemDataRole.UserRole + 1


class LookupEdit(QLineEdit):
    """``LookupEdit(runner, search, describe)``: ``search(text) -> list`` runs off the UI thread;
    ``describe(item) -> (popup text, text put in the field)``."""

    chosen = Signal(object)      # the picked item, or None when the choice was cleared
    results_shown = Signal(int)  # how many answers the popup offers

    def __init__(self, runner: TaskRunner, search: Callable[[str], list],
                 describe: Callable[[object], tuple[str, str]], parent: QWidget | None = None, *,
                 key: str | None = None):
        super().__init__(parent)
        self._runner = runner
        self._search = search
        self._describe = describe
        self._key = key or f"lookup-{id(self)}"
        self.choice = None
        self._model = QStandardItemModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setMaxVisibleItems(12)
        self._completer.setWidget(self)
        self._completer.activated[QModelIndex].connect(self._on_activated)
        self._completer.popup().installEventFilter(self)   # runs before the completer's own filter
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._start_search)
        self.textEdited.connect(self._on_edited)

    @property
    def completer_popup(self):
        return self._completer.popup()

    def set_choice(self, item, text: str | None = None) -> None:
        """Show ``item`` as chosen (when an order is loaded), without searching."""
        self._timer.stop()
        self._runner.cancel(self._key)
        self.choice = item
        self.setText(text if text is not None else (self._describe(item)[1] if item is not None else ""))
        self.setCursorPosition(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the popup picks the highlighted entry here, and the key goes no further (a cell
        editor would otherwise also take it as "commit", after the pick already did)."""
        if (watched is self._completer.popup() and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            index = self._completer.popup().currentIndex()
            self._completer.popup().hide()
            if index.isValid():
                self._on_activated(index)
            return True
        return super().eventFilter(watched, event)

    def _on_edited(self, _text: str) -> None:
        if self.choice is not None:
            self.choice = None
            self.chosen.emit(None)
        self._timer.start()

    def _start_search(self) -> None:
        wanted = self.text().strip()
        if not wanted:
            self._model.clear()
            self._completer.popup().hide()
            return
        self._runner.run(self._key, lambda: self._search(wanted), self._show_results, lambda _e: None)

    def _show_results(self, items: list) -> None:
        self._model.clear()
        for item in items:
            shown, _ = self._describe(item)
            entry = QStandardItem(shown)
            entry.setData(item, CHOICE_ROLE)
            entry.setEditable(False)
            self._model.appendRow(entry)
        if items and self.hasFocus():
            self._completer.complete()
            self._completer.popup().setCurrentIndex(self._completer.completionModel().index(0, 0))
        else:
            self._completer.popup().hide()
        self.results_shown.emit(len(items))

    def _on_activated(self, index: QModelIndex) -> None:
        item = index.data(CHOICE_ROLE)
        if item is None:
            return
        self._timer.stop()
        self.choice = item
        text = self._describe(item)[1]
        self.setText(text)
        self.setCursorPosition(0)
        self.chosen.emit(item)
