"""The planner's commands on the production board: schedule open work, check deviations, plan
replenishment, open the purchase suggestions.

Each command is a ``QAction`` (with a shortcut) that runs its service on a worker thread, never on
the UI thread; while one runs, ``busy_changed(True, what)`` lets the board show a busy indicator
and the commands are disabled. The outcome comes back as one sentence in ``message(text, kind)``
(kind ``info`` or ``error``); ``plan_changed`` asks the board to read the plan again. The
database decides what the login may do; the board only offers these to planners and managers.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLocale, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence

from app.services.errors import OrderPilotError
from app.services.production_deviations import DeviationCheck, check_deviations
from app.services.production_orders import ReplenishmentOrder, create_replenishment_orders
from app.services.scheduling.store import OpenWorkPlan, schedule_open_work
from app.views.widgets.query_runner import QueryRunner, error_text

SHORTCUTS = {"schedule": "Ctrl+Shift+S", "deviations": "Ctrl+Shift+D", "replenish": "Ctrl+Shift+R",
             "purchases": "Ctrl+Shift+P"}
#: Production order numbers named in a sentence before it says only how many.
NAMED_AT_MOST = 3


class PlannerActions(QObject):
    """The board's planning commands for ``uow_factory``'s login; add ``actions()`` to a widget."""

    message = Signal(str, str)          # one sentence, "info" or "error"
    busy_changed = Signal(bool, str)    # running, what runs
    plan_changed = Signal()             # operations or orders changed: read the plan again
    alerts_changed = Signal()           # alerts raised or resolved: read them again
    purchases_requested = Signal()

    def __init__(self, uow_factory: Callable, parent: QObject | None = None):
        super().__init__(parent)
        self._uow_factory = uow_factory
        self.runner = QueryRunner(self)
        self.running = ""
        self.schedule_action = self._action("schedule", "scheduleOpenWork", self.schedule_open_work)
        self.deviations_action = self._action("deviations", "checkDeviations", self.check_deviations)
        self.replenish_action = self._action("replenish", "planReplenishment", self.plan_replenishment)
        self.purchases_action = self._action("purchases", "purchaseSuggestions", self.purchases_requested.emit)
        self.retranslate()

    def _action(self, key: str, name: str, slot) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(SHORTCUTS[key]))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def actions(self) -> list[QAction]:
        return [self.schedule_action, self.deviations_action, self.replenish_action, self.purchases_action]

    def retranslate(self) -> None:
        texts = ((self.schedule_action, self.tr("Schedule open work"),
                  self.tr("Give every operation without a slot one; the rest of the plan moves only where it must")),
                 (self.deviations_action, self.tr("Check deviations"),
                  self.tr("Look for late orders, overloaded lines, work behind plan and missing material")),
                 (self.replenish_action, self.tr("Plan replenishment"),
                  self.tr("Create production orders for made-to-stock products below their reorder point")),
                 (self.purchases_action, self.tr("Purchase suggestions…"),
                  self.tr("Components production is short of, per product and supplier, to order or cover")))
        for action, text, tip in texts:
            action.setText(text)
            action.setToolTip(f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")

    # -- commands --------------------------------------------------------------------------------
    def schedule_open_work(self) -> None:
        self._run(self.tr("Scheduling open work…"), lambda: schedule_open_work(uow=self._uow_factory()),
                  self._scheduled)

    def check_deviations(self) -> None:
        self._run(self.tr("Checking deviations…"), lambda: check_deviations(uow=self._uow_factory()),
                  self._checked)

    def plan_replenishment(self) -> None:
        self._run(self.tr("Planning replenishment…"), lambda: create_replenishment_orders(uow=self._uow_factory()),
                  self._replenished)

    def shutdown(self) -> None:
        self.runner.shutdown()

    # -- running ---------------------------------------------------------------------------------
    def _run(self, what: str, work: Callable, on_done: Callable) -> None:
        if self.running:
            return
        self.running = what
        self._set_enabled(False)
        self.busy_changed.emit(True, what)
        self.runner.submit(work, lambda result: self._done(on_done, result), self._failed)

    def _finish(self) -> None:
        self.running = ""
        self._set_enabled(True)
        self.busy_changed.emit(False, "")

    def _done(self, on_done: Callable, result) -> None:
        self._finish()
        on_done(result)

    def _failed(self, error: Exception) -> None:
        self._finish()
        text = str(error) if isinstance(error, OrderPilotError) else error_text(error)
        self.message.emit(self.tr("That did not work: %1").replace("%1", text), "error")

    def _set_enabled(self, enabled: bool) -> None:
        for action in self.actions()[:3]:
            action.setEnabled(enabled)

    # -- outcomes, one sentence each -------------------------------------------------------------
    def _scheduled(self, plan: OpenWorkPlan) -> None:
        if plan.saved is None:
            self.message.emit(self.tr("Nothing was waiting to be scheduled; every open operation has a slot."), "info")
            return
        clauses = [_count(plan.placed_operations, self.tr("Scheduled 1 waiting operation"),
                          self.tr("Scheduled %1 waiting operations"))]
        if plan.unplaced_operations:
            clauses.append(_count(plan.unplaced_operations, self.tr("1 could not be placed"),
                                  self.tr("%1 could not be placed")))
        late = len(plan.saved.late)
        if late:
            clauses.append(_count(late, self.tr("1 order is expected after its promised date"),
                                  self.tr("%1 orders are expected after their promised date")))
        self.message.emit(self._sentence(clauses), "error" if plan.placed_operations == 0 else "info")
        self.plan_changed.emit()
        self.alerts_changed.emit()

    def _checked(self, check: DeviationCheck) -> None:
        raised = sum(len(ids) for ids in check.raised.values())
        clauses = [self.tr("Deviations checked: no new alerts") if raised == 0 else
                   _count(raised, self.tr("Deviations checked: 1 new alert"),
                          self.tr("Deviations checked: %1 new alerts"))]
        if check.resolved:
            clauses.append(_count(check.resolved, self.tr("1 alert resolved"), self.tr("%1 alerts resolved")))
        self.message.emit(self._sentence(clauses), "info")
        self.alerts_changed.emit()

    def _replenished(self, created: list[ReplenishmentOrder]) -> None:
        if not created:
            self.message.emit(self.tr("No made-to-stock product is below its reorder point; "
                                      "no production order was created."), "info")
            return
        numbers = ", ".join(order.production_no for order in created[:NAMED_AT_MOST])
        if len(created) > NAMED_AT_MOST:
            numbers += ", …"
        clauses = [_count(len(created), self.tr("Created 1 replenishment order (%2)"),
                          self.tr("Created %1 replenishment orders (%2)")).replace("%2", numbers)]
        short = sum(1 for order in created if order.short_components)
        if short:
            clauses.append(_count(short, self.tr("1 of them is short of components"),
                                  self.tr("%1 of them are short of components")))
        clauses.append(self.tr("use Schedule open work to give them slots"))
        self.message.emit(self._sentence(clauses), "info")
        self.alerts_changed.emit()

    def _sentence(self, clauses: list[str]) -> str:
        text = clauses[0]
        for clause in clauses[1:]:
            text = self.tr("%1; %2").replace("%1", text, 1).replace("%2", clause, 1)
        return self.tr("%1.").replace("%1", text)


def _count(n: int, one: str, many: str) -> str:
    """``one`` for 1, else ``many`` with ``%1`` as the number in the user's locale."""
    return one if n == 1 else many.replace("%1", QLocale().toString(n))
