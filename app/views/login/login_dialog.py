"""The login dialog: who signs in, to which server.

On a shared server people type their user name and password (the OS keyring may remember the
password; QSettings remembers only the last user name). On the built-in demo database, which
trusts connections from this computer and asks for no password, people pick a demo user, one
per job. Connecting runs on a worker thread behind a busy indicator; every failure is one
sentence under the form.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QMessageBox, QProgressBar, QPushButton, QVBoxLayout,
                               QWidget)

from app.config import APP_NAME
from app.db.sign_in import SignedIn, SignInTarget
from app.i18n import user_settings
from app.services.demo_data.logins import DEMO_LOGINS, DemoLogin
from app.services.errors import SignInFailed
from app.views.login.password_store import PasswordStore
from app.views.login.sign_in_worker import SignInWorker
from app.views.role_names import role_name

LAST_USER_KEY = "login/last_user"
LAST_DEMO_USER_KEY = "login/last_demo_user"
_ERROR_STYLE = "color: #b3261e;"
_NOTE_STYLE = "color: #55606e;"


def demo_choices() -> list[DemoLogin]:
    """One demo user per job role, in the order the demo data lists them."""
    seen: set[tuple[str, ...]] = set()
    choices = []
    for user in DEMO_LOGINS:
        if user.roles not in seen:
            seen.add(user.roles)
            choices.append(user)
    return choices


class LoginDialog(QDialog):
    """Signs a person in to ``target``; after ``exec()`` returns Accepted, ``signed_in`` holds the result.

    ``password_store`` defaults to the OS keyring; ``engine_options`` go to the engine of the login.
    """

    def __init__(self, target: SignInTarget, parent: QWidget | None = None, *,
                 password_store: PasswordStore | None = None, **engine_options) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.target = target
        self.signed_in: SignedIn | None = None
        self._store = password_store or PasswordStore()
        self._keyring_ok = False if target.embedded else self._store.available()
        self._remembered: str | None = None     # the password the keyring gave, for "unchanged?"
        self._failure: SignInFailed | None = None
        self._message_key: str | None = None
        self._worker = SignInWorker(target, self, **engine_options)
        self._worker.succeeded.connect(self._on_succeeded)
        self._worker.failed.connect(self._on_failed)
        self._worker.busy_changed.connect(self._on_busy)
        self._build()
        self.retranslate_ui()
        self._restore_last_user()

    # -- construction ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.heading = QLabel(APP_NAME, objectName="loginHeading")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.heading.setFont(font)
        self.server_label = QLabel(objectName="loginServer", wordWrap=True)
        self.server_label.setStyleSheet(_NOTE_STYLE)
        self.server_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.server_label)
        if self.target.embedded:
            self._build_demo(layout)
        else:
            self._build_server(layout)

        self.message_label = QLabel(objectName="loginMessage", wordWrap=True)
        self.message_label.setStyleSheet(_ERROR_STYLE)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.hide()
        layout.addWidget(self.message_label)

        self.progress = QProgressBar(objectName="loginProgress", textVisible=False)
        self.progress.setRange(0, 0)   # busy, no percentage
        self.progress.setFixedHeight(6)
        self.progress_label = QLabel(objectName="loginProgressLabel")
        self.progress_label.setStyleSheet(_NOTE_STYLE)
        busy = QHBoxLayout()
        busy.addWidget(self.progress_label)
        busy.addWidget(self.progress, 1)
        self.busy_row = QWidget()
        self.busy_row.setLayout(busy)
        busy.setContentsMargins(0, 0, 0, 0)
        self.busy_row.setVisible(False)
        layout.addWidget(self.busy_row)

        self.buttons = QDialogButtonBox()
        self.sign_in_button = QPushButton(objectName="signInButton")
        self.sign_in_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.sign_in)
        self.buttons.rejected.connect(self.reject)
        layout.addSpacing(4)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)

    def _build_server(self, layout: QVBoxLayout) -> None:
        self.user_edit = QLineEdit(objectName="loginUser")
        self.user_edit.setMaxLength(63)
        self.password_edit = QLineEdit(objectName="loginPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember_check = QCheckBox(objectName="rememberPassword")
        self.remember_check.setEnabled(self._keyring_ok)
        self.keyring_note = QLabel(objectName="keyringNote", wordWrap=True)
        self.keyring_note.setStyleSheet(_NOTE_STYLE)
        self.keyring_note.setVisible(not self._keyring_ok)
        self.user_label, self.password_label = QLabel(), QLabel()
        self.user_label.setBuddy(self.user_edit)
        self.password_label.setBuddy(self.password_edit)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.user_label, self.user_edit)
        form.addRow(self.password_label, self.password_edit)
        form.addRow("", self.remember_check)
        form.addRow("", self.keyring_note)
        layout.addSpacing(6)
        layout.addLayout(form)
        self.user_edit.editingFinished.connect(self._fill_remembered_password)
        self.user_edit.textEdited.connect(self._clear_message)
        self.password_edit.textEdited.connect(self._clear_message)
        self.setTabOrder(self.user_edit, self.password_edit)
        self.setTabOrder(self.password_edit, self.remember_check)
        self.demo_list = None

    def _build_demo(self, layout: QVBoxLayout) -> None:
        self.demo_note = QLabel(objectName="demoNote", wordWrap=True)
        self.demo_list = QListWidget(objectName="demoUsers")
        self.demo_list.setIconSize(QSize(20, 20))
        self.demo_list.setSpacing(1)
        self.demo_list.setAlternatingRowColors(True)
        for user in demo_choices():
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, user.login)
            self.demo_list.addItem(item)
        self.demo_list.setCurrentRow(0)
        self.demo_list.itemDoubleClicked.connect(lambda _item: self.sign_in())
        self.demo_list.currentRowChanged.connect(lambda _row: self._clear_message())
        layout.addWidget(self.demo_note)
        layout.addWidget(self.demo_list)
        self.user_edit = self.password_edit = self.remember_check = None

    # -- translation -------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Sign in to OrderPilot"))
        self.sign_in_button.setText(self.tr("&Sign in"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.progress_label.setText(self.tr("Connecting to the server…"))
        if self.target.embedded:
            self.server_label.setText(self.tr("Built-in demo database on this computer"))
            self.demo_note.setText(self.tr(
                "The demo database needs no password. Pick a person to see OrderPilot as they do "
                "in their job:"))
            self.demo_list.setAccessibleName(self.tr("Demo users"))
            users = {u.login: u for u in DEMO_LOGINS}
            for row in range(self.demo_list.count()):
                item = self.demo_list.item(row)
                user = users[item.data(Qt.ItemDataRole.UserRole)]
                item.setText(self.tr("{name} — {job}").format(
                    name=user.display_name, job=", ".join(role_name(r) for r in user.roles)))
                item.setToolTip(self.tr("Login {login} · {department}").format(
                    login=user.login, department=user.department))
            self._fit_demo_list()
        else:
            self.server_label.setText(self.tr("Server: {server}").format(server=self.target.label))
            self.user_label.setText(self.tr("&User name:"))
            self.password_label.setText(self.tr("&Password:"))
            self.remember_check.setText(self.tr("&Remember password on this computer"))
            self.keyring_note.setText(self.tr(
                "This computer has no password store, so the password cannot be remembered."))
            self.remember_check.setToolTip(self.tr(
                "Keeps the password in the system's password store (Windows Credential Manager, "
                "Keychain or Secret Service), never in a file of OrderPilot."))
        if self._failure is not None:
            self._show_failure(self._failure)
        elif self._message_key is not None:
            self._show_message_key(self._message_key)

    def _fit_demo_list(self) -> None:
        """Tall enough for every demo user: no scrolling, no empty space."""
        rows = self.demo_list.count()
        row_height = self.demo_list.sizeHintForRow(0) + 2 * self.demo_list.spacing()
        self.demo_list.setFixedHeight(rows * row_height + 2 * self.demo_list.frameWidth() + 2)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- remembered values -------------------------------------------------------------------------
    def _settings_key(self) -> str:
        return LAST_DEMO_USER_KEY if self.target.embedded else f"{LAST_USER_KEY}/{self.target.key.replace('/', '|')}"

    def _restore_last_user(self) -> None:
        last = str(user_settings().value(self._settings_key(), "") or "")
        if self.target.embedded:
            for row in range(self.demo_list.count()):
                if self.demo_list.item(row).data(Qt.ItemDataRole.UserRole) == last:
                    self.demo_list.setCurrentRow(row)
            self.demo_list.setFocus()
            return
        self.user_edit.setText(last or self.target.default_login)
        self._fill_remembered_password()
        (self.password_edit if self.user_edit.text() else self.user_edit).setFocus()

    def _fill_remembered_password(self) -> None:
        if not self._keyring_ok:
            return
        login = self.user_edit.text().strip()
        password = self._store.get(self.target.key, login)
        if self._store.problem is not None:
            self._keyring_failed()
            return
        if password is not None:
            self.password_edit.setText(password)
            self.remember_check.setChecked(True)
        elif self._remembered is not None and self.password_edit.text() == self._remembered:
            self.password_edit.clear()   # another user name: not the password filled in for the last one
            self.remember_check.setChecked(False)
        self._remembered = password

    def _keyring_failed(self) -> None:
        """The keyring answered with an error: go on without it and say so."""
        self._keyring_ok = False
        self.remember_check.setChecked(False)
        self.remember_check.setEnabled(False)
        self.keyring_note.show()

    # -- signing in --------------------------------------------------------------------------------
    def current_login(self) -> str:
        if self.target.embedded:
            item = self.demo_list.currentItem()
            return item.data(Qt.ItemDataRole.UserRole) if item else ""
        return self.user_edit.text().strip()

    def sign_in(self) -> None:
        """Start connecting as the chosen login (the result arrives on the UI thread)."""
        if self._worker.busy:
            return
        login = self.current_login()
        if not login:
            self._show_message_key("no_user")
            (self.demo_list if self.target.embedded else self.user_edit).setFocus()
            return
        self._clear_message()
        password = None if self.target.embedded else self.password_edit.text()
        self._worker.start(login, password or None)

    def _on_busy(self, busy: bool) -> None:
        self.busy_row.setVisible(busy)
        self.sign_in_button.setEnabled(not busy)
        for widget in (self.user_edit, self.password_edit, self.remember_check, self.demo_list):
            if widget is not None:
                widget.setEnabled(not busy and (widget is not self.remember_check or self._keyring_ok))

    def _on_succeeded(self, result: SignedIn) -> None:
        self.signed_in = result
        settings = user_settings()
        settings.setValue(self._settings_key(), result.session.login)
        settings.sync()
        if not self.target.embedded:
            self._remember_password(result.session.login)
        self.accept()

    def _remember_password(self, login: str) -> None:
        if not self._keyring_ok:
            return
        password = self.password_edit.text()
        if self.remember_check.isChecked() and password:
            ok = password == self._remembered or self._store.save(self.target.key, login, password)
        else:
            ok = self._store.forget(self.target.key, login)
        if not ok:
            QMessageBox.information(self, self.windowTitle(), self.tr(
                "You are signed in, but the system's password store did not answer, so the password "
                "was not remembered."))

    def _on_failed(self, failure: SignInFailed) -> None:
        self._failure = failure
        self._show_failure(failure)
        if self.target.embedded:
            self.demo_list.setFocus()
        elif failure.reason in (SignInFailed.WRONG_PASSWORD, SignInFailed.PASSWORD_NEEDED):
            self.password_edit.setFocus()
            self.password_edit.selectAll()
        elif failure.reason in (SignInFailed.UNKNOWN_LOGIN, SignInFailed.NO_ROLE, SignInFailed.NO_PROFILE,
                                SignInFailed.INACTIVE, SignInFailed.NOT_PERMITTED):
            self.user_edit.setFocus()
            self.user_edit.selectAll()

    # -- messages ----------------------------------------------------------------------------------
    def failure_text(self, failure: SignInFailed) -> str:
        """One translated sentence for a failed sign-in."""
        login, server = failure.login, self.target.label
        texts = {
            SignInFailed.WRONG_PASSWORD: self.tr("The user name or password is wrong."),
            SignInFailed.PASSWORD_NEEDED: self.tr("This server asks for a password; enter it."),
            SignInFailed.UNKNOWN_LOGIN: self.tr("There is no login named “{login}” on this server."),
            SignInFailed.UNREACHABLE: self.tr(
                "The server {server} cannot be reached; check the network connection and that the server "
                "is running."),
            SignInFailed.NO_DATABASE: self.tr(
                "The server has no OrderPilot database at {server}; check the address with your administrator."),
            SignInFailed.NOT_PERMITTED: self.tr(
                "The server does not let “{login}” connect from this computer; ask your administrator."),
            SignInFailed.NO_ROLE: self.tr(
                "“{login}” may connect to the server but has no OrderPilot job role; ask your administrator "
                "to grant one."),
            SignInFailed.NO_PROFILE: self.tr(
                "“{login}” has no OrderPilot user profile yet; ask your administrator to add one."),
            SignInFailed.INACTIVE: self.tr("The OrderPilot user “{login}” is switched off; ask your administrator."),
        }
        text = texts.get(failure.reason)
        if text is None:
            return self.tr("Signing in failed: {reason}").format(reason=failure.detail or str(failure))
        return text.format(login=login, server=server)

    def message(self) -> str:
        """The message shown under the form ("" when none)."""
        return self.message_label.text()

    def _show_failure(self, failure: SignInFailed) -> None:
        self.message_label.setText(self.failure_text(failure))
        self.message_label.show()

    def _show_message_key(self, key: str) -> None:
        self._message_key = key
        texts = {"no_user": self.tr("Enter your user name.") if not self.target.embedded
                 else self.tr("Pick a demo user.")}
        self.message_label.setText(texts[key])
        self.message_label.show()

    def _clear_message(self) -> None:
        self._failure = None
        self._message_key = None
        self.message_label.clear()
        self.message_label.hide()

    # -- closing -----------------------------------------------------------------------------------
    def reject(self) -> None:
        self._worker.abandon()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._worker.abandon()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Wait for an abandoned attempt to end (its late result is disposed of)."""
        self._worker.abandon()
        self._worker.wait()
        QCoreApplication.sendPostedEvents(self._worker)
