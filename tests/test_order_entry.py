"""Order entry: validation per field, optimistic locking between two clerks, nothing half-saved."""

import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest

from app.services.errors import NotEditable, StaleOrder, ValidationFailed
from app.services.lifecycle import submit_order
from app.services.order_validation import InvalidOrder
from app.services.orders import LineInput, OrderInput, create_order, get_order, update_order


def count_orders(company):
    return company.scalar("SELECT count(*) FROM sales_order") + company.scalar("SELECT count(*) FROM sales_order_line")


def test_every_bad_field_is_named_with_a_reason_and_nothing_is_saved(company):
    bad = OrderInput(
        customer_id=company.ids["blocked_customer"],
        requested_date=date.today() - timedelta(days=1),
        lines=(
            LineInput(product_id=999_999, quantity=Decimal(1)),
            LineInput(product_id=company.ids["retired"], quantity=Decimal(1)),
            LineInput(product_id=company.ids["pump"], quantity=Decimal(0)),
            LineInput(product_id=company.ids["pump"], quantity=Decimal(1), unit_price=Decimal(-5)),
            LineInput(product_id=company.ids["pump"], quantity=Decimal(1), discount_pct=Decimal(150)),
        ))
    with pytest.raises(InvalidOrder) as info:
        create_order(bad, uow=company.uow("clerk"))
    errors = {e.field: e.message for e in info.value.errors}
    assert errors == {
        "customer": "Customer Blocked Trading Ltd is blocked (unpaid invoices); orders cannot be taken.",
        "requested_date": f"The requested date {date.today() - timedelta(days=1):%Y-%m-%d} is in the past.",
        "lines[1].product": "Line 1: the product does not exist.",
        "lines[2].product": "Line 2: product OLD-1 is no longer sold (inactive).",
        "lines[3].quantity": "Line 3: the quantity must be more than zero.",
        "lines[4].unit_price": "Line 4: the price cannot be negative.",
        "lines[5].discount_pct": "Line 5: the discount must be between 0 and 100 %.",
    }
    assert str(info.value).startswith("Customer Blocked Trading Ltd is blocked")
    assert count_orders(company) == 0


def test_price_comes_from_the_customer_price_then_the_list_price(company):
    with company.admin.cursor() as cur:
        cur.execute("INSERT INTO customer_price (customer_id, product_id, valid_from, unit_price) VALUES (%s, %s, %s, 999)",
                    (company.ids["customer"], company.ids["pump"], date.today() - timedelta(days=30)))
    order = create_order(company.order(("pump", 1, None), ("valve", 2, None)), uow=company.uow("clerk"))
    assert [(line.unit_price, line.tax_rate) for line in order.lines] == [(999, 13), (80, 13)]


def test_a_later_save_over_an_older_version_is_refused_with_who_and_when(company):
    order = create_order(company.order(("pump", 1, None)), uow=company.uow("clerk"))
    mine = get_order(order.id, uow=company.uow("clerk"))
    theirs = get_order(order.id, uow=company.uow("clerk2"))
    saved = update_order(theirs.id, theirs.version, company.order(("pump", 2, None), notes="Deliver to gate 3"),
                         uow=company.uow("clerk2"))
    with pytest.raises(StaleOrder) as info:
        update_order(mine.id, mine.version, company.order(("pump", 5, None)), uow=company.uow("clerk"))
    assert info.value.changed_by == "Li Na"
    assert str(info.value).startswith(f"Order {order.order_no} was changed by Li Na at ")
    now = get_order(order.id, uow=company.uow("clerk"))
    assert (now.version, now.lines[0].quantity, now.notes) == (saved.version, 2, "Deliver to gate 3")


def test_two_clerks_saving_at_the_same_moment_one_wins_and_the_other_gets_the_conflict(company):
    order = create_order(company.order(("pump", 1, None)), uow=company.uow("clerk"))
    start = threading.Barrier(2)
    results = {}

    def save(who, quantity):
        uow = company.uow(who)
        start.wait()
        try:
            results[who] = update_order(order.id, order.version, company.order(("pump", quantity, None)), uow=uow)
        except StaleOrder as conflict:
            results[who] = conflict

    threads = [threading.Thread(target=save, args=("clerk", 3)), threading.Thread(target=save, args=("clerk2", 7))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    outcomes = sorted(type(r).__name__ for r in results.values())
    assert outcomes == ["OrderSummary", "StaleOrder"]
    winner = next(r for r in results.values() if not isinstance(r, StaleOrder))
    assert get_order(order.id, uow=company.uow("clerk")).lines[0].quantity == winner.lines[0].quantity


def test_lines_are_replaced_in_place_and_a_submitted_order_can_no_longer_be_edited(company):
    order = create_order(company.order(("pump", 1, None), ("valve", 2, None), ("valve", 3, None)),
                         uow=company.uow("clerk"))
    first_line_id = order.lines[0].id
    edited = update_order(order.id, order.version, company.order(("pump", 4, None), ("valve", 2, None)),
                          uow=company.uow("clerk"))
    assert [(line.line_no, line.quantity) for line in edited.lines] == [(1, 4), (2, 2)]
    assert edited.lines[0].id == first_line_id and edited.total_amount == Decimal("4960.00")
    submit_order(order.id, uow=company.uow("clerk"))
    current = get_order(order.id, uow=company.uow("clerk"))
    with pytest.raises(NotEditable, match="no longer a draft"):
        update_order(order.id, current.version, company.order(("pump", 9, None)), uow=company.uow("clerk"))


def test_a_draft_that_went_stale_cannot_be_submitted_and_says_why(company):
    order = create_order(company.order(("pump", 1, None), requested_date=date.today() + timedelta(days=1)),
                         uow=company.uow("clerk"))
    with company.admin.cursor() as cur:
        cur.execute("UPDATE product SET active = false WHERE id = %s", (company.ids["pump"],))
    with pytest.raises(ValidationFailed, match="no longer sold"):
        submit_order(order.id, uow=company.uow("clerk"))
    with company.admin.cursor() as cur:
        cur.execute("UPDATE product SET active = true WHERE id = %s", (company.ids["pump"],))
        cur.execute("UPDATE sales_order SET requested_date = current_date - 1 WHERE id = %s", (order.id,))
    with pytest.raises(ValidationFailed, match="is in the past"):
        submit_order(order.id, uow=company.uow("clerk"))
    assert get_order(order.id, uow=company.uow("clerk")).status == "draft"
