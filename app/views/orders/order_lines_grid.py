"""The order form's line grid: the table view with its cell editors, and saved lines turned back
into grid lines (used by app/views/orders/order_form.py)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QTableView

from app.services.lookups import ProductChoice
from app.services.orders import OrderSummary
from app.views.orders.line_delegates import NumberDelegate, ProductDelegate
from app.views.orders.order_lines_model import (COL_DISCOUNT, COL_NO, COL_PRICE, COL_PRODUCT, COL_QUANTITY, COL_TAX,
                                                COL_TOTAL, COL_UOM, EditLine, OrderLinesModel)
from app.views.orders.task_runner import TaskRunner

COLUMN_WIDTHS = {COL_NO: 36, COL_QUANTITY: 90, COL_UOM: 56, COL_PRICE: 110, COL_DISCOUNT: 92, COL_TAX: 64,
                 COL_TOTAL: 120}


class LinesTableView(QTableView):
    """The line grid: type into a cell to edit it (product lookup, numbers); Tab moves on."""

    def __init__(self, model: OrderLinesModel, runner: TaskRunner, search_products: Callable[[str], list]):
        super().__init__()
        self.setObjectName("orderLines")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.SelectedClicked)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.product_delegate = ProductDelegate(runner, search_products, self)
        self.number_delegate = NumberDelegate(self)
        self.setItemDelegateForColumn(COL_PRODUCT, self.product_delegate)
        for column in (COL_QUANTITY, COL_PRICE, COL_DISCOUNT):
            self.setItemDelegateForColumn(column, self.number_delegate)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(COL_PRODUCT, QHeaderView.ResizeMode.Stretch)
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        self.setMinimumHeight(self.verticalHeader().defaultSectionSize() * 6)

    def commit_open_editor(self) -> None:
        """Commit a cell that is still being edited (before a save)."""
        editor = QApplication.focusWidget()
        if self.state() == QAbstractItemView.State.EditingState and editor is not None and self.isAncestorOf(editor):
            self.commitData(editor)
            self.closeEditor(editor, self.itemDelegate().EndEditHint.NoHint)


def lines_from_summary(order: OrderSummary, products: dict[int, ProductChoice],
                       defaults: list[bool] | None = None) -> list[EditLine]:
    """The order's saved lines as grid lines (known product records kept, for their unit)."""
    lines = []
    for number, line in enumerate(order.lines):
        product = products.get(line.product_id) or ProductChoice(
            line.product_id, line.sku, line.product_name, "", line.tax_rate, line.unit_price)
        if product.tax_rate != line.tax_rate:
            product = ProductChoice(product.id, product.sku, product.name, product.uom, line.tax_rate,
                                    product.list_price)
        is_default = defaults[number] if defaults is not None and number < len(defaults) else False
        lines.append(EditLine(product=product, quantity=line.quantity, unit_price=line.unit_price,
                              price_is_default=is_default, discount_pct=line.discount_pct))
    return lines
