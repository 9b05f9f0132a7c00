"""From what the clients recorded to latencies and delivery checks: every client, every change, once."""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from bench.live_latency.fleet import Fleet


def ms(values: list[float]) -> list[float]:
    return [v * 1000 for v in values]


def analyse(fleet: Fleet, warmup: int, total: int, writes: dict) -> dict:
    """Latencies (ms) and delivery checks. ``writes`` holds per change number the writer's clock
    before and after each commit (``commit_called``, ``commit_returned``), the change_log seq
    (``seq_of``) and the same for the plain NOTIFYs (``raw_called``, ``raw_returned``)."""
    measured = range(warmup + 1, total + 1)
    called, returned, seq_of = writes["commit_called"], writes["commit_returned"], writes["seq_of"]
    raw_called, raw_returned = writes["raw_called"], writes["raw_returned"]
    known_seqs = set(seq_of.values())
    series = defaultdict(list)
    e2e_worst: dict[int, float] = defaultdict(lambda: -math.inf)
    e2e_best: dict[int, float] = defaultdict(lambda: math.inf)
    raw_worst: dict[int, float] = defaultdict(lambda: -math.inf)
    stage = defaultdict(list)
    missing = duplicated = raw_missing = raw_duplicated = 0
    seq_missing = seq_duplicated = foreign = 0
    batches_per_client, reloads, state_changes, not_instrumented = [], 0, 0, 0
    for result in fleet.results.values():
        if not result["instrumented"] or not result["worker"]:
            not_instrumented += 1
        worker_at = {}
        for read_at, delivered_at, seqs in result["worker"]:
            for seq in seqs:
                worker_at.setdefault(seq, (read_at, delivered_at))
        for client in result["clients"]:
            reloads += client["reloads"]
            state_changes += max(0, len(client["states"]) - 1)
            batches = client["batches"]
            batches_per_client.append(len(batches))
            # -- change numbers shown by the model: each exactly once
            counts = Counter(n for _, n, _, _ in client["updates"] if n > 0)
            missing += sum(1 for n in range(1, total + 1) if counts[n] == 0)
            duplicated += sum(c - 1 for c in counts.values() if c > 1)
            first_update = {}
            for _, n, t, batch in client["updates"]:
                first_update.setdefault(n, (t, batch))
            # -- change_log seqs reaching the GUI thread: each exactly once, none unknown
            gui_at = {}
            seq_counts = Counter()
            for t, seqs in client["gui"]:
                for seq in seqs:
                    seq_counts[seq] += 1
                    gui_at.setdefault(seq, t)
            seq_missing += sum(1 for seq in known_seqs if seq_counts[seq] == 0)
            seq_duplicated += sum(c - 1 for c in seq_counts.values() if c > 1)
            foreign += sum(1 for seq in seq_counts if seq not in known_seqs)
            for n in measured:
                if n not in first_update:
                    continue
                t_model, batch = first_update[n]
                series["e2e"].append(t_model - returned[n])
                series["e2e_called"].append(t_model - called[n])
                e2e_worst[n] = max(e2e_worst[n], t_model - returned[n])
                e2e_best[n] = min(e2e_best[n], t_model - returned[n])
                seq = seq_of.get(n)
                t_gui = gui_at.get(seq)
                in_at, fetched_at, _ = batches[batch] if 0 <= batch < len(batches) else (None, None, 0)
                if seq in worker_at and worker_at[seq][0] is not None:
                    read_at, delivered_at = worker_at[seq]
                    stage["notify"].append(read_at - returned[n])
                    stage["parse"].append(delivered_at - read_at)
                    if t_gui is not None:
                        stage["hop"].append(t_gui - delivered_at)
                elif t_gui is not None:
                    stage["to_gui"].append(t_gui - returned[n])
                if t_gui is not None and in_at is not None:
                    stage["window"].append(in_at - t_gui)
                if in_at is not None:
                    stage["fetch"].append(fetched_at - in_at)
                    stage["emit"].append(t_model - fetched_at)
            # -- raw baseline
            raw_counts = Counter(n for n, _ in client["raw"])
            raw_missing += sum(1 for n in raw_returned if raw_counts[n] == 0)
            raw_duplicated += sum(c - 1 for c in raw_counts.values() if c > 1)
            first_raw = {}
            for n, t in client["raw"]:
                first_raw.setdefault(n, t)
            for n in measured:
                if n in first_raw and n in raw_returned:
                    series["raw"].append(first_raw[n] - raw_returned[n])
                    series["raw_called"].append(first_raw[n] - raw_called[n])
                    raw_worst[n] = max(raw_worst[n], first_raw[n] - raw_returned[n])
    batch_sizes = [b[2] for r in fleet.results.values() for c in r["clients"] for b in c["batches"]]
    writer = dict(commit=ms([returned[n] - called[n] for n in measured]),
                  notify=ms([raw_returned[n] - raw_called[n] for n in measured]))
    return dict(**{k: ms(v) for k, v in series.items()},
                e2e_worst=ms(list(e2e_worst.values())), raw_worst=ms(list(raw_worst.values())),
                e2e_best=ms(list(e2e_best.values())),
                e2e_spread=ms([e2e_worst[n] - e2e_best[n] for n in e2e_worst]),
                stage={k: ms(v) for k, v in stage.items()}, writer=writer, missing=missing, duplicated=duplicated,
                seq_missing=seq_missing, seq_duplicated=seq_duplicated, foreign=foreign,
                raw_missing=raw_missing, raw_duplicated=raw_duplicated, batches_per_client=batches_per_client,
                batch_sizes=batch_sizes, reloads=reloads, state_changes=state_changes,
                not_instrumented=not_instrumented)
