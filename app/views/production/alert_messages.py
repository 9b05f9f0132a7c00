"""Deviation alert messages in the user's language.

The alert raisers (``app.services.scheduling.alerts``) write one English sentence per alert,
with a fixed shape per kind (late against promise, line overloaded, behind plan, material
short). Each known shape is matched here and rebuilt from a translated template with the same
facts; a message of an unknown shape is shown as it came, so nothing is lost.
"""

from __future__ import annotations

import re
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_OP = r"Operation (?P<seq>\d+) \((?P<name>.+)\) of (?P<order>\S+)"
_MOMENT = r"(?P<when>\d{4}-\d\d-\d\d \d\d:\d\d)"

# (pattern, translatable template); %order, %when... are filled from the match.
_SHAPES: tuple[tuple[str, str], ...] = (
    (rf"^(?P<order>\S+) is expected to finish on {_MOMENT}, (?P<amount>[\d.]+) days after the promised date "
     r"(?P<day>\d{4}-\d\d-\d\d)\.$",
     QT_TRANSLATE_NOOP("AlertMessage",
                       "%order is expected to finish on %when, %amount days after the promised date %day.")),
    (rf"^(?P<order>\S+) is expected to finish on {_MOMENT}, (?P<amount>[\d.]+) hours after the promised date "
     r"(?P<day>\d{4}-\d\d-\d\d)\.$",
     QT_TRANSLATE_NOOP("AlertMessage",
                       "%order is expected to finish on %when, %amount hours after the promised date %day.")),
    (r"^Line (?P<line>\S+) is overloaded: (?P<demand>\d+) h of work is due by the week of (?P<day>\d{4}-\d\d-\d\d), "
     r"but its shifts give only (?P<capacity>\d+) h until then\.$",
     QT_TRANSLATE_NOOP("AlertMessage", "Line %line is overloaded: %demand h of work is due by the week of %day, "
                                       "but its shifts give only %capacity h until then.")),
    (rf"^{_OP} was planned to start at {_MOMENT} and has not started\.$",
     QT_TRANSLATE_NOOP("AlertMessage",
                       "Operation %seq (%name) of %order was planned to start at %when and has not started.")),
    (rf"^{_OP} was planned to finish at {_MOMENT} and is not finished \((?P<done>[\d.]+) of (?P<total>[\d.]+) "
     r"done\)\.$",
     QT_TRANSLATE_NOOP("AlertMessage", "Operation %seq (%name) of %order was planned to finish at %when and is "
                                       "not finished (%done of %total done).")),
    (rf"^{_OP} is behind plan: (?P<share>\d+)% done, (?P<planned>\d+)% planned by now\.$",
     QT_TRANSLATE_NOOP("AlertMessage",
                       "Operation %seq (%name) of %order is behind plan: %share% done, %planned% planned by now.")),
    (r"^(?P<order>\S+) is short of (?P<count>\d+) component\(s\): (?P<what>.+?)\. "
     r"Expected by (?P<day>\d{4}-\d\d-\d\d)\.$",
     QT_TRANSLATE_NOOP("AlertMessage", "%order is short of %count component(s): %what. Expected by %day.")),
    (r"^(?P<order>\S+) is short of (?P<count>\d+) component\(s\): (?P<what>.+)\.$",
     QT_TRANSLATE_NOOP("AlertMessage", "%order is short of %count component(s): %what.")),
)
_COMPILED = tuple((re.compile(pattern), template) for pattern, template in _SHAPES)


def translated_alert(message: str | None) -> str:
    """The alert ``message`` in the current language (as it came when its shape is unknown)."""
    if not message:
        return ""
    for pattern, template in _COMPILED:
        match = pattern.match(message)
        if match is None:
            continue
        text = QCoreApplication.translate("AlertMessage", template)
        facts = match.groupdict()
        for key in sorted(facts, key=len, reverse=True):  # %planned before %p…, %order before %o…
            text = text.replace(f"%{key}", facts[key])
        return text
    return message
