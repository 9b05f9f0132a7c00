"""Runs a sign-in attempt on a worker thread, so the login dialog stays responsive while a far or
stopped server makes the connection wait for its timeout."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from app.db.sign_in import SignedIn, SignInTarget, sign_in
from app.services.errors import SignInFailed

log = logging.getLogger(__name__)


class SignInWorker(QObject):
    """``start`` one attempt; ``succeeded(SignedIn)`` or ``failed(SignInFailed)`` follows on the UI thread.

    An attempt still running when the dialog is cancelled is abandoned: ``abandon`` makes its
    result be thrown away (a late success has its engine disposed).
    """

    succeeded = Signal(object)
    failed = Signal(object)
    busy_changed = Signal(bool)
    _finished = Signal(int, object, object)

    def __init__(self, target: SignInTarget, parent: QObject | None = None, **engine_options) -> None:
        super().__init__(parent)
        self._target = target
        self._engine_options = engine_options
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._attempt = 0
        self._running = False
        self._finished.connect(self._on_finished)

    @property
    def busy(self) -> bool:
        return self._running

    def start(self, login: str, password: str | None) -> None:
        if self._running:
            return
        self._attempt += 1
        attempt = self._attempt
        self._set_running(True)
        target, options = self._target, dict(self._engine_options)

        def run() -> None:
            result, error = None, None
            try:
                result = sign_in(target, login, password, **options)
            except SignInFailed as exc:
                error = exc
            except Exception as exc:  # noqa: BLE001 - reported to the dialog, never raised in a worker
                log.warning("sign-in failed unexpectedly", exc_info=True)
                error = SignInFailed(f"Signing in failed: {exc}", SignInFailed.OTHER, login=login, detail=str(exc))
            self._finished.emit(attempt, result, error)

        self._pool.start(run)

    def abandon(self) -> None:
        """Forget the running attempt (the dialog was closed)."""
        self._attempt += 1
        self._set_running(False)

    def wait(self, msecs: int = 15_000) -> None:
        self._pool.waitForDone(msecs)

    @Slot(int, object, object)
    def _on_finished(self, attempt: int, result: SignedIn | None, error: SignInFailed | None) -> None:
        if attempt != self._attempt:
            if result is not None:
                result.engine.dispose()
            return
        self._set_running(False)
        if result is not None:
            self.succeeded.emit(result)
        else:
            self.failed.emit(error)

    def _set_running(self, running: bool) -> None:
        if running != self._running:
            self._running = running
            self.busy_changed.emit(running)
