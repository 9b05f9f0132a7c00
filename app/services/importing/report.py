"""What an import did: counts for the summary line, and one problem per reason an order was refused.

The error report is a CSV file a clerk opens in a spreadsheet (UTF-8 with a byte-order mark, so
Excel shows Chinese names correctly): ``file, row, order_ref, field, reason``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from app.services.errors import OrderPilotError

REPORT_COLUMNS = ("file", "row", "order_ref", "field", "reason")


class ImportFileError(OrderPilotError):
    """A file to import cannot be read as orders, or the error report cannot be written."""


@dataclass(frozen=True)
class ImportProblem:
    """Why (part of) one order was not imported. ``row`` counts the header as row 1, like a spreadsheet;
    in a JSON file it is the position of the order (or flat line object) in the file."""

    file: str
    row: int
    order_ref: str
    field: str
    reason: str     # one sentence a clerk understands


@dataclass
class ImportReport:
    file: str
    channel: str
    orders_in_file: int = 0
    created: int = 0
    lines_created: int = 0
    customers_created: int = 0
    skipped_existing: int = 0
    waiting_for_approval: int = 0
    on_credit_hold: int = 0
    rejected: list[ImportProblem] = field(default_factory=list)
    created_refs: list[str] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def rejected_orders(self) -> int:
        """Orders (or rows that name no order) refused: problems counted once per order."""
        return len({p.order_ref or f"\0row {p.row}" for p in self.rejected})

    @property
    def orders_per_second(self) -> float:
        return self.created / self.elapsed if self.elapsed > 0 else 0.0

    def summary(self) -> str:
        """One line for the command line or a status bar."""
        created = f"{self.created} {_plural(self.created, 'order')} created"
        details = [f"{self.lines_created} {_plural(self.lines_created, 'line')}"]
        if self.customers_created:
            details.append(f"{self.customers_created} new {_plural(self.customers_created, 'customer')}")
        waiting = []
        if self.waiting_for_approval:
            waiting.append(f"{self.waiting_for_approval} wait for approval")
        if self.on_credit_hold:
            waiting.append(f"{self.on_credit_hold} on credit hold")
        return (f"Imported {self.file} into {self.channel}: {created} ({', '.join(details)}), "
                f"{self.skipped_existing} already imported, {self.rejected_orders} rejected"
                + (f"; {', '.join(waiting)}" if waiting else "") + f"; {self.elapsed:.1f} s.")


def write_error_report(report: ImportReport, path: Path) -> Path:
    """Write every problem of ``report`` to ``path`` as CSV (sorted by row); returns the path."""
    path = Path(path)
    try:
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(REPORT_COLUMNS)
            for p in sorted(report.rejected, key=lambda p: (p.file, p.row, p.order_ref, p.field)):
                writer.writerow((p.file, p.row, p.order_ref, p.field, p.reason))
    except OSError as exc:
        raise ImportFileError(f"The error report could not be written to {path} ({exc.strerror or exc}); "
                              "choose another place with --report.") from exc
    return path


def _plural(count: int, word: str) -> str:
    return word if count == 1 else word + "s"
