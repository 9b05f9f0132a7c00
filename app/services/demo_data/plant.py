"""Plant and partners: carriers, warehouses and locations, production lines with capabilities,
shifts and days off, line assignment rules and the approval policy. Inserted as demo_admin;
every insert skips what already exists, so a second run reuses the first run's rows."""

from __future__ import annotations

import datetime as dt

from psycopg2.extras import execute_values

CARRIERS: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("SF", "顺丰速运 SF Express", ("标快 Standard", "特快 Express", "重货 Heavy freight"),
     "https://www.sf-express.com/chn/sc/waybill/waybill-detail/{tracking_no}"),
    ("JD", "京东物流 JD Logistics", ("特惠送 Economy", "特快送 Express", "大件 Bulky"),
     "https://www.jdl.com/orderSearch/?waybillCodes={tracking_no}"),
    ("EMS", "中国邮政 China Post EMS", ("标准快递 Standard", "国际EMS International"),
     "https://www.ems.com.cn/queryList?mailNum={tracking_no}"),
    ("DHL", "DHL Express", ("Express Worldwide", "Economy Select", "Freight"),
     "https://www.dhl.com/cn-en/home/tracking.html?tracking-id={tracking_no}"),
    ("UPS", "UPS", ("Worldwide Saver", "Worldwide Expedited", "Freight"),
     "https://www.ups.com/track?tracknum={tracking_no}"),
    ("FEDEX", "FedEx", ("International Priority", "International Economy", "Freight"),
     "https://www.fedex.com/fedextrack/?trknbr={tracking_no}"),
)
DOMESTIC_CARRIERS = ("SF", "JD", "EMS")
EXPORT_CARRIERS = ("DHL", "UPS", "FEDEX")

WAREHOUSES: tuple[tuple[str, str, str, str, str], ...] = (
    ("SH", "上海配送中心 Shanghai distribution centre", "浦东新区川沙路1688号", "上海市", "201200"),
    ("SZ", "苏州工厂仓库 Suzhou factory warehouse", "工业园区星龙街88号", "苏州市", "215126"),
)

LINES: tuple[tuple[str, str, float, tuple[str, ...]], ...] = (
    ("L1", "泵装配一线 Pump assembly line 1", 100, ("PUMP",)),
    ("L2", "泵装配二线 Pump assembly line 2", 92, ("PUMP", "SPARE")),
    ("L3", "阀门加工线 Valve machining line", 105, ("VALVE",)),
    ("L4", "电机绕线装配线 Motor winding & assembly", 95, ("MOTOR",)),
    ("L5", "电控柜装配线 Control cabinet assembly", 100, ("CABINET",)),
    ("L6", "数控加工中心 CNC machining cell", 110, ("SPARE", "VALVE", "PUMP")),
)

# (position, family code or None, order type or None, min priority or None, line code)
ASSIGNMENT_RULES = (
    (10, "CABINET", None, None, "L5"),
    (20, "MOTOR", None, None, "L4"),
    (30, "VALVE", None, None, "L3"),
    (40, "PUMP", "rush", None, "L2"),
    (45, "PUMP", None, 2, "L2"),
    (50, "PUMP", None, None, "L1"),
    (60, "SPARE", None, None, "L6"),
    (100, None, None, None, "L6"),
)

# (name, description, condition, threshold, channel, approver role, required approvals, position)
APPROVAL_RULES = (
    ("订单金额超过 50,000 / Order total over 50,000",
     "Orders above 50,000 need an approver.", "order_total_over", 50000, None, "op_approver", 1, 10),
    ("订单金额超过 200,000（经理）/ Order total over 200,000 (manager)",
     "Large orders need the manager.", "order_total_over", 200000, None, "op_manager", 1, 20),
    ("订单金额超过 200,000（双人）/ Order total over 200,000 (two approvers)",
     "Large orders also need two approvers (four-eyes rule).", "order_total_over", 200000, None,
     "op_approver", 2, 21),
    ("折扣超过 15% / Line discount over 15%",
     "A line discount above 15 % needs the manager.", "line_discount_over", 15, None, "op_manager", 1, 30),
    ("超出信用额度 / Customer over credit limit",
     "Open orders beyond the customer's credit limit need the manager.", "customer_over_credit_limit",
     None, None, "op_manager", 1, 40),
    ("新客户首单 / First order of a new customer",
     "The first order of a new customer needs an approver.", "new_customer_first_order", None, None,
     "op_approver", 1, 50),
    ("电商平台订单 / Marketplace order",
     "Marketplace imports are checked by an approver.", "channel_is", None, "marketplace", "op_approver", 1, 60),
)


def ensure_carriers(cur) -> dict[str, int]:
    execute_values(cur, "INSERT INTO carrier (code, name, services, tracking_url) VALUES %s "
                        "ON CONFLICT (code) DO NOTHING",
                   [(c, n, list(s), url) for c, n, s, url in CARRIERS])
    cur.execute("SELECT code, id FROM carrier WHERE code = ANY(%s)", ([c[0] for c in CARRIERS],))
    return dict(cur.fetchall())


def ensure_warehouses(cur) -> dict[str, int]:
    execute_values(cur, "INSERT INTO warehouse (code, name, address_line1, city, postal_code, country) "
                        "VALUES %s ON CONFLICT (code) DO NOTHING",
                   [(c, n, a, city, pc, "CN") for c, n, a, city, pc in WAREHOUSES])
    cur.execute("SELECT code, id FROM warehouse WHERE code = ANY(%s)", ([w[0] for w in WAREHOUSES],))
    ids = dict(cur.fetchall())
    rows = []
    for code, wid in ids.items():
        seq = 0
        for aisle in "ABCDEF":
            bays = range(1, 11) if aisle in "ACE" else range(10, 0, -1)  # walk the aisles in a snake
            for bay in bays:
                for level in (1, 2):
                    seq += 10
                    rows.append((wid, f"{aisle}-{bay:02d}-{level}", "storage", seq))
        rows += [(wid, "RCV-01", "receiving", 0), (wid, "SHP-01", "shipping", 9000),
                 (wid, "SHP-02", "shipping", 9010)]
        if code == "SZ":
            rows += [(wid, f"PRD-L{n}", "production", 8000 + n) for n in range(1, 7)]
    execute_values(cur, "INSERT INTO location (warehouse_id, code, kind, pick_sequence) VALUES %s "
                        "ON CONFLICT (warehouse_id, code) DO NOTHING", rows)
    return ids


def ensure_suppliers(cur, suppliers) -> dict[str, int]:
    execute_values(cur, "INSERT INTO supplier (code, name, city, country, email, lead_time_days) VALUES %s "
                        "ON CONFLICT (code) DO NOTHING", list(suppliers))
    cur.execute("SELECT code, id FROM supplier WHERE code = ANY(%s)", ([s[0] for s in suppliers],))
    return dict(cur.fetchall())


def ensure_lines(cur, families: dict[str, int], today: dt.date) -> dict[str, int]:
    """Production lines, what they can make, two shifts Mon–Fri, holidays, assignment rules."""
    execute_values(cur, "INSERT INTO production_line (code, name, efficiency_pct) VALUES %s "
                        "ON CONFLICT (code) DO NOTHING", [(c, n, e) for c, n, e, _ in LINES])
    cur.execute("SELECT code, id FROM production_line WHERE code = ANY(%s)", ([x[0] for x in LINES],))
    ids = dict(cur.fetchall())
    execute_values(cur, "INSERT INTO line_capability (line_id, family_id) VALUES %s ON CONFLICT DO NOTHING",
                   [(ids[c], families[f]) for c, _, _, fams in LINES for f in fams])
    cur.execute("SELECT DISTINCT line_id FROM line_shift WHERE line_id = ANY(%s)", (list(ids.values()),))
    has_shifts = {r[0] for r in cur.fetchall()}
    shifts = [(lid, day, start, end) for lid in ids.values() if lid not in has_shifts
              for day in range(1, 6) for start, end in (("08:00", "16:00"), ("16:00", "24:00"))]
    if shifts:
        execute_values(cur, "INSERT INTO line_shift (line_id, weekday, starts_at, ends_at) VALUES %s", shifts)
    days_off = []
    for year in (today.year - 1, today.year, today.year + 1):
        holidays = [(dt.date(year, 1, 1), "元旦 New Year's Day")]
        holidays += [(dt.date(year, 5, d), "劳动节 Labour Day") for d in range(1, 4)]
        holidays += [(dt.date(year, 10, d), "国庆节 National Day") for d in range(1, 8)]
        days_off += [(lid, day, why) for lid in ids.values() for day, why in holidays]
    maintenance = today + dt.timedelta(days=(7 - today.weekday()) % 7 + 14)  # a Monday in two-three weeks
    days_off += [(ids["L3"], maintenance, "设备保养 Preventive maintenance"),
                 (ids["L3"], maintenance + dt.timedelta(days=1), "设备保养 Preventive maintenance"),
                 (ids["L5"], maintenance + dt.timedelta(days=3), "安全培训 Safety training")]
    execute_values(cur, "INSERT INTO line_day_off (line_id, day, reason) VALUES %s ON CONFLICT DO NOTHING",
                   days_off)
    cur.execute("SELECT 1 FROM line_assignment_rule WHERE line_id = ANY(%s) LIMIT 1", (list(ids.values()),))
    if cur.fetchone() is None:
        execute_values(
            cur, "INSERT INTO line_assignment_rule (position, family_id, order_type, min_priority, line_id) "
                 "VALUES %s",
            [(pos, families[f] if f else None, ot, mp, ids[line]) for pos, f, ot, mp, line in ASSIGNMENT_RULES])
    return ids


def ensure_approval_rules(cur) -> None:
    cur.execute("SELECT name FROM approval_rule")
    existing = {r[0] for r in cur.fetchall()}
    rows = [r for r in APPROVAL_RULES if r[0] not in existing]
    if rows:
        execute_values(cur, "INSERT INTO approval_rule (name, description, condition, threshold, channel, "
                            "approver_role, required_approvals, position) VALUES %s", rows)
