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
            SELECT 1 FROM pg_auth_members am JOIN pg_roles g ON g.oid = am.roleid
            WHERE am.member = r.oid AND g.rolname = :role))
""")

_NOTIFY_ROLE = text(f"""
    INSERT INTO notification (recipient, kind, title, order_id)
    SELECT m.login, :kind, n.title, n.order_id
    FROM ({_ROLE_MEMBERS.text}) m
    CROSS JOIN unnest(CAST(:titles AS text[]), CAST(:orders AS bigint[]), CAST(:skips AS text[]))
         AS n(title, order_id, skip)
    WHERE m.login IS DISTINCT FROM n.skip
""")

_INSERT = text("""
    INSERT INTO notification (recipient, kind, title, body, order_id)
    SELECT unnest(CAST(:recipients AS text[])), :kind, :title, :body, :order_id
""")


def login_of(session: Session) -> str:
    """The login this session's connection runs as (asked once per connection)."""
    info = session.connection().info
    if "login" not in info:
        info["login"] = session.scalar(text("SELECT session_user"))
    return info["login"]


def role_members(session: Session, role: str, *, direct_only: bool = False) -> list[str]:
    """Active logins holding ``role``."""
    return sorted(session.execute(_ROLE_MEMBERS, {"role": role, "direct_only": direct_only}).scalars())


def notify_logins(session: Session, recipients: list[str], kind: str, title: str, *,
                  body: str | None = None, order_id: int | None = None) -> int:
    """One notification per recipient (no RETURNING: rows of others are invisible to the sender)."""
    recipients = sorted(set(recipients))
    if recipients:
        session.execute(_INSERT, {"recipients": recipients, "kind": kind, "title": title,
                                  "body": body, "order_id": order_id})
    return len(recipients)


def notify_role(session: Session, role: str, kind: str, title: str, *, order_id: int | None = None,
                skip: str | None = None, direct_only: bool = False) -> None:
    """Tell every active holder of ``role`` (but ``skip``)."""
    notify_role_each(session, role, kind, [(title, order_id, skip)], direct_only=direct_only)


def notify_role_each(session: Session, role: str, kind: str, notices: list[tuple[str, int | None, str | None]], *,
                     direct_only: bool = False) -> None:
    """Many notices to one role in one statement: ``(title, order_id, login not to tell)`` each."""
    if not notices:
        return
    session.execute(_NOTIFY_ROLE, {"kind": kind, "role": role, "direct_only": direct_only, "titles": [n[0] for n in notices],
         "orders": [n[1] for n in notices], "skips": [n[2] for n in notices]})
