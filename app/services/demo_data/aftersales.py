"""After-sales: a few returns (RMA) and customer feedback on delivered orders (as demo_service)."""

from __future__ import annotations

from app.services.demo_data.logins import SERVICE
from app.services.demo_data.session import acting_as

_RMA_REASONS = """(ARRAY['运输途中外壳破损 / Casing damaged in transit',
                  '机械密封泄漏 / Mechanical seal leaking after commissioning',
                  '型号发错 / Wrong model delivered',
                  '电机异响 / Motor bearing noise'])[1 + mod(o.id, 4)::int]"""
_FEEDBACK = """(VALUES
    (0, 'praise', 5, '交货准时，质量很好 / On time and good quality', '安装顺利，感谢团队的支持。'),
    (1, 'praise', 4, 'Good pumps, documentation could be better', 'Pumps run fine; please add English manuals.'),
    (2, 'complaint', 2, '包装破损 / Damaged packaging', '木箱一角破损，货物完好，请改进包装。'),
    (3, 'question', NULL, '备件价格咨询 / Spare parts price list', 'Please send the 2025 spare parts price list.'),
    (4, 'suggestion', 4, '希望提供远程监控 / Remote monitoring option', '控制柜能否增加4G远程监控模块？'))
    AS f(k, kind, rating, subject, body)"""


def record(cur, order_ids: list[int]) -> None:
    """Returns for about 2 % and feedback for about 5 % of the delivered orders."""
    if not order_ids:
        return
    params = {"ids": order_ids}
    with acting_as(cur, SERVICE):
        cur.execute(f"""
            INSERT INTO rma (order_id, customer_id, reason)
            SELECT o.id, o.customer_id, {_RMA_REASONS}
            FROM sales_order o WHERE o.id = ANY(%(ids)s::bigint[]) AND mod(o.id * 37, 50) = 7
            ORDER BY o.id""", params)
        cur.execute("""
            INSERT INTO rma_line (rma_id, order_line_id, product_id, quantity, reason_code, condition)
            SELECT r.id, l.id, l.product_id, 1,
                   (ARRAY['damaged', 'defective', 'wrong_item', 'defective'])[1 + mod(r.order_id, 4)::int],
                   CASE WHEN mod(r.order_id, 4) = 0 THEN '外观损坏 / Visible damage' END
            FROM rma r JOIN sales_order_line l ON l.order_id = r.order_id AND l.line_no = 1
            WHERE r.order_id = ANY(%(ids)s::bigint[])""", params)
        cur.execute("""
            UPDATE rma SET status = (ARRAY['authorised', 'received', 'replaced', 'closed', 'requested'])
                                    [1 + mod(order_id, 5)::int],
                           resolution = CASE WHEN mod(order_id, 5) IN (2, 3)
                                             THEN '免费更换 / Replaced free of charge' END
            WHERE order_id = ANY(%(ids)s::bigint[])""", params)
        cur.execute(f"""
            INSERT INTO customer_feedback (customer_id, order_id, kind, rating, subject, body, assigned_to)
            SELECT o.customer_id, o.id, f.kind, f.rating, f.subject, f.body, session_user
            FROM sales_order o JOIN {_FEEDBACK} ON f.k = mod(o.id, 5)
            WHERE o.id = ANY(%(ids)s::bigint[]) AND mod(o.id * 13, 20) = 3
            ORDER BY o.id""", params)
        cur.execute("""
            UPDATE customer_feedback SET status = 'resolved', resolved_at = now()
            WHERE order_id = ANY(%(ids)s::bigint[]) AND kind IN ('question', 'complaint') AND mod(id, 3) <> 0""",
                    params)
