"""Deciding and passing on: the city decides (signed, chained), exports decision files and
forward packages, the province (trusting the city through its own trust file) imports them
with the first-level opinion and decides finally. Forward packages are read as strictly as
bundles. The roster opens in openpyxl."""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from review_samples import (
    TODAY,
    SampleBundles,
    ServerOffices,
    make_office,
    open_trusting_offices,
    stored_files,
    table_counts,
)

from folder_samples import FolderTemplates
from swdesk.bundle import verify_bundle
from swdesk.domain.dates import period_end
from swdesk.domain.errors import UserFixableError
from swdesk.services.review import (
    DecisionOutcome,
    QueueFilter,
    ReviewStage,
    ReviewState,
    ReviewWorkspace,
    review_root,
)
from swdesk.services.review.forward import read_forward, write_forward
from swdesk.signing import check_decision_trust, read_decision, read_trust_file


@pytest.fixture
def offices(
    folder_templates: FolderTemplates, tmp_path: Path, servers: ServerOffices | None
) -> Iterator[tuple[ReviewWorkspace, ReviewWorkspace]]:
    """A city and its province trusting each other (tmp_path/province.swdtrust, the city's
    key in tmp_path/city.swdkey), copied from offices set up once per session, in folders
    or on the tests' PostgreSQL server (`review_engine`)."""
    city, province, _trust = open_trusting_offices(folder_templates, tmp_path, servers=servers)
    yield city, province
    city.close()
    province.close()


def import_all(workspace: ReviewWorkspace, *paths: Path) -> list[int]:
    """Import files; their application ids in the order given (the import sorts)."""
    report = workspace.service.import_files(list(paths))
    assert all(e.status == "imported" for e in report.entries), report.entries
    ids = {e.file: e.application_id for e in report.entries}
    return [ids[str(path)] for path in paths]  # type: ignore[misc]


def test_city_to_province_and_back(
    offices: tuple[ReviewWorkspace, ReviewWorkspace], sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    city, province = offices
    zhang, late = import_all(city, sample_bundles.ordinary[0], sample_bundles.late)
    results = city.service.decide([zhang], "approved")
    assert results[0].status == "decided"
    first = results[0].decision
    assert first is not None and first.stage is ReviewStage.FIRST and first.sequence == 1
    assert city.service.detail(zhang).row.state is ReviewState.FIRST_APPROVED
    locked = city.service.decide([zhang], "rejected", [("other", "改判")])
    assert (locked[0].status, locked[0].code) == ("refused", "application_locked")
    assert city.service.decide([late], "approved")[0].code == "late_reason_required"
    assert (
        city.service.decide([late], "approved", late_reason="驻村服务，情况属实")[0].status
        == "decided"
    )

    outbox = tmp_path / "to-province"
    outbox.mkdir(exist_ok=True)
    files = city.service.export_decisions(outbox)
    assert sorted(p.suffix for p in files) == [".swddec", ".swddec", ".swdfwd", ".swdfwd"]
    assert city.service.export_decisions(outbox) == []  # nothing new to export
    uid = city.service.detail(zhang).row.uid  # whole: named by its first 8 ones, two collide
    assert (outbox / f"张晓梅-{uid}-v1-1-first.swddec").is_file()
    assert (outbox / f"张晓梅-{uid}-v1-1.swdfwd").is_file()

    report = province.service.import_files([outbox])
    assert report.counts()["imported"] == 2 and report.counts()["refused"] == 0
    assert [Path(e.file).suffix for e in report.entries] == [".swdfwd", ".swdfwd"]
    queue = province.service.queue_page(QueueFilter(state=ReviewState.PENDING))
    assert len(queue) == 2
    by_name = {row.applicant_name: row.id for row in queue}
    detail = province.service.detail(by_name["张晓梅"])
    opinion = detail.first_level_decision
    assert opinion is not None and not opinion.issued_here
    assert (opinion.stage, opinion.outcome, opinion.office_name) == (
        ReviewStage.FIRST,
        DecisionOutcome.APPROVED,
        "平凉市民政局",
    )
    assert detail.bundle_id == verify_bundle(sample_bundles.ordinary[0]).bundle_id
    assert all(c.passed for c in detail.checks)

    final = province.service.decide([by_name["张晓梅"]], "approved")[0].decision
    assert final is not None and final.stage is ReviewStage.FINAL
    old_to = date.fromisoformat(detail.application["registration"]["valid_to"])
    assert final.registration_from == old_to + timedelta(days=1)
    assert final.registration_to == period_end(old_to + timedelta(days=1), 3)
    # the late one: the province takes the city's recorded reason; the new period starts
    # on the decision day
    late_final = province.service.decide([by_name["马明远"]], "approved")[0].decision
    assert late_final is not None and late_final.late_reason == "驻村服务，情况属实"
    assert late_final.registration_from == TODAY
    assert province.service.counts()["final_approved"] == 2

    (tmp_path / "to-practitioners").mkdir(exist_ok=True)
    back = province.service.export_decisions(tmp_path / "to-practitioners")
    assert sorted(p.name.split("-")[-1] for p in back) == ["final.swddec", "final.swddec"]
    trust = read_trust_file((tmp_path / "province.swdtrust").read_bytes(), file="t")
    for path in back + [p for p in files if p.suffix == ".swddec"]:
        signed = read_decision(path.read_bytes(), file=path.name)
        check_decision_trust(signed, trust)
    [zhang_final] = (tmp_path / "to-practitioners").glob(f"张晓梅-{uid}-v1-*-final.swddec")
    signed = read_decision(zhang_final.read_bytes(), file="x")
    assert signed.decision.bundle_id == detail.bundle_id
    assert signed.decision.registration_to == final.registration_to
    assert signed.decision.office.name == "甘肃省民政厅"


def test_decisions_form_a_signed_chain(
    offices: tuple[ReviewWorkspace, ReviewWorkspace], sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    city, _province = offices
    ids = import_all(city, *sample_bundles.ordinary[1:])
    results = city.service.decide(
        ids, "rejected", [("hours_short", "差 6 学时"), ("photo_unfit", "")]
    )
    assert [r.status for r in results] == ["decided"] * 3
    assert [r.decision.sequence for r in results if r.decision] == [1, 2, 3]
    (tmp_path / "out").mkdir(exist_ok=True)
    files = city.service.export_decisions(tmp_path / "out")
    assert [p.suffix for p in files] == [".swddec"] * 3  # rejections are not forwarded
    previous = ""
    for path in files:
        signed = read_decision(path.read_bytes(), file=path.name)
        assert signed.decision.previous_hash == previous
        assert signed.decision.reasons == (("hours_short", "差 6 学时"), ("photo_unfit", ""))
        previous = hashlib.sha256(path.read_bytes()).hexdigest()
    # a rejected application may be decided again (a newer decision, the chain goes on)
    again = city.service.decide([ids[0]], "approved")[0].decision
    assert again is not None and again.sequence == 4
    (tmp_path / "out2").mkdir(exist_ok=True)
    assert city.service.export_decisions(tmp_path / "out2") != []
    # export again on request, already exported or not
    (tmp_path / "out3").mkdir(exist_ok=True)
    assert len(city.service.export_decisions(tmp_path / "out3", [ids[1]])) == 1


def test_batch_decisions_report_each_application(
    offices: tuple[ReviewWorkspace, ReviewWorkspace], sample_bundles: SampleBundles
) -> None:
    city, _province = offices
    ids = import_all(
        city, sample_bundles.first_version, sample_bundles.late, sample_bundles.second_version
    )
    superseded = ids[0]
    results = city.service.decide([*ids, 999], "approved")
    assert [(r.application_id, r.status, r.code) for r in results] == [
        (superseded, "refused", "application_superseded"),
        (ids[1], "refused", "late_reason_required"),
        (ids[2], "decided", ""),
        (999, "refused", "application_unknown"),
    ]
    with pytest.raises(UserFixableError) as no_reason:
        city.service.decide(ids, "rejected", [])
    assert no_reason.value.code == "reason_required"
    with pytest.raises(UserFixableError) as unknown:
        city.service.decide(ids, "rejected", [("too_pretty", "")])
    assert unknown.value.code == "reason_unknown"
    with pytest.raises(UserFixableError) as outcome:
        city.service.decide(ids, "maybe")
    assert outcome.value.code == "outcome_unknown"


def test_the_province_refuses_what_it_cannot_trust(
    offices: tuple[ReviewWorkspace, ReviewWorkspace], sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    city, province = offices
    [app_id] = import_all(city, sample_bundles.ordinary[0])
    city.service.decide([app_id], "approved")
    out = tmp_path / "fwd"
    out.mkdir(exist_ok=True)
    forward = next(p for p in city.service.export_decisions(out) if p.suffix == ".swdfwd")
    # a plain bundle at the province, a forward package at the city
    assert (
        province.service.import_files([sample_bundles.ordinary[0]]).entries[0].code
        == "forward_package_required"
    )
    assert city.service.import_files([forward]).entries[0].code == "forward_not_expected"

    # an office the province does not trust
    rogue = make_office(review_root(tmp_path / "rogue"), name="某某市民政局", region="9")
    try:
        [rogue_id] = import_all(rogue, sample_bundles.ordinary[0])
        rogue.service.decide([rogue_id], "approved")
        (tmp_path / "rogue-out").mkdir(exist_ok=True)
        rogue_fwd = next(
            p
            for p in rogue.service.export_decisions(tmp_path / "rogue-out")
            if p.suffix == ".swdfwd"
        )
    finally:
        rogue.close()
    base = table_counts(province)
    assert province.service.import_files([rogue_fwd]).entries[0].code == "untrusted_office"
    assert table_counts(province) == base and stored_files(province) == []

    # the city's decision attached to another bundle
    other = tmp_path / "other.swdfwd"
    decision = _member(forward, "decision.swddec")
    write_forward(other, sample_bundles.ordinary[1], decision)
    entry = province.service.import_files([other]).entries[0]
    assert (entry.code, entry.params["fields"]) == (
        "forward_decision_mismatch",
        "bundle_id,content_digest,application",
    )
    # a decision with a broken signature
    broken = bytearray(decision)
    broken[broken.find(b'"outcome":"approved"') + 12] = ord("x")
    tampered = tmp_path / "tampered.swdfwd"
    write_forward(tampered, sample_bundles.ordinary[0], bytes(broken))
    assert province.service.import_files([tampered]).entries[0].code in {
        "bad_signature",
        "decision_invalid",
    }
    assert table_counts(province) == base and stored_files(province) == []

    # the genuine package goes in; the same again is a duplicate
    assert province.service.import_files([forward]).entries[0].status == "imported"
    assert province.service.import_files([forward]).entries[0].status == "duplicate"


def test_a_rejection_or_a_replayed_decision_is_not_forwardable(
    offices: tuple[ReviewWorkspace, ReviewWorkspace], sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    city, province = offices
    a, b = import_all(city, sample_bundles.ordinary[0], sample_bundles.ordinary[1])
    city.service.decide([a], "rejected", [("data_wrong", "")])
    city.service.decide([b], "approved")
    (tmp_path / "out").mkdir(exist_ok=True)
    files = {p.name: p for p in city.service.export_decisions(tmp_path / "out")}
    rejection = next(
        p
        for n, p in files.items()
        if n.endswith("-first.swddec")
        and read_decision(p.read_bytes(), file=n).decision.outcome == "rejected"
    )
    fake = tmp_path / "rejected.swdfwd"
    write_forward(fake, sample_bundles.ordinary[0], rejection.read_bytes())
    entry = province.service.import_files([fake]).entries[0]
    assert (entry.code, entry.params["fields"]) == ("forward_decision_mismatch", "outcome")
    # the approval imported once; the same decision replayed with a re-exported bundle of
    # the same application under another bundle id is refused as a mismatch, and the same
    # decision file inside a second package for the same bundle is a duplicate
    forward = next(p for p in files.values() if p.suffix == ".swdfwd")
    assert province.service.import_files([forward]).entries[0].status == "imported"
    copy = tmp_path / "again.swdfwd"
    shutil.copy(forward, copy)
    assert province.service.import_files([copy]).entries[0].status == "duplicate"


def _member(forward: Path, name: str) -> bytes:
    with zipfile.ZipFile(forward) as archive:
        return archive.read(name)


@pytest.mark.parametrize(
    "change",
    [
        "extra member",
        "renamed member",
        "deflated",
        "trailing data",
        "byte in bundle",
        "truncated",
        "swapped order",
        "not a zip",
    ],
)
def test_forward_packages_are_read_strictly(
    change: str, sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    good = tmp_path / "good.swdfwd"
    write_forward(good, sample_bundles.ordinary[0], b'{"decision": "stand-in"}\n')
    bundle, decision = _member(good, "application.swdapp"), _member(good, "decision.swddec")
    bad = tmp_path / "bad.swdfwd"
    if change in ("extra member", "renamed member", "deflated", "swapped order"):
        with zipfile.ZipFile(bad, "w") as archive:
            if change == "swapped order":
                archive.writestr("decision.swddec", decision)
                archive.writestr("application.swdapp", bundle)
            else:
                name = "application.swdapp" if change != "renamed member" else "../x.swdapp"
                method = zipfile.ZIP_DEFLATED if change == "deflated" else zipfile.ZIP_STORED
                archive.writestr(name, bundle, method)
                archive.writestr("decision.swddec", decision)
                if change == "extra member":
                    archive.writestr("readme.txt", b"hello")
    elif change == "trailing data":
        bad.write_bytes(good.read_bytes() + b"\0")
    elif change == "byte in bundle":
        data = bytearray(good.read_bytes())
        data[1000] ^= 1
        bad.write_bytes(bytes(data))
    elif change == "truncated":
        bad.write_bytes(good.read_bytes()[:-30])
    else:
        bad.write_bytes(b"plain text, not a package")
    assert read_forward(good, tmp_path).decision == decision
    leftovers = set(tmp_path.iterdir())
    with pytest.raises(UserFixableError) as caught:
        read_forward(bad, tmp_path)
    assert caught.value.code == "forward_invalid"
    assert caught.value.params["file"] == "bad.swdfwd"
    assert set(tmp_path.iterdir()) == leftovers  # no temporary copy left behind


def test_roster_and_counts(
    offices: tuple[ReviewWorkspace, ReviewWorkspace], sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    city, _province = offices
    ids = import_all(city, *sample_bundles.ordinary)
    city.service.decide(ids[:2], "approved")
    city.service.decide(ids[2:3], "rejected", [("material_unclear", "证书复印件模糊")])
    path = city.service.export_roster(tmp_path / "名册.xlsx")
    book = load_workbook(path, read_only=True)
    assert book.sheetnames == ["审核决定", "统计"]
    rows = list(book["审核决定"].iter_rows(values_only=True))
    assert rows[0][:4] == ("申请编号", "版本", "姓名", "公民身份号码")
    assert len(rows) == 4
    rejected = next(r for r in rows if r[8] == "不通过")
    assert rejected[9] == "材料不清晰：证书复印件模糊"
    assert all("********" in r[3] for r in rows[1:])  # never the full ID number
    counts = list(book["统计"].iter_rows(values_only=True))
    assert counts[-1][0] == "合计" and counts[-1][-1] == 4
    book.close()
    assert city.service.counts() == {
        "pending": 1,
        "first_approved": 2,
        "first_rejected": 1,
        "final_approved": 0,
        "final_rejected": 0,
        "superseded": 0,
    }


def test_trust_files_only_move_forward(
    offices: tuple[ReviewWorkspace, ReviewWorkspace], tmp_path: Path
) -> None:
    city, province = offices
    older = tmp_path / "province.swdtrust"
    newer = tmp_path / "newer.swdtrust"
    key = tmp_path / "city.swdkey"
    trust = province.service.publish_trust([key], newer)
    assert trust.sequence == 2
    assert [o.name for o in city.service.import_trust(newer).offices] == [
        o.name for o in trust.offices
    ]
    with pytest.raises(UserFixableError) as outdated:
        city.service.import_trust(older)
    assert outdated.value.code == "trust_outdated"
    other_province = make_office(
        review_root(tmp_path / "p2"), level="province", name="陕西省民政厅", region="610000"
    )
    try:
        foreign = tmp_path / "foreign.swdtrust"
        other_province.service.publish_trust([], foreign)
    finally:
        other_province.close()
    with pytest.raises(UserFixableError) as changed:
        city.service.import_trust(foreign)
    assert changed.value.code == "trust_issuer_changed"
    with pytest.raises(UserFixableError) as not_ours:
        province.service.import_trust(foreign)
    assert not_ours.value.code == "trust_not_ours"
    with pytest.raises(UserFixableError) as not_province:
        city.service.publish_trust([], tmp_path / "x.swdtrust")
    assert not_province.value.code == "not_province"
    assert {o.level for o in city.service.trusted_offices()} == {"city", "province"}


def _signed_by(office: ReviewWorkspace, bundle: Path, **changes: object) -> bytes:
    """A decision about `bundle` signed with `office`'s key (as a misbehaving office could)."""
    from dataclasses import replace as dc_replace
    from datetime import datetime, timezone

    from swdesk.signing import Decision, sign_decision

    verified = verify_bundle(bundle)
    app = verified.application
    decision = Decision(
        application_uid=app["application"]["uid"],
        application_version=app["application"]["version"],
        bundle_id=verified.bundle_id,
        content_digest=verified.content_digest,
        applicant_name=app["applicant"]["name"],
        stage="first",
        outcome="approved",
        reasons=(),
        late_accepted_reason="",
        registration_from=None,
        registration_to=None,
        decided_at=datetime(2026, 11, 27, 10, 0, tzinfo=timezone(timedelta(hours=8))),
        sequence=1,
        previous_hash="",
        office=office.office,
    )
    return sign_decision(office.key, dc_replace(decision, **changes))


def test_a_city_signing_a_final_decision_or_reusing_a_sequence_is_refused(
    offices: tuple[ReviewWorkspace, ReviewWorkspace], sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    city, province = offices
    a, b = sample_bundles.ordinary[0], sample_bundles.ordinary[1]
    final = tmp_path / "final-by-city.swdfwd"
    write_forward(
        final,
        a,
        _signed_by(
            city, a, stage="final", registration_from=TODAY, registration_to=period_end(TODAY, 3)
        ),
    )
    assert province.service.import_files([final]).entries[0].code == "wrong_level"
    by_province = tmp_path / "first-by-province.swdfwd"
    write_forward(by_province, a, _signed_by(province, a))
    assert province.service.import_files([by_province]).entries[0].code == "wrong_level"

    genuine = tmp_path / "genuine.swdfwd"
    write_forward(genuine, a, _signed_by(city, a))
    assert province.service.import_files([genuine]).entries[0].status == "imported"
    reused = tmp_path / "reused-sequence.swdfwd"
    write_forward(reused, b, _signed_by(city, b))  # another bundle, the same sequence 1
    base = table_counts(province)
    entry = province.service.import_files([reused]).entries[0]
    assert (entry.code, entry.params["sequence"]) == ("decision_replayed", 1)
    assert table_counts(province) == base
