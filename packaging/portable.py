"""The portable edition: dist/swdesk zipped with the `swdesk-portable` marker beside the
program, then checked: unzipped into a temporary folder, the frozen program started from
another working directory must keep its data in `data/` beside itself and nothing in the
user's folders.

    .venv/bin/python packaging/portable.py dist/swdesk   (bash packaging/build.sh --portable)

Writes dist/swdesk-<version>-<platform>-portable.zip (temporary name, fsync, rename). Unzip
it anywhere (a USB stick) and start swdesk(.exe) inside the folder.
"""

from __future__ import annotations

import os
import platform
import stat
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARKER = "swdesk-portable"  # swdesk.paths.PORTABLE_MARKER


def platform_tag() -> str:
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    return f"{system}-{platform.machine().lower()}"


def write_zip(folder: Path, target: Path) -> Path:
    top = folder.name
    temporary = target.with_name(f".{target.name}.tmp")
    with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_dir() or path.name == MARKER:
                continue
            info = zipfile.ZipInfo.from_file(path, f"{top}/{path.relative_to(folder).as_posix()}")
            info.compress_type = zipfile.ZIP_DEFLATED
            with path.open("rb") as source, archive.open(info, "w") as sink:
                while chunk := source.read(1 << 20):
                    sink.write(chunk)
        marker = zipfile.ZipInfo(f"{top}/{MARKER}", date_time=(2026, 1, 1, 0, 0, 0))
        marker.external_attr = (stat.S_IFREG | 0o644) << 16
        archive.writestr(marker, b"")
    with temporary.open("rb") as written:
        os.fsync(written.fileno())
    temporary.replace(target)
    return target


def check_portable(zip_path: Path) -> None:
    """Unzip, start the program from elsewhere, and see where the data went."""
    with tempfile.TemporaryDirectory(prefix="swdesk-portable-check-") as tmp:
        base = Path(tmp)
        with zipfile.ZipFile(zip_path) as archive:
            for info in archive.infolist():
                extracted = Path(archive.extract(info, base / "stick"))
                mode = info.external_attr >> 16
                if mode & 0o111:
                    extracted.chmod(mode & 0o777)
        folder = base / "stick" / "swdesk"
        program = folder / ("swdesk-cli.exe" if sys.platform == "win32" else "swdesk")
        home = base / "home"
        home.mkdir()
        env = {k: v for k, v in os.environ.items() if k != "SWDESK_DATA_DIR"}
        env.update(
            HOME=str(home),
            USERPROFILE=str(home),
            APPDATA=str(home / "AppData"),
            LOCALAPPDATA=str(home / "Local"),
            XDG_DATA_HOME=str(home / "data"),
            XDG_STATE_HOME=str(home / "state"),
            QT_QPA_PLATFORM="offscreen",
        )
        result = subprocess.run(
            [str(program), "profile", "list"],
            cwd=home,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if result.returncode != 0:
            raise SystemExit(f"portable check: {program} failed:\n{result.stderr}")
        if not (folder / "data" / "swdesk.sqlite").is_file():
            raise SystemExit("portable check: no data/swdesk.sqlite beside the program")
        stray = [p for p in home.rglob("*") if "swdesk" in p.name.lower()]
        if stray:
            raise SystemExit(f"portable check: files in the user's folders: {stray}")
    print(f"portable check passed: data kept in data/ beside the program ({zip_path.name})")


def main(argv: list[str]) -> int:
    folder = Path(argv[0] if argv else ROOT / "dist" / "swdesk").resolve()
    if not folder.is_dir():
        raise SystemExit(f"{folder} does not exist: run bash packaging/build.sh first")
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    target = folder.parent / f"swdesk-{version}-{platform_tag()}-portable.zip"
    write_zip(folder, target)
    print(f"wrote {target} ({target.stat().st_size / (1 << 20):.0f} MB)")
    check_portable(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
