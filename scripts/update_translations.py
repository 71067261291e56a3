"""Refresh the translation sources from the code and compile them.

    .venv/bin/python scripts/update_translations.py [--check]

Runs Qt's `lupdate` over every module that shows text (src/swdesk/ui, app.py) into
resources/translations/swdesk_zh_CN.ts (existing translations are kept; edit the .ts with Qt
Linguist, `pyside6-linguist`), then `lrelease` into swdesk_zh_CN.qm, which swdesk loads at
start. Also compiles qtbase_extra_zh_CN.ts (Qt's own dialog texts that Qt's translation
lacks; kept by hand). With --check, fails when a source string has no finished translation.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ["zh_CN"]


def tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent))
    if found is None:
        found = shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"pyside6-{name} not found: install PySide6 into this environment")
    return found


def sources() -> list[str]:
    files = sorted((ROOT / "src" / "swdesk" / "ui").rglob("*.py"))  # with the wizard package
    files.append(ROOT / "src" / "swdesk" / "app.py")
    return [str(f.relative_to(ROOT)) for f in files]


def unfinished(ts_file: Path) -> list[str]:
    tree = ET.parse(ts_file)
    missing = []
    for message in tree.iter("message"):
        translation = message.find("translation")
        if translation is None:
            continue
        kind = translation.get("type")
        if kind == "obsolete" or kind == "vanished":
            continue
        text = "".join(translation.itertext()).strip()
        if kind == "unfinished" or not text:
            missing.append(message.findtext("source") or "")
    return missing


def main() -> int:
    check = "--check" in sys.argv
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        ts_file = TRANSLATIONS / f"swdesk_{language}.ts"
        subprocess.run(
            [
                tool("lupdate"),
                "-no-obsolete",
                "-locations",
                "none",
                *sources(),
                "-ts",
                str(ts_file),
            ],
            cwd=ROOT,
            check=True,
        )
        subprocess.run(
            [tool("lrelease"), str(ts_file), "-qm", str(ts_file.with_suffix(".qm"))],
            cwd=ROOT,
            check=True,
        )
        # Qt's own dialog texts missing from Qt's translation (written by hand, see the file)
        extra = TRANSLATIONS / f"qtbase_extra_{language}.ts"
        if extra.is_file():
            subprocess.run(
                [tool("lrelease"), str(extra), "-qm", str(extra.with_suffix(".qm"))],
                cwd=ROOT,
                check=True,
            )
        missing = unfinished(ts_file)
        if missing:
            print(f"{ts_file.name}: {len(missing)} untranslated", file=sys.stderr)
            for text in missing[:50]:
                print(f"  {text}", file=sys.stderr)
            if check:
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
