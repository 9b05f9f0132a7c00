"""Who is signed in, as plain data the client shows (window title, status bar, enabled actions)."""

from __future__ import annotations

from dataclasses import dataclass

JOB_ROLES = (
    "op_sales",
    "op_approver",
    "op_planner",
    "op_warehouse",
    "op_shipping",
    "op_service",
    "op_manager",
    "op_admin",
)


@dataclass(frozen=True)
class SessionInfo:
    """The signed-in login, its OrderPilot job roles and the server it talks to."""

    login: str
    display_name: str
    roles: tuple[str, ...]
    department: str | None = None
    server_label: str = ""
    embedded: bool = False

    def has_role(self, role: str) -> bool:
        return role in self.roles

    def takes_orders(self) -> bool:
        """Sales staff enter and edit orders (managers inherit the role); the database enforces it."""
        return self.has_role("op_sales")
