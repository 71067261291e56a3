"""Texts that a spreadsheet could take for a formula stay text in what the reviewer opens
in Excel: the roster (.xlsx) and the import report (.csv).

A bundle is written by whoever sends it: its applicant's name, employer and post can be
anything, e.g. `=HYPERLINK("http://x","y")`. Real bundles are rewritten with such texts,
imported into a real office, decided, and exported by the service and by the command line;
the roster is read back with openpyxl (no cell is a formula, the text is kept) and the
import report with csv (each such text starts with an apostrophe)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from bundle_variants import application_of, rewrite
from openpyxl import load_workbook
from review_samples import PASSWORD, SampleBundles, make_office

from cli_runner import run_cli
from swdesk.core.cells import csv_safe, looks_like_formula

# (first character, a text starting with it)
HOSTILE = [
    ("=", '=HYPERLINK("http://x","y")'),
    ("+", "+1+cmd|' /C calc'!A0"),
    ("-", "-2+3"),
    ("@", "@SUM(1,1)"),
    ("\t", "\t=1+1"),
    ("\r", "\r=1+1"),
]


def _hostile_bundles(samples: SampleBundles, folder: Path) -> list[tuple[Path, str]]:
    """Six bundles (six different applications) whose file name starts with one of the
    formula characters, and whose applicant's name, employer and post start with it too
    (the bundle schema refuses control characters in them, so after a tab or CR they
    start with the `=` that follows)."""
    sources = [*samples.ordinary, samples.late, samples.resubmission]
    assert len({application_of(s)["application"]["uid"] for s in sources}) == len(HOSTILE)
    folder.mkdir()
    made = []
    for index, (source, (_char, text)) in enumerate(zip(sources, HOSTILE, strict=False)):
        app = application_of(source)
        shown = text.lstrip("\t\r")
        app["applicant"]["name"] = shown
        app["applicant"]["employer"] = shown
        app["applicant"]["post"] = shown
        made.append(
            (rewrite(source, folder / f"{text[0]}bundle-{index}.swdapp", application=app), shown)
        )
    return made


def _assert_roster_is_text(roster: Path, texts: list[str]) -> None:
    book = load_workbook(roster)
    found = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                found.append(cell.value)
    for text in texts:
        assert text in found  # kept exactly, without an apostrophe


def _assert_report_is_escaped(report: bytes, names: list[str]) -> None:
    rows = list(csv.reader(io.StringIO(report.decode("utf-8-sig"), newline="")))
    cells = [cell for row in rows[1:] for cell in row]
    for cell in cells:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    for name in names:
        assert "'" + name in cells


@pytest.mark.parametrize(("char", "text"), HOSTILE)
def test_each_formula_start_is_recognised(char: str, text: str) -> None:
    assert looks_like_formula(text) and csv_safe(text) == "'" + text
    assert not looks_like_formula("张" + text) and csv_safe(7) == 7


@pytest.fixture
def office(sample_bundles: SampleBundles, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A city office in tmp_path/data holding the six hostile applications, each approved
    (the late one with a late reason that also starts with `=`). The files are imported by
    their names relative to the inbox (the current folder), so that the report names them
    by a text starting with the formula character."""
    workspace = make_office(tmp_path / "data" / "review")
    bundles = _hostile_bundles(sample_bundles, tmp_path / "inbox")
    monkeypatch.chdir(tmp_path / "inbox")
    report = workspace.service.import_files([path.name for path, _text in bundles])
    assert report.counts()["imported"] == len(HOSTILE), report
    for app_id in report.imported_ids:
        results = workspace.service.decide(app_id, "approved")
        if results[0].code == "late_reason_required":
            results = workspace.service.decide(app_id, "approved", late_reason="=1+2")
        assert results[0].status == "decided", results
    yield workspace, bundles, report
    workspace.close()


def test_roster_and_report_written_by_the_service_hold_no_formula(office, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workspace, bundles, report = office
    roster = workspace.service.export_roster(tmp_path / "roster.xlsx")
    _assert_roster_is_text(roster, [text for _path, text in bundles] + ["=1+2"])
    _assert_report_is_escaped(report.to_csv(), [path.name for path, _text in bundles])


def test_roster_and_report_written_by_the_command_line_hold_no_formula(
    office, sample_bundles: SampleBundles, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    workspace, bundles, _report = office
    workspace.close()
    env = {"SWDESK_REVIEW_PASSWORD": PASSWORD}
    data = str(tmp_path / "data")
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    roster = tmp_path / "cli-roster.xlsx"
    exported = run_cli(
        "review",
        "export-decisions",
        "--data-dir",
        data,
        "--out",
        str(outbox),
        "--roster",
        str(roster),
        env=env,
    )
    assert exported.returncode == 0, exported.stderr
    _assert_roster_is_text(roster, [text for _path, text in bundles] + ["=1+2"])

    # importing the same files again: each one a duplicate, named in the report
    report = tmp_path / "report.csv"
    imported = run_cli(
        "review",
        "import",
        "--data-dir",
        data,
        "--report",
        str(report),
        "--",
        *[path.name for path, _text in bundles],
        env=env,
        cwd=tmp_path / "inbox",
    )
    assert imported.returncode == 0, imported.stderr
    _assert_report_is_escaped(report.read_bytes(), [path.name for path, _text in bundles])
