"""Fixtures for document tests (the data helpers live in document_shop.py)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from document_shop import ADDRESSES, Shop  # noqa: E402

from app.services.documents.settings import load_document_settings  # noqa: E402


@pytest.fixture(autouse=True)
def no_user_document_settings(tmp_path, monkeypatch):
    """Documents read only the shipped defaults, never the developer's own company.ini."""
    monkeypatch.setenv("OP_CONFIG_DIR", str(tmp_path / "config"))


@pytest.fixture
def settings():
    """The shipped settings; OP_TEST_DOCUMENT_FONT=builtin runs everything on the CID fallback font
    (what a machine without an embeddable TrueType CJK font, such as CI's, uses anyway)."""
    shipped = load_document_settings()
    font = os.environ.get("OP_TEST_DOCUMENT_FONT")
    return shipped.with_values("fonts", cjk_font=font) if font else shipped


@pytest.fixture
def shop(company, make_login):
    with company.admin.cursor() as cur:
        cur.execute(ADDRESSES)
    warehouse = make_login("warehouse", "op_warehouse")
    conn = warehouse.connect()
    with conn, conn.cursor() as cur:  # bins, as the warehouse would set them up
        cur.execute("INSERT INTO location (warehouse_id, code, pick_sequence) VALUES "
                    "(%(w)s, 'B-02-01', 10), (%(w)s, 'A-07-03', 30) RETURNING id", {"w": company.ids["warehouse"]})
        valve_bin, pump_bin = [row[0] for row in cur.fetchall()]
        cur.execute("UPDATE stock_level SET location_id = %s WHERE product_id = %s", (valve_bin, company.ids["valve"]))
        cur.execute("UPDATE stock_level SET location_id = %s WHERE product_id = %s", (pump_bin, company.ids["pump"]))
    conn.close()
    company.logins["shipper"] = make_login("shipper", "op_shipping")
    company.logins["service"] = make_login("aftersales", "op_service")
    return Shop(company, company.logins["shipper"], company.logins["service"])
