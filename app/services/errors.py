"""Business errors, named for the problem, and the translation of database errors into them.

The database guards raise SQLSTATEs of the form ``OPxnn`` with a message a clerk understands;
constraint violations name the constraint. Views show ``str(error)``: one sentence.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

from sqlalchemy.exc import DBAPIError


class OrderPilotError(Exception):
    """Base of every error the user is meant to read."""


class NotAllowed(OrderPilotError):
    """The login's roles do not permit this action."""


class IllegalTransition(NotAllowed):
    """The order cannot move to that status (from here, or by this login)."""


class ApprovalRefused(NotAllowed):
    """An approval decision the rules forbid (own order, over the limit, wrong role...)."""


class NotEditable(OrderPilotError):
    """The document is past the point where it can be changed."""


class InsufficientStock(OrderPilotError):
    """A stock change would make reserved exceed on hand, or on hand negative."""


class ValidationFailed(OrderPilotError):
    """Input breaks a rule; ``field`` names the input when known."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class StaleOrder(OrderPilotError):
    """Someone else saved a newer version first; says who and when."""

    def __init__(self, message: str, changed_by: str | None = None, changed_at=None):
        super().__init__(message)
        self.changed_by = changed_by
        self.changed_at = changed_at


class AppendOnly(OrderPilotError):
    """History records cannot be changed."""


class DatabaseUnavailable(OrderPilotError):
    """The server cannot be reached or refused the connection."""


class AdminError(OrderPilotError):
    """An administration command cannot be carried out as asked."""


_BY_SQLSTATE_PREFIX = {
    "OPT": IllegalTransition,
    "OPA": ApprovalRefused,
    "OPE": NotEditable,
    "OPV": ValidationFailed,
    "OPS": InsufficientStock,
    "OPH": AppendOnly,
}

_BY_CONSTRAINT = {
    "stock_on_hand_not_negative": (InsufficientStock, "Stock on hand cannot go below zero."),
    "stock_reserved_not_negative": (InsufficientStock, "Reserved stock cannot go below zero."),
    "stock_reserved_within_on_hand": (
        InsufficientStock, "Not enough stock: the reservation would exceed what is on hand."),
    "line_reserved_within_quantity": (
        ValidationFailed, "A line cannot reserve more than its ordered quantity."),
}


def translate_database_error(exc: BaseException) -> OrderPilotError | None:
    """The domain error for a psycopg2/SQLAlchemy database error, or ``None`` if unknown."""
    orig = getattr(exc, "orig", exc)
    code = getattr(orig, "pgcode", None)
    diag = getattr(orig, "diag", None)
    if code is None:
        return None
    message = (getattr(diag, "message_primary", None) or str(orig)).strip()
    error_class = _BY_SQLSTATE_PREFIX.get(code[:3])
    if error_class is not None:
        return error_class(message)
    constraint = getattr(diag, "constraint_name", None)
    if constraint in _BY_CONSTRAINT:
        cls, text = _BY_CONSTRAINT[constraint]
        return cls(text)
    if code == "42501":
        return NotAllowed(f"Your login is not allowed to do this ({message}).")
    if code == "23505":
        return ValidationFailed("That already exists: " + (getattr(diag, "message_detail", None) or message))
    if code in ("23514", "23502", "23503"):
        return ValidationFailed(message)
    return None


def raise_translated(exc: BaseException) -> NoReturn:
    """Re-raise ``exc`` as a domain error when it has a known meaning."""
    translated = translate_database_error(exc)
    if translated is None:
        raise exc
    raise translated from exc


@contextmanager
def translated_errors() -> Iterator[None]:
    """Run database work so that guard violations surface as domain errors."""
    try:
        yield
    except DBAPIError as exc:
        raise_translated(exc)


class SignInFailed(OrderPilotError):
    """Signing in did not work; ``reason`` (one of the constants below) says why.

    The message is English; the login dialog words each reason in the user's language.
    """

    WRONG_PASSWORD = "wrong_password"      # password (or login name) rejected by the server
    PASSWORD_NEEDED = "password_needed"    # the server asks for a password and none was given
    UNKNOWN_LOGIN = "unknown_login"        # no such login (servers that trust local connections say so)
    UNREACHABLE = "unreachable"            # no server answers at that address
    NO_DATABASE = "no_database"            # the server has no such database
    NOT_PERMITTED = "not_permitted"        # pg_hba.conf or CONNECT privilege turns this login away
    NO_ROLE = "no_role"                    # the login holds no OrderPilot job role
    NO_PROFILE = "no_profile"              # the login has no app_user profile
    INACTIVE = "inactive"                  # the profile is switched off
    OTHER = "other"

    def __init__(self, message: str, reason: str, *, login: str = "", detail: str = ""):
        super().__init__(message)
        self.reason = reason
        self.login = login
        self.detail = detail
