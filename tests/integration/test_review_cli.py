"""`swdesk review ...` as a script at a bureau uses it: real files, exit codes and
one-line reasons, between two reviewer data folders (city and province); in-process
(`cli_runner.run_cli`)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from review_samples import PASSWORD, SampleBundles

from cli_runner import CliResult, run_cli

# in-process, the office keys are wrapped with the low test cost of scrypt (the key file
# records the cost it was made with, so opening it is the same code)


def swdesk(*args: str, password: str | None = None) -> CliResult:
    return run_cli("review", *args, env={"SWDESK_REVIEW_PASSWORD": password})


def ok(result: CliResult) -> list[str]:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.splitlines()


def refused(result: CliResult, code: str) -> str:
    assert result.returncode == 1, result.stdout + result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f"error: {code}"), result.stderr
    return last


def test_the_whole_review_loop_on_the_command_line(
    sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    city, province = tmp_path / "city", tmp_path / "province"
    password_file = tmp_path / "password.txt"
    password_file.write_text(PASSWORD + "\n", encoding="utf-8")
    city_opts = ["--data-dir", str(city), "--password-file", str(password_file)]
    province_opts = ["--data-dir", str(province)]

    # office set-up: the password from a file, or from the environment
    lines = ok(
        swdesk(
            "init", *city_opts, "--office", "平凉市民政局", "--region", "620800", "--level", "city"
        )
    )
    assert lines[0] == "office\t平凉市民政局" and lines[2] == "level\tcity"
    fingerprint = next(line for line in lines if line.startswith("fingerprint")).split("\t")[1]
    assert len(fingerprint.split()) == 16
    ok(
        swdesk(
            "init",
            *province_opts,
            "--office",
            "甘肃省民政厅",
            "--region",
            "620000",
            "--level",
            "province",
            password=PASSWORD,
        )
    )
    refused(
        swdesk(
            "init",
            *province_opts,
            "--office",
            "x",
            "--region",
            "1",
            "--level",
            "city",
            password=PASSWORD,
        ),
        "review_already_initialised",
    )

    # keys and trust
    key = tmp_path / "city.swdkey"
    assert (
        ok(swdesk("export-key", *city_opts, "--out", str(key)))[1] == f"fingerprint\t{fingerprint}"
    )
    trust = tmp_path / "gansu.swdtrust"
    published = ok(
        swdesk(
            "publish-trust",
            *province_opts,
            "--key",
            str(key),
            "--out",
            str(trust),
            password=PASSWORD,
        )
    )
    assert published[1].startswith("trust\tsequence=1") and len(published) == 4
    assert ok(swdesk("trust", *city_opts, str(trust)))[0].startswith("trust\tsequence=1")
    refused(
        swdesk("publish-trust", *city_opts, "--out", str(tmp_path / "x.swdtrust")), "not_province"
    )

    # import: the good ones go in, a bad file is named and the exit code says so
    inbox = tmp_path / "usb"
    inbox.mkdir()
    for path in sample_bundles.ordinary:
        (inbox / path.name).write_bytes(path.read_bytes())
    (inbox / "broken.swdapp").write_bytes(b"PK\x03\x04 broken")
    report = tmp_path / "report.csv"
    result = swdesk("import", *city_opts, str(inbox), "--report", str(report))
    refused(result, "import_refused")
    lines = result.stdout.splitlines()
    assert sum(line.startswith("imported\t") for line in lines) == 4
    assert any(
        line.startswith("refused\t\t") and "broken.swdapp" in line and "not_a_bundle" in line
        for line in lines
    )
    assert "imported=4 duplicate=0 refused=1 cancelled=0" in lines
    assert report.read_bytes().startswith("\ufeff".encode())
    again = ok(swdesk("import", *city_opts, str(sample_bundles.ordinary[0])))
    assert again[0].startswith("duplicate\t")

    # the queue
    queue = ok(swdesk("list", *city_opts))
    assert len(queue) == 4
    first = queue[0].split("\t")
    assert "********" in first[4] and first[7] == "pending"
    # received on TODAY, the 30 working days run into 2027, whose holidays are not known
    assert "holidays_unknown:2027" in first[10].split(",")
    assert len(ok(swdesk("list", *city_opts, "--search", "张晓梅"))) == 1
    assert ok(swdesk("list", *city_opts, "--state", "first_approved")) == []
    refused(swdesk("list", *city_opts, "--state", "maybe"), "state_unknown")

    # deciding by queue number and by uid
    refused(swdesk("decide", *city_opts, "--application", first[0], "--reject"), "reason_required")
    decided = ok(swdesk("decide", *city_opts, "--application", first[0], "--approve"))
    assert decided[0].startswith(f"decided\t{first[0]}\tfirst\tapproved\tsequence=1")
    second = queue[1].split("\t")
    assert ok(
        swdesk(
            "decide",
            *city_opts,
            "--application",
            second[1],
            "--reject",
            "--reason",
            "hours_short:差 6 学时",
            "--reason",
            "photo_unfit",
        )
    )
    refused(
        swdesk("decide", *city_opts, "--application", first[0], "--reject", "--reason", "other"),
        "application_locked",
    )
    refused(
        swdesk("decide", *city_opts, "--application", "999", "--approve"), "application_unknown"
    )

    # exports: decision files, a forward package and the roster
    outbox = tmp_path / "outbox"
    outbox.mkdir(exist_ok=True)
    roster = tmp_path / "roster.xlsx"
    exported = ok(
        swdesk("export-decisions", *city_opts, "--out", str(outbox), "--roster", str(roster))
    )
    assert "files=3" in exported and roster.is_file()
    assert len(list(outbox.glob("*.swdfwd"))) == 1

    # the province takes the forward package and decides finally
    taken = ok(swdesk("import", *province_opts, str(outbox), password=PASSWORD))
    assert taken[-1] == "imported=1 duplicate=0 refused=0 cancelled=0"
    final = ok(
        swdesk("decide", *province_opts, "--application", "1", "--approve", password=PASSWORD)
    )
    assert final[0].startswith("decided\t1\tfinal\tapproved\tsequence=1\tregistration=")
    # a folder that does not exist (a mistyped path, a stick not inserted) is named, not made
    refused(
        swdesk(
            "export-decisions", *province_opts, "--out", str(tmp_path / "back"), password=PASSWORD
        ),
        "folder_missing",
    )
    assert not (tmp_path / "back").exists()
    (tmp_path / "back").mkdir()
    assert (
        ok(
            swdesk(
                "export-decisions",
                *province_opts,
                "--out",
                str(tmp_path / "back"),
                password=PASSWORD,
            )
        )[-1]
        == "files=1"
    )

    # the audit log, then tampered with
    assert ok(swdesk("audit-verify", *city_opts))[0].startswith("audit ok\tentries=")
    with closing(sqlite3.connect(city / "review" / "review.sqlite")) as connection:
        connection.execute("UPDATE audit_log SET details = '{}' WHERE seq = 3")
        connection.commit()
    assert (
        refused(swdesk("audit-verify", *city_opts), "audit_broken")
        == "error: audit_broken: the audit log's hash chain is broken; first_broken=3"
    )


@pytest.mark.parametrize(
    ("setup", "code"),
    [
        ("nothing", "review_not_initialised"),
        ("wrong password", "wrong_password"),
        ("no password", "password_missing"),
    ],
)
def test_refusals_are_one_line(tmp_path: Path, setup: str, code: str) -> None:
    opts = ["--data-dir", str(tmp_path)]
    if setup != "nothing":
        ok(
            swdesk(
                "init",
                *opts,
                "--office",
                "静宁县民政局",
                "--region",
                "620826",
                "--level",
                "county",
                password=PASSWORD,
            )
        )
    password = {"nothing": PASSWORD, "wrong password": "guess guess", "no password": None}
    result = swdesk("list", *opts, password=password[setup])
    refused(result, code)
    assert result.stdout == "" and len(result.stderr.strip().splitlines()) == 1
