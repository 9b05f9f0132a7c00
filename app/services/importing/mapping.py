"""Orders as read → orders ready to write: values judged, customer and products found, prices set.

The rules and their wording follow order entry (``app/services/order_validation.py``): quantity
more than zero, price not negative, discount 0-100 %, products that exist and are sold,
customers not blocked, requested dates not in the past. The database guards still have the last
word when the orders are written. Every problem of an order is collected, each with its row and
field, so the clerk can fix them all at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.services.importing import values
from app.services.importing.formats import HEADER_FIELDS, INDEX
from app.services.importing.grouping import Grouped, OrderDraft
from app.services.importing.lookups import KnownCustomer, Lookups
from app.services.importing.report import ImportProblem
from app.services.order_validation import FieldError

DEFAULT_COUNTRY, DEFAULT_CURRENCY = "CN", "CNY"   # as the customer table's defaults
SHIP_TO = ("ship_to_name", "ship_to_address1", "ship_to_address2", "ship_to_city", "ship_to_region",
           "ship_to_postal_code", "ship_to_country")
_PARSERS = {"order_date": values.day, "requested_date": values.day, "currency": values.currency,
            "ship_to_country": values.country, "customer_email": values.email}
_HEADER = tuple((i, name, _PARSERS.get(name), values.TEXT_LIMITS.get(name, values.TEXT_LIMIT))
                for i, name in enumerate(HEADER_FIELDS))
_SKU, _QUANTITY, _PRICE, _DISCOUNT = INDEX["sku"], INDEX["quantity"], INDEX["unit_price"], INDEX["discount_pct"]
_SKU_LIMIT = values.TEXT_LIMITS["sku"]


@dataclass(eq=False)
class NewCustomer:
    """A customer the file names that does not exist yet; created before its first order is written."""

    key: str                       # "email:<lower email>" or "code:<code>"
    code: str | None               # from the file, else generated when created
    email: str | None
    name: str
    phone: str | None
    address: tuple                 # address_line1, address_line2, city, region, postal_code
    country: str
    currency: str
    id: int | None = None          # once created (or found again)
    error: str | None = None       # why the database refused to create it

    @property
    def language(self) -> str:
        return "zh_CN" if self.country == "CN" else "en_US"


@dataclass(eq=False, slots=True)
class ReadyOrder:
    ref: str
    row: int
    customer: int | NewCustomer
    order_date: date | None
    requested_date: date | None
    currency: str
    ship_to: tuple                 # values for SHIP_TO
    notes: str | None
    lines: list[tuple]             # (product_id, quantity, unit_price, discount_pct, tax_rate)


class OrderMapper:
    """Judges the orders of a file one batch at a time, so writing can start before all are judged.

    ``problems`` and ``skipped_existing`` grow as the batches are taken.
    """

    def __init__(self, grouped: Grouped, lookups: Lookups, file: str, today: date):
        self.grouped, self.lookups, self.file, self.today = grouped, lookups, file, today
        self.problems = [ImportProblem(file, row, "", error.field, error.message) for row, error in grouped.loose]
        self.skipped_existing = 0
        self.checked = 0
        self.new_customers: dict[str, NewCustomer] = {}

    @property
    def to_check(self) -> int:
        return len(self.grouped.orders) - len(self.lookups.existing_refs)

    def batches(self, size: int) -> Iterator[list[ReadyOrder]]:
        batch: list[ReadyOrder] = []
        for ref, draft in self.grouped.orders.items():
            if ref in self.lookups.existing_refs:
                self.skipped_existing += 1
                continue
            self.checked += 1
            check = _OrderCheck(draft, self.lookups, self.new_customers, self.today)
            order = check.run()
            if check.errors:
                self.problems.extend(ImportProblem(self.file, row, ref, error.field, error.message)
                                     for row, error in check.errors)
                continue
            batch.append(order)
            if len(batch) == size:
                yield batch
                batch = []
        if batch:
            yield batch


def refused_for_customer(order: ReadyOrder, file: str) -> ImportProblem:
    """The problem of an order whose new customer the database would not create."""
    field = "customer_email" if order.customer.email else "customer_code"
    return ImportProblem(file, order.row, order.ref, field, order.customer.error)


class _OrderCheck:
    """Every problem of one order, collected; the order ready to write when there are none."""

    def __init__(self, draft: OrderDraft, lookups: Lookups, new_customers: dict[str, NewCustomer], today: date):
        self.draft, self.lookups, self.new_customers, self.today = draft, lookups, new_customers, today
        self.errors: list[tuple[int, FieldError]] = list(draft.problems)

    def run(self) -> ReadyOrder | None:
        ref = self.draft.ref
        if "\x00" in ref or len(ref) > values.TEXT_LIMITS["order_ref"]:
            self._bad(self.draft.row, "order_ref", ref)
        h = self.header()
        requested = h["requested_date"]
        if requested is not None and requested < self.today:
            self.fail(self.header_row("requested_date"), "requested_date",
                      f"The requested date {requested:%Y-%m-%d} is in the past.")
        ship_to = tuple(h[name] for name in SHIP_TO)
        customer = self.customer(h, ship_to)
        lines = self.lines(customer)
        if self.errors or customer is None:
            return None
        return ReadyOrder(ref, self.draft.row, customer if isinstance(customer, NewCustomer) else customer.id,
                          h["order_date"], requested, h["currency"] or customer.currency, ship_to, h["notes"], lines)

    def fail(self, row: int, name: str, reason: str) -> None:
        self.errors.append((row, FieldError(name, reason)))

    def header_row(self, name: str) -> int:
        return self.draft.header_rows[HEADER_FIELDS.index(name)]

    def header(self) -> dict:
        """Order fields, trimmed and parsed; ``None`` when blank or wrong (and then a problem is noted)."""
        cells, rows, bad = self.draft.header, self.draft.header_rows, self.draft.bad_fields
        parsed = {}
        for i, name, parse, limit in _HEADER[1:]:
            value = cells[i]
            if value is not None:
                value = value.strip() or None
            if value is not None and (name in bad or "\x00" in value or len(value) > limit):
                if name not in bad:
                    self._bad(rows[i], name, value)
                value = None
            if value is not None and parse is not None:
                try:
                    value = parse(value, name)
                except values.BadValue as problem:
                    self.fail(rows[i], name, str(problem))
                    value = None
            parsed[name] = value
        return parsed

    def _bad(self, row: int, name: str, value: str) -> None:
        """Note why ``value`` cannot be stored (NUL character, too long)."""
        try:
            values.text(value, name)
        except values.BadValue as problem:
            self.fail(row, name, str(problem))

    # --- customer ---

    def customer(self, h: dict, ship_to: tuple) -> KnownCustomer | NewCustomer | None:
        email, code = h["customer_email"], h["customer_code"]
        known, matched_by = None, None
        if email is not None:
            known, matched_by = self.lookups.by_email.get(email.lower()), "customer_email"
        if known is None and code is not None:
            known, matched_by = self.lookups.by_code.get(code), "customer_code"
        if known is not None:
            if known.blocked:
                reason = f" ({known.blocked_reason})" if known.blocked_reason else ""
                self.fail(self.header_row(matched_by), matched_by,
                          f"Customer {known.name} is blocked{reason}; orders cannot be taken.")
            return known
        unusable = bool({"customer_email", "customer_code"} & self.draft.bad_fields) \
            or any(error.field in ("customer_email", "customer_code") for _, error in self.errors)
        if email is None and code is None:
            if not unusable:
                self.fail(self.draft.row, "customer_email",
                          "Give customer_email or customer_code so the customer can be found or created.")
            return None
        if unusable:
            return None
        key = f"email:{email.lower()}" if email is not None else f"code:{code}"
        existing = self.new_customers.get(key)
        if existing is not None:
            return existing
        name = h["customer_name"] or ship_to[0]
        if name is None:
            who = f"email {values.shown(email, 80)}" if email is not None else f"code {values.shown(code)}"
            self.fail(self.draft.row, "customer_name",
                      f"There is no customer with {who} yet; the file needs customer_name to create one.")
            return None
        customer = NewCustomer(key=key, code=code, email=email, name=name, phone=h["phone"], address=ship_to[1:6],
                               country=ship_to[6] or DEFAULT_COUNTRY, currency=h["currency"] or DEFAULT_CURRENCY)
        self.new_customers[key] = customer
        return customer

    # --- lines ---

    def lines(self, customer) -> list[tuple]:
        draft, prices = self.draft, self.lookups.prices
        if not draft.lines and not draft.problems:
            self.fail(draft.row, "lines", "The order has no lines.")
        bad = draft.bad_fields
        customer_id = customer.id if isinstance(customer, KnownCustomer) else None
        result, total = [], Decimal(0)
        for raw in draft.lines:
            row, prefix, cells = raw.row, raw.prefix, raw.values
            before = len(self.errors)
            product = self._product(row, prefix, cells[_SKU], bad)
            quantity = self._number(row, prefix + "quantity", cells[_QUANTITY], values.quantity, bad, required=True)
            price = self._number(row, prefix + "unit_price", cells[_PRICE], values.price, bad)
            discount = self._number(row, prefix + "discount_pct", cells[_DISCOUNT], values.discount, bad)
            if len(self.errors) > before or product is None or quantity is None:
                continue
            if price is None:
                price = prices.get((customer_id, product.id), product.list_price)
            if discount is None:
                discount = Decimal(0)
            amount = values.line_total(quantity, price, discount)
            if amount >= values.TOTAL_LIMIT:
                self.fail(row, prefix + "quantity", "The line total is too large.")
                continue
            total += amount
            result.append((product.id, quantity, price, discount, product.tax_rate))
        if total >= values.TOTAL_LIMIT:
            self.fail(draft.row, "lines", "The order total is too large.")
        return result

    def _product(self, row: int, prefix: str, sku: str | None, bad: set):
        sku = sku.strip() if sku is not None else None
        if not sku:
            if prefix + "sku" not in bad:
                self.fail(row, prefix + "sku", "The line has no sku.")
            return None
        product = self.lookups.products.get(sku)
        if product is None:
            if "\x00" in sku or len(sku) > _SKU_LIMIT:
                self._bad(row, prefix + "sku", sku)
            else:
                self.fail(row, prefix + "sku", f"There is no product with SKU {values.shown(sku)}.")
        elif not product.active:
            self.fail(row, prefix + "sku", f"Product {product.sku} is no longer sold (inactive).")
            return None
        return product

    def _number(self, row: int, name: str, value: str | None, parse, bad: set, required: bool = False):
        if value is None or not value.strip():
            if required and name not in bad:
                self.fail(row, name, f"The line has no {name.rsplit('.', 1)[-1]}.")
            return None
        try:
            return parse(value, name)
        except values.BadValue as problem:
            self.fail(row, name, str(problem))
            return None
