"""What passes validation is what is stored, printed and bundled.

Full-width digits, tabs, no-break spaces and a lower-case x are typed (or pasted) into the
profile and the application; the services store the canonical forms the validators check,
the bundle carries them, and data stored before normalisation existed is exported in its
canonical form instead of crashing the bundle writer.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from ui_free_samples import sample_draft

from swdesk.bundle import verify_bundle
from swdesk.domain.application import MaterialRole
from swdesk.domain.credit_code import credit_code_check_char
from swdesk.domain.identity import id_check_char
from swdesk.services.demo_images import portrait_png
from swdesk.services.workspace import Workspace, open_workspace

TODAY = date(2026, 11, 28)
ID_17 = next(
    first17
    for s in range(2, 999, 2)  # born 1949-12-31, female, ends in X
    if id_check_char(first17 := f"62080219491231{s:03d}") == "X"
)
ID = ID_17 + "X"
CREDIT = "91620802MA7123456" + credit_code_check_char("91620802MA7123456")
WIDE = str.maketrans(
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ",
)


@pytest.fixture
def ws(tmp_path: Path):  # type: ignore[no-untyped-def]
    workspace = open_workspace(tmp_path / "data", clock=lambda: TODAY)
    yield workspace
    workspace.close()


def test_the_sample_id_number_ends_in_x() -> None:
    assert ID.endswith("X")


def _typed_profile():  # type: ignore[no-untyped-def]
    draft = replace(sample_draft("刘喆"), registration=None)
    p = replace(
        draft.practitioner,
        birth_date=date(1949, 12, 31),
        name="\u00a0刘喆\t",
        id_number=" " + ID[:6] + "\t" + ID[6:-1].translate(WIDE) + "x\u00a0",
        phone="１３９\u00a00933－1234",
        employer=" 东关街道\t社会工作服务站 ",
        employer_credit_code=CREDIT[:8].translate(WIDE) + "\t" + CREDIT[8:].lower(),
        post="社会工作者\u3000",
        county="６２０８０２",
    )
    certificate = replace(draft.certificate, number="Ｓ2023\t0001")
    return replace(draft, practitioner=p, certificate=certificate)


def test_the_profile_stores_what_its_checks_accepted(ws: Workspace) -> None:
    draft = _typed_profile()
    assert ws.profiles.draft_issues(ws.profiles.normalized(draft)) == []
    pid = ws.profiles.create_profile(draft)
    record = ws.profiles.get_record(pid)
    p = record.practitioner
    assert (p.name, p.id_number, p.phone) == ("刘喆", ID, "13909331234")
    assert (p.employer, p.employer_credit_code, p.post, p.county) == (
        "东关街道 社会工作服务站",
        CREDIT,
        "社会工作者",
        "620802",
    )
    assert record.certificates[0].number == "S20230001"
    ws.profiles.update_profile(
        pid,
        replace(draft, practitioner=replace(draft.practitioner, phone="0933 － 8212345", id=pid)),
    )
    assert ws.profiles.get_record(pid).practitioner.phone == "0933-8212345"


def test_the_draft_stores_and_bundles_the_canonical_forms(ws: Workspace, tmp_path: Path) -> None:
    pid = ws.profiles.create_profile(replace(sample_draft(), registration=None))
    photo = tmp_path / "photo.png"
    photo.write_bytes(portrait_png(4))
    draft = ws.applications.attach(ws.applications.current_draft(pid), MaterialRole.PHOTO, photo)
    typed = replace(
        draft,
        phone="139 0933 1234\t",
        employer_credit_code=CREDIT.translate(WIDE)[:9] + "\t" + CREDIT[9:],
        employer="\u00a0平凉市\t崆峒区社工站 ",
        post=" 督导\n",
        declaration_accepted=True,
    )
    assert ws.applications.precheck(typed) == []
    saved = ws.applications.save_draft(typed)
    assert (saved.phone, saved.employer_credit_code, saved.employer, saved.post) == (
        "13909331234",
        CREDIT,
        "平凉市 崆峒区社工站",
        "督导",
    )
    result = ws.applications.export(saved, tmp_path / "first.swdapp")
    applicant = verify_bundle(result.path).application["applicant"]
    assert (
        applicant["phone"],
        applicant["employer_credit_code"],
        applicant["employer"],
        applicant["post"],
    ) == ("13909331234", CREDIT, "平凉市 崆峒区社工站", "督导")
    # the profile takes the canonical values too (applied on export)
    p = ws.profiles.get_record(pid).practitioner
    assert (p.employer_credit_code, p.post) == (CREDIT, "督导")


def test_data_stored_as_typed_by_an_older_version_is_exported_canonical(
    ws: Workspace, tmp_path: Path
) -> None:
    from swdesk.storage.repositories import PractitionerRepository

    pid = ws.profiles.create_profile(replace(sample_draft(), registration=None))
    legacy_id = ws.profiles.get_record(pid).practitioner.id_number
    with ws.database.session() as session:  # as an older swdesk stored it: not normalised
        repo = PractitionerRepository(session)
        p = repo.get_record(pid).practitioner
        repo.update_practitioner(
            replace(
                p,
                id_number=legacy_id[:6] + "\t" + legacy_id[6:].translate(WIDE).lower(),
                employer_credit_code=CREDIT.translate(WIDE)[:5] + "\t" + CREDIT[5:],
                name=" " + p.name + "\u00a0",
            )
        )
    photo = tmp_path / "photo.png"
    photo.write_bytes(portrait_png(5))
    draft = ws.applications.attach(ws.applications.current_draft(pid), MaterialRole.PHOTO, photo)
    draft = replace(draft, declaration_accepted=True)
    assert ws.applications.precheck(draft) == []
    result = ws.applications.export(draft, tmp_path / "legacy.swdapp")
    applicant = verify_bundle(result.path).application["applicant"]
    assert applicant["id_number"] == legacy_id
    assert applicant["employer_credit_code"] == CREDIT
    assert applicant["name"] == "张晓梅"


def test_an_activity_stores_its_title_as_one_checked_line(ws: Workspace) -> None:
    from decimal import Decimal

    from swdesk.domain.enums import ActivityType, ContentArea
    from swdesk.domain.models import Activity

    pid = ws.profiles.create_profile(sample_draft())
    ws.activities.save_activity(
        pid,
        Activity(
            "\u00a0社会工作\t伦理培训 ",
            "平凉市\t社工协会",
            ActivityType.TRAINING,
            ContentArea.VALUES_ETHICS,
            date(2026, 5, 10),
            date(2026, 5, 10),
            Decimal(6),
            reflection_learnt="  保密原则\r\n知情同意\x07 ",
        ),
    )
    stored = ws.activities.list_activities(pid)[0]
    assert (stored.title, stored.organiser) == ("社会工作 伦理培训", "平凉市 社工协会")
    assert stored.reflection_learnt == "保密原则\n知情同意"
