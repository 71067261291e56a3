"""The benchmark command runs (tiny sizes, one run each) and writes every figure, so it
cannot rot. Speed is never asserted here: the figures are in benchmarks/README.md."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from postgres_server import find_bin_dir

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_benchmark_command_runs_every_section(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--runs",
            "1",
            "--bundles",
            "3",
            "--rows",
            "200",
            "--activities",
            "20",
            "--decisions",
            "12",
            "--no-libreoffice",
            "--out",
            str(out),
        ],
        check=True,
        timeout=300,
        capture_output=True,
        cwd=tmp_path,
    )
    results = json.loads(out.read_text(encoding="utf-8"))
    assert results["sections"] == [
        "start",
        "dashboard",
        "pdf",
        "bundle",
        "import",
        "queue",
        "server",
    ]
    figures = {r["figure"].split(",")[0].split(":")[0]: r for r in results["results"]}
    if find_bin_dir() is not None:  # the server section needs PostgreSQL's server binaries
        assert "reviewer queue on PostgreSQL" in figures
        deciding = figures["4 reviewer PCs deciding 12 applications at once (PostgreSQL)"]
        importing = figures["2 PCs importing the same 3 bundles at once (PostgreSQL)"]
        # what the concurrent figures check is correctness, not speed: it must hold
        assert deciding["goal_met"] is True, deciding["note"]
        assert importing["goal_met"] is True, importing["note"]
        moving = figures["moving an office of 200 applications from its folder to PostgreSQL"]
        assert moving["goal_met"] is True, moving["note"]
    for name in (
        "cold start to the dashboard",
        "cold start",
        "dashboard refresh",
        "application PDF",
        "bundle export",
        "bundle verify",
        "reviewer",
        "reviewer queue",
    ):
        assert name in figures, name
    for result in results["results"]:
        assert result["swdesk"] is not None and result["swdesk"] > 0, result
        assert result["goal_met"] in (True, False, None)
    assert any(r["baseline"] for r in results["results"])  # the bare window at least
