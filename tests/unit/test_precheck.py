"""The fix list (补正清单): one test per rule a first-level reviewer applies."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from swdesk.domain.application import ApplicationDraft, ApplicationKind, MaterialFile, MaterialRole
from swdesk.domain.dates import period_end
from swdesk.domain.enums import (
    ActivityType,
    CertificateLevel,
    ContentArea,
    Gender,
    RegistrationKind,
)
from swdesk.domain.fix_list import FixItem, WizardPage, blocking_items
from swdesk.domain.identity import id_check_char
from swdesk.domain.models import (
    Activity,
    Attestation,
    Certificate,
    EvidenceFile,
    Practitioner,
    PractitionerRecord,
    RegistrationPeriod,
)
from swdesk.domain.precheck import precheck
from swdesk.domain.rulepack import RulePack
from swdesk.domain.rules import compute_status
from swdesk.rulepacks import load_pack

PACK = load_pack("gansu")
START = date(2024, 3, 1)  # registered until 2027-02-28; window opens 2026-11-28
IN_WINDOW = date(2027, 1, 10)
PROOF = EvidenceFile("证书.pdf", "a" * 64 + ".pdf", "a" * 64, 100, "application/pdf")
PHOTO = MaterialFile(MaterialRole.PHOTO, "me.jpg", "b" * 64 + ".jpg", "b" * 64, 10, "image/jpeg")


def _record(registered: bool = True) -> PractitionerRecord:
    first17 = "62080219910412422"
    person = Practitioner(
        "张晓梅",
        Gender.FEMALE,
        date(1991, 4, 12),
        first17 + id_check_char(first17),
        "13909331234",
        "东关街道社会工作服务站",
        "社会工作者",
        5,
        "620802",
    )
    registrations = [
        RegistrationPeriod(
            RegistrationKind.FIRST, START, period_end(START, 3), number="甘社登字620802-2024-0137"
        )
    ]
    certificate = Certificate(CertificateLevel.ASSISTANT, "S2023", date(2023, 12, 1))
    return PractitionerRecord(person, [certificate], registrations if registered else [])


def _activities(hours: int, evidence: bool = True) -> list[Activity]:
    result = []
    for i in range(hours // 10):
        day = date(2024, 6, 1 + i)
        result.append(
            Activity(
                f"培训{i}",
                "平凉市民政局",
                ActivityType.TRAINING,
                ContentArea.THEORY_PRACTICE,
                day,
                day,
                Decimal(8),
                evidence=(PROOF,) if evidence else (),
            )
        )
        result.append(
            Activity(
                f"网课{i}",
                "平台",
                ActivityType.ONLINE,
                ContentArea.LAWS_POLICIES,
                day,
                day,
                Decimal(2),
                evidence=(PROOF,) if evidence else (),
            )
        )
    return result


def _draft(**changes: object) -> ApplicationDraft:
    base = ApplicationDraft(
        1,
        ApplicationKind.RENEWAL,
        "uid-1",
        phone="13909331234",
        employer="东关街道社会工作服务站",
        post="社会工作者",
        declaration_accepted=True,
        materials=(PHOTO,),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def _codes(
    today: date = IN_WINDOW,
    record: PractitionerRecord | None = None,
    activities: list[Activity] | None = None,
    draft: ApplicationDraft | None = None,
    exists: bool = True,
) -> list[str]:
    record = record or _record()
    acts = _activities(90) if activities is None else activities
    status = compute_status(record, acts, PACK, today)
    items = precheck(record, draft or _draft(), status, acts, PACK, today, lambda _n: exists)
    return [i.code for i in items]


def test_complete_application_in_the_window_has_an_empty_fix_list() -> None:
    assert _codes() == []


def test_window_not_open_yet() -> None:
    assert _codes(today=date(2026, 11, 27)) == ["window_not_open"]
    assert _codes(today=date(2026, 11, 28)) == []  # 3 months before 2027-02-28


def test_hours_short_points_to_the_log() -> None:
    record = _record()
    acts = _activities(60)
    status = compute_status(record, acts, PACK, IN_WINDOW)
    items = precheck(record, _draft(), status, acts, PACK, IN_WINDOW, lambda _n: True)
    assert [i.code for i in items] == ["hours_short"]
    assert items[0].page is WizardPage.ACTIVITIES
    assert items[0].params["needed"] == Decimal(30)


def test_every_counted_activity_needs_evidence() -> None:
    codes = _codes(activities=_activities(90, evidence=False))
    assert codes == ["activity_without_evidence"] * 18


def test_a_providers_signed_record_is_an_activitys_evidence() -> None:
    backed = Attestation(
        "5f0c6a52-8e1d-4b7a-9c3e-2d4f6a8b0c1e", "0" * 64, "甘肃省社会工作协会", True
    )
    acts = _activities(90, evidence=False)
    acts[0] = replace(acts[0], attestation=backed)
    codes = _codes(activities=acts)
    assert codes == ["activity_without_evidence"] * 17


def test_evidence_deleted_from_disk_is_reported() -> None:
    codes = _codes(exists=False)
    assert "evidence_file_missing" in codes and "material_file_missing" in codes


def test_photo_declaration_and_identity_proof() -> None:
    codes = _codes(draft=_draft(materials=(), declaration_accepted=False, identity_changed=True))
    assert codes == ["photo_missing", "identity_proof_missing", "declaration_not_accepted"]


def _items(
    today: date = IN_WINDOW,
    activities: list[Activity] | None = None,
    draft: ApplicationDraft | None = None,
    pack: RulePack = PACK,
) -> list[FixItem]:
    record = _record()
    acts = _activities(90) if activities is None else activities
    status = compute_status(record, acts, pack, today)
    return precheck(record, draft or _draft(), status, acts, pack, today, lambda _n: True)


def test_late_path_needs_an_explanation_and_notes_the_assumed_120_hours() -> None:
    """Gansu's late 120 hours is an example in the source article (an assumption): below it
    the fix list notes it without blocking; below the cited 90 hours it blocks."""
    late = date(2027, 4, 1)
    items = _items(today=late)  # 90 hours
    assert [(i.code, i.blocking) for i in items] == [
        ("hours_short_assumed", False),
        ("late_explanation_missing", True),
    ]
    assert items[0].params["needed"] == Decimal(30)
    assert items[0].params["required"] == Decimal(120)
    assert items[0].basis is not None and items[0].basis.is_assumption
    assert items[1].basis is not None and items[1].basis.basis == "cited"
    short = _items(today=late, activities=_activities(60))
    assert [(i.code, i.blocking) for i in short] == [
        ("hours_short", True),
        ("hours_short_assumed", False),
        ("late_explanation_missing", True),
    ]
    assert (short[0].params["needed"], short[0].params["required"]) == (Decimal(30), Decimal(90))
    assert short[0].basis is not None and "123号" not in short[0].basis.document  # the article
    assert short[0].basis.basis == "cited"
    enough = _activities(120)
    explained = _draft(
        late_explanation="因长期在乡村驻点开展服务，未能及时关注再登记通知，特此说明。"
    )
    assert _codes(today=late, activities=enough, draft=explained) == []


def test_an_explanation_resting_on_an_assumption_is_a_note() -> None:
    """The national pack has no source for asking a late explanation: a note only."""
    national = load_pack("national")
    items = _items(today=date(2027, 4, 1), pack=national)
    assert [(i.code, i.blocking) for i in items] == [("late_explanation_missing", False)]
    assert blocking_items(items) == []


def test_window_item_names_its_rule() -> None:
    (item,) = _items(today=date(2026, 11, 27))
    assert item.code == "window_not_open" and item.blocking
    assert item.basis is not None
    assert (item.basis.document, item.basis.article) == (
        "民发〔2009〕44号《社会工作者职业水平证书登记办法》",
        "第四条",
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("phone", "12345"),
        ("employer", ""),
        ("post", " "),
        ("employer_credit_code", "11320000MB151840XK"),
    ],
)
def test_personal_data_is_checked(field: str, value: str) -> None:
    codes = _codes(draft=_draft(**{field: value}))
    assert codes == ["personal_invalid"]


def test_first_registration_has_its_own_checks() -> None:
    record = _record(registered=False)
    draft = _draft(kind=ApplicationKind.FIRST)
    assert _codes(record=record, activities=[], draft=draft) == []
    assert _codes(record=_record(), draft=draft) == ["already_registered"]


def test_renewal_without_registration_is_refused() -> None:
    assert "not_registered" in _codes(record=_record(registered=False), activities=[])


def test_a_county_outside_the_pack_names_the_list_it_is_checked_against() -> None:
    record = _record()
    record = replace(record, practitioner=replace(record.practitioner, county="110105"))
    status = compute_status(record, _activities(90), PACK, IN_WINDOW)
    items = precheck(record, _draft(), status, _activities(90), PACK, IN_WINDOW, lambda _n: True)
    (item,) = [i for i in items if i.params.get("issue") == "county_unknown"]
    assert item.blocking and item.basis is not None
    assert item.basis.document == "GB/T 2260《中华人民共和国行政区划代码》"
