"""Why a drop was refused, in the user's language.

The scheduling core explains a refused move in one English sentence whose shape is fixed per
rule (see ``app.services.scheduling.moves``). Each known shape is matched here and rebuilt from
a translated template with the same facts (operation, order, line, times); a sentence of an
unknown shape is shown as it came, so nothing is ever lost.
"""

from __future__ import annotations

import re
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from app.views.production.board_axes import qdate

_OP = r"Operation (?P<seq>\d+) of (?P<order>\S+)"
_WHEN = r"(?P<when>\d{4}-\d\d-\d\d \d\d:\d\d|\d\d:\d\d)"
_DAY = r"\w+ (?P<day>\d{4}-\d\d-\d\d)"
_SPAN = r"from (?P<a>(?:\d{4}-\d\d-\d\d )?\d\d:\d\d) to (?P<b>(?:\d{4}-\d\d-\d\d )?\d\d:\d\d)"

# (pattern, translatable template); %op, %order, %line... are filled from the match.
_SHAPES: tuple[tuple[str, str], ...] = (
    (rf"^{_OP} is already in progress and cannot be moved\.$",
     QT_TRANSLATE_NOOP("MoveReason", "Operation %seq of %order is already in progress and cannot be moved.")),
    (rf"^{_OP} is done and cannot be moved\.$",
     QT_TRANSLATE_NOOP("MoveReason", "Operation %seq of %order is done and cannot be moved.")),
    (r"^Line (?P<line>\S+) cannot make (?P<family>.+)\.$",
     QT_TRANSLATE_NOOP("MoveReason", "Line %line cannot make %family.")),
    (rf"^{_OP} cannot start in the past, before {_WHEN}\.$",
     QT_TRANSLATE_NOOP("MoveReason", "Operation %seq of %order cannot start in the past, before %when.")),
    (rf"^Material for (?P<order>\S+) is not available before {_WHEN}\.$",
     QT_TRANSLATE_NOOP("MoveReason", "Material for %order is not available before %when.")),
    (rf"^{_OP} cannot start before operation (?P<prev>\d+) ends at {_WHEN}\.$",
     QT_TRANSLATE_NOOP(
         "MoveReason", "Operation %seq of %order cannot start before operation %prev ends at %when.")),
    (rf"^Line (?P<line>\S+) has a day off on {_DAY}\.$",
     QT_TRANSLATE_NOOP("MoveReason", "Line %line has a day off on %day.")),
    (rf"^Line (?P<line>\S+) has no shift on {_DAY}\.$",
     QT_TRANSLATE_NOOP("MoveReason", "Line %line has no shift on %day.")),
    (rf"^Line (?P<line>\S+) stops work at (?P<when>\d\d:\d\d) on {_DAY}\.$",
     QT_TRANSLATE_NOOP("MoveReason", "Line %line stops work at %when on %day.")),
    (rf"^{_OP} would not be done within the planning horizon\.$",
     QT_TRANSLATE_NOOP(
         "MoveReason", "Operation %seq of %order would not be done within the planning horizon.")),
    (rf"^{_OP} would overlap its own operation (?P<other>\d+) on (?P<line>\S+) {_SPAN}\.$",
     QT_TRANSLATE_NOOP(
         "MoveReason", "Operation %seq of %order would overlap its own operation %other on %line from %a to %b.")),
    (rf"^{_OP} would overlap operation (?P<other>\d+) on (?P<line>\S+) {_SPAN}\.$",
     QT_TRANSLATE_NOOP(
         "MoveReason", "Operation %seq of %order would overlap operation %other on %line from %a to %b.")),
    (rf"^{_OP} would overlap (?P<other>\S+) on (?P<line>\S+) {_SPAN}\.$",
     QT_TRANSLATE_NOOP("MoveReason", "Operation %seq of %order would overlap %other on %line from %a to %b.")),
    (rf"^{_OP} was changed by someone else meanwhile; reload the plan and try again\.$",
     QT_TRANSLATE_NOOP(
         "MoveReason",
         "Operation %seq of %order was changed by someone else meanwhile; the board shows it as it is now.")),
)
_COMPILED = tuple((re.compile(pattern), template) for pattern, template in _SHAPES)


def _day(text: str) -> str:
    day = datetime.strptime(text, "%Y-%m-%d").date()
    return QLocale().toString(qdate(day), QCoreApplication.translate("MoveReason", "ddd yyyy-MM-dd"))


def translated_reason(reason: str | None) -> str:
    """The refusal ``reason`` in the current language (as it came when its shape is unknown)."""
    if not reason:
        return QCoreApplication.translate("MoveReason", "The move was refused.")
    for pattern, template in _COMPILED:
        match = pattern.match(reason)
        if match is None:
            continue
        text = QCoreApplication.translate("MoveReason", template)
        facts = match.groupdict()
        if "day" in facts:
            facts["day"] = _day(facts["day"])
        for key in sorted(facts, key=len, reverse=True):  # %order before %other's prefix clash
            text = text.replace(f"%{key}", facts[key])
        return text
    return reason
