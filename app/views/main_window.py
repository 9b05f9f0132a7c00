"""The client shell: navigation between business areas, menus, toolbar and status bar."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from app import __version__
from app.config import APP_NAME
from app.i18n import (
    CHINESE_SIMPLIFIED,
    ENGLISH,
    SYSTEM,
    language_preference,
    switch_language,
    user_settings,
)
from app.services.session_info import SessionInfo
from app.views.areas import AREA_KEYS, AREAS, area_title
from app.views.role_names import role_names
from app.views.widgets.connection_indicator import ConnectionIndicator
from app.views.widgets.elided_label import ElidedLabel
from app.views.widgets.notification_button import NotificationButton
from app.views.widgets.placeholder_page import PlaceholderPage

GEOMETRY_KEY = "main_window/geometry"
STATE_KEY = "main_window/state"
AREA_KEY = "main_window/area"
DEFAULT_SIZE = QSize(1280, 800)


class MainWindow(QMainWindow):
    """One window per signed-in user; each business area is a page in a stack.

    Areas without a screen yet show a ``PlaceholderPage``; ``set_area_page`` swaps in the real
    screen. The live listener drives ``set_connection_state`` and ``set_unread_notifications``.
    """

    notifications_requested = Signal()
    area_changed = Signal(str)

    def __init__(self, session: SessionInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"{APP_NAME} — {session.display_name}")
        self._pages: dict[str, QWidget] = {}

        self._build_pages()
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self.retranslate_ui()
        self.navigation.setCurrentRow(0)
        self.restore_layout()

    # ----------------------------------------------------------------- construction

    def _build_pages(self) -> None:
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setIconSize(QSize(22, 22))
        self.navigation.setFrameShape(QListWidget.Shape.NoFrame)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        self.stack.setObjectName("areaStack")
        for area in AREAS:
            item = QListWidgetItem(self.style().standardIcon(area.icon), "")
            item.setData(Qt.ItemDataRole.UserRole, area.key)
            self.navigation.addItem(item)
            page = PlaceholderPage(area.key)
            self.stack.addWidget(page)
            self._pages[area.key] = page
        self.navigation.currentRowChanged.connect(self._on_row_changed)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def _build_actions(self) -> None:
        self.new_order_action = QAction(self)
        self.new_order_action.setObjectName("newOrderAction")
        self.new_order_action.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        self.new_order_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.new_order_action.setEnabled(False)  # until a workspace that can take orders is built
        self.addAction(self.new_order_action)  # the shortcut works wherever the focus is

        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)

        self.area_group = QActionGroup(self)
        self.area_group.setExclusive(True)
        self.area_actions: dict[str, QAction] = {}
        for number, key in enumerate(AREA_KEYS, start=1):
            action = QAction(self)
            action.setCheckable(True)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.setData(key)
            action.triggered.connect(lambda _checked=False, k=key: self.set_current_area(k))
            self.area_group.addAction(action)
            self.area_actions[key] = action
        self.addActions(list(self.area_actions.values()))  # shortcuts work even with menus hidden

        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for choice in (SYSTEM, ENGLISH, CHINESE_SIMPLIFIED):
            action = QAction(self)
            action.setCheckable(True)
            action.setData(choice)
            action.triggered.connect(lambda _checked=False, c=choice: self.choose_language(c))
            self.language_group.addAction(action)
            self.language_actions[choice] = action
        self.language_actions[language_preference()].setChecked(True)

        self.about_action = QAction(self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = QMenu(self)
        self.file_menu.addAction(self.new_order_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        bar.addMenu(self.file_menu)

        self.view_menu = QMenu(self)
        self.view_menu.addActions(list(self.area_actions.values()))
        self.view_menu.addSeparator()
        self.language_menu = QMenu(self)
        self.language_menu.addActions(list(self.language_actions.values()))
        self.view_menu.addMenu(self.language_menu)
        bar.addMenu(self.view_menu)

        self.help_menu = QMenu(self)
        self.help_menu.addAction(self.about_action)
        bar.addMenu(self.help_menu)

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("mainToolbar")  # saveState needs a name
        self.toolbar.setMovable(False)
        self.toolbar.setFloatable(False)
        self.toolbar.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        self.area_heading = QLabel()
        self.area_heading.setObjectName("areaHeading")
        self.toolbar.addWidget(self.area_heading)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.notification_button = NotificationButton()
        self.notification_button.clicked.connect(self.notifications_requested)
        self.toolbar.addWidget(self.notification_button)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        status.setObjectName("statusBar")
        self.user_label = ElidedLabel()
        self.user_label.setObjectName("userLabel")
        self.connection_indicator = ConnectionIndicator()
        status.addPermanentWidget(self.user_label)
        status.addPermanentWidget(self.connection_indicator)

    # ----------------------------------------------------------------- translation

    def retranslate_ui(self) -> None:
        """Set every text this window owns; runs at start and on each language change."""
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.new_order_action.setText(self.tr("&New order"))
        self.new_order_action.setStatusTip(self.tr("Enter a new customer order"))
        self.quit_action.setText(self.tr("&Quit"))
        self.quit_action.setStatusTip(self.tr("Close OrderPilot"))
        self.about_action.setText(self.tr("&About OrderPilot"))
        self.language_actions[SYSTEM].setText(self.tr("System default"))
        # Language names are shown in their own language, so they are not translated.
        self.language_actions[ENGLISH].setText("English")
        self.language_actions[CHINESE_SIMPLIFIED].setText("简体中文")
        self.toolbar.setWindowTitle(self.tr("Main toolbar"))
        self.navigation.setAccessibleName(self.tr("Business areas"))

        for row, key in enumerate(AREA_KEYS):
            title = area_title(key)
            self.navigation.item(row).setText(title)
            self.navigation.item(row).setToolTip(
                self.tr("{area} ({shortcut})").format(
                    area=title,
                    shortcut=self.area_actions[key].shortcut().toString(
                        QKeySequence.SequenceFormat.NativeText
                    ),
                )
            )
            if not self.is_area_enabled(key):
                self.navigation.item(row).setToolTip(
                    self.tr("{area}: your job roles do not include this area").format(area=title))
            self.area_actions[key].setText(self.tr("Go to {area}").format(area=title))
        self._fit_navigation_width()
        self._update_heading()
        self._update_user_label()

    def _fit_navigation_width(self) -> None:
        content = self.navigation.sizeHintForColumn(0)
        self.navigation.setFixedWidth(max(180, content + 40))

    def _update_heading(self) -> None:
        key = self.current_area()
        self.area_heading.setText(area_title(key) if key else "")

    def _update_user_label(self) -> None:
        session = self.session
        if session.embedded:
            server = self.tr("embedded database")
        else:
            server = session.server_label or self.tr("unknown server")
        self.user_label.setText(
            self.tr("{name} ({login}) · {roles} · {server}").format(
                name=session.display_name,
                login=session.login,
                roles=role_names(session.roles),
                server=server,
            )
        )
        department = session.department or self.tr("none")
        self.user_label.setToolTip(
            self.tr("Signed in as {login}; department: {department}").format(
                login=session.login, department=department
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def choose_language(self, choice: str) -> None:
        """Store the language choice and switch now; Qt's LanguageChange retranslates."""
        app = QApplication.instance()
        switch_language(app, choice)
        self.language_actions[choice].setChecked(True)

    # ----------------------------------------------------------------- areas

    def current_area(self) -> str | None:
        item = self.navigation.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def set_current_area(self, area_key: str) -> None:
        self.navigation.setCurrentRow(AREA_KEYS.index(area_key))

    def area_page(self, area_key: str) -> QWidget:
        return self._pages[area_key]

    def set_area_page(self, area_key: str, widget: QWidget) -> None:
        """Replace an area's page (usually its placeholder) with a real screen."""
        row = AREA_KEYS.index(area_key)
        old = self._pages[area_key]
        was_current = self.stack.currentIndex() == row
        self.stack.insertWidget(row, widget)
        self.stack.removeWidget(old)
        old.deleteLater()
        self._pages[area_key] = widget
        if was_current:
            self.stack.setCurrentIndex(row)

    def set_area_enabled(self, area_key: str, enabled: bool) -> None:
        """Grey out an area the user's job roles cannot use (the database enforces it anyway)."""
        item = self.navigation.item(AREA_KEYS.index(area_key))
        flags = item.flags()
        if enabled:
            item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        else:
            item.setFlags(flags & ~(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable))
        self.area_actions[area_key].setEnabled(enabled)
        if not enabled and self.current_area() == area_key:
            self.set_current_area(AREA_KEYS[0])
        self.retranslate_ui()

    def is_area_enabled(self, area_key: str) -> bool:
        return bool(self.navigation.item(AREA_KEYS.index(area_key)).flags() & Qt.ItemFlag.ItemIsEnabled)

    def _on_row_changed(self, row: int) -> None:
        if row < 0:
            return
        key = AREA_KEYS[row]
        self.stack.setCurrentIndex(row)
        self.area_actions[key].setChecked(True)
        self._update_heading()
        self.area_changed.emit(key)

    # ----------------------------------------------------------------- status

    def set_connection_state(self, state: str) -> None:
        """Show "connected", "reconnecting" or "offline" in the status bar."""
        self.connection_indicator.set_state(state)

    def set_unread_notifications(self, count: int) -> None:
        self.notification_button.set_count(count)

    def show_about(self) -> None:
        text = "<h3>{title}</h3><p>{version}</p><p>{blurb}</p>".format(
            title=APP_NAME,
            version=self.tr("Version {version}").format(version=__version__),
            blurb=self.tr(
                "Order management for manufacturers: every order's status, "
                "shared by all departments and always current."
            ),
        )
        QMessageBox.about(self, self.tr("About OrderPilot"), text)

    # ----------------------------------------------------------------- persistence

    def restore_layout(self) -> None:
        """Restore size, position, toolbar state and the last area from QSettings."""
        settings = user_settings()
        geometry = settings.value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(DEFAULT_SIZE)
        state = settings.value(STATE_KEY)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        area = settings.value(AREA_KEY)
        if area in AREA_KEYS:
            self.set_current_area(area)

    def save_layout(self) -> None:
        settings = user_settings()
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(STATE_KEY, self.saveState())
        settings.setValue(AREA_KEY, self.current_area() or AREA_KEYS[0])
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        super().closeEvent(event)
