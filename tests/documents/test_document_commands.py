"""What ``orderpilot print`` does: a document or a batch of labels written to a file."""

from __future__ import annotations

import pytest
from document_shop import two_orders
from pdf_checks import page_texts

from app.services.documents.commands import print_document, print_labels
from app.services.documents.errors import UnknownDocument
from app.services.errors import ValidationFailed


def test_print_writes_each_kind_of_document_for_an_order(shop, settings, tmp_path, monkeypatch):
    domestic, _ = two_orders(shop)
    shop.rma(domestic, "Wrong valve size", [(1, "2", "wrong_item", None)])
    monkeypatch.chdir(tmp_path)
    titles = {"confirmation": "订单确认书", "pick-list": "拣货单", "packing-slip": "装箱单", "invoice": "发票",
              "rma": "退货授权书", "label": "运单号"}
    for kind, title in titles.items():
        path = print_document(kind, domestic.order_no, None, uow_factory=lambda: shop.uow("manager"),
                              settings=settings)
        assert path.name == f"{kind}-{domestic.order_no}.pdf" and path.exists()
        assert title in page_texts(path.read_bytes())[0]
    named = print_document("invoice", domestic.order_no, tmp_path / "out" / "inv.pdf",
                           uow_factory=lambda: shop.uow("clerk"), settings=settings)
    assert named == tmp_path / "out" / "inv.pdf" and named.read_bytes().startswith(b"%PDF")


def test_print_refuses_unknown_kinds_orders_and_sizes_in_words(shop, settings, tmp_path):
    with pytest.raises(UnknownDocument, match="choose one of confirmation, pick-list"):
        print_document("quote", "SO-2026-0000001", None, uow_factory=lambda: shop.uow("clerk"))
    with pytest.raises(ValidationFailed, match="There is no order SO-1999-0000001"):
        print_document("invoice", "SO-1999-0000001", tmp_path / "x.pdf", uow_factory=lambda: shop.uow("clerk"),
                       settings=settings)
    with pytest.raises(ValidationFailed, match="4x6 or 100x150"):
        print_labels(["SO-2026-0000001"], tmp_path / "l.pdf", uow_factory=lambda: shop.uow("clerk"), size="A6")
    with pytest.raises(ValidationFailed, match="There is no order SO-1999-0000001"):
        print_labels(["SO-1999-0000001"], tmp_path / "l.pdf", uow_factory=lambda: shop.uow("clerk"),
                     settings=settings)
