"""Logins: OrderPilot users are PostgreSQL login roles with an ``app_user`` profile."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from psycopg2.extensions import encrypt_password
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.services.errors import AdminError, NotAllowed, SignInFailed
from app.services.session_info import JOB_ROLES, SessionInfo

LOGIN_PATTERN = re.compile(r"^[a-z_][a-z0-9_.\-]{0,62}$")


@dataclass(frozen=True)
class NewUser:
    login: str
    roles: tuple[str, ...]
    display_name: str
    department: str | None = None
    email: str | None = None
    approval_limit: Decimal | None = None


def validate_new_user(user: NewUser) -> None:
    """Reject bad input before anything touches the server."""
    if not LOGIN_PATTERN.match(user.login):
        raise AdminError(
            f"'{user.login}' is not a valid login: use lower-case letters, digits, '_', '.' or '-', "
            "starting with a letter, at most 63 characters.")
    if not user.roles:
        raise AdminError("Give at least one role with --role, for example --role op_sales.")
    unknown = [r for r in user.roles if r not in JOB_ROLES]
    if unknown:
        raise AdminError(
            f"Unknown role {', '.join(unknown)}; the roles are: {', '.join(JOB_ROLES)}.")
    if user.approval_limit is not None and user.approval_limit < 0:
        raise AdminError("The approval limit cannot be negative.")


def add_user(user: NewUser, password: str | None, *, uow) -> None:
    """Create the login role, grant its job roles and write its profile, all or nothing.

    The password is hashed (SCRAM-SHA-256) on this machine, so the server never sees it in clear.
    """
    validate_new_user(user)
    if password is not None and len(password) < 8:
        raise AdminError("The password must have at least 8 characters.")
    with uow:
        session = uow.session
        quote = session.get_bind().dialect.identifier_preparer.quote
        exists = session.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": user.login}).first()
        if exists:
            raise AdminError(f"A login named '{user.login}' already exists on this server.")
        try:
            session.execute(text(f"CREATE ROLE {quote(user.login)} LOGIN"))
            if password is not None:
                raw = session.connection().connection.dbapi_connection
                hashed = encrypt_password(password, user.login, raw, "scram-sha-256")
                session.execute(text(f"ALTER ROLE {quote(user.login)} PASSWORD :p"), {"p": hashed})
            session.execute(text(f"GRANT {', '.join(user.roles)} TO {quote(user.login)}"))
            session.execute(
                text("INSERT INTO app_user (login, display_name, department, email, approval_limit) "
                     "VALUES (:login, :name, :dept, :email, :limit)"),
                {"login": user.login, "name": user.display_name, "dept": user.department,
                 "email": user.email, "limit": user.approval_limit})
        except DBAPIError as exc:
            code = getattr(exc.orig, "pgcode", None)
            if code == "42501":
                raise NotAllowed(
                    "This database login may not create users; run the command as a login with the "
                    "CREATEROLE privilege (for example the server's administrator).") from exc
            raise
        uow.commit()


def load_session_info(*, uow, server_label: str = "", embedded: bool = False) -> SessionInfo:
    """Who the connection is logged in as, with its OrderPilot job roles."""
    with uow:
        row = uow.session.execute(text(
            "SELECT session_user AS login, u.display_name, u.department, "
            "       ARRAY(SELECT r FROM unnest(CAST(:roles AS text[])) r "
            "             WHERE pg_has_role(session_user, r, 'MEMBER') ORDER BY r) AS roles "
            "FROM (SELECT 1) one LEFT JOIN app_user u ON u.login = session_user"),
            {"roles": list(JOB_ROLES)}).one()
    return SessionInfo(
        login=row.login, display_name=row.display_name or row.login, roles=tuple(row.roles),
        department=row.department, server_label=server_label, embedded=embedded)


_ROLES_OF_SESSION = text(
    "SELECT session_user AS login, ARRAY(SELECT r FROM unnest(CAST(:roles AS text[])) r "
    "WHERE pg_has_role(session_user, r, 'MEMBER') ORDER BY r) AS roles")


def check_login(*, uow, server_label: str = "", embedded: bool = False) -> SessionInfo:
    """Whether the connected login may use OrderPilot, as a :class:`SessionInfo`.

    Refuses (``SignInFailed``) a login without any job role, without an ``app_user`` profile or
    with a switched-off profile. The roles are read first: a login without any cannot read tables.
    """
    with uow:
        session = uow.session
        me = session.execute(_ROLES_OF_SESSION, {"roles": list(JOB_ROLES)}).one()
        if not me.roles:
            raise SignInFailed(
                f"The login '{me.login}' has no OrderPilot role; ask your administrator to grant one "
                "(for example op_sales).", SignInFailed.NO_ROLE, login=me.login)
        profile = session.execute(
            text("SELECT display_name, department, active FROM app_user WHERE login = session_user")).first()
    if profile is None:
        raise SignInFailed(
            f"The login '{me.login}' has no OrderPilot user profile; ask your administrator to add one.",
            SignInFailed.NO_PROFILE, login=me.login)
    if not profile.active:
        raise SignInFailed(f"The OrderPilot user '{me.login}' is switched off; ask your administrator.",
                           SignInFailed.INACTIVE, login=me.login)
    return SessionInfo(login=me.login, display_name=profile.display_name, roles=tuple(me.roles),
                       department=profile.department, server_label=server_label, embedded=embedded)
