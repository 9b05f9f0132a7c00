"""Human, translated names for the PostgreSQL job roles (``op_sales`` → "Sales").

Translation context "RoleNames"; looked up at call time so a language switch takes effect.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def role_name(role: str) -> str:
    """The translated job name of a group role; unknown roles are shown as they are."""
    names = {
        "op_sales": QCoreApplication.translate("RoleNames", "Sales"),
        "op_approver": QCoreApplication.translate("RoleNames", "Approver"),
        "op_planner": QCoreApplication.translate("RoleNames", "Planner"),
        "op_warehouse": QCoreApplication.translate("RoleNames", "Warehouse"),
        "op_shipping": QCoreApplication.translate("RoleNames", "Shipping"),
        "op_service": QCoreApplication.translate("RoleNames", "After-sales"),
        "op_manager": QCoreApplication.translate("RoleNames", "Manager"),
        "op_admin": QCoreApplication.translate("RoleNames", "Administrator"),
    }
    return names.get(role, role)


def role_names(roles: tuple[str, ...] | list[str]) -> str:
    """The roles as one translated, comma-separated phrase (or "no job role")."""
    if not roles:
        return QCoreApplication.translate("RoleNames", "no job role")
    separator = QCoreApplication.translate("RoleNames", ", ", "separator between role names")
    return separator.join(role_name(role) for role in roles)
