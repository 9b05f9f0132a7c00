"""``import_orders``: a channel's order export (CSV or JSON) into orders, each one all or nothing.

Read the file → group its rows into orders → skip the orders the channel has already imported
(by external reference) → judge the rest with lookups loaded once → create the new customers →
write the good orders in batches through the normal submission → report every refused order
(row, field, reason). The format is described in ``docs/import_format.md``.

Batches go to the server over ``workers`` connections at once, so the server's guard triggers
run on more than one core; each batch is its own transaction, whatever the others do.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from datetime import date
from pathlib import Path

from sqlalchemy import text as sql

from app.services.errors import ValidationFailed
from app.services.importing.batch import BatchResult, BatchWriter
from app.services.importing.customers import CustomerCreator
from app.services.importing.formats import read_rows
from app.services.importing.grouping import group_rows
from app.services.importing.lookups import load_lookups
from app.services.importing.mapping import NewCustomer, OrderMapper, refused_for_customer
from app.services.importing.report import ImportReport

Progress = Callable[[str, float], None]
# Orders per transaction. Some statements of the submission scan whole tables once per batch, so
# bigger batches cost the server less: for 100,000 orders (bench/bench_import.py, 2 cores) 2,500
# took 41 s and 60 CPU-seconds of the server, 1,000 took 59 s and 96; a batch holds the stock
# locks of its reservation for about a second.
BATCH_SIZE = 2500


def import_orders(path: Path, channel: str, *, uow_factory, batch_size: int = BATCH_SIZE,
                  progress: Progress | None = None, workers: int = 2, today: date | None = None) -> ImportReport:
    """Import the orders in ``path`` for the sales channel ``channel`` as the login of ``uow_factory``.

    Returns the report (refused orders included) once the file was processed. Raises
    :class:`ImportFileError` when the file cannot be read as orders and :class:`ValidationFailed`
    for an unknown channel; in both cases nothing was written.
    """
    if batch_size < 1 or workers < 1:
        raise ValidationFailed("The batch size and the number of workers must be at least 1.", field="batch_size")
    with _collector_paused():
        return _import(Path(path), channel, uow_factory, batch_size, progress or (lambda stage, fraction: None),
                       workers, today or date.today())


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while an import builds its million small objects (it would
    rescan them over and over, costing about as much as the parsing itself); back on afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _import(path: Path, channel: str, uow_factory, batch_size: int, tell: Progress, workers: int,
            today: date) -> ImportReport:
    started = time.perf_counter()
    report = ImportReport(file=path.name, channel=channel)

    tell(f"Reading {path.name}", 0.0)
    grouped = group_rows(read_rows(path).rows)
    report.orders_in_file = len(grouped.orders)

    tell("Checking orders", 0.05)
    with uow_factory() as uow:
        _check_channel(uow.session, channel)
        lookups = load_lookups(uow.session, channel, grouped, today)
    mapper = OrderMapper(grouped, lookups, report.file, today)
    customers = CustomerCreator(uow_factory, channel)
    writer = BatchWriter(uow_factory, channel, report.file)
    written = BatchResult()
    ready = without_customer = 0

    def collect(finished: set[Future]) -> None:
        for future in finished:
            written.add(future.result())

    # Batches are judged here while the workers write the ones before.
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="import") as pool:
        running: set[Future] = set()
        try:
            for batch in mapper.batches(batch_size):
                if len(running) >= workers:
                    finished, running = wait(running, return_when=FIRST_COMPLETED)
                    collect(finished)
                tell(f"Importing orders: {mapper.checked:,} of {mapper.to_check:,} checked, "
                     f"{len(written.refs):,} created", 0.1 + 0.9 * mapper.checked / max(1, mapper.to_check))
                ready += len(batch)
                with_customer = _with_customers(batch, customers, report)
                without_customer += len(batch) - len(with_customer)
                running.add(pool.submit(writer.write, with_customer))
            finished, running = wait(running)
            collect(finished)
        except BaseException:
            for future in running:
                future.cancel()
            raise

    report.skipped_existing = mapper.skipped_existing
    report.rejected.extend(mapper.problems)
    report.created, report.created_refs, report.lines_created = len(written.refs), written.refs, written.lines
    report.waiting_for_approval, report.on_credit_hold = written.waiting, written.held
    report.customers_created = customers.created
    report.rejected.extend(written.refused)
    # Orders another desktop imported while this file was being read count as already imported.
    report.skipped_existing += ready - report.created - len(written.refused) - without_customer
    report.rejected.sort(key=lambda p: (p.row, p.order_ref, p.field))
    report.elapsed = time.perf_counter() - started
    tell("Done", 1.0)
    return report


def _with_customers(batch: list, customers: CustomerCreator, report: ImportReport) -> list:
    """Create the batch's new customers; orders whose customer the database refused are reported instead."""
    customers.create([o.customer for o in batch if isinstance(o.customer, NewCustomer)])
    refused = [o for o in batch if isinstance(o.customer, NewCustomer) and o.customer.error]
    if not refused:
        return batch
    report.rejected.extend(refused_for_customer(o, report.file) for o in refused)
    return [o for o in batch if not (isinstance(o.customer, NewCustomer) and o.customer.error)]


def _check_channel(session, channel: str) -> None:
    codes = list(session.execute(sql("SELECT code FROM sales_channel ORDER BY is_import DESC, code")).scalars())
    if channel not in codes:
        raise ValidationFailed(f"'{channel}' is not a known sales channel; use one of {', '.join(codes)}.",
                               field="channel")
