"""Linux desktop integration in packaging/linux: the desktop entry, the AppStream metadata,
the MIME types and the icons, checked with the freedesktop tools themselves.

The tools come from Debian packages that scripts/setup.sh installs (debian-packages.txt); a
missing tool fails the test rather than skipping it, so CI cannot pass without the checks."""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from swdesk.cli import OPENABLE_SUFFIXES

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
APP_ID = "cn.swdesk.swdesk"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
MIME = LINUX / "swdesk-mime.xml"
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is missing: scripts/setup.sh installs it (debian-packages.txt)")
    return found


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, timeout=60, env=env
    )


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def mime_types() -> dict[str, list[str]]:
    """MIME type → its glob patterns, from the shared-mime-info file."""
    root = ET.parse(MIME).getroot()
    return {
        node.get("type", ""): [g.get("pattern", "") for g in node.iter(f"{MIME_NS}glob")]
        for node in root.iter(f"{MIME_NS}mime-type")
    }


def test_desktop_file_validates() -> None:
    result = run(tool("desktop-file-validate"), DESKTOP)
    assert result.returncode == 0 and result.stdout.strip() == "", result.stdout + result.stderr
    entry = desktop_entry()
    assert entry["Exec"] == "swdesk %f"
    assert entry["Icon"] == APP_ID


def test_desktop_file_opens_every_type_swdesk_opens() -> None:
    types = mime_types()
    declared = [t for t in desktop_entry()["MimeType"].split(";") if t]
    assert set(declared) <= set(types)
    opened = {pattern[1:] for t in declared for pattern in types[t]}
    assert opened == set(OPENABLE_SUFFIXES)


def test_metainfo_validates() -> None:
    result = run(tool("appstreamcli"), "validate", "--no-net", METAINFO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "E:" not in result.stdout and "W:" not in result.stdout, result.stdout
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    assert root.find("releases/release").get("version") == version  # type: ignore[union-attr]
    provided = {node.text for node in root.iter("mediatype")}
    assert provided == {t for t in desktop_entry()["MimeType"].split(";") if t}


def test_mime_file_is_well_formed_and_installs(tmp_path: Path) -> None:
    result = run(tool("xmllint"), "--noout", MIME)
    assert result.returncode == 0, result.stderr
    types = mime_types()
    globs = {pattern for patterns in types.values() for pattern in patterns}
    assert globs == {"*.swdapp", "*.swdfwd", "*.swdbak", "*.swddec", "*.swdtrust", "*.swdkey"}
    database = tmp_path / "mime"
    (database / "packages").mkdir(parents=True)
    shutil.copy(MIME, database / "packages" / "swdesk.xml")
    env = {**os.environ, "XDG_DATA_DIRS": str(tmp_path)}
    result = run(tool("update-mime-database"), "-V", database, env=env)
    assert result.returncode == 0, result.stderr
    assert "warning" not in (result.stdout + result.stderr).lower(), result.stderr
    installed = (database / "globs2").read_text("utf-8")
    for mime_type, patterns in types.items():
        assert (database / f"{mime_type}.xml").is_file()
        for pattern in patterns:
            assert f":{mime_type}:{pattern}" in installed


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_icons_at_the_standard_sizes() -> None:
    for size in SIZES:
        assert _png_size(ICONS / f"swdesk-{size}.png") == (size, size)
    svg = ET.parse(ICONS / "swdesk.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert svg.get("viewBox") == "0 0 512 512"
    assert not list(svg.iter("{http://www.w3.org/2000/svg}text"))  # no fonts needed
    from PIL import Image

    with Image.open(ICONS / "swdesk.ico") as ico:
        assert {16, 32, 48, 256} <= {w for w, _h in ico.info["sizes"]}
