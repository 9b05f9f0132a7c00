"""The order timeline service: every step with who and when, approvals with comments, fulfilment per
line, production progress, and the actions each login may take (mirroring the server's rules)."""

from decimal import Decimal

import pytest

from app.services.approvals import approve_order
from app.services.documents.model import DocumentLine, tax_summary
from app.services.errors import ValidationFailed
from app.services.lifecycle import hold_order, submit_order
from app.services.lookups import customer_prices, find_customers, find_products
from app.services.order_timeline import load_timeline
from app.services.order_totals import line_total, order_totals
from app.services.orders import create_order


def test_an_order_through_approval_and_into_production_shows_every_step_with_who_and_when(company):
    order = create_order(company.order(("pump", 4, None), ("cabinet", 2, None)), uow=company.uow("clerk"))
    assert submit_order(order.id, uow=company.uow("clerk")).order.status == "pending_approval"  # 10,800
    approve_order(order.id, "Key account, agreed by phone", uow=company.uow("approver1"))

    timeline = load_timeline(order.id, uow=company.uow("clerk2"))
    header = timeline.header
    assert (header.order_no, header.status, header.customer_stage) == (order.order_no, "in_production", "processing")
    assert header.created_by_name == "Zhang Wei" and header.customer_name == "上海浦江机械有限公司"
    history = company.rows("SELECT changed_at FROM order_status_history WHERE order_id = %s ORDER BY id", order.id)
    assert [(s.from_status, s.to_status, s.actor_name, s.changed_at) for s in timeline.steps] == [
        (None, "draft", "Zhang Wei", history[0][0]),
        ("draft", "pending_approval", "Zhang Wei", history[1][0]),
        ("pending_approval", "approved", "Approver1", history[2][0]),
        ("approved", "in_production", "Approver1", history[3][0]),
    ]
    assert timeline.steps[1].note == "Submitted for approval"
    assert timeline.steps[3].note.startswith("Production ordered: MO-")

    [approval] = timeline.approvals
    assert (approval.rule_name, approval.status, approval.approvals, approval.required_approvals) == (
        "Orders over 10,000", "approved", 1, 1)
    assert "10,000" in approval.reason
    [decision] = approval.decisions
    assert (decision.approver_name, decision.decision, decision.comment) == (
        "Approver1", "approve", "Key account, agreed by phone")

    pump, cabinet = timeline.lines
    assert (pump.sku, pump.reserved_qty, pump.shortage_qty, pump.available_qty) == ("P-100", 4, 0, 6)
    assert (cabinet.sku, cabinet.reserved_qty, cabinet.shortage_qty, cabinet.shipped_qty) == ("CAB-1", 0, 2, 0)
    [production] = timeline.production
    assert (production.sku, production.quantity, production.quantity_done, production.line_name) == (
        "CAB-1", 2, 0, "Cabinet line")
    assert [(op.seq, op.name, op.production_no) for op in timeline.operations] == [
        (10, "Wiring", production.production_no), (20, "Testing", production.production_no)]
    assert timeline.shipments == () and timeline.alerts == ()


def test_actions_follow_the_logins_roles_and_the_orders_status(company):
    order = create_order(company.order(("pump", 9, None)), uow=company.uow("clerk"))
    draft = load_timeline(order.id, uow=company.uow("clerk")).actions
    assert (draft.edit, draft.submit, draft.hold, draft.cancel, draft.release) == (True, True, True, True, False)
    watcher = load_timeline(order.id, uow=company.uow("warehouse")).actions
    assert not any((watcher.edit, watcher.submit, watcher.hold, watcher.cancel, watcher.release))

    submit_order(order.id, uow=company.uow("clerk"))
    pending = load_timeline(order.id, uow=company.uow("clerk")).actions
    assert (pending.edit, pending.submit, pending.hold, pending.cancel) == (False, False, True, True)
    assert pending.print_confirmation

    hold_order(order.id, "Customer asked to wait", uow=company.uow("clerk"))
    held = load_timeline(order.id, uow=company.uow("clerk"))
    assert held.header.hold_reason == "Customer asked to wait"
    assert (held.actions.release, held.actions.hold, held.actions.cancel) == (True, False, True)


def test_a_credit_hold_can_be_released_only_by_a_manager(company):
    order = create_order(company.order(("pump", 1, None), customer="credit_customer"), uow=company.uow("clerk"))
    assert submit_order(order.id, uow=company.uow("clerk")).order.status == "on_hold"
    assert not load_timeline(order.id, uow=company.uow("clerk")).actions.release
    assert load_timeline(order.id, uow=company.uow("manager")).actions.release


def test_an_unknown_order_is_named(company):
    with pytest.raises(ValidationFailed, match="does not exist"):
        load_timeline(10**9, uow=company.uow("clerk"))


def test_lookups_find_customers_and_products_by_name_or_code_within_a_limit(company):
    uow = company.uow_factory("clerk")
    assert [c.code for c in find_customers("上海", uow=uow())] == ["C001"]
    assert [c.code for c in find_customers("浦江", uow=uow())] == ["C001"]  # a word inside the name
    assert [c.code for c in find_customers("c00", uow=uow())] == ["C001", "C002", "C003"]
    assert [c.code for c in find_customers("c00", uow=uow(), limit=2)] == ["C001", "C002"]
    assert find_customers("%", uow=uow()) == [] and find_customers("  ", uow=uow()) == []
    hansen = find_customers("hansen", uow=uow())[0]
    assert (hansen.ship_to.name, hansen.currency) == ("Hansen Pumpen GmbH", "CNY")
    assert [p.sku for p in find_products("p-1", uow=uow())] == ["P-100"]
    assert [p.sku for p in find_products("pump", uow=uow())] == ["P-100"]  # the retired pump is not offered
    assert [p.sku for p in find_products("控制柜", uow=uow())] == ["CAB-1"]
    assert customer_prices(company.ids["customer"], {company.ids["pump"]}, uow=uow()) == {
        company.ids["pump"]: Decimal("1200.0000")}


def test_form_totals_equal_what_the_server_and_the_documents_compute(company):
    lines = [(Decimal("3"), Decimal("19.99"), Decimal("7.5"), Decimal(13)),
             (Decimal("1.5"), Decimal("0.333"), Decimal(0), Decimal(6)),
             (Decimal("7"), Decimal("1200"), Decimal("12.25"), Decimal(13))]
    totals = order_totals((line_total(q, p, d), rate) for q, p, d, rate in lines)
    taxes = tax_summary([DocumentLine(n, "X", "x", q, unit_price=p, discount_pct=d, tax_rate=rate,
                                      net=line_total(q, p, d)) for n, (q, p, d, rate) in enumerate(lines, 1)])
    assert totals.net == sum(t.net for t in taxes) and totals.tax == sum(t.tax for t in taxes)
    server = company.rows("SELECT round(q * p * (1 - d / 100), 2) FROM (VALUES (3, 19.99, 7.5), (1.5, 0.333, 0), "
                          "(7, 1200, 12.25)) v(q, p, d)")
    assert [line_total(q, p, d) for q, p, d, _ in lines] == [r[0] for r in server]
