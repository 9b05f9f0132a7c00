"""Signing in, as a person does it: type a user name and password (or pick a demo user), press
Sign in, read the one-sentence answer. Against the real test server; passwords are checked for
real by giving one test login a SCRAM password and a pg_hba.conf line of its own."""

from __future__ import annotations

import socket
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app import i18n
from app.db.sign_in import SignInTarget
from app.services.demo_data.logins import DEMO_LOGINS, ensure_demo_logins
from app.services.errors import SignInFailed
from app.views.login import login_dialog as login_dialog_module
from app.views.login.login_dialog import LoginDialog, demo_choices
from app.views.login.password_store import PasswordStore

PASSWORD = "Pumpen-2024!"


class MemoryKeyring(KeyringBackend):
    """A real keyring backend that keeps passwords in a dict (what a desktop's store would do)."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.passwords.get((service, username))

    def set_password(self, service, username, password):
        self.passwords[(service, username)] = password

    def delete_password(self, service, username):
        from keyring.errors import PasswordDeleteError

        if self.passwords.pop((service, username), None) is None:
            raise PasswordDeleteError("not stored")


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def server(database) -> SignInTarget:
    return SignInTarget(database.url, "test server", embedded=False)


@pytest.fixture
def password_login(database, make_login):
    """A sales login whose password the server checks (SCRAM), as on a company's shared server."""
    login = make_login("pwuser", "op_sales", display_name="Wang Fang")
    admin = database.admin()
    with admin.cursor() as cur:
        cur.execute("SHOW hba_file")
        hba = Path(cur.fetchone()[0])
        if not hba.is_file():
            pytest.skip("the test server's pg_hba.conf is not on this machine")
        original = hba.read_text()
        cur.execute("SET password_encryption = 'scram-sha-256'")
        cur.execute(f"ALTER ROLE \"{login.name}\" PASSWORD %s", (PASSWORD,))
        hba.write_text(f"local all {login.name} scram-sha-256\nhost all {login.name} all scram-sha-256\n" + original)
        cur.execute("SELECT pg_reload_conf()")
    try:
        yield login
    finally:
        hba.write_text(original)
        with admin.cursor() as cur:
            cur.execute("SELECT pg_reload_conf()")
        admin.close()


def open_dialog(qtbot, target, **options) -> LoginDialog:
    dialog = LoginDialog(target, **options)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def type_in(qtbot, dialog: LoginDialog, user: str, password: str) -> None:
    dialog.user_edit.clear()
    qtbot.keyClicks(dialog.user_edit, user)
    dialog.password_edit.clear()
    qtbot.keyClicks(dialog.password_edit, password)


def press_sign_in_and_wait_for_message(qtbot, dialog: LoginDialog) -> str:
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog._worker.busy and bool(dialog.message()), timeout=20_000)
    assert dialog.isVisible() and dialog.signed_in is None
    return dialog.message()


def sign_in_and_wait_until_accepted(qtbot, dialog: LoginDialog):
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        qtbot.keyClick(dialog.password_edit if dialog.password_edit else dialog.demo_list, Qt.Key.Key_Return)
    assert dialog.signed_in is not None
    return dialog.signed_in


@pytest.fixture
def signed_in_engines():
    engines = []
    yield engines
    for engine in engines:
        engine.dispose()


def test_wrong_password_says_so_and_keeps_the_dialog_open(qtbot, server, password_login, no_keyring):
    dialog = open_dialog(qtbot, server)
    type_in(qtbot, dialog, password_login.name, "not-the-password")
    assert press_sign_in_and_wait_for_message(qtbot, dialog) == "The user name or password is wrong."
    assert dialog.password_edit.hasFocus()
    assert dialog.password_edit.selectedText() == "not-the-password"


def test_missing_password_asks_for_it(qtbot, server, password_login, no_keyring):
    dialog = open_dialog(qtbot, server)
    type_in(qtbot, dialog, password_login.name, "")
    assert press_sign_in_and_wait_for_message(qtbot, dialog) == "This server asks for a password; enter it."


def test_correct_password_signs_in_with_the_login_roles_and_profile(qtbot, server, password_login, no_keyring,
                                                                    signed_in_engines):
    dialog = open_dialog(qtbot, server)
    type_in(qtbot, dialog, password_login.name, PASSWORD)
    signed_in = sign_in_and_wait_until_accepted(qtbot, dialog)
    signed_in_engines.append(signed_in.engine)
    session = signed_in.session
    assert (session.login, session.display_name, session.roles) == (password_login.name, "Wang Fang", ("op_sales",))
    assert session.server_label == "test server" and not session.embedded
    with signed_in.engine.connect() as conn:   # the engine really is that login
        assert conn.exec_driver_sql("SELECT session_user").scalar_one() == password_login.name


def test_unreachable_server_says_it_cannot_be_reached(qtbot, no_keyring):
    with socket.socket() as probe:   # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    target = SignInTarget(f"postgresql://127.0.0.1:{port}/orderpilot", f"127.0.0.1:{port}/orderpilot")
    dialog = open_dialog(qtbot, target)
    type_in(qtbot, dialog, "wangfang", "whatever")
    assert press_sign_in_and_wait_for_message(qtbot, dialog) == (
        f"The server 127.0.0.1:{port}/orderpilot cannot be reached; check the network connection and that "
        "the server is running.")


def test_login_without_an_orderpilot_role_is_refused(qtbot, server, make_login, no_keyring):
    login = make_login("norole")   # a login and a profile, but no job role
    dialog = open_dialog(qtbot, server)
    type_in(qtbot, dialog, login.name, "")
    assert press_sign_in_and_wait_for_message(qtbot, dialog) == (
        f"“{login.name}” may connect to the server but has no OrderPilot job role; ask your administrator "
        "to grant one.")
    assert dialog.user_edit.hasFocus()


def test_login_without_a_profile_is_refused(qtbot, server, database, make_login, no_keyring):
    login = make_login("noprofile", "op_sales")
    database.admin().cursor().execute("DELETE FROM app_user WHERE login = %s", (login.name,))
    dialog = open_dialog(qtbot, server)
    type_in(qtbot, dialog, login.name, "")
    assert press_sign_in_and_wait_for_message(qtbot, dialog) == (
        f"“{login.name}” has no OrderPilot user profile yet; ask your administrator to add one.")


def test_unknown_login_and_empty_user_name_are_explained(qtbot, server, no_keyring):
    dialog = open_dialog(qtbot, server)
    type_in(qtbot, dialog, "", "")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.message() == "Enter your user name."
    assert not dialog._worker.busy
    type_in(qtbot, dialog, "nobody_here", "")
    assert press_sign_in_and_wait_for_message(qtbot, dialog) == "There is no login named “nobody_here” on this server."


def test_typing_again_clears_the_message(qtbot, server, password_login, no_keyring):
    dialog = open_dialog(qtbot, server)
    type_in(qtbot, dialog, password_login.name, "wrong")
    press_sign_in_and_wait_for_message(qtbot, dialog)
    qtbot.keyClicks(dialog.password_edit, "x")
    assert dialog.message() == "" and not dialog.message_label.isVisible()


def test_remembered_password_lives_in_the_keyring_and_only_the_user_name_in_settings(
        qtbot, server, password_login, memory_keyring, isolated_settings, signed_in_engines):
    dialog = open_dialog(qtbot, server)
    assert dialog.remember_check.isEnabled() and not dialog.keyring_note.isVisible()
    type_in(qtbot, dialog, password_login.name, PASSWORD)
    dialog.remember_check.setChecked(True)
    signed_in_engines.append(sign_in_and_wait_until_accepted(qtbot, dialog).engine)
    assert list(memory_keyring.passwords.values()) == [PASSWORD]
    settings_text = "".join(p.read_text(encoding="utf-8") for p in isolated_settings.rglob("*.ini"))
    assert password_login.name in settings_text and PASSWORD not in settings_text

    again = open_dialog(qtbot, server)   # next start: user name and password are filled in
    assert again.user_edit.text() == password_login.name
    assert again.password_edit.text() == PASSWORD and again.remember_check.isChecked()
    again.remember_check.setChecked(False)   # unticking forgets it at the next sign-in
    signed_in_engines.append(sign_in_and_wait_until_accepted(qtbot, again).engine)
    assert memory_keyring.passwords == {}


def test_without_a_keyring_remembering_is_off_and_says_why(qtbot, server, password_login, no_keyring,
                                                          signed_in_engines):
    dialog = open_dialog(qtbot, server)
    assert not dialog.remember_check.isEnabled()
    assert dialog.keyring_note.isVisible()
    assert "no password store" in dialog.keyring_note.text()
    type_in(qtbot, dialog, password_login.name, PASSWORD)
    signed_in_engines.append(sign_in_and_wait_until_accepted(qtbot, dialog).engine)


class BrokenKeyring(MemoryKeyring):
    """A keyring that is there but fails (a locked or crashed password store)."""

    def get_password(self, service, username):
        from keyring.errors import KeyringLocked

        raise KeyringLocked("the store is locked")

    def set_password(self, service, username, password):
        from keyring.errors import PasswordSetError

        raise PasswordSetError("the store is locked")


def test_a_failing_keyring_does_not_stop_signing_in(qtbot, server, password_login, signed_in_engines, monkeypatch):
    previous = keyring.get_keyring()
    keyring.set_keyring(BrokenKeyring())
    try:
        dialog = open_dialog(qtbot, server, password_store=PasswordStore())
        dialog.user_edit.setText(password_login.name)
        dialog.user_edit.editingFinished.emit()   # the dialog asks the keyring, which fails
        assert not dialog.remember_check.isEnabled() and dialog.keyring_note.isVisible()
        type_in(qtbot, dialog, password_login.name, PASSWORD)
        signed_in_engines.append(sign_in_and_wait_until_accepted(qtbot, dialog).engine)
    finally:
        keyring.set_keyring(previous)


# -- the built-in demo database ----------------------------------------------------------------------------

@pytest.fixture
def demo_target(database) -> SignInTarget:
    admin = database.admin()
    with admin.cursor() as cur:
        ensure_demo_logins(cur)
    admin.close()
    return SignInTarget(database.url, "embedded database in /tmp/test", embedded=True)


def test_demo_pick_list_offers_one_user_per_job_and_signs_in_without_a_password(
        qtbot, demo_target, signed_in_engines):
    dialog = open_dialog(qtbot, demo_target)
    assert dialog.user_edit is None and dialog.password_edit is None   # nothing to type
    logins = [dialog.demo_list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(dialog.demo_list.count())]
    assert logins == [u.login for u in demo_choices()]
    assert sorted(r for u in demo_choices() for r in u.roles) == sorted({r for u in DEMO_LOGINS for r in u.roles})
    warehouse = logins.index("demo_warehouse")
    item = dialog.demo_list.item(warehouse)
    assert "Warehouse" in item.text() and "孙丽" in item.text()
    rect = dialog.demo_list.visualItemRect(item)
    qtbot.mouseClick(dialog.demo_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    signed_in = sign_in_and_wait_until_accepted(qtbot, dialog)
    signed_in_engines.append(signed_in.engine)
    assert signed_in.session.login == "demo_warehouse"
    assert signed_in.session.roles == ("op_warehouse",) and signed_in.session.embedded

    again = open_dialog(qtbot, demo_target)   # the last pick is selected next time
    assert again.demo_list.currentItem().data(Qt.ItemDataRole.UserRole) == "demo_warehouse"


def test_a_password_store_failure_after_sign_in_is_reported(qtbot, server, password_login, memory_keyring,
                                                           signed_in_engines, monkeypatch):
    said = []
    monkeypatch.setattr(login_dialog_module.QMessageBox, "information",
                        lambda _parent, _title, text: said.append(text) or QMessageBox.StandardButton.Ok)
    dialog = open_dialog(qtbot, server)
    type_in(qtbot, dialog, password_login.name, PASSWORD)
    dialog.remember_check.setChecked(True)
    keyring.set_keyring(BrokenKeyring())
    signed_in_engines.append(sign_in_and_wait_until_accepted(qtbot, dialog).engine)
    assert said == ["You are signed in, but the system's password store did not answer, so the password "
                    "was not remembered."]


# -- screenshots -------------------------------------------------------------------------------------------

def test_login_dialog_screenshots_in_english_and_chinese(qtbot, qapp, server, password_login, demo_target,
                                                        no_keyring, screenshot_dir):
    shared = SignInTarget(server.base_url, "db.example-pumps.cn:5432/orderpilot")
    for language, suffix in ((i18n.ENGLISH, "en"), (i18n.CHINESE_SIMPLIFIED, "zh_CN")):
        i18n.install_translators(qapp, language)
        dialog = open_dialog(qtbot, shared)
        type_in(qtbot, dialog, "wangfang", "secret")
        dialog._on_failed(SignInFailed("wrong", SignInFailed.WRONG_PASSWORD, login="wangfang"))
        qtbot.wait(20)
        dialog.adjustSize()
        dialog.grab().save(str(screenshot_dir / f"login_server_{suffix}.png"))
        assert dialog.message_label.width() <= dialog.width()
        demo = open_dialog(qtbot, demo_target)
        demo.resize(demo.sizeHint().expandedTo(demo.size()))
        qtbot.wait(20)
        demo.grab().save(str(screenshot_dir / f"login_demo_{suffix}.png"))
        if language == i18n.CHINESE_SIMPLIFIED:
            assert dialog.sign_in_button.text() != "&Sign in"
            assert "密码" in dialog.message()
