"""Production for made-to-order lines: production orders and operations (as demo_planner),
completion with plausible past timestamps, and a finite-capacity schedule of the open work on
the two daily shifts so the planning board has something to show."""

from __future__ import annotations

# The day an order's goods were ready: before the promise, never in the future.
READY_DAY = ("greatest(o.order_date + 1, least(coalesce(o.promised_date, o.requested_date, o.order_date + 14) - 1,"
             " current_date - 1))")


def start(cur, order_ids: list[int]) -> None:
    """Release production orders for the made-to-order lines and move the orders into production."""
    if not order_ids:
        return
    params = {"ids": order_ids}
    cur.execute("""
        INSERT INTO production_order (sales_order_id, sales_order_line_id, product_id, quantity,
                                      production_line_id, priority, due_date)
        SELECT l.order_id, l.id, l.product_id, l.quantity, rule.line_id, o.priority,
               coalesce(o.requested_date, o.order_date + 21) - 2
        FROM sales_order_line l
        JOIN sales_order o ON o.id = l.order_id
        JOIN product p ON p.id = l.product_id AND p.supply = 'make_to_order'
        LEFT JOIN LATERAL (
            SELECT r.line_id FROM line_assignment_rule r
            WHERE r.active AND (r.family_id IS NULL OR r.family_id = p.family_id)
              AND (r.order_type IS NULL OR r.order_type = o.order_type)
              AND (r.min_priority IS NULL OR o.priority <= r.min_priority)
            ORDER BY r.position, r.id LIMIT 1) rule ON true
        WHERE l.order_id = ANY(%(ids)s::bigint[])
        ORDER BY l.order_id, l.line_no""", params)
    cur.execute("""
        UPDATE sales_order_line l SET production_line_id = mo.production_line_id
        FROM production_order mo
        WHERE mo.sales_order_line_id = l.id AND mo.sales_order_id = ANY(%(ids)s::bigint[])""", params)
    cur.execute("""
        INSERT INTO production_operation (production_order_id, seq, name, production_line_id, setup_minutes,
                                          run_minutes)
        SELECT mo.id, ro.seq, ro.name, mo.production_line_id, ro.setup_minutes,
               round(ro.run_minutes_per_unit * mo.quantity, 2)
        FROM production_order mo
        JOIN routing r ON r.product_id = mo.product_id AND r.active
        JOIN routing_operation ro ON ro.routing_id = r.id
        WHERE mo.sales_order_id = ANY(%(ids)s::bigint[])
        ORDER BY mo.id, ro.seq""", params)
    cur.execute("""
        UPDATE sales_order o
        SET status = 'in_production', status_note = '已下达生产订单 / Production orders released',
            promised_date = greatest(o.requested_date, o.order_date + lt.days + 3)
        FROM (SELECT l.order_id, max(p.lead_time_days) AS days
              FROM sales_order_line l JOIN product p ON p.id = l.product_id
              WHERE l.order_id = ANY(%(ids)s::bigint[]) GROUP BY 1) lt
        WHERE o.id = lt.order_id AND o.status = 'approved'""", params)


def complete(cur, order_ids: list[int]) -> None:
    """Production orders of these orders are finished: operations done on past working days."""
    if not order_ids:
        return
    params = {"ids": order_ids}
    cur.execute(f"""
        UPDATE production_operation op
        SET status = 'done', quantity_done = x.qty, planned_start = x.end_ts - x.dur, planned_end = x.end_ts,
            actual_start = x.end_ts - x.dur, actual_end = x.end_ts
        FROM (SELECT op2.id, mo.quantity AS qty,
                     least(now() - interval '1 hour',
                           (({READY_DAY}) - (count(*) OVER w - row_number() OVER w)::int
                            + time '16:00')::timestamptz) AS end_ts,
                     make_interval(mins => least(op2.setup_minutes + op2.run_minutes, 900)::int) AS dur
              FROM production_operation op2
              JOIN production_order mo ON mo.id = op2.production_order_id
              JOIN sales_order o ON o.id = mo.sales_order_id
              WHERE mo.sales_order_id = ANY(%(ids)s::bigint[]) AND mo.status <> 'cancelled'
              WINDOW w AS (PARTITION BY op2.production_order_id ORDER BY op2.seq
                           ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) x
        WHERE op.id = x.id""", params)
    cur.execute(f"""
        UPDATE production_order mo
        SET status = 'completed', quantity_done = mo.quantity,
            expected_completion = least(now() - interval '1 hour', (({READY_DAY}) + time '16:00')::timestamptz)
        FROM sales_order o
        WHERE o.id = mo.sales_order_id AND mo.sales_order_id = ANY(%(ids)s::bigint[]) AND mo.status <> 'cancelled'""",
                params)


def cancel(cur, order_ids: list[int]) -> None:
    if order_ids:
        cur.execute("UPDATE production_order SET status = 'cancelled' WHERE sales_order_id = ANY(%s::bigint[]) "
                    "AND status NOT IN ('completed', 'cancelled')", (order_ids,))


def _work_time(minute: str) -> str:
    """Timestamp of working minute ``minute`` counted from the line's origin day (two 8-hour shifts
    from 08:00, Monday to Friday)."""
    day = f"(({minute}) / 960)::int"
    return (f"((o.day - o.w0 + ((o.w0 + {day}) / 5) * 7 + mod(o.w0 + {day}, 5)) + time '08:00')::timestamptz"
            f" + make_interval(mins => mod(({minute}), 960)::int)")


def schedule_open_work(cur, factory_id: int) -> None:
    """Schedule the unscheduled operations of orders in production, line by line in priority and
    due-date order, after whatever the line already has; record their material needs."""
    cur.execute(f"""
        WITH todo AS (
            SELECT op.id, op.production_line_id AS line_id, op.production_order_id AS mo_id, op.seq,
                   greatest(1, round((op.setup_minutes + op.run_minutes) * 100 / pl.efficiency_pct))::int AS minutes,
                   mo.priority, mo.due_date
            FROM production_operation op
            JOIN production_order mo ON mo.id = op.production_order_id AND mo.status IN ('planned', 'released')
            JOIN sales_order so ON so.id = mo.sales_order_id AND so.status = 'in_production'
            JOIN production_line pl ON pl.id = op.production_line_id
            WHERE op.status = 'pending' AND op.planned_start IS NULL
        ), origin AS MATERIALIZED (
            SELECT l.id AS line_id, d.day, extract(isodow FROM d.day)::int - 1 AS w0,
                   CASE WHEN d.day = current_date THEN least(960, greatest(0,
                        extract(epoch FROM now() - (current_date + time '08:00')::timestamptz) / 60))::int
                        ELSE 0 END AS start_min
            FROM production_line l
            CROSS JOIN LATERAL (SELECT greatest(current_date, (
                                   SELECT x.planned_end::date + 1 FROM production_operation x
                                   WHERE x.production_line_id = l.id AND x.planned_start IS NOT NULL
                                     AND x.status IN ('scheduled', 'in_progress')
                                   ORDER BY x.planned_start DESC LIMIT 1)) AS d0) a
            CROSS JOIN LATERAL (SELECT CASE extract(isodow FROM a.d0) WHEN 6 THEN a.d0 + 2 WHEN 7 THEN a.d0 + 1
                                       ELSE a.d0 END AS day) d
        ), cum AS (
            SELECT t.id, t.line_id, t.minutes,
                   sum(t.minutes) OVER (PARTITION BY t.line_id ORDER BY t.priority, t.due_date NULLS LAST,
                                        t.mo_id, t.seq) AS end_min
            FROM todo t
        ), timed AS (
            SELECT c.id, {_work_time("o.start_min + c.end_min - c.minutes")} AS s,
                   {_work_time("o.start_min + c.end_min - 1")} + interval '1 minute' AS e
            FROM cum c JOIN origin o ON o.line_id = c.line_id
        )
        UPDATE production_operation op
        SET planned_start = t.s, planned_end = t.e,
            status = CASE WHEN t.s <= now() THEN 'in_progress' ELSE 'scheduled' END,
            actual_start = CASE WHEN t.s <= now() THEN t.s END
        FROM timed t WHERE op.id = t.id""")
    cur.execute("""
        UPDATE production_order mo
        SET status = CASE WHEN x.started THEN 'in_progress' ELSE 'released' END, expected_completion = x.done_at
        FROM (SELECT op.production_order_id, bool_or(op.status = 'in_progress') AS started,
                     max(op.planned_end) AS done_at
              FROM production_operation op
              JOIN production_order m ON m.id = op.production_order_id AND m.status IN ('planned', 'released')
              GROUP BY 1) x
        WHERE x.production_order_id = mo.id AND mo.status IN ('planned', 'released')
          AND x.done_at IS NOT NULL""")
    cur.execute("""
        INSERT INTO material_demand (production_order_id, product_id, warehouse_id, quantity_required,
                                     quantity_reserved, quantity_short, supplier_id)
        SELECT x.mo_id, x.component_id, %(wh)s, x.req, 0, greatest(0, least(x.req, x.cum - x.available)), x.supplier
        FROM (SELECT mo.id AS mo_id, bl.component_id, p.default_supplier_id AS supplier,
                     round(bl.quantity * mo.quantity * (1 + bl.scrap_pct / 100), 3) AS req,
                     sum(round(bl.quantity * mo.quantity * (1 + bl.scrap_pct / 100), 3))
                         OVER (PARTITION BY bl.component_id ORDER BY mo.due_date, mo.id) AS cum,
                     coalesce(s.on_hand - s.reserved, 0) AS available
              FROM production_order mo
              JOIN sales_order so ON so.id = mo.sales_order_id AND so.status = 'in_production'
              JOIN bom b ON b.product_id = mo.product_id AND b.active
              JOIN bom_line bl ON bl.bom_id = b.id
              JOIN product p ON p.id = bl.component_id
              LEFT JOIN stock_level s ON s.product_id = bl.component_id AND s.warehouse_id = %(wh)s
              WHERE mo.status IN ('released', 'in_progress')
                AND NOT EXISTS (SELECT 1 FROM material_demand md WHERE md.production_order_id = mo.id)) x
        ORDER BY x.mo_id, x.component_id""", {"wh": factory_id})


def raise_alerts(cur) -> None:
    """Deviation alerts for open production: late against the promise, or short of material."""
    cur.execute("""
        INSERT INTO deviation_alert (kind, sales_order_id, production_order_id, production_line_id, message)
        SELECT 'late_against_promise', so.id, mo.id, mo.production_line_id,
               format('%s 预计 %s 完工，晚于订单 %s 的承诺交期 %s / %s finishes on %s, after the date promised for %s (%s)',
                      mo.production_no, mo.expected_completion::date, so.order_no, so.promised_date,
                      mo.production_no, mo.expected_completion::date, so.order_no, so.promised_date)
        FROM production_order mo JOIN sales_order so ON so.id = mo.sales_order_id
        WHERE mo.status IN ('released', 'in_progress') AND so.status = 'in_production'
          AND mo.expected_completion::date > so.promised_date
          AND NOT EXISTS (SELECT 1 FROM deviation_alert a WHERE a.production_order_id = mo.id
                          AND a.kind = 'late_against_promise' AND a.resolved_at IS NULL)""")
    cur.execute("""
        INSERT INTO deviation_alert (kind, sales_order_id, production_order_id, production_line_id, message)
        SELECT 'material_short', mo.sales_order_id, mo.id, mo.production_line_id,
               format('%s 缺料 %s 项 / %s is short of %s component(s): %s', mo.production_no, count(*),
                      mo.production_no, count(*), string_agg(p.sku, ', ' ORDER BY p.sku))
        FROM material_demand md
        JOIN production_order mo ON mo.id = md.production_order_id
        JOIN product p ON p.id = md.product_id
        WHERE md.quantity_short > 0 AND md.status = 'open' AND mo.status IN ('released', 'in_progress')
          AND NOT EXISTS (SELECT 1 FROM deviation_alert a WHERE a.production_order_id = mo.id
                          AND a.kind = 'material_short' AND a.resolved_at IS NULL)
        GROUP BY mo.id""")
