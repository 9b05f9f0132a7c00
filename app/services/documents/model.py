"""Plain data that documents are drawn from (made by :mod:`.data` from the database, or by hand).

Nothing here touches the database or ReportLab, so documents can be rendered from test data
and benchmarks without a server.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from app.services.documents.formatting import money
from app.services.documents.settings import Address, CompanyInfo


def sender_address(company: CompanyInfo, warehouse: Address | None) -> Address:
    """The company's name over the shipping warehouse's address (the company's when it has none)."""
    if warehouse is not None and warehouse.lines:
        return Address(company.name, warehouse.lines, warehouse.country)
    return Address(company.name, company.address.lines, company.address.country)


@dataclass(frozen=True)
class DocumentLine:
    line_no: int
    sku: str
    name: str
    quantity: Decimal
    uom: str = "pcs"
    description: str | None = None
    unit_price: Decimal = Decimal(0)
    discount_pct: Decimal = Decimal(0)
    tax_rate: Decimal = Decimal(0)
    net: Decimal = Decimal(0)  # line_total, before tax
    reserved_qty: Decimal = Decimal(0)
    weight_kg: Decimal = Decimal(0)
    warehouse_code: str | None = None
    location_code: str | None = None
    pick_sequence: int | None = None
    id: int | None = None

    @property
    def tax(self) -> Decimal:
        """This line's tax, rounded half up to cents."""
        return money(Decimal(self.net) * Decimal(self.tax_rate) / 100)

    @property
    def text(self) -> str:
        """Product name, with the line's own description under it when it adds something."""
        if self.description and self.description.strip() and self.description.strip() != self.name:
            return f"{self.name}\n{self.description.strip()}"
        return self.name


@dataclass(frozen=True)
class TaxLine:
    rate: Decimal
    net: Decimal
    tax: Decimal

    @property
    def gross(self) -> Decimal:
        return self.net + self.tax


def tax_summary(lines: tuple[DocumentLine, ...] | list[DocumentLine]) -> list[TaxLine]:
    """Net, tax and gross per tax rate, lowest rate first.

    Tax is rounded per line (as the invoice prints it per line) and summed per rate, so the
    summary always equals the sum of the printed line amounts.
    """
    sums: dict[Decimal, tuple[Decimal, Decimal]] = {}
    for line in lines:
        rate = Decimal(line.tax_rate).normalize()
        net, tax = sums.get(rate, (Decimal(0), Decimal(0)))
        sums[rate] = (net + Decimal(line.net), tax + line.tax)
    return [TaxLine(rate, money(net), money(tax)) for rate, (net, tax) in sorted(sums.items())]


@dataclass(frozen=True)
class OrderDocument:
    """One sales order with everything the order documents print."""

    order_no: str
    order_date: date
    language: str
    currency: str
    customer_code: str
    customer: Address  # bill-to
    ship_to: Address
    lines: tuple[DocumentLine, ...]
    customer_reference: str | None = None
    requested_date: date | None = None
    promised_date: date | None = None
    payment_terms_days: int = 30
    contact: str | None = None  # who created the order (display name)
    notes: str | None = None
    status: str = ""
    warehouse: Address | None = None  # the shipping warehouse: its name and address
    customer_contact: str | None = None
    customer_phone: str | None = None
    customer_email: str | None = None
    id: int | None = None

    @property
    def taxes(self) -> list[TaxLine]:
        return tax_summary(self.lines)

    @property
    def net_total(self) -> Decimal:
        return sum((t.net for t in self.taxes), Decimal(0))

    @property
    def tax_total(self) -> Decimal:
        return sum((t.tax for t in self.taxes), Decimal(0))

    @property
    def gross_total(self) -> Decimal:
        return self.net_total + self.tax_total


@dataclass(frozen=True)
class Package:
    package_no: int
    weight_kg: Decimal = Decimal(0)
    length_cm: Decimal | None = None
    width_cm: Decimal | None = None
    height_cm: Decimal | None = None
    tracking_no: str | None = None


@dataclass(frozen=True)
class ShippedLine:
    line: DocumentLine
    quantity: Decimal  # in this shipment
    package_no: int | None = None


@dataclass(frozen=True)
class ShipmentDocument:
    """A shipment of an order: carrier, packages and what travels in them."""

    shipment_no: str
    order: OrderDocument
    carrier_code: str | None = None
    carrier_name: str | None = None
    service: str | None = None
    tracking_no: str | None = None
    tracking_url: str | None = None  # the carrier's template, ``{tracking_no}`` replaced
    weight_kg: Decimal = Decimal(0)
    status: str = "planned"
    shipped_at: datetime | None = None
    packages: tuple[Package, ...] = ()
    lines: tuple[ShippedLine, ...] = ()
    id: int | None = None


@dataclass(frozen=True)
class ReturnLine:
    sku: str
    name: str
    quantity: Decimal
    reason_code: str = "other"
    condition: str | None = None
    uom: str = "pcs"
    order_line_no: int | None = None


@dataclass(frozen=True)
class ReturnDocument:
    rma_no: str
    created_at: datetime
    status: str
    reason: str
    order: OrderDocument
    return_to: Address
    lines: tuple[ReturnLine, ...] = ()
    resolution: str | None = None


@dataclass(frozen=True)
class ShippingLabel:
    """One label: one package of a shipment (or the whole shipment when it has no packages).

    The sender is ``ship_from`` when given, else the company with the warehouse's address
    (composed when the label is drawn, in the label's language).
    """

    ship_to: Address
    order_no: str
    language: str = "en"
    shipment_no: str | None = None
    package_no: int = 1
    package_count: int = 1
    weight_kg: Decimal = Decimal(0)
    carrier_name: str | None = None
    service: str | None = None
    tracking_no: str | None = None
    tracking_url: str | None = None
    customer_reference: str | None = None
    ship_date: date | None = None
    warehouse: Address | None = None
    ship_from: Address | None = None

    @property
    def barcode_value(self) -> str:
        """What the Code 128 encodes: the tracking number, else the order number."""
        return (self.tracking_no or self.order_no).strip()

    @property
    def qr_value(self) -> str:
        """What the QR code encodes: the carrier's tracking link, else the barcode value."""
        if self.tracking_no and self.tracking_url:
            return self.tracking_url
        return self.barcode_value
