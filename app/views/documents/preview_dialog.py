"""Preview of a printed document (PDF bytes from the documents service), with Print and Save.

Used by every screen that prints: order confirmation, pick list, packing slip, invoice, return
authorisation and shipping labels. The dialog never reads the database: callers hand it the
PDF (and, for labels, the ZPL) the service produced.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSize, QSizeF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.documents.zpl import send_raw
from app.services.errors import OrderPilotError

MAX_PRINT_DPI = 300  # pages are rasterised for the printer at no more than this
LABEL_WIDTH_LIMIT = 400  # pages narrower than this (points) are labels: show them whole


class DocumentPreviewDialog(QDialog):
    """Shows the pages of ``pdf``; Print… (Qt print dialog), Save as PDF…, and for labels ZPL."""

    def __init__(self, pdf: bytes, title: str, file_name: str = "document.pdf", *, zpl: bytes | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.pdf, self.zpl, self.file_name = pdf, zpl, file_name
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)

        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        small = self.document.pageCount() and self.document.pagePointSize(0).width() < LABEL_WIDTH_LIMIT
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView if small else QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)

        self.pages_label = QLabel(self.tr("%n page(s)", "", self.document.pageCount()), self)
        self.fit_width_button = QPushButton(self.tr("Fit width"), self)
        self.fit_page_button = QPushButton(self.tr("Whole page"), self)
        self.print_button = QPushButton(self.tr("Print…"), self)
        self.save_button = QPushButton(self.tr("Save as PDF…"), self)
        self.save_zpl_button = QPushButton(self.tr("Save ZPL…"), self)
        self.send_zpl_button = QPushButton(self.tr("Send to label printer…"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        for button in (self.save_zpl_button, self.send_zpl_button):
            button.setVisible(zpl is not None)
        self.print_button.setDefault(True)

        self.fit_width_button.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.fit_page_button.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitInView))
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_pdf)
        self.save_zpl_button.clicked.connect(self.save_zpl)
        self.send_zpl_button.clicked.connect(self.send_zpl)
        self.close_button.clicked.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addWidget(self.pages_label)
        buttons.addWidget(self.fit_width_button)
        buttons.addWidget(self.fit_page_button)
        buttons.addStretch(1)
        for button in (self.save_zpl_button, self.send_zpl_button, self.save_button, self.print_button,
                       self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        screen = QGuiApplication.primaryScreen()
        available = screen.availableGeometry().size() if screen else QSize(1200, 900)
        self.resize(min(900, available.width()), min(1000, available.height()))

    # --- printing -------------------------------------------------------------------------------

    def make_printer(self) -> QPrinter:
        """A printer set up for the document's page size (labels get their label size), no margins."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        if self.document.pageCount():
            size = self.document.pagePointSize(0)
            orientation = (QPageLayout.Orientation.Landscape if size.width() > size.height()
                           else QPageLayout.Orientation.Portrait)
            page_size = QPageSize(QSizeF(min(size.width(), size.height()), max(size.width(), size.height())),
                                  QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
            printer.setPageLayout(QPageLayout(page_size, orientation, QMarginsF(0, 0, 0, 0)))
        printer.setFullPage(True)
        return printer

    def print_document(self) -> None:
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print %1").replace("%1", self.windowTitle()))
        dialog.setMinMax(1, max(1, self.document.pageCount()))
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.print_to(printer)
        except RuntimeError as error:
            QMessageBox.warning(self, self.tr("Printing failed"), str(error))

    def print_to(self, printer: QPrinter) -> int:
        """Render the chosen pages onto ``printer``; returns how many pages were printed."""
        count = self.document.pageCount()
        first, last = 0, count - 1
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first, last = printer.fromPage() - 1, min(count, printer.toPage() or count) - 1
        painter = QPainter()
        if not painter.begin(printer):
            raise RuntimeError(self.tr("The printer could not be started."))
        printed = 0
        try:
            dpi = printer.resolution()
            paper = printer.pageLayout().fullRectPixels(dpi)
            for page in range(first, last + 1):
                if printed:
                    printer.newPage()
                points = self.document.pagePointSize(page)
                scale = min(paper.width() / points.width(), paper.height() / points.height())
                target = QRectF(0, 0, points.width() * scale, points.height() * scale)
                target.moveCenter(QPointF(paper.width() / 2, paper.height() / 2))
                raster = min(dpi, MAX_PRINT_DPI) / 72
                image = self.document.render(page, QSize(round(points.width() * raster),
                                                         round(points.height() * raster)))
                painter.drawImage(target, image)
                printed += 1
        finally:
            painter.end()
        return printed

    # --- saving ---------------------------------------------------------------------------------

    def save_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"), self.file_name,
                                              self.tr("PDF files (*.pdf)"))
        if path:
            self._write(path, self.pdf)

    def save_zpl(self) -> None:
        if self.zpl is None:
            return
        name = self.file_name.rsplit(".", 1)[0] + ".zpl"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save ZPL"), name,
                                              self.tr("ZPL files (*.zpl);;All files (*)"))
        if path:
            self._write(path, self.zpl)

    def send_zpl(self) -> None:
        if self.zpl is None:
            return
        printers = QPrinterInfo.availablePrinterNames()
        default = QPrinterInfo.defaultPrinterName()
        current = printers.index(default) if default in printers else 0
        name, ok = QInputDialog.getItem(self, self.tr("Send to label printer"),
                                        self.tr("Label printer (receives raw ZPL):"), printers or [""],
                                        current, True)
        if not ok or not name.strip():
            return
        try:
            send_raw(self.zpl, name.strip())
        except OrderPilotError as error:
            QMessageBox.warning(self, self.tr("Label printer"), str(error))

    def _write(self, path: str, data: bytes) -> None:
        try:
            with open(path, "wb") as handle:
                handle.write(data)
        except OSError as error:
            reason = error.strerror or str(error)
            QMessageBox.warning(self, self.tr("Could not save"),
                                self.tr("The file could not be written: %1").replace("%1", reason))
