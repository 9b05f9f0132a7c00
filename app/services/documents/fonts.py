"""Fonts for printed documents: one CJK-capable font found on the system, or ReportLab's CID font.

ReportLab embeds TrueType fonts only (``glyf`` outlines). Candidates, tried in order:

1. the font named in the settings (``[fonts] cjk_font``, optional ``cjk_font_bold`` and
   ``subfont``);
2. well-known files: Windows ``msyh.ttc``/``simsun.ttc``/``simhei.ttf`` (system and per-user
   font folders), macOS ``STHeiti``/``Arial Unicode``, Linux WenQuanYi, Droid Sans Fallback,
   AR PL; then whatever ``fc-list :lang=zh`` reports;
3. otherwise ReportLab's built-in ``STSong-Light`` (a CID font the PDF viewer supplies; not
   embedded).

Noto Sans CJK (``NotoSansCJK-Regular.ttc``) is PostScript-flavoured OpenType (CFF outlines):
ReportLab refuses it ("postscript outlines are not supported"), so it is skipped like any font
that fails to load, and documents fall back to the CID font.

Mixed Chinese/English text never breaks: with a TrueType CJK font one family covers both; with
the CID fallback every string is split into runs, Latin runs in Helvetica and the rest in
``STSong-Light`` (see :func:`runs`, :func:`markup`, :func:`draw_string`).
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

log = logging.getLogger(__name__)

CID_FALLBACK = "STSong-Light"
# Preferred sub-font names inside a .ttc, best first (Simplified Chinese cuts).
# Case-sensitive, matched against the PostScript name (e.g. "NotoSansCJKsc-Regular").
_SUBFONT_HINTS = ("CJKsc", " SC", "SC-", "GB", "YaHei", "SimSun", "SimHei", "ZenHei", "MicroHei", "Heiti")


@dataclass(frozen=True)
class FontSet:
    """Font names registered with ReportLab for one process, and where they came from."""

    latin: str
    latin_bold: str
    cjk: str
    cjk_bold: str
    source: str  # path of the TrueType font, or "STSong-Light (built-in CID font)"
    embedded: bool

    @property
    def single_family(self) -> bool:
        """True when one font covers Latin and CJK text (no run splitting needed)."""
        return self.latin == self.cjk

    def face(self, bold: bool, cjk: bool) -> str:
        if cjk:
            return self.cjk_bold if bold else self.cjk
        return self.latin_bold if bold else self.latin


def _windows_candidates() -> list[tuple[Path, Path | None]]:
    folders = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    local = os.environ.get("LOCALAPPDATA")
    if local:
        folders.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    pairs = (("msyh.ttc", "msyhbd.ttc"), ("msyh.ttf", "msyhbd.ttf"), ("simsun.ttc", None),
             ("simhei.ttf", None), ("Deng.ttf", "Dengb.ttf"))
    return [(folder / regular, folder / bold if bold else None) for folder in folders for regular, bold in pairs]


def _unix_candidates() -> list[tuple[Path, Path | None]]:
    paths = [
        ("/System/Library/Fonts/STHeiti Light.ttc", "/System/Library/Fonts/STHeiti Medium.ttc"),
        ("/Library/Fonts/Arial Unicode.ttf", None),
        ("/System/Library/Fonts/Supplemental/Arial Unicode.ttf", None),
        ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", None),
        ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", None),
        ("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc", None),
        ("/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc", None),
        ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", None),
        ("/usr/share/fonts/truetype/arphic/uming.ttc", None),
    ]
    return [(Path(regular), Path(bold) if bold else None) for regular, bold in paths]


def _fontconfig_candidates() -> list[tuple[Path, Path | None]]:
    """Files fontconfig knows for Chinese, TrueType ones first (``fc-list`` may be absent)."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return []
    try:
        out = subprocess.run([fc_list, ":lang=zh", "file"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    files = sorted({line.split(":")[0].strip() for line in out.splitlines() if line.strip()},
                   key=lambda f: (not f.lower().endswith((".ttf", ".ttc")), "bold" in f.lower(), f))
    return [(Path(f), None) for f in files if "bold" not in f.lower()]


def candidate_files(configured: str | None = None,
                    configured_bold: str | None = None) -> list[tuple[Path, Path | None]]:
    """Every (regular, bold) font file pair worth trying, configured one first."""
    found: list[tuple[Path, Path | None]] = []
    if configured:
        found.append((Path(configured).expanduser(), Path(configured_bold).expanduser() if configured_bold else None))
    found += _windows_candidates() if sys.platform == "win32" else _unix_candidates()
    found += _fontconfig_candidates()
    seen, unique = set(), []
    for regular, bold in found:
        if regular not in seen and regular.is_file():
            seen.add(regular)
            unique.append((regular, bold if bold and bold.is_file() else None))
    return unique


def load_truetype(name: str, path: Path, subfont: int | None = None) -> TTFont:
    """A ReportLab TTFont for ``path``; for a .ttc, the Simplified Chinese sub-font when there is one.

    Raises :class:`TTFError` for fonts ReportLab cannot embed (CFF outlines, no embedding rights).
    """
    if path.suffix.lower() != ".ttc":
        return TTFont(name, str(path))
    if subfont is not None:
        return TTFont(name, str(path), subfontIndex=subfont)
    faces: list[TTFont] = []
    for index in range(16):
        try:
            faces.append(TTFont(name, str(path), subfontIndex=index))
        except TTFError:
            if not faces:
                raise  # the first sub-font failed: the file is unusable
            break  # past the last sub-font ("bad subfontIndex")
    for hint in _SUBFONT_HINTS:
        for face in faces:
            if hint in _face_name(face):
                return face
    return faces[0]


def _font_name(path: Path) -> str:
    """A ReportLab font name unique to the file (several fonts may be registered in one process)."""
    return "OP-" + "".join(ch for ch in path.stem if ch.isalnum())


def _face_name(font: TTFont) -> str:
    name = font.face.name
    return name.decode("latin-1", "replace") if isinstance(name, bytes) else str(name)


def covers_ascii(font: TTFont) -> bool:
    """Whether the font has every printable ASCII character (Droid Sans Fallback has none)."""
    cmap = font.face.charToGlyph
    return all(code in cmap for code in range(0x21, 0x7F))


@lru_cache(maxsize=8)
def font_set(configured: str | None = None, configured_bold: str | None = None,
             subfont: int | None = None, force_cid: bool = False) -> FontSet:
    """Register and return the fonts documents use (cached: fonts are registered once per process)."""
    if not force_cid:
        for regular, bold in candidate_files(configured, configured_bold):
            try:
                font = load_truetype(_font_name(regular), regular,
                                     subfont if regular == Path(configured or "") else None)
            except (TTFError, OSError, ValueError) as error:
                log.info("skipping font %s: %s", regular, error)
                continue
            pdfmetrics.registerFont(font)
            if not covers_ascii(font):
                # A CJK-only font: Latin runs go to Helvetica, the rest to this font.
                log.info("documents use %s for CJK text and Helvetica for Latin text", regular)
                return FontSet("Helvetica", "Helvetica-Bold", font.fontName, font.fontName, str(regular), True)
            bold_name = font.fontName
            if bold is not None:
                try:
                    bold_font = load_truetype(_font_name(bold), bold)
                    pdfmetrics.registerFont(bold_font)
                    bold_name = bold_font.fontName
                except (TTFError, OSError, ValueError) as error:
                    log.info("skipping bold font %s: %s", bold, error)
            log.info("documents use the TrueType font %s", regular)
            return FontSet(font.fontName, bold_name, font.fontName, bold_name, str(regular), True)
    pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
    log.info("no embeddable CJK TrueType font found; documents use the built-in CID font %s", CID_FALLBACK)
    return FontSet("Helvetica", "Helvetica-Bold", CID_FALLBACK, CID_FALLBACK,
                   f"{CID_FALLBACK} (built-in CID font)", False)


# --- runs of text per font -------------------------------------------------------------------

def _latin_ok(ch: str) -> bool:
    """Whether the standard Type 1 fonts (WinAnsi encoding) can show ``ch``."""
    try:
        ch.encode("cp1252")
        return True
    except UnicodeEncodeError:
        return False


_LATIN_CACHE: dict[str, bool] = {}


def runs(text: str, fonts: FontSet) -> list[tuple[bool, str]]:
    """Split ``text`` into (needs_cjk_font, run) pieces; one piece when one family covers all."""
    if fonts.single_family or text.isascii():
        return [(fonts.single_family, text)] if text else []
    pieces: list[tuple[bool, str]] = []
    current, start = None, 0
    for i, ch in enumerate(text):
        ok = _LATIN_CACHE.get(ch)
        if ok is None:
            ok = _LATIN_CACHE[ch] = _latin_ok(ch)
        cjk = not ok
        if current is None:
            current = cjk
        elif cjk != current:
            pieces.append((current, text[start:i]))
            current, start = cjk, i
    if current is not None:
        pieces.append((current, text[start:]))
    return pieces


def latin_only(text: str, fonts: FontSet) -> bool:
    """Whether ``text`` can be drawn in ``fonts.latin`` alone."""
    if fonts.single_family or text.isascii():
        return True
    return not any(cjk for cjk, _ in runs(text, fonts))


def markup(text: str | None, fonts: FontSet, bold: bool = False) -> str:
    """Paragraph markup for plain ``text``: escaped, line breaks kept, each run in its font."""
    if not text:
        return ""
    lines = []
    for line in str(text).replace("\r\n", "\n").split("\n"):
        lines.append("".join(f'<font face="{fonts.face(bold, cjk)}">{escape(run)}</font>'
                             for cjk, run in runs(line, fonts)))
    return "<br/>".join(lines)


def string_width(text: str, size: float, fonts: FontSet, bold: bool = False) -> float:
    return sum(pdfmetrics.stringWidth(run, fonts.face(bold, cjk), size) for cjk, run in runs(text, fonts))


def draw_string(canvas, x: float, y: float, text: str, size: float, fonts: FontSet, *,
                bold: bool = False, align: str = "left") -> float:
    """Draw one line of mixed text at baseline ``y``; returns its width.

    Bold runs in a font without a bold face (most CJK fonts) are drawn filled and stroked.
    """
    pieces = runs(text, fonts)
    total = sum(pdfmetrics.stringWidth(run, fonts.face(bold, cjk), size) for cjk, run in pieces)
    if align == "right":
        x -= total
    elif align == "center":
        x -= total / 2
    fake = [bold and fonts.face(True, cjk) == fonts.face(False, cjk) for cjk, _ in pieces]
    if any(fake):
        canvas.saveState()
        canvas.setLineWidth(size * 0.03)
        canvas.setStrokeColor(getattr(canvas, "_fillColorObj", (0, 0, 0)))
    line = canvas.beginText(x, y)  # one text object: readers keep the line together
    for (cjk, run), stroke in zip(pieces, fake):
        line.setFont(fonts.face(bold, cjk), size)
        line.setTextRenderMode(2 if stroke else 0)
        line.textOut(run)
    canvas.drawText(line)
    if any(fake):
        canvas.restoreState()
    return total
