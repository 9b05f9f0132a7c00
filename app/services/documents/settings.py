"""Company details and document settings: ``resources/company.ini``, overridden per user.

The shipped defaults live in ``resources/company.ini``; a ``company.ini`` in the user's config
folder (next to ``config.ini``, see :mod:`app.config`) overrides any key it sets. Later the same
values may come from the database; :func:`load_document_settings` is the one place to change.
"""

from __future__ import annotations

import configparser
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from app.config import config_dir
from app.services.documents.formatting import country_name

SETTINGS_FILE = "company.ini"
LABEL_SIZES = ("4x6", "100x150")


@dataclass(frozen=True)
class Address:
    """A postal address as printed: a name and the lines under it (empty parts left out)."""

    name: str = ""
    lines: tuple[str, ...] = ()
    country: str = ""

    def all_lines(self) -> list[str]:
        return [line for line in (self.name, *self.lines, self.country) if line]


@dataclass(frozen=True)
class CompanyInfo:
    """The company as it appears in a document's letterhead (already in the document's language)."""

    name: str
    address: Address
    phone: str = ""
    email: str = ""
    website: str = ""
    tax_id: str = ""
    logo: Path | None = None
    bank_name: str = ""
    bank_account: str = ""
    invoice_footer: str = ""


@dataclass(frozen=True)
class DocumentSettings:
    """Everything from ``company.ini``; :meth:`company` picks the wording for a language."""

    values: dict = field(default_factory=dict)  # section -> key -> value
    folder: Path = Path(".")

    def get(self, section: str, key: str, language: str | None = None, default: str = "") -> str:
        entries = self.values.get(section, {})
        if language and language != "en":
            localised = entries.get(f"{key}_{language}", "").strip()
            if localised:
                return localised
        return entries.get(key, default).strip()

    def company(self, language: str = "en") -> CompanyInfo:
        def get(key: str, section: str = "company") -> str:
            return self.get(section, key, language)

        logo = get("logo")
        logo_path = (self.folder / logo).expanduser() if logo else None
        city = " ".join(part for part in (get("postal_code"), get("city")) if part)
        return CompanyInfo(
            name=get("name"),
            address=Address("", tuple(p for p in (get("address_line1"), get("address_line2"), city) if p),
                            country_name(get("country"), language)),
            phone=get("phone"), email=get("email"), website=get("website"), tax_id=get("tax_id"),
            logo=logo_path if logo_path and logo_path.is_file() else None,
            bank_name=get("bank_name", "invoice"), bank_account=get("bank_account", "invoice"),
            invoice_footer=get("footer", "invoice"))

    @property
    def page_size(self) -> str:
        return "Letter" if self.get("documents", "page_size").lower() == "letter" else "A4"

    @property
    def locale_en(self) -> str:
        return self.get("documents", "locale_en")

    @property
    def label_size(self) -> str:
        size = self.get("labels", "size", default="4x6")
        return size if size in LABEL_SIZES else "4x6"

    @property
    def zpl_dpi(self) -> int:
        try:
            return 300 if int(self.get("labels", "zpl_dpi", default="203")) >= 300 else 203
        except ValueError:
            return 203

    @property
    def zpl_cjk_font(self) -> str:
        return self.get("labels", "zpl_cjk_font", default="E:SIMSUN.TTF")

    @property
    def zpl_printer(self) -> str:
        return self.get("labels", "zpl_printer")

    def font_options(self) -> dict:
        """Arguments for :func:`.fonts.font_set`; ``cjk_font = builtin`` forces the CID font."""
        if self.get("fonts", "cjk_font").lower() == "builtin":
            return dict(force_cid=True)
        subfont = self.get("fonts", "subfont")
        return dict(configured=self.get("fonts", "cjk_font") or None,
                    configured_bold=self.get("fonts", "cjk_font_bold") or None,
                    subfont=int(subfont) if subfont.isdigit() else None)

    def with_values(self, section: str, **values: str) -> DocumentSettings:
        """A copy with some keys changed (tests, and later values read from the database)."""
        merged = {name: dict(entries) for name, entries in self.values.items()}
        merged.setdefault(section, {}).update(values)
        return replace(self, values=merged)


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[3] / "resources"


def default_settings_file() -> Path:
    return resources_dir() / SETTINGS_FILE


def user_settings_file() -> Path:
    return config_dir() / SETTINGS_FILE


def load_document_settings(*files: Path) -> DocumentSettings:
    """The shipped defaults overridden by the user's file (or by ``files``, later ones winning).

    Relative paths (the logo) resolve against the folder of the last file that set them.
    """
    files = files or (default_settings_file(), user_settings_file())
    values: dict[str, dict[str, str]] = {}
    folder = resources_dir()
    for path in files:
        if not path.is_file():
            continue
        parser = configparser.ConfigParser(interpolation=None)
        parser.optionxform = str  # keep "name_zh_CN" as written
        parser.read(path, encoding="utf-8")
        for section in parser.sections():
            entries = values.setdefault(section, {})
            for key, value in parser.items(section):
                entries[key] = value
                if section == "company" and key == "logo" and value.strip():
                    folder = path.parent
    return DocumentSettings(values=values, folder=folder)
