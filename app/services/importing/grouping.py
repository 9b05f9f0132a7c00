"""Rows into orders: the rows that share an ``order_ref`` are one order.

Order fields (customer, ship-to, dates...) repeat on every row of an order. A blank cell on a
later row takes the value given earlier (exports that print them on the first row only); a
*different* value rejects the order, naming the row and field. A row without ``order_ref``
cannot be tied to an order, and it may be a lost line of the order just above or below it, so
those neighbours are not imported either: an order goes in complete or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from app.services.importing.formats import HEADER_COUNT, HEADER_FIELDS, RawRow
from app.services.importing.values import shown
from app.services.order_validation import FieldError


@dataclass(eq=False)
class OrderDraft:
    """The rows of one order as read, before any value is judged."""

    ref: str
    row: int                                   # first row of the order
    header: list                               # HEADER_FIELDS values, first non-blank one wins
    header_rows: list[int]                     # where each header value came from
    first_header: tuple                        # the first row's header cells (fast comparison)
    source: int | None = None                  # nested JSON order it came from
    lines: list[RawRow] = field(default_factory=list)
    problems: list[tuple[int, FieldError]] = field(default_factory=list)
    bad_fields: set[str] = field(default_factory=set)
    other_sources: set = field(default_factory=set)

    def add(self, raw: RawRow) -> None:
        if raw.source != self.source and raw.source not in self.other_sources:
            self.other_sources.add(raw.source)
            self._problem(raw.row, "order_ref", f"The order_ref {shown(self.ref)} is used by two different orders "
                                                f"in the file (entries {self.row} and {raw.row}).")
        header = raw.values[:HEADER_COUNT]
        if header is not self.first_header and header != self.first_header:
            self._merge_header(raw.row, header)
        self.take(raw)

    def take(self, raw: RawRow) -> None:
        if raw.is_line:
            self.lines.append(raw)
        for problem in raw.problems:
            self.problems.append((raw.row, problem))
            self.bad_fields.add(problem.field)

    def reject(self, row: int, field_name: str, reason: str) -> None:
        self._problem(row, field_name, reason)

    def _merge_header(self, row: int, header: tuple) -> None:
        for i, new in enumerate(header):
            if new is None or not new.strip():
                continue
            current = self.header[i]
            if current is None or not current.strip():
                self.header[i], self.header_rows[i] = new, row
            elif current.strip() != new.strip():
                name = HEADER_FIELDS[i]
                self._problem(row, name, f"Row {row} gives {name} {shown(new)} but row {self.header_rows[i]} of the "
                                         f"same order gives {shown(current)}; order fields must match on every row.")

    def _problem(self, row: int, field_name: str, reason: str) -> None:
        self.problems.append((row, FieldError(field_name, reason)))


@dataclass
class Grouped:
    orders: dict[str, OrderDraft]              # by order_ref, in the order of the file
    loose: list[tuple[int, FieldError]]        # rows that name no order
    rows: int = 0


def group_rows(rows: Iterable[RawRow]) -> Grouped:
    orders: dict[str, OrderDraft] = {}
    loose: list[tuple[int, FieldError]] = []
    previous: OrderDraft | None = None       # last order of the flat row sequence
    orphan_row: int | None = None            # a flat row without order_ref waiting for the next order
    reported_source = None
    count = 0
    for raw in rows:
        count += 1
        ref = raw.values[0].strip() if raw.values[0] is not None else None
        if not ref:
            if raw.source is not None:       # nested order without order_ref: report the order once
                if raw.source != reported_source:
                    reported_source = raw.source
                    loose.append((raw.row, FieldError("order_ref", "The order has no order_ref, so it cannot be "
                                                                   "imported (nor recognised when imported again).")))
                continue
            loose.append((raw.row, FieldError("order_ref",
                                              "The row has no order_ref, so it cannot be tied to an order.")))
            loose.extend((raw.row, problem) for problem in raw.problems if problem.field != "order_ref")
            if previous is not None:
                _neighbour(previous, raw.row)
            orphan_row = raw.row
            continue
        draft = orders.get(ref)
        if draft is None:
            header = raw.values[:HEADER_COUNT]
            draft = OrderDraft(ref=ref, row=raw.row, header=list(header), header_rows=[raw.row] * HEADER_COUNT,
                               first_header=header, source=raw.source)
            orders[ref] = draft
            draft.take(raw)
        else:
            draft.add(raw)
        if raw.source is None:
            if orphan_row is not None and draft is not previous:
                _neighbour(draft, orphan_row)
            orphan_row = None
            previous = draft
    return Grouped(orders, loose, count)


def _neighbour(draft: OrderDraft, orphan_row: int) -> None:
    draft.reject(orphan_row, "order_ref", f"Row {orphan_row} next to this order has no order_ref and may be one of "
                                          "its lines, so the order is not imported.")
