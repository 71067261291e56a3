"""Bundles exported by the practitioner's swdesk carry every time with its UTC offset: the
manifest's `created_at` and application.json's `application.created_at` and
`declaration.accepted_at` (docs/bundle-format.md §3), although swdesk's own database keeps
naive local times."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from review_samples import APPLIED_AT, TODAY, SampleBundles

from swdesk.bundle import verify_bundle

WITH_OFFSET = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?[+-]\d\d:\d\d")


def test_every_time_in_an_exported_bundle_has_its_offset(sample_bundles: SampleBundles) -> None:
    for path in sample_bundles.all:
        bundle = verify_bundle(path)
        times = {
            "manifest.created_at": bundle.manifest["created_at"],
            "application.created_at": bundle.application["application"]["created_at"],
            "declaration.accepted_at": bundle.application["declaration"]["accepted_at"],
        }
        for field, value in times.items():
            assert WITH_OFFSET.fullmatch(value), f"{path.name} {field}: {value}"
        accepted = datetime.fromisoformat(times["declaration.accepted_at"])
        assert accepted == APPLIED_AT.astimezone()  # the same moment, local time


def test_the_export_time_is_taken_from_the_workspace_clock(sample_bundles: SampleBundles) -> None:
    """The samples are exported on a workspace whose clock says TODAY (not the computer's
    date): the bundle's time falls on that day, like every date the services record. It is
    local time, or China's when the computer's own date is not TODAY but China's is."""
    for path in sample_bundles.all:
        created = datetime.fromisoformat(verify_bundle(path).manifest["created_at"])
        on_day = {created.date(), created.astimezone(ZoneInfo("Asia/Shanghai")).date()}
        assert TODAY in on_day, f"{path.name}: {created}"
