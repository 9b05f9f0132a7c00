"""Shipping labels as ZPL for Zebra-compatible thermal printers, and raw sending to a printer.

The ZPL label mirrors the PDF label (same :class:`~.labels.LabelGeometry`, same shrink-to-fit
of every field, computed with the PDF fonts' metrics): ``^XA … ^XZ`` per label, UTF-8 text
(``^CI28``), ``^BC`` Code 128 and ``^BQ`` QR. Latin text uses the printer's scalable font
``^A0``; other text (Chinese) uses the printer font named in the settings
(``[labels] zpl_cjk_font``), which must be installed on the printer.

Sending raw data to a printer is not portable through Qt, so :func:`send_raw`: on Windows it
uses ``win32print`` (pywin32) when available, elsewhere CUPS ``lp -o raw``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterable

from app.services.documents.barcodes import QR_BORDER, QUIET_MODULES, code128
from app.services.documents.errors import PrintFailed
from app.services.documents.fonts import FontSet, font_set
from app.services.documents.formatting import Formatter
from app.services.documents.labels import BARCODE_TEXT, CAPTION, PAD, Box, LabelGeometry, address_lines
from app.services.documents.model import ShippingLabel, sender_address
from app.services.documents.qr import qr_rows
from app.services.documents.settings import DocumentSettings, load_document_settings
from app.services.documents.textfit import fit_lines
from app.services.documents.wording import Wording


def field_data(text: str) -> str:
    """``^FH\\^FD…`` escaping: the characters ZPL treats as commands become hex escapes."""
    return "".join({"\\": "\\5C", "^": "\\5E", "~": "\\7E"}.get(ch, ch) for ch in text)


class ZplLabel:
    """Builds the ZPL of one label in printer dots (origin top left)."""

    def __init__(self, geometry: LabelGeometry, dpi: int, cjk_font: str, fonts: FontSet):
        self.g, self.dpi, self.cjk_font, self.fonts = geometry, dpi, cjk_font, fonts
        self.parts: list[str] = []

    def dots(self, points: float) -> int:
        return round(points * self.dpi / 72)

    def top(self, y_points: float) -> int:
        """A PDF y (from the bottom) as a ZPL y (from the top)."""
        return self.dots(self.g.height - y_points)

    def text(self, x: float, top: float, text: str, size: float, *, width: float | None = None,
             center: bool = False) -> None:
        """One line of text whose top is at ``top`` (PDF points)."""
        height = max(10, self.dots(size))
        font = f"^A0N,{height},{height}" if text.isascii() else f"^A@N,{height},{height},{self.cjk_font}"
        block = f"^FB{self.dots(width)},1,0,C,0" if center and width else ""
        self.parts.append(f"^FO{self.dots(x)},{self.top(top)}{font}{block}^FH\\^FD{field_data(text)}^FS")

    def box(self, box: Box, thickness: float) -> None:
        self.parts.append(f"^FO{self.dots(box.x)},{self.top(box.top)}"
                          f"^GB{self.dots(box.width)},{self.dots(box.height)},{max(1, self.dots(thickness))}^FS")

    def hline(self, x: float, y: float, width: float, thickness: float = 0.8) -> None:
        self.parts.append(f"^FO{self.dots(x)},{self.top(y)}^GB{self.dots(width)},0,{max(1, self.dots(thickness))}^FS")

    def vline(self, x: float, bottom: float, height: float, thickness: float = 0.8) -> None:
        self.parts.append(f"^FO{self.dots(x)},{self.top(bottom + height)}"
                          f"^GB0,{self.dots(height)},{max(1, self.dots(thickness))}^FS")

    def fitted(self, box: Box, lines, *, size: float, min_size: float, floor: float | None = None,
               caption: bool = True) -> None:
        inner = box.inner(caption)
        fit = fit_lines(lines, inner.width, inner.height, self.fonts, size=size, min_size=min_size, floor=floor)
        for i, (line, _bold) in enumerate(fit.lines):
            self.text(inner.x, inner.top - i * fit.leading, line, fit.size)

    def caption(self, box: Box, text: str) -> None:
        self.text(box.x + PAD, box.top - PAD, text.upper(), CAPTION)


def label_zpl(label: ShippingLabel, geometry: LabelGeometry, settings: DocumentSettings, fonts: FontSet,
              dpi: int | None = None) -> str:
    """The ZPL of one label: ``^XA`` … ``^XZ``."""
    dpi = dpi or settings.zpl_dpi
    g = geometry
    wording, fmt = Wording(label.language), Formatter(label.language, settings.locale_en)
    z = ZplLabel(g, dpi, settings.zpl_cjk_font, fonts)
    z.parts += ["^XA", "^CI28", f"^PW{z.dots(g.width)}", f"^LL{z.dots(g.height)}", "^LH0,0"]
    z.box(Box(g.sender.x, g.qr.y, g.sender.width + g.carrier.width, g.sender.top - g.qr.y), 1.2)
    for box in (g.ship_to, g.order, g.barcode):
        z.hline(box.x, box.top, g.ship_to.width)
    z.hline(g.barcode.x, g.barcode.y, g.barcode.width)
    for box in (g.carrier, g.package, g.weight, g.references):
        z.vline(box.x, box.y, box.height)
    for box, key in ((g.sender, "ship_from"), (g.carrier, "carrier"), (g.ship_to, "ship_to"), (g.order, "order_no"),
                     (g.package, "package"), (g.weight, "weight"),
                     (g.barcode, "tracking_no" if label.tracking_no else "order_no")):
        z.caption(box, wording[key])
    sender = label.ship_from or sender_address(settings.company(wording.language), label.warehouse)
    z.fitted(g.sender, address_lines(sender), size=8, min_size=6, floor=4.5)
    carrier = [(label.carrier_name or "-", True)] + ([(label.service, False)] if label.service else [])
    z.fitted(g.carrier, carrier, size=14, min_size=8, floor=6)
    z.fitted(g.ship_to, address_lines(label.ship_to), size=13, min_size=8, floor=6)
    z.fitted(g.order, [(label.order_no, True)], size=11, min_size=6)
    z.fitted(g.package, [(wording("package_of", no=label.package_no, count=label.package_count), True)],
             size=11, min_size=6)
    weight = wording("kg", weight=fmt.quantity(label.weight_kg)) if label.weight_kg else "-"
    z.fitted(g.weight, [(weight, True)], size=11, min_size=6)
    # Code 128, centred, with the number under it.
    value, box, bars = label.barcode_value, g.barcode, g.bars
    modules = code128(value).module_count
    module = max(1, min(4, int(z.dots(bars.width) / (modules + 2 * QUIET_MODULES))))
    x = bars.x + bars.width / 2 - modules * module * 72 / dpi / 2
    z.parts.append(f"^FO{z.dots(x)},{z.top(bars.top)}^BY{module},3,{z.dots(bars.height)}"
                   f"^BCN,{z.dots(bars.height)},N,N,N,A^FH\\^FD{field_data(value)}^FS")  # A: printer picks subsets
    z.text(box.x, box.y + PAD + BARCODE_TEXT, value, BARCODE_TEXT, width=box.width, center=True)
    # QR code: magnification so that the symbol and its quiet zone fill the square.
    square = g.qr_symbol
    count, _ = qr_rows(label.qr_value)
    magnification = max(1, min(10, z.dots(square.width) // (count + 2 * QR_BORDER)))
    offset = QR_BORDER * magnification * 72 / dpi
    z.parts.append(f"^FO{z.dots(square.x + offset)},{z.top(square.top - offset)}"
                   f"^BQN,2,{magnification}^FH\\^FDMA,{field_data(label.qr_value)}^FS")
    refs = [(label.shipment_no or "", True),
            (f"{wording['your_reference']}: {label.customer_reference}" if label.customer_reference else "", False),
            (f"{wording['date']}: {fmt.date(label.ship_date)}" if label.ship_date else "", False)]
    refs = [ref for ref in refs if ref[0]]
    if refs:
        z.fitted(g.references, refs, size=9, min_size=6, caption=False)
    z.parts += ["^PQ1", "^XZ"]
    return "\n".join(z.parts)


def render_zpl(labels: Iterable[ShippingLabel], *, size: str | None = None, dpi: int | None = None,
               settings: DocumentSettings | None = None, fonts: FontSet | None = None) -> bytes:
    """All labels as one ZPL stream (UTF-8), ready to save or to send raw to a printer."""
    settings = settings or load_document_settings()
    fonts = fonts or font_set(**settings.font_options())
    geometry = LabelGeometry.for_size(size or settings.label_size)
    out = [label_zpl(label, geometry, settings, fonts, dpi) for label in labels]
    if not out:
        raise ValueError("there are no labels to print")
    return ("\n".join(out) + "\n").encode("utf-8")


def send_raw(data: bytes, printer: str | None = None, *, job_name: str = "OrderPilot labels") -> None:
    """Send ``data`` unchanged to ``printer`` (default printer when ``None``)."""
    if sys.platform == "win32":
        _send_windows(data, printer, job_name)
        return
    lp = shutil.which("lp")
    if lp is None:
        raise PrintFailed("Cannot send to the label printer: the 'lp' command (CUPS) is not installed.")
    command = [lp, "-o", "raw", "-t", job_name] + (["-d", printer] if printer else [])
    try:
        result = subprocess.run(command, input=data, capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as error:
        raise PrintFailed(f"Cannot send to the label printer: {error}") from error
    if result.returncode != 0:
        message = result.stderr.decode(errors="replace").strip() or f"lp exited with {result.returncode}"
        raise PrintFailed(f"The label printer refused the job: {message}")


def _send_windows(data: bytes, printer: str | None, job_name: str) -> None:
    try:
        import win32print  # type: ignore[import-not-found]
    except ImportError as error:
        raise PrintFailed("Sending ZPL to a printer on Windows needs the pywin32 package; "
                          "save the labels as a .zpl file instead.") from error
    name = printer or win32print.GetDefaultPrinter()
    try:
        handle = win32print.OpenPrinter(name)
        try:
            win32print.StartDocPrinter(handle, 1, (job_name, None, "RAW"))
            try:
                win32print.StartPagePrinter(handle)
                win32print.WritePrinter(handle, data)
                win32print.EndPagePrinter(handle)
            finally:
                win32print.EndDocPrinter(handle)
        finally:
            win32print.ClosePrinter(handle)
    except Exception as error:  # pywin32 raises pywintypes.error
        raise PrintFailed(f"The label printer '{name}' refused the job: {error}") from error
