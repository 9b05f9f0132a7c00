"""The progress dialog, driven like a planner: report a start and quantities, see them saved; a
wrong entry names the problem and saves nothing; a clerk only looks; screenshots EN and ZH."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from PySide6.QtCore import QDateTime, Qt

from app import i18n
from app.services.session_info import SessionInfo
from app.services.scheduling import store
from app.views.production.progress_dialog import ProgressDialog
from tests.production_support import cabinet_order, with_boms

PLANNER = SessionInfo(login="planner", display_name="Planner", roles=("op_planner",))
CLERK = SessionInfo(login="clerk", display_name="Zhang Wei", roles=("op_sales",))


@pytest.fixture
def wiring(company):
    """The wiring operation of a cabinet order for 2, scheduled."""
    with_boms(company)
    company.rows("UPDATE stock_level SET on_hand = 100 WHERE product_id = %s RETURNING id", company.ids["cu"])
    _, mo = cabinet_order(company, quantity=2)
    store.schedule_all(uow=company.uow("planner"))
    return company.scalar("SELECT id FROM production_operation WHERE production_order_id = %s AND seq = 10", mo)


@pytest.fixture
def open_dialog(company, qtbot):
    dialogs = []

    def open_(operation_id, who="planner", info=PLANNER):
        dialog = ProgressDialog(company.uow_factory(who), info, operation_id)
        qtbot.addWidget(dialog)
        dialogs.append(dialog)
        with qtbot.waitSignal(dialog.loaded, timeout=10_000):
            dialog.show()
        return dialog

    yield open_
    for dialog in dialogs:
        dialog.shutdown()


def test_a_planner_reports_a_start_and_quantities_and_they_are_saved(company, wiring, open_dialog, qtbot):
    dialog = open_dialog(wiring)
    assert dialog.save_button.isEnabled() and not dialog.started_edit.isEnabled()
    assert "MO-" in dialog.heading.text() and "Wiring" in dialog.heading.text()
    qtbot.mouseClick(dialog.started_check, Qt.MouseButton.LeftButton)
    dialog.started_edit.setDateTime(QDateTime.currentDateTime().addSecs(-3600))
    dialog.done_spin.setValue(1)
    dialog.scrap_spin.setValue(0.5)
    assert dialog.remaining.text() == "0.5 still to make"
    with qtbot.waitSignal(dialog.reported, timeout=15_000) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved.args[0].sales_order_status == "in_production"
    assert company.rows("SELECT status, quantity_done, quantity_scrap, updated_by FROM production_operation "
                        "WHERE id = %s", wiring) == [("in_progress", D("1.000"), D("0.500"),
                                                      company.logins["planner"].name)]
    assert dialog.result() == ProgressDialog.DialogCode.Accepted


def test_a_wrong_entry_names_the_problem_and_saves_nothing(company, wiring, open_dialog, qtbot):
    dialog = open_dialog(wiring)
    dialog.done_spin.setValue(2)
    dialog.scrap_spin.setValue(0)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.message_label.isVisible()
    assert dialog.message_label.text().startswith("Quantities are reported, so the operation has started")
    qtbot.mouseClick(dialog.started_check, Qt.MouseButton.LeftButton)
    assert not dialog.message_label.isVisible(), "editing clears the message"

    dialog.finished_check.setChecked(True)
    dialog.finished_edit.setDateTime(dialog.started_edit.dateTime().addSecs(-600))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.message_label.text() == "The operation cannot finish before it started."
    assert dialog.isVisible()
    assert company.scalar("SELECT status FROM production_operation WHERE id = %s", wiring) == "scheduled"


def test_a_report_that_lost_a_race_is_refused_and_reloaded(company, wiring, open_dialog, qtbot):
    dialog = open_dialog(wiring)
    company.rows("UPDATE production_operation SET actual_start = now() - interval '1 hour' WHERE id = %s "
                 "RETURNING id", wiring)
    qtbot.mouseClick(dialog.started_check, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.loaded, timeout=15_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "changed this operation meanwhile" in dialog.message_label.text()
    assert dialog.started_check.isChecked() and dialog.operation.status == "in_progress"


def test_a_clerk_sees_the_progress_but_cannot_change_it(wiring, open_dialog):
    dialog = open_dialog(wiring, who="clerk", info=CLERK)
    assert not dialog.save_button.isEnabled() and not dialog.done_spin.isEnabled()
    assert dialog.note_label.isVisible()


@pytest.mark.parametrize("language", [i18n.ENGLISH, i18n.CHINESE_SIMPLIFIED])
def test_progress_dialog_screenshot(company, wiring, open_dialog, qtbot, qapp, screenshot_dir, language):
    i18n.install_translators(qapp, language)
    dialog = open_dialog(wiring)
    dialog.started_check.setChecked(True)
    dialog.started_edit.setDateTime(QDateTime.currentDateTime().addSecs(-5400))
    dialog.done_spin.setValue(2)
    dialog.scrap_spin.setValue(1)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.message_label.isVisible()
    qtbot.wait(50)
    suffix = "en" if language == i18n.ENGLISH else "zh_CN"
    assert dialog.grab().save(str(screenshot_dir / f"progress_dialog_{suffix}.png"))
    if language == i18n.CHINESE_SIMPLIFIED:
        assert dialog.save_button.text() != "Save" and dialog.windowTitle() != "Report progress"
