"""Read what documents print, as plain dataclasses (:mod:`.model`), in one unit of work each.

Every login may read every table these queries touch, so any role can print. Each function
opens the unit of work it is given and never writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal

from sqlalchemy import text

from app.services.documents.formatting import country_name
from app.services.documents.model import (
    DocumentLine,
    OrderDocument,
    Package,
    ReturnDocument,
    ReturnLine,
    ShipmentDocument,
    ShippedLine,
    ShippingLabel,
)
from app.services.documents.settings import Address
from app.services.documents.wording import document_language
from app.services.errors import ValidationFailed

_ORDERS = text("""
SELECT o.id, o.order_no, o.order_date, o.requested_date, o.promised_date, o.currency, o.status,
       o.customer_reference, o.notes,
       o.ship_to_name, o.ship_to_address1, o.ship_to_address2, o.ship_to_city, o.ship_to_region,
       o.ship_to_postal_code, o.ship_to_country,
       c.code AS customer_code, c.name AS customer_name, c.contact_name, c.email, c.phone,
       c.address_line1, c.address_line2, c.city, c.region, c.postal_code, c.country, c.language,
       c.payment_terms_days,
       w.name AS warehouse_name, w.address_line1 AS warehouse_address1, w.city AS warehouse_city,
       w.postal_code AS warehouse_postal_code, w.country AS warehouse_country,
       coalesce(u.display_name, o.created_by) AS contact
FROM sales_order o
JOIN customer c ON c.id = o.customer_id
LEFT JOIN warehouse w ON w.id = coalesce(o.warehouse_id,
    (SELECT l.warehouse_id FROM sales_order_line l WHERE l.order_id = o.id AND l.warehouse_id IS NOT NULL
     ORDER BY l.line_no LIMIT 1))
LEFT JOIN app_user u ON u.login = o.created_by
WHERE o.order_no = ANY(:numbers)
""")

_LINES = text("""
SELECT l.id, l.order_id, l.line_no, p.sku, p.name, l.description, l.quantity, p.uom, l.unit_price,
       l.discount_pct, l.tax_rate, l.line_total, l.reserved_qty, p.weight_kg,
       wh.code AS warehouse_code, loc.code AS location_code, loc.pick_sequence
FROM sales_order_line l
JOIN sales_order o ON o.id = l.order_id
JOIN product p ON p.id = l.product_id
LEFT JOIN warehouse wh ON wh.id = coalesce(l.warehouse_id, o.warehouse_id)
LEFT JOIN stock_level sl ON sl.product_id = l.product_id AND sl.warehouse_id = wh.id
LEFT JOIN location loc ON loc.id = sl.location_id
WHERE l.order_id = ANY(:ids)
ORDER BY l.order_id, l.line_no
""")

_SHIPMENTS = text("""
SELECT s.id, s.shipment_no, s.order_id, o.order_no, s.service, s.tracking_no, s.status, s.weight_kg,
       s.shipped_at, s.created_at, ca.code AS carrier_code, ca.name AS carrier_name, ca.tracking_url,
       w.name AS warehouse_name, w.address_line1 AS warehouse_address1, w.city AS warehouse_city,
       w.postal_code AS warehouse_postal_code, w.country AS warehouse_country
FROM shipment s
JOIN sales_order o ON o.id = s.order_id
LEFT JOIN carrier ca ON ca.id = s.carrier_id
LEFT JOIN warehouse w ON w.id = s.warehouse_id
WHERE s.status <> 'cancelled' AND (s.id = ANY(:ids) OR o.order_no = ANY(:numbers))
ORDER BY s.id
""")

_PACKAGES = text("""
SELECT shipment_id, package_no, weight_kg, length_cm, width_cm, height_cm, tracking_no
FROM shipment_package WHERE shipment_id = ANY(:ids) ORDER BY shipment_id, package_no
""")

_SHIPMENT_LINES = text("""
SELECT sl.shipment_id, sl.order_line_id, sl.quantity, pk.package_no
FROM shipment_line sl LEFT JOIN shipment_package pk ON pk.id = sl.package_id
WHERE sl.shipment_id = ANY(:ids)
""")

_RMA = text("""
SELECT r.id, r.rma_no, r.status, r.reason, r.resolution, r.created_at, o.order_no
FROM rma r JOIN sales_order o ON o.id = r.order_id
WHERE r.rma_no = :number OR o.order_no = :number
ORDER BY r.id DESC LIMIT 1
""")

_RMA_LINES = text("""
SELECT p.sku, p.name, p.uom, rl.quantity, rl.reason_code, rl.condition, l.line_no
FROM rma_line rl JOIN product p ON p.id = rl.product_id
LEFT JOIN sales_order_line l ON l.id = rl.order_line_id
WHERE rl.rma_id = :id ORDER BY rl.id
""")


def _address(name, line1, line2, city, region, postal_code, country, language) -> Address:
    place = " ".join(part for part in (postal_code, city, region) if part)
    return Address(name or "", tuple(part for part in (line1, line2, place) if part),
                   country_name(country, language))


def _warehouse(row, language: str) -> Address | None:
    if row.warehouse_name is None:
        return None
    return _address(row.warehouse_name, row.warehouse_address1, None, row.warehouse_city, None,
                    row.warehouse_postal_code, row.warehouse_country, language)


def _order(row, lines: list) -> OrderDocument:
    language = document_language(row.language)
    customer = _address(row.customer_name, row.address_line1, row.address_line2, row.city, row.region,
                        row.postal_code, row.country, language)
    has_ship_to = any((row.ship_to_name, row.ship_to_address1, row.ship_to_city))
    ship_to = _address(row.ship_to_name or row.customer_name, row.ship_to_address1, row.ship_to_address2,
                       row.ship_to_city, row.ship_to_region, row.ship_to_postal_code,
                       row.ship_to_country or row.country, language) if has_ship_to else customer
    return OrderDocument(
        id=row.id, order_no=row.order_no, order_date=row.order_date, language=language,
        currency=row.currency, customer_code=row.customer_code, customer=customer, ship_to=ship_to,
        warehouse=_warehouse(row, language), customer_reference=row.customer_reference,
        requested_date=row.requested_date, promised_date=row.promised_date,
        payment_terms_days=row.payment_terms_days, contact=row.contact, notes=row.notes,
        status=row.status, customer_contact=row.contact_name, customer_phone=row.phone, customer_email=row.email,
        lines=tuple(DocumentLine(
            id=line.id, line_no=line.line_no, sku=line.sku, name=line.name, description=line.description,
            quantity=line.quantity, uom=line.uom, unit_price=line.unit_price, discount_pct=line.discount_pct,
            tax_rate=line.tax_rate, net=line.line_total, reserved_qty=line.reserved_qty,
            weight_kg=line.weight_kg, warehouse_code=line.warehouse_code, location_code=line.location_code,
            pick_sequence=line.pick_sequence) for line in lines))


def _read_orders(session, order_nos: Sequence[str]) -> dict[str, OrderDocument]:
    rows = session.execute(_ORDERS, {"numbers": list(order_nos)}).all()
    lines: dict[int, list] = {}
    if rows:
        for line in session.execute(_LINES, {"ids": [row.id for row in rows]}):
            lines.setdefault(line.order_id, []).append(line)
    return {row.order_no: _order(row, lines.get(row.id, [])) for row in rows}


def _missing(order_no: str) -> ValidationFailed:
    return ValidationFailed(f"There is no order {order_no}.", field="order_no")


def load_order_document(order_no: str, *, uow) -> OrderDocument:
    """The order ``order_no`` with customer, addresses, lines and pick locations."""
    order_no = order_no.strip()
    with uow:
        orders = _read_orders(uow.session, [order_no])
    if order_no not in orders:
        raise _missing(order_no)
    return orders[order_no]


def _shipments(session, *, ids: Sequence[int] = (), order_nos: Sequence[str] = ()) -> list[ShipmentDocument]:
    rows = session.execute(_SHIPMENTS, {"ids": list(ids), "numbers": list(order_nos)}).all()
    if not rows:
        return []
    orders = _read_orders(session, sorted({row.order_no for row in rows}))
    shipment_ids = [row.id for row in rows]
    packages: dict[int, list[Package]] = {}
    for p in session.execute(_PACKAGES, {"ids": shipment_ids}):
        packages.setdefault(p.shipment_id, []).append(Package(
            p.package_no, p.weight_kg, p.length_cm, p.width_cm, p.height_cm, p.tracking_no))
    shipped: dict[int, list] = {}
    for s in session.execute(_SHIPMENT_LINES, {"ids": shipment_ids}):
        shipped.setdefault(s.shipment_id, []).append(s)
    result = []
    for row in rows:
        order = orders[row.order_no]
        by_id = {line.id: line for line in order.lines}
        lines = sorted((ShippedLine(by_id[s.order_line_id], s.quantity, s.package_no)
                        for s in shipped.get(row.id, []) if s.order_line_id in by_id),
                       key=lambda s: s.line.line_no)
        url = (row.tracking_url.replace("{tracking_no}", row.tracking_no)
               if row.tracking_url and row.tracking_no else None)
        warehouse = _warehouse(row, order.language) or order.warehouse
        result.append(ShipmentDocument(
            id=row.id, shipment_no=row.shipment_no, order=replace(order, warehouse=warehouse),
            carrier_code=row.carrier_code,
            carrier_name=row.carrier_name, service=row.service, tracking_no=row.tracking_no,
            tracking_url=url, weight_kg=row.weight_kg, status=row.status, shipped_at=row.shipped_at,
            packages=tuple(packages.get(row.id, ())), lines=tuple(lines)))
    return result


def load_shipment_document(order_no: str, *, uow) -> ShipmentDocument:
    """The order's latest shipment (``SH-…`` numbers are accepted too); without one, the whole order.

    An order that has no shipment yet gets a packing slip of every line at its ordered quantity.
    """
    number = order_no.strip()
    with uow:
        session = uow.session
        if number.upper().startswith("SH-"):
            found = session.execute(text("SELECT id FROM shipment WHERE shipment_no = :n"), {"n": number}).scalar()
            shipments = _shipments(session, ids=[found]) if found else []
            if not shipments:
                raise ValidationFailed(f"There is no shipment {number}.", field="shipment_no")
            return shipments[-1]
        shipments = _shipments(session, order_nos=[number])
        if shipments:
            return shipments[-1]
        orders = _read_orders(session, [number])
    if number not in orders:
        raise _missing(number)
    order = orders[number]
    return ShipmentDocument(shipment_no="", order=order,
                            lines=tuple(ShippedLine(line, line.quantity) for line in order.lines))


def load_return_document(number: str, *, uow) -> ReturnDocument:
    """An RMA by its ``RMA-…`` number, or the latest RMA of an order number."""
    number = number.strip()
    with uow:
        session = uow.session
        row = session.execute(_RMA, {"number": number}).first()
        if row is None:
            raise ValidationFailed(f"There is no return authorisation for {number}.", field="rma_no")
        order = _read_orders(session, [row.order_no])[row.order_no]
        lines = session.execute(_RMA_LINES, {"id": row.id}).all()
    return ReturnDocument(
        rma_no=row.rma_no, created_at=row.created_at, status=row.status, reason=row.reason,
        resolution=row.resolution, order=order, return_to=order.warehouse or Address(),
        lines=tuple(ReturnLine(line.sku, line.name, line.quantity, line.reason_code, line.condition, line.uom,
                               line.line_no) for line in lines))


def labels_for_shipment(shipment: ShipmentDocument, ship_date: date | None = None) -> list[ShippingLabel]:
    """One label per package (one for the whole shipment when it has no packages)."""
    order = shipment.order
    packages = shipment.packages or (Package(1, shipment.weight_kg, tracking_no=shipment.tracking_no),)
    day = ship_date or (shipment.shipped_at.date() if shipment.shipped_at else None)
    labels = []
    for package in packages:
        tracking = package.tracking_no or shipment.tracking_no
        url = shipment.tracking_url
        if url and shipment.tracking_no and tracking != shipment.tracking_no:
            url = url.replace(shipment.tracking_no, tracking)
        labels.append(ShippingLabel(
            ship_to=order.ship_to, order_no=order.order_no, language=order.language,
            shipment_no=shipment.shipment_no or None, package_no=package.package_no,
            package_count=len(packages), weight_kg=package.weight_kg or shipment.weight_kg,
            carrier_name=shipment.carrier_name or shipment.carrier_code, service=shipment.service,
            tracking_no=tracking, tracking_url=url, customer_reference=order.customer_reference,
            ship_date=day, warehouse=order.warehouse))
    return labels


def load_labels(*, uow, order_nos: Sequence[str] = (), shipment_ids: Sequence[int] = (),
                ship_date: date | None = None) -> list[ShippingLabel]:
    """Labels for the shipments of ``order_nos`` and for ``shipment_ids``, in one read.

    An order without a shipment gets one label from its own data (barcode: the order number).
    """
    numbers = [n.strip() for n in order_nos]
    with uow:
        session = uow.session
        shipments = _shipments(session, ids=shipment_ids, order_nos=numbers)
        shipped_orders = {s.order.order_no for s in shipments}
        unshipped = [n for n in numbers if n not in shipped_orders]
        orders = _read_orders(session, unshipped) if unshipped else {}
    missing = [n for n in unshipped if n not in orders]
    if missing:
        raise _missing(", ".join(missing))
    labels = [label for shipment in shipments for label in labels_for_shipment(shipment, ship_date)]
    for number in unshipped:
        order = orders[number]
        weight = sum((line.weight_kg * line.quantity for line in order.lines), Decimal(0))
        labels.append(ShippingLabel(
            ship_to=order.ship_to, order_no=order.order_no, language=order.language, weight_kg=weight,
            customer_reference=order.customer_reference, ship_date=ship_date, warehouse=order.warehouse))
    return labels
