"""A format version 1 bundle written before times carried their UTC offset (naive local
times in manifest.json and application.json) is still imported by a review office."""

from __future__ import annotations

import importlib.util
import io
import sys
from datetime import datetime
from pathlib import Path
from types import ModuleType

import pytest
from PIL import Image
from review_samples import make_office

from swdesk.bundle import BundleMember, canonical_json, verify_bundle, write_bundle, writer
from swdesk.services.review import review_root

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "make_golden.py"


def _golden() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_golden", GOLDEN)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_golden"] = module
    spec.loader.exec_module(module)
    return module


def _jpeg() -> bytes:
    """A real photo (the importer decodes it), as an older swdesk exported it."""
    out = io.BytesIO()
    Image.new("RGB", (240, 320), (200, 180, 160)).save(out, "JPEG", quality=80)
    return out.getvalue()


def test_a_bundle_with_naive_times_is_imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    golden = _golden()
    app = golden.application()
    app["application"]["created_at"] = "2025-03-01T09:00:00"
    app["declaration"]["accepted_at"] = "2025-03-02T09:59:00"
    # the writer before the offset rule: `created_at.isoformat(timespec="seconds")`
    monkeypatch.setattr(writer, "stamp", lambda value, timespec: value.isoformat(timespec=timespec))
    path = write_bundle(
        tmp_path / "old.swdapp",
        [
            BundleMember(
                "application.json", "application", "application/json", data=canonical_json(app)
            ),
            BundleMember("form.pdf", "form", "application/pdf", data=golden.FORM),
            BundleMember("photo.jpg", "photo", "image/jpeg", data=_jpeg()),
            BundleMember(
                golden.evidence_name(), "evidence", "application/pdf", data=golden.EVIDENCE
            ),
        ],
        created_at=datetime(2025, 3, 2, 10, 0, 5),
        generator="swdesk 0.1.0",
    ).path
    assert verify_bundle(path).manifest["created_at"] == "2025-03-02T10:00:05"

    city = make_office(review_root(tmp_path / "city-data"))
    try:
        report = city.service.import_files([path])
    finally:
        city.close()
    assert [(e.status, e.code) for e in report.entries] == [("imported", "")]
