"""Inventory reads: keyset pages of stock rows in every sort, filters, counts, and the stock ledger
read newest first in keyset pages — for one warehouse or merged across all of them."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from app.services.inventory_queries import (SORT_FIELDS, StockFilter, StockSort, count_stock, fetch_ledger,
                                            fetch_stock, fetch_stock_rows, list_warehouses, sort_values)

STOCK_DATA = """
INSERT INTO warehouse (code, name) VALUES ('SZ', 'Suzhou factory'), ('BJ', 'Beijing 北京仓');
INSERT INTO product (sku, name, family_id, supply, list_price)
SELECT 'PX-' || lpad(n::text, 3, '0'), (ARRAY['Gear pump', 'Seal ring', 'Motor 电机', 'valve body', 'Ölpumpe'])[n % 5 + 1]
       || ' ' || n, 1, 'buy', 10 + n
FROM generate_series(1, 90) AS n;
"""


@pytest.fixture
def stock(company):
    """About 250 stock rows over three warehouses with ties in every quantity, some low, and a ledger."""
    rng = random.Random(11)
    with company.admin.cursor() as cur:
        cur.execute(STOCK_DATA)
        cur.execute("SELECT id FROM product WHERE sku LIKE 'PX-%' ORDER BY id")
        products = [r[0] for r in cur.fetchall()]
        cur.execute("SELECT id FROM warehouse ORDER BY id")
        warehouses = [r[0] for r in cur.fetchall()]
        rows = [(p, w, rng.choice((0, 5, 10, 40)), rng.choice((0, 0, 5, 20))) for p in products for w in warehouses
                if rng.random() < 0.9]
        cur.executemany("INSERT INTO stock_level (product_id, warehouse_id, on_hand, reorder_point) "
                        "VALUES (%s, %s, %s, %s)", rows)
        cur.execute("UPDATE stock_level SET reserved = least(on_hand, (id % 3) * 5)")
    company.ids["warehouses"] = warehouses
    company.warehouse_uow = company.uow_factory("warehouse")   # one engine for the many reads below
    return company


def reference(company, stock_filter: StockFilter, sort: StockSort) -> list[int]:
    """The expected order, computed in Python from every stock row."""
    rows = fetch_stock_rows([r[0] for r in company.rows("SELECT id FROM stock_level")], uow=company.warehouse_uow())
    text = stock_filter.text.lower()
    rows = [r for r in rows if (not text or r.sku.lower().startswith(text) or text in r.product_name.lower())
            and (stock_filter.warehouse_id is None or r.warehouse_id == stock_filter.warehouse_id)
            and (not stock_filter.low_only or r.low)]
    rows.sort(key=lambda r: sort_values(sort, r), reverse=sort.descending)
    return [r.id for r in rows]


def walk(company, stock_filter, sort, size) -> list[int]:
    uow_factory = company.warehouse_uow
    rows, after = [], None
    while True:
        page = fetch_stock(stock_filter, sort, after=after, limit=size, uow=uow_factory())
        rows += page
        if len(page) < size:
            return [r.id for r in rows]
        after = page[-1]


def test_keyset_pages_stitch_to_the_whole_sorted_list_for_every_sort_and_filter(stock):
    filters = [StockFilter(), StockFilter(text="px-01"), StockFilter(text="PUMP"), StockFilter(low_only=True),
               StockFilter(warehouse_id=stock.ids["warehouses"][1], low_only=True)]
    for field in SORT_FIELDS:
        for descending in (False, True):
            sort = StockSort(field, descending)
            for stock_filter in filters:
                expected = reference(stock, stock_filter, sort)
                assert expected, stock_filter
                assert walk(stock, stock_filter, sort, 17) == expected, (sort, stock_filter)


def test_search_matches_sku_prefix_or_a_part_of_the_name_with_wildcards_taken_literally(stock):
    uow = stock.uow_factory("warehouse")
    skus = {r.sku for r in fetch_stock(StockFilter(text="px-00"), StockSort(), limit=500, uow=uow())}
    assert skus == {f"PX-00{n}" for n in range(1, 10)}
    names = {r.product_name.split()[0] for r in fetch_stock(StockFilter(text="电机"), StockSort(), limit=500, uow=uow())}
    assert names == {"Motor"}
    assert fetch_stock(StockFilter(text="%"), StockSort(), uow=uow()) == []


def test_counts_and_low_stock_follow_available_against_the_reorder_point(stock):
    counted = count_stock(StockFilter(), uow=stock.uow("warehouse"))
    assert counted.rows == stock.scalar("SELECT count(*) FROM stock_level")
    assert counted.low == stock.scalar(
        "SELECT count(*) FROM stock_level WHERE reorder_point > 0 AND on_hand - reserved <= reorder_point") > 0
    low = fetch_stock(StockFilter(low_only=True), StockSort(), limit=1000, uow=stock.uow("warehouse"))
    assert len(low) == counted.low and all(r.low and r.available <= r.reorder_point for r in low)
    no_point = fetch_stock_rows([r[0] for r in stock.rows("SELECT id FROM stock_level WHERE reorder_point = 0")],
                                uow=stock.uow("warehouse"))
    assert no_point and not any(r.low for r in no_point)   # nothing to reorder against: never low


def test_rows_by_id_skip_those_that_no_longer_match_the_filter(stock):
    ids = [r[0] for r in stock.rows("SELECT id FROM stock_level ORDER BY id LIMIT 40")]
    low = {r.id for r in fetch_stock_rows(ids, filter=StockFilter(low_only=True), uow=stock.uow("warehouse"))}
    assert low == {r[0] for r in stock.rows(
        "SELECT id FROM stock_level WHERE id = ANY(%s) AND reorder_point > 0 AND on_hand - reserved <= reorder_point",
        ids)}


def test_warehouses_are_listed_by_code(stock):
    assert [w.code for w in list_warehouses(uow=stock.uow("clerk"))] == ["BJ", "SH", "SZ"]


def test_the_ledger_pages_newest_first_per_warehouse_and_across_warehouses(stock):
    pump, (sh, sz, bj) = stock.ids["pump"], stock.ids["warehouses"]
    conn = stock.logins["warehouse"].connect(autocommit=True)
    with conn.cursor() as cur:
        cur.execute("INSERT INTO stock_level (product_id, warehouse_id, on_hand) VALUES (%s, %s, 7), (%s, %s, 3)",
                    (pump, sz, pump, bj))
        for n in range(40):
            cur.execute("SELECT set_config('orderpilot.stock_reason', 'count', false), "
                        "set_config('orderpilot.stock_reference', %s, false)", (f"C-{n}",))
            cur.execute("UPDATE stock_level SET on_hand = on_hand + 1 WHERE product_id = %s AND warehouse_id = %s",
                        (pump, (sh, sz, bj)[n % 3]))
    conn.close()
    every = [r[0] for r in stock.rows("SELECT id FROM stock_move WHERE product_id = %s ORDER BY id DESC", pump)]
    in_sz = [r[0] for r in stock.rows("SELECT id FROM stock_move WHERE product_id = %s AND warehouse_id = %s "
                                      "ORDER BY id DESC", pump, sz)]
    uow = stock.uow_factory("clerk")
    for warehouse, expected in ((None, every), (sz, in_sz)):
        seen, before = [], None
        while True:
            page = fetch_ledger(pump, warehouse, before_id=before, limit=6, uow=uow())
            seen += page
            if len(page) < 6:
                break
            before = page[-1].id
        assert [m.id for m in seen] == expected
    newest = fetch_ledger(pump, None, limit=1, uow=uow())[0]
    assert (newest.reason, newest.reference, newest.on_hand_delta, newest.warehouse_code) == (
        "count", "C-39", Decimal(1), "SH")
    assert newest.actor == stock.logins["warehouse"].name and newest.actor_name == "Warehouse"
    assert [m.id for m in fetch_ledger(pump, None, after_id=every[5], uow=uow())] == every[:5]
