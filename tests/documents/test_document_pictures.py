"""Every document kind as PNG pages in artifacts/documents/, for a person to look at.

Made from orders, shipments and RMAs created through the services and the right logins; both
languages, both label sizes, the built-in CID font as well as the system's CJK font, and the
worst cases (100 lines, a 5,000-character note, very long names).
"""

from __future__ import annotations

from dataclasses import replace

from document_shop import ARTIFACTS, ship_to_munich
from pdf_checks import write_pngs
from test_document_pagination import note_of

from app.services.documents.data import load_labels, load_order_document, load_return_document, load_shipment_document
from app.services.documents.fonts import font_set
from app.services.documents.invoice import render_invoice
from app.services.documents.labels import render_labels
from app.services.documents.order_confirmation import render_order_confirmation
from app.services.documents.packing_slip import render_packing_slip
from app.services.documents.pick_list import render_pick_list
from app.services.documents.return_authorisation import render_return_authorisation
from app.services.lifecycle import submit_order
from app.services.orders import ShipTo


def test_every_document_is_written_as_png_pages(shop, settings):
    cid = font_set(force_cid=True)
    domestic = shop.order(("pump", 2, None), ("cabinet", 1, None), ("valve", 24, "79.5"), customer_reference="PO-88",
                          notes="请在周一上午送货。Deliver on Monday morning, gate 3.")
    submit_order(domestic.id, uow=shop.uow("clerk"))  # reserved: the lines now have a warehouse and bins
    shop.ship(domestic, [("71.000", "SF1400000000011"), ("120.000", "SF1400000000012"), ("19.200", None)],
              tracking="SF1400000000011")
    shop.rma(domestic, "泵体运输途中破裂 / pump housing cracked in transit",
             [(0, "1", "damaged", "外壳裂纹 cracked housing"), (2, "4", "wrong_item", None)])
    export = shop.order(("pump", 1, None), ("valve", 10, None), customer="credit_customer",
                        ship_to=ship_to_munich(), customer_reference="4500012345")
    shop.ship(export, [("44.000", "1234567890")], carrier="DHL", service="WORLDWIDE", tracking="1234567890")
    big = shop.order(*[(("pump", "valve", "cabinet")[i % 3], i % 7 + 1, None) for i in range(100)],
                     notes=note_of(5000))
    long_name = shop.order(("pump", 1, None), ship_to=ShipTo(
        name="上海浦江机械有限公司国际贸易与工程服务分公司第三生产基地 Shanghai Pujiang Machinery International Trading "
             "and Engineering Services Branch, Plant No. 3 — Receiving Dock B",
        address1="浦东新区张江高科技园区碧波路 690 号 7 号楼 3 号门 Building 7, Gate 3, Loading Dock B, "
                 "deliveries only Monday to Friday 08:00–16:00",
        city="上海", postal_code="201203", country="CN"))

    clerk = lambda: shop.uow("clerk")  # noqa: E731
    written = []
    for fonts, tag in ((None, ""), (cid, "-cid")):
        order = load_order_document(domestic.order_no, uow=clerk())
        written += write_pngs(render_order_confirmation(order, settings=settings, fonts=fonts), ARTIFACTS,
                              f"order-confirmation-zh{tag}")
        written += write_pngs(render_invoice(order, settings=settings, fonts=fonts), ARTIFACTS, f"invoice-zh{tag}")
    english = load_order_document(export.order_no, uow=clerk())
    written += write_pngs(render_order_confirmation(english, settings=settings), ARTIFACTS, "order-confirmation-en")
    written += write_pngs(render_invoice(english, settings=settings), ARTIFACTS, "invoice-en")
    written += write_pngs(render_pick_list(load_order_document(domestic.order_no, uow=clerk()), settings=settings),
                          ARTIFACTS, "pick-list-zh")
    written += write_pngs(render_packing_slip(load_shipment_document(domestic.order_no, uow=clerk()),
                                              settings=settings), ARTIFACTS, "packing-slip-zh")
    written += write_pngs(render_packing_slip(load_shipment_document(export.order_no, uow=clerk()),
                                              settings=settings), ARTIFACTS, "packing-slip-en")
    written += write_pngs(render_return_authorisation(load_return_document(domestic.order_no, uow=clerk()),
                                                      settings=settings), ARTIFACTS, "return-authorisation-zh")
    hundred = load_order_document(big.order_no, uow=clerk())
    written += write_pngs(render_invoice(hundred, settings=settings), ARTIFACTS, "invoice-100-lines", dpi=60)
    written += write_pngs(render_pick_list(replace(hundred, notes=None), settings=settings), ARTIFACTS,
                          "pick-list-100-lines", dpi=60)
    written += write_pngs(render_order_confirmation(load_order_document(long_name.order_no, uow=clerk()),
                                                    settings=settings), ARTIFACTS, "order-confirmation-long-names")
    labels = load_labels(uow=shop.uow("shipper"), order_nos=[domestic.order_no, export.order_no, long_name.order_no])
    for size in ("4x6", "100x150"):
        written += write_pngs(render_labels(labels, size=size, settings=settings), ARTIFACTS, f"labels-{size}")
    written += write_pngs(render_labels(labels[:1], size="4x6", settings=settings, fonts=cid), ARTIFACTS,
                          "labels-4x6-cid")
    assert len(written) >= 20 and all(path.stat().st_size > 1000 for path in written)
