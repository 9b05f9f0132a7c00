"""Reading an import file into flat rows: CSV (one row per order line) or JSON (flat or nested).

Every row carries all fields of the format in one fixed order (``FIELDS``), ``None`` where the
file leaves a field out, and the row number a clerk finds it under. Nothing here judges values;
it only says when the file cannot be read at all (:class:`ImportFileError`) or when a row is
broken as a whole (wrong number of cells, a value that is not text or a number).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from operator import itemgetter
from pathlib import Path

from app.services.importing.report import ImportFileError
from app.services.order_validation import FieldError

HEADER_FIELDS = (
    "order_ref", "order_date", "customer_email", "customer_code", "customer_name", "phone",
    "ship_to_name", "ship_to_address1", "ship_to_address2", "ship_to_city", "ship_to_region",
    "ship_to_postal_code", "ship_to_country", "currency", "requested_date", "notes")
LINE_FIELDS = ("sku", "quantity", "unit_price", "discount_pct")
FIELDS = HEADER_FIELDS + LINE_FIELDS
HEADER_COUNT = len(HEADER_FIELDS)
INDEX = {name: i for i, name in enumerate(FIELDS)}

_DELIMITERS = (",", ";", "\t")
_LONE_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


@dataclass(slots=True)
class RawRow:
    row: int                          # spreadsheet row (header = 1), or position of the JSON object
    values: tuple                     # one entry per FIELDS: the text as read (maybe blank), None when absent
    prefix: str = ""                  # "lines[2]." for a line of a nested JSON order
    source: int | None = None         # position of the nested JSON order this row came from
    is_line: bool = True              # False: a nested order without lines (kept to report it)
    problems: tuple[FieldError, ...] = ()


@dataclass
class SourceFile:
    kind: str                         # "csv" or "json"
    rows: Iterator[RawRow]


def read_rows(path: Path) -> SourceFile:
    """Open ``path`` and return its rows; :class:`ImportFileError` when it is not a readable import file."""
    text = _read_text(Path(path))
    suffix = Path(path).suffix.lower()
    if suffix == ".json" or (suffix != ".csv" and text.lstrip()[:1] in ("[", "{")):
        return SourceFile("json", _json_rows(text))
    return SourceFile("csv", _csv_rows(text))


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError(f"There is no file {path}.") from None
    except IsADirectoryError:
        raise ImportFileError(f"{path} is a folder, not a file to import.") from None
    except OSError as exc:
        raise ImportFileError(f"The file {path} cannot be read ({exc.strerror or exc}).") from exc
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ImportFileError(f"{path.name} is not UTF-8 text (line {line} has a byte that is not UTF-8); "
                              "export it as UTF-8 and import it again.") from None
    if not text.strip():
        raise ImportFileError(f"{path.name} is empty; there is nothing to import.")
    return text


# --- CSV -----------------------------------------------------------------------------------

def _normalise_name(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().strip("\ufeff").strip().lower())


def _csv_rows(text: str) -> Iterator[RawRow]:
    first_line = text.split("\n", 1)[0]
    delimiter = next((d for d in _DELIMITERS if "order_ref" in map(_normalise_name, first_line.split(d))), ",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [_normalise_name(name) for name in _read_record(reader)]
    _check_header(header)
    width = len(header)
    # A missing column reads the None appended to each row's cells (index -1).
    positions = [header.index(name) if name in header else -1 for name in FIELDS]
    pick = itemgetter(*positions)
    return _csv_records(reader, width, pick)


def _csv_records(reader, width: int, pick) -> Iterator[RawRow]:
    row_number = 1
    while True:
        cells = _read_record(reader)
        if cells is None:
            return
        row_number += 1
        if not "".join(cells).strip():
            continue  # blank line, or a row of empty cells a spreadsheet left behind
        problems = ()
        if len(cells) != width:
            if len(cells) > width and not any(cell.strip() for cell in cells[width:]):
                del cells[width:]
            else:
                problems = (FieldError("row", f"Row {row_number} has {len(cells)} values but the header names {width} "
                                              "columns; check for a comma or line break in an unquoted value."),)
                cells = (cells + [""] * width)[:width]
        cells.append(None)
        yield RawRow(row_number, pick(cells), problems=problems)


def _read_record(reader) -> list[str] | None:
    try:
        return next(reader)
    except StopIteration:
        return None
    except csv.Error as exc:
        raise ImportFileError(f"Line {reader.line_num} cannot be read as CSV ({exc}); "
                              "nothing was imported.") from None


def _check_header(header: list[str] | None) -> None:
    if not header:
        raise ImportFileError("The first line must name the columns (order_ref, sku, quantity, ...).")
    seen = set()
    for name in header:
        if name in INDEX and name in seen:
            raise ImportFileError(f"The column {name} appears twice in the header; nothing was imported.")
        seen.add(name)
    missing = [name for name in ("order_ref", "sku", "quantity") if name not in seen]
    if missing:
        raise ImportFileError(f"The header has no column {' or '.join(missing)}; the first line must name "
                              "the columns (see the import format).")
    if "customer_email" not in seen and "customer_code" not in seen:
        raise ImportFileError("The header needs a customer_email or customer_code column to find the customer.")


# --- JSON ----------------------------------------------------------------------------------

def _json_rows(text: str) -> Iterator[RawRow]:
    try:
        document = json.loads(text, parse_float=Decimal, parse_constant=lambda name: name)
    except (ValueError, RecursionError) as exc:
        where = f" (line {exc.lineno}, column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise ImportFileError(f"The file is not valid JSON{where}; nothing was imported.") from None
    items = document.get("orders") if isinstance(document, dict) else document
    if not isinstance(items, list):
        raise ImportFileError('A JSON import file must be a list of orders, or an object with an "orders" list.')
    check_text = bool(_LONE_SURROGATE_ESCAPE.search(text))
    return _json_items(items, check_text)


def _json_items(items: list, check_text: bool) -> Iterator[RawRow]:
    for position, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            yield RawRow(position, (None,) * len(FIELDS),
                         problems=(FieldError("row", f"Entry {position} of the file is not an order object."),))
            continue
        item = {_normalise_name(str(key)): value for key, value in item.items()}
        if "lines" not in item:
            values, problems = _json_values(item, FIELDS, "", check_text)
            yield RawRow(position, values, problems=problems)
            continue
        header, header_problems = _json_values(item, HEADER_FIELDS, "", check_text)
        lines = item["lines"]
        if not isinstance(lines, list) or not lines:
            reason = "The order has no lines." if isinstance(lines, list) or lines is None \
                else "lines must be a list of order lines."
            yield RawRow(position, header + (None,) * len(LINE_FIELDS), source=position, is_line=False,
                         problems=header_problems + (FieldError("lines", reason),))
            continue
        for number, line in enumerate(lines, start=1):
            prefix = f"lines[{number}]."
            if isinstance(line, dict):
                line = {_normalise_name(str(key)): value for key, value in line.items()}
                values, problems = _json_values(line, LINE_FIELDS, prefix, check_text)
            else:
                values = (None,) * len(LINE_FIELDS)
                problems = (FieldError(prefix.rstrip("."), f"Line {number} of the order is not a line object."),)
            yield RawRow(position, header + values, prefix=prefix, source=position,
                         problems=(header_problems if number == 1 else ()) + problems)


def _json_values(item: dict, names: tuple[str, ...], prefix: str, check_text: bool):
    values, problems = [], []
    for name in names:
        value = item.get(name)
        if value is None:
            values.append(None)
        elif isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
            values.append(None)
            problems.append(FieldError(prefix + name, f"{prefix + name} must be text or a number, "
                                                      f"not {_json_kind(value)}."))
        elif isinstance(value, str):
            if check_text and not _encodable(value):
                values.append(None)
                problems.append(FieldError(prefix + name, f"{prefix + name} contains text that is not valid Unicode."))
            else:
                values.append(value if value.strip() else None)
        else:
            values.append(_number_text(value))
    return tuple(values), tuple(problems)


def _number_text(value: int | Decimal) -> str:
    if isinstance(value, Decimal) and value.is_finite() and -30 < value.adjusted() < 30:
        return format(value, "f")
    return str(value)


def _json_kind(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
