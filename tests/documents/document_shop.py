"""The test company dressed for documents: addresses, bins, a carrier; shipments and RMAs made
with raw SQL as the shipping and after-sales logins (there is no service for them yet)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from app.services.orders import LineInput, OrderInput, ShipTo, create_order

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "documents"
SF_URL = "https://www.sf-express.com/track?no={}"

ADDRESSES = """
UPDATE customer SET address_line1 = '浦东新区张江路 1000 号', address_line2 = '3 号楼 2 层', city = '上海',
       postal_code = '201203', contact_name = '王经理', phone = '021-5080 1234', language = 'zh_CN'
 WHERE code = 'C001';
UPDATE customer SET address_line1 = 'Industriestraße 12', city = 'München', postal_code = '80331',
       country = 'DE', language = 'en', currency = 'EUR', credit_limit = NULL
 WHERE code = 'C002';
UPDATE warehouse SET address_line1 = '临港大道 88 号', city = '上海', postal_code = '201306' WHERE code = 'SH';
UPDATE product SET tax_rate = 6, weight_kg = 0.8 WHERE sku = 'V-20';
UPDATE product SET weight_kg = 35 WHERE sku = 'P-100';
UPDATE product SET weight_kg = 120 WHERE sku = 'CAB-1';
INSERT INTO carrier (code, name, services, tracking_url) VALUES
    ('SF', '顺丰速运 SF Express', '{standard,express}', 'https://www.sf-express.com/track?no={tracking_no}'),
    ('DHL', 'DHL Express', '{WORLDWIDE}', NULL);
"""


@dataclass
class Shop:
    """The company fixture plus what documents need, and helpers acting as the right logins."""

    company: object
    shipper: object
    service: object

    def __getattr__(self, name):
        return getattr(self.company, name)

    def order(self, *lines, customer: str = "customer", **header):
        """A draft order created by the clerk through the order service."""
        order = OrderInput(customer_id=self.company.ids[customer], lines=tuple(
            LineInput(product_id=self.company.ids[p], quantity=Decimal(str(q)),
                      unit_price=None if price is None else Decimal(str(price))) for p, q, price in lines), **header)
        return create_order(order, uow=self.company.uow("clerk"))

    def ship(self, order, packages: list[tuple[str, str]], *, carrier: str = "SF", service: str = "standard",
             tracking: str | None = None) -> int:
        """As the shipping login: a shipment of every line, in ``packages`` [(weight, tracking)]."""
        conn = self.shipper.connect()
        with conn, conn.cursor() as cur:
            cur.execute("INSERT INTO shipment (order_id, warehouse_id, carrier_id, service, tracking_no, weight_kg) "
                        "SELECT %s, %s, id, %s, %s, %s FROM carrier WHERE code = %s RETURNING id",
                        (order.id, self.company.ids["warehouse"], service, tracking,
                         sum(Decimal(w) for w, _ in packages), carrier))
            shipment = cur.fetchone()[0]
            package_ids = []
            for number, (weight, package_tracking) in enumerate(packages, start=1):
                cur.execute("INSERT INTO shipment_package (shipment_id, package_no, weight_kg, length_cm, width_cm, "
                            "height_cm, tracking_no) VALUES (%s, %s, %s, 60, 40, 40, %s) RETURNING id",
                            (shipment, number, weight, package_tracking))
                package_ids.append(cur.fetchone()[0])
            for index, line in enumerate(order.lines):
                cur.execute("INSERT INTO shipment_line (shipment_id, order_line_id, package_id, quantity) "
                            "VALUES (%s, %s, %s, %s)", (shipment, line.id, package_ids[index % len(package_ids)],
                                                        line.quantity))
        conn.close()
        return shipment

    def rma(self, order, reason: str, lines: list[tuple[int, str, str, str | None]]) -> str:
        """As the after-sales login: an RMA with (order line index, quantity, reason code, condition)."""
        conn = self.service.connect()
        with conn, conn.cursor() as cur:
            cur.execute("INSERT INTO rma (order_id, customer_id, reason) VALUES (%s, %s, %s) RETURNING id, rma_no",
                        (order.id, order.customer_id, reason))
            rma_id, rma_no = cur.fetchone()
            for index, quantity, code, condition in lines:
                line = order.lines[index]
                cur.execute("INSERT INTO rma_line (rma_id, order_line_id, product_id, quantity, reason_code, "
                            "condition) VALUES (%s, %s, %s, %s, %s, %s)",
                            (rma_id, line.id, line.product_id, quantity, code, condition))
            cur.execute("UPDATE rma SET status = 'authorised' WHERE id = %s", (rma_id,))
        conn.close()
        return rma_no


def ship_to_munich() -> ShipTo:
    return ShipTo(name="Hansen Pumpen GmbH – Wareneingang", address1="Lagerstraße 5", city="Garching",
                  postal_code="85748", country="DE")


def two_orders(shop):
    """A Chinese order shipped by SF in two parcels, an English one by DHL without tracking."""
    domestic = shop.order(("pump", 2, None), ("valve", 10, None), customer_reference="PO-88")
    shop.ship(domestic, [("70.000", "SF1400000000011"), ("8.000", "SF1400000000012")], tracking="SF1400000000011")
    export = shop.order(("pump", 1, None), customer="credit_customer", ship_to=ship_to_munich())
    shop.ship(export, [("36.500", None)], carrier="DHL", service="WORLDWIDE")
    return domestic, export
