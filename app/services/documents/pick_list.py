"""Pick list: the order's lines in walking order through the warehouse (``location.pick_sequence``).

Lines whose product has no bin in the shipping warehouse come last, by line number. When an
order is picked from several warehouses, each warehouse's lines come together.
"""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm

from app.services.documents import layout, parts
from app.services.documents.fonts import FontSet
from app.services.documents.layout import para, render, styles
from app.services.documents.model import DocumentLine, OrderDocument
from app.services.documents.settings import DocumentSettings

_LAST = 2**31


def pick_order(lines: tuple[DocumentLine, ...] | list[DocumentLine]) -> list[DocumentLine]:
    """Lines sorted for walking: warehouse, then pick sequence (no bin: last), bin, line number."""
    return sorted(lines, key=lambda line: (
        line.warehouse_code or "", line.pick_sequence is None,
        line.pick_sequence if line.pick_sequence is not None else _LAST, line.location_code or "", line.line_no))


def render_pick_list(order: OrderDocument, *, printed: date | None = None,
                     settings: DocumentSettings | None = None, fonts: FontSet | None = None) -> bytes:
    ctx = parts.Context.create(order.language, settings, fonts)
    w, f, st = ctx.wording, ctx.fmt, styles(ctx.fonts)
    page = ctx.page("pick_list", order.order_no, printed or date.today(), barcode=order.order_no)
    warehouse = order.warehouse
    details = parts.order_details(ctx, order, (w["promised_date"], f.date(order.promised_date)),
                                  (w["requested_date"], f.date(order.requested_date)))
    story = parts.panel(page, [
        (w["ship_to"], parts.address_lines(order.ship_to)),
        (w["warehouse"], parts.address_lines(warehouse) if warehouse else []),
        (w["details"], details),
    ])
    lines = pick_order(order.lines)
    several = len({line.warehouse_code for line in lines}) > 1
    columns = ([("warehouse", 20)] if several else []) + [
        ("location", 24), ("line", 10), ("sku", 26), ("description", 0), ("quantity", 18), ("uom", 13),
        ("picked", 20)]
    widths = [width * mm for _, width in columns]
    keys = [key for key, _ in columns]
    widths[keys.index("description")] = ctx.geometry.frame_width - sum(widths)
    rows = [[{
        "warehouse": line.warehouse_code or "", "location": para(line.location_code or "–", st["cell"], ctx.fonts),
        "line": str(line.line_no), "sku": para(line.sku, st["cell"], ctx.fonts),
        "description": para(line.text, st["cell"], ctx.fonts), "quantity": f.quantity(line.quantity),
        "uom": para(line.uom, st["cell"], ctx.fonts), "picked": "",
    }[key] for key in keys] for line in lines]
    right = {keys.index("quantity")}
    grid = [("LINEBEFORE", (keys.index("picked"), 0), (keys.index("picked"), -1), 0.6, layout.RULE)]
    story.append(layout.lines_table(page, [w[key] for key in keys],
                                    rows or [[w["no_lines"]] + [""] * (len(keys) - 1)], widths, right, grid))
    story += parts.notes(ctx, page, order.notes)
    return render(page, story, subject=f"{page.title} {order.order_no}")
