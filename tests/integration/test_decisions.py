"""Decisions coming back to the practitioner: trust list, verification, applying approvals
and rejections, the electronic certificate, and every bad decision file refused untouched."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest
from decision_samples import (
    NEW_FROM,
    NEW_TO,
    decision_file,
    exported_demo,
    offices,
    snapshot,
    trust_file,
    write,
)
from pypdf import PdfReader

from folder_samples import FolderTemplates
from swdesk.domain.application import ApplicationDraft, ApplicationState
from swdesk.domain.decision import DecisionStage, DecisionStatus, ReviewFinding
from swdesk.domain.enums import RegistrationKind, RegistrationState
from swdesk.domain.errors import UserFixableError
from swdesk.domain.fix_list import WizardPage
from swdesk.services.workspace import Workspace
from swdesk.signing import SigningError, generate_office_key

TODAY = date(2026, 11, 28)


@dataclass
class Exported:
    ws: Workspace
    pid: int
    application: ApplicationDraft
    folder: Path

    def file(self, name: str, data: bytes) -> Path:
        return write(self.folder / name, data)

    def reload(self) -> ApplicationDraft:
        return next(
            a for a in self.ws.applications.history(self.pid) if a.id == self.application.id
        )

    def snapshot(self) -> dict[str, object]:
        return snapshot(self.ws.layout.database, self.ws.layout.evidence_dir)


@pytest.fixture
def exported(folder_templates: FolderTemplates, tmp_path: Path) -> Iterator[Exported]:
    """张晓梅 (demo, in her window) exported her re-registration application (a copy of a
    folder built once per session: each test changes its own)."""
    sample = exported_demo(folder_templates, tmp_path / "sample", TODAY)
    ws, application = sample.open(TODAY)
    folder = tmp_path / "inbox"
    folder.mkdir()
    yield Exported(ws, sample.pid, application, folder)
    ws.close()


@pytest.fixture
def trusted(exported: Exported) -> Exported:
    exported.ws.decisions.import_trust_file(exported.file("gansu.swdtrust", trust_file()))
    return exported


# -- the trust list ----------------------------------------------------------------------


def test_trust_file_is_imported_and_lists_the_offices(exported: Exported) -> None:
    service = exported.ws.decisions
    assert service.trust_list() is None and service.trusted_offices() == []
    trust = service.import_trust_file(exported.file("t.swdtrust", trust_file()))
    names = [o.name for o in service.trusted_offices()]
    assert names == ["甘肃省民政厅", "平凉市民政局"]  # the issuer first
    stored = service.trust_list()
    assert stored is not None
    assert (stored.sequence, stored.digest, stored.issuer) == (1, trust.digest, trust.issuer)
    assert stored.offices == trust.offices


def test_newer_trust_list_replaces_and_older_is_refused(exported: Exported) -> None:
    service = exported.ws.decisions
    keys = offices()
    service.import_trust_file(exported.file("t1.swdtrust", trust_file(1)))
    second = exported.file("t2.swdtrust", trust_file(2, listed=[keys.city, keys.stranger]))
    service.import_trust_file(second)
    names = {o.name for o in service.trusted_offices()}
    assert names == {"甘肃省民政厅", "平凉市民政局", "某市民政局"}
    service.import_trust_file(second)  # the list in force again: nothing to do
    before = exported.snapshot()
    with pytest.raises(UserFixableError) as caught:
        service.import_trust_file(exported.file("t1-again.swdtrust", trust_file(1)))
    assert caught.value.code == "trust_list_outdated"
    assert caught.value.params == {"file": "t1-again.swdtrust", "sequence": 1, "current": 2}
    assert exported.snapshot() == before


def test_trust_list_of_another_province_key_needs_consent(exported: Exported) -> None:
    service = exported.ws.decisions
    service.import_trust_file(exported.file("t1.swdtrust", trust_file(1)))
    impostor = generate_office_key("甘肃省民政厅", "620000", offices().province.identity.level)
    other = exported.file("other.swdtrust", trust_file(5, province=impostor))
    before = exported.snapshot()
    with pytest.raises(UserFixableError) as caught:
        service.import_trust_file(other)
    assert caught.value.code == "trust_issuer_changed"
    assert exported.snapshot() == before
    service.import_trust_file(other, accept_new_issuer=True)
    trust = service.trust_list()
    assert trust is not None and trust.issuer == impostor.identity


def test_damaged_trust_file_is_refused(exported: Exported) -> None:
    data = bytearray(trust_file())
    data[data.index(b'"sequence":1') + len(b'"sequence":')] = ord("7")
    with pytest.raises(SigningError) as caught:
        exported.ws.decisions.import_trust_file(exported.file("bad.swdtrust", bytes(data)))
    assert caught.value.code == "bad_signature"
    assert exported.ws.decisions.trusted_offices() == []


def test_trust_list_shipped_with_the_rule_pack_is_used_on_first_need(
    exported: Exported, tmp_path: Path
) -> None:
    from swdesk.rulepacks.loader import shipped_packs
    from swdesk.services.decision_trust import TrustListService

    packs = tmp_path / "rulepacks"  # the shipped packs, one with its province's trust list
    packs.mkdir()
    shutil.copy(str(shipped_packs().joinpath("gansu.toml")), packs)
    (packs / "gansu.trust.swdtrust").write_bytes(trust_file(3))
    assert exported.ws.decisions.trusted_offices() == []  # the real shipped packs have none
    first_need = TrustListService(exported.ws.database, rule_packs=packs).trust_list()
    assert first_need is not None and first_need.sequence == 3

    keys = offices()
    applied = exported.ws.decisions.import_decision(
        exported.file("d.swddec", decision_file(keys.city, exported.application))
    )
    assert applied.status is DecisionStatus.FIRST_APPROVED
    trust = exported.ws.decisions.trust_list()
    assert trust is not None and trust.sequence == 3
    # an imported list still has to be newer than the shipped one
    with pytest.raises(UserFixableError, match="trust_list_outdated"):
        exported.ws.decisions.import_trust_file(exported.file("t.swdtrust", trust_file(2)))


# -- applying decisions ------------------------------------------------------------------


def test_first_approval_is_informational_then_final_approval_extends_registration(
    trusted: Exported, tmp_path: Path
) -> None:
    ws, app, keys = trusted.ws, trusted.application, offices()
    old_expiry = ws.dashboard.status_for(trusted.pid).expires_on

    first = ws.decisions.import_decision(trusted.file("city.swddec", decision_file(keys.city, app)))
    assert first.status is DecisionStatus.FIRST_APPROVED and first.certificate_file == ""
    assert trusted.reload().state is ApplicationState.EXPORTED
    assert ws.decisions.latest_status(app.id) is DecisionStatus.FIRST_APPROVED
    assert ws.dashboard.status_for(trusted.pid).state is RegistrationState.UNDER_REVIEW
    assert len(ws.profiles.get_record(trusted.pid).registrations) == 1

    final = ws.decisions.import_decision(
        trusted.file("province.swddec", decision_file(keys.province, app, stage="final"))
    )

    assert final.status is DecisionStatus.FINAL_APPROVED
    assert (final.registration_from, final.registration_to) == (NEW_FROM, NEW_TO)
    assert trusted.reload().state is ApplicationState.APPROVED
    record = ws.profiles.get_record(trusted.pid)
    newest = record.latest_registration
    assert newest is not None
    assert (newest.kind, newest.valid_from, newest.valid_to) == (
        RegistrationKind.RENEWAL,
        NEW_FROM,
        NEW_TO,
    )
    assert "甘肃省民政厅" in newest.note
    # a decision carries no registration certificate number: the approved period's is not
    # known until the office's certificate arrives; the expiring period keeps its own
    assert newest.number == ""
    (expiring,) = [r for r in record.registrations if r.valid_to < NEW_FROM]
    assert expiring.number.startswith("甘社登字")
    status = ws.dashboard.status_for(trusted.pid)
    assert status.state is RegistrationState.VALID
    assert old_expiry is not None and status.expires_on == NEW_TO
    assert status.expires_on.year == old_expiry.year + 3
    assert [d.digest for d in ws.decisions.decisions_for(trusted.pid)] == [
        final.digest,
        first.digest,
    ]
    assert ws.decisions.decision_file(final) == (trusted.folder / "province.swddec").read_bytes()
    assert ws.decisions.latest_rejection(trusted.pid) is None
    # the next application starts a new renewal, not the approved one
    assert ws.applications.current_draft(trusted.pid).id is None

    path = ws.decisions.certificate_path(final)
    assert path.parent == ws.layout.evidence_dir and path.suffix == ".pdf"
    pdf = path.read_bytes()
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    person = record.practitioner
    for expected in (
        "社会工作者登记证书（电子）",
        person.name,
        person.id_number,
        "助理社会工作师",
        "再登记",
        "2027年1月28日",
        "2030年1月27日",
        "甘肃省民政厅",
        "2027年1月15日",
        final.digest,
    ):
        assert expected in text, expected
    fonts = [f.get_object() for f in reader.pages[0]["/Resources"]["/Font"].values()]
    assert fonts and all(
        "/FontFile2" in f["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        for f in fonts
        if "/DescendantFonts" in f
    )
    data = ws.decisions.certificate_data(final)
    assert data.qr_payload == f"SWDCERT1|{final.digest}|{app.uid}|2030-01-27"
    assert data.serial in text
    (tmp_path / "certificate.pdf").write_bytes(pdf)


def test_certificate_file_is_rendered_again_when_missing(trusted: Exported) -> None:
    ws, app, keys = trusted.ws, trusted.application, offices()
    final = ws.decisions.import_decision(
        trusted.file("p.swddec", decision_file(keys.province, app, stage="final"))
    )
    path = ws.decisions.certificate_path(final)
    original = path.read_bytes()
    path.unlink()
    assert ws.decisions.certificate_path(final).read_bytes() == original


def test_first_level_rejection_reopens_the_wizard_with_the_findings(trusted: Exported) -> None:
    ws, app, keys = trusted.ws, trusted.application, offices()
    reasons = (
        ("hours_short", "2025年的网络学时无证明"),
        ("photo_unfit", "背景不是白色"),
        ("data_wrong", "工作单位名称与公章不符"),
        ("not_in_window", ""),
        ("other", "请补充情况说明"),
        ("material_unclear", "证明材料模糊"),
    )

    rejected = ws.decisions.import_decision(
        trusted.file(
            "city.swddec", decision_file(keys.city, app, outcome="rejected", reasons=reasons)
        )
    )

    assert rejected.status is DecisionStatus.FIRST_REJECTED
    assert rejected.reasons == reasons
    assert trusted.reload().state is ApplicationState.REJECTED
    assert ws.decisions.latest_rejection(trusted.pid) == rejected
    assert ws.decisions.review_findings(trusted.pid) == [
        ReviewFinding("hours_short", "2025年的网络学时无证明", WizardPage.ACTIVITIES),
        ReviewFinding("photo_unfit", "背景不是白色", WizardPage.MATERIALS),
        ReviewFinding("data_wrong", "工作单位名称与公章不符", WizardPage.PERSONAL),
        ReviewFinding("not_in_window", "", WizardPage.NONE),
        ReviewFinding("other", "请补充情况说明", WizardPage.PRECHECK),
        ReviewFinding("material_unclear", "证明材料模糊", WizardPage.MATERIALS),
    ]
    assert len(ws.profiles.get_record(trusted.pid).registrations) == 1
    assert ws.dashboard.status_for(trusted.pid).state is RegistrationState.WINDOW_OPEN
    resubmission = ws.applications.current_draft(trusted.pid)
    assert resubmission.id is None and resubmission.parent_id == app.id
    assert resubmission.uid != app.uid and not resubmission.declaration_accepted
    assert resubmission.state is ApplicationState.DRAFT


def test_final_rejection_after_first_approval(trusted: Exported) -> None:
    ws, app, keys = trusted.ws, trusted.application, offices()
    ws.decisions.import_decision(trusted.file("c.swddec", decision_file(keys.city, app)))
    final = ws.decisions.import_decision(
        trusted.file(
            "p.swddec",
            decision_file(
                keys.province,
                app,
                stage="final",
                outcome="rejected",
                reasons=[("material_unclear", "扫描件不清晰")],
            ),
        )
    )
    assert final.status is DecisionStatus.FINAL_REJECTED
    assert trusted.reload().state is ApplicationState.REJECTED
    assert [f.page for f in ws.decisions.review_findings(trusted.pid)] == [WizardPage.MATERIALS]
    assert len(ws.profiles.get_record(trusted.pid).registrations) == 1
    assert ws.applications.current_draft(trusted.pid).parent_id == app.id


def test_newer_first_level_decision_of_the_same_office_replaces_its_rejection(
    trusted: Exported,
) -> None:
    ws, app, keys = trusted.ws, trusted.application, offices()
    ws.decisions.import_decision(
        trusted.file(
            "c1.swddec",
            decision_file(
                keys.city, app, outcome="rejected", reasons=[("other", "待核实")], sequence=4
            ),
        )
    )
    assert trusted.reload().state is ApplicationState.REJECTED
    ws.decisions.import_decision(
        trusted.file("c2.swddec", decision_file(keys.city, app, sequence=9))
    )
    assert trusted.reload().state is ApplicationState.EXPORTED
    assert ws.decisions.review_findings(trusted.pid) == []


def test_deleting_the_profile_removes_the_certificate(trusted: Exported) -> None:
    ws, app, keys = trusted.ws, trusted.application, offices()
    final = ws.decisions.import_decision(
        trusted.file("p.swddec", decision_file(keys.province, app, stage="final"))
    )
    path = ws.decisions.certificate_path(final)
    with ws.database.session() as session:
        from swdesk.storage.references import names_in_use

        assert path.name in names_in_use(session)  # a sweep at start-up keeps it
    ws.profiles.delete_profile(trusted.pid)
    assert not path.exists()
    assert ws.decisions.decisions_for(trusted.pid) == []


# -- refused, nothing changed -------------------------------------------------------------

Maker = Callable[[Exported], bytes]


def _flip_payload_byte(e: Exported) -> bytes:
    data = bytearray(decision_file(offices().city, e.application, sequence=3))
    at = data.index(b'"sequence":3') + len(b'"sequence":')
    data[at] = ord("4")
    return bytes(data)


def _flip_signature_byte(e: Exported) -> bytes:
    data = bytearray(decision_file(offices().city, e.application))
    at = data.index(b'"signature":"') + len(b'"signature":"') + 5
    data[at] = ord("A") if data[at] != ord("A") else ord("B")
    return bytes(data)


BAD_DECISIONS: dict[str, tuple[Maker, str]] = {
    "payload byte changed": (_flip_payload_byte, "bad_signature"),
    "signature byte changed": (_flip_signature_byte, "bad_signature"),
    "not a decision": (lambda e: b"PK\x03\x04 a bundle, not a decision", "decision_invalid"),
    "empty file": (lambda e: b"", "decision_invalid"),
    "unknown office": (
        lambda e: decision_file(offices().stranger, e.application),
        "untrusted_office",
    ),
    "city signs a final decision": (
        lambda e: decision_file(offices().city, e.application, stage="final"),
        "wrong_level",
    ),
    "province signs a first decision": (
        lambda e: decision_file(offices().province, e.application),
        "wrong_level",
    ),
    "wrong application": (
        lambda e: decision_file(
            offices().city, e.application, uid="00000000-0000-4000-8000-000000000000"
        ),
        "decision_wrong_application",
    ),
    "right application, another bundle": (
        lambda e: decision_file(offices().city, e.application, bundle_id="ab" * 32),
        "decision_wrong_bundle",
    ),
}


@pytest.mark.parametrize("case", list(BAD_DECISIONS))
def test_bad_decision_file_is_refused_and_nothing_changes(trusted: Exported, case: str) -> None:
    make, code = BAD_DECISIONS[case]
    path = trusted.file("bad.swddec", make(trusted))
    before = trusted.snapshot()
    with pytest.raises(UserFixableError) as caught:
        trusted.ws.decisions.import_decision(path)
    assert caught.value.code == code
    assert caught.value.params["file"] == "bad.swddec"
    assert trusted.snapshot() == before


def _refused(e: Exported, data: bytes, code: str) -> UserFixableError:
    path = e.file("again.swddec", data)
    before = e.snapshot()
    with pytest.raises(UserFixableError) as caught:
        e.ws.decisions.import_decision(path)
    assert caught.value.code == code
    assert caught.value.params["file"] == "again.swddec"
    assert e.snapshot() == before
    return caught.value


def test_the_same_decision_twice_is_refused(trusted: Exported) -> None:
    data = decision_file(offices().city, trusted.application)
    trusted.ws.decisions.import_decision(trusted.file("once.swddec", data))
    _refused(trusted, data, "decision_already_applied")


def test_an_older_decision_replayed_after_a_newer_one_is_refused(trusted: Exported) -> None:
    keys, app = offices(), trusted.application
    older = decision_file(
        keys.city, app, outcome="rejected", reasons=[("hours_short", "")], sequence=2
    )
    newer = decision_file(keys.city, app, sequence=3)
    trusted.ws.decisions.import_decision(trusted.file("newer.swddec", newer))
    error = _refused(trusted, older, "decision_outdated")
    assert error.params["sequence"] == 2 and error.params["applied"] == 3
    assert trusted.reload().state is ApplicationState.EXPORTED


def test_a_first_level_decision_after_the_final_one_is_refused(trusted: Exported) -> None:
    keys, app = offices(), trusted.application
    trusted.ws.decisions.import_decision(
        trusted.file("p.swddec", decision_file(keys.province, app, stage="final"))
    )
    error = _refused(
        trusted,
        decision_file(keys.city, app, outcome="rejected", reasons=[("other", "")]),
        "decision_outdated",
    )
    assert error.params["reason"] == "final_applied"
    assert trusted.reload().state is ApplicationState.APPROVED


def test_without_a_trust_list_nothing_is_applied(exported: Exported) -> None:
    _refused(exported, decision_file(offices().city, exported.application), "trust_list_missing")


def test_decision_for_an_application_edited_after_export_applies_to_the_exported_version(
    trusted: Exported,
) -> None:
    """The wizard made version 2 (a draft) after export: the decision still judges v1."""
    ws, app, keys = trusted.ws, trusted.application, offices()
    v2 = ws.applications.save_draft(replace(app, post="督导"))
    assert v2.version == 2
    applied = ws.decisions.import_decision(
        trusted.file(
            "c.swddec",
            decision_file(keys.city, app, outcome="rejected", reasons=[("data_wrong", "")]),
        )
    )
    assert applied.application_id == app.id and applied.stage is DecisionStage.FIRST
    assert trusted.reload().state is ApplicationState.REJECTED
    assert ws.applications.current_draft(trusted.pid).id == v2.id  # the open draft goes on


# -- checking a certificate against its decision file -------------------------------------


def test_certificate_is_verified_against_the_decision_file(trusted: Exported) -> None:
    ws, app, keys = trusted.ws, trusted.application, offices()
    decision_path = trusted.file("p.swddec", decision_file(keys.province, app, stage="final"))
    final = ws.decisions.import_decision(decision_path)
    payload = ws.decisions.certificate_data(final).qr_payload

    signed = ws.decisions.verify_certificate(payload, decision_path)
    assert signed.digest == final.digest

    other = trusted.file("c.swddec", decision_file(keys.city, app))
    for code, path, reason in (
        (payload, other, "other_decision"),
        ("SWDAPP1|whatever", decision_path, "not_a_certificate_code"),
        (payload.replace("2030-01-27", "2031-01-27"), decision_path, "other_content"),
    ):
        with pytest.raises(UserFixableError) as caught:
            ws.decisions.verify_certificate(code, path)
        assert caught.value.code == "certificate_mismatch"
        assert caught.value.params["reason"] == reason


# -- the office's chain of decision files -------------------------------------------------


def _second_application(e: Exported) -> ApplicationDraft:
    """Another practitioner on the same PC (a first registration) exported too."""
    from ui_free_samples import sample_draft

    from swdesk.domain.application import MaterialRole
    from swdesk.services.demo_images import portrait_png

    ws = e.ws
    pid = ws.profiles.create_profile(replace(sample_draft("刘喆"), registration=None))
    photo = e.folder / "photo.png"
    photo.write_bytes(portrait_png(2))
    draft = ws.applications.attach(ws.applications.current_draft(pid), MaterialRole.PHOTO, photo)
    return ws.applications.export(
        replace(draft, declaration_accepted=True), e.folder / "liu.swdapp"
    ).application


def test_decisions_of_one_office_must_chain(trusted: Exported) -> None:
    ws, keys = trusted.ws, offices()
    other = _second_application(trusted)
    first = ws.decisions.import_decision(
        trusted.file("a.swddec", decision_file(keys.city, trusted.application, sequence=1))
    )

    # the office's next file must name the first one as its predecessor
    _refused(
        trusted,
        decision_file(keys.city, other, sequence=2, previous_hash="ab" * 32),
        "decision_chain_broken",
    )
    # two different files signed with the same number: a fork
    error = _refused(trusted, decision_file(keys.city, other, sequence=1), "decision_chain_broken")
    assert error.params["reason"] == "same_sequence"

    chained = ws.decisions.import_decision(
        trusted.file(
            "b.swddec", decision_file(keys.city, other, sequence=2, previous_hash=first.digest)
        )
    )
    assert chained.application_id == other.id


def test_decisions_for_several_practitioners_may_arrive_in_any_order(trusted: Exported) -> None:
    """Sequences are compared per application: a shared station PC gets the office's
    decision #7 for one practitioner before #5 for another."""
    ws, keys = trusted.ws, offices()
    other = _second_application(trusted)
    ws.decisions.import_decision(
        trusted.file("7.swddec", decision_file(keys.city, trusted.application, sequence=7))
    )
    applied = ws.decisions.import_decision(
        trusted.file("5.swddec", decision_file(keys.city, other, sequence=5))
    )
    assert applied.sequence == 5
