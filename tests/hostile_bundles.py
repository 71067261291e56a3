"""Hostile application bundles for property-based tests: canonical, hash-consistent bundles
(every member listed with its right size and SHA-256, the content digest right) whose
application.json holds values no honest swdesk writes: dates at the ends of the calendar,
huge, negative or not-a-number hours, very long names, very many activities, activities
backed by attendance records that are not in the bundle.

`hostile_change()` is a hypothesis strategy of `Change`s; `hostile_bundle(good, dest,
changes)` applies them to the application.json of a real bundle (exported by the
practitioner side, see tests/integration/review_samples.py) and writes the result with
`bundle_variants.with_application`, which lists the new application.json correctly in the
manifest. Only the values are hostile: the reader's integrity checks all pass, so what
refuses such a bundle is the plausible-value rules (schema and code), and nothing else.
"""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent / "integration"))

from bundle_variants import application_of, with_application  # noqa: E402

# dates no registration, activity or certificate can have: the ends of the calendar and
# just outside the plausible years (swdesk.domain.dates.PLAUSIBLE_FIRST_YEAR..LAST_YEAR)
HOSTILE_DATES = (
    "0001-01-01",
    "0001-12-31",
    "9999-12-30",
    "9999-12-31",
    "1989-12-31",
    "2101-01-01",
    "1000-06-15",
    "5000-02-28",
)
HOSTILE_HOURS = (
    "-1",
    "-0.5",
    "NaN",
    "Infinity",
    "1e9",
    "99999",
    "2000.1",
    "9999.9",
    "1" * 40,
    "0x10",
    "",
    " 96",
    "96.55",
)
HOSTILE_ACTIVITY_HOURS = ("0", "0.0", "1000.1", "5000", "-3", "NaN", "1e3")


@dataclass(frozen=True)
class Change:
    """One hostile edit of application.json: `what` says which (for failure messages)."""

    what: str
    edit: Callable[[dict[str, Any]], None]

    def __repr__(self) -> str:
        return f"Change({self.what})"


def registration_change(valid_from: str, valid_to: str) -> Change:
    def edit(app: dict[str, Any]) -> None:
        app["registration"] = {"valid_from": valid_from, "valid_to": valid_to}

    return Change(f"registration {valid_from}..{valid_to}", edit)


def _activity_dates(start: str, end: str) -> Change:
    def edit(app: dict[str, Any]) -> None:
        for activity in app["activities"]:
            activity["start_date"], activity["end_date"] = start, end

    return Change(f"activities {start}..{end}", edit)


def field_change(path: tuple[str, ...], value: Any) -> Change:
    def edit(app: dict[str, Any]) -> None:
        target = app
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    shown = value if not isinstance(value, str) or len(value) < 30 else f"{len(value)} chars"
    return Change(f"{'/'.join(path)}={shown!r}", edit)


def _activity_hours(value: str) -> Change:
    def edit(app: dict[str, Any]) -> None:
        app["activities"][0]["hours"] = value

    return Change(f"activities/0/hours={value!r}", edit)


def _many_activities(count: int) -> Change:
    def edit(app: dict[str, Any]) -> None:
        template = {**app["activities"][0], "evidence": []}
        app["activities"] = app["activities"] + [dict(template) for _ in range(count)]

    return Change(f"{count} more activities", edit)


# what an activity's "record" may not be: a name of no record member (the good bundle has
# none), not a record name at all, or a record in a version 1 application.json
HOSTILE_RECORDS = (
    "records/5f0c6a52-8e1d-4b7a-9c3e-2d4f6a8b0c1e.swdce",
    "records/5F0C6A52-8E1D-4B7A-9C3E-2D4F6A8B0C1E.swdce",
    "records/../application.json",
    "records/5f0c6a528e1d4b7a9c3e2d4f6a8b0c1e.swdce",
    "form.pdf",
    "",
)


def _activity_record(value: str, version: int) -> Change:
    def edit(app: dict[str, Any]) -> None:
        app["format_version"] = version
        app["activities"][0]["record"] = value

    return Change(f"v{version} activities/0/record={value!r}", edit)


hostile_date = st.sampled_from(HOSTILE_DATES)
plausible_date = st.sampled_from(("2021-03-01", "2024-02-29", "2025-12-31"))


def hostile_change() -> st.SearchStrategy[Change]:
    """One edit that makes application.json implausible (refused at import)."""
    return st.one_of(
        st.builds(registration_change, hostile_date, hostile_date),
        st.builds(registration_change, plausible_date, hostile_date),
        st.builds(registration_change, hostile_date, plausible_date),
        st.builds(_activity_dates, hostile_date, hostile_date),
        st.builds(lambda d: field_change(("certificate", "obtained_on"), d), hostile_date),
        st.builds(
            lambda d: field_change(("applicant", "birth_date"), d),
            st.sampled_from(("0001-01-01", "1899-12-31", "9999-12-31")),
        ),
        st.builds(lambda h: field_change(("hours", "counted"), h), st.sampled_from(HOSTILE_HOURS)),
        st.builds(lambda h: field_change(("hours", "required"), h), st.sampled_from(HOSTILE_HOURS)),
        st.builds(_activity_hours, st.sampled_from(HOSTILE_ACTIVITY_HOURS)),
        st.builds(lambda n: field_change(("applicant", "name"), "张" * n), st.integers(51, 5000)),
        st.builds(
            lambda n: field_change(("applicant", "years_in_social_work"), n),
            st.sampled_from((-1, 101, 2**63, -(2**63))),
        ),
        st.builds(
            lambda n: field_change(("application", "version"), n),
            st.sampled_from((0, -1, 10_000, 2**64)),
        ),
        st.builds(
            lambda d: field_change(("declaration", "accepted_at"), d),
            st.sampled_from(("0001-01-01T00:00:00", "9999-12-31T23:59:59+14:00")),
        ),
        st.builds(_many_activities, st.integers(500, 600)),
        st.builds(_activity_record, st.sampled_from(HOSTILE_RECORDS), st.sampled_from((1, 2, 3))),
    )


def hostile_application(good: Path, changes: list[Change]) -> dict[str, Any]:
    app = copy.deepcopy(application_of(good))
    for change in changes:
        change.edit(app)
    return app


def hostile_bundle(good: Path, dest: Path, changes: list[Change]) -> Path:
    """`good` with `changes` applied to its application.json, hash-consistent."""
    app = hostile_application(good, changes)
    data = json.dumps(app, ensure_ascii=False, indent=1).encode()
    return with_application(good, dest, data)
