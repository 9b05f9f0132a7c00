"""Which changes a client has applied, so that every change is applied exactly once.

Sequence numbers are drawn when a change is written but become visible when its transaction
commits, so a lower number can appear after a higher one. The tracker keeps a watermark (every
seq up to it is settled), the applied seqs above it, and the gaps it has seen with the
snapshot ``xmax`` of the moment it saw them. A gap is given up only once every transaction that
was running at that moment has ended (``pg_snapshot_xmin`` of a later snapshot has passed that
``xmax``) and the number still is not in the log: then it belonged to a rolled-back transaction.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.live.events import ChangeEvent


class SeqTracker:
    def __init__(self, watermark: int = 0):
        self.watermark = watermark
        self._applied: set[int] = set()
        self._gaps: dict[int, int] = {}  # missing seq -> snapshot xmax when first seen missing

    def take_new(self, events: Iterable[ChangeEvent]) -> list[ChangeEvent]:
        """The events not applied before (in seq order), now counted as applied."""
        fresh = []
        for event in sorted(events, key=lambda e: e.seq):
            if event.seq <= self.watermark or event.seq in self._applied:
                continue
            self._applied.add(event.seq)
            self._gaps.pop(event.seq, None)
            fresh.append(event)
        self._advance()
        return fresh

    def note_gaps(self, xmax_at_read: int) -> None:
        """Remember every hole below the highest applied seq, with the snapshot they were seen in."""
        if not self._applied:
            return
        for seq in range(self.watermark + 1, max(self._applied)):
            if seq not in self._applied:
                self._gaps.setdefault(seq, xmax_at_read)

    def settle_gaps(self, xmin_now: int) -> None:
        """Give up holes whose possible writers have all finished (read the log first!)."""
        for seq, xmax in list(self._gaps.items()):
            if xmin_now >= xmax:
                del self._gaps[seq]
                self._applied.add(seq)  # settled: nothing will ever come with this number
        self._advance()

    def has_hole(self) -> bool:
        """True while something above the watermark is applied but a lower number is not."""
        return bool(self._applied)

    @property
    def open_gaps(self) -> list[int]:
        return sorted(self._gaps)

    def _advance(self) -> None:
        while self.watermark + 1 in self._applied and self.watermark + 1 not in self._gaps:
            self.watermark += 1
            self._applied.discard(self.watermark)
