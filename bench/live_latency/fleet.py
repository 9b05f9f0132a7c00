"""The client processes of the live benchmark: spawn them, wait for their reports, collect results."""

from __future__ import annotations

import multiprocessing
import queue as queue_module
import time

from bench.live_latency.client import client_process


class Fleet:
    """N clients in P spawned processes, steered through a pipe each, reporting through one queue."""

    def __init__(self, clients: int, processes: int, dsn: str, settings: dict):
        context = multiprocessing.get_context("spawn")
        self.reports = context.Queue()
        self.processes = []
        self.controls = []
        groups = [list(range(p, clients, processes)) for p in range(processes)]
        for index, group in enumerate(groups):
            parent_end, child_end = context.Pipe()
            process = context.Process(target=client_process, name=f"bench-client-{index}",
                                      args=(index, group, dsn, settings, child_end, self.reports), daemon=True)
            self.processes.append(process)
            self.controls.append(parent_end)
        self.ready: dict[int, dict] = {}
        self.complete: set[tuple[int, int]] = set()
        self.raw_complete: set[tuple[int, int]] = set()
        self.results: dict[int, dict] = {}
        self.errors: list[str] = []

    def start(self) -> None:
        for process in self.processes:
            process.start()

    def pump(self, timeout: float) -> None:
        """Take one report (or none within ``timeout``)."""
        try:
            kind, index, payload = self.reports.get(timeout=timeout)
        except queue_module.Empty:
            return
        if kind == "ready":
            self.ready[index] = payload
        elif kind == "complete":
            self.complete.add((index, payload))
        elif kind == "raw_complete":
            self.raw_complete.add((index, payload))
        elif kind == "results":
            self.results[index] = payload
        elif kind == "error":
            self.errors.append(f"client process {index}:\n{payload}")

    def wait(self, condition, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while not condition():
            if self.errors:
                raise SystemExit("a client failed:\n" + self.errors[0])
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            if not any(p.is_alive() for p in self.processes) and self.reports.empty():
                return False
            self.pump(min(left, 0.2))
        return True

    def finish(self, seconds: float = 60) -> None:
        for control in self.controls:
            try:
                control.send("finish")
            except OSError:
                pass
        self.wait(lambda: len(self.results) + len(self.errors) >= len(self.processes), seconds)

    def close(self) -> None:
        for process in self.processes:
            process.join(5)
            if process.is_alive():
                process.terminate()
                process.join(5)
