#!/usr/bin/env python
"""Document rendering speed: 1,000 shipping labels in one PDF, and a 100-line invoice.

    python bench/bench_documents.py [--labels 1000] [--size 4x6|100x150] [--repeat 5] [--cid]

No database: labels and the invoice are made from plain document data (the same dataclasses the
services fill from PostgreSQL), so the figures are rendering alone. Printed:

- the production label writer (static parts as one form XObject per sender and language,
  barcodes as one filled path each) against a straightforward ReportLab loop that draws every
  page from scratch with the ``Code128`` flowable and a ``QrCodeWidget`` drawing, in the same
  run, with the ratio; also ZPL for the same labels;
- a 100-line invoice (first render, which includes loading the CJK font, and the median of
  ``--repeat`` further renders);
- which CJK font was used (``--cid`` forces the built-in STSong-Light fallback).

Figures are measured, not judged. The issue's goals: 1,000 labels ≤ 3 s, 100-line invoice ≤ 300 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("OP_CONFIG_DIR", str(ROOT / "bench" / ".no-user-config"))  # shipped defaults only

from pypdf import PdfReader  # noqa: E402
from reportlab.graphics import renderPDF  # noqa: E402
from reportlab.graphics.barcode.code128 import Code128  # noqa: E402
from reportlab.graphics.barcode.qr import QrCodeWidget  # noqa: E402
from reportlab.graphics.shapes import Drawing  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from app.services.documents.fonts import draw_string, font_set  # noqa: E402
from app.services.documents.invoice import render_invoice  # noqa: E402
from app.services.documents.labels import PAD, LabelGeometry, address_lines, render_labels  # noqa: E402
from app.services.documents.model import DocumentLine, OrderDocument, ShippingLabel, sender_address  # noqa: E402
from app.services.documents.settings import Address, load_document_settings  # noqa: E402
from app.services.documents.textfit import fit_lines  # noqa: E402
from app.services.documents.zpl import render_zpl  # noqa: E402
from bench.machine import load_average  # noqa: E402

CITIES = [("上海", "201203", "浦东新区张江路 {n} 号"), ("北京", "100085", "海淀区上地十街 {n} 号"),
          ("深圳", "518057", "南山区科技园南区 {n} 栋"), ("München", "80331", "Industriestraße {n}"),
          ("Rotterdam", "3011", "Coolsingel {n}")]
NAMES = ["上海浦江机械有限公司", "北京华信泵业股份有限公司", "深圳市鹏程自动化设备有限公司", "Hansen Pumpen GmbH",
         "Van der Berg Industrial Supplies B.V."]


def make_labels(count: int) -> list[ShippingLabel]:
    warehouse = Address("Shanghai", ("临港大道 88 号", "201306 上海"), "中国")
    labels = []
    for n in range(count):
        city, postal, street = CITIES[n % len(CITIES)]
        chinese = n % len(CITIES) < 3
        tracking = f"SF{1400000000000 + n * 7919:013d}"
        labels.append(ShippingLabel(
            ship_to=Address(NAMES[n % len(NAMES)], (street.format(n=n % 900 + 1), f"{postal} {city}"),
                            "中国" if chinese else ("Germany" if city == "München" else "Netherlands")),
            order_no=f"SO-2026-{n // 2 + 1:07d}", language="zh_CN" if chinese else "en",
            shipment_no=f"SH-2026-{n // 2 + 1:07d}", package_no=n % 2 + 1, package_count=2,
            weight_kg=Decimal(n % 400) / 10 + 1, carrier_name="顺丰速运 SF Express" if chinese else "DHL Express",
            service="standard", tracking_no=tracking, tracking_url=f"https://www.sf-express.com/track?no={tracking}",
            customer_reference=f"PO-{n:05d}", ship_date=date(2026, 5, 7), warehouse=warehouse))
    return labels


def naive_labels(labels: list[ShippingLabel], size: str, settings, fonts) -> bytes:
    """The straightforward loop: every page drawn from scratch, widgets for the barcodes."""
    g = LabelGeometry.for_size(size)
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(g.width, g.height), pageCompression=1)
    for label in labels:
        canvas.setLineWidth(1.2)
        canvas.rect(g.sender.x, g.qr.y, g.sender.width + g.carrier.width, g.sender.top - g.qr.y)
        for box in (g.ship_to, g.order, g.barcode):
            canvas.line(box.x, box.top, box.x + g.ship_to.width, box.top)
        for box in (g.carrier, g.package, g.weight, g.references):
            canvas.line(box.x, box.y, box.x, box.top)
        sender = sender_address(settings.company(label.language), label.warehouse)
        fields = ((g.sender, address_lines(sender), 8), (g.ship_to, address_lines(label.ship_to), 13),
                  (g.carrier, [(label.carrier_name, True)], 14), (g.order, [(label.order_no, True)], 11))
        for box, lines, size_ in fields:
            inner = box.inner()
            fitted = fit_lines(lines, inner.width, inner.height, fonts, size=size_, min_size=6)
            fitted.draw(canvas, inner.x, inner.top, fonts)
        draw_string(canvas, g.package.x + PAD, g.package.y + PAD, f"{label.package_no} / {label.package_count}", 11,
                    fonts, bold=True)
        bars = g.bars
        barcode = Code128(label.barcode_value, barHeight=bars.height, barWidth=1.5, humanReadable=1)
        barcode.drawOn(canvas, bars.x + (bars.width - barcode.width) / 2, bars.y)
        square = g.qr_symbol
        widget = QrCodeWidget(label.qr_value, barWidth=square.width, barHeight=square.height, barLevel="M")
        drawing = Drawing(square.width, square.height)
        drawing.add(widget)
        renderPDF.draw(drawing, canvas, square.x, square.y)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def hundred_line_order() -> OrderDocument:
    customer = Address("上海浦江机械有限公司", ("浦东新区张江路 1000 号", "3 号楼 2 层", "201203 上海"), "中国")
    names = ["Centrifugal pump CP-100", "Control cabinet 控制柜 CC-1", "Ball valve DN20", "变频器 VFD-15 frequency drive"]
    lines = tuple(DocumentLine(i, f"P-{i:04d}", names[i % 4], Decimal(i % 9 + 1), "pcs",
                               unit_price=Decimal("1234.5"), tax_rate=Decimal(13 if i % 3 else 6),
                               net=Decimal("1234.5") * (i % 9 + 1)) for i in range(1, 101))
    return OrderDocument("SO-2026-0000100", date(2026, 5, 7), "zh_CN", "CNY", "C001", customer, customer, lines,
                         customer_reference="PO-7788", contact="Zhang Wei")


def timed(work) -> tuple[float, object]:
    """Wall-clock seconds and the result; CPU seconds of this process go to ``timed.cpu``."""
    start, cpu = time.perf_counter(), time.process_time()
    result = work()
    timed.cpu = time.process_time() - cpu
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--labels", type=int, default=1000)
    parser.add_argument("--size", choices=("4x6", "100x150"), default="4x6")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cid", action="store_true", help="use the built-in CID font instead of a system CJK font")
    args = parser.parse_args()

    settings = load_document_settings()
    load_seconds, fonts = timed(lambda: font_set(force_cid=args.cid, **({} if args.cid else settings.font_options())))
    print(f"CJK font: {fonts.source} ({'embedded' if fonts.embedded else 'not embedded'}); "
          f"Latin text in {fonts.latin}; font loading {load_seconds * 1000:.0f} ms")
    print(f"machine: {os.cpu_count()} CPUs, load average {load_average(periods=1)} "
          "(other work on the machine inflates the wall-clock figures; CPU seconds are less affected)")
    labels = make_labels(args.labels)

    render_labels(labels[:5], size=args.size, settings=settings, fonts=fonts)  # warm-up (imports, caches)
    fast, pdf = timed(lambda: render_labels(labels, size=args.size, settings=settings, fonts=fonts))
    fast_cpu = timed.cpu
    naive, naive_pdf = timed(lambda: naive_labels(labels, args.size, settings, fonts))
    naive_cpu = timed.cpu
    zpl_seconds, zpl = timed(lambda: render_zpl(labels, size=args.size, settings=settings, fonts=fonts))
    zpl_cpu = timed.cpu
    print(f"\n{args.labels} labels, {args.size}, one PDF (wall clock; CPU seconds of this process in brackets):")
    print(f"  form XObject + path barcodes:  {fast:6.2f} s [{fast_cpu:6.2f}]  "
          f"{fast / args.labels * 1000:5.2f} ms/label, {len(pdf) / 1e6:.1f} MB   goal ≤ 3 s: {fast / 3:.2f} of the budget")
    print(f"  naive loop (widgets per page): {naive:6.2f} s [{naive_cpu:6.2f}]  "
          f"{naive / args.labels * 1000:5.2f} ms/label, {len(naive_pdf) / 1e6:.1f} MB")
    print(f"  speed-up: {naive / fast:.1f}x wall, {naive_cpu / fast_cpu:.1f}x CPU")
    print(f"  same labels as ZPL:            {zpl_seconds:6.2f} s [{zpl_cpu:6.2f}]  {len(zpl) / 1e6:.1f} MB")

    order = hundred_line_order()
    first, invoice = timed(lambda: render_invoice(order, settings=settings, fonts=fonts))
    runs, cpu = [], []
    for _ in range(args.repeat):
        runs.append(timed(lambda: render_invoice(order, settings=settings, fonts=fonts))[0])
        cpu.append(timed.cpu)
    median = statistics.median(runs)
    print(f"\n100-line invoice, {len(PdfReader(BytesIO(invoice)).pages)} pages ({len(invoice) / 1e3:.0f} kB): "
          f"first {first * 1000:.0f} ms, median of {args.repeat} {median * 1000:.0f} ms "
          f"[CPU {statistics.median(cpu) * 1000:.0f} ms] (min {min(runs) * 1000:.0f}, max {max(runs) * 1000:.0f})"
          f"   goal ≤ 300 ms: {median / 0.3:.2f} of the budget")


if __name__ == "__main__":
    main()
