"""Decision files and forward packages an office writes: named so that two applications can
never share a name (even when their uids begin alike), never written over another file, and
each one applies to its own application on the practitioner's side."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from review_samples import TODAY, _add_person, _export

from folder_samples import FolderTemplates
from swdesk.domain.enums import CertificateLevel, Gender
from swdesk.domain.errors import UserFixableError
from swdesk.services.review import ReviewWorkspace
from swdesk.services.workspace import Workspace, open_workspace
from swdesk.signing import read_decision

# two application uids whose first 8 characters are the same
TWIN_UIDS = ("3f2a9c1e-5b7d-4e21-9a0c-111111111111", "3f2a9c1e-8c44-4f90-b1d2-222222222222")
PEOPLE = [
    ("王立新", Gender.MALE, "620821", CertificateLevel.ASSISTANT, 131),
    ("李秀英", Gender.FEMALE, "620826", CertificateLevel.INTERMEDIATE, 242),
]


def _twins(root: Path) -> None:
    """root/practitioner holding both people, their applications exported to root/usb."""
    ws = open_workspace(root / "practitioner", clock=lambda: TODAY)
    try:
        usb = root / "usb"
        usb.mkdir()
        with tempfile.TemporaryDirectory() as tmp:
            pids = [_add_person(ws, Path(tmp), i, *person) for i, person in enumerate(PEOPLE)]
        for pid, uid in zip(pids, TWIN_UIDS, strict=True):
            _export(ws, pid, usb / f"{uid}.swdapp", uid=uid)
    finally:
        ws.close()


@pytest.fixture
def practitioner(
    folder_templates: FolderTemplates, tmp_path: Path
) -> Iterator[tuple[Workspace, list[Path]]]:
    """Two practitioners whose applications' uids share their first 8 characters (a copy of
    the folder and bundles made once per session)."""
    staging = folder_templates.copy("twin-uids", _twins, tmp_path / ".twins")
    for name in ("practitioner", "usb"):
        (staging / name).rename(tmp_path / name)
    staging.rmdir()
    ws = open_workspace(tmp_path / "practitioner", clock=lambda: TODAY)
    yield ws, [tmp_path / "usb" / f"{uid}.swdapp" for uid in TWIN_UIDS]
    ws.close()


def approve_both(city: ReviewWorkspace, bundles: list[Path]) -> list[int]:
    ids = city.service.import_files(bundles).imported_ids
    assert len(ids) == 2
    assert [r.status for r in city.service.decide(ids, "approved")] == ["decided", "decided"]
    return list(ids)


def test_uids_alike_in_their_first_8_characters_get_their_own_files(
    practitioner: tuple[Workspace, list[Path]],
    offices: tuple[ReviewWorkspace, ReviewWorkspace, Path],
    tmp_path: Path,
) -> None:
    ws, bundles = practitioner
    city, province, trust = offices
    approve_both(city, bundles)
    outbox = tmp_path / "to-province"
    outbox.mkdir(exist_ok=True)
    files = city.service.export_decisions(outbox)
    assert len(files) == len(set(files)) == 4
    assert sorted(p.name for p in outbox.iterdir()) == sorted(p.name for p in files)
    decisions = sorted(p for p in files if p.suffix == ".swddec")
    judged = {
        read_decision(p.read_bytes(), file=p.name).decision.application_uid: p for p in decisions
    }
    assert set(judged) == set(TWIN_UIDS)
    for uid, path in judged.items():  # the clerk reads the name and the whole uid
        name = next(n for n, *_ in PEOPLE if path.name.startswith(n))
        assert path.name == f"{name}-{uid}-v1-{path.name.split('-')[-2]}-first.swddec"

    # the province decides both; each practitioner's decision applies to its application
    report = province.service.import_files([p for p in files if p.suffix == ".swdfwd"])
    assert report.counts()["imported"] == 2
    province.service.decide(list(report.imported_ids), "approved")
    (tmp_path / "back").mkdir(exist_ok=True)
    back = province.service.export_decisions(tmp_path / "back")
    assert len({p.name for p in back}) == 2
    ws.decisions.import_trust_file(trust)
    applied = {ws.decisions.import_decision(p).application_uid for p in [*decisions, *back]}
    assert applied == set(TWIN_UIDS)


def test_a_name_taken_by_another_file_is_refused_never_overwritten(
    practitioner: tuple[Workspace, list[Path]],
    offices: tuple[ReviewWorkspace, ReviewWorkspace, Path],
    tmp_path: Path,
) -> None:
    _ws, bundles = practitioner
    city, _province, _trust = offices
    ids = approve_both(city, bundles)
    (tmp_path / "rehearsal").mkdir(exist_ok=True)
    rehearsal = city.service.export_decisions(tmp_path / "rehearsal", ids)  # learn the names
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    taken = outbox / sorted(rehearsal)[-1].name
    taken.write_bytes(b"the clerk's own file")

    with pytest.raises(UserFixableError) as clash:
        city.service.export_decisions(outbox, ids)
    assert clash.value.code == "file_exists"
    assert clash.value.params["file"] == taken.name
    assert taken.read_bytes() == b"the clerk's own file"
    assert not [p for p in outbox.iterdir() if p.name.startswith(".")]

    taken.unlink()  # moved away: now every file is written ...
    first = city.service.export_decisions(outbox, ids)
    assert sorted(p.name for p in first) == sorted(p.name for p in rehearsal)
    stamps = {p.name: (p.stat().st_ino, p.read_bytes()) for p in first}
    again = city.service.export_decisions(outbox, ids)  # ... and the same files again is fine
    assert again == first
    assert {p.name: (p.stat().st_ino, p.read_bytes()) for p in again} == stamps


def test_decision_forward_and_roster_exports_sweep_leftovers_of_dead_writers(
    practitioner: tuple[Workspace, list[Path]],
    offices: tuple[ReviewWorkspace, ReviewWorkspace, Path],
    tmp_path: Path,
) -> None:
    from test_export_safety import assert_swept, leftovers_for

    _ws, bundles = practitioner
    city, _province, _trust = offices
    approve_both(city, bundles)
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    planted = {suffix: leftovers_for(outbox, suffix) for suffix in (".swddec", ".swdfwd")}
    city.service.export_decisions(outbox)
    for names in planted.values():
        assert_swept(outbox, names)
    rosters = tmp_path / "rosters"
    rosters.mkdir()
    planted_roster = leftovers_for(rosters, ".xlsx")
    city.service.export_roster(rosters / "名册.xlsx")
    assert_swept(rosters, planted_roster)


def test_a_missing_target_folder_is_named_and_never_made(
    practitioner: tuple[Workspace, list[Path]],
    offices: tuple[ReviewWorkspace, ReviewWorkspace, Path],
    tmp_path: Path,
) -> None:
    _ws, bundles = practitioner
    city, _province, _trust = offices
    approve_both(city, bundles)
    stick = tmp_path / "usb" / "not-inserted"
    with pytest.raises(UserFixableError) as missing:
        city.service.export_decisions(stick)
    assert missing.value.code == "folder_missing"
    assert missing.value.params["path"] == str(stick)
    assert not stick.exists()
    stick.mkdir()  # nothing was marked exported: the next export writes every decision
    assert len(city.service.export_decisions(stick)) == 4
