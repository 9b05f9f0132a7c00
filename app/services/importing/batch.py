"""Writing checked orders in batches: one transaction per batch, set-based statements throughout.

A batch inserts its order headers and its lines with one statement each, locks the new orders
and submits them through the same service as a clerk's submission
(``lifecycle.submit_orders``: approvals computed by the server, credit holds, automatic approval,
stock reservation, production demand, notifications), then commits. Orders of the channel that
exist already are skipped by the unique (channel, external_ref) key, so a file imported twice,
or by two desktops at once, creates every order once.

When the database refuses a batch, it is rolled back and split in halves until the refused
orders stand alone; each of those is reported with the database's reason and the rest go in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import text as sql
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.services.errors import DatabaseUnavailable, OrderPilotError, translate_database_error
from app.services.importing.mapping import SHIP_TO, ReadyOrder
from app.services.importing.report import ImportProblem
from app.services.lifecycle import LockedOrder, submit_orders

_RETRIES = 3



def _json_columns(*columns: tuple[str, str]) -> str:
    """``(e->>0)::bigint AS customer_id, ...``: the columns of a JSON array of row arrays.

    Rows travel as one JSON parameter: the server reads it many times faster than a thousand
    separate array literals, and the client writes it as fast.
    """
    return ", ".join(f"(e->>{i})::{kind} AS {name}" for i, (name, kind) in enumerate(columns))


_ORDER_COLUMNS = (("customer_id", "bigint"), ("external_ref", "text"), ("order_date", "date"),
                  ("requested_date", "date"), ("currency", "text"), *((name, "text") for name in SHIP_TO),
                  ("notes", "text"))

_INSERT_ORDERS = sql(f"""
    INSERT INTO sales_order (customer_id, channel, external_ref, order_date, requested_date, currency,
                             {", ".join(SHIP_TO)}, notes, status_note)
    SELECT d.customer_id, :channel, d.external_ref, coalesce(d.order_date, current_date), d.requested_date,
           d.currency, {", ".join("d." + name for name in SHIP_TO)}, d.notes, :note
    FROM (SELECT {_json_columns(*_ORDER_COLUMNS)}, n
          FROM json_array_elements(CAST(:orders AS json)) WITH ORDINALITY AS rows(e, n)) AS d
    ORDER BY d.n
    ON CONFLICT (channel, external_ref) DO NOTHING
    RETURNING id, external_ref
""")

_INSERT_LINES = sql(f"""
    INSERT INTO sales_order_line (order_id, line_no, product_id, quantity, unit_price, discount_pct, tax_rate)
    SELECT {_json_columns(("order_id", "bigint"), ("line_no", "integer"), ("product_id", "bigint"),
                          ("quantity", "numeric"), ("unit_price", "numeric"), ("discount_pct", "numeric"),
                          ("tax_rate", "numeric"))}
    FROM json_array_elements(CAST(:lines AS json)) AS e
""")

_LOCK_ORDERS = sql("""
    SELECT id, order_no, status, version, customer_id, total_amount, created_by, order_type, priority,
           requested_date, hold_kind, held_from_status
    FROM sales_order WHERE id = ANY(CAST(:ids AS bigint[])) ORDER BY id FOR UPDATE
""")


@dataclass
class BatchResult:
    refs: list[str] = field(default_factory=list)
    lines: int = 0
    waiting: int = 0
    held: int = 0
    refused: list[ImportProblem] = field(default_factory=list)

    def add(self, other: "BatchResult") -> "BatchResult":
        self.refs += other.refs
        self.lines += other.lines
        self.waiting += other.waiting
        self.held += other.held
        self.refused += other.refused
        return self


class BatchWriter:
    """Writes batches of one import; safe to use from several threads (one unit of work per batch)."""

    def __init__(self, uow_factory, channel: str, file: str):
        self.uow_factory = uow_factory
        self.channel = channel
        self.file = file

    def write(self, orders: list[ReadyOrder]) -> BatchResult:
        """Write ``orders``; refused ones are isolated and reported, never half-written."""
        if not orders:
            return BatchResult()
        failure = None
        for attempt in range(_RETRIES):
            try:
                return self._attempt(orders)
            except DBAPIError as exc:
                if exc.connection_invalidated:
                    raise DatabaseUnavailable(
                        "The connection to the database was lost during the import; the orders imported so far "
                        "are kept, so import the same file again to finish.") from exc
                failure = exc
                if _sqlstate(exc) in ("40001", "40P01") and attempt + 1 < _RETRIES:
                    continue  # deadlock or serialization failure: the same batch again
            except OrderPilotError as exc:   # a guard refused something, already translated
                failure = exc
            break
        if len(orders) == 1:
            return BatchResult(refused=[self._refusal(orders[0], failure)])
        middle = len(orders) // 2
        return self.write(orders[:middle]).add(self.write(orders[middle:]))

    def _attempt(self, orders: list[ReadyOrder]) -> BatchResult:
        result = BatchResult()
        with self.uow_factory() as uow:
            session = uow.session
            ids = self._insert_orders(session, orders)
            by_ref = {o.ref: o for o in orders}
            result.lines = self._insert_lines(session, [(order_id, by_ref[ref]) for ref, order_id in ids.items()])
            locked = [LockedOrder(**row._asdict()) for row in session.execute(
                _LOCK_ORDERS, {"ids": "{" + ",".join(map(str, ids.values())) + "}"})]
            outcomes = submit_orders(session, locked, read_back=False) if locked else {}
            uow.commit()
        result.refs = list(ids)
        result.waiting = sum(1 for o in outcomes.values() if o.waiting_for)
        result.held = sum(1 for o in outcomes.values() if o.message and not o.waiting_for)
        return result

    def _insert_orders(self, session: Session, orders: list[ReadyOrder]) -> dict[str, int]:
        rows = [(o.customer if isinstance(o.customer, int) else o.customer.id, o.ref, o.order_date, o.requested_date,
                 o.currency, *o.ship_to, o.notes) for o in orders]
        result = session.execute(_INSERT_ORDERS, {"channel": self.channel, "note": f"Imported from {self.file}",
                                                  "orders": _json(rows)})
        return {ref: order_id for order_id, ref in result}

    def _insert_lines(self, session: Session, orders: list[tuple[int, ReadyOrder]]) -> int:
        rows = [(order_id, number, *line) for order_id, order in orders
                for number, line in enumerate(order.lines, start=1)]
        if rows:
            session.execute(_INSERT_LINES, {"lines": _json(rows)})
        return len(rows)

    def _refusal(self, order: ReadyOrder, failure: Exception) -> ImportProblem:
        translated = failure if isinstance(failure, OrderPilotError) else translate_database_error(failure)
        if translated is not None:
            reason = str(translated).strip()
        else:
            orig = getattr(failure, "orig", failure)
            detail = getattr(getattr(orig, "diag", None), "message_primary", None) or str(orig).splitlines()[0]
            reason = f"The database refused the order ({detail.strip().rstrip('.')})"
        if not reason.endswith((".", "!", "?")):
            reason += "."
        return ImportProblem(self.file, order.row, order.ref, "order", reason)


def _json(rows: list[tuple]) -> str:
    """Rows as a JSON array of arrays; decimals and dates as their text, read back by the casts."""
    return json.dumps(rows, ensure_ascii=False, default=str, separators=(",", ":"))


def _sqlstate(exc: DBAPIError) -> str | None:
    return getattr(getattr(exc, "orig", None), "pgcode", None)
