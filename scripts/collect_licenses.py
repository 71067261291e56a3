"""Collect the licence texts of everything swdesk ships into resources/licenses/.

    .venv/bin/python scripts/collect_licenses.py

Walks swdesk's run-time requirements (recursively, markers evaluated for this machine) in the
installed environment and writes, for each package, `resources/licenses/<package>.txt` (its
licence files from the package metadata, joined) and `resources/licenses/index.json` (name,
kind, version, SPDX licence, files), which the About dialog reads (`swdesk.services.about`).
Also copies Apache-2.0 (swdesk's own licence), LGPL-3.0 and GPL-3.0 (Qt / PySide6, which ship
no licence file in their wheels) from Debian's /usr/share/common-licenses, and the Python
runtime's licence (bundled by the frozen build), and deletes the licence files of packages no
longer shipped (a dependency moved to the test extra or dropped). Only run-time requirements
count: test and build tools are not shipped. The output is committed; run this again after
adding, removing or upgrading a dependency (tests/unit/test_about_licenses.py notices).
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import sysconfig
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "licenses"
COMMON = Path("/usr/share/common-licenses")
# Licence files of pypdfium2's PDFium build that apply to other platforms or optional parts.
SKIP_PARTS = ("android", "musl", "v8_xfa")
# Packages whose wheels carry no licence file: the texts that apply.
NO_FILES = {
    "pyside6-essentials": ["licenses/LGPL-3.0.txt", "licenses/GPL-3.0.txt"],
    "shiboken6": ["licenses/LGPL-3.0.txt", "licenses/GPL-3.0.txt"],
}
# Libraries a wheel bundles (its .libs folder) whose licences its metadata does not carry:
# the Debian copyright files of the same libraries, appended to the package's text.
BUNDLED_NOTICES = {
    "psycopg-binary": [
        ("libpq (PostgreSQL)", "libpq5"),
        ("OpenSSL", "libssl3"),
        ("MIT Kerberos", "libkrb5-3"),
        ("OpenLDAP", "libldap-2.5-0"),
        ("Cyrus SASL", "libsasl2-2"),
        ("libxcrypt", "libcrypt1"),
        ("keyutils", "libkeyutils1"),
        ("com_err (e2fsprogs)", "libcom-err2"),
    ],
}
DISPLAY = {
    "pyside6-essentials": "Qt for Python (PySide6) and Qt",
    "shiboken6": "Shiboken (PySide6)",
    "pypdfium2": "pypdfium2 and PDFium",
}

sys.path.insert(0, str(ROOT / "src"))
from swdesk.services.about import license_of  # noqa: E402


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


# swdesk's extras the frozen build ships (packaging/swdesk.spec): the PostgreSQL driver of a
# server office
SHIPPED_EXTRAS = ("postgres",)


def runtime_requirements() -> list[str]:
    """swdesk's own run-time requirements and those of the extras it ships, as
    pyproject.toml declares them (not the installed metadata, which a stale
    src/swdesk.egg-info left by a wheel build could shadow)."""
    with (ROOT / "pyproject.toml").open("rb") as file:
        project = tomllib.load(file)["project"]
    extras = [text for name in SHIPPED_EXTRAS for text in project["optional-dependencies"][name]]
    return [*project["dependencies"], *extras]


def _wanted(requirement: Requirement, extras: frozenset[str]) -> bool:
    """Whether a requirement applies: no marker, or its marker holds with no extra or with
    one of the extras asked of its package (psycopg[binary] brings psycopg-binary)."""
    if requirement.marker is None:
        return True
    return any(requirement.marker.evaluate({"extra": extra}) for extra in {"", *extras})


def runtime_closure() -> list[metadata.Distribution]:
    """swdesk's run-time dependencies, recursively (with the extras asked of each),
    sorted by name."""
    seen: dict[str, metadata.Distribution] = {}
    pending: list[tuple[list[str], frozenset[str]]] = [(runtime_requirements(), frozenset())]
    while pending:
        texts, extras = pending.pop()
        for text in texts:
            requirement = Requirement(text)
            if not _wanted(requirement, extras):
                continue
            key = canonical(requirement.name)
            if key not in seen:
                seen[key] = metadata.distribution(requirement.name)
                pending.append((seen[key].requires or [], frozenset(requirement.extras)))
    return [seen[key] for key in sorted(seen)]


def licence_files(dist: metadata.Distribution) -> list[tuple[str, str]]:
    found = []
    for file in dist.files or []:
        path = str(file)
        if ".dist-info/" not in path or any(part in path for part in SKIP_PARTS):
            continue
        upper = Path(path).name.upper()
        if (
            "LICEN" in upper or "COPYING" in upper or "NOTICE" in upper or "/licenses/" in path
        ) and not path.endswith(("RECORD", "METADATA")):
            located = Path(str(dist.locate_file(file)))
            if located.is_file():
                found.append(
                    (path.split(".dist-info/", 1)[1], located.read_text("utf-8", errors="replace"))
                )
    return sorted(found)


def _files(component: dict[str, object]) -> list[str]:
    files = component["files"]
    assert isinstance(files, list)
    return [str(file) for file in files]


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for source, target in (
        ("Apache-2.0", "Apache-2.0.txt"),
        ("LGPL-3", "LGPL-3.0.txt"),
        ("GPL-3", "GPL-3.0.txt"),
    ):
        shutil.copyfile(COMMON / source, OUT / target)
    python_licence = Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt"
    shutil.copyfile(python_licence, OUT / "Python.txt")
    components: list[dict[str, object]] = [
        {
            "name": "swdesk",
            "kind": "application",
            "distribution": "swdesk",
            "version": metadata.version("swdesk"),
            "license": "Apache-2.0",
            "files": ["licenses/Apache-2.0.txt"],
        },
        {
            "name": "WenQuanYi Micro Hei (文泉驿微米黑)",
            "kind": "font",
            "distribution": None,
            "version": "0.2.0-beta",
            "license": "Apache-2.0",
            "files": ["fonts/LICENSE-WenQuanYi.txt"],
        },
        # Per-character fallbacks for rare characters (resources/fonts/README.md).
        {
            "name": "Hanazono Mincho (花園明朝) A and B",
            "kind": "font",
            "distribution": None,
            "version": "20170904",
            "license": "LicenseRef-Hanazono-Font-License",
            "files": ["fonts/LICENSE-Hanazono.txt"],
        },
        {
            "name": "BabelStone Han",
            "kind": "font",
            "distribution": None,
            "version": "15.0.5",
            "license": "Arphic-1999",
            "files": ["fonts/LICENSE-BabelStoneHan.txt"],
        },
        {
            "name": "Python",
            "kind": "runtime",
            "distribution": None,
            "version": sys.version.split()[0],
            "license": "PSF-2.0",
            "files": ["licenses/Python.txt"],
        },
    ]
    for dist in runtime_closure():
        key = canonical(dist.metadata["Name"])
        files = NO_FILES.get(key)
        if files is None:
            texts = licence_files(dist)
            if not texts:
                raise SystemExit(f"{key}: no licence file in its metadata; add it to NO_FILES")
            for label, package in BUNDLED_NOTICES.get(key, []):
                notice = Path("/usr/share/doc") / package / "copyright"
                if not notice.is_file():
                    raise SystemExit(f"{key} bundles {label}: install {package} for {notice}")
                texts.append((f"bundled {label}", notice.read_text("utf-8", errors="replace")))
            body = "\n\n".join(f"==== {name} ====\n\n{text.strip()}\n" for name, text in texts)
            target = OUT / f"{key}.txt"
            target.write_text(f"{dist.metadata['Name']} {dist.version}\n\n{body}", encoding="utf-8")
            files = [f"licenses/{key}.txt"]
        licence = license_of(dist)
        if licence is None:
            raise SystemExit(f"{key}: its metadata declares no licence")
        components.append(
            {
                "name": DISPLAY.get(key, dist.metadata["Name"]),
                "kind": "library",
                "distribution": dist.metadata["Name"],
                "version": dist.version,
                "license": licence,
                "files": files,
            }
        )
    # A package that is no longer shipped (dropped, or moved to an extra) leaves no licence
    # text behind: the About dialog lists exactly what the application carries.
    listed = {file for component in components for file in _files(component)}
    for stale in sorted(OUT.glob("*.txt")):
        if f"licenses/{stale.name}" not in listed:
            stale.unlink()
            print(f"removed {stale.relative_to(ROOT)} (not shipped)")
    index = OUT / "index.json"
    index.write_text(
        json.dumps({"components": components}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {len(components)} components to {index.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
