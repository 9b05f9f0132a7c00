"""The change feed: a durable log of changes to watched tables (read by the live listener)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CHAR, BigInteger, FetchedValue, Identity, Index, cast, text
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import UserDefinedType

from app.models.base import Base


class Xid8(UserDefinedType[int]):
    """PostgreSQL's 64-bit transaction id type ``xid8``, read as a Python ``int``."""

    cache_ok = True

    def get_col_spec(self, **kw: Any) -> str:
        return "XID8"

    def bind_processor(self, dialect: Any) -> Any:
        return lambda value: None if value is None else str(value)

    def bind_expression(self, bindvalue: Any) -> Any:
        return cast(bindvalue, self)

    def result_processor(self, dialect: Any, coltype: Any) -> Any:
        return lambda value: None if value is None else int(value)


class ChangeLog(Base):
    """One committed change to a watched table (insert/update/delete of one row). Append-only.

    Written by statement triggers on the watched tables (sales_order, sales_order_line,
    approval_request, approval_decision, stock_level, production_order, production_operation,
    shipment, notification, deviation_alert), which also ``NOTIFY orderpilot_changes``.
    ``seq`` can commit out of order: ``xid`` (the writing transaction) tells a reader whether
    a gap may still fill. Rows are deleted only by ``op_prune_change_log()``.
    """

    __tablename__ = "change_log"
    __table_args__ = (
        Index("change_log_changed_at_idx", "changed_at"),
        {
            "comment": (
                "Durable feed of changes to watched tables (written by trigger; NOTIFY "
                "orderpilot_changes carries the same ids). seq values can commit out of order; "
                "xid tells a reader which gaps may still fill."
            )
        },
    )

    seq: Mapped[int] = mapped_column(BigInteger, Identity(always=True), primary_key=True)
    xid: Mapped[int] = mapped_column(Xid8(), server_default=FetchedValue())
    table_name: Mapped[str]
    row_id: Mapped[int] = mapped_column(BigInteger)
    operation: Mapped[str] = mapped_column(CHAR(1))
    order_id: Mapped[int | None] = mapped_column(BigInteger, server_default=FetchedValue())
    actor: Mapped[str] = mapped_column(server_default=FetchedValue())
    changed_at: Mapped[datetime] = mapped_column(server_default=text("now()"))


class ChangeLogPruned(Base):
    """One row: the highest ``change_log.seq`` deleted by pruning so far (kept by the server).

    A reader whose applied position is below ``pruned_through`` may have missed changes for good
    and reloads its views instead of guessing.
    """

    __tablename__ = "change_log_pruned"
    __table_args__ = {"comment": "One row: the highest change_log.seq deleted by pruning so far."}

    id: Mapped[bool] = mapped_column(primary_key=True, server_default=text("true"))
    pruned_through: Mapped[int] = mapped_column(BigInteger, server_default=text("0"))
    pruned_at: Mapped[datetime | None] = mapped_column(server_default=FetchedValue())
