"""Amounts, quantities and dates formatted for a document's locale, with Qt's QLocale.

QLocale (QtCore) needs no application object and no GUI, and it knows the grouping and date
conventions of both locales the documents use; Babel is not needed.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import QDate, QLocale

from app.services.documents.wording import document_language

# How each currency is written: (symbol in Chinese documents, symbol in English documents).
_SYMBOLS = {
    "CNY": ("¥", "CN¥"), "USD": ("US$", "US$"), "EUR": ("€", "€"), "GBP": ("£", "£"),
    "JPY": ("JP¥", "JP¥"), "HKD": ("HK$", "HK$"), "KRW": ("₩", "₩"),
}
CENT = Decimal("0.01")


def english_locale_name(configured: str = "") -> str:
    """The configured locale, else the system's when it is an English one, else en_US."""
    if configured:
        return configured
    system = QLocale.system()
    return system.name() if system.language() == QLocale.Language.English else "en_US"


def money(value: Decimal | int | float) -> Decimal:
    """Round half up to cents (the way tax amounts are rounded)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


class Formatter:
    """Formats values for one document language (``zh_CN`` or ``en``)."""

    def __init__(self, language: str, locale_en: str = ""):
        self.language = document_language(language)
        self.locale = QLocale("zh_CN" if self.language == "zh_CN" else english_locale_name(locale_en))
        short = self.locale.dateFormat(QLocale.FormatType.ShortFormat)
        # Two-digit years are ambiguous on business papers: always print four.
        self._date_format = short if "yyyy" in short else short.replace("yy", "yyyy")

    def amount(self, value: Decimal | None, places: int = 2) -> str:
        """1,234.50 / 1.234,50 — no currency symbol (columns under a currency heading)."""
        if value is None:
            return ""
        return self.locale.toString(float(Decimal(value)), "f", places)

    def price(self, value: Decimal | None) -> str:
        """A unit price: two decimals, or up to four when the price has them (12.3456)."""
        if value is None:
            return ""
        exponent = Decimal(value).normalize().as_tuple().exponent
        places = min(4, max(2, -exponent)) if isinstance(exponent, int) else 2
        return self.amount(value, places)

    def money(self, value: Decimal | None, currency: str) -> str:
        """With the currency: ¥1,234.50 in Chinese documents, CN¥1,234.50 in English ones."""
        if value is None:
            return ""
        symbols = _SYMBOLS.get(currency.upper())
        symbol = (symbols[0] if self.language == "zh_CN" else symbols[1]) if symbols else f"{currency.upper()} "
        return self.locale.toCurrencyString(float(Decimal(value)), symbol, 2)

    def quantity(self, value: Decimal | None) -> str:
        """As many decimals as the quantity has (at most 3): 12, 12.5, 0.125 (weights alike)."""
        if value is None:
            return ""
        value = Decimal(value)
        exponent = value.normalize().as_tuple().exponent
        places = min(3, max(0, -exponent)) if isinstance(exponent, int) else 0
        return self.locale.toString(float(value), "f", places)

    def percent(self, value: Decimal | None) -> str:
        """13% / 6.5% (the number without trailing zeros)."""
        if value is None:
            return ""
        return f"{self.quantity(value)}%"

    def date(self, value: date | datetime | None) -> str:
        if value is None:
            return ""
        if isinstance(value, datetime):
            value = value.date()
        return self.locale.toString(QDate(value.year, value.month, value.day), self._date_format)


_CHINESE_COUNTRIES = {"CN": "中国", "HK": "中国香港", "MO": "中国澳门", "TW": "中国台湾", "DE": "德国",
                      "US": "美国", "GB": "英国", "JP": "日本", "KR": "韩国", "FR": "法国", "SG": "新加坡"}


def country_name(code: str | None, language: str) -> str:
    """The country's name for an ISO code (English, or Chinese for the common ones)."""
    code = (code or "").strip().upper()
    if not code:
        return ""
    if document_language(language) == "zh_CN" and code in _CHINESE_COUNTRIES:
        return _CHINESE_COUNTRIES[code]
    territory = QLocale.codeToTerritory(code)
    if territory == QLocale.Country.AnyTerritory:
        return code
    return QLocale.territoryToString(territory)
