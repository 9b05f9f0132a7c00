"""QR module matrices, identical to what ReportLab's ``QrCodeWidget`` draws, about ten times faster.

ReportLab's encoder (``reportlab.graphics.barcode.qrencoder``) spends most of its time choosing
the mask: it builds the whole symbol nine times and scores each with list-based loops, and its
Reed-Solomon step divides polynomials recursively. For a thousand labels that is seconds.

This module keeps ReportLab's own pieces — the data segments and how they write their bits, the
version choice, the function patterns, the data placement order, format and version
information — and does the repetitive parts with integers: the bit stream as one integer,
Reed-Solomon by table lookups, placement once, the eight masks by XOR on bit rows, the penalty
rules with bit and string operations that give exactly ReportLab's scores (so the same mask
wins, including ReportLab's habit of looking for finder-like patterns in rows only).
``tests/documents`` compares the result with ``QrCodeWidget`` module by module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reportlab.graphics.barcode import qrencoder
from reportlab.graphics.barcode.qr import QrCodeWidget

_EXP, _LOG = qrencoder.EXP_TABLE, qrencoder.LOG_TABLE
_RUNS = (re.compile("00000+"), re.compile("11111+"))  # two literal patterns scan faster than one
_FINDER = "10111010000"  # the one orientation (and, in effect, direction) ReportLab scores


@dataclass(frozen=True)
class _Layout:
    """Everything about a symbol that depends only on its version and error-correction level."""

    size: int
    functions: tuple[int, ...]  # function patterns, format/version areas light (as while scoring)
    cells: tuple[tuple[int, int, int, int], ...]  # data positions in placement order: row, bit, col, bit
    masks: tuple[tuple[int, ...], ...]  # per mask: its dark data positions, per row
    final: tuple[tuple[int, ...], ...]  # per mask: format and version information, dark module
    column_functions: tuple[int, ...]  # the same as columns (bit size-1-row of column col)
    column_masks: tuple[tuple[int, ...], ...]


def _rows(modules: list[list[bool]]) -> tuple[int, ...]:
    return tuple(int("".join("1" if cell else "0" for cell in row), 2) for row in modules)


def _transpose(rows: tuple[int, ...] | list[int], n: int) -> tuple[int, ...]:
    text = [format(row, f"0{n}b") for row in rows]
    return tuple(int("".join(column), 2) for column in zip(*text))


@lru_cache(maxsize=64)
def _layout(version: int, level: int) -> _Layout:
    qr = qrencoder.QRCode(version, level)
    n = qr.moduleCount = version * 4 + 17
    qr.modules = [[False] * n for _ in range(n)]
    for row, col in ((0, 0), (n - 7, 0), (0, n - 7)):
        qr.setupPositionProbePattern(row, col)
    qr.setupPositionAdjustPattern()
    qr.setupTimingPattern()
    functions = _rows(qr.modules)
    positions = qr.dataPosIterator()
    cells = tuple((row, 1 << (n - 1 - col), col, 1 << (n - 1 - row)) for col, row in positions)
    masks, final = [], []
    for pattern in range(8):
        dark = qrencoder.QRUtil.getMask(pattern)
        rows = [0] * n
        for col, row in positions:
            if dark(row, col):
                rows[row] |= 1 << (n - 1 - col)
        masks.append(tuple(rows))
        qr.modules = [[False] * n for _ in range(n)]
        qr.setupTypeInfo(False, pattern)
        if version >= 7:
            qr.setupTypeNumber(False)
        final.append(_rows(qr.modules))
    return _Layout(n, functions, cells, tuple(masks), tuple(final), _transpose(functions, n),
                   tuple(_transpose(mask, n) for mask in masks))


class _Bits:
    """``QRBitBuffer`` with the same ``put``/``putBit``/``getLengthInBits``, kept as one integer."""

    def __init__(self) -> None:
        self.value = 0
        self.length = 0

    def put(self, number: int, length: int) -> None:
        self.value = (self.value << length) | (number & ((1 << length) - 1))
        self.length += length

    def putBit(self, bit: bool) -> None:  # noqa: N802 - ReportLab's name
        self.put(1 if bit else 0, 1)

    def getLengthInBits(self) -> int:  # noqa: N802 - ReportLab's name
        return self.length

    def to_bytes(self) -> list[int]:
        return list(self.value.to_bytes(self.length // 8, "big"))


@lru_cache(maxsize=64)
def _products(ec_count: int) -> tuple[tuple[int, ...], ...]:
    """For the generator of ``ec_count`` check bytes: each factor times its coefficients, in GF(256)."""
    generator = qrencoder.QRUtil.getErrorCorrectPolynomial(ec_count).num[1:]
    logs = [_LOG[g] if g else None for g in generator]
    table = [(0,) * ec_count]
    for factor in range(1, 256):
        base = _LOG[factor]
        table.append(tuple(_EXP[(base + log) % 255] if log is not None else 0 for log in logs))
    return tuple(table)


def _remainder(data: list[int], ec_count: int) -> list[int]:
    """Reed-Solomon check bytes: ``data`` × x^ec modulo the generator polynomial."""
    products = _products(ec_count)
    rest = [0] * ec_count
    for byte in data:
        factor = byte ^ rest[0]
        rest = [a ^ b for a, b in zip(rest[1:] + [0], products[factor])]
    return rest


def _codewords(qr: qrencoder.QRCode) -> list[int]:
    """ReportLab's ``QRCode.createData``, with a faster bit buffer and Reed-Solomon step."""
    blocks = qrencoder.QRRSBlock.getRSBlocks(qr.version, qr.errorCorrectLevel)
    buffer = _Bits()
    for segment in qr.dataList:
        segment.write(buffer, qr.version)
    capacity = sum(block.dataCount for block in blocks) * 8
    if buffer.length > capacity:
        raise ValueError(f"QR data too long ({buffer.length} > {capacity} bits)")
    if buffer.length + 4 <= capacity:
        buffer.put(0, 4)
    buffer.put(0, -buffer.length % 8)
    stream = buffer.to_bytes()
    pad = (qrencoder.QRCode.PAD0, qrencoder.QRCode.PAD1)
    stream += [pad[i % 2] for i in range(capacity // 8 - len(stream))]
    data, checks, offset = [], [], 0
    for block in blocks:
        chunk = stream[offset:offset + block.dataCount]
        offset += block.dataCount
        data.append(chunk)
        checks.append(_remainder(chunk, block.totalCount - block.dataCount))
    out = []
    for group in (data, checks):
        for i in range(max(len(part) for part in group)):
            out.extend(part[i] for part in group if i < len(part))
    return out


def _penalty(rows: list[int], columns: list[int], n: int) -> int:
    """ReportLab's ``QRUtil.getLostPoint`` for a symbol given as bit rows and bit columns."""
    width = f"0{n}b"
    text = [format(row, width) for row in rows]
    lines = "|".join(text) + "|" + "|".join([format(column, width) for column in columns])
    score = 0
    for pattern in _RUNS:  # rule 1: runs of five or more alike, 3 + (length - 5) each
        runs = pattern.findall(lines)
        score += sum(map(len, runs)) - 2 * len(runs)
    # rule 3: finder-like patterns, 40 each — ReportLab finds them in rows only, and not at the end
    score += 40 * "|".join(line[:n - 1] for line in text).count(_FINDER)
    full = (1 << n) - 1
    pairs = full >> 1
    for upper, lower in zip(rows, rows[1:]):  # rule 2: 2×2 blocks alike, 3 each
        alike = ~(upper ^ lower) & full
        score += 3 * (alike & (alike >> 1) & ~(upper ^ (upper >> 1)) & pairs).bit_count()
    dark = sum(row.bit_count() for row in rows)  # rule 4: dark share
    score += 10 * (abs(100 * dark // (n * n) - 50) // 5)
    return score


def qr_rows(value: str, level: str = "M") -> tuple[int, tuple[int, ...]]:
    """The symbol for ``value`` as (size, bit rows); bit ``size-1-col`` of a row is column ``col``."""
    qr = QrCodeWidget(value, barLevel=level).qr
    qr.version = qr.version or qr.calculate_version()
    layout = _layout(qr.version, qr.errorCorrectLevel)
    n = layout.size
    data, data_columns = [0] * n, [0] * n
    cells = layout.cells
    bit_index = 0
    for byte in _codewords(qr):
        for shift in (7, 6, 5, 4, 3, 2, 1, 0):
            if byte >> shift & 1:
                row, row_bit, col, col_bit = cells[bit_index]
                data[row] |= row_bit
                data_columns[col] |= col_bit
            bit_index += 1
    best, best_score, best_rows = 0, None, None
    for pattern, (mask, column_mask) in enumerate(zip(layout.masks, layout.column_masks)):
        rows = [f | (d ^ m) for f, d, m in zip(layout.functions, data, mask)]
        columns = [f | (d ^ m) for f, d, m in zip(layout.column_functions, data_columns, column_mask)]
        score = _penalty(rows, columns, n)
        if best_score is None or score < best_score:
            best, best_score, best_rows = pattern, score, rows
    return n, tuple(row | extra for row, extra in zip(best_rows, layout.final[best]))


def qr_matrix(value: str, level: str = "M") -> list[list[bool]]:
    """The module matrix (True = dark), as ``QrCodeWidget(value, barLevel=level)`` makes it."""
    n, rows = qr_rows(value, level)
    return [[bool(row >> (n - 1 - col) & 1) for col in range(n)] for row in rows]
