"""Building blocks the order documents share: context, address panel, lines, totals, notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer

from app.services.documents import layout
from app.services.documents.fonts import FontSet, font_set
from app.services.documents.formatting import Formatter
from app.services.documents.layout import AddressPanel, Page, PageGeometry, meta_lines, para, styles
from app.services.documents.model import OrderDocument, sender_address
from app.services.documents.settings import Address, CompanyInfo, DocumentSettings, load_document_settings
from app.services.documents.wording import Wording, document_language


@dataclass(frozen=True)
class Context:
    """What every document needs for one language."""

    settings: DocumentSettings
    wording: Wording
    fmt: Formatter
    company: CompanyInfo
    fonts: FontSet
    geometry: PageGeometry

    @classmethod
    def create(cls, language: str, settings: DocumentSettings | None = None,
               fonts: FontSet | None = None) -> Context:
        settings = settings or load_document_settings()
        language = document_language(language)
        return cls(settings, Wording(language), Formatter(language, settings.locale_en),
                   settings.company(language), fonts or font_set(**settings.font_options()),
                   PageGeometry.named(settings.page_size))

    def page(self, title_key: str, number: str, day: date | None, barcode: str | None = None) -> Page:
        date_text = f"{self.wording['date']}: {self.fmt.date(day)}" if day else ""
        return Page(self.wording[title_key], number, date_text, self.company, self.fonts, self.wording,
                    self.geometry, barcode)


def address_lines(address: Address, extra: list[str] | None = None) -> list[tuple[str, bool]]:
    lines = [(address.name, True)] if address.name else []
    lines += [(line, False) for line in (*address.lines, address.country) if line]
    lines += [(line, False) for line in extra or () if line]
    return lines


def panel(page: Page, columns: list[tuple[str, list[tuple[str, bool]]]]) -> list:
    """The address panel (three columns across the frame) and the gap under it."""
    width = page.geometry.frame_width
    widths = [width * 0.35, width * 0.32, width * 0.33][:len(columns)]
    widths[-1] = width - sum(widths[:-1])
    return [AddressPanel(page, columns, widths), Spacer(1, layout.PANEL_GAP)]


def sender_of(ctx: Context, order: OrderDocument, warehouse: Address | None = None) -> Address:
    """The company over the shipping warehouse's address (or over its own address)."""
    return sender_address(ctx.company, warehouse or order.warehouse)


def order_details(ctx: Context, order: OrderDocument, *extra: tuple[str, str | None]) -> list[tuple[str, bool]]:
    w, f = ctx.wording, ctx.fmt
    return meta_lines([
        (w["order_no"], order.order_no), (w["order_date"], f.date(order.order_date)),
        (w["customer_no"], order.customer_code), (w["your_reference"], order.customer_reference),
        *extra, (w["currency"], order.currency), (w["salesperson"], order.contact)])


def customer_extra(ctx: Context, order: OrderDocument) -> list[str]:
    w = ctx.wording
    return [order.customer_contact and f"{w['attention']} {order.customer_contact}",
            order.customer_phone and f"{w['phone']} {order.customer_phone}",
            order.customer_email and f"{w['email']} {order.customer_email}"]


def payment_terms(ctx: Context, order: OrderDocument) -> str:
    return ctx.wording("payment_days", days=order.payment_terms_days)


def due_date(invoice_date: date, order: OrderDocument) -> date:
    return invoice_date + timedelta(days=order.payment_terms_days)


def priced_lines(ctx: Context, page: Page, order: OrderDocument, *, per_line_tax: bool) -> list:
    """The lines with prices: the order confirmation's, or the invoice's with tax and gross per line.

    Amounts are in the order's currency (named in the details column). The discount column only
    appears when some line has a discount.
    """
    w, f, st = ctx.wording, ctx.fmt, styles(ctx.fonts)
    discounts = any(line.discount_pct for line in order.lines)
    if per_line_tax:
        columns = [("sku", 20), ("description", 0), ("quantity", 15), ("unit_price", 18)]
    else:
        columns = [("line", 8), ("sku", 22), ("description", 0), ("quantity", 14), ("uom", 11), ("unit_price", 20)]
    columns += [("discount", 12)] if discounts else []
    columns += [("tax_rate", 11)]
    columns += [("net", 22), ("tax", 18), ("gross", 22)] if per_line_tax else [("net", 25)]
    keys = [key for key, _ in columns]
    widths = [width * mm for _, width in columns]
    widths[keys.index("description")] = ctx.geometry.frame_width - sum(widths)
    right = {i for i, key in enumerate(keys) if key not in ("line", "sku", "description", "uom")}
    rows = []
    for line in order.lines:
        tax = line.tax
        values = {
            "line": str(line.line_no), "sku": para(line.sku, st["cell"], ctx.fonts),
            "description": para(line.text, st["cell"], ctx.fonts),
            "quantity": f.quantity(line.quantity) + ("" if "uom" in keys else f" {line.uom}"),
            "uom": para(line.uom, st["cell"], ctx.fonts), "unit_price": f.price(line.unit_price),
            "discount": f.quantity(line.discount_pct) if line.discount_pct else "",
            "tax_rate": f.quantity(line.tax_rate), "net": f.amount(line.net),
            "tax": f.amount(tax), "gross": f.amount(line.net + tax),
        }
        rows.append([values[key] for key in keys])
    empty = [[w["no_lines"]] + [""] * (len(keys) - 1)]
    return [layout.lines_table(page, [w[key] for key in keys], rows or empty, widths, right)]


def totals(ctx: Context, page: Page, order: OrderDocument) -> list:
    """Net subtotal, tax per rate and the total including tax, kept together."""
    w, f = ctx.wording, ctx.fmt
    rows = [(w["subtotal"], f.money(order.net_total, order.currency), False)]
    rows += [(w("tax_at", rate=f.percent(t.rate)), f.money(t.tax, order.currency), False) for t in order.taxes]
    rows.append((w["total_gross"], f.money(order.gross_total, order.currency), True))
    return [Spacer(1, layout.BLOCK_GAP), KeepTogether([layout.summary_table(page, rows)])]


def tax_summary_table(ctx: Context, page: Page, order: OrderDocument) -> list:
    """Rate | net | tax | gross per tax rate, then the totals (the invoice's closing block)."""
    w, f, cur = ctx.wording, ctx.fmt, order.currency
    header = [w["tax_rate"], f"{w['net']} ({cur})", f"{w['tax']} ({cur})", f"{w['gross']} ({cur})"]
    rows = [[f.percent(t.rate), f.amount(t.net), f.amount(t.tax), f.amount(t.gross)] for t in order.taxes]
    st = styles(ctx.fonts)
    rows.append([para(w["total"], st["head"], ctx.fonts, bold=True), f.amount(order.net_total),
                 f.amount(order.tax_total), f.amount(order.gross_total)])
    width = 110 * mm
    table = layout.lines_table(page, header, rows, [width * 0.22, width * 0.26, width * 0.26, width * 0.26],
                               right={1, 2, 3}, extra_style=[
                                   ("FONT", (0, len(rows)), (-1, len(rows)), ctx.fonts.latin_bold,
                                    layout.CELL_SIZE, layout.CELL_LEADING),
                                   ("LINEABOVE", (0, len(rows)), (-1, len(rows)), 0.8, layout.INK)])
    table.hAlign = "RIGHT"
    total = layout.summary_table(page, [(w["total_gross"], f.money(order.gross_total, cur), True)])
    return [Spacer(1, layout.BLOCK_GAP), KeepTogether([table, Spacer(1, 2 * mm), total])]


def notes(ctx: Context, page: Page, text: str | None, heading_key: str = "notes") -> list:
    """A heading and the note; a long note flows on over as many pages as it needs."""
    if not text or not text.strip():
        return []
    st = styles(ctx.fonts)
    return [Spacer(1, layout.BLOCK_GAP), CondPageBreak(3 * st["body"].leading + st["heading"].leading),
            para(ctx.wording[heading_key], st["heading"], ctx.fonts, bold=True),
            *[para(chunk, st["body"], ctx.fonts) for chunk in text.strip().split("\n\n")]]


def paragraph(ctx: Context, text: str, style: str = "body") -> Paragraph:
    return para(text, styles(ctx.fonts)[style], ctx.fonts)
