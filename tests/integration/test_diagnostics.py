"""Diagnostics for support: versions, schema revisions, counts and sizes, the end of the log;
no names, no evidence file names, and no ID number or phone number even when the log holds
them. Qt is not imported to gather them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import alembic
import cryptography
import pytest
import reportlab
import sqlalchemy
from review_samples import TODAY, make_office

from folder_samples import FolderTemplates
from swdesk import __version__
from swdesk.reviewstore.migrate import HEAD_REVISION as REVIEW_HEAD
from swdesk.services.diagnostics import (
    ID_NUMBER_MASK,
    PHONE_MASK,
    gather_diagnostics,
    scrub,
)
from swdesk.services.review import review_root
from swdesk.services.workspace import open_workspace
from swdesk.storage.migrate import HEAD_REVISION

ID_NUMBER = "11010519491231002X"
PHONES = ("13909330001", "+86 139-0933-0002", "0086 13909330003", "139 0933 0004")


@pytest.fixture
def data_dir(
    folder_templates: FolderTemplates, tmp_path: Path
) -> tuple[Path, list[str], list[str]]:
    """A data folder with the demo practitioners (a copy of one built once per session);
    their names and evidence file names."""
    folder = folder_templates.demo(tmp_path / "data", TODAY)
    workspace = open_workspace(folder, clock=lambda: TODAY)
    try:
        names = [p.name for p in workspace.profiles.list_profiles()]
    finally:
        workspace.close()
    evidence = [p.name for p in (folder / "evidence").rglob("*") if p.is_file()]
    return folder, names, evidence


def values(text: str, key: str) -> list[str]:
    """The values of the "key:   value" lines for `key`, in order."""
    return [
        line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith(f"{key}:")
    ]


def write_log(log_dir: Path) -> None:
    """An older rotated log of 150 lines and the current one of 100, personal data at the
    end (as a careless log line would have it)."""
    log_dir.mkdir(parents=True)
    older = [
        f"2026-11-20 10:00:{i % 60:02d},000 INFO swdesk.old: older line {i}" for i in range(150)
    ]
    current = [
        f"2026-11-28 09:00:{i % 60:02d},000 INFO swdesk.app: current line {i}" for i in range(97)
    ]
    current += [
        f"2026-11-28 09:01:00,000 WARNING swdesk.x: bad id {ID_NUMBER} in 证件.pdf",
        "2026-11-28 09:01:01,000 WARNING swdesk.x: phones " + ", ".join(PHONES),
        f"2026-11-28 09:01:02,000 INFO swdesk.x: lower x {ID_NUMBER.lower()} end",
    ]
    (log_dir / "swdesk.log.1").write_text("\n".join(older) + "\n", encoding="utf-8")
    (log_dir / "swdesk.log").write_text("\n".join(current) + "\n", encoding="utf-8")


def test_diagnostics_name_versions_sizes_and_the_log_tail_but_nothing_personal(
    data_dir: tuple[Path, list[str], list[str]], tmp_path: Path
) -> None:
    folder, names, evidence = data_dir
    make_office(review_root(folder)).close()
    write_log(tmp_path / "logs")

    text = gather_diagnostics(tmp_path / "logs", folder, extra={"Qt runtime": "6.x"})

    for expected in (
        __version__,
        sqlalchemy.__version__,
        alembic.__version__,
        reportlab.Version,
        cryptography.__version__,
        "PySide6 (Qt):",
        sys.version.split()[0],
        "Qt runtime: 6.x",
    ):
        assert expected in text, expected
    assert values(text, "swdesk") == [__version__]
    assert values(text, "schema revision") == [HEAD_REVISION, REVIEW_HEAD]
    assert values(text, "profiles") == [str(len(names))]
    assert values(text, "retention days") == ["365"]
    assert values(text, "evidence")[0].startswith(f"{len(evidence)} files, ")
    # the log tail: the last 200 lines, across the rotated file
    tail = text.split("[log: the last 200 lines]\n", 1)[1].splitlines()
    assert len(tail) == 200
    assert tail[0].endswith("older line 50") and "current line 96" in tail[-4]
    # nothing personal
    assert ID_NUMBER not in text and ID_NUMBER.lower() not in text
    assert text.count(ID_NUMBER_MASK) == 2 and text.count(PHONE_MASK) == len(PHONES)
    for phone in PHONES:
        assert phone not in text
    assert names and not any(name in text for name in names)
    assert evidence and not any(name in text for name in evidence)
    assert not any(name[:16] in text for name in evidence)


def test_diagnostics_of_an_empty_place_still_come_out(tmp_path: Path) -> None:
    text = gather_diagnostics(tmp_path / "no-logs", tmp_path / "no-data")
    assert "(no log file in" in text and "state:" in text and "not present" in text


def test_scrub_masks_id_and_mobile_shapes_only() -> None:
    home = Path("/home/张三")
    assert (
        scrub(f"id={ID_NUMBER}; 15位 110105491231002 ok", home)
        == f"id={ID_NUMBER_MASK}; 15位 {ID_NUMBER_MASK} ok"
    )
    assert scrub("tel:13909330001.", home) == f"tel:{PHONE_MASK}."
    assert scrub("/home/张三/swdesk/data", home) == "~/swdesk/data"
    kept = (
        "timestamp 1732791234567890123",
        "size 10485760 bytes",
        "2026-11-28 09:01:00",
        "sha256 3f2a9c0e5b",
        "12345678901",
        "version 6.12.0",
    )
    for line in kept:
        assert scrub(line, home) == line


def test_gathering_diagnostics_does_not_import_qt(tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; "
        "from swdesk.services.diagnostics import gather_diagnostics; "
        f"text = gather_diagnostics(Path({str(tmp_path)!r}), Path({str(tmp_path)!r})); "
        "assert 'PySide6 (Qt)' in text; assert 'PySide6' not in sys.modules, 'Qt imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
