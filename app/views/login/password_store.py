"""Remembered passwords in the operating system's keyring (Windows Credential Manager, Secret
Service, macOS Keychain) — never in QSettings or any file of ours.

A machine may have no keyring at all (a CI runner, a bare Linux session): then nothing is
remembered, and ``problem`` says so in a sentence the dialog shows. Keyring errors never stop
anyone from signing in.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

SERVICE = "OrderPilot"


class PasswordStore:
    """Get, save and forget the password of ``login`` on the server named ``server_key``."""

    def __init__(self) -> None:
        self.problem: str | None = None   # the last failure, in English (the dialog words its own)

    def available(self) -> bool:
        """Whether a usable keyring backend exists on this machine."""
        try:
            import keyring
            from keyring.backends import fail, null

            backend = keyring.get_keyring()
        except Exception as exc:  # noqa: BLE001 - a broken keyring setup must not stop the client
            self._failed("keyring unavailable", exc)
            return False
        return not isinstance(backend, (fail.Keyring, null.Keyring))

    def get(self, server_key: str, login: str) -> str | None:
        self.problem = None
        if not login:
            return None
        try:
            import keyring

            return keyring.get_password(SERVICE, _account(server_key, login))
        except Exception as exc:  # noqa: BLE001
            self._failed("reading the password failed", exc)
            return None

    def save(self, server_key: str, login: str, password: str) -> bool:
        self.problem = None
        try:
            import keyring

            keyring.set_password(SERVICE, _account(server_key, login), password)
            return True
        except Exception as exc:  # noqa: BLE001
            self._failed("saving the password failed", exc)
            return False

    def forget(self, server_key: str, login: str) -> bool:
        """Delete a remembered password (nothing remembered is fine)."""
        self.problem = None
        try:
            import keyring
            from keyring.errors import PasswordDeleteError

            try:
                keyring.delete_password(SERVICE, _account(server_key, login))
            except PasswordDeleteError:
                pass
            return True
        except Exception as exc:  # noqa: BLE001
            self._failed("forgetting the password failed", exc)
            return False

    def _failed(self, what: str, exc: Exception) -> None:
        self.problem = f"{what}: {exc}"
        log.info("keyring: %s", self.problem)


def _account(server_key: str, login: str) -> str:
    """One keyring entry per login and server, so two servers keep two passwords."""
    return f"{login}@{server_key}"
