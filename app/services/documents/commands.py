"""What ``orderpilot print …`` does (the argument parsing lives in :mod:`app.cli`).

    orderpilot print KIND ORDER_NO [-o FILE]
    orderpilot print labels --orders SO-… SO-… -o FILE [--size 4x6|100x150] [--zpl]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from app.services.documents.printing import document_kind, document_pdf, labels_pdf, labels_zpl
from app.services.documents.settings import LABEL_SIZES, DocumentSettings
from app.services.errors import ValidationFailed


def default_output(kind: str, number: str, suffix: str = ".pdf") -> Path:
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in number.strip())
    return Path(f"{document_kind(kind)}-{safe}{suffix}")


def _write(output: Path, data: bytes) -> Path:
    output = Path(output).expanduser()
    if output.parent and not output.parent.exists():
        output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(data)
    return output


def print_document(kind: str, order_no: str, output: str | Path | None, *, uow_factory: Callable,
                   settings: DocumentSettings | None = None) -> Path:
    """Write the ``kind`` document of ``order_no`` to ``output`` (default ``KIND-NUMBER.pdf``)."""
    if not order_no or not order_no.strip():
        raise ValidationFailed("Name the order to print (its number, e.g. SO-2026-0000001).", field="order_no")
    data = document_pdf(kind, order_no, uow=uow_factory(), settings=settings)
    return _write(Path(output) if output else default_output(kind, order_no), data)


def print_labels(order_nos: Sequence[str], output: str | Path, *, uow_factory: Callable, size: str | None = None,
                 zpl: bool = False, settings: DocumentSettings | None = None) -> Path:
    """Write the labels of every shipment of ``order_nos`` into one PDF (or ZPL) file.

    ``size``: ``4x6`` or ``100x150``; ``None`` takes ``[labels] size`` from company.ini.
    """
    if not order_nos:
        raise ValidationFailed("Name at least one order number (--orders SO-…).", field="orders")
    if size is not None and size not in LABEL_SIZES:
        raise ValidationFailed(f"The label size must be {' or '.join(LABEL_SIZES)}, not {size}.", field="size")
    make = labels_zpl if zpl else labels_pdf
    return _write(Path(output), make(uow=uow_factory(), order_nos=list(order_nos), size=size, settings=settings))
