"""Regenerate the Chinese translation source from app/ and compile it.

Runs ``pyside6-lupdate`` over every ``.py`` file under ``app/`` (new strings are added to
``orderpilot_zh_CN.ts`` as unfinished; vanished ones are marked obsolete) and then
``pyside6-lrelease`` to build ``orderpilot_zh_CN.qm``. Translate new strings in between with Qt
Linguist (``pyside6-linguist``) or a text editor, then run this again.

Usage:  python resources/translations/update_translations.py [--drop-obsolete] [--check]

``--check`` only reports: exits 1 if any string is untranslated.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SOURCE_DIR = ROOT / "app"
LANGUAGES = ("zh_CN",)


def find_tool(name: str) -> str | None:
    """A PySide6 tool next to this Python, or on PATH."""
    beside = Path(sys.executable).with_name(name)
    for candidate in (beside, beside.with_suffix(".exe")):
        if candidate.exists():
            return str(candidate)
    return shutil.which(name)


def tool(name: str) -> str:
    found = find_tool(name)
    if not found:
        sys.exit(f"{name} not found; install PySide6 in this environment")
    return found


def ts_path(language: str) -> Path:
    return HERE / f"orderpilot_{language}.ts"


def source_files() -> list[str]:
    return sorted(str(path.relative_to(ROOT)) for path in SOURCE_DIR.rglob("*.py"))


def unfinished_messages(ts_file: Path) -> list[str]:
    """Source texts of messages that still lack a translation (obsolete ones ignored)."""
    missing = []
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "unfinished"
            if kind in ("obsolete", "vanished"):
                continue
            numerus = translation.findall("numerusform") if translation is not None else []
            empty = not (translation.text or "").strip() and not any(
                (form.text or "").strip() for form in numerus
            )
            if kind == "unfinished" or empty:
                missing.append(f"{name}: {message.findtext('source')}")
    return missing


def update(language: str, drop_obsolete: bool, ts_file: Path | None = None) -> None:
    """Merge the strings found in app/ into the .ts (``ts_file`` overrides its location)."""
    ts_file = ts_file or ts_path(language)
    command = [tool("pyside6-lupdate"), "-locations", "none", "-target-language", language]
    if drop_obsolete:
        command.append("-no-obsolete")
    command += [*source_files(), "-ts", str(ts_file)]
    subprocess.run(command, cwd=ROOT, check=True)


def release(language: str) -> None:
    ts_file = ts_path(language)
    subprocess.run([tool("pyside6-lrelease"), str(ts_file), "-qm", str(ts_file.with_suffix(".qm"))], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drop-obsolete", action="store_true", help="remove strings no longer in app/")
    parser.add_argument("--check", action="store_true", help="only report untranslated strings")
    args = parser.parse_args(argv)
    status = 0
    for language in LANGUAGES:
        if not args.check:
            update(language, args.drop_obsolete)
            release(language)
        missing = unfinished_messages(ts_path(language))
        for text in missing:
            print(f"untranslated ({language}) {text}")
        if missing:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
