"""Table model of the order form's line grid (used by app/views/orders/order_form.py).

Rows are the lines being typed (:class:`EditLine`), plus, while editable, one blank row at the
end to type the next line into; choosing a product there adds a new blank row. The model never
calls services: it asks the form for a product's price (``price_wanted``) and the form answers
with :meth:`set_prices`. Validation messages from the server are shown in their cells
(:meth:`set_errors`: red background, the message as tooltip).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from app.services.lookups import ProductChoice
from app.services.order_totals import Totals, line_total, order_totals

(COL_NO, COL_PRODUCT, COL_QUANTITY, COL_UOM, COL_PRICE, COL_DISCOUNT, COL_TAX, COL_TOTAL) = range(8)
COLUMN_COUNT = 8
EDITABLE_COLUMNS = frozenset({COL_PRODUCT, COL_QUANTITY, COL_PRICE, COL_DISCOUNT})
NUMBER_COLUMNS = frozenset({COL_QUANTITY, COL_PRICE, COL_DISCOUNT, COL_TAX, COL_TOTAL})
ERROR_BACKGROUND = QColor("#fde2e1")
ERROR_TEXT = QColor("#a11d16")
HINT_TEXT = QColor("#8a929c")
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class EditLine:
    """One line as typed. ``unit_price`` None: not known yet; ``price_is_default``: the customer's
    price (follows the customer), otherwise typed by the user."""

    product: ProductChoice | None = None
    quantity: Decimal | None = None
    unit_price: Decimal | None = None
    price_is_default: bool = True
    discount_pct: Decimal = Decimal(0)
    description: str | None = None

    @property
    def blank(self) -> bool:
        return self.product is None and self.quantity is None and self.unit_price is None

    @property
    def total(self) -> Decimal | None:
        if self.quantity is None or self.unit_price is None:
            return None
        return line_total(self.quantity, self.unit_price, self.discount_pct)


def parse_number(text: str) -> Decimal | None:
    """A number as typed (``1,5`` or ``1.5``, grouping spaces ignored); raises ValueError if it is none."""
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        return None
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    cleaned = cleaned.replace(",", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as error:
        raise ValueError(text) from error
    if not value.is_finite():
        raise ValueError(text)
    return value


def format_quantity(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = f"{value:,.3f}".rstrip("0").rstrip(".")
    return text or "0"


def format_price(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = f"{value:,.4f}"
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0").ljust(2, "0")
    return f"{whole}.{fraction}"


def format_money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def format_percent(value: Decimal | None) -> str:
    return "" if value is None else format_quantity(value)


class OrderLinesModel(QAbstractTableModel):
    """The lines of the order form; see the module docstring."""

    price_wanted = Signal(int, int)    # row, product id
    totals_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._lines: list[EditLine] = [EditLine()]
        self._editable = True
        self._errors: dict[tuple[int, int], str] = {}
        self.retranslate()

    # -- Qt model interface ----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(section)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._editable and index.column() in EDITABLE_COLUMNS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        line = self._lines[row]
        error = self._errors.get((row, column))
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, line, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_text(line, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if error:
                return error
            if column == COL_PRODUCT and line.product is not None:
                return f"{line.product.sku} — {line.product.name}"
            if column == COL_PRICE and line.product is not None and not line.price_is_default:
                return self.tr("Price typed by hand (the customer's price would apply otherwise)")
            return None
        if role == Qt.ItemDataRole.BackgroundRole and error:
            return ERROR_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole:
            if error:
                return ERROR_TEXT
            if line.blank and column == COL_PRODUCT:
                return HINT_TEXT
            return None
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or not self._editable:
            return False
        row, column = index.row(), index.column()
        line = self._lines[row]
        if column == COL_PRODUCT:
            if not isinstance(value, ProductChoice):
                return False
            changed = replace(line, product=value, quantity=line.quantity if line.quantity is not None else Decimal(1),
                              unit_price=value.list_price if line.price_is_default or line.unit_price is None
                              else line.unit_price)
        else:
            try:
                number = parse_number(str(value))
            except ValueError:
                return False
            if column == COL_QUANTITY:
                changed = replace(line, quantity=number)
            elif column == COL_PRICE:
                changed = replace(line, unit_price=number, price_is_default=number is None)
            elif column == COL_DISCOUNT:
                changed = replace(line, discount_pct=number if number is not None else Decimal(0))
            else:
                return False
        self._replace(row, changed, clear_error=column)
        if column == COL_PRODUCT or (column == COL_PRICE and changed.price_is_default):
            if changed.product is not None:
                self.price_wanted.emit(row, changed.product.id)
        self._keep_blank_row()
        return True

    # -- what the form uses ------------------------------------------------------------------------
    def retranslate(self) -> None:
        self._headers = (self.tr("#"), self.tr("Product"), self.tr("Quantity"), self.tr("Unit"),
                         self.tr("Unit price"), self.tr("Discount %"), self.tr("Tax %"), self.tr("Line total"))
        self._hint = self.tr("Type a SKU or product name…")
        if self.rowCount():
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, COLUMN_COUNT - 1))

    def set_lines(self, lines: list[EditLine], editable: bool = True) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self._editable = editable
        self._errors = {}
        if editable:
            self._lines = [line for line in self._lines if not line.blank] + [EditLine()]
        self.endResetModel()
        self.totals_changed.emit()

    def lines(self) -> list[EditLine]:
        """The lines of the order (the blank row to type into left out)."""
        return [line for line in self._lines if not line.blank]

    def line_at(self, row: int) -> EditLine:
        return self._lines[row]

    @property
    def editable(self) -> bool:
        return self._editable

    def set_editable(self, editable: bool) -> None:
        if editable != self._editable:
            self.set_lines(self.lines(), editable)

    def set_prices(self, prices: dict[int, Decimal]) -> None:
        """The customer's prices: lines whose price follows the customer take them."""
        for row, line in enumerate(self._lines):
            if line.product is not None and line.price_is_default and line.product.id in prices:
                price = prices[line.product.id]
                if price != line.unit_price:
                    self._replace(row, replace(line, unit_price=price), clear_error=None)

    def product_ids_with_default_price(self) -> set[int]:
        return {line.product.id for line in self._lines if line.product is not None and line.price_is_default}

    def remove_row(self, row: int) -> None:
        if not 0 <= row < len(self._lines) or self._lines[row].blank:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._lines[row]
        self._errors = {}
        self.endRemoveRows()
        self.dataChanged.emit(self.index(0, 0), self.index(max(0, len(self._lines) - 1), COLUMN_COUNT - 1))
        self._keep_blank_row()
        self.totals_changed.emit()

    def set_errors(self, errors: dict[tuple[int, int], str]) -> None:
        """Messages per (row, column); replaces the previous ones."""
        touched = set(self._errors) | set(errors)
        self._errors = {key: message for key, message in errors.items() if 0 <= key[0] < len(self._lines)}
        for row, column in touched:
            if 0 <= row < len(self._lines):
                index = self.index(row, column)
                self.dataChanged.emit(index, index)

    def errors(self) -> dict[tuple[int, int], str]:
        return dict(self._errors)

    def totals(self) -> Totals:
        return order_totals((line.total, line.product.tax_rate) for line in self.lines()
                            if line.total is not None and line.product is not None)

    # -- internals -----------------------------------------------------------------------------------
    def _display(self, row: int, line: EditLine, column: int):
        if column == COL_NO:
            return "" if line.blank else str(row + 1)
        if column == COL_PRODUCT:
            if line.product is None:
                return self._hint if self._editable and line.blank else ""
            return f"{line.product.sku} — {line.product.name}"
        if column == COL_QUANTITY:
            return format_quantity(line.quantity)
        if column == COL_UOM:
            return line.product.uom if line.product is not None else ""
        if column == COL_PRICE:
            return format_price(line.unit_price)
        if column == COL_DISCOUNT:
            return "" if line.blank else format_percent(line.discount_pct)
        if column == COL_TAX:
            return format_percent(line.product.tax_rate) if line.product is not None else ""
        return format_money(line.total)

    def _edit_text(self, line: EditLine, column: int) -> str:
        if column == COL_PRODUCT:
            return line.product.sku if line.product is not None else ""
        if column == COL_QUANTITY:
            return "" if line.quantity is None else format_quantity(line.quantity).replace(",", "")
        if column == COL_PRICE:
            return "" if line.unit_price is None else format_price(line.unit_price).replace(",", "")
        if column == COL_DISCOUNT:
            return format_percent(line.discount_pct).replace(",", "")
        return ""

    def _replace(self, row: int, line: EditLine, clear_error: int | None) -> None:
        self._lines[row] = line
        if clear_error is not None:
            self._errors.pop((row, clear_error), None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))
        self.totals_changed.emit()

    def _keep_blank_row(self) -> None:
        if self._editable and (not self._lines or not self._lines[-1].blank):
            row = len(self._lines)
            self.beginInsertRows(QModelIndex(), row, row)
            self._lines.append(EditLine())
            self.endInsertRows()


def _alignment(column: int):
    if column in NUMBER_COLUMNS:
        return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    if column == COL_NO:
        return Qt.AlignmentFlag.AlignCenter
    return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
