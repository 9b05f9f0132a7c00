"""What the change feed carries: one change per row, and the NOTIFY payload announcing them."""

from __future__ import annotations

import json
from dataclasses import dataclass

CHANNEL = "orderpilot_changes"


@dataclass(frozen=True)
class ChangeEvent:
    """One committed change of one row of a watched table."""

    seq: int
    table: str
    row_id: int
    operation: str          # "I", "U" or "D"
    order_id: int | None = None


@dataclass(frozen=True)
class Announcement:
    """One NOTIFY: a statement's changes, seq first..last; ids only when there were few."""

    table: str
    operation: str
    first_seq: int
    last_seq: int
    count: int
    ids: tuple[int, ...] | None
    order_ids: tuple[int | None, ...] = ()  # the order of each id, aligned with ids

    def events(self) -> list[ChangeEvent] | None:
        """The individual changes when the payload lists them all (seqs are consecutive then).

        A statement's log rows take consecutive numbers unless another transaction drew numbers
        in between; if the count does not match the range, the reader must fetch from the log.
        """
        if self.ids is None or self.last_seq - self.first_seq + 1 != self.count or len(self.ids) != self.count:
            return None
        orders = self.order_ids if len(self.order_ids) == self.count else (None,) * self.count
        return [ChangeEvent(self.first_seq + i, self.table, row_id, self.operation, order)
                for i, (row_id, order) in enumerate(zip(self.ids, orders))]


def parse_payload(payload: str) -> Announcement | None:
    """The announcement in a NOTIFY payload, or None when it is not one of ours."""
    try:
        data = json.loads(payload)
        return Announcement(
            table=str(data["table"]), operation=str(data["op"]), first_seq=int(data["first_seq"]),
            last_seq=int(data["last_seq"]), count=int(data["count"]),
            ids=tuple(int(i) for i in data["ids"]) if "ids" in data else None,
            order_ids=tuple(None if i is None else int(i) for i in data.get("order_ids") or ()))
    except (ValueError, KeyError, TypeError):
        return None
