"""Writer threads: sales clerks entering whole order cycles through the real services, timed.

A cycle is ``create_order`` (2–4 random lines) → ``submit_order`` → ``approve_order`` by an
approver whose limit covers the order when the server asks for approval. A round starts N
writers at once for a fixed time and gathers their cycles, errors, SQL counts and CPU.
"""

from __future__ import annotations

import random
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import event

from app.db.engine import make_engine, unit_of_work_factory
from app.services.approvals import approve_order
from app.services.lifecycle import submit_order
from app.services.orders import LineInput, OrderInput, create_order
from bench.machine import CpuMeter, CpuSample
from bench.order_throughput.company import COMPLETED, Company, oversell_check, restock
from bench.scratch import Server


@dataclass
class Cycle:
    total_ms: float
    create_ms: float
    submit_ms: float
    approve_ms: float | None
    status: str
    short: bool


class Writer(threading.Thread):
    """One sales clerk entering orders as fast as the system lets it, with an approver at hand."""

    def __init__(self, index: int, company: Company, seed: int):
        super().__init__(name=f"writer-{index}", daemon=True)
        self.company = company
        self.rng = random.Random(seed)
        self.clerk = company.clerks[index % len(company.clerks)]
        self.engines = []
        self.statements = 0
        self.checkouts = 0
        self.clerk_uow = self._factory(self.clerk.url)
        self.approver_uows = [(a, self._factory(a.url)) for a in company.approvers]
        self.cycles: list[Cycle] = []
        self.errors: list[str] = []
        self.go = threading.Event()
        self.deadline = 0.0
        self.finished_at = 0.0

    def _factory(self, url: str):
        engine = make_engine(url, pool_size=1, max_overflow=2)
        self.engines.append(engine)

        def count_statement(*_):
            self.statements += 1

        def count_checkout(*_):
            self.checkouts += 1

        event.listen(engine, "before_cursor_execute", count_statement)
        event.listen(engine, "checkout", count_checkout)
        return unit_of_work_factory(engine)

    def new_order(self) -> OrderInput:
        rng = self.rng
        lines = []
        for product_id, _, low, high in rng.sample(self.company.products, rng.randint(2, 4)):
            discount = Decimal(rng.choice((5, 10, 15, 20))) if rng.random() < 0.1 else Decimal(0)
            lines.append(LineInput(product_id=product_id, quantity=Decimal(rng.randint(low, high)),
                                   discount_pct=discount))
        return OrderInput(customer_id=rng.choice(self.company.customers), lines=tuple(lines),
                          channel=rng.choice(("phone", "email", "fax", "walk_in")), priority=rng.randint(1, 5),
                          customer_reference=f"PO-{rng.randint(10000, 99999)}")

    def cycle(self) -> Cycle:
        t0 = time.perf_counter()
        order = create_order(self.new_order(), uow=self.clerk_uow())
        t1 = time.perf_counter()
        outcome = submit_order(order.id, expected_version=order.version, uow=self.clerk_uow())
        t2 = time.perf_counter()
        approve_ms = None
        rounds = 0
        while outcome.order.status == "pending_approval":
            rounds += 1
            if rounds > len(self.approver_uows):
                raise RuntimeError(f"{outcome.order.order_no} still waits for {outcome.waiting_for}")
            total = outcome.order.total_amount
            able = [uow for a, uow in self.approver_uows if a.limit is None or total <= a.limit]
            ta = time.perf_counter()
            outcome = approve_order(order.id, "bench approval", uow=self.rng.choice(able)())
            approve_ms = (approve_ms or 0.0) + (time.perf_counter() - ta) * 1000
        t3 = time.perf_counter()
        status = outcome.order.status
        short = any(line.reserved_qty < line.quantity for line in outcome.order.lines)
        return Cycle((t3 - t0) * 1000, (t1 - t0) * 1000, (t2 - t1) * 1000, approve_ms, status, short)

    def warm_up(self) -> None:
        """One cycle outside the measurement: connections open, statements compiled and cached."""
        self.cycle()
        self.statements = self.checkouts = 0

    def run(self) -> None:
        self.go.wait()
        while time.perf_counter() < self.deadline:
            try:
                self.cycles.append(self.cycle())
            except Exception as error:  # noqa: BLE001 - every failure is reported
                self.errors.append(f"{type(error).__name__}: {error}".splitlines()[0][:300])
                if len(self.errors) <= 3:
                    traceback.print_exc(file=sys.stderr)
        self.finished_at = time.perf_counter()

    def close(self) -> None:
        for engine in self.engines:
            engine.dispose()


@dataclass
class RoundResult:
    writers: int
    elapsed: float
    cycles: list[Cycle]
    errors: list[str]
    statements: int
    checkouts: int
    oversell: dict[str, int]
    cpu: CpuSample | None = None
    pgbench_tps: float | None = None
    pgbench_cpu: CpuSample | None = None
    pgbench_latency_ms: float | None = None
    pgbench_note: str = ""

    @property
    def completed(self) -> list[Cycle]:
        return [c for c in self.cycles if c.status in COMPLETED]

    @property
    def orders_per_s(self) -> float:
        return len(self.completed) / self.elapsed if self.elapsed > 0 else 0.0


def run_writers(server: Server, company: Company, writers: int, seconds: float, seed: int,
                meter: CpuMeter) -> RoundResult:
    restock(server, company)
    crew = [Writer(i, company, seed * 1000 + writers * 10 + i) for i in range(writers)]
    try:
        for writer in crew:
            writer.warm_up()
        for writer in crew:
            writer.start()
        cpu_before = meter.sample()
        start = time.perf_counter()
        for writer in crew:
            writer.deadline = start + seconds
            writer.go.set()
        for writer in crew:
            writer.join()
        elapsed = max(w.finished_at for w in crew) - start
        cpu_after = meter.sample()
    finally:
        for writer in crew:
            writer.close()
    return RoundResult(
        writers=writers, elapsed=elapsed, cycles=[c for w in crew for c in w.cycles],
        errors=[e for w in crew for e in w.errors], statements=sum(w.statements for w in crew),
        checkouts=sum(w.checkouts for w in crew), oversell=oversell_check(server, company),
        cpu=CpuMeter.spent(cpu_before, cpu_after))
