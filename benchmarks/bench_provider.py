"""A training provider issuing attendance records: `swdesk provider issue` for one roster.

The roster has `attendees` rows of distinct people (valid ID numbers, 12 hours each). Each
run is a fresh process issuing into a new folder: reading and checking the roster, then per
attendee a signed `.swdce` record and a certificate PDF, staged and renamed into place. The
baseline is `sha256sum` over the files it wrote (records and PDFs), per attendee, same run.
The provider's key is set up once, untimed (its password's key derivation is part of each
run, as it is of each real issue).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from common import Figure, child_env, median, sha256sum_ms

PASSWORD = "benchmark provider password"
CREDIT_STEM = "51620000MJX00000" + "1"  # 17 characters; the check character is computed
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = "晓明华丽军芳伟静敏强磊洋艳勇杰娟涛超秀霞平刚桂英兰玉红梅春"


def _roster(path: Path, attendees: int) -> None:
    from openpyxl import Workbook

    from swdesk.domain.identity import id_check_char

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["姓名", "公民身份号码", "学时"])
    born = date(1980, 1, 1)
    for n in range(attendees):
        stem = f"620802{(born + timedelta(days=n)).strftime('%Y%m%d')}{n % 1000:03d}"
        name = SURNAMES[n % len(SURNAMES)] + GIVEN[n % len(GIVEN)] + GIVEN[n // len(GIVEN) % 30]
        sheet.append([name, stem + id_check_char(stem), 12])
    book.save(path)


def _swdesk(*args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "swdesk", *args],
        env=child_env(SWDESK_PROVIDER_PASSWORD=PASSWORD),
        capture_output=True,
        text=True,
        check=False,
        timeout=1800,
    )
    if done.returncode != 0:
        raise RuntimeError(f"swdesk {args[0]} {args[1]} failed: {done.stderr.strip()}")


def issue_roster(tmp: Path, runs: int, attendees: int) -> list[Figure]:
    """Per attendee: the whole `provider issue` (process start included) against sha256sum
    of the records and certificates it wrote."""
    from swdesk.domain.credit_code import credit_code_check_char

    roster = tmp / "roster.xlsx"
    _roster(roster, attendees)
    data = tmp / "provider-data"
    code = CREDIT_STEM + credit_code_check_char(CREDIT_STEM)
    _swdesk("provider", "init", "--org", "甘肃省社会工作协会", "--credit-code", code,
            "--data-dir", str(data))  # fmt: skip
    times, baselines, sizes = [], [], []
    for run in range(runs):
        out = tmp / f"issued-{run}"
        start = time.perf_counter()
        _swdesk(
            "provider", "issue", "--data-dir", str(data), "--roster", str(roster),
            "--title", "社会工作伦理与实务专题培训", "--start", "2026-11-20", "--end", "2026-11-21",
            "--type", "training", "--area", "values_ethics", "--out", str(out),
        )  # fmt: skip
        times.append((time.perf_counter() - start) * 1000 / attendees)
        files = sorted(p for p in out.iterdir() if p.is_file())
        assert len(files) == 2 * attendees, len(files)
        sizes.append(sum(p.stat().st_size for p in files) / attendees / 1e3)
        base = sha256sum_ms(files)
        if base is not None:
            baselines.append(base / attendees)
        shutil.rmtree(out)
    baseline = median(baselines) if baselines else None
    return [
        Figure(
            f"provider: issuing a roster of {attendees:,}, per attendee",
            "ms",
            median(times),
            runs,
            baseline,
            f"sha256sum of the record and certificate written ({median(sizes):.0f} kB)"
            if baseline
            else None,
            [],
            "fresh process: roster read and checked, then per attendee a signed record and a "
            f"certificate PDF; {os.cpu_count()} cores"
            + ("" if baseline else "; sha256sum not found: baseline skipped"),
        )
    ]
