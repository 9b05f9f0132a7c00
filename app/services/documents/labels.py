"""Shipping labels, 4×6 in or 100×150 mm, one per page, many in one PDF.

Each label: sender and carrier at the top, the ship-to block, order / package / weight, a
Code 128 of the tracking number (the order number when there is none) with the number in
words, and a QR code (the carrier's tracking link, else the same number) with references.

Speed: everything that is the same on many labels — frame, captions in the label's language,
the sender block — is drawn once per (language, sender) into a form XObject and placed with
``doForm``; barcodes are drawn as one filled path each (:mod:`.barcodes`). Every text field is
shrunk to fit its box down to a minimum size, then wrapped (:mod:`.textfit`), never clipped.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO

from reportlab.lib.units import inch, mm
from reportlab.pdfgen.canvas import Canvas

from app.services.documents.barcodes import QUIET_MODULES, code128, draw_code128, draw_qr
from app.services.documents.fonts import FontSet, draw_string, font_set
from app.services.documents.formatting import Formatter
from app.services.documents.layout import binary_streams
from app.services.documents.model import ShippingLabel, sender_address
from app.services.documents.settings import LABEL_SIZES, Address, DocumentSettings, load_document_settings
from app.services.documents.textfit import FittedText, fit_lines
from app.services.documents.wording import Wording

log = logging.getLogger(__name__)

SIZES = {"4x6": (4 * inch, 6 * inch), "100x150": (100 * mm, 150 * mm)}
PAD = 6.0  # inner padding of each box, pt
CAPTION = 6.0  # caption font size
BARCODE_TEXT = 11.0  # size of the number printed under the bars
MAX_MODULE = 2.0  # widest Code 128 module, pt


@dataclass(frozen=True)
class Box:
    x: float
    y: float  # bottom
    width: float
    height: float

    @property
    def top(self) -> float:
        return self.y + self.height

    def inner(self, top_caption: bool = True) -> Box:
        """The area for content: padded, under the caption."""
        cap = CAPTION * 1.5 if top_caption else 0
        return Box(self.x + PAD, self.y + PAD * 0.6, self.width - 2 * PAD, self.height - PAD - cap - PAD * 0.6)


@dataclass(frozen=True)
class LabelGeometry:
    """Where everything goes on a label of one size (PDF points, origin bottom left)."""

    size: str
    width: float
    height: float
    sender: Box
    carrier: Box
    ship_to: Box
    order: Box
    package: Box
    weight: Box
    barcode: Box
    qr: Box
    references: Box

    @property
    def bars(self) -> Box:
        """Where the Code 128 bars go: above the number in words, under the caption."""
        box = self.barcode
        bottom = box.y + PAD + BARCODE_TEXT * 1.3
        return Box(box.x + PAD, bottom, box.width - 2 * PAD, box.top - PAD - CAPTION * 1.6 - bottom)

    @property
    def qr_symbol(self) -> Box:
        """The QR code's square, quiet zone included."""
        return Box(self.qr.x + 2, self.qr.y + 2, self.qr.width - 4, self.qr.height - 4)

    @classmethod
    def for_size(cls, size: str) -> LabelGeometry:
        if size not in SIZES:
            raise ValueError(f"label size must be one of {', '.join(LABEL_SIZES)}, not {size!r}")
        w, h = SIZES[size]
        m = 6.0
        inner_w = w - 2 * m
        # Bands from the top, as shares of the height inside the margin.
        shares = (0.16, 0.27, 0.10, 0.25)
        heights = [share * (h - 2 * m) for share in shares]
        tops = [h - m]
        for band in heights:
            tops.append(tops[-1] - band)
        band = [Box(m, tops[i + 1], inner_w, heights[i]) for i in range(len(heights))]
        bottom = Box(m, m, inner_w, tops[-1] - m)
        third = inner_w / 3
        return cls(
            size=size, width=w, height=h,
            sender=Box(m, band[0].y, inner_w * 0.58, band[0].height),
            carrier=Box(m + inner_w * 0.58, band[0].y, inner_w * 0.42, band[0].height),
            ship_to=band[1],
            order=Box(m, band[2].y, third * 1.3, band[2].height),
            package=Box(m + third * 1.3, band[2].y, third * 0.8, band[2].height),
            weight=Box(m + third * 2.1, band[2].y, inner_w - third * 2.1, band[2].height),
            barcode=band[3],
            qr=Box(m, m, bottom.height, bottom.height),
            references=Box(m + bottom.height, m, inner_w - bottom.height, bottom.height))


def _caption(canvas, box: Box, text: str, fonts: FontSet) -> None:
    draw_string(canvas, box.x + PAD, box.top - PAD - CAPTION * 0.8, text.upper(), CAPTION, fonts, bold=True)


def _fit(box: Box, lines, fonts: FontSet, *, size: float, min_size: float, floor: float | None = None,
         caption: bool = True) -> FittedText:
    inner = box.inner(caption)
    fitted = fit_lines(lines, inner.width, inner.height, fonts, size=size, min_size=min_size, floor=floor)
    if fitted.overflow:
        log.warning("label field does not fit its box even at %.1f pt: %s", fitted.size, lines[:1])
    return fitted


def _draw_fitted(canvas, box: Box, fitted: FittedText, fonts: FontSet, caption: bool = True,
                 align: str = "left") -> None:
    inner = box.inner(caption)
    x = inner.x + (inner.width if align == "right" else inner.width / 2 if align == "center" else 0)
    fitted.draw(canvas, x, inner.top, fonts, align=align)


def address_lines(address: Address) -> list[tuple[str, bool]]:
    return [(address.name, True), *[(line, False) for line in (*address.lines, address.country) if line]]


class LabelWriter:
    """Draws labels of one size onto one canvas, reusing the static parts as form XObjects."""

    def __init__(self, canvas: Canvas, size: str, settings: DocumentSettings, fonts: FontSet):
        self.canvas, self.settings, self.fonts = canvas, settings, fonts
        self.geometry = LabelGeometry.for_size(size)
        self._forms: dict[tuple, str] = {}
        self._wording: dict[str, Wording] = {}
        self._formatters: dict[str, Formatter] = {}

    def _language(self, language: str) -> tuple[Wording, Formatter]:
        if language not in self._wording:
            self._wording[language] = Wording(language)
            self._formatters[language] = Formatter(language, self.settings.locale_en)
        return self._wording[language], self._formatters[language]

    def _static_form(self, label: ShippingLabel, wording: Wording) -> str:
        sender = label.ship_from or sender_address(self.settings.company(wording.language), label.warehouse)
        key = (wording.language, sender)
        name = self._forms.get(key)
        if name is not None:
            return name
        name = f"LabelStatic{len(self._forms)}"
        c, g, fonts = self.canvas, self.geometry, self.fonts
        c.beginForm(name, lowerx=0, lowery=0, upperx=g.width, uppery=g.height)
        c.setLineWidth(1.2)
        c.rect(g.sender.x, g.qr.y, g.sender.width + g.carrier.width, g.sender.top - g.qr.y)
        c.setLineWidth(0.8)
        for box in (g.ship_to, g.order, g.barcode):
            c.line(box.x, box.top, box.x + g.ship_to.width, box.top)
        c.line(g.barcode.x, g.barcode.y, g.barcode.x + g.barcode.width, g.barcode.y)
        for box in (g.carrier, g.package, g.weight, g.references):
            c.line(box.x, box.y, box.x, box.top)
        for box, key_ in ((g.sender, "ship_from"), (g.ship_to, "ship_to"), (g.order, "order_no"),
                          (g.package, "package"), (g.weight, "weight"), (g.carrier, "carrier")):
            _caption(c, box, wording[key_], fonts)
        fitted = _fit(g.sender, address_lines(sender), fonts, size=8, min_size=6, floor=4.5)
        _draw_fitted(c, g.sender, fitted, fonts)
        c.endForm()
        self._forms[key] = name
        return name

    def draw(self, label: ShippingLabel) -> None:
        c, g, fonts = self.canvas, self.geometry, self.fonts
        wording, fmt = self._language(label.language)
        c.doForm(self._static_form(label, wording))
        carrier = [(label.carrier_name or "—", True)] + ([(label.service, False)] if label.service else [])
        _draw_fitted(c, g.carrier, _fit(g.carrier, carrier, fonts, size=14, min_size=8, floor=6), fonts)
        _draw_fitted(c, g.ship_to, _fit(g.ship_to, address_lines(label.ship_to), fonts,
                                        size=13, min_size=8, floor=6), fonts)
        _draw_fitted(c, g.order, _fit(g.order, [(label.order_no, True)], fonts, size=11, min_size=6), fonts)
        package = wording("package_of", no=label.package_no, count=label.package_count)
        _draw_fitted(c, g.package, _fit(g.package, [(package, True)], fonts, size=11, min_size=6), fonts)
        weight = wording("kg", weight=fmt.quantity(label.weight_kg)) if label.weight_kg else "—"
        _draw_fitted(c, g.weight, _fit(g.weight, [(weight, True)], fonts, size=11, min_size=6), fonts)
        self._draw_barcode(label)
        qr = g.qr_symbol
        draw_qr(c, label.qr_value, qr.x, qr.y, qr.width)
        refs = [(label.shipment_no or "", True),
                (f"{wording['your_reference']}: {label.customer_reference}" if label.customer_reference else "", False),
                (f"{wording['date']}: {fmt.date(label.ship_date)}" if label.ship_date else "", False)]
        refs = [ref for ref in refs if ref[0]]
        if refs:
            _draw_fitted(c, g.references, _fit(g.references, refs, fonts, size=9, min_size=6,
                                               caption=False), fonts, caption=False)

    def _draw_barcode(self, label: ShippingLabel) -> None:
        c, box, bars, fonts = self.canvas, self.geometry.barcode, self.geometry.bars, self.fonts
        value = label.barcode_value
        _caption(c, box, self._language(label.language)[0]["tracking_no" if label.tracking_no else "order_no"], fonts)
        module = min(MAX_MODULE, bars.width / (code128(value).module_count + 2 * QUIET_MODULES))
        draw_code128(c, value, bars.x + bars.width / 2, bars.y, height=bars.height, module=module, align="center")
        draw_string(c, box.x + box.width / 2, box.y + PAD + 1, value, BARCODE_TEXT, fonts, bold=True, align="center")


def render_labels(labels: Iterable[ShippingLabel], *, size: str | None = None,
                  settings: DocumentSettings | None = None, fonts: FontSet | None = None) -> bytes:
    """All ``labels`` in one PDF, one label per page, in the given order."""
    settings = settings or load_document_settings()
    fonts = fonts or font_set(**settings.font_options())
    size = size or settings.label_size
    geometry = LabelGeometry.for_size(size)
    buffer = BytesIO()
    with binary_streams():
        canvas = Canvas(buffer, pagesize=(geometry.width, geometry.height), pageCompression=1)
        canvas.setTitle("Shipping labels")
        canvas.setCreator("OrderPilot")
        writer = LabelWriter(canvas, size, settings, fonts)
        count = 0
        for label in labels:
            writer.draw(label)
            canvas.showPage()
            count += 1
        if count == 0:
            raise ValueError("there are no labels to print")
        canvas.save()
    return buffer.getvalue()
