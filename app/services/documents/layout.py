"""The shared look of the A4/Letter documents: page geometry, letterhead, footer, tables.

Geometry is fixed so pagination is predictable: the first page has a letterhead band and an
address panel of :data:`PANEL_HEIGHT`; later pages a short header; every table row is one
:data:`ROW_HEIGHT` per line of text. "Page x of y" is drawn after the whole document is laid
out (:class:`NumberedCanvas` keeps each page until the total is known).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from io import BytesIO

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, LongTable, PageTemplate, Paragraph, TableStyle

from app.services.documents.barcodes import draw_code128
from app.services.documents.fonts import FontSet, draw_string, latin_only, markup, string_width
from app.services.documents.settings import CompanyInfo
from app.services.documents.textfit import fit_lines
from app.services.documents.wording import Wording

MARGIN = 15 * mm
TOP_FIRST = 44 * mm  # letterhead band on page 1 (from the top edge)
TOP_NEXT = 22 * mm  # short header on later pages
BOTTOM = 18 * mm  # footer band (from the bottom edge)
PANEL_HEIGHT = 38 * mm  # address panel under the letterhead
PANEL_GAP = 5 * mm  # space between the panel and the lines table
BLOCK_GAP = 4 * mm  # space before totals and notes
CELL_SIZE, CELL_LEADING, CELL_PADDING = 8.0, 10.0, 3.0
ROW_HEIGHT = CELL_LEADING + 2 * CELL_PADDING  # one line of text per row
INK = colors.HexColor("#1F2937")
MUTED = colors.HexColor("#6B7280")
RULE = colors.HexColor("#9CA3AF")
HEADER_FILL = colors.HexColor("#E5E7EB")


@dataclass(frozen=True)
class PageGeometry:
    width: float
    height: float

    @classmethod
    def named(cls, name: str) -> PageGeometry:
        size = LETTER if name.lower() == "letter" else A4
        return cls(*size)

    @property
    def frame_width(self) -> float:
        return self.width - 2 * MARGIN

    @property
    def first_frame_height(self) -> float:
        return self.height - TOP_FIRST - BOTTOM

    @property
    def later_frame_height(self) -> float:
        return self.height - TOP_NEXT - BOTTOM


@dataclass(frozen=True)
class Page:
    """Everything the page decorations need: who, what, which language and fonts."""

    title: str
    number: str
    date_text: str
    company: CompanyInfo
    fonts: FontSet
    wording: Wording
    geometry: PageGeometry
    barcode: str | None = None  # the document number as Code 128 under the title


def styles(fonts: FontSet) -> dict[str, ParagraphStyle]:
    base = dict(fontName=fonts.latin, textColor=INK, wordWrap="CJK", splitLongWords=True)
    return {
        "body": ParagraphStyle("body", fontSize=9, leading=12, **base),
        "small": ParagraphStyle("small", fontSize=7.5, leading=9.5, **base),
        "heading": ParagraphStyle("heading", fontSize=9.5, leading=12, spaceAfter=2,
                                  **{**base, "fontName": fonts.latin_bold}),
        "cell": ParagraphStyle("cell", fontSize=CELL_SIZE, leading=CELL_LEADING, alignment=TA_LEFT, **base),
        "cell_right": ParagraphStyle("cell_right", fontSize=CELL_SIZE, leading=CELL_LEADING,
                                     alignment=TA_RIGHT, **base),
        "head": ParagraphStyle("head", fontSize=CELL_SIZE, leading=CELL_LEADING, alignment=TA_LEFT,
                               **{**base, "fontName": fonts.latin_bold}),
        "head_right": ParagraphStyle("head_right", fontSize=CELL_SIZE, leading=CELL_LEADING,
                                     alignment=TA_RIGHT, **{**base, "fontName": fonts.latin_bold}),
    }


def para(text: str | None, style: ParagraphStyle, fonts: FontSet, bold: bool = False) -> Paragraph:
    return Paragraph(markup(text or "", fonts, bold), style)


# --- tables -----------------------------------------------------------------------------------

def lines_table(page: Page, header: list[str], rows: list[list], widths: list[float],
                right: set[int] = frozenset(), extra_style: list | None = None) -> LongTable:
    """A lines table whose header row repeats on every page; ``right`` = right-aligned columns.

    Cells may be plain strings (numbers: ASCII in the Latin font) or Paragraphs (text).
    """
    st = styles(page.fonts)
    head = [para(text, st["head_right" if i in right else "head"], page.fonts, bold=True)
            for i, text in enumerate(header)]
    # A plain string cell is drawn in the Latin font: anything it cannot show becomes a Paragraph.
    rows = [[para(cell, st["cell_right" if i in right else "cell"], page.fonts)
             if isinstance(cell, str) and not latin_only(cell, page.fonts) else cell
             for i, cell in enumerate(row)] for row in rows]
    table = LongTable([head, *rows], colWidths=widths, repeatRows=1, splitByRow=1)
    commands = [
        ("FONT", (0, 0), (-1, -1), page.fonts.latin, CELL_SIZE, CELL_LEADING),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#D1D5DB")),
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
    ]
    commands += [("ALIGN", (i, 1), (i, -1), "RIGHT") for i in right]
    table.setStyle(TableStyle(commands + (extra_style or [])))
    return table


def summary_table(page: Page, rows: list[tuple[str, str, bool]], width: float = 80 * mm) -> LongTable:
    """Right-aligned label/amount pairs (totals); bold rows are emphasised with a rule above."""
    st = styles(page.fonts)
    data = [[para(label, st["cell_right"], page.fonts, bold), para(value, st["cell_right"], page.fonts, bold)]
            for label, value, bold in rows]
    table = LongTable(data, colWidths=[width * 0.58, width * 0.42], hAlign="RIGHT")
    commands = [("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING), ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    commands += [("LINEABOVE", (0, i), (-1, i), 0.8, INK) for i, (_, _, bold) in enumerate(rows) if bold]
    table.setStyle(TableStyle(commands))
    return table


# --- the address panel ------------------------------------------------------------------------

class AddressPanel(Flowable):
    """Columns of (heading, lines) in a band of :data:`PANEL_HEIGHT`; text shrinks, wraps, grows.

    Each column's first line is bold. When even the smallest size does not fit, the panel grows
    to what the wrapped text needs rather than cutting anything off.
    """

    HEADING = 7.0

    def __init__(self, page: Page, columns: list[tuple[str, list[tuple[str, bool]]]], widths: list[float]):
        super().__init__()
        self.page, self.columns, self.widths = page, columns, widths
        self._fitted = []

    def _fit(self, height: float):
        body = height - self.HEADING * 1.6
        return [fit_lines(lines, width - 4 * mm, body, self.page.fonts, size=9.5, min_size=7, floor=5.5,
                          wrap_first=True)
                for (_, lines), width in zip(self.columns, self.widths)]

    def wrap(self, available_width, available_height):
        self._fitted = self._fit(PANEL_HEIGHT)
        needed = max((f.height for f in self._fitted if f.overflow), default=0) + self.HEADING * 1.6
        self.height = max(PANEL_HEIGHT, needed)
        if self.height > PANEL_HEIGHT:
            self._fitted = self._fit(self.height)
        self.width = sum(self.widths)
        return self.width, self.height

    def draw(self):
        canvas, fonts = self.canv, self.page.fonts
        x = 0.0
        for (heading, _), width, fitted in zip(self.columns, self.widths, self._fitted):
            canvas.setFillColor(MUTED)
            draw_string(canvas, x, self.height - self.HEADING, heading.upper(), self.HEADING, fonts, bold=True)
            canvas.setFillColor(INK)
            fitted.draw(canvas, x, self.height - self.HEADING * 1.6, fonts)
            x += width


def meta_lines(pairs: list[tuple[str, str | None]]) -> list[tuple[str, bool]]:
    """'Label: value' lines for the details column (empty values left out)."""
    return [(f"{label}: {value}", False) for label, value in pairs if value]


# --- page decorations -------------------------------------------------------------------------

def _draw_logo(canvas, company: CompanyInfo, x: float, top: float, box: float) -> float:
    """Draw the logo in a ``box``-high area; returns the width used (0 without a logo)."""
    if company.logo is None:
        return 0.0
    try:
        image = ImageReader(str(company.logo))
        iw, ih = image.getSize()
    except (OSError, ValueError):
        return 0.0
    width = min(box * iw / ih, 45 * mm)
    height = width * ih / iw
    canvas.drawImage(image, x, top - height, width, height, mask="auto")
    return width + 4 * mm


def draw_letterhead(page: Page, canvas, doc) -> None:
    g, fonts, company = page.geometry, page.fonts, page.company
    canvas.saveState()
    top = g.height - 12 * mm
    x = MARGIN + _draw_logo(canvas, company, MARGIN, top, 18 * mm)
    right = g.width - MARGIN
    title_width = max(string_width(page.title, 16, fonts, True), string_width(page.number, 10, fonts, True)) + 6 * mm
    contact = [company.phone and f"{page.wording['phone']} {company.phone}", company.email,
               company.tax_id and f"{page.wording['tax_id']} {company.tax_id}"]
    lines = [(company.name, True), *[(line, False) for line in company.address.all_lines()],
             (" · ".join(part for part in contact if part), False)]
    fitted = fit_lines(lines, right - title_width - x, 26 * mm, fonts, size=8, min_size=6, floor=5)
    canvas.setFillColor(INK)
    if fitted.lines:
        first, rest = fitted.lines[0], fitted.lines[1:]
        draw_string(canvas, x, top - 9, first[0], min(11.0, fitted.size + 3), fonts, bold=True)
        for i, (line, bold) in enumerate(rest):
            draw_string(canvas, x, top - 9 - (i + 1) * fitted.leading - 2, line, fitted.size, fonts, bold=bold)
    draw_string(canvas, right, top - 14, page.title, 16, fonts, bold=True, align="right")
    draw_string(canvas, right, top - 28, page.number, 10, fonts, bold=True, align="right")
    canvas.setFillColor(MUTED)
    draw_string(canvas, right, top - 40, page.date_text, 8.5, fonts, align="right")
    if page.barcode:
        draw_code128(canvas, page.barcode, right, top - 44 - 9 * mm, height=9 * mm, module=0.75, align="right")
    _rule(canvas, g, g.height - TOP_FIRST + 3 * mm)
    canvas.restoreState()


def draw_continuation(page: Page, canvas, doc) -> None:
    g, fonts = page.geometry, page.fonts
    canvas.saveState()
    y = g.height - 13 * mm
    canvas.setFillColor(MUTED)
    draw_string(canvas, MARGIN, y, page.company.name, 8, fonts)
    canvas.setFillColor(INK)
    draw_string(canvas, g.width - MARGIN, y, f"{page.title}  {page.number}", 9.5, fonts, bold=True, align="right")
    _rule(canvas, g, g.height - TOP_NEXT + 4 * mm)
    canvas.restoreState()


def _rule(canvas, g: PageGeometry, y: float) -> None:
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN, y, g.width - MARGIN, y)


class NumberedCanvas(Canvas):
    """Holds every page until the end, then draws the footer with "Page x of y" on each."""

    def __init__(self, *args, page: Page, **kwargs):
        kwargs.setdefault("pageCompression", 1)
        super().__init__(*args, **kwargs)
        self._page_info = page
        self._pages: list[dict] = []

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        count = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._draw_footer(number, count)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, count: int) -> None:
        page, g, fonts = self._page_info, self._page_info.geometry, self._page_info.fonts
        self.saveState()
        _rule(self, g, BOTTOM - 5 * mm)
        self.setFillColor(MUTED)
        company = page.company
        parts = [company.name, *company.address.lines, company.website]
        line = " · ".join(part for part in parts if part)
        fitted = fit_lines([line], g.frame_width - 40 * mm, 12, fonts, size=7, min_size=5.5, floor=5)
        fitted.draw(self, MARGIN, BOTTOM - 6.5 * mm, fonts)
        self.setFillColor(INK)
        draw_string(self, g.width - MARGIN, BOTTOM - 9 * mm, page.wording("page_of", page=number, pages=count),
                    8, fonts, align="right")
        self.restoreState()


@contextmanager
def binary_streams():
    """Write compressed streams without the ASCII85 wrapper while rendering (smaller, faster).

    ReportLab reads this from its global ``rl_config``; it is restored afterwards.
    """
    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before


def render(page: Page, story: list, *, subject: str = "") -> bytes:
    """Lay ``story`` out on letterhead pages and return the PDF."""
    g = page.geometry
    buffer = BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=(g.width, g.height), leftMargin=MARGIN, rightMargin=MARGIN,
                          topMargin=TOP_NEXT, bottomMargin=BOTTOM, title=f"{page.title} {page.number}",
                          author=page.company.name, subject=subject or page.title, creator="OrderPilot")
    pad = dict(leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    first = Frame(MARGIN, BOTTOM, g.frame_width, g.first_frame_height, id="first", **pad)
    later = Frame(MARGIN, BOTTOM, g.frame_width, g.later_frame_height, id="later", **pad)
    on_first: Callable = partial(draw_letterhead, page)
    on_later: Callable = partial(draw_continuation, page)
    doc.addPageTemplates([PageTemplate("first", [first], onPage=on_first, autoNextPageTemplate="later"),
                          PageTemplate("later", [later], onPage=on_later)])
    with binary_streams():
        doc.build(story, canvasmaker=partial(NumberedCanvas, page=page))
    return buffer.getvalue()
