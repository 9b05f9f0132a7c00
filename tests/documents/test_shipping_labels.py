"""Shipping labels: content, sizes, batches, and barcodes that decode to the right number."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal

import pytest
from document_shop import SF_URL, two_orders
from pdf_checks import page_sizes, page_texts, render_pages, squeeze
from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.units import inch, mm

from app.services.documents.barcodes import QR_BORDER, code128, decode_code128_scanline, qr_matrix
from app.services.documents.commands import print_labels
from app.services.documents.data import load_labels
from app.services.documents.labels import LabelGeometry, render_labels
from app.services.documents.model import ShippingLabel
from app.services.documents.settings import Address


@pytest.mark.parametrize("size, expected", [("4x6", (4 * inch, 6 * inch)), ("100x150", (100 * mm, 150 * mm))])
def test_a_batch_of_labels_has_one_page_per_parcel_with_every_field(shop, settings, tmp_path, size, expected):
    domestic, export = two_orders(shop)
    path = print_labels([domestic.order_no, export.order_no], tmp_path / "labels.pdf",
                        uow_factory=lambda: shop.uow("shipper"), size=size, settings=settings)
    pdf = path.read_bytes()

    assert [tuple(round(v, 1) for v in s) for s in page_sizes(pdf)] == [tuple(round(v, 1) for v in expected)] * 3
    first, second, third = page_texts(pdf, layout=False)
    for text, package in ((first, "1 / 2"), (second, "2 / 2")):
        assert "上海浦江机械有限公司" in text and "浦东新区张江路 1000 号" in text and "201203 上海" in text
        assert "奥德派洛特示范制造有限公司" in text and "临港大道 88 号" in text  # sender: company + warehouse
        assert "顺丰速运 SF Express" in text and "standard" in text and domestic.order_no in text
        assert package in text and "贵方参考号: PO-88" in text
    assert "70 千克" in first and "8 千克" in second
    assert "SF1400000000011" in first and "SF1400000000012" in second
    assert "Hansen Pumpen GmbH – Wareneingang" in third and "85748 Garching" in third and "Germany" in third
    assert "DHL Express" in third and "WORLDWIDE" in third and "1 of 1" in third and "36.5 kg" in third
    assert "SHIP TO" in third and "SHIP TO" not in first  # captions in the customer's language


def test_the_code128_decodes_to_the_tracking_number_or_else_the_order_number(shop, settings, qapp):
    domestic, export = two_orders(shop)
    labels = load_labels(uow=shop.uow("shipper"), order_nos=[domestic.order_no, export.order_no])
    assert [label.barcode_value for label in labels] == ["SF1400000000011", "SF1400000000012", export.order_no]
    for size in ("4x6", "100x150"):
        pdf = render_labels(labels, size=size, settings=settings)
        bars = LabelGeometry.for_size(size).bars
        for label, page in zip(labels, render_pages(pdf, dpi=300)):
            # What ReportLab's own Code128 widget encodes for the value...
            widget = Code128(label.barcode_value)
            widget.validate()
            assert tuple(widget.encode()) == code128(label.barcode_value).codes
            # ...is what is printed: read the bars back from the rendered page, at three heights.
            for y in (bars.y + 5, bars.y + bars.height / 2, bars.top - 5):
                assert decode_code128_scanline(page.row(y, bars.x + 1, bars.x + bars.width - 1)) == label.barcode_value


def test_the_qr_code_holds_the_carriers_tracking_link_or_else_the_number(shop, settings, qapp):
    domestic, export = two_orders(shop)
    labels = load_labels(uow=shop.uow("shipper"), order_nos=[domestic.order_no, export.order_no])
    assert [label.qr_value for label in labels] == [
        SF_URL.format("SF1400000000011"), SF_URL.format("SF1400000000012"), export.order_no]
    pdf = render_labels(labels, size="4x6", settings=settings)
    square = LabelGeometry.for_size("4x6").qr_symbol
    for label, page in zip(labels, render_pages(pdf, dpi=300)):
        matrix = qr_matrix(label.qr_value)  # the modules ReportLab's QrCodeWidget computes for the value
        box = square.width / (len(matrix) + 2 * QR_BORDER)
        printed = [[page.dark(square.x + (c + QR_BORDER + 0.5) * box, square.top - (r + QR_BORDER + 0.5) * box)
                    for c in range(len(matrix))] for r in range(len(matrix))]
        assert printed == matrix
        quiet = [page.dark(square.x + 0.5 * box, square.top - (i + 0.5) * box) for i in range(len(matrix))]
        assert not any(quiet)


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbarimg (zbar-tools) is not installed")
def test_a_barcode_reader_reads_both_codes_from_the_printed_label(shop, settings, qapp, tmp_path):
    domestic, _ = two_orders(shop)
    labels = load_labels(uow=shop.uow("shipper"), order_nos=[domestic.order_no])
    page = render_pages(render_labels(labels[:1], size="100x150", settings=settings), dpi=203)[0]
    image = tmp_path / "label.png"
    page.image.save(str(image))
    found = subprocess.run(["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True).stdout
    assert sorted(found.split()) == sorted(["SF1400000000011", SF_URL.format("SF1400000000011")])


def test_an_order_without_a_shipment_still_gets_a_label_from_its_own_data(shop, settings):
    order = shop.order(("pump", 2, None), ("valve", 5, None))
    labels = load_labels(uow=shop.uow("shipper"), order_nos=[order.order_no])
    assert len(labels) == 1 and labels[0].barcode_value == order.order_no
    assert labels[0].weight_kg == Decimal("74.000")  # 2 × 35 kg + 5 × 0.8 kg from the products
    text = page_texts(render_labels(labels, settings=settings), layout=False)[0]
    assert order.order_no in text and "74 千克" in text


def test_label_fields_shrink_then_wrap_inside_their_boxes(settings):
    name = "Hansen Pumpen und Armaturen Vertriebsgesellschaft mbH & Co. KG – Niederlassung Süd, Wareneingang Tor 7"
    street = "Industriestraße 123–125, Gebäude C, 3. Obergeschoss, Anlieferung nur werktags von 7 bis 15 Uhr"
    label = ShippingLabel(Address(name, (street, "80331 München"), "Germany"), "SO-2026-0000001", "en",
                          carrier_name="Deutsche Post DHL Group Paket International Premium", service="EXPRESS 12:00",
                          tracking_no="JJD000390007700001234", customer_reference="R" * 60,
                          ship_from=Address("Sender " * 12, ("Street " * 10,), "China"))
    text = squeeze(page_texts(render_labels([label], settings=settings), layout=False)[0])
    for part in (name, street, "80331 München", "Deutsche Post DHL Group Paket International Premium", "R" * 60,
                 "Sender " * 12, "Street " * 10):
        assert squeeze(part) in text
