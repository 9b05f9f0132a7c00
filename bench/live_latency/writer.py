"""The writer: the benchmark's own process sending raw NOTIFYs and committing changes at a steady pace.

It is the reference clock: ``time.time()`` right before and right after each commit (or NOTIFY).
"""

from __future__ import annotations

import os
import time

import psycopg2

from bench.live_latency.client import RAW_CHANNEL


def paced(count: int, interval: float):
    """Yield 1..count, one per ``interval``; a writer that falls behind goes on at the same pace
    from where it is instead of catching up in a burst."""
    due = time.perf_counter()
    for n in range(1, count + 1):
        now = time.perf_counter()
        if due > now:
            time.sleep(due - now)
        elif now - due > interval:
            due = now
        yield n
        due += interval


def send_raw(dsn: str, count: int, interval: float) -> tuple[dict, dict, float]:
    """Plain NOTIFYs (each its own transaction); returns the time before and after each statement."""
    conn = psycopg2.connect(dsn)
    conn.autocommit = True
    called, returned = {}, {}
    started = time.perf_counter()
    with conn.cursor() as cur:
        for n in paced(count, interval):
            called[n] = time.time()
            cur.execute(f"NOTIFY {RAW_CHANNEL}, '{n}'")
            returned[n] = time.time()
    elapsed = time.perf_counter() - started
    conn.close()
    return called, returned, elapsed


def commit_changes(dsn: str, stock_ids: list[int], count: int, interval: float) -> tuple[dict, dict, dict, float]:
    """One UPDATE per transaction. Returns the time before and after each commit, the change_log
    seq of each change number, and the elapsed time."""
    conn = psycopg2.connect(dsn)
    called, returned, row_of = {}, {}, {}
    with conn.cursor() as cur:
        cur.execute("SELECT coalesce(max(seq), 0) FROM change_log")
        start_seq = cur.fetchone()[0]
        conn.commit()
        started = time.perf_counter()
        for n in paced(count, interval):
            row = stock_ids[(n - 1) % len(stock_ids)]
            cur.execute("UPDATE stock_level SET reorder_point = %s WHERE id = %s", (n, row))
            called[n] = time.time()
            conn.commit()
            returned[n] = time.time()
            row_of[n] = row
        elapsed = time.perf_counter() - started
        # One writer, one row per transaction, committed one after the other: the log rows after
        # start_seq are the changes in order (checked against the rows written).
        cur.execute("SELECT seq, table_name, row_id FROM change_log WHERE seq > %s ORDER BY seq", (start_seq,))
        logged = cur.fetchall()
        conn.commit()
    conn.close()
    if [(t, r) for _, t, r in logged] != [("stock_level", row_of[n]) for n in range(1, count + 1)]:
        raise SystemExit("change_log does not hold exactly the benchmark's changes in order; was something else writing?")
    seq_of = {n: seq for n, (seq, _, _) in zip(range(1, count + 1), logged)}
    return called, returned, seq_of, elapsed


def raise_writer_priority() -> str:
    """The writer is the reference clock: let it read the time as soon as its commit returns."""
    try:
        os.setpriority(os.PRIO_PROCESS, 0, -10)
        return "writer at nice -10 (so its clock reading right after commit is not delayed by the load)"
    except (AttributeError, OSError):
        return "writer at normal priority (raising it was not permitted)"
