"""Signing in: connect to the chosen server as a person's own login and check it may use OrderPilot.

Every desktop connects as the person's PostgreSQL login, so signing in *is* connecting: the
server checks the password (SCRAM), then :func:`app.services.users.check_login` checks the job
roles and the ``app_user`` profile. Failures become :class:`SignInFailed` with a reason the login
dialog words in the user's language. Nothing here touches Qt; the dialog runs it off the UI thread.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass

from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import DBAPIError

from app.db.engine import make_engine, normalise_url, unit_of_work_factory
from app.services.errors import SignInFailed
from app.services.session_info import SessionInfo

CONNECT_TIMEOUT_S = 8
PROBE_TIMEOUT_S = 3


@dataclass(frozen=True)
class SignInTarget:
    """Where to sign in: the configured server URL (its user and password are replaced)."""

    base_url: str
    label: str             # for people: "db.example.local:5432/orderpilot" or the embedded folder
    embedded: bool = False

    @property
    def default_login(self) -> str:
        """The user name written in the configured URL, if any (prefills the dialog)."""
        return "" if self.embedded else (normalise_url(self.base_url).username or "")

    @property
    def key(self) -> str:
        """Names this server in settings and the keyring: host, port and database."""
        url = normalise_url(self.base_url)
        host = url.host or url.query.get("host") or "local"
        port = url.port or url.query.get("port") or 5432
        return f"{host}:{port}/{url.database or ''}"

    def url_for(self, login: str, password: str | None) -> URL:
        return normalise_url(self.base_url).set(username=login, password=password or None)


@dataclass
class SignedIn:
    """A successful sign-in: the engine connected as the login, and who it is."""

    engine: Engine
    session: SessionInfo


def server_label(url: str) -> str:
    """``host:port/database`` of a URL, without the user name (what the login dialog shows)."""
    parsed = normalise_url(url)
    host = parsed.host or parsed.query.get("host") or "local socket"
    port = parsed.port or parsed.query.get("port")
    return f"{host}{f':{port}' if port else ''}/{parsed.database or ''}"


def sign_in(target: SignInTarget, login: str, password: str | None, **engine_options) -> SignedIn:
    """Connect as ``login`` and check the login; raises :class:`SignInFailed` with the reason."""
    from app.services.users import check_login

    login = login.strip()
    connect_args = engine_options.pop("connect_args", {})
    connect_args.setdefault("connect_timeout", CONNECT_TIMEOUT_S)
    engine = make_engine(target.url_for(login, password), connect_args=connect_args, **engine_options)
    try:
        info = check_login(uow=unit_of_work_factory(engine)(), server_label=target.label,
                           embedded=target.embedded)
    except DBAPIError as exc:
        engine.dispose()
        raise connection_failure(exc, target, login) from exc
    except BaseException:
        engine.dispose()
        raise
    return SignedIn(engine, info)


_REASONS = (  # fragments of libpq / server messages, first match wins
    ("password authentication failed", SignInFailed.WRONG_PASSWORD),
    ("no password supplied", SignInFailed.PASSWORD_NEEDED),
    ("password is required", SignInFailed.PASSWORD_NEEDED),
    ("is not permitted to log in", SignInFailed.NOT_PERMITTED),
    ("pg_hba.conf", SignInFailed.NOT_PERMITTED),
    ("permission denied for database", SignInFailed.NOT_PERMITTED),
    ("database \"", SignInFailed.NO_DATABASE),
    ("role \"", SignInFailed.UNKNOWN_LOGIN),
    ("connection refused", SignInFailed.UNREACHABLE),
    ("could not translate host name", SignInFailed.UNREACHABLE),
    ("timeout expired", SignInFailed.UNREACHABLE),
    ("no route to host", SignInFailed.UNREACHABLE),
    ("network is unreachable", SignInFailed.UNREACHABLE),
    ("no such file or directory", SignInFailed.UNREACHABLE),
)


def connection_failure(exc: DBAPIError, target: SignInTarget, login: str) -> SignInFailed:
    """The :class:`SignInFailed` for a failed connection, judged from libpq's message.

    Messages the list does not know (another language, a new server) fall back to probing the
    address: nothing listening means unreachable; otherwise the server's own words are kept.
    """
    detail = (str(exc.orig) if exc.orig is not None else str(exc)).strip().splitlines()
    detail = detail[0] if detail else type(exc).__name__
    lowered = detail.lower()
    reason = next((r for fragment, r in _REASONS if fragment in lowered), None)
    if reason in (SignInFailed.NO_DATABASE, SignInFailed.UNKNOWN_LOGIN) and "does not exist" not in lowered:
        reason = None
    if reason is None:
        reason = SignInFailed.OTHER if reachable(target) else SignInFailed.UNREACHABLE
    messages = {
        SignInFailed.WRONG_PASSWORD: "The user name or password is wrong.",
        SignInFailed.PASSWORD_NEEDED: "This server asks for a password; enter it.",
        SignInFailed.UNKNOWN_LOGIN: f"There is no login named '{login}' on this server.",
        SignInFailed.UNREACHABLE:
            f"The server {target.label} cannot be reached; check the network and that it is running.",
        SignInFailed.NO_DATABASE: f"The server has no OrderPilot database at {target.label}; check the address.",
        SignInFailed.NOT_PERMITTED:
            f"The server does not let '{login}' connect from this computer; ask your administrator.",
        SignInFailed.OTHER: f"Signing in failed: {detail}",
    }
    return SignInFailed(messages[reason], reason, login=login, detail=detail)


def reachable(target: SignInTarget) -> bool:
    """Whether anything listens at the target's address (a TCP connect or the Unix socket file)."""
    url = normalise_url(target.base_url)
    host = url.host or url.query.get("host")
    port = int(url.port or url.query.get("port") or 5432)
    if host and (host.startswith("/") or (len(host) > 2 and host[1] == ":" and host[2] in "\\/")):
        return os.path.exists(os.path.join(host, f".s.PGSQL.{port}"))
    try:
        with socket.create_connection((host or "localhost", port), timeout=PROBE_TIMEOUT_S):
            return True
    except OSError:
        return False
