#!/usr/bin/env python
"""Cold start: from process start to a usable main window, on an already-initialised embedded database.

    python bench/bench_cold_start.py [--runs 5] [--data-dir DIR] [--login demo_sales1] [--keep]

Prepares (once) an embedded database in a temporary data folder the way a first start does —
migration and demo data — then starts the real client ``python -m app.cli`` ``--runs`` times, each
a fresh process signed in as a demo user without the dialog (``OP_SIGN_IN_AS``) that prints
"ready" and quits as soon as the main window is on screen and the orders list shows its first
rows (``OP_EXIT_WHEN_READY``). The time is the wall clock from spawning the process to reading
"ready". Two cases: the embedded server stopped (the first client of the day starts it) and the
server already running (another OrderPilot window is open on the machine). Prints median and max
of each and the client's own CPU time until ready (the part other load on the machine does not
inflate), the import time of the client's modules (``python -X importtime``, top entries) and the
load average. The issue's goal: ≤ 2.5 s. Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.machine import load_average  # noqa: E402

GOAL_S = 2.5


def client_env(data_dir: Path, login: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("OP_DATABASE_URL", "OP_CONFIG_DIR")}
    settings = data_dir / "settings"
    env.update(QT_QPA_PLATFORM=env.get("QT_QPA_PLATFORM", "offscreen"), OP_DATA_DIR=str(data_dir),
               OP_CONFIG_DIR=str(settings), XDG_CONFIG_HOME=str(settings), OP_SIGN_IN_AS=login,
               OP_EXIT_WHEN_READY="1", PYTHONDONTWRITEBYTECODE="")
    return env


def start_client(env: dict[str, str], extra: list[str] | None = None,
                 timeout: float = 900) -> tuple[float, float, str, float]:
    """(seconds to "ready", seconds to exit, stderr, CPU seconds of the client until "ready")."""
    import psutil

    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, *(extra or []), "-m", "app.cli"], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watched = psutil.Process(process.pid)
    ready = cpu = None
    for line in process.stdout:
        if line.strip() == "ready":
            ready = time.perf_counter() - started
            times = watched.cpu_times()   # the process is still there: it quits after printing
            cpu = times.user + times.system
    _, err = process.communicate(timeout=timeout)
    ended = time.perf_counter() - started
    if process.returncode != 0 or ready is None:
        raise SystemExit(f"the client failed (exit {process.returncode}):\n{err}")
    return ready, ended, err, cpu


def import_profile(env: dict[str, str], top: int = 12) -> tuple[float, list[tuple[float, str]]]:
    """Cumulative import time of a cold client process, and the slowest top-level imports."""
    _, _, err, _ = start_client(env, ["-X", "importtime"])
    rows = []
    for line in err.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if match:
            rows.append((int(match.group(2)) / 1e6, len(match.group(3)), match.group(4)))
    top_level = [(seconds, name) for seconds, depth, name in rows if depth <= 1]
    total = sum(seconds for seconds, _ in top_level)
    return total, sorted(top_level, reverse=True)[:top]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--login", default="demo_sales1", help="demo login to sign in as (default demo_sales1)")
    parser.add_argument("--data-dir", help="an embedded data folder to use (prepared on first use; kept)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary data folder")
    args = parser.parse_args(argv)

    data_dir = Path(args.data_dir) if args.data_dir else Path(tempfile.mkdtemp(prefix="orderpilot-cold-"))
    env = client_env(data_dir, args.login)
    print(f"data folder {data_dir}; client: {sys.executable} -m app.cli as {args.login}; "
          f"Qt platform {env['QT_QPA_PLATFORM']}", flush=True)
    try:
        started = time.perf_counter()
        first = start_client(env)[0]
        print(f"first start (creates the cluster if new, migrates, loads demo data): "
              f"{time.perf_counter() - started:.1f} s (ready after {first:.1f} s)", flush=True)

        stopped = [start_client(env) for _ in range(args.runs)]
        from app.db.embedded import EmbeddedServer

        holder = EmbeddedServer(data_dir / "pgdata")   # another client keeps the server running
        try:
            running = [start_client(env) for _ in range(args.runs)]
        finally:
            holder.stop()
        imports, slowest = import_profile(env)
        load = load_average()
    finally:
        if not args.data_dir and not args.keep:
            shutil.rmtree(data_dir, ignore_errors=True)

    print(f"\ncold start → main window with the first orders shown (s; {args.runs} runs each, goal ≤ {GOAL_S})")
    print(f"  {'':42} {'median':>7} {'max':>7} {'min':>7}   {'client CPU':>10}   exit after")
    for label, runs in (("embedded server stopped (first client)", stopped),
                        ("embedded server already running", running)):
        ready = [r for r, _, _, _ in runs]
        print(f"  {label:42} {statistics.median(ready):7.2f} {max(ready):7.2f} {min(ready):7.2f}   "
              f"{statistics.median(c for _, _, _, c in runs):10.2f}   "
              f"{statistics.median(e for _, e, _, _ in runs):.2f}")
    print("  (client CPU: user + system seconds the client process used until ready, median — what an idle\n"
          "   machine would need at least; wall-clock figures grow with the load average below)")
    print(f"\nimports (python -X importtime, one cold process): {imports:.2f} s in top-level imports; slowest:")
    for seconds, name in slowest:
        print(f"  {seconds * 1000:7.0f} ms  {name}")
    print(f"\nload average {load} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
