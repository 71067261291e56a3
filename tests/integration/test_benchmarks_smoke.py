"""The benchmark command runs (tiny sizes, one run each, no untimed warm-up start, two
reviewer PCs deciding at once instead of four) and writes every figure, so it cannot rot.
Speed is never asserted here: the figures are in benchmarks/README.md."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from postgres_server import find_bin_dir

ROOT = Path(__file__).resolve().parents[2]


# the sections in three groups, run as three tests: the suite's workers run them side by
# side (the server section alone is the longest: its own PostgreSQL and the PCs' processes)
GROUPS = {
    "local": ("start", "dashboard", "pdf", "bundle", "provider"),
    "reviewer": ("import", "queue", "records"),
    "server": ("server",),
}


def _run(sections: tuple[str, ...], out: Path) -> dict:  # type: ignore[type-arg]
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--only",
            ",".join(sections),
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
            "--attendees",
            "3",
            "--records",
            "3",
            "--no-libreoffice",
            "--no-warm-up",
            "--deciding-pcs",
            "2",
            "--out",
            str(out),
        ],
        check=True,
        timeout=300,
        capture_output=True,
        cwd=out.parent,
    )
    results: dict = json.loads(out.read_text(encoding="utf-8"))  # type: ignore[type-arg]
    assert results["sections"] == list(sections)
    for result in results["results"]:
        assert result["swdesk"] is not None and result["swdesk"] > 0, result
        assert result["goal_met"] in (True, False, None)
    return results


def _figures(results: dict) -> dict:  # type: ignore[type-arg]
    return {r["figure"].split(",")[0].split(":")[0]: r for r in results["results"]}


@pytest.mark.slow
def test_the_practitioner_sections_run(tmp_path: Path) -> None:
    results = _run(GROUPS["local"], tmp_path / "results.json")
    figures = _figures(results)
    for name in (
        "cold start to the dashboard",
        "cold start",
        "dashboard refresh",
        "application PDF",
        "bundle export",
        "bundle verify",
        "provider",
    ):
        assert name in figures, name
    assert any(r["baseline"] for r in results["results"])  # the bare window at least


@pytest.mark.slow
def test_the_reviewer_sections_run(tmp_path: Path) -> None:
    figures = _figures(_run(GROUPS["reviewer"], tmp_path / "results.json"))
    for name in ("reviewer", "reviewer queue", "records"):
        assert name in figures, name


@pytest.mark.slow
def test_the_server_section_runs(tmp_path: Path) -> None:
    results = _run(GROUPS["server"], tmp_path / "results.json")
    figures = _figures(results)
    if find_bin_dir() is not None:  # the server section needs PostgreSQL's server binaries
        assert "reviewer queue on PostgreSQL" in figures
        deciding = figures["2 reviewer PCs deciding 12 applications at once (PostgreSQL)"]
        importing = figures["2 PCs importing the same 3 bundles at once (PostgreSQL)"]
        # what the concurrent figures check is correctness, not speed: it must hold
        assert deciding["goal_met"] is True, deciding["note"]
        assert importing["goal_met"] is True, importing["note"]
        moving = figures["moving an office of 200 applications from its folder to PostgreSQL"]
        assert moving["goal_met"] is True, moving["note"]


def test_every_default_section_is_in_a_group() -> None:
    tree = ast.parse((ROOT / "benchmarks" / "run.py").read_text(encoding="utf-8"))
    (sections,) = (
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "SECTIONS" for t in node.targets)
    )
    assert sorted(s for group in GROUPS.values() for s in group) == sorted(sections)
