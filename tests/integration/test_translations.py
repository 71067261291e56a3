"""Every string the UI shows has a finished Chinese translation, and the shipped .qm is current."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location(
    "update_translations", ROOT / "scripts" / "update_translations.py"
)
assert _spec and _spec.loader
tools = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tools)


def test_sources_are_fully_translated_and_compiled(tmp_path: Path) -> None:
    shipped_ts = ROOT / "resources" / "translations" / "swdesk_zh_CN.ts"
    work_ts = tmp_path / "swdesk_zh_CN.ts"
    shutil.copy(shipped_ts, work_ts)
    subprocess.run(
        [
            tools.tool("lupdate"),
            "-no-obsolete",
            "-locations",
            "none",
            *tools.sources(),
            "-ts",
            str(work_ts),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    missing = tools.unfinished(work_ts)
    assert missing == [], f"untranslated (run scripts/update_translations.py): {missing[:10]}"
    qm = tmp_path / "out.qm"
    subprocess.run(
        [tools.tool("lrelease"), str(shipped_ts), "-qm", str(qm)], check=True, capture_output=True
    )
    shipped_qm = ROOT / "resources" / "translations" / "swdesk_zh_CN.qm"
    assert qm.read_bytes() == shipped_qm.read_bytes(), "run scripts/update_translations.py"
