"""In-app notifications: who must act next gets a row in ``notification``.

Rows are addressed to logins. A notice for a job role fans out to every active login that holds
the role (managers inherit the operational roles, so they hear about everything unless a role
is given with ``direct_only``). The title is English text kept for reports and as a fallback;
the client renders ``kind`` with its parameters in the user's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

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


# -- the signed-in user's own notifications (row-level security shows each login its own rows and
#    those it sent; these read only the ones addressed to it) -------------------------------------

@dataclass(frozen=True)
class NotificationRow:
    """One notification as the notifications panel shows it."""

    id: int
    kind: str
    title: str
    body: str | None
    order_id: int | None
    order_no: str | None
    created_by: str
    created_at: datetime
    read_at: datetime | None

    @property
    def unread(self) -> bool:
        return self.read_at is None


_MINE = """
    SELECT n.id, n.kind, n.title, n.body, n.order_id, o.order_no, n.created_by, n.created_at, n.read_at
    FROM notification n LEFT JOIN sales_order o ON o.id = n.order_id
    WHERE n.recipient = session_user {unread}
    ORDER BY n.id DESC LIMIT :limit
"""


def my_notifications(*, uow, limit: int = 100, unread_only: bool = False) -> list[NotificationRow]:
    """The newest notifications addressed to the signed-in login, newest first."""
    with uow:
        query = text(_MINE.format(unread="AND n.read_at IS NULL" if unread_only else ""))
        rows = uow.session.execute(query, {"limit": limit}).all()
    return [NotificationRow(*row) for row in rows]


def unread_count(*, uow) -> int:
    """How many notifications addressed to the signed-in login are unread (the toolbar badge)."""
    with uow:
        return uow.session.scalar(text(
            "SELECT count(*) FROM notification WHERE recipient = session_user AND read_at IS NULL"))


def mark_read(ids: list[int], *, uow) -> int:
    """Mark these notifications of the signed-in login read; returns how many were unread."""
    if not ids:
        return 0
    with uow:
        marked = uow.session.execute(text(
            "UPDATE notification SET read_at = now() "
            "WHERE id = ANY(:ids) AND recipient = session_user AND read_at IS NULL"), {"ids": list(ids)}).rowcount
        uow.commit()
    return marked


def mark_all_read(*, uow) -> int:
    """Mark every unread notification of the signed-in login read."""
    with uow:
        marked = uow.session.execute(text(
            "UPDATE notification SET read_at = now() WHERE recipient = session_user AND read_at IS NULL")).rowcount
        uow.commit()
    return marked
