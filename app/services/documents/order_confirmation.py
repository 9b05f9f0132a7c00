"""Order confirmation: what was ordered, at which prices, delivered where and when."""

from __future__ import annotations

from app.services.documents import parts
from app.services.documents.fonts import FontSet
from app.services.documents.layout import render
from app.services.documents.model import OrderDocument
from app.services.documents.settings import DocumentSettings


def render_order_confirmation(order: OrderDocument, *, settings: DocumentSettings | None = None,
                              fonts: FontSet | None = None) -> bytes:
    ctx = parts.Context.create(order.language, settings, fonts)
    w, f = ctx.wording, ctx.fmt
    page = ctx.page("order_confirmation", order.order_no, order.order_date)
    details = parts.order_details(ctx, order, (w["requested_date"], f.date(order.requested_date)),
                                  (w["promised_date"], f.date(order.promised_date)),
                                  (w["payment_terms"], parts.payment_terms(ctx, order)))
    story = parts.panel(page, [
        (w["customer"], parts.address_lines(order.customer, parts.customer_extra(ctx, order))),
        (w["ship_to"], parts.address_lines(order.ship_to)),
        (w["details"], details),
    ])
    story += parts.priced_lines(ctx, page, order, per_line_tax=False)
    story += parts.totals(ctx, page, order)
    story += parts.notes(ctx, page, order.notes)
    return render(page, story, subject=f"{page.title} {order.order_no}")
