"""Entry points other screens call to preview and print documents and shipping labels.

``show_labels_for_shipments`` is what the shipping screen calls for one shipment or a batch;
``show_document`` serves the order screens (confirmation, pick list, packing slip, invoice,
return authorisation). Both call the documents service and open a
:class:`~app.views.documents.preview_dialog.DocumentPreviewDialog` with the bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.services.documents.printing import document_kind, document_pdf, label_files
from app.services.errors import OrderPilotError
from app.views.documents.preview_dialog import DocumentPreviewDialog


def _titles() -> dict[str, str]:
    # Spelled out at each call: pyside6-lupdate only finds literal translate() calls.
    return {
        "confirmation": QCoreApplication.translate("DocumentPrinting", "Order confirmation"),
        "pick-list": QCoreApplication.translate("DocumentPrinting", "Pick list"),
        "packing-slip": QCoreApplication.translate("DocumentPrinting", "Packing slip"),
        "invoice": QCoreApplication.translate("DocumentPrinting", "Invoice"),
        "rma": QCoreApplication.translate("DocumentPrinting", "Return authorisation"),
        "label": QCoreApplication.translate("DocumentPrinting", "Shipping labels"),
    }


def _busy(work: Callable, parent: QWidget | None):
    """Run the service with a wait cursor; a business error becomes a message and ``None``."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return work()
    except OrderPilotError as error:
        failure = error
    finally:
        QApplication.restoreOverrideCursor()
    QMessageBox.warning(parent, QCoreApplication.translate("DocumentPrinting", "Cannot print"), str(failure))
    return None


def show_document(parent: QWidget | None, kind: str, number: str, *, uow_factory: Callable,
                  modal: bool = False) -> DocumentPreviewDialog | None:
    """Preview the ``kind`` document of order ``number``; ``None`` (after a message) on failure."""
    kind = document_kind(kind)
    pdf = _busy(lambda: document_pdf(kind, number, uow=uow_factory()), parent)
    if pdf is None:
        return None
    title = f"{_titles()[kind]} {number}"
    dialog = DocumentPreviewDialog(pdf, title, f"{kind}-{number}.pdf", parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.exec() if modal else dialog.open()
    return dialog


def show_labels_for_shipments(parent: QWidget | None, shipment_ids: Sequence[int], *, uow_factory: Callable,
                              size: str | None = None, modal: bool = False) -> DocumentPreviewDialog | None:
    """Preview the labels of one shipment or a batch (one label per package), ready to print as PDF
    or to send as ZPL to a thermal printer."""
    files = _busy(lambda: label_files(uow=uow_factory(), shipment_ids=list(shipment_ids), size=size), parent)
    if files is None:
        return None
    title = QCoreApplication.translate("DocumentPrinting", "Shipping labels") + f" ({files.count})"
    name = f"labels-{files.first_number}.pdf" if files.count else "labels.pdf"
    dialog = DocumentPreviewDialog(files.pdf, title, name, zpl=files.zpl, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.exec() if modal else dialog.open()
    return dialog
