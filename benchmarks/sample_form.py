"""The benchmark's form: the realistic sample of scripts/render_sample_form.py (15 activities,
a normalised 354×472 photo)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from swdesk.domain.application_form import ApplicationFormData

_SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "render_sample_form.py"


def sample() -> ApplicationFormData:
    spec = importlib.util.spec_from_file_location("render_sample_form", _SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.sample_form()
