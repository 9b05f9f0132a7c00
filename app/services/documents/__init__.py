"""Printed documents: order confirmation, pick list, packing slip, invoice, shipping labels (PDF
and ZPL), return authorisation — rendered with ReportLab from plain data.

Modules: :mod:`.data` reads the database into :mod:`.model` dataclasses; one module per
document kind renders them (:mod:`.layout`, :mod:`.parts`, :mod:`.textfit`, :mod:`.fonts`,
:mod:`.barcodes` are the shared pieces); :mod:`.printing` ties the two together for the client
and :mod:`.commands` for the command line.
"""

from app.services.documents.printing import DOCUMENT_KINDS, document_pdf, labels_pdf, labels_zpl

__all__ = ["DOCUMENT_KINDS", "document_pdf", "labels_pdf", "labels_zpl"]
