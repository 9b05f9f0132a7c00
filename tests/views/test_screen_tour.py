"""A tour of every screen with real demo data, in English and Chinese, saved as screenshots.

The pictures land in artifacts/screenshots/tour/ for a person to look at (Chinese renders,
nothing clipped or overlapping). Each test also asserts that the screen shows the demo data it
was given, so a blank or broken screen fails here instead of only looking wrong.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app import i18n
from app.db.engine import make_engine, unit_of_work_factory
from app.live.feed import LiveFeed
from app.services.demo_data import load_demo_data
from app.services.users import load_session_info
from app.views.areas import AREA_KEYS
from app.views.main_window import MainWindow
from app.views.workspace import Workspace
from tests.live.conftest import start_listener  # noqa: F401 - fixture

DEMO_ORDERS = 400
LANGUAGES = {"en": i18n.ENGLISH, "zh": i18n.CHINESE_SIMPLIFIED}


@pytest.fixture(scope="module")
def demo_db(pg_server):
    """One database with demo data for the whole tour (loading it per test would dominate)."""
    import secrets

    name = f"op_tour_{secrets.token_hex(4)}"
    admin = pg_server.admin_connection()
    with admin.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{name}" TEMPLATE "{pg_server.template}" STRATEGY FILE_COPY')
    engine = make_engine(pg_server.url(name))
    load_demo_data(engine, orders=DEMO_ORDERS, seed=3)
    engine.dispose()
    yield pg_server, name
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


@pytest.fixture
def open_workspace(qtbot, demo_db, start_listener):  # noqa: F811
    opened = []

    def open_as(login: str) -> tuple[MainWindow, Workspace]:
        server, name = demo_db
        engine = make_engine(server.url(name, user=login))
        opened.append(engine)
        uow_factory = unit_of_work_factory(engine)
        session = load_session_info(uow=uow_factory(), server_label="demo")
        window = MainWindow(session)
        qtbot.addWidget(window)
        listener, _ = start_listener(server.url(name, user=login))
        window.set_connection_state(listener.state)
        feed = LiveFeed(listener, parent=window)
        workspace = Workspace(window, uow_factory, feed)
        window.resize(1440, 900)
        window.show()
        qtbot.waitExposed(window)
        opened.append(workspace)
        return window, workspace

    yield open_as
    for item in reversed(opened):
        if isinstance(item, Workspace):
            item.shutdown()
        else:
            item.dispose()


def snap(qtbot, window, path) -> None:
    qtbot.wait(400)  # let loaders deliver and the view settle
    QApplication.processEvents()
    assert window.grab().save(str(path))


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_area_as_the_manager(qtbot, qapp, open_workspace, screenshot_dir, language):
    i18n.install_translators(qapp, LANGUAGES[language])
    window, workspace = open_workspace("demo_manager")
    folder = screenshot_dir / "tour"
    folder.mkdir(exist_ok=True)
    qtbot.waitUntil(lambda: workspace.orders.list_page.model.rowCount() > 0, timeout=15_000)
    for number, key in enumerate(AREA_KEYS, start=1):
        window.set_current_area(key)
        snap(qtbot, window, folder / f"{number}_{key}_{language}.png")

    window.set_current_area("orders")
    order_id = workspace.orders.list_page.model.row_at(0).id
    detail = workspace.orders.open_order(order_id)
    qtbot.waitUntil(lambda: detail.timeline is not None, timeout=15_000)
    snap(qtbot, window, folder / f"orders_detail_{language}.png")
    form = workspace.orders.new_order()
    assert form is not None
    snap(qtbot, window, folder / f"orders_new_{language}.png")


def test_a_clerk_cannot_open_the_approvals_area(qtbot, open_workspace):
    window, workspace = open_workspace("demo_sales1")
    assert not window.is_area_enabled("approvals")
    assert window.new_order_action.isEnabled()
    window.area_actions["approvals"].trigger()
    assert window.current_area() != "approvals"


def test_an_approver_sees_the_inbox_but_cannot_enter_orders(qtbot, open_workspace):
    window, workspace = open_workspace("demo_approver1")
    assert window.is_area_enabled("approvals")
    assert not window.new_order_action.isEnabled()


def test_keyboard_only_enter_opens_an_order_ctrl_n_a_form_ctrl_w_closes_it(qtbot, open_workspace):
    window, workspace = open_workspace("demo_sales1")
    area = workspace.orders
    table = area.list_page.table
    qtbot.waitUntil(lambda: area.list_page.model.rowCount() > 0, timeout=15_000)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    wanted = area.list_page.model.row_at(table.currentIndex().row())
    qtbot.keyClick(table, Qt.Key.Key_Return)
    detail = area.tabs.currentWidget()
    assert detail is not area.list_page and detail.order_id == wanted.id
    qtbot.waitUntil(lambda: detail.timeline is not None, timeout=15_000)
    assert area.tabs.tabText(area.tabs.currentIndex()) == wanted.order_no

    # The offscreen platform drops the focus window while the detail loads (no other window
    # appears; a desktop's window manager keeps it); shortcuts need an active window.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = area.tabs.currentWidget()
    assert form.order_id is None and area.tabs.count() == 3
    assert not form.dirty  # nothing typed: closing asks nothing
    qtbot.keyClick(form, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert area.tabs.count() == 2 and area.tabs.currentWidget() is detail
