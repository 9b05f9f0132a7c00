"""Planning the demo orders in Python: which status each order ends in and by which path, when
it was taken, and what it contains. Pure and deterministic for a seed; no database access.

Final statuses follow realistic proportions; the order date depends on the status (open orders
are recent, closed ones spread over 18 months). The database computes everything else (numbers,
totals, approval requests) when the plan is carried out through the real transitions.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

# Stages of the normal path, in order.
DRAFT, PENDING, APPROVED, IN_PRODUCTION, READY, SHIPPED, DELIVERED, CLOSED = range(8)
STAGE_STATUS = ("draft", "pending_approval", "approved", "in_production", "ready_to_ship", "shipped",
                "delivered", "closed")

TARGETS: tuple[tuple[str, float], ...] = (
    ("closed", 50), ("delivered", 10), ("shipped", 5), ("ready_to_ship", 3), ("in_production", 6),
    ("approved", 3), ("pending_approval", 4), ("draft", 4), ("on_hold", 3), ("rejected", 4), ("cancelled", 8),
)
TARGET_NAMES = tuple(t for t, _ in TARGETS)

# How many days ago orders of each final status were taken: (low, high, skew towards recent)
_AGE = {
    "closed": (25, 540, 0.6), "delivered": (8, 75, 1.0), "shipped": (2, 25, 1.0), "ready_to_ship": (3, 40, 1.3),
    "in_production": (5, 60, 1.2), "approved": (1, 20, 1.5), "pending_approval": (0, 14, 1.5),
    "draft": (0, 90, 3.0), "on_hold": (2, 120, 1.8), "rejected": (1, 540, 1.0), "cancelled": (1, 540, 0.8),
}
HISTORY_DAYS = 540


def plan_headers(count: int, seed: int) -> list[int]:
    """Every order as ``days_ago * 16 + target index``, oldest first (cheap for a million)."""
    rng = random.Random(seed)
    names = [t for t, _ in TARGETS]
    cum, total = [], 0.0
    for _, w in TARGETS:
        total += w
        cum.append(total)
    packed = []
    for target in rng.choices(range(len(names)), cum_weights=cum, k=count):
        low, high, skew = _AGE[names[target]]
        days = low + int((high - low + 1) * rng.random() ** (1 + skew))
        packed.append(days * 16 + target)
    packed.sort(reverse=True)
    return packed


@dataclass
class Line:
    product_id: int
    description: str
    quantity: int
    unit_price: float
    discount: int
    tax_rate: int
    made_to_order: bool


@dataclass
class PlannedOrder:
    """One order and the path it takes; ``id`` is filled in after the COPY."""

    target: str
    reach: int  # furthest normal stage
    end: str | None  # on_hold | cancelled | rejected (after reaching ``reach``)
    order_date: dt.date
    customer: object
    login: str
    channel: str
    external_ref: str | None
    order_type: str
    priority: int
    requested_date: dt.date
    currency: str
    warehouse: str
    customer_reference: str | None
    notes: str | None
    lines: list[Line] = field(default_factory=list)
    hold_first: bool = False  # cancelled orders that were on hold before
    hold_release: bool = False  # held for prepayment at 'approved', then released
    reserve_when_approved: bool = True
    hold_kind: str | None = None
    hold_reason: str | None = None
    note: str | None = None
    id: int = 0

    @property
    def has_mto(self) -> bool:
        return any(line.made_to_order for line in self.lines)

    @property
    def total(self) -> float:
        return sum(round(ln.quantity * ln.unit_price * (1 - ln.discount / 100), 2) for ln in self.lines)

    @property
    def submitted(self) -> bool:
        return self.reach >= PENDING


def path_for(target: str, rng: random.Random) -> tuple[int, str | None, bool]:
    """(furthest stage, end event, held before cancelling) for a final status."""
    if target in STAGE_STATUS:
        return STAGE_STATUS.index(target), None, False
    if target == "rejected":
        return PENDING, "rejected", False
    if target == "on_hold":
        stage = rng.choices((DRAFT, PENDING, APPROVED, IN_PRODUCTION, READY), (10, 20, 25, 30, 15))[0]
        return stage, "on_hold", False
    # cancelled: from where?
    kind = rng.choices(("draft", "pending", "rejected", "approved", "in_production", "ready", "held"),
                       (30, 15, 10, 15, 10, 5, 15))[0]
    if kind == "rejected":
        return PENDING, "rejected_cancelled", False
    if kind == "held":
        return rng.choice((PENDING, APPROVED, IN_PRODUCTION)), "cancelled", True
    stage = {"draft": DRAFT, "pending": PENDING, "approved": APPROVED, "in_production": IN_PRODUCTION,
             "ready": READY}[kind]
    return stage, "cancelled", False


HOLD_REASONS_CREDIT = (
    "超出信用额度，等待回款 / Over credit limit, waiting for payment",
    "预付款未到账 / Prepayment not yet received",
    "逾期发票未结清 / Overdue invoices must be settled first",
)
HOLD_REASONS_MANUAL = (
    "客户要求暂缓发货 / Customer asked to delay delivery",
    "等待客户确认图纸 / Waiting for customer drawing approval",
    "项目现场尚未具备安装条件 / Site not ready for installation",
    "技术参数待确认 / Technical data to be confirmed",
    "Waiting for the end-user certificate for export",
)
CANCEL_NOTES = (
    "客户取消订单 / Customer cancelled the order",
    "重复下单 / Duplicate order",
    "项目延期 / Project postponed",
    "客户不接受交期 / Lead time not accepted by customer",
    "价格未达成一致 / Price not agreed",
    "Customer chose another supplier",
)
ORDER_NOTES = (
    "请在周五前送货 / Please deliver before Friday",
    "送货前请提前一天电话联系 / Call one day before delivery",
    "现场有叉车 / Forklift available on site",
    "需要出口木箱包装 / Seaworthy export crate required",
    "随货提供合格证和检测报告 / Certificates and test reports with the goods",
    "Please quote HS codes on the commercial invoice",
    "发票随货 / Invoice with the goods",
    "Deliver to gate 3, goods-in opens 07:00–15:00",
)
