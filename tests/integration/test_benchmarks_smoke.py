"""The benchmark command runs (tiny sizes, one run each) and writes every figure, so it
cannot rot. Speed is never asserted here: the figures are in benchmarks/README.md."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

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
            "--no-libreoffice",
            "--out",
            str(out),
        ],
        check=True,
        timeout=180,
        capture_output=True,
        cwd=tmp_path,
    )
    results = json.loads(out.read_text(encoding="utf-8"))
    assert results["sections"] == ["start", "dashboard", "pdf", "bundle", "import", "queue"]
    figures = {r["figure"].split(",")[0].split(":")[0]: r for r in results["results"]}
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
