"""People on the command line: `review init --head-user`, `review staff ...`, a reviewer
signing in with `--user`, their decision waiting (`review list` shows who), the head's
`review sign` and `send-back`, and the head's work refused to a reviewer."""

from __future__ import annotations

from pathlib import Path

from review_samples import PASSWORD, SampleBundles

from cli_runner import CliResult, run_cli

REVIEWER_PASSWORD = "lijun's own password"


def ok(result: CliResult) -> list[str]:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.splitlines()


def refused(result: CliResult, code: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith(f"error: {code}"), result.stderr


def test_staff_sign_and_refusals_on_the_command_line(
    sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    data = ["--data-dir", str(tmp_path / "city")]

    def as_head(*args: str, **env: str) -> CliResult:
        return run_cli("review", *args, *data, env={"SWDESK_REVIEW_PASSWORD": PASSWORD, **env})

    def as_lijun(*args: str, password: str = REVIEWER_PASSWORD) -> CliResult:
        return run_cli(
            "review", *args, *data, "--user", "lijun", env={"SWDESK_REVIEW_PASSWORD": password}
        )

    ok(
        as_head(
            "init",
            "--office",
            "平凉市民政局",
            "--region",
            "620800",
            "--level",
            "city",
            "--head-user",
            "wangfang",
            "--head-name",
            "王芳",
        )
    )
    new_password = tmp_path / "new.txt"
    new_password.write_text(REVIEWER_PASSWORD + "\n", encoding="utf-8")
    assert ok(
        as_head("staff", "add", "lijun", "--name", "李军", "--new-password-file", str(new_password))
    ) == ["added\tlijun\treviewer"]
    refused(
        as_head("staff", "add", "Li Jun", "--new-password-file", str(new_password)),
        "username_invalid",
    )
    refused(as_head("staff", "add", "zhaolei"), "password_missing")
    staff = ok(as_head("staff", "list"))
    assert [line.split("\t")[:5] for line in staff] == [
        ["staff", "wangfang", "head", "active", "key"],
        ["staff", "lijun", "reviewer", "active", "-"],
    ]
    assert staff[0].endswith("\t王芳")

    ok(as_head("import", *map(str, sample_bundles.ordinary[:2])))
    refused(as_lijun("list", password="wrong password"), "wrong_password")
    refused(as_lijun("staff", "list", password=PASSWORD), "wrong_password")
    assert ok(as_lijun("decide", "--application", "1", "--approve")) == [
        "pending\t1\tapproved\tdecided_by=lijun"
    ]
    ok(as_lijun("decide", "--application", "2", "--reject", "--reason", "hours_short:少 3 小时"))
    refused(
        as_lijun("decide", "--application", "1", "--reject", "--reason", "other:x"),
        "decision_pending",
    )
    listing = ok(as_lijun("list"))
    assert all(line.endswith("pending_by:lijun") for line in listing) and len(listing) == 2
    assert all("\tpending\t" in line for line in listing)  # the state waits for the head
    for action in (
        ("sign", "--all"),
        ("send-back", "1"),
        ("export-decisions", "--out", str(tmp_path / "out")),
        ("retention", "--days", "30"),
        ("staff", "add", "zhaolei", "--new-password-file", str(new_password)),
        ("staff", "disable", "wangfang"),
    ):
        refused(as_lijun(*action), "head_only")
    assert not (tmp_path / "out").exists()

    assert ok(as_head("send-back", "2", "--note", "请核对学时")) == ["sent_back\t2"]
    refused(as_head("send-back", "2"), "nothing_pending")
    signed = ok(as_head("sign", "--all"))
    assert signed == [
        "signed\t1\tapproved\tsequence=1\tdecided_by=lijun\tsigned_by=wangfang",
        "signed=1 refused=0",
    ]
    refused(as_head("sign", "2"), "nothing_pending")
    listing = ok(as_head("list"))
    assert "\tfirst_approved\t" in listing[0] and "pending_by" not in listing[0]
    assert listing[0].endswith("decided_by:lijun+signed_by:wangfang")
    assert "\tpending\t" in listing[1] and "pending_by" not in listing[1]
    assert ok(as_head("audit-verify"))[0].startswith("audit ok")

    # passwords: one's own, and a head's reset of another's; a disabled account is refused
    other = tmp_path / "other.txt"
    other.write_text("lijun's next password\n", encoding="utf-8")
    ok(as_lijun("staff", "passwd", "--new-password-file", str(other)))
    refused(as_lijun("list"), "wrong_password")
    ok(as_lijun("list", password="lijun's next password"))
    ok(as_head("staff", "reset-password", "lijun", "--new-password-file", str(new_password)))
    ok(as_lijun("list"))
    refused(as_head("staff", "disable", "wangfang"), "last_head")
    assert ok(as_head("staff", "disable", "lijun")) == ["disabled\tlijun"]
    refused(as_lijun("list"), "user_disabled")
