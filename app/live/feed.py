"""What views subscribe to: changes of a table (optionally of some rows), coalesced.

A change arriving after a quiet spell is passed on at once; what follows within the window is
merged and passed on when the window closes. So a lone change costs no waiting, and a burst
makes a list re-fetch the affected rows once and update them in place instead of reloading.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from app.live.events import ChangeEvent


@dataclass(frozen=True)
class ChangeSet:
    """The coalesced changes of one table within one window."""

    table: str
    ids: frozenset[int]          # rows inserted or updated
    deleted: frozenset[int]      # rows deleted
    order_ids: frozenset[int]    # orders the changed rows belong to (when the table has one)
    last_seq: int


class Subscription(QObject):
    """Emits ``changed(ChangeSet)`` for its table (and rows), ``reload()`` when it must start over."""

    changed = Signal(object)
    reload = Signal()

    def __init__(self, table: str, ids: Iterable[int] | None, parent: QObject):
        super().__init__(parent)
        self.table = table
        self.ids = None if ids is None else frozenset(ids)

    def set_ids(self, ids: Iterable[int] | None) -> None:
        """Follow other rows (a view scrolled to a new window, an order opened)."""
        self.ids = None if ids is None else frozenset(ids)


class LiveFeed(QObject):
    """Fans a listener's changes out to subscriptions, coalesced per ``window_ms``."""

    def __init__(self, listener: QObject, window_ms: int = 30, parent: QObject | None = None):
        super().__init__(parent)
        self._pending: list[ChangeEvent] = []
        self._subscriptions: list[Subscription] = []
        self._window_s = window_ms / 1000
        self._last_flush = float("-inf")
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._flush)
        listener.changes.connect(self._collect)
        listener.reload_required.connect(self._reload_all)

    def subscribe(self, table: str, ids: Iterable[int] | None = None) -> Subscription:
        subscription = Subscription(table, ids, self)
        self._subscriptions.append(subscription)
        subscription.destroyed.connect(lambda: self._forget(subscription))
        return subscription

    def unsubscribe(self, subscription: Subscription) -> None:
        self._forget(subscription)
        subscription.deleteLater()

    def _forget(self, subscription: Subscription) -> None:
        if subscription in self._subscriptions:
            self._subscriptions.remove(subscription)

    def _collect(self, events: list[ChangeEvent]) -> None:
        self._pending.extend(events)
        if self._timer.isActive():
            return
        wait = self._last_flush + self._window_s - time.monotonic()
        if wait <= 0:
            self._flush()  # quiet until now: no reason to wait
        else:
            self._timer.start(max(1, round(wait * 1000)))

    def _flush(self) -> None:
        self._last_flush = time.monotonic()
        events, self._pending = self._pending, []
        for change_set in coalesce(events):
            for subscription in list(self._subscriptions):
                if subscription.table != change_set.table:
                    continue
                if subscription.ids is None:
                    subscription.changed.emit(change_set)
                    continue
                ids = change_set.ids & subscription.ids
                deleted = change_set.deleted & subscription.ids
                if ids or deleted:
                    subscription.changed.emit(ChangeSet(change_set.table, ids, deleted, change_set.order_ids,
                                                        change_set.last_seq))

    def _reload_all(self) -> None:
        self._pending.clear()
        for subscription in list(self._subscriptions):
            subscription.reload.emit()


def coalesce(events: list[ChangeEvent]) -> list[ChangeSet]:
    """Merge events per table: a row changed many times is one id; deleted wins over updated."""
    tables: dict[str, dict] = {}
    for event in events:
        bucket = tables.setdefault(event.table, {"ids": set(), "deleted": set(), "orders": set(), "last": 0})
        if event.operation == "D":
            bucket["deleted"].add(event.row_id)
            bucket["ids"].discard(event.row_id)
        else:
            bucket["ids"].add(event.row_id)
            bucket["deleted"].discard(event.row_id)
        if event.order_id is not None:
            bucket["orders"].add(event.order_id)
        bucket["last"] = max(bucket["last"], event.seq)
    return [ChangeSet(table, frozenset(b["ids"]), frozenset(b["deleted"]), frozenset(b["orders"]), b["last"])
            for table, b in tables.items()]
