"""Wording of the approvals inbox: why each rule fired, and refused decisions as one sentence.

The server words its reasons and refusals in English; the inbox says them again in the user's
language from the structured facts (rule condition and threshold, the refusal's kind). Refusals
come either from the service's own checks (named exceptions) or from the database guard (its
SQLSTATE, ``OPAnn``); anything else is shown as it came.
"""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from app.services.approvals import (AlreadyDecided, ApproverRoleMissing, InboxEntry, NotWaitingForApproval,
                                    OverApprovalLimit, OwnOrderRefused, RejectionNeedsComment, RuleHit)
from app.services.errors import OrderPilotError
from app.views.orders.order_status import channel_label, status_label
from app.views.role_names import role_name
from app.views.widgets.query_runner import error_text


def money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def fill(template: str, *values: str) -> str:
    """``template`` with %1, %2 … replaced by ``values`` (Qt's placeholders, filled in one pass)."""
    return re.sub(r"%(\d)", lambda m: values[int(m.group(1)) - 1] if int(m.group(1)) <= len(values) else m.group(0),
                  template)


def _number(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = f"{value:,.2f}"
    return text[:-3] if text.endswith(".00") else text


def rule_summary(hit: RuleHit) -> str:
    """A few words on why a rule fired ("Total over 10,000")."""
    translate = QCoreApplication.translate
    if hit.condition == "order_total_over":
        return fill(translate("ApprovalTexts", "Total over %1"), _number(hit.threshold))
    if hit.condition == "line_discount_over":
        return fill(translate("ApprovalTexts", "Discount above %1 %"), _number(hit.threshold))
    if hit.condition == "customer_over_credit_limit":
        return translate("ApprovalTexts", "Customer over credit limit")
    if hit.condition == "new_customer_first_order":
        return translate("ApprovalTexts", "First order of a new customer")
    if hit.condition == "channel_is":
        return fill(translate("ApprovalTexts", "Order from %1"), channel_label(hit.channel or ""))
    return hit.rule_name


def reasons_summary(entry: InboxEntry) -> str:
    """Every rule that fired for the order, in a line (distinct, in the rules' order)."""
    seen: list[str] = []
    for hit in entry.rules:
        summary = rule_summary(hit)
        if summary not in seen:
            seen.append(summary)
    return QCoreApplication.translate("ApprovalTexts", "; ").join(seen)


def progress_text(hit: RuleHit) -> str:
    """"1 of 2 approvals by Approver": how far one request got, and whose it is."""
    return fill(QCoreApplication.translate("ApprovalTexts", "%1 of %2 approvals by %3"),
                str(hit.approvals), str(hit.required_approvals), role_name(hit.approver_role))


_SERVER_REASONS = (   # the sentences op_open_approval_requests writes (migration 0001), with their figures
    ("order_total_over", re.compile(r"Order total (\S+) is over (\S+)\.")),
    ("line_discount_over", re.compile(r"A line discount of (\S+)% is over (\S+)%\.")),
    ("customer_over_credit_limit",
     re.compile(r"Open orders of (\S+) with this one exceed the credit limit of (\S+)\.")),
)


def reason_detail(hit: RuleHit) -> str:
    """The server's reason with its figures, in the user's language; "" when the summary says it all."""
    translate = QCoreApplication.translate
    if hit.condition in ("new_customer_first_order", "channel_is"):
        return ""
    for condition, pattern in _SERVER_REASONS:
        match = pattern.fullmatch(hit.reason.strip())
        if match is None or condition != hit.condition:
            continue
        if condition == "order_total_over":
            return fill(translate("ApprovalTexts", "The order total of %1 is over %2."), *match.groups())
        if condition == "line_discount_over":
            return fill(translate("ApprovalTexts", "A line has a discount of %1 %, over %2 %."),
                        _trimmed(match.group(1)), _trimmed(match.group(2)))
        return fill(translate("ApprovalTexts", "Open orders of %1 including this one exceed the credit limit of %2."),
                    *match.groups())
    return hit.reason


def _trimmed(number: str) -> str:
    return number.rstrip("0").rstrip(".") if "." in number else number


def over_limit_text(order_no: str, total: Decimal, limit: Decimal) -> str:
    return fill(QCoreApplication.translate(
        "ApprovalTexts", "Order %1 totals %2, above your approval limit of %3; it needs an approver with a higher "
        "limit."), order_no, money(total), money(limit))


def comment_required_text() -> str:
    return QCoreApplication.translate("ApprovalTexts", "Say why you reject the order; the creator will read it.")


def refusal_text(error: Exception, entry: InboxEntry | None, limit: Decimal | None) -> str:
    """One sentence, in the user's language, on why a decision was not recorded."""
    translate = QCoreApplication.translate
    order_no = getattr(error, "order_no", None) or (entry.order_no if entry else "")
    code = _sqlstate(error)
    if isinstance(error, OwnOrderRefused) or code == "OPA01":
        return fill(translate("ApprovalTexts", "You cannot approve or reject your own order %1."), order_no)
    if isinstance(error, OverApprovalLimit):
        return over_limit_text(order_no, error.total, error.limit)
    if code == "OPA02" and entry is not None and limit is not None:
        return over_limit_text(order_no, entry.total_amount, limit)
    if isinstance(error, RejectionNeedsComment) or code == "OPA09":
        return comment_required_text()
    if isinstance(error, AlreadyDecided) or code == "OPA10":
        return fill(translate("ApprovalTexts", "You have already decided on order %1; it waits for another approver."),
                    order_no)
    if isinstance(error, ApproverRoleMissing):
        roles = translate("ApprovalTexts", " or ").join(role_name(role) for role in error.roles)
        return fill(translate("ApprovalTexts", "Order %1 waits for a decision by %2, a role you do not have."),
                    order_no, roles)
    if code == "OPA03":
        return fill(translate("ApprovalTexts", "Order %1 waits for a decision by a role you do not have."), order_no)
    if isinstance(error, NotWaitingForApproval) and error.status:
        return fill(translate("ApprovalTexts", "Order %1 no longer waits for approval: it is %2 now."),
                    order_no, status_label(error.status))
    if isinstance(error, NotWaitingForApproval) or code == "OPA07":
        return fill(translate("ApprovalTexts", "Order %1 no longer waits for this approval; someone else has decided."),
                    order_no)
    if isinstance(error, OrderPilotError):
        return str(error)
    return fill(translate("ApprovalTexts", "The decision could not be saved: %1"), error_text(error))


def _sqlstate(error: BaseException) -> str | None:
    """The SQLSTATE behind a translated database error, if any."""
    cause = error.__cause__
    original = getattr(cause, "orig", cause)
    return getattr(original, "pgcode", None)
