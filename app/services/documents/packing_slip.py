"""Packing slip: what travels in a shipment (and in which package), without prices."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from app.services.documents import layout, parts
from app.services.documents.fonts import FontSet
from app.services.documents.layout import para, render, styles
from app.services.documents.model import ShipmentDocument
from app.services.documents.settings import DocumentSettings


def _dimensions(ctx, package) -> str:
    sizes = [package.length_cm, package.width_cm, package.height_cm]
    return " × ".join(ctx.fmt.quantity(size) for size in sizes) if all(s is not None for s in sizes) else ""


def render_packing_slip(shipment: ShipmentDocument, *, printed: date | None = None,
                        settings: DocumentSettings | None = None, fonts: FontSet | None = None) -> bytes:
    order = shipment.order
    ctx = parts.Context.create(order.language, settings, fonts)
    w, f, st = ctx.wording, ctx.fmt, styles(ctx.fonts)
    number = shipment.shipment_no or order.order_no
    day = shipment.shipped_at.date() if shipment.shipped_at else printed or date.today()
    page = ctx.page("packing_slip", number, day, barcode=number)
    carrier = " ".join(part for part in (shipment.carrier_name or shipment.carrier_code, shipment.service) if part)
    details = parts.order_details(
        ctx, order, (w["shipment_no"], shipment.shipment_no or None), (w["carrier"], carrier or None),
        (w["tracking_no"], shipment.tracking_no),
        (w["weight"], w("kg", weight=f.quantity(shipment.weight_kg)) if shipment.weight_kg else None))
    story = parts.panel(page, [
        (w["ship_to"], parts.address_lines(order.ship_to)),
        (w["ship_from"], parts.address_lines(parts.sender_of(ctx, order))),
        (w["details"], details),
    ])
    if shipment.packages:
        header = [w["package"], w["weight"], w["dimensions"], w["tracking_no"]]
        rows = [[str(p.package_no), w("kg", weight=f.quantity(p.weight_kg)), _dimensions(ctx, p),
                 p.tracking_no or shipment.tracking_no or ""] for p in shipment.packages]
        widths = [20 * mm, 30 * mm, 45 * mm, ctx.geometry.frame_width - 95 * mm]
        story += [layout.lines_table(page, header, rows, widths, right={1}), Spacer(1, layout.BLOCK_GAP)]
    columns = [("line", 10), ("sku", 26), ("description", 0), ("ordered", 20), ("shipped", 24), ("uom", 13),
               ("package", 16)]
    keys = [key for key, _ in columns]
    widths = [width * mm for _, width in columns]
    widths[keys.index("description")] = ctx.geometry.frame_width - sum(widths)
    rows = [[str(s.line.line_no), para(s.line.sku, st["cell"], ctx.fonts), para(s.line.text, st["cell"], ctx.fonts),
             f.quantity(s.line.quantity), f.quantity(s.quantity), para(s.line.uom, st["cell"], ctx.fonts),
             str(s.package_no) if s.package_no else ""] for s in shipment.lines]
    story.append(layout.lines_table(page, [w[key] for key in keys],
                                    rows or [[w["no_lines"]] + [""] * (len(keys) - 1)], widths, right={3, 4}))
    story += parts.notes(ctx, page, order.notes)
    return render(page, story, subject=f"{page.title} {number}")
