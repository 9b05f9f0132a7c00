"""The sequence tracker: every change once, gaps kept until they cannot fill any more."""

from app.live.events import ChangeEvent, parse_payload
from app.live.positions import SeqTracker


def events(*seqs):
    return [ChangeEvent(seq, "sales_order", seq * 10, "U") for seq in seqs]


def test_each_change_is_taken_once_in_order():
    tracker = SeqTracker(0)
    assert [e.seq for e in tracker.take_new(events(2, 1, 3))] == [1, 2, 3]
    assert tracker.take_new(events(1, 2, 3)) == []
    assert tracker.watermark == 3 and not tracker.has_hole()


def test_a_gap_waits_until_every_transaction_that_could_fill_it_has_ended():
    tracker = SeqTracker(0)
    tracker.take_new(events(1, 3))          # 2 is missing: maybe still running
    tracker.note_gaps(xmax_at_read=100)
    tracker.settle_gaps(xmin_now=99)         # a transaction older than our read still runs
    assert tracker.open_gaps == [2] and tracker.watermark == 1
    assert [e.seq for e in tracker.take_new(events(2))] == [2]  # it committed after all
    assert tracker.watermark == 3 and tracker.open_gaps == []


def test_a_gap_from_a_rolled_back_transaction_is_settled_once_all_have_ended():
    tracker = SeqTracker(0)
    tracker.take_new(events(1, 3))
    tracker.note_gaps(xmax_at_read=100)
    tracker.settle_gaps(xmin_now=100)
    assert tracker.watermark == 3 and tracker.open_gaps == []


def test_payload_with_ids_lists_each_change_with_its_order():
    announcement = parse_payload('{"table": "sales_order_line", "op": "U", "first_seq": 7, "last_seq": 8, '
                                 '"count": 2, "ids": [70, 80], "order_ids": [5, 6]}')
    assert announcement.events() == [ChangeEvent(7, "sales_order_line", 70, "U", 5),
                                     ChangeEvent(8, "sales_order_line", 80, "U", 6)]
    interleaved = parse_payload('{"table": "sales_order", "op": "U", "first_seq": 7, "last_seq": 9, '
                                '"count": 2, "ids": [1, 2], "order_ids": [1, 2]}')
    assert interleaved.events() is None      # numbers not consecutive: read the log instead
    assert parse_payload("not json") is None
