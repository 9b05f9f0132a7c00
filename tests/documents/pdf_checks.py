"""Reading rendered documents back: text with pypdf, pixels through QtPdf, PNGs for people."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument


def page_texts(pdf: bytes, layout: bool = True) -> list[str]:
    """Each page's text, runs of spaces collapsed. ``layout``: as laid out (a table row on one
    line, columns side by side); otherwise in drawing order (one column's lines together)."""
    texts = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        raw = page.extract_text(extraction_mode="layout") if layout else page.extract_text()
        raw = raw or ""
        lines = (re.sub(r"\s{2,}", " ", line).strip() for line in raw.splitlines())
        texts.append("\n".join(line for line in lines if line))
    return texts


def squeeze(text: str) -> str:
    """Text without any whitespace: wrapping may put line breaks anywhere."""
    return re.sub(r"\s+", "", text)


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(io.BytesIO(pdf)).pages]


def font_names(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = page["/Resources"].get("/Font", {})
        for ref in fonts.values():
            names.add(str(ref.get_object()["/BaseFont"]))
    return names


class RenderedPage:
    """One page rasterised by PDFium (QtPdf) at ``dpi``; coordinates in PDF points."""

    def __init__(self, image: QImage, dpi: float, height_points: float):
        self.image, self.scale, self.height_points = image, dpi / 72, height_points

    def dark(self, x: float, y: float) -> bool:
        """Whether the pixel at PDF point (x, y) (origin bottom left) is dark."""
        px = min(self.image.width() - 1, max(0, round(x * self.scale)))
        py = min(self.image.height() - 1, max(0, round((self.height_points - y) * self.scale)))
        return self.image.pixelColor(px, py).lightness() < 128

    def row(self, y: float, x0: float, x1: float) -> list[bool]:
        """Dark/light pixels along the horizontal line at height ``y`` from x0 to x1."""
        py = min(self.image.height() - 1, max(0, round((self.height_points - y) * self.scale)))
        return [self.image.pixelColor(px, py).lightness() < 128
                for px in range(round(x0 * self.scale), round(x1 * self.scale))]


def render_pages(pdf: bytes, dpi: float = 300) -> list[RenderedPage]:
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    pages = []
    for index in range(document.pageCount()):
        size = document.pagePointSize(index)
        rendered = document.render(index, QSize(round(size.width() * dpi / 72), round(size.height() * dpi / 72)))
        image = QImage(rendered.size(), QImage.Format.Format_RGB32)
        image.fill(QColor("white"))  # PDFium leaves the paper transparent
        painter = QPainter(image)
        painter.drawImage(0, 0, rendered)
        painter.end()
        pages.append(RenderedPage(image, dpi, size.height()))
    document.close()
    return pages


def write_pngs(pdf: bytes, folder: Path, name: str, dpi: int = 110) -> list[Path]:
    """Save the PDF and one PNG per page (pdftoppm when installed, else QtPdf) for a person to look at."""
    folder.mkdir(parents=True, exist_ok=True)
    pdf_path = folder / f"{name}.pdf"
    pdf_path.write_bytes(pdf)
    for old in folder.glob(f"{name}-*.png"):
        old.unlink()
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf_path), str(folder / name)], check=True)
        return sorted(folder.glob(f"{name}-*.png"))
    paths = []
    for number, page in enumerate(render_pages(pdf, dpi), start=1):
        path = folder / f"{name}-{number}.png"
        page.image.save(str(path))
        paths.append(path)
    return paths
