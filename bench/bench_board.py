#!/usr/bin/env python
"""Production board at scale: build it with 5,000 bars, then time pan and zoom frames.

    python bench/bench_board.py [--bars 5000] [--lines 12] [--frames 40] [--width 1600] [--height 760]
                                [--database]

A synthetic plan (``bench/board_data.py``: operations packed on the lines' two weekday shifts,
done / in progress / scheduled / late around now, some alerts) is handed to a
``ProductionBoardPage`` (QApplication offscreen, window ``--width`` × ``--height``). Printed:

* build: ``show_board`` (layout, one item per bar, alerts) plus the first full repaint — goal
  ≤ 500 ms (best and median of 5 builds);
* pan: per frame, the view scrolled by a fifth of its width and repainted at once
  (``viewport().repaint()`` plus ruler and line header), at each zoom preset (hours, day, week,
  month) — goal ≤ 33 ms per frame; median, p95 and max over ``--frames`` frames, and the bars
  visible;
* zoom: per frame, one Ctrl+wheel step (×1.25 in, then out) and the repaint;
* per frame both the wall time and the UI thread's CPU time are printed: on a busy machine the
  wall time includes waiting for a core, the CPU time is what the frame itself costs;
* with ``--database``: the same number of operations written into a temporary embedded
  PostgreSQL and the service call ``load_board`` that reads them (the board's worker thread
  runs it), to show what the first load costs in SQL.

The load average is printed next to the figures (2 cores are shared with other work).
Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QWheelEvent  # noqa: E402

from app.services.session_info import SessionInfo  # noqa: E402
from app.views.launch import apply_style, create_application  # noqa: E402
from app.views.production.bar_item import BarItem  # noqa: E402
from app.views.production.board_layout import MINUTES_PER_DAY  # noqa: E402
from app.views.production.board_page import ProductionBoardPage  # noqa: E402
from app.views.production.board_toolbar import PRESETS  # noqa: E402
from bench.board_data import synthetic_board  # noqa: E402
from bench.machine import load_average  # noqa: E402

PLANNER = SessionInfo("planner", "Planner", ("op_planner",))


def ms(seconds: float) -> float:
    return seconds * 1000


def stats(frames: list[tuple[float, float]]) -> str:
    """Wall time (median, p95, max) and the UI thread's CPU time (median) of the frames."""
    wall = sorted(w for w, _ in frames)
    p95 = wall[min(len(wall) - 1, int(len(wall) * 0.95))]
    cpu = statistics.median(c for _, c in frames)
    return (f"median {ms(statistics.median(wall)):5.1f} ms   p95 {ms(p95):5.1f} ms   max {ms(wall[-1]):5.1f} ms"
            f"   (CPU median {ms(cpu):5.1f} ms)")


def repaint(page: ProductionBoardPage) -> tuple[float, float]:
    """(wall, UI-thread CPU) seconds of one full repaint: bars, ruler and line names."""
    started, cpu = time.perf_counter(), time.thread_time()
    page.view.viewport().repaint()
    page.view.ruler.repaint()
    page.view.header.repaint()
    return time.perf_counter() - started, time.thread_time() - cpu


def visible_bars(page: ProductionBoardPage) -> int:
    view = page.view
    area = view.mapToScene(view.viewport().rect()).boundingRect()
    return sum(1 for item in page.scene.items(area) if isinstance(item, BarItem))


def build(app, data, args) -> tuple[float, ProductionBoardPage]:
    page = ProductionBoardPage(lambda: None, PLANNER, load=False)
    page.resize(args.width, args.height)
    page.show()
    app.processEvents()
    started = time.perf_counter()
    page.show_board(data)
    page.view.viewport().repaint()
    elapsed = time.perf_counter() - started
    return elapsed, page


def wheel(view, steps: int) -> None:
    centre = QPointF(view.viewport().width() / 2, view.viewport().height() / 2)
    event = QWheelEvent(centre, view.viewport().mapToGlobal(centre), QPoint(), QPoint(0, 120 * steps),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    view.wheelEvent(event)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bars", type=int, default=5000)
    parser.add_argument("--lines", type=int, default=12)
    parser.add_argument("--frames", type=int, default=40)
    parser.add_argument("--width", type=int, default=1600)
    parser.add_argument("--height", type=int, default=760)
    parser.add_argument("--database", action="store_true", help="also time load_board against PostgreSQL")
    args = parser.parse_args()
    app = create_application([])
    apply_style(app)
    data = synthetic_board(args.bars, args.lines)
    span = (max(b.end for b in data.bars) - min(b.start for b in data.bars)).days
    print(f"board: {len(data.bars)} bars on {len(data.lines)} lines over {span} days, "
          f"{args.width}×{args.height} px; load average {load_average()}")

    builds, page = [], None
    for _ in range(5):
        if page is not None:
            page.shutdown()
            page.deleteLater()
            app.processEvents()
        elapsed, page = build(app, data, args)
        builds.append(elapsed)
    print(f"build ({len(page.scene.items_by_id)} bar items + first repaint): best {ms(min(builds)):.0f} ms, "
          f"median {ms(statistics.median(builds)):.0f} ms  (goal ≤ 500 ms)   load {load_average()}")

    view = page.view
    for key, days in PRESETS:
        page.zoom_to_days(days)
        page.show_time(min(b.start for b in data.bars), 0.0)
        app.processEvents()
        repaint(page)
        step = max(1, view.viewport().width() // 5)
        frames, shown = [], []
        bar = view.horizontalScrollBar()
        for n in range(args.frames):
            if bar.value() + step > bar.maximum():
                page.show_time(min(b.start for b in data.bars), 0.0)
            bar.setValue(bar.value() + step)
            frames.append(repaint(page))
            if n % 10 == 0:
                shown.append(visible_bars(page))
        across = view.viewport().width() / view.px_per_minute / MINUTES_PER_DAY
        print(f"pan  {key:6s} ({across:5.2f} days across, ~{statistics.mean(shown):4.0f} bars visible): "
              f"{stats(frames)}  (goal ≤ 33 ms)   load {load_average()}")

    page.zoom_to_days(1)
    page.show_time(datetime.now(), 0.5)
    around = view.px_per_minute * 60
    frames = []
    for n in range(args.frames):
        wheel(view, -1 if (n // 8) % 2 else 1)
        frames.append(repaint(page))
    print(f"zoom (Ctrl+wheel ×1.25 steps in and out around {around:.0f} px/h): {stats(frames)}"
          f"  (goal ≤ 33 ms)   load {load_average()}")
    page.shutdown()

    if args.database:
        database_load(args)


def database_load(args) -> None:
    """Write the synthetic plan into an embedded PostgreSQL and time the service that reads it."""
    import psycopg2

    from app.db.engine import make_engine, psycopg2_dsn, unit_of_work_factory
    from app.db.migrate import upgrade
    from app.services.production_board import load_board
    from bench.scratch import open_database

    url, server = open_database(None, "board", prefix="orderpilot-bench-board-")
    engine = make_engine(url)
    upgrade(engine)
    data = synthetic_board(args.bars, args.lines)
    conn = psycopg2.connect(psycopg2_dsn(url))
    cur = conn.cursor()
    cur.execute("INSERT INTO product_family (code, name) SELECT 'F' || n, 'Family ' || n FROM generate_series(1, 4) n")
    cur.execute("INSERT INTO product (sku, name, family_id, supply, list_price) "
                "SELECT 'P-' || n, 'Product ' || n, n, 'make_to_order', 100 FROM generate_series(1, 4) n")
    cur.execute("INSERT INTO production_line (code, name) SELECT 'L' || n, 'Line ' || n "
                "FROM generate_series(1, %s) n", (args.lines,))
    cur.execute("INSERT INTO line_shift (line_id, weekday, starts_at, ends_at) SELECT l.id, d, s, s + interval '8 hours' "
                "FROM production_line l, generate_series(1, 5) d, (VALUES (time '06:00'), (time '14:00')) v(s)")
    orders = sorted({b.order_id for b in data.bars})
    cur.execute("INSERT INTO production_order (product_id, quantity, due_date, status) "
                "SELECT 1 + n %% 4, 10, current_date + 20, 'released' FROM generate_series(1, %s) n", (len(orders),))
    cur.execute("SELECT id FROM production_order ORDER BY id")
    order_ids = [r[0] for r in cur.fetchall()]
    rows = [(order_ids[b.order_id - 1], b.seq, b.name, b.line_id, b.start, b.end) for b in data.bars]
    from psycopg2.extras import execute_values
    execute_values(cur, "INSERT INTO production_operation (production_order_id, seq, name, production_line_id, "
                        "planned_start, planned_end, status) VALUES %s",
                   [r + ("scheduled",) for r in rows], template="(%s, %s, %s, %s, %s, %s, %s)")
    conn.commit()
    cur.execute("ANALYZE")
    conn.commit()
    uow = unit_of_work_factory(engine)
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        loaded = load_board(data.window_start, data.window_end, uow=uow())
        timings.append(time.perf_counter() - started)
    print(f"load_board over PostgreSQL ({len(loaded.bars)} bars): best {ms(min(timings)):.0f} ms, "
          f"median {ms(statistics.median(timings)):.0f} ms   load {load_average()}")
    conn.close()
    engine.dispose()
    server.close()


if __name__ == "__main__":
    main()
