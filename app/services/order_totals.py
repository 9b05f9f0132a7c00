"""Money on an order before it is saved: line totals and net / tax / gross, computed the server's way.

``line_total`` is the database's generated column (quantity × price × (1 − discount/100), rounded
half up to cents); tax is rounded per line and summed per rate, as the order documents print it
(:func:`app.services.documents.model.tax_summary`). The order form shows these while the user
types, so the totals it shows are the ones the confirmation will carry.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Totals:
    net: Decimal
    tax: Decimal

    @property
    def gross(self) -> Decimal:
        return self.net + self.tax


def money(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def line_total(quantity: Decimal, unit_price: Decimal, discount_pct: Decimal = Decimal(0)) -> Decimal:
    """What ``sales_order_line.line_total`` will hold for these values."""
    return money(Decimal(quantity) * Decimal(unit_price) * (1 - Decimal(discount_pct) / 100))


def order_totals(lines: Iterable[tuple[Decimal, Decimal]]) -> Totals:
    """Totals of ``(line_total, tax_rate)`` pairs: tax per line rounded, then summed."""
    net = tax = Decimal(0)
    for amount, rate in lines:
        net += Decimal(amount)
        tax += money(Decimal(amount) * Decimal(rate) / 100)
    return Totals(money(net), money(tax))
