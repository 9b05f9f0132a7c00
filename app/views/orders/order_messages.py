"""The order services' and guards' sentences in the user's language.

Services and database guards speak English (logs, command line, other clients). The order
screens show their messages through :func:`translated_message`, which recognises the known
sentences and rebuilds them from translated templates with the same values; anything else is
shown as it came (still one clear sentence, in English).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication


from app.views.orders.order_status import status_label





def _fill(template: str, *values: str) -> str:
    for number, value in enumerate(values, start=1):
        template = template.replace(f"%{number}", value)
    return template


def _status(text: str) -> str:
    """A status as the server wrote it ("pending approval", "on_hold") in the user's words."""
    return status_label(text.strip().replace(" ", "_"))


def _patterns() -> list[tuple[str, Callable[..., str]]]:
    return [
        (r"Choose a customer for the order\.", lambda: QCoreApplication.translate("OrderMessages", "Choose a customer for the order.")),
        (r"Customer (.+) is blocked(?: \((.*)\))?; orders cannot be taken\.",
         lambda name, reason: _fill(QCoreApplication.translate("OrderMessages", "Customer %1 is blocked (%2); orders cannot be taken."), name, reason)
         if reason else _fill(QCoreApplication.translate("OrderMessages", "Customer %1 is blocked; orders cannot be taken."), name)),
        (r"'(.+)' is not a known sales channel\.", lambda v: _fill(QCoreApplication.translate("OrderMessages", "'%1' is not a known sales channel."), v)),
        (r"'(.+)' is not an order type\.", lambda v: _fill(QCoreApplication.translate("OrderMessages", "'%1' is not an order type."), v)),
        (r"Priority must be between 1 \(most urgent\) and 5\.",
         lambda: QCoreApplication.translate("OrderMessages", "Priority must be between 1 (most urgent) and 5.")),
        (r"The requested date (\S+) is in the past\.",
         lambda d: _fill(QCoreApplication.translate("OrderMessages", "The requested date %1 is in the past."), d)),
        (r"The requested date (\S+) of order (\S+) is in the past; change it before submitting\.",
         lambda d, no: _fill(QCoreApplication.translate("OrderMessages", "The requested date %1 of order %2 is in the past; change it before submitting."),
                             d, no)),
        (r"Add at least one line to the order\.", lambda: QCoreApplication.translate("OrderMessages", "Add at least one line to the order.")),
        (r"Line (\d+): the product does not exist\.", lambda n: _fill(QCoreApplication.translate("OrderMessages", "Line %1: choose a product."), n)),
        (r"Line (\d+): product (.+) is no longer sold \(inactive\)\.",
         lambda n, sku: _fill(QCoreApplication.translate("OrderMessages", "Line %1: product %2 is no longer sold (inactive)."), n, sku)),
        (r"Line (\d+): the quantity must be more than zero\.",
         lambda n: _fill(QCoreApplication.translate("OrderMessages", "Line %1: the quantity must be more than zero."), n)),
        (r"Line (\d+): the quantity is too large\.", lambda n: _fill(QCoreApplication.translate("OrderMessages", "Line %1: the quantity is too large."), n)),
        (r"Line (\d+): the price cannot be negative\.",
         lambda n: _fill(QCoreApplication.translate("OrderMessages", "Line %1: the price cannot be negative."), n)),
        (r"Line (\d+): the price is too large\.", lambda n: _fill(QCoreApplication.translate("OrderMessages", "Line %1: the price is too large."), n)),
        (r"Line (\d+): the discount must be between 0 and 100 %\.",
         lambda n: _fill(QCoreApplication.translate("OrderMessages", "Line %1: the discount must be between 0 and 100 %."), n)),
        (r"This order is no longer a draft \((.+)\) and cannot be edited\.",
         lambda s: _fill(QCoreApplication.translate("OrderMessages", "This order is no longer a draft (%1) and cannot be edited."), _status(s))),
        (r"Order (\S+) is no longer a draft and cannot be edited\.",
         lambda no: _fill(QCoreApplication.translate("OrderMessages", "Order %1 is no longer a draft and cannot be edited."), no)),
        (r"Order (\S+) is (.+), not a draft; only drafts can be submitted\.",
         lambda no, s: _fill(QCoreApplication.translate("OrderMessages", "Order %1 is %2, not a draft; only drafts can be submitted."), no, _status(s))),
        (r"Say why the order is put on hold\.", lambda: QCoreApplication.translate("OrderMessages", "Say why the order is put on hold.")),
        (r"Say why the order is cancelled\.", lambda: QCoreApplication.translate("OrderMessages", "Say why the order is cancelled.")),
        (r"Order (\S+) is (.+) and cannot be held\.",
         lambda no, s: _fill(QCoreApplication.translate("OrderMessages", "Order %1 is %2 and cannot be held."), no, _status(s))),
        (r"Order (\S+) is not on hold\.", lambda no: _fill(QCoreApplication.translate("OrderMessages", "Order %1 is not on hold."), no)),
        (r"Order (\S+) is (.+); only orders not yet shipped can be cancelled\.",
         lambda no, s: _fill(QCoreApplication.translate("OrderMessages", "Order %1 is %2; only orders not yet shipped can be cancelled."), no, _status(s))),
        (r"Order (\S+) cannot go from (.+) to (.+)\.",
         lambda no, a, b: _fill(QCoreApplication.translate("OrderMessages", "Order %1 cannot go from %2 to %3."), no, _status(a), _status(b))),
        (r"You may not move order (\S+) from (.+) to (.+); that needs the role (.+)\.",
         lambda no, a, b, role: _fill(QCoreApplication.translate("OrderMessages", "You may not move order %1 from %2 to %3; that needs the role %4."),
                                      no, _status(a), _status(b), role)),
        (r"Order (\S+) is on credit hold; only a manager can release it\.",
         lambda no: _fill(QCoreApplication.translate("OrderMessages", "Order %1 is on credit hold; only a manager can release it."), no)),
        # notes the lifecycle services record with status moves (shown in the timeline)
        (r"Submitted for approval", lambda: QCoreApplication.translate("OrderMessages", "Submitted for approval")),
        (r"No approval needed", lambda: QCoreApplication.translate("OrderMessages", "No approval needed")),
        (r"All lines reserved from stock",
         lambda: QCoreApplication.translate("OrderMessages", "All lines reserved from stock")),
        (r"Production ordered: (.+)",
         lambda nos: _fill(QCoreApplication.translate("OrderMessages", "Production ordered: %1"), nos)),
        (r"Hold released", lambda: QCoreApplication.translate("OrderMessages", "Hold released")),
        (r"Credit hold released", lambda: QCoreApplication.translate("OrderMessages", "Credit hold released")),
        (r"Approved", lambda: QCoreApplication.translate("OrderMessages", "Approved")),
        (r"Order (\S+) was changed by someone else meanwhile; reload it first\.",
         lambda no: _fill(QCoreApplication.translate("OrderMessages", "Order %1 was changed by someone else meanwhile; reload it first."), no)),
    ]


def translated_message(message: str) -> str:
    """``message`` in the user's language when it is one of the known sentences."""
    text = message.strip()
    for pattern, build in _patterns():
        match = re.fullmatch(pattern, text)
        if match:
            return build(*match.groups())
    return text
