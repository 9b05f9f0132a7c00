"""Submission and approval, set-based, through the real guards.

Sales submit their drafts; the server computes the approval requests. Each approver then
decides, as themselves, the requests the plan gives them: someone holding the request's role,
never the order's creator, whose approval limit covers the total, distinct approvers for a
request that needs two. Finally the order moves to approved (by the last approver, or by sales
when nothing needed approval) or to rejected (by the approver who rejected it).
"""

from __future__ import annotations

from collections import defaultdict

from app.services.demo_data.logins import APPROVER_LOGINS, MANAGER
from app.services.demo_data.session import acting_as

_REJECT_COMMENTS = """
    CASE t.condition
        WHEN 'line_discount_over' THEN '折扣超出价格政策，请重新报价 / Discount above our price policy, please requote'
        WHEN 'order_total_over' THEN '金额过大，请拆分为分批交货订单 / Too large in one order, please split into call-offs'
        WHEN 'customer_over_credit_limit' THEN '信用额度不足，请先收回欠款 / Credit limit exceeded, collect overdue payments first'
        WHEN 'new_customer_first_order' THEN '新客户资料不全，请补充营业执照 / New customer documents incomplete'
        WHEN 'channel_is' THEN '平台订单收货信息可疑 / Marketplace order with suspicious delivery data'
        ELSE '不予批准 / Not approved'
    END"""


def by_login(orders) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = defaultdict(list)
    for order in orders:
        groups[order.login].append(order.id)
    return groups


def submit(cur, orders) -> None:
    """Each sales rep submits their own drafts (draft → pending_approval).

    The server's approval rules test ``NOT id = ANY(submitted orders)`` against every order of the
    submitting customers; only a custom plan turns that array into a hash table, so submissions
    are planned afresh (a generic plan makes the cost grow with table size × batch size).
    """
    cur.execute("SET LOCAL plan_cache_mode = force_custom_plan")
    for login, ids in sorted(by_login(orders).items()):
        with acting_as(cur, login):
            cur.execute("UPDATE sales_order SET status = 'pending_approval' "
                        "WHERE id = ANY(%s::bigint[]) AND status = 'draft'", (ids,))
    cur.execute("SET LOCAL plan_cache_mode = auto")


_APPROVE = """
    WITH req AS MATERIALIZED (
        SELECT r.id, r.order_id, r.approver_role, r.required_approvals, o.total_amount, o.created_by
        FROM unnest(%(ids)s::bigint[]) AS t(order_id)
        JOIN approval_request r ON r.order_id = t.order_id
        JOIN sales_order o ON o.id = t.order_id
        WHERE r.active AND r.status = 'pending' AND o.status = 'pending_approval'
    ), candidate AS MATERIALIZED (
        -- who holds each role the requests ask for (a handful of rows)
        SELECT u.login, u.approval_limit, roles.role
        FROM app_user u CROSS JOIN (SELECT DISTINCT approver_role AS role FROM req) roles
        WHERE u.login = ANY(%(approvers)s) AND u.active AND pg_has_role(u.login, roles.role, 'MEMBER')
    ), ranked AS (
        SELECT req.id, req.required_approvals, c.login,
               row_number() OVER (PARTITION BY req.id
                                  ORDER BY c.approval_limit IS NULL, mod(req.order_id * 7919 + length(c.login) * 31
                                               + ascii(right(c.login, 1)), 5), c.login) AS rank
        FROM req
        JOIN candidate c ON c.role = req.approver_role AND c.login <> req.created_by
         AND (c.approval_limit IS NULL OR c.approval_limit >= req.total_amount)
    )
    INSERT INTO approval_decision (request_id, decision, comment)
    SELECT id, 'approve', %(comment)s FROM ranked
    WHERE login = session_user AND rank <= required_approvals
      AND NOT EXISTS (SELECT 1 FROM approval_decision d WHERE d.request_id = ranked.id AND d.approver = session_user)
    ORDER BY id
"""


def approve(cur, orders) -> set[int]:
    """Decide every open request of the orders, then move them to approved.

    Returns the ids that could not be approved (a request nobody may approve); the caller
    drops them from the rest of the plan.
    """
    ids = [o.id for o in orders]
    if not ids:
        return set()
    for approver in APPROVER_LOGINS:
        with acting_as(cur, approver):
            cur.execute(_APPROVE, {"ids": ids, "approvers": list(APPROVER_LOGINS),
                                   "comment": "同意 / Approved"})
    for approver in APPROVER_LOGINS:  # the last one to decide releases the order
        with acting_as(cur, approver):
            cur.execute("""
                WITH last AS MATERIALIZED (
                    SELECT DISTINCT ON (d.order_id) d.order_id, d.approver
                    FROM approval_decision d WHERE d.order_id = ANY(%s::bigint[])
                    ORDER BY d.order_id, d.id DESC)
                UPDATE sales_order o SET status = 'approved', status_note = '审批通过 / Approved'
                FROM last
                WHERE o.id = last.order_id AND last.approver = session_user AND o.status = 'pending_approval'
                  AND EXISTS (SELECT 1 FROM approval_request r WHERE r.order_id = o.id AND r.active)
                  AND NOT EXISTS (SELECT 1 FROM approval_request r
                                  WHERE r.order_id = o.id AND r.active AND r.status <> 'approved')""", (ids,))
    for login, own in sorted(by_login(orders).items()):
        with acting_as(cur, login):
            cur.execute("""
                UPDATE sales_order o SET status = 'approved'
                WHERE o.id = ANY(%s::bigint[]) AND o.status = 'pending_approval'
                  AND NOT EXISTS (SELECT 1 FROM approval_request r WHERE r.order_id = o.id AND r.active)""",
                        (own,))
    cur.execute("SELECT id FROM sales_order WHERE id = ANY(%s::bigint[]) AND status <> 'approved'", (ids,))
    return {r[0] for r in cur.fetchall()}


def reject(cur, orders) -> set[int]:
    """An approver rejects one open request of each order (with a reason), then the order."""
    ids = [o.id for o in orders]
    if not ids:
        return set()
    pick = f"""
        WITH t AS (
            SELECT DISTINCT ON (r.order_id) r.id, r.order_id, r.approver_role, ar.condition
            FROM approval_request r LEFT JOIN approval_rule ar ON ar.id = r.rule_id
            WHERE r.order_id = ANY(%(ids)s::bigint[]) AND r.active AND r.status = 'pending'
              AND NOT EXISTS (SELECT 1 FROM approval_request x
                              WHERE x.order_id = r.order_id AND x.active AND x.status = 'rejected')
            ORDER BY r.order_id, (ar.condition = 'line_discount_over') DESC NULLS LAST, r.id
        )
        SELECT t.id, {_REJECT_COMMENTS} AS comment,
               CASE WHEN t.approver_role = 'op_approver' AND mod(t.order_id, 3) = 0 THEN 'demo_approver2'
                    WHEN t.approver_role = 'op_approver' THEN 'demo_approver1'
                    ELSE %(manager)s END AS decider
        FROM t"""
    for approver in APPROVER_LOGINS:
        with acting_as(cur, approver):
            cur.execute(f"INSERT INTO approval_decision (request_id, decision, comment) "
                        f"SELECT id, 'reject', comment FROM ({pick}) p WHERE decider = session_user",
                        {"ids": ids, "manager": MANAGER})
            cur.execute("""
                UPDATE sales_order o SET status = 'rejected', status_note = d.comment
                FROM approval_decision d
                WHERE d.order_id = o.id AND d.decision = 'reject' AND d.approver = session_user
                  AND o.id = ANY(%s::bigint[]) AND o.status = 'pending_approval'""", (ids,))
    cur.execute("SELECT id FROM sales_order WHERE id = ANY(%s::bigint[]) AND status <> 'rejected'", (ids,))
    return {r[0] for r in cur.fetchall()}


def notify_approvers(cur, orders) -> None:
    """Sales tell the approvers about orders now waiting for them (in-app notifications)."""
    for login, ids in sorted(by_login(orders).items()):
        with acting_as(cur, login):
            cur.execute("""
                INSERT INTO notification (recipient, kind, title, body, order_id)
                SELECT DISTINCT ON (u.login, o.id) u.login, 'approval_requested',
                       format('订单 %%s 待审批 / Order %%s waits for approval', o.order_no, o.order_no),
                       r.reason, o.id
                FROM sales_order o
                JOIN approval_request r ON r.order_id = o.id AND r.active AND r.status = 'pending'
                JOIN app_user u ON u.login = ANY(%(approvers)s) AND pg_has_role(u.login, r.approver_role, 'MEMBER')
                WHERE o.id = ANY(%(ids)s::bigint[])
                ORDER BY u.login, o.id, r.id""", {"ids": ids, "approvers": list(APPROVER_LOGINS)})
