"""Cell editors of the order form's line grid: a product lookup and plain number fields.

The product editor is a :class:`LookupEdit` searching products on the server; picking one
commits it at once and moves on to the quantity. Number editors accept digits with one decimal
separator (``.`` or ``,``), so nothing unreadable reaches the model.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QAbstractItemDelegate, QLineEdit, QStyledItemDelegate, QWidget

from app.services.lookups import ProductChoice
from app.views.orders.lookup_edit import LookupEdit
from app.views.orders.task_runner import TaskRunner

NUMBER_PATTERN = QRegularExpression(r"^\d{0,12}([.,]\d{0,4})?$")


def describe_product(product: ProductChoice) -> tuple[str, str]:
    return f"{product.sku}  ·  {product.name}", product.sku


class ProductDelegate(QStyledItemDelegate):
    """Edits the Product column with a server-side lookup (SKU or name)."""

    def __init__(self, runner: TaskRunner, search: Callable[[str], list], parent=None):
        super().__init__(parent)
        self._runner = runner
        self._search = search

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        editor = LookupEdit(self._runner, self._search, describe_product, parent, key="product-lookup")
        editor.setObjectName("productLookup")
        editor.setFrame(False)
        editor.chosen.connect(lambda product, e=editor: self._on_chosen(e, product))
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        if isinstance(editor, LookupEdit) and not editor.text():
            editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")
            editor.selectAll()

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        if isinstance(editor, LookupEdit) and editor.choice is not None:
            model.setData(index, editor.choice, Qt.ItemDataRole.EditRole)

    def _on_chosen(self, editor: LookupEdit, product) -> None:
        if product is None:
            return
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.EditNextItem)


class NumberDelegate(QStyledItemDelegate):
    """Edits quantities, prices and discounts as plain numbers."""

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setValidator(QRegularExpressionValidator(NUMBER_PATTERN, editor))
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.selectAll()

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
