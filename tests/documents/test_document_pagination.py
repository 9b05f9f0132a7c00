"""Long documents: 100-line orders, 5,000-character notes, very long names and addresses."""

from __future__ import annotations

import math
import re

from pdf_checks import page_texts, squeeze
from reportlab.lib.units import mm

from app.services.documents import document_pdf, layout
from app.services.documents.fonts import font_set, string_width
from app.services.documents.textfit import fit_lines, wrap

PRODUCTS = ("pump", "valve", "cabinet")
SKUS = {"pump": "P-100", "valve": "V-20", "cabinet": "CAB-1"}


def hundred_line_order(shop, **header):
    return shop.order(*[(PRODUCTS[i % 3], i % 7 + 1, None) for i in range(100)], **header)


def expected_pages(lines: int, blocks: list[float]) -> int:
    """Pages the layout needs for ``lines`` one-line table rows followed by unsplittable
    ``blocks`` (each after a gap of BLOCK_GAP), computed from the page geometry."""
    g = layout.PageGeometry.named("A4")
    row = layout.ROW_HEIGHT
    pages, left = 1, lines
    space = g.first_frame_height - layout.PANEL_HEIGHT - layout.PANEL_GAP
    while True:
        rows_here = math.floor((space - row) / row)  # the header row repeats on every page
        if left <= rows_here:
            space -= (left + 1) * row
            break
        left -= rows_here
        pages += 1
        space = g.later_frame_height
    for height in blocks:
        if layout.BLOCK_GAP + height > space:
            pages += 1
            space = g.later_frame_height
        space -= layout.BLOCK_GAP + height
    return pages


def test_a_100_line_order_paginates_with_the_header_row_and_page_x_of_y_on_every_page(shop, settings):
    order = hundred_line_order(shop)
    pdf = document_pdf("confirmation", order.order_no, uow=shop.uow("clerk"), settings=settings)

    pages = page_texts(pdf)
    rates = {line.tax_rate for line in order.lines}
    totals_rows = 1 + len(rates) + 1  # subtotal, one tax line per rate, total
    assert len(pages) == expected_pages(100, [totals_rows * layout.ROW_HEIGHT]) == 3
    for number, text in enumerate(pages, start=1):
        assert "行号 物料号 名称/描述 数量 单位 单价 税率% 不含税金额" in text, f"no header row on page {number}"
        assert f"第 {number} 页，共 {len(pages)} 页" in text
        assert order.order_no in text
    text = "\n".join(pages)
    for line in order.lines:
        assert re.search(rf"^{line.line_no} {SKUS[PRODUCTS[(line.line_no - 1) % 3]]} ", text, re.M), line.line_no
    rows_per_page = [len(re.findall(r"^\d+ (?:P-100|V-20|CAB-1) ", page, re.M)) for page in pages]
    assert sum(rows_per_page) == 100 and rows_per_page[0] < rows_per_page[1]


def test_a_100_line_invoice_keeps_its_tax_summary_whole_and_numbers_every_page(shop, settings):
    order = hundred_line_order(shop, customer="credit_customer")
    pdf = document_pdf("invoice", order.order_no, uow=shop.uow("clerk"), settings=settings)

    pages = page_texts(pdf)
    rates = {line.tax_rate for line in order.lines}
    tax_table = (1 + len(rates) + 1) * layout.ROW_HEIGHT + 2 * mm + layout.ROW_HEIGHT  # rates, total
    bank_and_thanks = 2 * 9.5 + 6 - layout.BLOCK_GAP  # two small lines after a 6 pt space
    assert len(pages) == expected_pages(100, [tax_table, bank_and_thanks])
    for number, text in enumerate(pages, start=1):
        assert "Article Description Qty Unit price Tax % Net Tax Gross" in text
        assert f"Page {number} of {len(pages)}" in text
    last = pages[-1]
    assert all(re.search(rf"^{rate.normalize()}% ", last, re.M) for rate in rates) and "Total (incl. tax)" in last


def note_of(length: int) -> str:
    sentences = ["请在周一上午九点至十一点之间送货，并提前一天电话联系仓库。",
                 "Deliver to gate 3 only; the forklift is available until 15:00.",
                 "所有包装必须贴有订单号和箱号标签。",
                 "Pallets must not exceed 1.2 m in height and 800 kg in weight."]
    text, i = "", 0
    while len(text) < length:
        text += sentences[i % 4] + ("\n\n" if i % 9 == 8 else " ")
        i += 1
    tail = " https://example.com/" + "x" * 100  # one word longer than a line
    return text[:length - len(tail)] + tail


def test_a_5000_character_note_flows_over_the_pages_without_losing_a_character(shop, settings):
    note = note_of(5000)
    assert len(note) == 5000
    order = shop.order(("pump", 1, None), notes=note)
    pdf = document_pdf("confirmation", order.order_no, uow=shop.uow("clerk"), settings=settings)

    pages = page_texts(pdf, layout=False)
    assert len(pages) >= 2
    body = pages[0].split("备注", 1)[1].rsplit("\n", 1)[0]  # after the heading, before the footer
    for page in pages[1:]:
        body += page.split("\n", 1)[1].rsplit("\n", 1)[0]  # without the running header and footer
    assert squeeze(note) in squeeze(body)
    for number, page in enumerate(page_texts(pdf), start=1):
        assert f"第 {number} 页，共 {len(pages)} 页" in page


def test_very_long_names_and_addresses_are_shrunk_or_wrapped_never_cut_off(shop, settings):
    name = "上海浦江机械有限公司" + "国际贸易与工程服务分公司" * 4 + " Shanghai Pujiang Machinery International " * 3
    street = "浦东新区张江高科技园区碧波路 690 号 " * 4 + "Building 7, Gate 3, Loading Dock B"
    with shop.admin.cursor() as cur:
        cur.execute("UPDATE customer SET name = %s, address_line1 = %s WHERE code = 'C001'", (name, street))
    order = shop.order(("pump", 1, None))
    for kind in ("confirmation", "invoice", "label"):
        pdf = document_pdf(kind, order.order_no, uow=shop.uow("clerk"), settings=settings)
        text = squeeze("".join(page_texts(pdf, layout=False)))
        assert squeeze(name) in text and squeeze(street) in text, kind


def test_fitting_shrinks_first_then_wraps_and_reports_what_cannot_fit():
    fonts = font_set(force_cid=True)
    short = fit_lines(["Hansen Pumpen GmbH"], 200, 40, fonts, size=12, min_size=7)
    assert short.size == 12 and not short.overflow
    name = "Hansen Pumpen und Armaturen GmbH & Co. KG"
    shrunk = fit_lines([name], string_width(name, 12, fonts) * 0.7, 40, fonts, size=12, min_size=7)
    assert 8 <= shrunk.size <= 8.5 and shrunk.lines == ((name, False),)
    long = "上海浦江机械有限公司国际贸易与工程服务分公司 Shanghai Pujiang Machinery International Trading"
    wrapped = fit_lines([long], 100, 60, fonts, size=12, min_size=7)
    assert len(wrapped.lines) > 1 and not wrapped.overflow
    assert squeeze("".join(text for text, _ in wrapped.lines)) == squeeze(long)
    hopeless = fit_lines([long * 20], 100, 30, fonts, size=12, min_size=7, floor=5)
    assert hopeless.overflow and hopeless.size == 5
    assert squeeze("".join(text for text, _ in hopeless.lines)) == squeeze(long * 20)  # nothing dropped
    assert wrap("控制柜，（CC-1）。", 20, 10, fonts)[1][0] != "，"  # no line starts with a comma
