"""`swdesk review retention | purge | delete-person` on the command line (in-process,
`cli_runner.run_cli`): output lines, exit codes, the ID number read from standard input,
and the audit log still whole after."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from review_samples import PASSWORD, SampleBundles

from cli_runner import CliResult, run_cli

# in-process, the office keys are wrapped with the low test cost of scrypt (the key file
# records the cost it was made with, so opening it is the same code)


def swdesk(*args: str, stdin: str = "") -> CliResult:
    return run_cli("review", *args, stdin=stdin, env={"SWDESK_REVIEW_PASSWORD": PASSWORD})


def ok(result: CliResult) -> list[str]:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.splitlines()


def refused(result: CliResult, code: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith(f"error: {code}"), result.stderr


def test_retention_purge_and_delete_person_on_the_command_line(
    sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    data = ["--data-dir", str(tmp_path / "city")]
    db_path = tmp_path / "city" / "review" / "review.sqlite"
    ok(swdesk("init", *data, "--office", "平凉市民政局", "--region", "620800", "--level", "city"))
    bundles = (*sample_bundles.ordinary[1:], sample_bundles.late)  # imported as 1, 2, 3, 4
    ok(swdesk("import", *data, *(str(path) for path in bundles)))

    assert ok(swdesk("retention", *data)) == ["retention_days\t365", "expired\t0"]
    refused(swdesk("retention", *data, "--days", "-1"), "retention_days_invalid")
    assert ok(swdesk("retention", *data, "--days", "30")) == ["retention_days\t30", "expired\t0"]

    ok(swdesk("decide", *data, "--application", "1", "--approve"))
    (tmp_path / "out").mkdir(exist_ok=True)
    ok(swdesk("export-decisions", *data, "--out", str(tmp_path / "out")))
    with closing(sqlite3.connect(db_path)) as connection:  # decided long ago
        connection.execute(
            "UPDATE applications SET decided_at = '2020-01-02 10:00:00' WHERE id = 1"
        )
        connection.commit()
        id_number = connection.execute(
            "SELECT id_number FROM applications WHERE id = 2"
        ).fetchone()[0]
    # every opening purges: `purge` reports what its opening deleted, then finds nothing more
    assert ok(swdesk("purge", *data)) == ["purged\t1", "purged=1 backups_removed=0"]
    assert ok(swdesk("purge", *data)) == ["purged=0 backups_removed=0"]

    lines = ok(swdesk("delete-person", *data, "--id-number", "-", stdin=id_number + "\n"))
    assert lines == ["deleted\t2", "deleted=1"]
    assert ok(swdesk("delete-person", *data, "--application", "3")) == ["deleted\t3", "deleted=1"]
    refused(swdesk("delete-person", *data, "--application", "99"), "application_unknown")
    assert [line.split("\t")[0] for line in ok(swdesk("list", *data))] == ["4"]
    assert ok(swdesk("audit-verify", *data))[0].startswith("audit ok")
    with closing(sqlite3.connect(db_path)) as connection:
        actions = [
            row[0]
            for row in connection.execute(
                "SELECT action FROM audit_log WHERE action IN "
                "('purged', 'deleted_on_request', 'retention_set') ORDER BY seq"
            )
        ]
    assert actions == ["retention_set", "purged", "deleted_on_request", "deleted_on_request"]
