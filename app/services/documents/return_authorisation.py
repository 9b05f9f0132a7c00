"""Return authorisation (RMA): what the customer may send back, why, and where to."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from app.services.documents import layout, parts
from app.services.documents.fonts import FontSet
from app.services.documents.layout import meta_lines, para, render, styles
from app.services.documents.model import ReturnDocument
from app.services.documents.settings import DocumentSettings


def render_return_authorisation(rma: ReturnDocument, *, settings: DocumentSettings | None = None,
                                fonts: FontSet | None = None) -> bytes:
    order = rma.order
    ctx = parts.Context.create(order.language, settings, fonts)
    w, f, st = ctx.wording, ctx.fmt, styles(ctx.fonts)
    page = ctx.page("return_authorisation", rma.rma_no, rma.created_at.date(), barcode=rma.rma_no)
    return_to = rma.return_to if rma.return_to.lines else None
    details = meta_lines([(w["rma_no"], rma.rma_no), (w["order_no"], order.order_no),
                          (w["order_date"], f.date(order.order_date)), (w["customer_no"], order.customer_code),
                          (w["your_reference"], order.customer_reference),
                          (w["status"], w.get(f"rma_{rma.status}", rma.status))])
    story = parts.panel(page, [
        (w["customer"], parts.address_lines(order.customer, parts.customer_extra(ctx, order))),
        (w["return_to"], parts.address_lines(parts.sender_of(ctx, order, return_to))),
        (w["details"], details),
    ])
    story += [para(w["reason"], st["heading"], ctx.fonts, bold=True), parts.paragraph(ctx, rma.reason),
              Spacer(1, layout.BLOCK_GAP)]
    columns = [("line", 10), ("sku", 26), ("description", 0), ("quantity", 18), ("uom", 13),
               ("return_reason", 28), ("condition", 34)]
    keys = [key for key, _ in columns]
    widths = [width * mm for _, width in columns]
    widths[keys.index("description")] = ctx.geometry.frame_width - sum(widths)
    rows = [[str(line.order_line_no or ""), para(line.sku, st["cell"], ctx.fonts),
             para(line.name, st["cell"], ctx.fonts), f.quantity(line.quantity), para(line.uom, st["cell"], ctx.fonts),
             para(w.get(f"reason_{line.reason_code}", line.reason_code), st["cell"], ctx.fonts),
             para(line.condition or "", st["cell"], ctx.fonts)] for line in rma.lines]
    story.append(layout.lines_table(page, [w[key] for key in keys],
                                    rows or [[w["no_lines"]] + [""] * (len(keys) - 1)], widths, right={3}))
    story += parts.notes(ctx, page, rma.resolution, "resolution")
    story += [Spacer(1, 6 * mm), parts.paragraph(ctx, w("rma_instructions", rma_no=rma.rma_no))]
    return render(page, story, subject=f"{page.title} {rma.rma_no}")
