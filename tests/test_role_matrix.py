"""Each group role, connected as a real login with raw SQL, cannot do what its job does not allow.

The client hides these actions; these tests prove the database refuses them anyway.
"""

from decimal import Decimal

import pytest

from tests.support import create_draft, decide, refused, reserve_order, set_status, setup_master_data, status_of

INSUFFICIENT_PRIVILEGE = "42501"
CHECK_VIOLATION = "23514"


@pytest.fixture
def shop(database, make_login):
    admin = database.admin()
    data = setup_master_data(admin)
    logins = {
        "sales": make_login("sales", "op_sales"),
        "sales2": make_login("sales2", "op_sales"),
        "approver": make_login("approver", "op_approver", approval_limit=50_000),
        "small_approver": make_login("small_approver", "op_approver", approval_limit=5_000),
        "planner": make_login("planner", "op_planner"),
        "warehouse": make_login("warehouse", "op_warehouse"),
        "shipping": make_login("shipping", "op_shipping"),
        "service": make_login("service", "op_service"),
        "manager": make_login("manager", "op_manager"),
        "admin": make_login("admin", "op_admin"),
        "sales_approver": make_login("sales_approver", "op_sales", "op_approver"),
    }
    conns = {name: login.connect() for name, login in logins.items()}
    yield data, conns, admin
    for conn in conns.values():
        conn.close()
    admin.close()


def test_sales_cannot_move_a_draft_straight_to_approved(shop):
    data, c, admin = shop
    order = create_draft(c["sales"], data, [("valve", 2, 80)])
    refused(c["sales"], "UPDATE sales_order SET status = 'approved' WHERE id = %s", (order,),
            sqlstate="OPT01", contains="cannot go from draft to approved")
    assert status_of(admin, order) == "draft"


def test_sales_cannot_approve_an_order_that_waits_for_an_approver(shop):
    data, c, admin = shop
    order = create_draft(c["sales"], data, [("pump", 10, 1200)])  # 12,000 > 10,000 rule
    set_status(c["sales"], order, "pending_approval")
    refused(c["sales"], "UPDATE sales_order SET status = 'approved' WHERE id = %s", (order,),
            sqlstate="OPA04", contains="still waits for 1 approval")
    refused(c["sales"], "INSERT INTO approval_decision (request_id, decision) "
            "SELECT id, 'approve' FROM approval_request WHERE order_id = %s", (order,),
            sqlstate=INSUFFICIENT_PRIVILEGE)
    assert status_of(admin, order) == "pending_approval"


def test_sales_cannot_touch_server_maintained_columns(shop):
    data, c, _ = shop
    order = create_draft(c["sales"], data, [("valve", 2, 80)])
    for column, value in (("total_amount", 1), ("version", 99), ("created_by", "'someone'"), ("order_no", "'X-1'")):
        refused(c["sales"], f"UPDATE sales_order SET {column} = {value} WHERE id = %s", (order,),
                sqlstate=INSUFFICIENT_PRIVILEGE)
    refused(c["sales"], "UPDATE customer SET credit_limit = 1000000 WHERE id = %s", (data["customer"],),
            sqlstate=INSUFFICIENT_PRIVILEGE)
    refused(c["sales"], "UPDATE stock_level SET on_hand = on_hand + 100", sqlstate=INSUFFICIENT_PRIVILEGE)


def test_sales_cannot_change_lines_after_submission(shop):
    data, c, _ = shop
    order = create_draft(c["sales"], data, [("valve", 2, 80)])
    set_status(c["sales"], order, "pending_approval")
    refused(c["sales"], "UPDATE sales_order_line SET quantity = 1000 WHERE order_id = %s", (order,),
            sqlstate="OPE01", contains="only be changed while it is a draft")
    refused(c["sales"], "UPDATE sales_order SET customer_id = customer_id, requested_date = current_date + 30 "
            "WHERE id = %s", (order,), sqlstate="OPE01")


def test_approver_cannot_approve_own_order(shop):
    data, c, admin = shop
    order = create_draft(c["sales_approver"], data, [("pump", 10, 1200)])
    set_status(c["sales_approver"], order, "pending_approval")
    refused(c["sales_approver"], "INSERT INTO approval_decision (request_id, decision) "
            "SELECT id, 'approve' FROM approval_request WHERE order_id = %s", (order,),
            sqlstate="OPA01", contains="your own order")
    assert status_of(admin, order) == "pending_approval"


def test_approver_cannot_approve_above_their_limit(shop):
    data, c, admin = shop
    order = create_draft(c["sales"], data, [("pump", 10, 1200)])  # 12,000 > 5,000 limit
    set_status(c["sales"], order, "pending_approval")
    refused(c["small_approver"], "INSERT INTO approval_decision (request_id, decision) "
            "SELECT id, 'approve' FROM approval_request WHERE order_id = %s", (order,),
            sqlstate="OPA02", contains="above your approval limit of 5,000.00")
    decide(c["approver"], order)  # within 50,000: fine
    set_status(c["approver"], order, "approved")
    assert status_of(admin, order) == "approved"


def test_approver_cannot_decide_for_a_role_they_lack_or_edit_orders(shop):
    data, c, _ = shop
    with admin_cursor(shop) as cur:
        cur.execute("INSERT INTO approval_rule (name, condition, threshold, approver_role) "
                    "VALUES ('Very large', 'order_total_over', 11000, 'op_manager')")
    order = create_draft(c["sales"], data, [("pump", 10, 1200)])
    set_status(c["sales"], order, "pending_approval")
    refused(c["approver"], "INSERT INTO approval_decision (request_id, decision) "
            "SELECT id, 'approve' FROM approval_request WHERE order_id = %s AND approver_role = 'op_manager'",
            (order,), sqlstate="OPA03")
    refused(c["approver"], "UPDATE sales_order SET notes = 'mine now' WHERE id = %s", (order,),
            sqlstate=INSUFFICIENT_PRIVILEGE)


def test_rejection_needs_a_reason_and_an_actual_rejecting_decision(shop):
    data, c, admin = shop
    order = create_draft(c["sales"], data, [("pump", 10, 1200)])
    set_status(c["sales"], order, "pending_approval")
    refused(c["approver"], "UPDATE sales_order SET status = 'rejected' WHERE id = %s", (order,), sqlstate="OPA05")
    refused(c["approver"], "INSERT INTO approval_decision (request_id, decision) "
            "SELECT id, 'reject' FROM approval_request WHERE order_id = %s", (order,), sqlstate="OPA09")
    decide(c["approver"], order, "reject", "Price below cost")
    set_status(c["approver"], order, "rejected", "Price below cost")
    assert status_of(admin, order) == "rejected"


def test_nobody_can_edit_order_status_history(shop):
    data, c, admin = shop
    order = create_draft(c["sales"], data, [("valve", 1, 80)])
    for name in ("sales", "approver", "planner", "warehouse", "shipping", "service", "manager", "admin"):
        refused(c[name], "UPDATE order_status_history SET actor = 'nobody' WHERE order_id = %s", (order,),
                sqlstate=INSUFFICIENT_PRIVILEGE)
        refused(c[name], "DELETE FROM order_status_history WHERE order_id = %s", (order,),
                sqlstate=INSUFFICIENT_PRIVILEGE)
        refused(c[name], "INSERT INTO order_status_history (order_id, to_status, actor) VALUES (%s, 'closed', 'x')",
                (order,), sqlstate=INSUFFICIENT_PRIVILEGE)
        refused(c[name], "DELETE FROM change_log", sqlstate=INSUFFICIENT_PRIVILEGE)
        refused(c[name], "DELETE FROM stock_move", sqlstate=INSUFFICIENT_PRIVILEGE)
    # Even the owner is stopped by the append-only trigger.
    refused(admin, "UPDATE order_status_history SET actor = 'nobody' WHERE order_id = %s", (order,), sqlstate="OPH01")


def test_warehouse_cannot_reserve_more_than_on_hand_or_go_negative(shop):
    data, c, admin = shop
    refused(c["warehouse"], "UPDATE stock_level SET reserved = on_hand + 1 WHERE product_id = %s", (data["pump"],),
            sqlstate=CHECK_VIOLATION, contains="stock_reserved_within_on_hand")
    refused(c["warehouse"], "UPDATE stock_level SET on_hand = -1 WHERE product_id = %s", (data["pump"],),
            sqlstate=CHECK_VIOLATION, contains="stock_on_hand_not_negative")
    refused(c["warehouse"], "UPDATE sales_order SET notes = 'x'", sqlstate=INSUFFICIENT_PRIVILEGE)
    with admin.cursor() as cur:
        cur.execute("SELECT on_hand, reserved FROM stock_level WHERE product_id = %s", (data["pump"],))
        assert cur.fetchone() == (Decimal("10.000"), Decimal("0.000"))


def test_sales_reservation_beyond_stock_fails_as_one_statement(shop):
    data, c, admin = shop
    order = create_draft(c["sales"], data, [("pump", 11, 100)])  # 10 on hand
    set_status(c["sales"], order, "pending_approval")
    set_status(c["sales"], order, "approved")
    refused(c["sales"], "UPDATE stock_level SET reserved = reserved + 11 WHERE product_id = %s", (data["pump"],),
            sqlstate=CHECK_VIOLATION)
    refused(c["sales"], "UPDATE sales_order SET status = 'ready_to_ship' WHERE id = %s", (order,), sqlstate="OPS02")


def test_planner_shipping_service_and_admin_stay_in_their_lanes(shop):
    data, c, _ = shop
    order = create_draft(c["sales"], data, [("valve", 2, 80)])
    refused(c["planner"], "UPDATE sales_order SET status = 'pending_approval' WHERE id = %s", (order,), sqlstate="OPT02")
    refused(c["planner"], "UPDATE stock_level SET on_hand = 0", sqlstate=INSUFFICIENT_PRIVILEGE)
    refused(c["shipping"], "UPDATE sales_order SET status = 'shipped' WHERE id = %s", (order,), sqlstate="OPT01")
    refused(c["shipping"], "UPDATE approval_request SET status = 'approved'", sqlstate=INSUFFICIENT_PRIVILEGE)
    refused(c["service"], "UPDATE product SET list_price = 1", sqlstate=INSUFFICIENT_PRIVILEGE)
    refused(c["service"], "INSERT INTO stock_level (product_id, warehouse_id, on_hand) VALUES (%s, %s, 5)",
            (data["pump"], data["warehouse"]), sqlstate=INSUFFICIENT_PRIVILEGE)
    refused(c["admin"], "UPDATE sales_order SET status = 'cancelled' WHERE id = %s", (order,),
            sqlstate=INSUFFICIENT_PRIVILEGE)
    refused(c["admin"], "UPDATE stock_level SET on_hand = 0", sqlstate=INSUFFICIENT_PRIVILEGE)
    refused(c["admin"], "INSERT INTO sales_order (customer_id) VALUES (%s)", (data["customer"],),
            sqlstate=INSUFFICIENT_PRIVILEGE)


def test_a_login_reads_only_its_own_notifications(shop):
    data, c, _ = shop
    with c["sales"].cursor() as cur:
        cur.execute("INSERT INTO notification (recipient, kind, title) VALUES (%s, 'info', 'For the approver')",
                    (c["approver"].info.user,))
    c["sales"].commit()
    with c["approver"].cursor() as cur:
        cur.execute("INSERT INTO notification (recipient, kind, title) VALUES (%s, 'info', 'Private to sales2')",
                    (c["sales2"].info.user,))
    c["approver"].commit()
    with c["sales"].cursor() as cur:
        cur.execute("SELECT title FROM notification")
        assert cur.fetchall() == [("For the approver",)]  # only what it sent itself
        cur.execute("UPDATE notification SET read_at = now()")
        assert cur.rowcount == 0  # and it cannot mark others' notifications
    c["sales"].rollback()
    with c["approver"].cursor() as cur:
        cur.execute("SELECT title FROM notification WHERE recipient = session_user")
        assert cur.fetchall() == [("For the approver",)]
    c["approver"].rollback()


def test_new_orders_start_as_drafts_with_the_real_creator(shop):
    data, c, admin = shop
    refused(c["manager"], "INSERT INTO sales_order (customer_id, status) VALUES (%s, 'approved')",
            (data["customer"],), sqlstate=INSUFFICIENT_PRIVILEGE)
    refused(admin, "INSERT INTO sales_order (customer_id, status) VALUES (%s, 'approved')",
            (data["customer"],), sqlstate="OPT04")
    order = create_draft(c["sales"], data, [("valve", 1, 80)])
    with admin.cursor() as cur:
        cur.execute("SELECT created_by, order_no ~ '^SO-[0-9]{4}-[0-9]{7}$' FROM sales_order WHERE id = %s", (order,))
        assert cur.fetchone() == (c["sales"].info.user, True)


def test_held_order_returns_only_to_where_it_was(shop):
    data, c, admin = shop
    order = create_draft(c["sales"], data, [("valve", 1, 80)])
    set_status(c["sales"], order, "pending_approval")
    set_status(c["sales"], order, "approved")
    refused(c["sales"], "UPDATE sales_order SET status = 'on_hold' WHERE id = %s", (order,), sqlstate="OPV03")
    with c["sales"].cursor() as cur:
        cur.execute("UPDATE sales_order SET status = 'on_hold', hold_kind = 'manual', hold_reason = 'Customer call' "
                    "WHERE id = %s", (order,))
    c["sales"].commit()
    refused(c["sales"], "UPDATE sales_order SET status = 'draft' WHERE id = %s", (order,), sqlstate="OPT03")
    set_status(c["sales"], order, "approved")
    assert status_of(admin, order) == "approved"


def admin_cursor(shop):
    return shop[2].cursor()
