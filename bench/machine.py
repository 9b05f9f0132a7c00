"""How busy the machine is while a benchmark runs: load average and where the CPU time goes.

Client and embedded server share the machine's CPUs with whatever else runs on it, so every
benchmark prints how busy the machine was next to its figures. CPU seconds come from Linux
``/proc``; elsewhere the meter returns None and the benchmarks say so.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def load_average(places: int = 2, sep: str = " ", periods: int = 3) -> str:
    """The 1-, 5- and 15-minute load averages as text (the first ``periods`` of them; nan where none)."""
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    return sep.join(f"{x:.{places}f}" for x in load[:periods])


def cpu_count() -> int:
    return os.cpu_count() or 1


def _stat_fields(pid: int | str) -> list[str] | None:
    """Fields of /proc/<pid>/stat from field 3 (state) on, or None when the process is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return raw[raw.rindex(")") + 2:].split()


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) a running process has used so far; 0 when it is gone."""
    fields = _stat_fields(pid)
    return 0.0 if fields is None else (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def process_tree_cpu(root: int | None) -> float | None:
    """CPU seconds used so far by ``root`` (with its exited children) and its running children:
    the PostgreSQL postmaster and its backends. None without /proc or when ``root`` is gone."""
    if root is None:
        return None
    own = _stat_fields(root)
    if own is None:
        return None
    # utime, stime, cutime, cstime are fields 14-17 (index 11-14 here): exited backends land in cutime
    total = sum(int(x) for x in own[11:15])
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat_fields(entry.name)
            if fields is not None and fields[1] == str(root):
                total += int(fields[11]) + int(fields[12])
    return total / CLOCK_TICKS


@dataclass(frozen=True)
class CpuSample:
    """CPU seconds used so far, to subtract pairwise (``later - earlier``)."""

    wall: float
    machine: float          # every CPU of the machine, busy time
    own: float              # this Python process (all threads)
    children: float         # finished child processes (pgbench)
    watched: float          # the processes in CpuMeter.pids (benchmark clients)
    server: float | None    # the PostgreSQL postmaster and its processes, when it runs on this machine

    def __sub__(self, other: CpuSample) -> CpuSample:
        return CpuSample(self.wall - other.wall, self.machine - other.machine, self.own - other.own,
                         self.children - other.children, self.watched - other.watched,
                         None if self.server is None or other.server is None else self.server - other.server)

    def other(self) -> float:
        """Busy time of everything else on the machine (other users' work, the OS)."""
        return self.machine - self.own - self.children - self.watched - (self.server or 0.0)

    def busy_share(self) -> float:
        """How busy the machine was over this span, 0..1 of all its CPUs."""
        return self.machine / self.wall / cpu_count()


class CpuMeter:
    """Where the machine's CPU goes: this process, its children, watched processes, the server, the rest."""

    def __init__(self, postmaster_pid: int | None):
        self.postmaster = postmaster_pid if postmaster_pid and Path(f"/proc/{postmaster_pid}/stat").exists() else None
        self.available = Path("/proc/stat").exists()
        self.pids: list[int] = []

    def sample(self) -> CpuSample | None:
        if not self.available:
            return None
        with open("/proc/stat") as stat:
            ticks = [int(x) for x in stat.readline().split()[1:]]
        idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)
        times = os.times()
        return CpuSample(time.perf_counter(), (sum(ticks[:8]) - idle) / CLOCK_TICKS, times.user + times.system,
                         times.children_user + times.children_system, sum(process_cpu(p) for p in self.pids),
                         process_tree_cpu(self.postmaster))

    @staticmethod
    def spent(before: CpuSample | None, after: CpuSample | None) -> CpuSample | None:
        return None if before is None or after is None else after - before

    def busy_share(self, seconds: float = 1.0) -> float | None:
        """How busy the machine is (0..1 of all CPUs) over ``seconds`` while this process sleeps."""
        before = self.sample()
        time.sleep(seconds)
        spent = self.spent(before, self.sample())
        return None if spent is None else spent.busy_share()
