"""Permissions of the files swdesk hands on (POSIX): the public key and the trust list
hold nothing personal and are readable by others; everything naming people stays private
to its owner (swdesk.core.outfiles, "Permissions")."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from review_samples import make_office

from swdesk.core.outfiles import PRIVATE_MODE, PUBLIC_MODE, write_bytes
from swdesk.services.review import review_root

pytestmark = [
    pytest.mark.skipif(os.name == "nt", reason="POSIX permissions"),
]


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_default_is_private_and_public_is_asked_for(tmp_path: Path) -> None:
    write_bytes(tmp_path / "roster.xlsx", b"x")
    write_bytes(tmp_path / "office.swdkey", b"x", mode=PUBLIC_MODE)
    assert mode_of(tmp_path / "roster.xlsx") == PRIVATE_MODE & ~_umask()
    assert mode_of(tmp_path / "office.swdkey") == PUBLIC_MODE & ~_umask()


def test_public_key_and_trust_list_are_readable_by_others(tmp_path: Path) -> None:
    city = make_office(review_root(tmp_path / "city-data"))
    province = make_office(
        review_root(tmp_path / "province-data"),
        level="province",
        name="甘肃省民政厅",
        region="620000",
    )
    old = os.umask(0o022)
    try:
        key = city.service.export_public_key(tmp_path / "city.swdkey")
        trust = tmp_path / "province.swdtrust"
        province.service.publish_trust([key], trust)
    finally:
        os.umask(old)
        city.close()
        province.close()
    assert mode_of(key) == 0o644
    assert mode_of(trust) == 0o644


def test_bundles_forward_packages_and_backups_stay_private(tmp_path: Path) -> None:
    import importlib.util
    import sys
    import zipfile

    golden = Path(__file__).resolve().parents[1] / "golden"
    spec = importlib.util.spec_from_file_location("make_golden", golden / "make_golden.py")
    assert spec is not None and spec.loader is not None
    maker = importlib.util.module_from_spec(spec)
    sys.modules["make_golden"] = maker
    spec.loader.exec_module(maker)
    database = tmp_path / "db.sqlite"
    with zipfile.ZipFile(golden / "v1" / "backup.swdbak") as archive:
        database.write_bytes(archive.read("swdesk.sqlite"))
    out = tmp_path / "out"
    out.mkdir()
    old = os.umask(0o022)
    try:
        maker.build(out, database)
    finally:
        os.umask(old)
    for name in ("application.swdapp", "forward.swdfwd", "backup.swdbak"):
        assert mode_of(out / name) == 0o600, name
