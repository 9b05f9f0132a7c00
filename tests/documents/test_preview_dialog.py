"""The preview dialog: shows the service's PDF, prints it page by page, saves it; label entry point."""

from __future__ import annotations

import io

import pytest
from document_shop import ARTIFACTS, two_orders
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog

from app.services.documents import document_pdf
from app.views.documents import preview_dialog, printing
from app.views.documents.preview_dialog import DocumentPreviewDialog
from app.views.documents.printing import show_document, show_labels_for_shipments


@pytest.fixture
def order_pdf(shop, settings):
    order = shop.order(*[("valve", n, None) for n in range(1, 60)])
    return order, document_pdf("confirmation", order.order_no, uow=shop.uow("clerk"), settings=settings)


def test_the_preview_shows_every_page_and_saves_the_same_pdf(qtbot, order_pdf, tmp_path, monkeypatch):
    order, pdf = order_pdf
    dialog = DocumentPreviewDialog(pdf, "Order confirmation", f"confirmation-{order.order_no}.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.document.pageCount() == 2 and dialog.pages_label.text() == "2 page(s)"
    assert not dialog.send_zpl_button.isVisible()  # ZPL only for labels

    target = tmp_path / "saved.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kw: (str(target), "PDF files (*.pdf)"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes() == pdf
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    qtbot.wait(800)  # QPdfView renders pages in the background
    dialog.grab().save(str(ARTIFACTS / "preview-dialog.png"))


def test_printing_renders_each_chosen_page_onto_the_printer(qtbot, order_pdf, tmp_path, monkeypatch):
    _, pdf = order_pdf
    dialog = DocumentPreviewDialog(pdf, "Order confirmation")
    qtbot.addWidget(dialog)
    output = tmp_path / "printed.pdf"
    made = []

    def printer_to_file():
        printer = DocumentPreviewDialog.make_printer(dialog)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output))
        printer.setResolution(150)
        made.append(printer)
        return printer

    monkeypatch.setattr(dialog, "make_printer", printer_to_file)
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    dialog.print_button.click()
    printed = PdfReader(io.BytesIO(output.read_bytes()))
    assert len(printed.pages) == 2
    width, height = float(printed.pages[0].mediabox.width), float(printed.pages[0].mediabox.height)
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4, as the document

    single = tmp_path / "page2.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(single))
    printer.setResolution(100)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 2)
    assert dialog.print_to(printer) == 1


def test_the_shipping_screen_entry_point_previews_a_batch_of_labels_with_zpl(qtbot, shop, monkeypatch, tmp_path):
    domestic, export = two_orders(shop)
    shipments = [row[0] for row in shop.rows("SELECT id FROM shipment ORDER BY id")]
    monkeypatch.setattr(DocumentPreviewDialog, "open", lambda self: None)
    dialog = show_labels_for_shipments(None, shipments, uow_factory=lambda: shop.uow("shipper"), size="4x6")
    qtbot.addWidget(dialog)
    assert dialog.document.pageCount() == 3 and dialog.zpl.count(b"^XA") == 3
    assert dialog.windowTitle() == "Shipping labels (3)"
    dialog.show()
    assert dialog.send_zpl_button.isVisible() and dialog.save_zpl_button.isVisible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    qtbot.wait(800)
    dialog.grab().save(str(ARTIFACTS / "preview-labels.png"))

    sent = []
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args, **kw: ("Zebra_ZD421", True))
    monkeypatch.setattr(preview_dialog, "send_raw", lambda data, printer: sent.append((data, printer)))
    dialog.send_zpl_button.click()
    assert sent == [(dialog.zpl, "Zebra_ZD421")]


def test_a_missing_order_is_reported_not_raised(qtbot, shop, monkeypatch):
    shown = []
    monkeypatch.setattr(printing.QMessageBox, "warning", lambda *args: shown.append(args[2]))
    assert show_document(None, "invoice", "SO-1999-0000001", uow_factory=lambda: shop.uow("clerk")) is None
    assert shown == ["There is no order SO-1999-0000001."]
