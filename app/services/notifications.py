"""In-app notifications: who must act next gets a row in ``notification``.

Rows are addressed to logins. A notice for a job role fans out to every active login that holds
the role (managers inherit the operational roles, so they hear about everything unless a role
is given with ``direct_only``). The title is English text kept for reports and as a fallback;
the client renders ``kind`` with its parameters in the user's language.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

_ROLE_MEMBERS = text("""
    SELECT u.login FROM app_user u JOIN pg_roles r ON r.rolname = u.login
    WHERE u.active AND r.rolcanlogin AND NOT r.rolsuper
      AND pg_has_role(u.login, :role, 'MEMBER')
      AND (NOT :direct_only OR EXISTS (
            SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
            WHERE m.member = r.oid AND g.rolname = :role))
    ORDER BY u.login
""")

_INSERT = text("""
    INSERT INTO notification (recipient, kind, title, body, order_id)
    SELECT unnest(CAST(:recipients AS text[])), :kind, :title, :body, :order_id
""")


def role_members(session: Session, role: str, *, direct_only: bool = False) -> list[str]:
    """Active logins holding ``role``."""
    return list(session.execute(_ROLE_MEMBERS, {"role": role, "direct_only": direct_only}).scalars())


def notify_logins(session: Session, recipients: list[str], kind: str, title: str, *,
                  body: str | None = None, order_id: int | None = None) -> int:
    """One notification per recipient (no RETURNING: rows of others are invisible to the sender)."""
    recipients = sorted(set(recipients))
    if recipients:
        session.execute(_INSERT, {"recipients": recipients, "kind": kind, "title": title,
                                  "body": body, "order_id": order_id})
    return len(recipients)


def notify_role(session: Session, role: str, kind: str, title: str, *, body: str | None = None,
                order_id: int | None = None, exclude: tuple[str, ...] = (), direct_only: bool = False) -> int:
    recipients = [login for login in role_members(session, role, direct_only=direct_only) if login not in exclude]
    return notify_logins(session, recipients, kind, title, body=body, order_id=order_id)


def notify_role_each(session: Session, role: str, kind: str, notices: list[tuple[str, int | None, str | None]], *,
                     direct_only: bool = False) -> int:
    """Many notices to one role in one statement: ``(title, order_id, login not to tell)`` each."""
    if not notices:
        return 0
    members = role_members(session, role, direct_only=direct_only)
    rows = [(login, title, order_id) for title, order_id, skip in notices for login in members if login != skip]
    if rows:
        session.execute(text(
            "INSERT INTO notification (recipient, kind, title, order_id) "
            "SELECT r, :kind, t, o FROM unnest(CAST(:r AS text[]), CAST(:t AS text[]), CAST(:o AS bigint[])) AS n(r, t, o)"),
            {"kind": kind, "r": [r[0] for r in rows], "t": [r[1] for r in rows], "o": [r[2] for r in rows]})
    return len(rows)
