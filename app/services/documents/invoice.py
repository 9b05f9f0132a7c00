"""Invoice: the order's lines with tax per line, a tax summary per rate (net, tax, gross), totals.

The schema has no invoice table yet, so an invoice is printed from its order and carries the
order number; the invoice date defaults to today and the due date follows the customer's
payment terms.
"""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Spacer

from app.services.documents import parts
from app.services.documents.fonts import FontSet
from app.services.documents.layout import render
from app.services.documents.model import OrderDocument
from app.services.documents.settings import DocumentSettings


def render_invoice(order: OrderDocument, *, invoice_date: date | None = None,
                   settings: DocumentSettings | None = None, fonts: FontSet | None = None) -> bytes:
    ctx = parts.Context.create(order.language, settings, fonts)
    w, f = ctx.wording, ctx.fmt
    day = invoice_date or date.today()
    page = ctx.page("invoice", order.order_no, day)
    details = parts.order_details(ctx, order, (w["payment_terms"], parts.payment_terms(ctx, order)),
                                  (w["due_date"], f.date(parts.due_date(day, order))))
    story = parts.panel(page, [
        (w["bill_to"], parts.address_lines(order.customer, parts.customer_extra(ctx, order))),
        (w["ship_to"], parts.address_lines(order.ship_to)),
        (w["details"], details),
    ])
    story += parts.priced_lines(ctx, page, order, per_line_tax=True)
    story += parts.tax_summary_table(ctx, page, order)
    company = ctx.company
    bank = " · ".join(part for part in (
        company.bank_name and f"{w['bank']}: {company.bank_name}",
        company.bank_account and f"{w['account']}: {company.bank_account}",
        company.tax_id and f"{w['tax_id']}: {company.tax_id}") if part)
    footer = "\n".join(part for part in (bank, company.invoice_footer) if part)
    story += parts.notes(ctx, page, order.notes)
    if footer:
        story += [Spacer(1, 6), parts.paragraph(ctx, footer, "small")]
    return render(page, story, subject=f"{page.title} {order.order_no}")
