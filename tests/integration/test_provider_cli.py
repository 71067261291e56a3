"""`swdesk provider init / export-key / issue`, run in-process as a script runs them: a
training provider sets up its key and issues signed attendance records and certificates
from a roster, all or nothing, owner-only, without ever printing an ID number."""

from __future__ import annotations

import io
import stat
import sys
import zipfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from pypdf import PdfReader
from tests.cli_runner import CliResult, run_cli

from swdesk.domain.identity import id_check_char
from swdesk.signing import read_ce_record, read_provider_key

PASSWORD = "correct horse battery"
ENV = {"SWDESK_PROVIDER_PASSWORD": PASSWORD}
CODE = "11320000MB151840XJ"
POSIX = sys.platform != "win32"


def _id(birth: str, sequence: str) -> str:
    first17 = f"620802{birth}{sequence}"
    return first17 + id_check_char(first17)


PEOPLE = [
    ("张晓梅", _id("19850615", "002"), 12.5),
    ("阿依古丽·买买提", _id("19900101", "013"), 12),
    ("李明", _id("19780920", "031"), "7.5"),
]


def _roster(path: Path, rows: list[tuple[Any, ...]], header: tuple[str, ...] | None = None) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(header or ("序号", "姓名", "公民身份号码", "学时")))
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row])
    workbook.save(path)
    return path


def _provider(data: Path, *args: str, env: dict[str, str] | None = None) -> CliResult:
    return run_cli("provider", *args, "--data-dir", str(data), env=env or ENV)


def _issue(data: Path, roster: Path, out: Path, *extra: str) -> CliResult:
    return _provider(
        data,
        "issue",
        "--roster",
        str(roster),
        "--title",
        "社会工作伦理与督导培训",
        "--start",
        "2025-06-01",
        "--end",
        "2025-06-02",
        "--type",
        "training",
        "--area",
        "values_ethics",
        "--out",
        str(out),
        *extra,
    )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    result = _provider(folder, "init", "--org", "甘肃省社会工作协会", "--credit-code", CODE)
    assert result.returncode == 0, result.stderr
    return folder


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_init_writes_the_encrypted_key_owner_only_and_prints_the_fingerprint(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    password_file = tmp_path / "password.txt"
    password_file.write_text(PASSWORD + "\n", encoding="utf-8")
    result = run_cli(
        "provider",
        "init",
        "--org",
        " 甘肃省社会工作协会 ",
        "--credit-code",
        "11320000mb151840xj",  # normalised, as people type it
        "--data-dir",
        str(folder),
        "--password-file",
        str(password_file),
        env={"SWDESK_PROVIDER_PASSWORD": None},
    )
    assert result.returncode == 0, result.stderr
    lines = dict(line.split("\t", 1) for line in result.stdout.splitlines())
    assert lines["provider"] == "甘肃省社会工作协会" and lines["credit_code"] == CODE
    public = read_provider_key(
        (folder / "provider" / "provider.swdkey").read_bytes(), file="provider.swdkey"
    )
    assert lines["fingerprint"] == public.fingerprint_groups
    secret = (folder / "provider" / "provider-key.json").read_bytes()
    assert b"private" not in secret and public.name.encode() in secret
    if POSIX:
        assert _mode(folder / "provider") == 0o700
        assert _mode(folder / "provider" / "provider-key.json") == 0o600


def test_init_refuses_a_second_provider_a_bad_credit_code_and_no_password(
    data: Path, tmp_path: Path
) -> None:
    again = _provider(data, "init", "--org", "别的协会", "--credit-code", CODE)
    assert again.returncode == 1 and again.stderr.startswith("error: provider_exists:")
    bad = _provider(tmp_path / "d2", "init", "--org", "协会", "--credit-code", CODE[:-1] + "A")
    assert bad.stderr.startswith("error: credit_code_invalid:")
    assert not (tmp_path / "d2" / "provider").exists()
    none = run_cli(
        "provider",
        "init",
        "--org",
        "协会",
        "--credit-code",
        CODE,
        "--data-dir",
        str(tmp_path / "d3"),
        env={"SWDESK_PROVIDER_PASSWORD": None},
    )
    assert none.stderr.startswith("error: password_missing:")


def test_export_key_writes_the_public_key_and_needs_the_password(
    data: Path, tmp_path: Path
) -> None:
    out = tmp_path / "provider.swdkey"
    result = _provider(data, "export-key", "--out", str(out))
    assert result.returncode == 0, result.stderr
    identity = read_provider_key(out.read_bytes(), file=out.name)
    assert identity.credit_code == CODE
    assert f"fingerprint\t{identity.fingerprint_groups}" in result.stdout
    wrong = _provider(
        data,
        "export-key",
        "--out",
        str(tmp_path / "b.swdkey"),
        env={"SWDESK_PROVIDER_PASSWORD": "not the password"},
    )
    assert wrong.stderr.startswith("error: wrong_password:")
    named = _provider(data, "export-key", "--out", str(tmp_path / "k.txt"))
    assert named.stderr.startswith("error: wrong_extension:")


def test_issue_writes_a_verifiable_record_and_a_certificate_per_attendee(
    data: Path, tmp_path: Path
) -> None:
    roster = _roster(tmp_path / "roster.xlsx", PEOPLE)
    out = tmp_path / "issued"
    result = _issue(data, roster, out)
    assert result.returncode == 0, result.stderr
    key_file = tmp_path / "provider.swdkey"
    assert _provider(data, "export-key", "--out", str(key_file)).returncode == 0
    provider = read_provider_key(key_file.read_bytes(), file=key_file.name)
    lines = result.stdout.splitlines()
    assert len(lines) == 4 and lines[-1].startswith("summary\trecords=3\thours=32\t")
    for (name, id_number, hours), line in zip(PEOPLE, lines, strict=False):
        assert id_number not in result.stdout + result.stderr
        fields = line.split("\t")
        assert fields[0] == "issued" and fields[2] == name and fields[4] == str(hours)
        assert fields[3] == id_number[:6] + "********" + id_number[-4:]
        record_file, certificate = out / fields[5], out / fields[6]
        opened = read_ce_record(record_file.read_bytes(), file=record_file.name, provider=provider)
        assert opened.record.attendee_name == name and opened.record.is_for(id_number)
        assert str(opened.record.hours) == str(hours)
        assert opened.record.issued_at.utcoffset() == timedelta(hours=8)  # the pack's zone
        assert id_number.encode() not in record_file.read_bytes()
        reader = PdfReader(io.BytesIO(certificate.read_bytes()))
        text = reader.pages[0].extract_text()
        assert name in text and "社会工作伦理与督导培训" in text
        assert opened.record.record_id in text
        assert id_number not in text and fields[3] in text  # masked only
        if POSIX:
            assert _mode(record_file) == 0o600 and _mode(certificate) == 0o600
    assert sorted(p.suffix for p in out.iterdir()) == [".pdf"] * 3 + [".swdce"] * 3
    if POSIX:
        assert _mode(out) == 0o700
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_english_headers_are_accepted_and_an_empty_folder_is_used(
    data: Path, tmp_path: Path
) -> None:
    roster = _roster(
        tmp_path / "roster.xlsx", PEOPLE[:1], header=("no", "Name", "ID_Number", "Hours")
    )
    out = tmp_path / "issued"
    out.mkdir()
    result = _issue(data, roster, out)
    assert result.returncode == 0, result.stderr
    assert len(list(out.glob("*.swdce"))) == 1


@pytest.mark.parametrize(
    ("bad_row", "field", "reason"),
    [
        (("王五", _id("19850615", "002")[:-1] + "0", 3), "id_number", "id_check_digit"),
        (("王", _id("19850615", "052"), 3), "name", "name_length"),
        (("王五", _id("19850615", "052"), 1.25), "hours", "hours_precision"),
        (("王五", _id("19850615", "052"), 0), "hours", "hours_not_positive"),
        (("王五", _id("19850615", "052"), "三"), "hours", "not_a_number"),
        (("王五", _id("19850615", "052"), 900), "hours", "hours_above_maximum"),
        (("王五", PEOPLE[0][1], 3), "id_number", "duplicate"),
        (("王五", "", 3), "id_number", "required"),
    ],
)
def test_a_bad_row_issues_nothing_and_names_its_row_and_field(
    data: Path, tmp_path: Path, bad_row: tuple[Any, ...], field: str, reason: str
) -> None:
    roster = _roster(tmp_path / "roster.xlsx", [PEOPLE[0], PEOPLE[1], bad_row])
    out = tmp_path / "issued"
    result = _issue(data, roster, out)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("error: roster_invalid:")
    params = result.stderr.rstrip("\n").split("; ")[-1].split(" ")
    assert "row=4" in params and f"field={field}" in params
    assert f"reason={reason}" in result.stderr
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    for _name, id_number, _hours in PEOPLE:
        assert id_number not in result.stderr


def test_a_formula_cell_is_refused(data: Path, tmp_path: Path) -> None:
    roster = _roster(tmp_path / "roster.xlsx", [(PEOPLE[0][0], PEOPLE[0][1], "=6+6")])
    result = _issue(data, roster, tmp_path / "issued")
    assert "roster_invalid" in result.stderr and "reason=formula" in result.stderr


def test_a_roster_without_the_columns_is_refused(data: Path, tmp_path: Path) -> None:
    roster = _roster(tmp_path / "roster.xlsx", PEOPLE, header=("序号", "名字", "号码", "学时"))
    result = _issue(data, roster, tmp_path / "issued")
    assert "roster_invalid" in result.stderr and "field=name" in result.stderr
    assert "reason=header_missing" in result.stderr


def test_hostile_rosters_are_refused_safely(data: Path, tmp_path: Path) -> None:
    text = tmp_path / "text.xlsx"
    text.write_text("姓名,公民身份号码,学时\n", encoding="utf-8")
    assert _issue(data, text, tmp_path / "o1").stderr.startswith("error: roster_unreadable:")
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (80 * 1024 * 1024))
    result = _issue(data, bomb, tmp_path / "o2")
    assert result.stderr.startswith("error: roster_unreadable:")
    assert "unpacks to far more" in result.stderr
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("hello.txt", b"not a workbook")
    assert _issue(data, broken, tmp_path / "o3").stderr.startswith("error: roster_unreadable:")
    huge = tmp_path / "huge.xlsx"
    with huge.open("wb") as stream:
        stream.truncate(11 * 1024 * 1024)
    assert _issue(data, huge, tmp_path / "o4").stderr.startswith("error: file_too_large:")
    missing = _issue(data, tmp_path / "missing.xlsx", tmp_path / "o5")
    assert missing.stderr.startswith("error: file_unreadable:")
    assert not any((tmp_path / f"o{i}").exists() for i in range(1, 6))


def test_course_details_and_the_target_folder_are_checked_first(data: Path, tmp_path: Path) -> None:
    roster = _roster(tmp_path / "roster.xlsx", PEOPLE)
    out = tmp_path / "issued"
    bad_type = _issue(data, roster, out, "--type", "party")
    assert "course_invalid" in bad_type.stderr and "field=type" in bad_type.stderr
    private_use = _issue(data, roster, out, "--title", "培训\ue000")
    assert "course_invalid" in private_use.stderr and "field=title" in private_use.stderr
    future = _provider(
        data,
        "issue",
        "--roster",
        str(roster),
        "--title",
        "培训",
        "--start",
        "2025-06-01",
        "--end",
        "2999-01-01",
        "--type",
        "training",
        "--area",
        "values_ethics",
        "--out",
        str(out),
    )
    assert "course_invalid" in future.stderr and "field=end" in future.stderr
    out.mkdir()
    (out / "old.txt").write_text("x", encoding="utf-8")
    taken = _issue(data, roster, out)
    assert taken.stderr.startswith("error: output_not_empty:")
    assert sorted(p.name for p in out.iterdir()) == ["old.txt"]
    not_initialised = _issue(tmp_path / "empty", roster, tmp_path / "o")
    assert not_initialised.stderr.startswith("error: provider_not_initialised:")


def test_a_failure_while_writing_leaves_neither_the_folder_nor_a_half_of_it(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from swdesk.domain.errors import UserFixableError
    from swdesk.services.provider import issuing

    rendered: list[object] = []
    render = issuing.attendance_certificate

    def full_disk_at_the_second(*args: Any) -> bytes:
        rendered.append(args)
        if len(rendered) == 2:
            raise UserFixableError("disk_full", file="x.pdf", path=str(tmp_path))
        return render(*args)

    monkeypatch.setattr(issuing, "attendance_certificate", full_disk_at_the_second)
    roster = _roster(tmp_path / "roster.xlsx", PEOPLE)
    result = _issue(data, roster, tmp_path / "issued")
    assert result.returncode == 1 and result.stderr.startswith("error: disk_full:")
    assert len(rendered) == 2 and result.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "roster.xlsx"]


def test_a_roster_with_too_many_rows_or_none_is_refused(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from swdesk.services.provider import roster as roster_module

    monkeypatch.setattr(roster_module, "MAX_ROWS", 2)
    many = _issue(data, _roster(tmp_path / "many.xlsx", PEOPLE), tmp_path / "o1")
    assert "roster_invalid" in many.stderr and "reason=too_many_rows" in many.stderr
    assert "row=4" in many.stderr and "field=rows" in many.stderr
    empty = _issue(data, _roster(tmp_path / "empty.xlsx", []), tmp_path / "o2")
    assert "roster_invalid" in empty.stderr and "reason=no_attendees" in empty.stderr


def test_the_province_lists_the_provider_and_its_records_verify_against_the_list(
    data: Path, tmp_path: Path
) -> None:
    """The provider's public key goes to the province like an office's: publish-trust tells
    the two kinds of key file apart, and a record verifies with the listed key."""
    from swdesk.signing import read_trust_file

    key_file = tmp_path / "provider.swdkey"
    assert _provider(data, "export-key", "--out", str(key_file)).returncode == 0
    review_env = {"SWDESK_REVIEW_PASSWORD": PASSWORD}
    province = ["--data-dir", str(tmp_path / "province")]
    init = run_cli(
        "review", "init", *province, "--office", "甘肃省民政厅", "--region", "620000",
        "--level", "province", env=review_env,
    )  # fmt: skip
    assert init.returncode == 0, init.stderr
    trust_file = tmp_path / "gansu.swdtrust"
    published = run_cli(
        "review", "publish-trust", *province, "--key", str(key_file), "--out", str(trust_file),
        env=review_env,
    )  # fmt: skip
    assert published.returncode == 0, published.stderr
    lines = published.stdout.splitlines()
    assert lines[1].endswith("\toffices=1\tproviders=1")
    assert lines[-1].split("\t")[2:] == ["provider", "甘肃省社会工作协会"]

    trust = read_trust_file(trust_file.read_bytes(), file=trust_file.name)
    # the province's office keeps the list in force, providers included
    from swdesk.services.review import open_review_workspace, review_root

    office = open_review_workspace(review_root(tmp_path / "province"), PASSWORD)
    try:
        assert office.service.trusted_providers() == trust.providers
        assert [p.name for p in trust.providers] == ["甘肃省社会工作协会"]
    finally:
        office.close()
    out = tmp_path / "issued"
    assert _issue(data, _roster(tmp_path / "r.xlsx", PEOPLE[:1]), out).returncode == 0
    record_file = next(out.glob("*.swdce"))
    record = read_ce_record(
        record_file.read_bytes(),
        file=record_file.name,
        provider=read_provider_key(key_file.read_bytes(), file=key_file.name),
    ).record
    listed = trust.find_provider(record.provider_fingerprint)
    assert listed is not None and listed.credit_code == CODE
    assert read_ce_record(record_file.read_bytes(), file=record_file.name, provider=listed)

    # a file that is neither kind of key is refused as an office key would be
    (tmp_path / "junk.swdkey").write_text("{}", encoding="utf-8")
    refused = run_cli(
        "review", "publish-trust", *province, "--key", str(tmp_path / "junk.swdkey"),
        "--out", str(tmp_path / "again.swdtrust"), env=review_env,
    )  # fmt: skip
    assert refused.returncode == 1 and refused.stderr.startswith("error: key_invalid:")
