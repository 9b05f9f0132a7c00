"""Fit text into a fixed box: shrink to fit down to a minimum size, then wrap, never cut off.

Used by the address panel of the A4 documents and by every field of a shipping label.
:func:`fit_lines` first shrinks (one line per entry) as far as ``min_size``; if that is not
enough it wraps the lines, at the largest size from ``size`` down to ``floor`` whose wrapped lines
fit the height; if even ``floor`` does not fit it returns the wrapped lines at ``floor`` with
``overflow=True`` so the caller can grow the box (or, where it cannot, draw everything anyway
and log it) — text is never silently dropped.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from app.services.documents.fonts import FontSet, draw_string, string_width

log = logging.getLogger(__name__)

_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_TOKENS = re.compile(rf"[{_CJK}]\s*|[^\s{_CJK}]+\s*|\s+")
# Characters that must not begin a line (Chinese closing punctuation and the like).
_NO_LINE_START = set("，。、；：！？）」』】》,.;:!?)]%")


@dataclass(frozen=True)
class FittedText:
    size: float
    leading: float
    lines: tuple[tuple[str, bool], ...]  # (text, bold) per printed line
    overflow: bool = False

    @property
    def height(self) -> float:
        return len(self.lines) * self.leading

    def draw(self, canvas, x: float, top: float, fonts: FontSet, align: str = "left") -> None:
        """Draw the lines downwards from ``top`` (the box's upper edge)."""
        y = top - self.size * 0.9
        for line, bold in self.lines:
            draw_string(canvas, x, y, line, self.size, fonts, bold=bold, align=align)
            y -= self.leading


def tokens(text: str) -> list[str]:
    """Break opportunities: each CJK character, each Latin word (with its trailing spaces)."""
    found = _TOKENS.findall(text)
    merged: list[str] = []
    for token in found:
        if merged and token[0] in _NO_LINE_START:
            merged[-1] += token
        else:
            merged.append(token)
    return merged


def wrap(text: str, width: float, size: float, fonts: FontSet, bold: bool = False) -> list[str]:
    """Greedy line breaking of mixed Chinese/Latin text; over-long words break between characters."""
    lines: list[str] = []
    current, current_width = "", 0.0
    for token in tokens(text):
        token_width = string_width(token, size, fonts, bold)
        trimmed_width = string_width(token.rstrip(), size, fonts, bold)
        if current and current_width + trimmed_width > width:
            lines.append(current.rstrip())
            current, current_width = "", 0.0
            token = token.lstrip()
            token_width = string_width(token, size, fonts, bold)
            trimmed_width = string_width(token.rstrip(), size, fonts, bold)
        if trimmed_width > width:  # a word longer than the line: break it by characters
            for ch in token:
                ch_width = string_width(ch, size, fonts, bold)
                if current and current_width + ch_width > width and not ch.isspace():
                    lines.append(current.rstrip())
                    current, current_width = "", 0.0
                current += ch
                current_width += ch_width
            continue
        current += token
        current_width += token_width
    if current.strip() or not lines:
        lines.append(current.rstrip())
    return lines


def fit_lines(lines: list[tuple[str, bool]] | list[str], width: float, height: float, fonts: FontSet, *,
              size: float, min_size: float, floor: float | None = None, leading: float = 1.2,
              wrap_first: bool = False) -> FittedText:
    """The largest size ≤ ``size`` at which ``lines`` fit ``width`` × ``height`` (see module doc).

    ``wrap_first``: wrap before shrinking (address panels, where a column in a smaller size than
    its neighbours looks wrong); labels shrink first, keeping a name on one line.
    """
    entries = [(line, False) if isinstance(line, str) else line for line in lines]
    entries = [(text, bold) for text, bold in entries if text]
    floor = min(floor if floor is not None else min_size * 0.75, min_size)
    if not entries:
        return FittedText(size, size * leading, ())
    if not wrap_first:
        unit_widths = [string_width(text, 1.0, fonts, bold) for text, bold in entries]
        widest = max(unit_widths) or 1.0
        best = min(size, width / widest, height / (len(entries) * leading))
        if best >= min_size:
            best = max(min_size, int(best * 4) / 4)  # quarter points: stable, tidy sizes
            return FittedText(best, best * leading, tuple(entries))
    current = size  # wrapping: the largest size whose wrapped lines fit the height
    while True:
        wrapped = tuple((part, bold) for text, bold in entries for part in wrap(text, width, current, fonts, bold))
        if len(wrapped) * current * leading <= height:
            return FittedText(current, current * leading, wrapped)
        if current <= floor:
            log.debug("text does not fit %.0f x %.0f pt even at %.1f pt; the box must grow", width, height, current)
            return FittedText(current, current * leading, wrapped, overflow=True)
        current = max(floor, current - 0.5)
