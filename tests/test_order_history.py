"""Every status change lands in order_status_history with the real login as actor."""

from tests.support import create_draft, decide, reserve_order, set_status, setup_master_data


def test_every_step_of_an_order_is_recorded_with_the_login_that_made_it(database, make_login):
    admin = database.admin()
    data = setup_master_data(admin)
    sales, approver, warehouse, shipping, service = (
        make_login("clerk", "op_sales").connect(),
        make_login("boss", "op_approver", approval_limit=100_000).connect(),
        make_login("store", "op_warehouse").connect(),
        make_login("dock", "op_shipping").connect(),
        make_login("care", "op_service").connect(),
    )
    order = create_draft(sales, data, [("pump", 9, 1200), ("valve", 10, 80)])  # 11,600: needs approval
    set_status(sales, order, "pending_approval", "Customer confirmed by phone")
    decide(approver, order)
    set_status(approver, order, "approved", "Within budget")
    reserve_order(warehouse, order)
    set_status(warehouse, order, "ready_to_ship")
    set_status(shipping, order, "shipped")
    set_status(shipping, order, "delivered")
    set_status(service, order, "closed")

    with admin.cursor() as cur:
        cur.execute("SELECT from_status, to_status, actor, note FROM order_status_history "
                    "WHERE order_id = %s ORDER BY id", (order,))
        history = cur.fetchall()
    login = {conn: conn.info.user for conn in (sales, approver, warehouse, shipping, service)}
    assert history == [
        (None, "draft", login[sales], None),
        ("draft", "pending_approval", login[sales], "Customer confirmed by phone"),
        ("pending_approval", "approved", login[approver], "Within budget"),
        ("approved", "ready_to_ship", login[warehouse], None),
        ("ready_to_ship", "shipped", login[shipping], None),
        ("shipped", "delivered", login[shipping], None),
        ("delivered", "closed", login[service], None),
    ]
    with admin.cursor() as cur:
        cur.execute("SELECT approver, decision FROM approval_decision WHERE order_id = %s", (order,))
        assert cur.fetchall() == [(login[approver], "approve")]
        cur.execute("SELECT reason, on_hand_delta, reserved_delta, actor FROM stock_move "
                    "WHERE product_id = %s ORDER BY id", (data["pump"],))
        assert cur.fetchall()[-1][1:] == (0, 9, login[warehouse])


def test_two_approvers_are_needed_when_the_rule_says_so(database, make_login):
    admin = database.admin()
    data = setup_master_data(admin)
    with admin.cursor() as cur:
        cur.execute("UPDATE approval_rule SET required_approvals = 2")
    sales = make_login("clerk2", "op_sales").connect()
    first = make_login("first", "op_approver").connect()
    second = make_login("second", "op_approver").connect()
    order = create_draft(sales, data, [("pump", 10, 1200)])
    set_status(sales, order, "pending_approval")
    decide(first, order)
    with admin.cursor() as cur:
        cur.execute("SELECT approvals, required_approvals, status FROM approval_request WHERE order_id = %s", (order,))
        assert cur.fetchone() == (1, 2, "pending")
    decide(second, order)
    set_status(second, order, "approved")
    with admin.cursor() as cur:
        cur.execute("SELECT status FROM approval_request WHERE order_id = %s", (order,))
        assert cur.fetchone() == ("approved",)
        cur.execute("SELECT status FROM sales_order WHERE id = %s", (order,))
        assert cur.fetchone() == ("approved",)


def test_an_order_without_triggered_rules_needs_no_approval(database, make_login):
    admin = database.admin()
    data = setup_master_data(admin)
    sales = make_login("clerk3", "op_sales").connect()
    order = create_draft(sales, data, [("valve", 5, 80)])
    set_status(sales, order, "pending_approval")
    set_status(sales, order, "approved")
    with admin.cursor() as cur:
        cur.execute("SELECT count(*) FROM approval_request WHERE order_id = %s", (order,))
        assert cur.fetchone() == (0,)
        cur.execute("SELECT status, approved_at IS NOT NULL FROM sales_order WHERE id = %s", (order,))
        assert cur.fetchone() == ("approved", True)
