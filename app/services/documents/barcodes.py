"""Code 128 and QR codes drawn straight onto a ReportLab canvas, and a Code 128 decoder.

The symbols come from ReportLab's own encoders (``Code128`` for the bar pattern; for QR the
``QrCodeWidget`` symbol, computed faster by :mod:`.qr`); drawing each symbol as one filled path
in module units is much faster than rendering the widgets shape by shape, which matters for a
thousand labels.

:func:`decode_code128_modules` and :func:`decode_code128_scanline` read a bar pattern back (from
module widths, or from one row of pixels of a rendered page), so tests and the label printer's
self-check can prove that what is printed encodes the intended value.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.graphics.barcode.code128 import Code128, _patterns

from app.services.documents.qr import qr_matrix, qr_rows  # noqa: F401  (qr_matrix: re-exported)

QUIET_MODULES = 10  # Code 128 quiet zone on each side, in modules
QR_BORDER = 4  # QR quiet zone, in modules


@dataclass(frozen=True)
class Code128Symbol:
    value: str
    codes: tuple[int, ...]  # start, data, check and stop symbol values
    modules: tuple[int, ...]  # widths in modules, bar first, alternating bar/space

    @property
    def module_count(self) -> int:
        return sum(self.modules)


def code128(value: str) -> Code128Symbol:
    """Encode ``value`` (printable ASCII) with ReportLab's Code 128 encoder."""
    if not value or not all(32 <= ord(ch) < 127 for ch in value):
        raise ValueError(f"Code 128 needs printable ASCII, not {value!r}")
    symbol = Code128(value, humanReadable=0, quiet=0)
    symbol.validate()
    symbol.encode()
    symbol.decompose()
    modules = tuple(ord(ch.upper()) - ord("A") + 1 for ch in symbol.decomposed)
    return Code128Symbol(value, tuple(symbol.encoded), modules)


def draw_code128(canvas, value: str, x: float, y: float, *, height: float, module: float,
                 align: str = "left", max_width: float | None = None) -> float:
    """Bars of ``value`` with bottom at ``y``; ``module`` is the narrowest bar (pt), reduced when the
    symbol would be wider than ``max_width``. Returns the width drawn (without quiet zones)."""
    symbol = code128(value)
    if max_width is not None and symbol.module_count * module > max_width:
        module = max_width / symbol.module_count
    width = symbol.module_count * module
    if align == "right":
        x -= width
    elif align == "center":
        x -= width / 2
    bars, left = [], 0
    for index, count in enumerate(symbol.modules):
        if index % 2 == 0:
            bars.append(f"{left} 0 {count} 1 re")
        left += count
    _fill_in_units(canvas, bars, module, height, x, y)
    return width


def _fill_in_units(canvas, rectangles: list[str], sx: float, sy: float, x: float, y: float) -> None:
    """Fill ``x y w h re`` rectangles given in integer units (modules), scaled and placed as one path.

    Written as literal PDF operators: integers format fast, and a thousand labels with hundreds
    of modules each would otherwise spend most of their time formatting coordinates.
    """
    canvas.saveState()
    canvas.transform(sx, 0, 0, sy, x, y)
    canvas.addLiteral("\n".join(rectangles) + "\nf")
    canvas.restoreState()


def draw_qr(canvas, value: str, x: float, y: float, size: float, level: str = "M") -> int:
    """A QR code of ``value`` in the square (x, y, size) including its quiet zone; returns modules.

    The modules are ReportLab's ``QrCodeWidget(value, barLevel=level)`` symbol (see :mod:`.qr`).
    """
    count, rows = qr_rows(value, level)
    box = size / (count + 2 * QR_BORDER)
    rectangles = []
    for r, row in enumerate(rows):
        bottom = count - 1 - r
        while row:  # each run of dark modules: bit k is column count-1-k
            low = row & -row
            start = low.bit_length() - 1
            carried = row + low  # the run carries into the bit above its end
            end = (carried & -carried).bit_length() - 1
            rectangles.append(f"{count - end} {bottom} {end - start} 1 re")
            row &= carried
    _fill_in_units(canvas, rectangles, box, box, x + QR_BORDER * box, y + QR_BORDER * box)
    return count


# --- reading Code 128 back --------------------------------------------------------------------

_BY_PATTERN = {tuple(ord(ch.upper()) - ord("A") + 1 for ch in pattern): code for code, pattern in _patterns.items()}
START_A, START_B, START_C, STOP = 103, 104, 105, 106


class DecodeError(ValueError):
    pass


def decode_code128_modules(modules: list[int] | tuple[int, ...]) -> str:
    """The text of a Code 128 symbol given its bar/space widths in modules (bar first)."""
    modules = list(modules)
    if len(modules) < 6 * 3 + 7 or (len(modules) - 7) % 6:
        raise DecodeError(f"{len(modules)} bars and spaces is not a Code 128 symbol")
    codes = []
    for i in range(0, len(modules) - 7, 6):
        code = _BY_PATTERN.get(tuple(modules[i:i + 6]))
        if code is None:
            raise DecodeError(f"unknown symbol {modules[i:i + 6]} at element {i}")
        codes.append(code)
    if _BY_PATTERN.get(tuple(modules[-7:])) != STOP:
        raise DecodeError("no stop pattern")
    *body, check = codes
    if sum(code * max(i, 1) for i, code in enumerate(body)) % 103 != check:
        raise DecodeError("check digit does not match")
    if body[0] not in (START_A, START_B, START_C):
        raise DecodeError("no start code")
    current = {START_A: "A", START_B: "B", START_C: "C"}[body[0]]
    out, shift = [], False
    for code in body[1:]:
        code_set = ("B" if current == "A" else "A") if shift else current
        shift = False
        if code_set == "C":
            if code < 100:
                out.append(f"{code:02d}")
            elif code == 100:
                current = "B"
            elif code == 101:
                current = "A"
            continue
        if code < 96:
            if code_set == "B" or code < 64:
                out.append(chr(code + 32))
            else:
                out.append(chr(code - 64))
        elif code == 98:
            shift = True
        elif code == 99:
            current = "C"
        elif code == 100 and code_set == "A":
            current = "B"
        elif code == 101 and code_set == "B":
            current = "A"
        # 96, 97, 102 and FNC4: function codes, no text
    return "".join(out)


def decode_code128_scanline(dark: list[bool]) -> str:
    """Decode one row of pixels (True = dark) crossing a Code 128 symbol."""
    runs: list[int] = []
    previous = None
    for pixel in dark:
        if pixel == previous:
            runs[-1] += 1
        else:
            runs.append(1)
            previous = pixel
    first_dark = 0 if dark and dark[0] else 1
    runs = runs[first_dark:]
    if runs and len(runs) % 2 == 0:
        runs = runs[:-1]  # trailing light run
    if len(runs) < 25 or (len(runs) - 7) % 6:
        raise DecodeError(f"{len(runs)} bars and spaces found; not a Code 128 row")
    symbols = (len(runs) - 7) // 6
    module = sum(runs) / (symbols * 11 + 13)
    return decode_code128_modules([max(1, min(4, round(run / module))) for run in runs])
