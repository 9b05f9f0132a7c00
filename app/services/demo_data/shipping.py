"""Shipping: shipments with packages and lines, stock taken out, carrier tracking, delivery."""

from __future__ import annotations

from app.services.demo_data import stock
from app.services.demo_data.logins import SERVICE, SHIPPING
from app.services.demo_data.plant import DOMESTIC_CARRIERS, EXPORT_CARRIERS
from app.services.demo_data.production import READY_DAY
from app.services.demo_data.session import acting_as

_SHIPPED_AT = (f"least(now() - interval '30 minutes', (({READY_DAY}) + 1 + time '09:00')::timestamptz"
               f" + make_interval(mins => mod(o.id, 480)::int))")
_PACKAGES = "least(4, greatest(1, ceil(s.weight_kg / 300)::int))"
_TRACKING_NO = """
    CASE c.code
        WHEN 'SF' THEN 'SF' || lpad(mod(o.id * 7919 + 104729, 10000000000000)::text, 13, '0')
        WHEN 'JD' THEN 'JDVA' || lpad(mod(o.id * 6007 + 3571, 100000000000)::text, 11, '0')
        WHEN 'EMS' THEN 'E' || chr(65 + mod(o.id, 26)::int) || lpad(mod(o.id * 3943, 1000000000)::text, 9, '0') || 'CN'
        WHEN 'DHL' THEN lpad(mod(o.id * 7507 + 11, 10000000000)::text, 10, '0')
        WHEN 'UPS' THEN '1Z' || upper(substr(md5(o.id::text), 1, 16))
        ELSE lpad(mod(o.id * 8093 + 7, 1000000000000)::text, 12, '0')
    END"""
_EVENTS = """
    (VALUES ('picked_up', interval '0', false, NULL, '已揽收 / Picked up by the carrier'),
            ('in_transit', interval '9 hours', false, '上海转运中心 / Shanghai sorting hub', '运输中 / In transit'),
            ('customs', interval '1 day', true, '上海浦东国际机场 / Shanghai Pudong Airport (PVG)',
             '出口报关放行 / Export customs cleared'),
            ('in_transit', interval '2 days', true, NULL, 'Arrived at destination country hub'))
    AS e(status, after, export_only, hub, description)"""


def ship(cur, order_ids: list[int], reference: str) -> None:
    """Pack, label and hand over to the carrier (as demo_shipping): stock leaves the warehouse.

    Each order's weight is summed per order (LATERAL, by the order-line index), not as one
    aggregate over the batch joined back to the orders: the loader's statistics never see an
    order waiting at ready_to_ship, so the planner expects one such order and may rerun a batch-wide
    aggregate once per order (quadratic: a 32k-order batch did not finish in 30 minutes).
    """
    if not order_ids:
        return
    params = {"ids": order_ids, "domestic": list(DOMESTIC_CARRIERS) + ["SF"], "export": list(EXPORT_CARRIERS)}
    with acting_as(cur, SHIPPING):
        cur.execute(f"""
            INSERT INTO shipment (order_id, warehouse_id, carrier_id, service, tracking_no, weight_kg)
            SELECT o.id, o.warehouse_id, c.id,
                   CASE WHEN w.kg > 300 THEN c.services[cardinality(c.services)]
                        ELSE c.services[1 + mod(o.id, greatest(1, least(2, cardinality(c.services))))::int] END,
                   {_TRACKING_NO}, w.kg
            FROM sales_order o
            CROSS JOIN LATERAL (SELECT round(sum(l.quantity * p.weight_kg), 3) AS kg
                                FROM sales_order_line l JOIN product p ON p.id = l.product_id
                                WHERE l.order_id = o.id HAVING count(*) > 0) w
            JOIN carrier c ON c.code = CASE WHEN o.ship_to_country = 'CN'
                                            THEN (%(domestic)s::text[])[1 + mod(o.id, 4)::int]
                                            ELSE (%(export)s::text[])[1 + mod(o.id, 3)::int] END
            WHERE o.id = ANY(%(ids)s::bigint[]) AND o.status = 'ready_to_ship'
            ORDER BY o.id""", params)
        cur.execute(f"""
            INSERT INTO shipment_package (shipment_id, package_no, weight_kg, length_cm, width_cm, height_cm,
                                          tracking_no)
            SELECT s.id, g.n, round(s.weight_kg / k.n, 3),
                   CASE WHEN s.weight_kg / k.n < 30 THEN 40 WHEN s.weight_kg / k.n < 150 THEN 80 ELSE 120 END,
                   CASE WHEN s.weight_kg / k.n < 30 THEN 30 WHEN s.weight_kg / k.n < 150 THEN 60 ELSE 100 END,
                   CASE WHEN s.weight_kg / k.n < 30 THEN 25 WHEN s.weight_kg / k.n < 150 THEN 60 ELSE 110 END,
                   CASE WHEN k.n > 1 THEN s.tracking_no || '-' || g.n ELSE s.tracking_no END
            FROM shipment s
            CROSS JOIN LATERAL (SELECT {_PACKAGES} AS n) k
            CROSS JOIN LATERAL generate_series(1, k.n) g(n)
            WHERE s.order_id = ANY(%(ids)s::bigint[])""", params)
        cur.execute(f"""
            INSERT INTO shipment_line (shipment_id, order_line_id, package_id, quantity)
            SELECT s.id, l.id, pk.id, l.quantity
            FROM shipment s
            JOIN sales_order_line l ON l.order_id = s.order_id
            JOIN shipment_package pk ON pk.shipment_id = s.id AND pk.package_no = 1 + mod(l.line_no - 1, {_PACKAGES})
            WHERE s.order_id = ANY(%(ids)s::bigint[])""", params)
        stock.consume(cur, order_ids, reference)
        cur.execute("""
            UPDATE sales_order o SET status = 'shipped', status_note = c.name || ' ' || s.tracking_no
            FROM shipment s JOIN carrier c ON c.id = s.carrier_id
            WHERE s.order_id = o.id AND o.id = ANY(%(ids)s::bigint[]) AND o.status = 'ready_to_ship'""", params)
        cur.execute(f"""
            UPDATE shipment s SET status = 'shipped', shipped_at = {_SHIPPED_AT}
            FROM sales_order o WHERE o.id = s.order_id AND s.order_id = ANY(%(ids)s::bigint[])""", params)
        cur.execute(f"""
            INSERT INTO tracking_event (shipment_id, occurred_at, status, location, description, source)
            SELECT s.id, least(now(), s.shipped_at + e.after), e.status,
                   coalesce(e.hub, CASE WHEN e.export_only THEN o.ship_to_city ELSE w.city END),
                   e.description, 'carrier'
            FROM shipment s
            JOIN sales_order o ON o.id = s.order_id
            JOIN warehouse w ON w.id = s.warehouse_id
            CROSS JOIN {_EVENTS}
            WHERE s.order_id = ANY(%(ids)s::bigint[]) AND (NOT e.export_only OR o.ship_to_country <> 'CN')
            ORDER BY s.id, e.after""", params)


def deliver(cur, order_ids: list[int]) -> None:
    """The carrier confirms delivery (shipping records it); after-sales confirms some by phone."""
    if not order_ids:
        return
    params = {"ids": order_ids}
    with acting_as(cur, SHIPPING):
        cur.execute("""
            UPDATE shipment s
            SET status = 'delivered',
                delivered_at = greatest(s.shipped_at + interval '5 minutes', least(now() - interval '10 minutes',
                    s.shipped_at + make_interval(days => 1 + mod(s.order_id, CASE WHEN o.ship_to_country = 'CN' THEN 4 ELSE 7 END)::int, hours => 3)))
            FROM sales_order o WHERE o.id = s.order_id AND s.order_id = ANY(%(ids)s::bigint[])""", params)
        cur.execute("""
            INSERT INTO tracking_event (shipment_id, occurred_at, status, location, description, source)
            SELECT s.id, s.delivered_at - interval '3 hours', 'out_for_delivery', o.ship_to_city,
                   '派送中 / Out for delivery', 'carrier'
            FROM shipment s JOIN sales_order o ON o.id = s.order_id
            WHERE s.order_id = ANY(%(ids)s::bigint[]) AND s.delivered_at - interval '3 hours' > s.shipped_at
            UNION ALL
            SELECT s.id, s.delivered_at, 'delivered', o.ship_to_city,
                   '已签收 / Delivered, signed by ' || coalesce(o.ship_to_name, 'consignee'), 'carrier'
            FROM shipment s JOIN sales_order o ON o.id = s.order_id
            WHERE s.order_id = ANY(%(ids)s::bigint[])""", params)
        cur.execute("""
            UPDATE sales_order SET status = 'delivered', status_note = '承运商确认签收 / Carrier confirmed delivery'
            WHERE id = ANY(%s::bigint[]) AND status = 'shipped' AND mod(id, 10) < 7""", (order_ids,))
    with acting_as(cur, SERVICE):
        cur.execute("""
            UPDATE sales_order SET status = 'delivered', status_note = '客户电话确认收货 / Customer confirmed receipt'
            WHERE id = ANY(%s::bigint[]) AND status = 'shipped'""", (order_ids,))


def close(cur, orders) -> None:
    """After-sales closes most delivered orders once paid; sales close some of their own."""
    if not orders:
        return
    own = {}
    for order in orders:
        if order.id % 5 == 0:
            own.setdefault(order.login, []).append(order.id)
    for login, ids in sorted(own.items()):
        with acting_as(cur, login):
            cur.execute("UPDATE sales_order SET status = 'closed', status_note = '已回款 / Paid in full' "
                        "WHERE id = ANY(%s::bigint[]) AND status = 'delivered'", (ids,))
    with acting_as(cur, SERVICE):
        cur.execute("UPDATE sales_order SET status = 'closed', status_note = '已回款，订单关闭 / Paid, order closed' "
                    "WHERE id = ANY(%s::bigint[]) AND status = 'delivered'", ([o.id for o in orders],))
