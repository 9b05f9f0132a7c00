"""The Inventory screen's reads: stock per product and warehouse in keyset pages, and the stock ledger.

Stock rows (``stock_level``, one per product and warehouse) number in the thousands: pages are
keyset windows on (sort value, SKU, warehouse code), each a bounded ``LIMIT`` query, never OFFSET.
Text sorts use the "C" collation so that Python's string order (code points) matches SQL's and a
live change can be put in its place without asking the server.

The ledger (``stock_move``) grows without end: it is read newest first in keyset pages on its id,
on the ``(product_id, warehouse_id, id)`` index — for all warehouses of a product, one index range
per warehouse merged by a LATERAL join, so no page ever sorts the product's whole history.

Low stock means a reorder point is set (above zero) and what is available (on hand less reserved)
has fallen to it or below; items without a reorder point (made to order) are never low.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import text

from app.services.order_queries import like_prefix

SORT_FIELDS = ("sku", "name", "warehouse", "on_hand", "reserved", "available", "reorder_point")
_SORT_SQL = {
    "sku": None,
    "name": 'p.name COLLATE "C"',
    "warehouse": 'w.code COLLATE "C"',
    "on_hand": "s.on_hand",
    "reserved": "s.reserved",
    "available": "(s.on_hand - s.reserved)",
    "reorder_point": "s.reorder_point",
}
_TIE_SQL = ('p.sku COLLATE "C"', 'w.code COLLATE "C"')
LOW_SQL = "(s.reorder_point > 0 AND s.on_hand - s.reserved <= s.reorder_point)"


@dataclass(frozen=True)
class StockFilter:
    """What the stock list shows; empty fields do not filter."""

    text: str = ""                 # SKU prefix, or a part of the product name
    warehouse_id: int | None = None
    low_only: bool = False


@dataclass(frozen=True)
class StockSort:
    field: str = "sku"
    descending: bool = False

    def __post_init__(self) -> None:
        if self.field not in SORT_FIELDS:
            raise ValueError(f"Stock cannot be sorted by {self.field!r}.")


@dataclass(frozen=True, slots=True)
class StockRow:
    """One product in one warehouse."""

    id: int                    # stock_level id
    product_id: int
    sku: str
    product_name: str
    uom: str
    warehouse_id: int
    warehouse_code: str
    warehouse_name: str
    on_hand: Decimal
    reserved: Decimal
    reorder_point: Decimal
    updated_at: datetime

    @property
    def available(self) -> Decimal:
        return self.on_hand - self.reserved

    @property
    def low(self) -> bool:
        return self.reorder_point > 0 and self.available <= self.reorder_point


@dataclass(frozen=True)
class StockCount:
    rows: int
    low: int


@dataclass(frozen=True)
class Warehouse:
    id: int
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One stock movement: what changed, why, for which order, by whom."""

    id: int
    moved_at: datetime
    warehouse_code: str
    reason: str
    on_hand_delta: Decimal
    reserved_delta: Decimal
    order_id: int | None
    order_no: str | None
    reference: str | None
    actor: str
    actor_name: str


_COLUMNS = """s.id, s.product_id, p.sku, p.name, p.uom, s.warehouse_id, w.code, w.name, s.on_hand, s.reserved,
       s.reorder_point, s.updated_at"""
_FROM = "stock_level s JOIN product p ON p.id = s.product_id JOIN warehouse w ON w.id = s.warehouse_id"


def fetch_stock(filter: StockFilter, sort: StockSort, after: StockRow | None = None, limit: int = 200, *,
                uow) -> list[StockRow]:
    """Up to ``limit`` stock rows in display order, the first ones or those right after ``after``."""
    where, params = _filter_sql(filter)
    keys = _key_sql(sort)
    direction = "DESC" if sort.descending else "ASC"
    if after is not None:
        where.append(f"({', '.join(keys)}) {'<' if sort.descending else '>'} ({', '.join(_key_params(keys))})")
        params.update({f"k{n}": value for n, value in enumerate(sort_values(sort, after))})
    sql = (f"SELECT {_COLUMNS} FROM {_FROM} WHERE {' AND '.join(where)} "
           f"ORDER BY {', '.join(f'{key} {direction}' for key in keys)} LIMIT :limit")
    with uow:
        return [StockRow(*row) for row in uow.session.execute(text(sql), {**params, "limit": limit})]


def fetch_stock_rows(ids: Iterable[int], *, uow, filter: StockFilter | None = None) -> list[StockRow]:
    """The stock rows with these ids (that match ``filter`` when given), in no particular order."""
    ids = sorted(set(ids))
    if not ids:
        return []
    where, params = _filter_sql(filter or StockFilter())
    sql = f"SELECT {_COLUMNS} FROM {_FROM} WHERE s.id = ANY(:ids) AND {' AND '.join(where)}"
    with uow:
        return [StockRow(*row) for row in uow.session.execute(text(sql), {**params, "ids": ids})]


def count_stock(filter: StockFilter, *, uow) -> StockCount:
    """How many stock rows match, and how many of them are low (exact: stock rows are not millions)."""
    where, params = _filter_sql(filter)
    sql = f"SELECT count(*), count(*) FILTER (WHERE {LOW_SQL}) FROM {_FROM} WHERE {' AND '.join(where)}"
    with uow:
        rows, low = uow.session.execute(text(sql), params).one()
    return StockCount(rows, low)


def list_warehouses(*, uow) -> list[Warehouse]:
    """Active warehouses by code (for the warehouse filter)."""
    with uow:
        return [Warehouse(*row) for row in uow.session.execute(text(
            'SELECT id, code, name FROM warehouse WHERE active ORDER BY code COLLATE "C"'))]


def sort_values(sort: StockSort, row: StockRow) -> tuple:
    """The row's keyset values for ``sort``, in SQL's order (and Python's: text in code points)."""
    ties = (row.sku, row.warehouse_code)
    if sort.field == "sku":
        return ties
    value = {"name": row.product_name, "warehouse": row.warehouse_code, "on_hand": row.on_hand,
             "reserved": row.reserved, "available": row.available, "reorder_point": row.reorder_point}[sort.field]
    return (value, *ties)


def fetch_ledger(product_id: int, warehouse_id: int | None = None, *, uow, before_id: int | None = None,
                 after_id: int | None = None, limit: int = 100) -> list[LedgerEntry]:
    """Stock movements of a product (in one warehouse, or all), newest first.

    ``before_id`` pages back into older movements; ``after_id`` reads only those newer than a
    movement already shown (a live refresh), still newest first and at most ``limit``.
    """
    params = {"product": product_id, "warehouse": warehouse_id, "before": before_id, "after": after_id,
              "limit": limit}
    bounds = ("(CAST(:before AS bigint) IS NULL OR m.id < :before) "
              "AND (CAST(:after AS bigint) IS NULL OR m.id > :after)")
    sql = f"""
        SELECT x.id, x.moved_at, w.code, x.reason, x.on_hand_delta, x.reserved_delta, x.order_id, o.order_no,
               x.reference, x.actor, coalesce(u.display_name, x.actor)
        FROM warehouse w
        CROSS JOIN LATERAL (
            SELECT m.* FROM stock_move m
            WHERE m.product_id = :product AND m.warehouse_id = w.id AND {bounds}
            ORDER BY m.id DESC LIMIT :limit) x
        LEFT JOIN sales_order o ON o.id = x.order_id
        LEFT JOIN app_user u ON u.login = x.actor
        WHERE CAST(:warehouse AS bigint) IS NULL OR w.id = :warehouse
        ORDER BY x.id DESC LIMIT :limit"""
    with uow:
        return [LedgerEntry(*row) for row in uow.session.execute(text(sql), params)]


# -- SQL assembly ---------------------------------------------------------------------------------

def _filter_sql(filter: StockFilter) -> tuple[list[str], dict]:
    where, params = ["true"], {}
    search = " ".join(filter.text.split())
    if search:
        where.append("(lower(p.sku) LIKE lower(:prefix) OR lower(p.name) LIKE lower(:contains))")
        params["prefix"] = like_prefix(search)
        params["contains"] = "%" + like_prefix(search)
    if filter.warehouse_id is not None:
        where.append("s.warehouse_id = :warehouse_id")
        params["warehouse_id"] = filter.warehouse_id
    if filter.low_only:
        where.append(LOW_SQL)
    return where, params


def _key_sql(sort: StockSort) -> list[str]:
    first = _SORT_SQL[sort.field]
    return list(_TIE_SQL) if first is None else [first, *_TIE_SQL]


def _key_params(keys: list[str]) -> list[str]:
    return [f":k{n}" for n in range(len(keys))]
