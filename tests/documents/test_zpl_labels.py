"""ZPL for thermal printers: saved to a file, or sent raw through the system's print spooler."""

from __future__ import annotations

import os
import re
import stat

import pytest
from document_shop import SF_URL, two_orders

from app.services.documents import zpl
from app.services.documents.commands import print_labels
from app.services.documents.errors import PrintFailed


def test_zpl_file_has_one_label_per_parcel_with_code128_qr_and_utf8_text(shop, settings, tmp_path):
    domestic, export = two_orders(shop)
    path = print_labels([domestic.order_no, export.order_no], tmp_path / "labels.zpl",
                        uow_factory=lambda: shop.uow("shipper"), size="4x6", zpl=True, settings=settings)
    data = path.read_text(encoding="utf-8")

    labels = re.findall(r"\^XA.*?\^XZ", data, re.S)
    assert len(labels) == data.count("^XA") == data.count("^XZ") == 3
    for label, barcode, qr in zip(labels, ["SF1400000000011", "SF1400000000012", export.order_no],
                                  [SF_URL.format("SF1400000000011"), SF_URL.format("SF1400000000012"),
                                   export.order_no]):
        assert "^CI28" in label and "^PW812" in label and "^LL1218" in label  # UTF-8, 4×6 in at 203 dpi
        assert re.search(rf"\^BY\d,3,\d+\^BCN,\d+,N,N,N,A\^FH\\\^FD{re.escape(barcode)}\^FS", label)
        assert re.search(rf"\^BQN,2,\d+\^FH\\\^FDMA,{re.escape(qr)}\^FS", label)
    assert "^FD上海浦江机械有限公司^FS" in labels[0] and "^A@N" in labels[0] and "E:SIMSUN.TTF" in labels[0]
    assert "^FDHansen Pumpen GmbH – Wareneingang^FS" in labels[2]
    assert f"^FD{domestic.order_no}^FS" in labels[0] and "^FD1 / 2^FS" in labels[0]


def test_100x150_labels_at_300_dpi_use_the_larger_canvas(shop, settings, tmp_path):
    domestic, _ = two_orders(shop)
    path = print_labels([domestic.order_no], tmp_path / "labels.zpl", uow_factory=lambda: shop.uow("shipper"),
                        size="100x150", zpl=True, settings=settings.with_values("labels", zpl_dpi="300"))
    data = path.read_text(encoding="utf-8")
    assert data.count("^PW1181") == data.count("^LL1772") == 2


def test_field_data_escapes_zpl_command_characters():
    assert zpl.field_data("A^B~C\\D") == "A\\5EB\\7EC\\5CD"


@pytest.fixture
def fake_lp(tmp_path, monkeypatch):
    """An ``lp`` on PATH that records its arguments and the data it was sent."""
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "lp"
    script.write_text(f'#!/bin/sh\necho "$@" > {tmp_path}/lp-args\ncat > {tmp_path}/lp-data\n'
                      f'case "$*" in *broken*) echo "lp: printer is offline" >&2; exit 1;; esac\nexit 0\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(zpl.sys, "platform", "linux")
    return tmp_path


def test_send_raw_hands_the_zpl_unchanged_to_lp_in_raw_mode(fake_lp):
    data = "^XA^CI28^FO10,10^A0N,30,30^FD上海^FS^XZ\n".encode()
    zpl.send_raw(data, "Zebra_ZD421")
    assert (fake_lp / "lp-data").read_bytes() == data
    assert (fake_lp / "lp-args").read_text().split() == ["-o", "raw", "-t", "OrderPilot", "labels", "-d", "Zebra_ZD421"]


def test_a_refused_print_job_is_reported_in_words(fake_lp):
    with pytest.raises(PrintFailed, match="printer is offline"):
        zpl.send_raw(b"^XA^XZ", "broken", job_name="x")


def test_without_lp_sending_fails_with_a_clear_message(monkeypatch):
    monkeypatch.setattr(zpl.sys, "platform", "linux")
    monkeypatch.setattr(zpl.shutil, "which", lambda name: None)
    with pytest.raises(PrintFailed, match="'lp' command"):
        zpl.send_raw(b"^XA^XZ", "Zebra")
