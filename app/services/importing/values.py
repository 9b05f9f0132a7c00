"""Turning the text of one field into a value, or into a sentence saying why it cannot be one.

Each parser returns the value or raises :class:`BadValue` with the reason; limits follow the
columns the value goes into (numeric scales, ``char(2)`` countries, indexed text).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)", re.ASCII)
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?", re.DOTALL | re.ASCII)
_LETTERS = re.compile(r"[A-Za-z]+")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")

QUANTITY_LIMIT = Decimal("100000000000")     # as order entry: numeric(14,3)
PRICE_LIMIT = Decimal("10000000000")         # as order entry: numeric(14,4)
TOTAL_LIMIT = Decimal("1000000000000")       # line and order totals: numeric(14,2)
TEXT_LIMITS = {"order_ref": 100, "customer_code": 50, "customer_email": 254, "notes": 4000, "sku": 100}
TEXT_LIMIT = 200


_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


class BadValue(ValueError):
    """The field's text cannot be used; ``str()`` is the sentence for the clerk."""


def shown(value: str, limit: int = 40) -> str:
    """A value quoted for a message: on one line, control characters visible, long ones cut."""
    value = value.strip()
    if len(value) > limit:
        value = value[:limit - 3] + "..."
    return "'" + _CONTROL.sub(lambda m: _ESCAPES.get(m[0], f"\\x{ord(m[0]):02x}"), value) + "'"


def text(value: str | None, field: str) -> str | None:
    """Trimmed text, ``None`` when blank; refuses what the database cannot store or index."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if "\x00" in value:
        raise BadValue(f"{field} contains a NUL character, which cannot be stored; remove it and import again.")
    limit = TEXT_LIMITS.get(field.rsplit(".", 1)[-1], TEXT_LIMIT)
    if len(value) > limit:
        raise BadValue(f"{field} is longer than {limit} characters.")
    return value


def number(value: str, field: str) -> Decimal:
    """A plain decimal number (``12``, ``-3.5``, ``.25``); no thousands separators, no exponents."""
    candidate = value.strip()
    if not _NUMBER.fullmatch(candidate):
        raise BadValue(f"{field} {shown(candidate)} is not a number; write numbers like 12 or 1234.50.")
    return Decimal(candidate)


def quantity(value: str, field: str) -> Decimal:
    amount = number(value, field)
    if amount <= 0:
        raise BadValue("The quantity must be more than zero.")
    if amount >= QUANTITY_LIMIT:
        raise BadValue("The quantity is too large.")
    if amount != amount.quantize(Decimal("0.001")):
        raise BadValue(f"The quantity {amount:f} has more than three decimal places.")
    return amount


def price(value: str, field: str) -> Decimal:
    amount = number(value, field)
    if amount < 0:
        raise BadValue("The price cannot be negative.")
    if amount >= PRICE_LIMIT:
        raise BadValue("The price is too large.")
    return amount.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def discount(value: str, field: str) -> Decimal:
    candidate = value.strip()
    amount = number(candidate[:-1] if candidate.endswith("%") else candidate, field)
    if not Decimal(0) <= amount <= Decimal(100):
        raise BadValue("The discount must be between 0 and 100 %.")
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def day(value: str, field: str) -> date:
    """``2026-03-31``, or a timestamp starting with it (``2026-03-31T10:15:00+08:00``)."""
    candidate = value.strip()
    match = _DATE.fullmatch(candidate)
    try:
        if match is None:
            raise ValueError
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise BadValue(f"{field} {shown(candidate)} is not a valid date; write dates as YYYY-MM-DD, "
                       "like 2026-03-31.") from None


def country(value: str, field: str) -> str:
    if len(value) != 2 or not _LETTERS.fullmatch(value):
        raise BadValue(f"{field} {shown(value)} is not a two-letter country code such as CN or US.")
    return value.upper()


def currency(value: str, field: str) -> str:
    if len(value) != 3 or not _LETTERS.fullmatch(value):
        raise BadValue(f"{field} {shown(value)} is not a three-letter currency code such as CNY or USD.")
    return value.upper()


def email(value: str, field: str) -> str:
    if not _EMAIL.fullmatch(value):
        raise BadValue(f"{field} {shown(value)} is not an email address.")
    return value


def line_total(quantity_: Decimal, price_: Decimal, discount_: Decimal) -> Decimal:
    """As the database computes ``sales_order_line.line_total``."""
    return (quantity_ * price_ * (1 - discount_ / 100)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
