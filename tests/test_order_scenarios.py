"""Business scenarios through the order services, as real logins on a real server."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from app.services.approvals import approve_order, pending_approvals, reject_order
from app.services.errors import ApprovalRefused, IllegalTransition
from app.services.lifecycle import cancel_order, hold_order, release_hold, submit_order
from app.services.orders import create_order, get_order


def notifications_of(company, who):
    return company.rows("SELECT kind, title FROM notification WHERE recipient = %s ORDER BY id",
                        company.logins[who].name)


def test_phone_order_is_submitted_approved_by_a_manager_reserved_and_ready_to_ship(company):
    order = create_order(company.order(("pump", 9, None), channel="phone",
                                       requested_date=date.today() + timedelta(days=14)), uow=company.uow("clerk"))
    assert order.status == "draft" and order.order_no.startswith("SO-")
    assert order.total_amount == Decimal("10800.00")  # list price 1,200 × 9

    submitted = submit_order(order.id, uow=company.uow("clerk"))
    assert submitted.order.status == "pending_approval"
    assert submitted.waiting_for == ("Order total 10,800.00 is over 10,000.00.",)
    inbox = pending_approvals(uow=company.uow("manager"))
    assert [(p.order_no, p.reasons) for p in inbox] == [(order.order_no, submitted.waiting_for)]
    assert ("approval_needed", f"{order.order_no} waits for your approval: Order total 10,800.00 is over 10,000.00.") \
        in notifications_of(company, "manager")

    approved = approve_order(order.id, "OK for this customer", uow=company.uow("manager"))
    assert approved.order.status == "ready_to_ship"
    assert [(line.reserved_qty, line.shortage_qty) for line in approved.order.lines] == [(9, 0)]
    assert company.rows("SELECT on_hand, reserved FROM stock_level WHERE product_id = %s", company.ids["pump"]) == [(10, 9)]
    assert [row[:3] for row in company.rows(
        "SELECT from_status, to_status, actor, note FROM order_status_history WHERE order_id = %s ORDER BY id",
        order.id)] == [
        (None, "draft", company.logins["clerk"].name),
        ("draft", "pending_approval", company.logins["clerk"].name),
        ("pending_approval", "approved", company.logins["manager"].name),
        ("approved", "ready_to_ship", company.logins["manager"].name),
    ]
    assert ("order_approved", f"{order.order_no} is approved") in notifications_of(company, "clerk")
    # 10 on hand, reorder point 3: reserving 9 leaves 1 available and the warehouse is told.
    assert any(kind == "stock_low" and "P-100" in title for kind, title in notifications_of(company, "warehouse"))


def test_an_order_over_the_limit_needs_two_distinct_approvers(company):
    order = create_order(company.order(("valve", 400, 140)), uow=company.uow("clerk"))  # 56,000
    submitted = submit_order(order.id, uow=company.uow("clerk"))
    assert len(submitted.waiting_for) == 2

    with pytest.raises(ApprovalRefused, match="above your approval limit of 5,000.00"):
        approve_order(order.id, uow=company.uow("junior"))
    first = approve_order(order.id, uow=company.uow("approver1"))
    assert first.order.status == "pending_approval"
    assert first.waiting_for == ("Order total 56,000.00 is over 50,000.00. (1 more approval)",)
    with pytest.raises(ApprovalRefused, match="already approved"):
        approve_order(order.id, uow=company.uow("approver1"))
    with pytest.raises(ApprovalRefused, match="your own order"):
        approve_order(order.id, uow=company.uow("clerk"))

    second = approve_order(order.id, uow=company.uow("approver2"))
    assert second.order.status == "ready_to_ship"
    assert company.rows("SELECT count(DISTINCT approver) FROM approval_decision WHERE order_id = %s", order.id) == [(2,)]


def test_a_rejected_order_tells_its_creator_why(company):
    order = create_order(company.order(("pump", 9, 1300)), uow=company.uow("clerk"))
    submit_order(order.id, uow=company.uow("clerk"))
    with pytest.raises(ApprovalRefused, match="Say why"):
        reject_order(order.id, "  ", uow=company.uow("approver1"))
    rejected = reject_order(order.id, "Price must be agreed with the key account first", uow=company.uow("approver1"))
    assert rejected.order.status == "rejected"
    assert ("order_rejected", f"{order.order_no} was rejected: Price must be agreed with the key account first") \
        in notifications_of(company, "clerk")
    assert company.rows("SELECT reserved FROM stock_level WHERE product_id = %s", company.ids["pump"]) == [(0,)]
    with pytest.raises(IllegalTransition, match="not waiting for approval"):
        approve_order(order.id, uow=company.uow("approver2"))


def test_cancelling_an_order_releases_its_stock(company):
    order = create_order(company.order(("pump", 4, None), ("valve", 20, None)), uow=company.uow("clerk"))
    assert submit_order(order.id, uow=company.uow("clerk")).order.status == "ready_to_ship"  # 5,200: no approval
    assert company.rows("SELECT reserved FROM stock_level ORDER BY product_id")[:2] == [(4,), (20,)]

    cancelled = cancel_order(order.id, "Customer ordered twice", uow=company.uow("clerk"))
    assert cancelled.order.status == "cancelled"
    assert company.rows("SELECT reserved FROM stock_level ORDER BY product_id")[:2] == [(0,), (0,)]
    assert all(line.reserved_qty == 0 for line in cancelled.order.lines)
    assert company.rows("SELECT reason, reserved_delta FROM stock_move WHERE order_id = %s ORDER BY id", order.id) == [
        ("reservation", 4), ("reservation", 20), ("cancellation", -4), ("cancellation", -20)]
    with pytest.raises(IllegalTransition, match="only orders not yet shipped"):
        cancel_order(order.id, "again", uow=company.uow("clerk"))


def test_a_short_make_to_order_line_becomes_production_on_the_assigned_line(company):
    order = create_order(company.order(("cabinet", 2, None), ("valve", 5, None)), uow=company.uow("clerk"))
    outcome = submit_order(order.id, uow=company.uow("clerk"))
    assert outcome.order.status == "in_production" and len(outcome.production_orders) == 1
    cabinet_line = next(line for line in outcome.order.lines if line.sku == "CAB-1")
    assert cabinet_line.shortage_qty == 2 and cabinet_line.production_line_id == company.scalar(
        "SELECT id FROM production_line WHERE code = 'L2'")
    assert company.rows(
        "SELECT po.quantity, po.status, op.seq, op.name, op.run_minutes FROM production_order po "
        "JOIN production_operation op ON op.production_order_id = po.id WHERE po.sales_order_id = %s ORDER BY op.seq",
        order.id) == [(2, "planned", 10, "Wiring", 90), (2, "planned", 20, "Testing", 30)]

    cancel_order(order.id, "Project stopped", uow=company.uow("clerk"))
    assert company.rows("SELECT status FROM production_order WHERE sales_order_id = %s", order.id) == [("cancelled",)]


def test_an_order_over_the_credit_limit_waits_on_credit_hold_for_a_manager(company):
    order = create_order(company.order(("pump", 1, None), customer="credit_customer"), uow=company.uow("clerk"))
    held = submit_order(order.id, uow=company.uow("clerk"))
    assert held.order.status == "on_hold" and held.order.hold_kind == "credit"
    assert "exceed the credit limit of 1,000.00" in held.order.hold_reason
    assert any(kind == "credit_hold" for kind, _ in notifications_of(company, "manager"))
    with pytest.raises(IllegalTransition, match="only a manager can release it"):
        release_hold(order.id, uow=company.uow("clerk"))
    released = release_hold(order.id, uow=company.uow("manager"))
    assert released.order.status == "ready_to_ship"


def test_a_manual_hold_returns_the_order_where_it_was(company):
    order = create_order(company.order(("pump", 9, None)), uow=company.uow("clerk"))
    submit_order(order.id, uow=company.uow("clerk"))
    held = hold_order(order.id, "Customer asked to wait", uow=company.uow("clerk"))
    assert (held.order.status, held.order.hold_kind) == ("on_hold", "manual")
    with pytest.raises(IllegalTransition, match="not waiting for approval"):
        approve_order(order.id, uow=company.uow("approver1"))
    assert release_hold(order.id, uow=company.uow("clerk")).order.status == "pending_approval"
    assert approve_order(order.id, uow=company.uow("approver1")).order.status == "ready_to_ship"
    assert get_order(order.id, uow=company.uow("clerk")).hold_reason is None
