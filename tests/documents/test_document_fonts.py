"""Chinese everywhere: the CJK font search, the CID fallback, mixed lines; settings and formats."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pdf_checks import font_names, page_texts
from pypdf import PdfReader
from reportlab.pdfbase.ttfonts import TTFError

from app.services.documents.fonts import candidate_files, font_set, load_truetype, runs
from app.services.documents.formatting import Formatter
from app.services.documents.model import DocumentLine, OrderDocument
from app.services.documents.order_confirmation import render_order_confirmation
from app.services.documents.settings import Address, load_document_settings

NOTO_CFF = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def chinese_order() -> OrderDocument:
    customer = Address("上海浦江机械有限公司", ("浦东新区张江路 1000 号", "201203 上海"), "中国")
    lines = (DocumentLine(1, "CAB-1", "Control cabinet 控制柜 CC-1", Decimal(2), net=Decimal(6000), tax_rate=Decimal(13),
                          unit_price=Decimal(3000)),)
    return OrderDocument("SO-2026-0000007", date(2026, 5, 7), "zh_CN", "CNY", "C001", customer, customer, lines)


def usable_truetype() -> Path | None:
    for regular, _ in candidate_files():
        try:
            load_truetype("probe", regular)
            return regular
        except (TTFError, OSError, ValueError):
            continue
    return None


def test_without_a_truetype_cjk_font_chinese_uses_the_builtin_cid_font_and_stays_text(settings):
    fonts = font_set(force_cid=True)
    assert fonts.cjk == "STSong-Light" and fonts.latin == "Helvetica" and not fonts.embedded
    pdf = render_order_confirmation(chinese_order(), settings=settings, fonts=fonts)
    assert "/STSong-Light" in font_names(pdf) and "/Helvetica" in font_names(pdf)
    text = page_texts(pdf)[0]
    assert "上海浦江机械有限公司" in text and "订单确认书" in text
    assert "1 CAB-1 Control cabinet 控制柜 CC-1 2" in text  # the mixed line is one line of text


def test_mixed_lines_are_split_into_runs_only_where_the_font_changes():
    cid = font_set(force_cid=True)
    assert runs("Control cabinet 控制柜 CC-1", cid) == [(False, "Control cabinet "), (True, "控制柜"), (False, " CC-1")]
    assert runs("Müller & Söhne, 12 €", cid) == [(False, "Müller & Söhne, 12 €")]  # WinAnsi covers these


def test_a_truetype_cjk_font_found_on_the_system_is_embedded_as_a_subset(settings):
    found = usable_truetype()
    if found is None:
        pytest.skip("no embeddable TrueType CJK font on this machine (documents use the CID fallback)")
    fonts = font_set(configured=str(found))
    assert fonts.embedded and fonts.source == str(found)
    pdf = render_order_confirmation(chinese_order(), settings=settings, fonts=fonts)
    embedded = [name for name in font_names(pdf) if "+" in name]  # subset fonts are named ABCDEF+Name
    assert embedded, font_names(pdf)
    text = page_texts(pdf)[0]
    assert "上海浦江机械有限公司" in text and "Control cabinet 控制柜 CC-1" in text


@pytest.mark.skipif(not NOTO_CFF.exists(), reason="Noto Sans CJK is not installed")
def test_postscript_flavoured_opentype_fonts_are_skipped_for_the_next_candidate():
    with pytest.raises(TTFError, match="postscript outlines"):
        load_truetype("noto", NOTO_CFF)
    fonts = font_set(configured=str(NOTO_CFF))
    assert fonts.source != str(NOTO_CFF)


def test_the_users_company_ini_overrides_the_shipped_defaults(tmp_path, monkeypatch):
    folder = tmp_path / "config"
    folder.mkdir()
    (folder / "logo.png").write_bytes(Path(load_document_settings().company().logo).read_bytes())
    (folder / "company.ini").write_text("[company]\nname = Acme Pumps Ltd.\nlogo = logo.png\n"
                                        "[labels]\nsize = 100x150\n", encoding="utf-8")
    monkeypatch.setenv("OP_CONFIG_DIR", str(folder))
    settings = load_document_settings()
    assert settings.company("en").name == "Acme Pumps Ltd."
    assert settings.company("zh_CN").name == "奥德派洛特示范制造有限公司"  # the Chinese name still from the defaults
    assert settings.company("en").logo == folder / "logo.png"
    assert settings.label_size == "100x150" and settings.page_size == "A4"


def test_amounts_and_dates_follow_the_documents_locale():
    zh, en = Formatter("zh_CN"), Formatter("en", "en_US")
    assert zh.money(Decimal("1234567.5"), "CNY") == "¥1,234,567.50"
    assert en.money(Decimal("1234567.5"), "CNY") == "CN¥1,234,567.50"
    assert Formatter("en", "de_DE").money(Decimal("1234.5"), "EUR") == "1.234,50\xa0€"
    assert zh.date(date(2026, 5, 7)) == "2026/5/7" and en.date(date(2026, 5, 7)) == "5/7/2026"
    assert Formatter("en", "en_GB").date(date(2026, 5, 7)) == "07/05/2026"
    assert en.quantity(Decimal("12.500")) == "12.5" and en.quantity(Decimal("1200")) == "1,200"
    assert en.price(Decimal("12.3450")) == "12.345" and en.price(Decimal("80.0000")) == "80.00"


def test_pdf_metadata_names_the_document(settings):
    pdf = render_order_confirmation(chinese_order(), settings=settings, fonts=font_set(force_cid=True))
    info = PdfReader(io.BytesIO(pdf)).metadata
    assert info.title == "订单确认书 SO-2026-0000007" and info.creator == "OrderPilot"
