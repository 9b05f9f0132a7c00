"""Turning planned headers into complete orders: customer, sales rep, channel, lines, dates."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
import random

from app.services.demo_data import plan
from app.services.demo_data.logins import SALES_LOGINS
from app.services.demo_data.names import CNY_PER_UNIT
from app.services.demo_data.plan import PENDING, Line, PlannedOrder

APPROVABLE_TOTAL = 450_000  # above 500,000 only the manager could approve; two approvers are needed
_CHANNELS_CN = (("phone", 28), ("fax", 6), ("email", 30), ("walk_in", 6), ("web_shop", 15), ("marketplace", 15))
_CHANNELS_EXPORT = (("email", 65), ("web_shop", 20), ("phone", 10), ("marketplace", 5))
_ORDER_TYPES = (("standard", 82), ("rush", 8), ("sample", 4), ("replacement", 4), ("stock", 2))
_LINE_COUNTS = ((1, 35), (2, 25), (3, 17), (4, 11), (5, 7), (6, 5))
_DISCOUNTS = ((0, 60), (3, 10), (5, 12), (8, 8), (10, 7), (12, 2), (18, 1))
_FAMILY_WEIGHT = {"SPARE": 3.0, "VALVE": 2.5, "PUMP": 2.0, "MOTOR": 2.0, "CABINET": 0.8}
_NEAR_SHANGHAI = {"江苏省", "浙江省", "安徽省"}


def _cum(pairs):
    return [v for v, _ in pairs], list(itertools.accumulate(w for _, w in pairs))


class OrderGenerator:
    """Fills in planned headers; one instance per load, deterministic per chunk seed."""

    def __init__(self, customers, products, today: dt.date, ref_base: int):
        self.today = today
        self.ref_base = ref_base
        self.open_customers = [c for c in customers if not c.blocked]
        self.blocked_customers = [c for c in customers if c.blocked]
        self.customer_cum = list(itertools.accumulate(c.weight for c in self.open_customers))
        self.products = products
        self.product_cum = list(itertools.accumulate(
            _FAMILY_WEIGHT.get(p.family, 1.0) / math.sqrt(p.price / 1000 + 1) for p in products))
        self.mto_products = [p for p in products if p.supply == "make_to_order"]
        self.lead_days = {p.id: p.lead_days for p in products}
        self.channels = {"CN": _cum(_CHANNELS_CN), "XX": _cum(_CHANNELS_EXPORT)}
        self.order_types = _cum(_ORDER_TYPES)
        self.line_counts = _cum(_LINE_COUNTS)
        self.discounts = _cum(_DISCOUNTS)

    def _pick(self, rng, table):
        values, cum = table
        return values[bisect.bisect(cum, rng.random() * cum[-1])]

    def chunk(self, headers: list[int], first_index: int, seed: int) -> list[PlannedOrder]:
        rng = random.Random(seed)
        return [self.order(rng, h // 16, plan.TARGET_NAMES[h % 16], first_index + n)
                for n, h in enumerate(headers)]

    def order(self, rng: random.Random, days_ago: int, target: str, index: int) -> PlannedOrder:
        reach, end, hold_first = plan.path_for(target, rng)
        order_date = self.today - dt.timedelta(days=days_ago)
        draft_only = reach == plan.DRAFT and end in (None, "cancelled", "on_hold")
        if draft_only and self.blocked_customers and rng.random() < 0.08:
            customer = rng.choice(self.blocked_customers)
        else:
            customer = self.open_customers[bisect.bisect(self.customer_cum, rng.random() * self.customer_cum[-1])]
        domestic = customer.country == "CN"
        channel = self._pick(rng, self.channels["CN" if domestic else "XX"])
        if order_date.weekday() >= 5 and channel not in ("web_shop", "marketplace") and days_ago >= 2:
            order_date -= dt.timedelta(days=order_date.weekday() - 4)  # offices take orders Mon–Fri
        if channel in ("web_shop", "marketplace") or not domestic:
            login = SALES_LOGINS[2]
        else:
            login = SALES_LOGINS[customer.id % 2]
        external_ref = None
        if channel == "web_shop":
            external_ref = f"WEB{self.ref_base + index:09d}"
        elif channel == "marketplace":
            platform = rng.choice(("1688", "JD", "TMALL")) if domestic else "ALIBABA"
            external_ref = f"{platform}-{self.ref_base + index:012d}"
        order_type = self._pick(rng, self.order_types)
        if order_type == "rush":
            priority = rng.choice((1, 2))
        elif order_type in ("sample", "replacement"):
            priority = 3
        elif order_type == "stock":
            priority = rng.choice((4, 5))
        else:
            priority = rng.choices((2, 3, 4, 5), (10, 70, 15, 5))[0]
        # Suzhou serves the neighbouring provinces; Shanghai the rest of China and most exports.
        if domestic and customer.region in _NEAR_SHANGHAI:
            warehouse = "SZ" if rng.random() < 0.8 else "SH"
        else:
            warehouse = "SH" if rng.random() < 0.65 else "SZ"
        reference = None
        if channel not in ("web_shop", "marketplace") and rng.random() < 0.6:
            reference = (f"CG-{order_date.year}-{rng.randint(100, 9999):04d}" if domestic
                         else f"PO {rng.randint(4500000000, 4509999999)}")
        order = PlannedOrder(
            target=target, reach=reach, end=end, order_date=order_date, customer=customer, login=login,
            channel=channel, external_ref=external_ref, order_type=order_type, priority=priority,
            requested_date=order_date, currency=customer.currency, warehouse=warehouse,
            customer_reference=reference,
            notes=rng.choice(plan.ORDER_NOTES) if rng.random() < 0.15 else None,
            hold_first=hold_first)
        order.lines = self._lines(rng, order, domestic)
        self._shape(rng, order)
        lead = max(self.lead_days.get(ln.product_id, 7) for ln in order.lines)
        lead = max(2, lead // 2) if order.order_type == "rush" else lead
        order.requested_date = order_date + dt.timedelta(days=lead + rng.randint(3, 14))
        self._events(rng, order)
        return order

    def _lines(self, rng, order: PlannedOrder, domestic: bool) -> list[Line]:
        count = 1 if order.order_type in ("sample", "replacement") else self._pick(rng, self.line_counts)
        chosen: dict[int, object] = {}
        for _ in range(count * 3):
            if len(chosen) == count:
                break
            p = self.products[bisect.bisect(self.product_cum, rng.random() * self.product_cum[-1])]
            chosen.setdefault(p.id, p)
        rate = CNY_PER_UNIT.get(order.currency, 1.0)
        discount_table = self.discounts
        lines = []
        for p in chosen.values():
            lines.append(self._line(rng, p, order, rate, domestic, discount_table))
        return lines

    def _line(self, rng, p, order, rate, domestic, discount_table) -> Line:
        if order.order_type in ("sample", "replacement"):
            qty = 1 if p.price > 500 else rng.choice((1, 2, 5))
        elif p.price < 500:
            qty = rng.choice((5, 10, 10, 20, 20, 50, 100))
        elif p.price < 2000:
            qty = rng.randint(2, 40)
        elif p.price < 10000:
            qty = rng.choices(range(1, 13), [12, 10, 8, 7, 6, 5, 4, 3, 3, 2, 2, 2])[0]
        elif p.price < 40000:
            qty = rng.choices((1, 2, 3, 4), (55, 25, 12, 8))[0]
        else:
            qty = rng.choices((1, 2), (80, 20))[0]
        if order.order_type == "stock":
            qty *= 3
        price = 0.0 if order.order_type == "replacement" else round(p.price / rate, 2)
        discount = 0 if price == 0 else self._pick(rng, discount_table)
        return Line(product_id=p.id, description=p.name, quantity=qty, unit_price=price, discount=discount,
                    tax_rate=13 if domestic else 0, made_to_order=p.supply == "make_to_order")

    def _shape(self, rng, order: PlannedOrder) -> None:
        """Make the lines fit the path: production stages need a built-to-order line, approved
        orders stay within what two approvers may approve, rejected/pending ones need approval."""
        stop = order.reach
        needs_mto = (order.target == "in_production"
                     or (stop == plan.IN_PRODUCTION and order.end in ("on_hold", "cancelled")))
        if needs_mto and not order.has_mto and order.order_type not in ("sample", "replacement"):
            p = rng.choice(self.mto_products)
            if all(ln.product_id != p.id for ln in order.lines):
                order.lines[-1] = self._line(rng, p, order, CNY_PER_UNIT.get(order.currency, 1.0),
                                             order.customer.country == "CN", self.discounts)
        if needs_mto and not order.has_mto:
            order.order_type = "standard"
            p = rng.choice(self.mto_products)
            order.lines = [Line(p.id, p.name, 1, round(p.price / CNY_PER_UNIT.get(order.currency, 1.0), 2), 0,
                                13 if order.customer.country == "CN" else 0, True)]
        if stop >= plan.APPROVED:
            while order.total > APPROVABLE_TOTAL:
                biggest = max(order.lines, key=lambda ln: ln.quantity * ln.unit_price)
                if biggest.quantity > 1:
                    biggest.quantity = max(1, int(biggest.quantity * APPROVABLE_TOTAL / order.total))
                else:
                    order.lines.remove(biggest)
        waits_for_approval = (order.end in ("rejected", "rejected_cancelled")
                              or (stop == PENDING and order.end in (None, "on_hold")))
        if waits_for_approval and not (order.total > 50_000 or order.channel == "marketplace"
                                       or any(ln.discount > 15 for ln in order.lines)):
            line = max(order.lines, key=lambda ln: ln.quantity * ln.unit_price)
            if line.unit_price == 0:
                line.unit_price = 100.0
            line.discount = rng.choice((16, 18, 20, 22, 25, 30))

    def _events(self, rng, order: PlannedOrder) -> None:
        """Hold and cancel details, the prepayment hold-and-release, reservation timing."""
        if order.end == "on_hold" or order.hold_first:
            credit = order.customer.credit_limit is not None and rng.random() < 0.6
            order.hold_kind = "credit" if credit else "manual"
            order.hold_reason = rng.choice(plan.HOLD_REASONS_CREDIT if credit else plan.HOLD_REASONS_MANUAL)
        if order.end in ("cancelled", "rejected_cancelled"):
            order.note = rng.choice(plan.CANCEL_NOTES)
        if order.end is None and order.reach >= plan.READY and rng.random() < 0.04:
            order.hold_release = True
            order.hold_kind = "credit"
            order.hold_reason = plan.HOLD_REASONS_CREDIT[1]
        if order.target == "approved" and rng.random() < 0.4:
            order.reserve_when_approved = False
