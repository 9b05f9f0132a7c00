"""Produce documents from the database: a kind and a number in, PDF (or ZPL) bytes out.

The client's preview dialog and the command line both come here; views never see SQL and
receive only bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from app.services.documents.data import (
    load_labels,
    load_order_document,
    load_return_document,
    load_shipment_document,
)
from app.services.documents.errors import UnknownDocument
from app.services.documents.invoice import render_invoice
from app.services.documents.labels import render_labels
from app.services.documents.order_confirmation import render_order_confirmation
from app.services.documents.packing_slip import render_packing_slip
from app.services.documents.pick_list import render_pick_list
from app.services.documents.return_authorisation import render_return_authorisation
from app.services.documents.settings import DocumentSettings, load_document_settings
from app.services.documents.zpl import render_zpl
from app.services.errors import ValidationFailed

# Document kinds as typed on the command line, with their aliases.
KINDS = {
    "confirmation": "confirmation", "order-confirmation": "confirmation",
    "pick-list": "pick-list", "picklist": "pick-list",
    "packing-slip": "packing-slip", "packingslip": "packing-slip",
    "invoice": "invoice",
    "rma": "rma", "return": "rma", "return-authorisation": "rma",
    "label": "label", "labels": "label",
}
DOCUMENT_KINDS = ("confirmation", "pick-list", "packing-slip", "invoice", "rma", "label")


def document_kind(kind: str) -> str:
    try:
        return KINDS[kind.strip().lower()]
    except KeyError:
        raise UnknownDocument(f"There is no document '{kind}'; choose one of {', '.join(DOCUMENT_KINDS)}.") from None


def document_pdf(kind: str, number: str, *, uow, settings: DocumentSettings | None = None,
                 on: date | None = None) -> bytes:
    """The PDF of one document: ``number`` is the order number (an RMA or shipment number works
    for ``rma`` and ``packing-slip``; ``label`` prints every label of the order's shipments)."""
    kind = document_kind(kind)
    settings = settings or load_document_settings()
    if kind == "label":
        return render_labels(load_labels(uow=uow, order_nos=[number], ship_date=on), settings=settings)
    if kind == "rma":
        return render_return_authorisation(load_return_document(number, uow=uow), settings=settings)
    if kind == "packing-slip":
        return render_packing_slip(load_shipment_document(number, uow=uow), printed=on, settings=settings)
    order = load_order_document(number, uow=uow)
    if kind == "invoice":
        return render_invoice(order, invoice_date=on, settings=settings)
    if kind == "pick-list":
        return render_pick_list(order, printed=on, settings=settings)
    return render_order_confirmation(order, settings=settings)


def labels_pdf(*, uow, order_nos: Sequence[str] = (), shipment_ids: Sequence[int] = (), size: str | None = None,
               settings: DocumentSettings | None = None) -> bytes:
    """Every label of the given orders' and shipments' packages, in one PDF (one label a page)."""
    labels = load_labels(uow=uow, order_nos=order_nos, shipment_ids=shipment_ids)
    return render_labels(labels, size=size, settings=settings)


@dataclass(frozen=True)
class LabelFiles:
    """The same labels as PDF (preview, office printers) and as ZPL (thermal printers)."""

    pdf: bytes
    zpl: bytes
    count: int
    first_number: str


def label_files(*, uow, order_nos: Sequence[str] = (), shipment_ids: Sequence[int] = (), size: str | None = None,
                settings: DocumentSettings | None = None) -> LabelFiles:
    """Labels for a shipment or a batch, read once and rendered both ways."""
    settings = settings or load_document_settings()
    labels = load_labels(uow=uow, order_nos=order_nos, shipment_ids=shipment_ids)
    if not labels:
        raise ValidationFailed("There is nothing to label: no shipment was found.", field="shipments")
    return LabelFiles(render_labels(labels, size=size, settings=settings),
                      render_zpl(labels, size=size, settings=settings), len(labels),
                      labels[0].shipment_no or labels[0].order_no)


def labels_zpl(*, uow, order_nos: Sequence[str] = (), shipment_ids: Sequence[int] = (), size: str | None = None,
               settings: DocumentSettings | None = None) -> bytes:
    """The same labels as ZPL for a thermal printer."""
    labels = load_labels(uow=uow, order_nos=order_nos, shipment_ids=shipment_ids)
    return render_zpl(labels, size=size, settings=settings)
