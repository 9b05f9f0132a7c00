"""Acting as a demo login on the loader's connection, and the stock-ledger settings.

``SET SESSION AUTHORIZATION`` makes ``session_user`` the demo login, so every guard trigger,
column privilege and history row sees that login exactly as if it had connected itself. It
needs a superuser connection, which the administrator running ``orderpilot demo-data`` has.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from psycopg2 import extensions, sql


@contextmanager
def acting_as(cur, login: str) -> Iterator[None]:
    """Run the block as ``login``; back to the superuser afterwards."""
    cur.execute(sql.SQL("SET SESSION AUTHORIZATION {}").format(sql.Identifier(login)))
    try:
        yield
    finally:
        # After an error the transaction is aborted; its rollback undoes the SET anyway.
        if cur.connection.get_transaction_status() != extensions.TRANSACTION_STATUS_INERROR:
            cur.execute("RESET SESSION AUTHORIZATION")


def stock_reason(cur, reason: str, reference: str | None = None) -> None:
    """Reason (and reference) the ledger trigger writes for the next stock changes."""
    cur.execute("SELECT set_config('orderpilot.stock_reason', %s, true), "
                "set_config('orderpilot.stock_reference', %s, true)", (reason, reference or ""))


def is_superuser(cur) -> bool:
    cur.execute("SELECT rolsuper FROM pg_roles WHERE rolname = session_user")
    row = cur.fetchone()
    return bool(row and row[0])
