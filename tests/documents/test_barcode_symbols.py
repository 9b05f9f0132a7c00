"""The barcode symbols: Code 128 round trips, and QR matrices equal to ReportLab's QrCodeWidget."""

from __future__ import annotations

import random
import string

import pytest
from reportlab.graphics.barcode.qr import QrCodeWidget

from app.services.documents.barcodes import DecodeError, code128, decode_code128_modules
from app.services.documents.qr import qr_matrix


def widget_matrix(value: str, level: str) -> list[list[bool]]:
    widget = QrCodeWidget(value, barLevel=level)
    widget.qr.make()
    return [[bool(cell) for cell in row] for row in widget.qr.modules]


def test_the_fast_qr_encoder_draws_exactly_the_modules_of_reportlabs_widget():
    rng = random.Random(11)
    values = ["https://www.sf-express.com/track?no=SF1400000000011", "SO-2026-0000001", "1234567890",
              "HELLO WORLD 42", "上海浦江机械有限公司 控制柜 CC-1", "x" * 1200]
    values += ["".join(rng.choice(string.printable[:94]) for _ in range(rng.randint(1, 400))) for _ in range(40)]
    for level in "LMQH":
        for value in values:
            assert qr_matrix(value, level) == widget_matrix(value, level), (level, value[:30])


@pytest.mark.parametrize("value", ["SF1400000000011", "SO-2026-0000001", "1Z999AA10123456784", "JJD000390007700001234",
                                   "0123456789", "ab\\cd ~ {x}"])
def test_code128_symbols_read_back_to_their_value(value):
    symbol = code128(value)
    assert decode_code128_modules(symbol.modules) == value
    assert symbol.module_count == 11 * (len(symbol.codes) - 1) + 13


def test_a_damaged_code128_symbol_is_not_misread():
    modules = list(code128("SF1400000000011").modules)
    modules[20], modules[21] = modules[21], modules[20]
    with pytest.raises(DecodeError):
        decode_code128_modules(modules)
    with pytest.raises(ValueError, match="printable ASCII"):
        code128("运单 123")
