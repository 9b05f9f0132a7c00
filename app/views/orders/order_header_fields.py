"""The header part of the order form: customer lookup, ship-to address, dates, priority, channel, notes.

Holds only what the user typed; the form turns it into an ``OrderInput``. Validation messages
are shown next to their field (red border and a message under it) via :meth:`show_errors`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDateEdit, QFormLayout, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QSizePolicy, QWidget)

from app.services.lookups import CustomerChoice
from app.services.orders import ShipTo
from app.views.orders.lookup_edit import LookupEdit
from app.views.orders.order_status import CHANNEL_ORDER, PRIORITIES, channel_label, priority_label
from app.views.orders.task_runner import TaskRunner

NO_DATE = QDate(2000, 1, 1)      # the requested date's "none" value
ERROR_COLOUR = "#a11d16"
HEADER_FIELDS = ("customer", "requested_date", "priority", "channel")


@dataclass(frozen=True)
class HeaderValues:
    customer: CustomerChoice | None
    ship_to: ShipTo
    requested_date: date | None
    priority: int
    channel: str
    customer_reference: str | None
    notes: str | None


def describe_customer(customer: CustomerChoice) -> tuple[str, str]:
    place = f"  ·  {customer.city}" if customer.city else ""
    return f"{customer.code}  ·  {customer.name}{place}", f"{customer.name} ({customer.code})"


class OrderHeaderFields(QWidget):
    """Header inputs of one order; ``changed`` on any edit, ``customer_chosen`` when one is picked."""

    changed = Signal()
    customer_chosen = Signal(object)

    def __init__(self, runner: TaskRunner, search_customers: Callable[[str], list], parent: QWidget | None = None):
        super().__init__(parent)
        self._ship_to_follows_customer = True
        self._loading = False
        self.customer_edit = LookupEdit(runner, search_customers, describe_customer, self, key="customer-lookup")
        self.customer_edit.setObjectName("customerLookup")
        self.ship_name = QLineEdit(objectName="shipToName")
        self.ship_address = QLineEdit(objectName="shipToAddress")
        self.ship_city = QLineEdit(objectName="shipToCity")
        self.ship_postal = QLineEdit(objectName="shipToPostalCode")
        self.ship_postal.setMaximumWidth(110)
        self.ship_country = QLineEdit(objectName="shipToCountry", maxLength=2)
        self.ship_country.setMaximumWidth(48)
        self.requested_edit = QDateEdit(objectName="requestedDate", calendarPopup=True)
        self.requested_edit.setDisplayFormat("yyyy-MM-dd")
        self.requested_edit.setMinimumDate(NO_DATE)
        self.requested_edit.setDate(NO_DATE)
        self.priority_combo = QComboBox(objectName="priority")
        for priority in PRIORITIES:
            self.priority_combo.addItem("", priority)
        self.priority_combo.setCurrentIndex(self.priority_combo.findData(3))   # normal
        self.channel_combo = QComboBox(objectName="channel")
        for channel in CHANNEL_ORDER:
            self.channel_combo.addItem("", channel)
        self.reference_edit = QLineEdit(objectName="customerReference")
        self.notes_edit = QPlainTextEdit(objectName="notes")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)

        self.error_labels: dict[str, QLabel] = {}
        self.field_widgets: dict[str, QWidget] = {
            "customer": self.customer_edit, "requested_date": self.requested_edit,
            "priority": self.priority_combo, "channel": self.channel_combo}
        for field in HEADER_FIELDS:
            label = QLabel(objectName=f"{field}Error", wordWrap=True)
            label.setStyleSheet(f"color: {ERROR_COLOUR};")
            label.hide()
            self.error_labels[field] = label
        self._build()
        self._connect()
        self.retranslate_ui()

    def _build(self) -> None:
        self.customer_label, self.ship_label, self.requested_label = QLabel(), QLabel(), QLabel()
        self.priority_label, self.channel_label, self.reference_label, self.notes_label = (
            QLabel(), QLabel(), QLabel(), QLabel())
        for label, buddy in ((self.customer_label, self.customer_edit), (self.ship_label, self.ship_name),
                             (self.requested_label, self.requested_edit), (self.priority_label, self.priority_combo),
                             (self.channel_label, self.channel_combo), (self.reference_label, self.reference_edit),
                             (self.notes_label, self.notes_edit)):
            label.setBuddy(buddy)

        left = QFormLayout()
        left.setHorizontalSpacing(10)
        left.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        left.addRow(self.customer_label, _stacked(self.customer_edit, self.error_labels["customer"]))
        left.addRow(self.ship_label, self.ship_name)
        left.addRow("", self.ship_address)
        place = QHBoxLayout()
        place.setSpacing(6)
        place.addWidget(self.ship_postal)
        place.addWidget(self.ship_city, 1)
        place.addWidget(self.ship_country)
        left.addRow("", place)

        right = QFormLayout()
        right.setHorizontalSpacing(10)
        right.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        right.addRow(self.requested_label, _stacked(self.requested_edit, self.error_labels["requested_date"]))
        right.addRow(self.priority_label, _stacked(self.priority_combo, self.error_labels["priority"]))
        right.addRow(self.channel_label, _stacked(self.channel_combo, self.error_labels["channel"]))
        right.addRow(self.reference_label, self.reference_edit)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(6)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        notes = QFormLayout()
        notes.setHorizontalSpacing(10)
        notes.addRow(self.notes_label, self.notes_edit)
        grid.addLayout(notes, 1, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        for widget in (self.requested_edit, self.priority_combo, self.channel_combo):
            widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        QWidget.setTabOrder(self.customer_edit, self.ship_name)
        for first, second in ((self.ship_name, self.ship_address), (self.ship_address, self.ship_postal),
                              (self.ship_postal, self.ship_city), (self.ship_city, self.ship_country),
                              (self.ship_country, self.requested_edit), (self.requested_edit, self.priority_combo),
                              (self.priority_combo, self.channel_combo), (self.channel_combo, self.reference_edit),
                              (self.reference_edit, self.notes_edit)):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        self.customer_edit.chosen.connect(self._on_customer_chosen)
        self.customer_edit.textEdited.connect(lambda _t: self._on_edit())
        for edit in (self.ship_name, self.ship_address, self.ship_city, self.ship_postal, self.ship_country):
            edit.textEdited.connect(self._on_ship_to_edited)
        self.reference_edit.textEdited.connect(lambda _t: self._on_edit())
        self.notes_edit.textChanged.connect(lambda: self._on_edit())
        self.requested_edit.dateChanged.connect(lambda _d: self._on_edit("requested_date"))
        self.priority_combo.currentIndexChanged.connect(lambda _i: self._on_edit("priority"))
        self.channel_combo.currentIndexChanged.connect(lambda _i: self._on_edit("channel"))

    def retranslate_ui(self) -> None:
        self.customer_label.setText(self.tr("&Customer"))
        self.customer_edit.setPlaceholderText(self.tr("Type a customer name or code…"))
        self.ship_label.setText(self.tr("S&hip to"))
        self.ship_name.setPlaceholderText(self.tr("Name"))
        self.ship_address.setPlaceholderText(self.tr("Street and number"))
        self.ship_postal.setPlaceholderText(self.tr("Postal code"))
        self.ship_city.setPlaceholderText(self.tr("City"))
        self.ship_country.setPlaceholderText(self.tr("CN"))
        self.requested_label.setText(self.tr("&Requested date"))
        self.requested_edit.setSpecialValueText(self.tr("None"))
        self.priority_label.setText(self.tr("&Priority"))
        self.channel_label.setText(self.tr("Channe&l"))
        self.reference_label.setText(self.tr("Customer re&ference"))
        self.notes_label.setText(self.tr("&Notes"))
        for index in range(self.priority_combo.count()):
            self.priority_combo.setItemText(index, priority_label(self.priority_combo.itemData(index)))
        for index in range(self.channel_combo.count()):
            self.channel_combo.setItemText(index, channel_label(self.channel_combo.itemData(index)))

    # -- values ------------------------------------------------------------------------------------
    def values(self) -> HeaderValues:
        requested = self.requested_edit.date()
        return HeaderValues(
            customer=self.customer_edit.choice,
            ship_to=ShipTo(name=_text(self.ship_name), address1=_text(self.ship_address), city=_text(self.ship_city),
                           postal_code=_text(self.ship_postal),
                           country=(_text(self.ship_country) or "").upper() or None,
                           address2=self._ship_extra[0], region=self._ship_extra[1]),
            requested_date=None if requested == NO_DATE else date(requested.year(), requested.month(), requested.day()),
            priority=self.priority_combo.currentData(),
            channel=self.channel_combo.currentData(),
            customer_reference=_text(self.reference_edit),
            notes=self.notes_edit.toPlainText().strip() or None)

    def set_values(self, values: HeaderValues) -> None:
        self._loading = True
        try:
            self.customer_edit.set_choice(values.customer)
            self._show_ship_to(values.ship_to)
            self._ship_to_follows_customer = values.customer is None
            wanted = values.requested_date
            self.requested_edit.setDate(QDate(wanted.year, wanted.month, wanted.day) if wanted else NO_DATE)
            self.priority_combo.setCurrentIndex(max(0, self.priority_combo.findData(values.priority)))
            channel = self.channel_combo.findData(values.channel)
            if channel < 0:   # an imported order's channel: shown, not offered for new orders
                self.channel_combo.addItem(channel_label(values.channel), values.channel)
                channel = self.channel_combo.count() - 1
            self.channel_combo.setCurrentIndex(channel)
            self.reference_edit.setText(values.customer_reference or "")
            self.notes_edit.setPlainText(values.notes or "")
        finally:
            self._loading = False
        self.clear_errors()

    def set_editable(self, editable: bool) -> None:
        for edit in (self.customer_edit, self.ship_name, self.ship_address, self.ship_city, self.ship_postal,
                     self.ship_country, self.reference_edit):
            edit.setReadOnly(not editable)
        self.notes_edit.setReadOnly(not editable)
        self.requested_edit.setReadOnly(not editable)
        self.requested_edit.setCalendarPopup(editable)
        for combo in (self.priority_combo, self.channel_combo):
            combo.setEnabled(editable)

    # -- errors ------------------------------------------------------------------------------------
    def show_errors(self, errors: dict[str, str]) -> None:
        """Messages per header field ("customer", "requested_date", ...); others are left alone."""
        for field in HEADER_FIELDS:
            message = errors.get(field)
            label = self.error_labels[field]
            label.setText(message or "")
            label.setVisible(bool(message))
            _mark_invalid(self.field_widgets[field], bool(message))

    def clear_errors(self, field: str | None = None) -> None:
        for name in HEADER_FIELDS if field is None else (field,):
            if name in self.error_labels:
                self.error_labels[name].hide()
                _mark_invalid(self.field_widgets[name], False)

    # -- internals ---------------------------------------------------------------------------------
    _ship_extra: tuple[str | None, str | None] = (None, None)   # address2 and region: kept, not shown

    def _show_ship_to(self, ship_to: ShipTo) -> None:
        self.ship_name.setText(ship_to.name or "")
        self.ship_address.setText(ship_to.address1 or "")
        self.ship_city.setText(ship_to.city or "")
        self.ship_postal.setText(ship_to.postal_code or "")
        self.ship_country.setText(ship_to.country or "")
        self._ship_extra = (ship_to.address2, ship_to.region)

    def _on_customer_chosen(self, customer: CustomerChoice | None) -> None:
        self.clear_errors("customer")
        if customer is not None and self._ship_to_follows_customer:
            self._show_ship_to(customer.ship_to)
        self.customer_chosen.emit(customer)
        self.changed.emit()

    def _on_ship_to_edited(self, _text: str) -> None:
        self._ship_to_follows_customer = False
        self._on_edit()

    def _on_edit(self, field: str | None = None) -> None:
        if self._loading:
            return
        if field in self.error_labels:
            self.clear_errors(field)
        self.changed.emit()


def _text(edit: QLineEdit) -> str | None:
    return edit.text().strip() or None


def _stacked(field: QWidget, message: QLabel) -> QWidget:
    """A field with its error message right under it."""
    box = QWidget()
    column = QFormLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setVerticalSpacing(2)
    column.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    column.addRow(field)
    column.addRow(message)
    message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return box


def _mark_invalid(widget: QWidget, invalid: bool) -> None:
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()
