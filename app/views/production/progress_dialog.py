"""Report progress of one operation: quantity done, scrap, when it started and finished.

Opened from the Gantt board (or wherever an operation is shown) with the operation id. The
operation loads on a worker thread; the figures are checked here first (the same rules the
server guards) so the message names the field; saving runs on a worker thread too and may take a
moment when it completes the production order (stock receipt, order ready to ship). Only planners
report progress; everyone else sees the figures read-only. Every refusal is one sentence under
the form; nothing is half-saved.
"""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

from PySide6.QtCore import QDateTime, QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QCheckBox, QDateTimeEdit, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout,
                               QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget)

from app.services.errors import NotAllowed, NotEditable, OrderPilotError, StaleOrder
from app.services.production_progress import CLOCK_TOLERANCE, OperationProgress, load_progress, report_progress
from app.views.orders.task_runner import TaskRunner

_ERROR_STYLE = "color: #b3261e;"
_NOTE_STYLE = "color: #55606e;"
_REPORTING_ROLES = ("op_planner", "op_manager")
_FORMAT = "yyyy-MM-dd HH:mm"


def _qt(moment: datetime | None) -> QDateTime:
    if moment is None:
        return QDateTime.currentDateTime()
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def _py(moment: QDateTime) -> datetime:
    return datetime.fromtimestamp(moment.toSecsSinceEpoch(), tz=timezone.utc)


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"


class ProgressDialog(QDialog):
    """``ProgressDialog(uow_factory, session, operation_id, parent=None)``.

    ``loaded`` fires when the operation is shown, ``reported(ProgressOutcome)`` after a save (the
    dialog then closes as accepted). Call ``shutdown()`` before the engine goes away.
    """

    loaded = Signal()
    reported = Signal(object)

    def __init__(self, uow_factory, session, operation_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressDialog")
        self._uow_factory = uow_factory
        self._session = session
        self.operation_id = operation_id
        self.operation: OperationProgress | None = None
        self._message: tuple | None = None     # (callable giving the text, field) to retranslate
        self.may_report = any(session.has_role(role) for role in _REPORTING_ROLES)
        self._runner = TaskRunner(self, threads=1)
        self._runner.busy_changed.connect(self._on_busy)
        self._build()
        self.retranslate_ui()
        self._set_editable(False)
        self.reload()

    # -- construction ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.heading = QLabel(objectName="progressHeading", wordWrap=True)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.details = QLabel(objectName="progressDetails", wordWrap=True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.last_change = QLabel(objectName="progressLastChange", wordWrap=True)
        self.last_change.setStyleSheet(_NOTE_STYLE)

        self.done_spin = QDoubleSpinBox(objectName="quantityDone", decimals=3)
        self.scrap_spin = QDoubleSpinBox(objectName="quantityScrap", decimals=3)
        for spin in (self.done_spin, self.scrap_spin):
            spin.setMinimumWidth(140)
            spin.valueChanged.connect(self._on_edited)
        self.remaining = QLabel(objectName="progressRemaining")
        self.remaining.setStyleSheet(_NOTE_STYLE)
        self.started_check = QCheckBox(objectName="startedCheck")
        self.finished_check = QCheckBox(objectName="finishedCheck")
        self.started_edit = QDateTimeEdit(objectName="startedAt", displayFormat=_FORMAT, calendarPopup=True)
        self.finished_edit = QDateTimeEdit(objectName="finishedAt", displayFormat=_FORMAT, calendarPopup=True)
        self.started_check.toggled.connect(self._on_started_toggled)
        self.finished_check.toggled.connect(self._on_finished_toggled)
        for edit in (self.started_edit, self.finished_edit):
            edit.dateTimeChanged.connect(self._on_edited)

        self.done_label, self.scrap_label = QLabel(), QLabel()
        self.done_label.setBuddy(self.done_spin)
        self.scrap_label.setBuddy(self.scrap_spin)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.done_label, self._row(self.done_spin, self.remaining))
        form.addRow(self.scrap_label, self._row(self.scrap_spin))
        form.addRow(self.started_check, self._row(self.started_edit))
        form.addRow(self.finished_check, self._row(self.finished_edit))

        self.message_label = QLabel(objectName="progressMessage", wordWrap=True)
        self.message_label.setStyleSheet(_ERROR_STYLE)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.hide()
        self.note_label = QLabel(objectName="progressNote", wordWrap=True)
        self.note_label.setStyleSheet(_NOTE_STYLE)
        self.note_label.hide()

        self.buttons = QDialogButtonBox()
        self.save_button = QPushButton(objectName="saveProgress")
        self.save_button.setDefault(True)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.details)
        layout.addWidget(self.last_change)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(self.note_label)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.done_spin, self.scrap_spin)
        self.setTabOrder(self.scrap_spin, self.started_check)
        self.setTabOrder(self.started_check, self.started_edit)
        self.setTabOrder(self.started_edit, self.finished_check)
        self.setTabOrder(self.finished_check, self.finished_edit)
        self.setMinimumWidth(480)

    @staticmethod
    def _row(*widgets: QWidget) -> QWidget:
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            box.addWidget(widget)
        box.addStretch(1)
        return row

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Report progress"))
        self.done_label.setText(self.tr("Quantity &done:"))
        self.scrap_label.setText(self.tr("&Scrap:"))
        self.started_check.setText(self.tr("S&tarted at:"))
        self.finished_check.setText(self.tr("&Finished at:"))
        self.save_button.setText(self.tr("Save"))
        self.close_button.setText(self.tr("Cancel"))
        self.note_label.setText(self.tr("Only planners report progress; you can look but not change it."))
        self._show_operation()
        if self._message is not None:
            self.message_label.setText(self._message[0]())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- loading -------------------------------------------------------------------------------------
    def reload(self) -> None:
        operation_id, factory = self.operation_id, self._uow_factory
        self._runner.run("load", lambda: load_progress(operation_id, uow=factory()), self._on_loaded, self._on_error)

    def _on_loaded(self, operation: OperationProgress) -> None:
        self.operation = operation
        self._filling = True
        for spin in (self.done_spin, self.scrap_spin):
            spin.setMaximum(float(operation.quantity))
        self.done_spin.setValue(float(operation.quantity_done))
        self.scrap_spin.setValue(float(operation.quantity_scrap))
        self.started_check.setChecked(operation.actual_start is not None)
        self.finished_check.setChecked(operation.actual_end is not None)
        self.started_edit.setDateTime(_qt(operation.actual_start))
        self.finished_edit.setDateTime(_qt(operation.actual_end))
        self._filling = False
        self._show_operation()
        editable = self.may_report and operation.editable
        self._set_editable(editable)
        self.note_label.setVisible(not self.may_report)
        if self.may_report and not operation.editable:
            self._show_message(lambda: self.tr("This production order is finished and in stock (or cancelled); "
                                               "its progress can no longer be changed."))
        self.loaded.emit()

    def _show_operation(self) -> None:
        op = self.operation
        if op is None:
            self.heading.setText(self.tr("Loading the operation…"))
            self.details.clear()
            self.last_change.clear()
            return
        self.heading.setText(self.tr("%1 · operation %2 %3").replace("%1", op.production_no)
                             .replace("%2", str(op.seq)).replace("%3", op.name))
        lines = [self.tr("%1 %2: %3 ordered").replace("%1", op.sku).replace("%2", op.product_name)
                 .replace("%3", _number(op.quantity))]
        if op.order_no:
            lines.append(self.tr("For order %1").replace("%1", op.order_no))
        if op.planned_start is not None:
            lines.append(self.tr("Planned on %1 from %2 to %3").replace("%1", op.line_code or "—")
                         .replace("%2", _qt(op.planned_start).toString(_FORMAT))
                         .replace("%3", _qt(op.planned_end).toString(_FORMAT) if op.planned_end else "—"))
        else:
            lines.append(self.tr("Not scheduled yet"))
        lines.append(self.tr("Status: %1").replace("%1", self._status_text(op.status)))
        self.details.setText("\n".join(lines))
        self.last_change.setText(self.tr("Last changed by %1 on %2").replace("%1", op.updated_by_name)
                                 .replace("%2", _qt(op.updated_at).toString(_FORMAT)))
        self._update_remaining()

    def _status_text(self, status: str) -> str:
        return {"pending": self.tr("not scheduled"), "scheduled": self.tr("scheduled"),
                "in_progress": self.tr("in progress"), "done": self.tr("done")}.get(status, status)

    # -- editing -------------------------------------------------------------------------------------
    _filling = False

    def _set_editable(self, editable: bool) -> None:
        for widget in (self.done_spin, self.scrap_spin, self.started_check, self.finished_check):
            widget.setEnabled(editable)
        self.started_edit.setEnabled(editable and self.started_check.isChecked())
        self.finished_edit.setEnabled(editable and self.finished_check.isChecked())
        self.save_button.setEnabled(editable)

    def _on_started_toggled(self, on: bool) -> None:
        self.started_edit.setEnabled(on and self.save_button.isEnabled())
        if on and not self._filling and self.operation is not None and self.operation.actual_start is None:
            self.started_edit.setDateTime(QDateTime.currentDateTime())
        if not on and self.finished_check.isChecked():
            self.finished_check.setChecked(False)
        self._on_edited()

    def _on_finished_toggled(self, on: bool) -> None:
        self.finished_edit.setEnabled(on and self.save_button.isEnabled())
        if on and not self._filling:
            if self.operation is not None and self.operation.actual_end is None:
                self.finished_edit.setDateTime(QDateTime.currentDateTime())
            if not self.started_check.isChecked():
                self.started_check.setChecked(True)
        self._on_edited()

    def _on_edited(self, *_) -> None:
        self._update_remaining()
        if not self._filling and self._message is not None:
            self._clear_message()

    def _update_remaining(self) -> None:
        if self.operation is None:
            self.remaining.clear()
            return
        left = self.operation.quantity - self._quantity(self.done_spin) - self._quantity(self.scrap_spin)
        self.remaining.setText(self.tr("%1 still to make").replace("%1", _number(max(left, Decimal(0)))))

    @staticmethod
    def _quantity(spin: QDoubleSpinBox) -> Decimal:
        return Decimal(str(round(spin.value(), 3)))

    def problem(self) -> tuple[str, QWidget] | None:
        """The first rule the entry breaks, as (sentence, widget), or None."""
        op = self.operation
        done, scrap = self._quantity(self.done_spin), self._quantity(self.scrap_spin)
        started = _py(self.started_edit.dateTime()) if self.started_check.isChecked() else None
        finished = _py(self.finished_edit.dateTime()) if self.finished_check.isChecked() else None
        now = datetime.now(timezone.utc)
        if done + scrap > op.quantity:
            return (self.tr("Done and scrapped together cannot be more than the %1 ordered.")
                    .replace("%1", _number(op.quantity)), self.done_spin)
        if started is None and done + scrap > 0:
            return self.tr("Quantities are reported, so the operation has started: tick Started at and give "
                           "the time."), self.started_check
        if finished is not None and finished < started:
            return self.tr("The operation cannot finish before it started."), self.finished_edit
        for moment, widget in ((started, self.started_edit), (finished, self.finished_edit)):
            if moment is not None and moment > now + CLOCK_TOLERANCE:
                return self.tr("Start and finish cannot be in the future."), widget
        return None

    # -- saving --------------------------------------------------------------------------------------
    def save(self) -> None:
        if self.operation is None or not self.save_button.isEnabled():
            return
        found = self.problem()
        if found is not None:
            text, widget = found
            self._show_message(lambda: text)
            widget.setFocus()
            return
        op, factory = self.operation, self._uow_factory
        values = {"quantity_done": self._quantity(self.done_spin), "quantity_scrap": self._quantity(self.scrap_spin),
                  "started_at": _py(self.started_edit.dateTime()) if self.started_check.isChecked() else None,
                  "finished_at": _py(self.finished_edit.dateTime()) if self.finished_check.isChecked() else None}
        self._runner.run("save", lambda: report_progress(op.operation_id, op.version, uow=factory(), **values),
                         self._on_saved, self._on_error)

    def _on_saved(self, outcome) -> None:
        self.operation = outcome.operation
        self.reported.emit(outcome)
        self.accept()

    def _on_error(self, error: Exception) -> None:
        if isinstance(error, StaleOrder):
            who = error.changed_by or ""
            self._show_message(lambda: self.tr("Someone else (%1) changed this operation meanwhile; it was reloaded. "
                                               "Check the figures and save again.").replace("%1", who))
            self.reload()
        elif isinstance(error, NotAllowed):
            self._show_message(lambda: self.tr("Your login may not report progress; planners do."))
        elif isinstance(error, NotEditable):
            self._show_message(lambda: self.tr("This production order is finished and in stock (or cancelled); "
                                               "its progress can no longer be changed."))
        elif isinstance(error, OrderPilotError):
            message = str(error)
            self._show_message(lambda: message)
        else:
            self._show_message(lambda: self.tr("The progress could not be saved: the database did not answer. "
                                               "Try again."))

    def _show_message(self, text) -> None:
        self._message = (text, None)
        self.message_label.setText(text())
        self.message_label.show()

    def _clear_message(self) -> None:
        self._message = None
        self.message_label.hide()

    def _on_busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy and self.may_report and self.operation is not None
                                    and self.operation.editable)

    # -- lifetime --------------------------------------------------------------------------------------
    def shutdown(self) -> None:
        self._runner.shutdown()

    def done(self, result: int) -> None:
        self._runner.cancel("load")
        super().done(result)
