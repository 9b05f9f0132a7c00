"""Demo logins: one or more PostgreSQL login roles per job, each with an ``app_user`` profile.

The client's demo login picker reads :data:`DEMO_LOGINS`. The roles have no password: the
embedded server trusts local connections; on a shared server an administrator sets passwords
(``ALTER ROLE … PASSWORD``) or drops the demo logins before going live.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from psycopg2 import sql

from app.services.demo_data.session import acting_as


@dataclass(frozen=True)
class DemoLogin:
    """A demo user: login role name, job roles and profile."""

    login: str
    roles: tuple[str, ...]
    display_name: str
    department: str
    email: str
    approval_limit: Decimal | None = None
    language: str = "zh_CN"


DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin("demo_sales1", ("op_sales",), "王芳 (Wang Fang)", "销售部 Sales",
              "wang.fang@example-pumps.cn"),
    DemoLogin("demo_sales2", ("op_sales",), "李伟 (Li Wei)", "销售部 Sales",
              "li.wei@example-pumps.cn"),
    DemoLogin("demo_sales3", ("op_sales",), "Anna Schmidt (安娜)", "国际与电商 Export & e-commerce",
              "anna.schmidt@example-pumps.cn", language="en_US"),
    DemoLogin("demo_approver1", ("op_approver",), "陈静 (Chen Jing)", "财务部 Finance",
              "chen.jing@example-pumps.cn", Decimal("50000")),
    DemoLogin("demo_approver2", ("op_approver",), "刘洋 (Liu Yang)", "销售管理 Sales management",
              "liu.yang@example-pumps.cn", Decimal("500000")),
    DemoLogin("demo_manager", ("op_manager",), "张强 (Zhang Qiang)", "总经理办公室 General management",
              "zhang.qiang@example-pumps.cn"),
    DemoLogin("demo_planner", ("op_planner",), "赵磊 (Zhao Lei)", "生产计划 Production planning",
              "zhao.lei@example-pumps.cn"),
    DemoLogin("demo_warehouse", ("op_warehouse",), "孙丽 (Sun Li)", "仓储部 Warehouse",
              "sun.li@example-pumps.cn"),
    DemoLogin("demo_shipping", ("op_shipping",), "周杰 (Zhou Jie)", "物流部 Shipping",
              "zhou.jie@example-pumps.cn"),
    DemoLogin("demo_service", ("op_service",), "吴敏 (Wu Min)", "售后服务 After-sales",
              "wu.min@example-pumps.cn"),
    DemoLogin("demo_admin", ("op_admin",), "徐涛 (Xu Tao)", "信息部 IT",
              "xu.tao@example-pumps.cn"),
)

SALES_LOGINS: tuple[str, ...] = tuple(u.login for u in DEMO_LOGINS if "op_sales" in u.roles)
APPROVER_LOGINS: tuple[str, ...] = ("demo_approver1", "demo_approver2", "demo_manager")
ADMIN = "demo_admin"
PLANNER = "demo_planner"
WAREHOUSE = "demo_warehouse"
SHIPPING = "demo_shipping"
SERVICE = "demo_service"
MANAGER = "demo_manager"


def ensure_demo_logins(cur) -> None:
    """Create the demo login roles (if missing), grant their job roles and write their profiles.

    Runs as the superuser for the roles; the profiles are written as ``demo_admin``, the way an
    administrator keeps ``app_user``. Existing profiles are left as they are.
    """
    for user in DEMO_LOGINS:
        cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (user.login,))
        if cur.fetchone() is None:
            cur.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(user.login)))
        cur.execute(sql.SQL("GRANT {} TO {}").format(
            sql.SQL(", ").join(sql.Identifier(r) for r in user.roles), sql.Identifier(user.login)))
    with acting_as(cur, ADMIN):
        for user in DEMO_LOGINS:
            cur.execute(
                "INSERT INTO app_user (login, display_name, department, email, approval_limit, language) "
                "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (login) DO NOTHING",
                (user.login, user.display_name, user.department, user.email, user.approval_limit,
                 user.language))
