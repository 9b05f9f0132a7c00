"""Errors raised while producing or printing documents (views turn them into messages)."""

from __future__ import annotations

from app.services.errors import OrderPilotError


class PrintFailed(OrderPilotError):
    """A document or label could not be sent to the printer."""


class UnknownDocument(OrderPilotError):
    """The document kind asked for does not exist."""
