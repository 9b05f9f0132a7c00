"""The Orders list's reads: windows of orders by keyset, rows by id, estimated counts, seek positions.

Windows are keyset pages on (sort column, id) — never OFFSET — so the cost of a window does not
grow with how far down the list it lies. The sort columns have indexes that start with them
(``customer`` sorts by ``lower(customer.name)`` in the byte order of the name index's
``text_pattern_ops``, joined to ``sales_order (customer_id, id)``); only ``total`` has none yet and
costs a scan of the table per window until ``sales_order (total_amount, id)`` exists.
Filters use indexed columns; the text search is resolved first into an order-number prefix, the
customers whose name starts with it and the products whose SKU or name starts with it, and
only the branches that match anything reach the window query.

Counts are estimates from the planner unless the result is small enough to count exactly.
Jumping far into a long list (a scrollbar dragged to the middle) starts from a cursor taken
from a sample of the sorted keys (:func:`seek_positions`); positions are then approximate.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import text
from sqlalchemy.orm import Session

SORT_FIELDS = ("order_date", "order_no", "customer", "total", "status", "requested_date")
EXACT_COUNT_BELOW = 20_000     # planner estimates below this are checked by counting ...
EXACT_COUNT_CAP = 100_000      # ... at most this many rows
FULL_POSITIONS_BELOW = 50_000  # seek positions from every key below this, from a sample above
MAX_RESOLVED_IDS = 2_000       # more matching customers/products: a sub-select instead of an id list


@dataclass(frozen=True)
class OrderFilter:
    """What the list shows; empty fields do not filter."""

    text: str = ""                      # order number prefix, customer name prefix, product SKU/name prefix
    statuses: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    priorities: tuple[int, ...] = ()
    date_from: date | None = None       # order_date, inclusive
    date_to: date | None = None
    mine: bool = False                  # created by the current login (session_user)


@dataclass(frozen=True)
class SortKey:
    field: str = "order_date"
    descending: bool = True

    def __post_init__(self) -> None:
        if self.field not in SORT_FIELDS:
            raise ValueError(f"Orders cannot be sorted by {self.field!r}.")


@dataclass(frozen=True, slots=True)
class OrderRow:
    id: int
    order_no: str
    status: str
    customer_name: str
    channel: str
    priority: int
    order_date: date
    requested_date: date | None
    total_amount: Decimal
    currency: str
    created_by: str
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class Cursor:
    """A position between rows: the sort value and id of the row it follows (or precedes)."""

    value: object
    id: int


@dataclass(frozen=True)
class OrderCount:
    rows: int
    exact: bool


@dataclass(frozen=True)
class PositionMap:
    """Cursors spread evenly through the sorted result: ``cursors[j]`` lies about ``rank(j)`` rows in."""

    cursors: tuple[Cursor, ...]
    total: float          # rows in the result (estimated unless ``exact``)
    exact: bool

    def rank(self, j: int) -> float:
        if not self.cursors:
            return 0.0
        step = self.total / len(self.cursors)
        return j * step if self.exact else (j + 0.5) * step


@dataclass(frozen=True)
class _Key:
    expr: str                 # SQL the rows are ordered by
    value: str                # SQL of the cursor value (what the rows carry)
    attr: str                 # OrderRow attribute holding that value
    param: str = ":cv"        # the cursor value as compared with ``expr``
    unique: bool = False
    nullable: bool = False
    pattern_ops: bool = False  # order by the text_pattern_ops index (byte order): ~<~ operators


_KEYS = {
    "order_date": _Key("o.order_date", "o.order_date", "order_date"),
    "order_no": _Key("o.order_no", "o.order_no", "order_no", unique=True),
    "customer": _Key("lower(c.name)", "c.name", "customer_name", param="lower(:cv)", pattern_ops=True),
    "total": _Key("o.total_amount", "o.total_amount", "total_amount"),
    "status": _Key("o.status", "o.status", "status"),
    "requested_date": _Key("o.requested_date", "o.requested_date", "requested_date", nullable=True),
}

_COLUMNS = """o.id, o.order_no, o.status, c.name AS customer_name, o.channel, o.priority, o.order_date,
       o.requested_date, o.total_amount, o.currency, o.created_by, o.updated_at"""
_FROM = "sales_order o JOIN customer c ON c.id = o.customer_id"

_RESOLVE_TEXT = text("""
    SELECT EXISTS (SELECT 1 FROM sales_order WHERE order_no LIKE :order_pattern),
           ARRAY(SELECT id FROM customer WHERE lower(name) LIKE lower(:pattern) ORDER BY id LIMIT :most),
           ARRAY(SELECT id FROM product WHERE lower(sku) LIKE lower(:pattern) OR lower(name) LIKE lower(:pattern)
                 ORDER BY id LIMIT :most)
""")
_CUSTOMERS_LIKE = "o.customer_id IN (SELECT id FROM customer WHERE lower(name) LIKE lower(:pattern))"
_CUSTOMERS_IN = "o.customer_id = ANY(:customer_ids)"
_PRODUCTS_LIKE = ("EXISTS (SELECT 1 FROM sales_order_line l JOIN product p ON p.id = l.product_id WHERE l.order_id = o.id"
                  " AND (lower(p.sku) LIKE lower(:pattern) OR lower(p.name) LIKE lower(:pattern)))")
_PRODUCTS_IN = "EXISTS (SELECT 1 FROM sales_order_line l WHERE l.order_id = o.id AND l.product_id = ANY(:product_ids))"
_NOTHING = "false"
_ROWS_BY_ID = text(f"SELECT {_COLUMNS} FROM {_FROM} WHERE o.id = ANY(:ids)")


def fetch_window(filter: OrderFilter, sort: SortKey, after: Cursor | None = None, before: Cursor | None = None,
                 limit: int = 200, *, uow, from_end: bool = False) -> list[OrderRow]:
    """Up to ``limit`` orders in display order: the first ones, those right after ``after``, those right
    before ``before``, or (``from_end``) the last ones."""
    if after is not None and (before is not None or from_end):
        raise ValueError("Give one of after, before or from_end.")
    backward = before is not None or from_end
    with uow:
        session = uow.session
        where, params = _filter_sql(session, filter)
        rows = _keyset(session, where, params, _KEYS[sort.field], sort.descending != backward,
                       before if backward else after, limit)
    if backward:
        rows.reverse()
    return rows


def fetch_rows(ids, *, uow, filter: OrderFilter | None = None) -> list[OrderRow]:
    """The orders with these ids (that match ``filter`` when given), in no particular order."""
    ids = sorted(set(ids))
    if not ids:
        return []
    with uow:
        session = uow.session
        where, params = _filter_sql(session, filter or OrderFilter())
        sql = f"SELECT {_COLUMNS} FROM {_FROM} WHERE o.id = ANY(:ids) AND {' AND '.join(where)}"
        return [OrderRow(*row) for row in session.execute(text(sql), {**params, "ids": ids})]


def estimate_count(filter: OrderFilter, *, uow) -> OrderCount:
    """How many orders match: the planner's estimate, or an exact count when that is cheap."""
    with uow:
        session = uow.session
        where, params = _filter_sql(session, filter)
        if where == [_NOTHING]:
            return OrderCount(0, True)
        sql = f"SELECT 1 FROM sales_order o WHERE {' AND '.join(where)}"
        estimate = _planned_rows(session, sql, params)
        if estimate >= EXACT_COUNT_BELOW:
            return OrderCount(estimate, False)
        counted = session.execute(text(f"SELECT count(*) FROM ({sql} LIMIT :cap) AS m"),
                                  {**params, "cap": EXACT_COUNT_CAP + 1}).scalar_one()
        if counted > EXACT_COUNT_CAP:
            return OrderCount(max(estimate, counted), False)
        return OrderCount(counted, True)


def seek_positions(filter: OrderFilter, sort: SortKey, *, uow, target: int = 1000) -> PositionMap:
    """About ``target`` cursors spread through the sorted result, for jumping to a fraction of it.

    Small results give exact positions (every n-th key); large ones a TABLESAMPLE of the table,
    sized from the planner's estimate, sorted.
    """
    key = _KEYS[sort.field]
    with uow:
        session = uow.session
        where, params = _filter_sql(session, filter)
        if where == [_NOTHING]:
            return PositionMap((), 0, True)
        order = _order_by(key, sort.descending)
        estimate = _planned_rows(session, f"SELECT 1 FROM sales_order o WHERE {' AND '.join(where)}", params)
        if estimate < FULL_POSITIONS_BELOW:
            keys = session.execute(text(
                f"SELECT {key.value}, o.id FROM {_FROM} WHERE {' AND '.join(where)} ORDER BY {order}"), params).all()
            step = max(1, len(keys) // target)
            return PositionMap(tuple(Cursor(v, i) for v, i in keys[::step]), len(keys), True)
        percent = min(100.0, target * 100.0 / estimate)
        while True:
            keys = session.execute(text(
                f"SELECT {key.value}, o.id FROM sales_order o TABLESAMPLE SYSTEM (:percent) "
                f"JOIN customer c ON c.id = o.customer_id WHERE {' AND '.join(where)} ORDER BY {order}"),
                {**params, "percent": percent}).all()
            if len(keys) >= 20 or percent >= 100:
                break
            percent = min(100.0, percent * 10)
    return PositionMap(tuple(Cursor(v, i) for v, i in keys), len(keys) * 100.0 / percent, percent >= 100)


def cursor_of(sort: SortKey, row: OrderRow) -> Cursor:
    """The cursor just at ``row`` (windows after/before it exclude it)."""
    return Cursor(getattr(row, _KEYS[sort.field].attr), row.id)


def ascending_key(sort: SortKey, row: OrderRow) -> tuple:
    """A Python key ordering rows as the SQL does in ascending order (nulls last)."""
    key = _KEYS[sort.field]
    value = getattr(row, key.attr)
    if key.pattern_ops:
        value = value.lower().encode()
    if key.nullable:
        return (value is None, value or date.min, row.id)
    return (value, row.id)


def like_prefix(value: str) -> str:
    """A LIKE pattern matching strings that start with ``value`` (its wildcards taken literally)."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


# -- SQL assembly ---------------------------------------------------------------------------------

def _filter_sql(session: Session, filter: OrderFilter) -> tuple[list[str], dict]:
    """WHERE conditions (fixed SQL fragments) and their parameters."""
    where, params = ["true"], {}
    if filter.statuses:
        where.append("o.status = ANY(:statuses)")
        params["statuses"] = list(filter.statuses)
    if filter.channels:
        where.append("o.channel = ANY(:channels)")
        params["channels"] = list(filter.channels)
    if filter.priorities:
        where.append("o.priority = ANY(:priorities)")
        params["priorities"] = [int(p) for p in filter.priorities]
    if filter.date_from is not None:
        where.append("o.order_date >= :date_from")
        params["date_from"] = filter.date_from
    if filter.date_to is not None:
        where.append("o.order_date <= :date_to")
        params["date_to"] = filter.date_to
    if filter.mine:
        where.append("o.created_by = session_user")
    search = " ".join(filter.text.split())
    if search:
        branches = _text_branches(session, search, params)
        if not branches:
            return [_NOTHING], {}
        where.append(branches[0] if len(branches) == 1 else "(" + " OR ".join(branches) + ")")
    return where, params


def _text_branches(session: Session, search: str, params: dict) -> list[str]:
    """The search's branches that match anything: order number, customers, products."""
    order_text = search.upper()
    if order_text[:1].isdigit():
        order_text = "SO-" + order_text  # "2026-0000123" finds SO-2026-0000123
    pattern = like_prefix(search)
    has_order, customers, products = session.execute(_RESOLVE_TEXT, {
        "order_pattern": like_prefix(order_text), "pattern": pattern, "most": MAX_RESOLVED_IDS + 1}).one()
    branches = []
    if has_order:
        branches.append("o.order_no LIKE :order_pattern")
        params["order_pattern"] = like_prefix(order_text)
    if customers:
        branches.append(_CUSTOMERS_LIKE if len(customers) > MAX_RESOLVED_IDS else _CUSTOMERS_IN)
        params["customer_ids"] = customers
    if products:
        branches.append(_PRODUCTS_LIKE if len(products) > MAX_RESOLVED_IDS else _PRODUCTS_IN)
        params["product_ids"] = products
    if len(customers) > MAX_RESOLVED_IDS or len(products) > MAX_RESOLVED_IDS:
        params["pattern"] = pattern
    return branches


def _after_operator(key: _Key, down: bool) -> str:
    """"Strictly after" in the scan direction."""
    if key.pattern_ops:
        return "~<~" if down else "~>~"
    return "<" if down else ">"


def _order_by(key: _Key, down: bool) -> str:
    direction = "DESC" if down else "ASC"
    if key.pattern_ops:
        first = f"{key.expr} USING {'~>~' if down else '~<~'}"
    else:
        first = f"{key.expr} {direction}"
    return first if key.unique else f"{first}, o.id {direction}"


def _after(key: _Key, down: bool) -> str:
    """Rows strictly after the cursor (:cv, :cid) in the scan direction (keys that are not pattern_ops)."""
    after = _after_operator(key, down)
    if key.unique:
        return f"{key.expr} {after} {key.param}"
    return f"({key.expr}, o.id) {after} ({key.param}, :cid)"


def _runs(key: _Key, down: bool, cursor: Cursor | None) -> list[str]:
    """The parts of the sort order a walk from ``cursor`` goes through, each one query.

    A nullable key: its values and its nulls (nulls last ascending, first descending). A customer
    name (no row comparison across the join): the rest of the cursor's customer ("ties", by id
    on the (customer_id, id) index), then the customers after it ("beyond")."""
    if key.nullable:
        runs = ["nulls", "values"] if down else ["values", "nulls"]
        return runs if cursor is None else runs[runs.index("nulls" if cursor.value is None else "values"):]
    if key.pattern_ops and cursor is not None:
        return ["ties", "beyond"]
    return ["values"]


def _keyset(session: Session, where: list[str], params: dict, key: _Key, down: bool, cursor: Cursor | None,
            limit: int) -> list[OrderRow]:
    """Walk the sort order from ``cursor`` (exclusive), through its runs, until ``limit`` rows."""
    if where == [_NOTHING] or limit <= 0:
        return []
    rows: list[OrderRow] = []
    id_order, id_after = ("o.id DESC", "o.id < :cid") if down else ("o.id ASC", "o.id > :cid")
    for number, run in enumerate(_runs(key, down, cursor)):
        conditions, order = list(where), _order_by(key, down)
        values = dict(params, limit=limit - len(rows))
        if cursor is not None:
            values.update(cv=cursor.value, cid=cursor.id)
        if run == "nulls":
            conditions.append(f"{key.expr} IS NULL")
            order = id_order
            if cursor is not None and number == 0:
                conditions.append(id_after)
        elif run == "ties":
            conditions += [f"{key.expr} = {key.param}", id_after]
            order = id_order
        elif run == "beyond":
            conditions.append(f"{key.expr} {_after_operator(key, down)} {key.param}")
        else:
            if key.nullable:
                conditions.append(f"{key.expr} IS NOT NULL")
            if cursor is not None and number == 0:
                conditions.append(_after(key, down))
        if key.pattern_ops:  # ids first (index only), then the rows: no sort of a big customer's whole rows
            sql = f"SELECT o.id FROM {_FROM} WHERE {' AND '.join(conditions)} ORDER BY {order} LIMIT :limit"
            ids = session.execute(text(sql), values).scalars().all()
            found = {row.id: row for row in _rows_by_id(session, ids)}
            rows.extend(found[i] for i in ids)
        else:
            sql = f"SELECT {_COLUMNS} FROM {_FROM} WHERE {' AND '.join(conditions)} ORDER BY {order} LIMIT :limit"
            rows.extend(OrderRow(*row) for row in session.execute(text(sql), values))
        if len(rows) >= limit:
            break
    return rows


def _rows_by_id(session: Session, ids) -> list[OrderRow]:
    if not ids:
        return []
    return [OrderRow(*row) for row in session.execute(_ROWS_BY_ID, {"ids": list(ids)})]


def _planned_rows(session: Session, sql: str, params: dict) -> int:
    plan = session.execute(text("EXPLAIN (FORMAT JSON) " + sql), params).scalar_one()
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])
