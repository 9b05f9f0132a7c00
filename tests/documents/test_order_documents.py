"""Order documents rendered from orders made through the real services, read back with pypdf."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from document_shop import ship_to_munich
from pdf_checks import page_texts, squeeze

from app.services.documents import document_pdf
from app.services.documents.formatting import Formatter
from app.services.lifecycle import submit_order


def _money(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_order_confirmation_shows_the_chinese_customer_every_line_and_the_totals(shop, settings):
    order = shop.order(("pump", 2, None), ("cabinet", 1, None), ("valve", 25, None),
                       customer_reference="PO-2026-118", requested_date=date.today() + timedelta(days=21))
    pdf = document_pdf("confirmation", order.order_no, uow=shop.uow("clerk"), settings=settings)

    text = "\n".join(page_texts(pdf))
    fmt = Formatter("zh_CN")
    assert "订单确认书" in text and order.order_no in text
    assert "上海浦江机械有限公司" in text and "浦东新区张江路 1000 号" in text
    assert "控制柜" in text and "PO-2026-118" in text
    for line in order.lines:
        row = re.search(rf"^{line.line_no} {re.escape(line.sku)} .*$", text, re.M)
        assert row, f"line {line.line_no} missing"
        assert fmt.quantity(line.quantity) in row.group(0) and fmt.amount(line.line_total) in row.group(0)
    rows = shop.rows("SELECT line_total, tax_rate FROM sales_order_line WHERE order_id = %s", order.id)
    net = sum(total for total, _ in rows)
    tax = sum(_money(total * rate / 100) for total, rate in rows)
    assert net == order.total_amount
    assert fmt.money(net, "CNY") in text and fmt.money(net + tax, "CNY") in text
    assert "税额 6%" in text and "税额 13%" in text  # the valve is taxed at 6 %
    assert "第 1 页，共 1 页" in text


def test_invoice_has_net_tax_and_gross_per_tax_rate_in_the_english_customers_language(shop, settings):
    order = shop.order(("pump", 3, 1150), ("valve", 40, "79.99"), customer="credit_customer",
                       ship_to=ship_to_munich(), customer_reference="4500012345")
    pdf = document_pdf("invoice", order.order_no, uow=shop.uow("clerk"), settings=settings,
                       on=date(2026, 3, 2))

    text = "\n".join(page_texts(pdf))
    fmt = Formatter("en", settings.locale_en)
    assert text.count("Invoice") >= 1 and order.order_no in text and "Hansen Pumpen GmbH" in text
    assert "Garching" in text and "Germany" in text and "4500012345" in text
    assert fmt.date(date(2026, 3, 2)) in text and fmt.date(date(2026, 4, 1)) in text  # due after 30 days
    expected = {Decimal(13): Decimal("3450.00"), Decimal(6): Decimal("3199.60")}
    for rate, net in expected.items():
        tax = _money(net * rate / 100)
        row = re.search(rf"^{rate}% .*$", text, re.M)
        assert row, f"no tax line for {rate}%"
        assert row.group(0).split()[1:] == [fmt.amount(net), fmt.amount(tax), fmt.amount(net + tax)]
    total = sum(net + _money(net * rate / 100) for rate, net in expected.items())
    assert fmt.money(total, "EUR") in text
    for line in order.lines:
        assert re.search(rf"^{re.escape(line.sku)} .*{re.escape(fmt.amount(line.line_total))}", text, re.M)


def test_pick_list_walks_the_warehouse_in_pick_sequence(shop, settings):
    order = shop.order(("cabinet", 1, None), ("pump", 3, None), ("valve", 30, None))
    assert submit_order(order.id, uow=shop.uow("clerk")).order.status == "in_production"
    pdf = document_pdf("pick-list", order.order_no, uow=shop.uow("warehouse"), settings=settings)

    text = "\n".join(page_texts(pdf))
    assert "拣货单" in text and order.order_no in text
    rows = [line for line in text.splitlines() if re.match(r"^(B-02-01|A-07-03|–) ", line)]
    assert [row.split()[:3] for row in rows] == [
        ["B-02-01", "3", "V-20"], ["A-07-03", "2", "P-100"], ["–", "1", "CAB-1"]]  # no bin: last


def test_packing_slip_lists_the_shipment_packages_and_what_is_in_them(shop, settings):
    order = shop.order(("pump", 2, None), ("valve", 12, None))
    shipment = shop.ship(order, [("70.000", "SF1000000000001"), ("9.600", "SF1000000000002")],
                         tracking="SF1000000000001")
    number = shop.scalar("SELECT shipment_no FROM shipment WHERE id = %s", shipment)
    pdf = document_pdf("packing-slip", order.order_no, uow=shop.uow("clerk"), settings=settings)

    text = "\n".join(page_texts(pdf))
    assert "装箱单" in text and number in text and order.order_no in text
    assert "承运商: 顺丰速运 SF Express standard" in text and "运单号: SF1000000000001" in text
    assert re.search(r"^1 70 千克 60 × 40 × 40 SF1000000000001$", text, re.M)
    assert re.search(r"^2 9.6 千克 60 × 40 × 40 SF1000000000002$", text, re.M)
    assert re.search(r"^1 P-100 Centrifugal pump CP-100 2 2 pcs 1$", text, re.M)
    assert re.search(r"^2 V-20 Ball valve DN20 12 12 pcs 2$", text, re.M)
    assert "临港大道 88 号" in text  # shipped from the warehouse


def test_return_authorisation_names_the_rma_the_reason_and_the_returned_lines(shop, settings):
    order = shop.order(("pump", 2, None), ("valve", 12, None))
    rma_no = shop.rma(order, "泵体运输途中破裂 / pump housing cracked in transit",
                      [(0, "1", "damaged", "外壳裂纹 cracked housing")])
    by_order = document_pdf("rma", order.order_no, uow=shop.uow("service"), settings=settings)
    by_number = document_pdf("rma", rma_no, uow=shop.uow("service"), settings=settings)

    for pdf in (by_order, by_number):
        text = "\n".join(page_texts(pdf))
        assert "退货授权书" in text and rma_no in text and order.order_no in text
        assert "泵体运输途中破裂 / pump housing cracked in transit" in text
        assert re.search(r"^1 P-100 Centrifugal pump CP-100 1 pcs 运输损坏 外壳裂纹", text, re.M)
        assert "外壳裂纹crackedhousing" in squeeze(text)  # the condition wraps in its column
        assert "状态: 已授权" in text and "上海浦江机械有限公司" in text and "王经理" in text
        assert f"清楚标明退货单号 {rma_no}" in text
