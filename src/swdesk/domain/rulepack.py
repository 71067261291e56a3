"""A rule pack: the regional rules of registration and continuing education, as data.

Rules differ between provinces and sources disagree, so no number lives in code: the
loader (`swdesk.rulepacks`) builds a `RulePack` from a TOML file, and every numeric rule
carries a citation in `sources` (key = the rule's name, per-level rules as
"hours_required.assistant").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, NamedTuple

from .enums import ActivityType, CertificateLevel

__all__ = ["County", "LateCountsUntil", "ReviewAuthority", "RulePack"]

LateCountsUntil = Literal["application_date", "expiry_date"]
"""Until when hours count for a late re-registration: the day one applies, or expiry."""


class County(NamedTuple):
    """A county-level area (县/区/县级市) with its GB/T 2260 code."""

    code: str
    name_zh: str
    name_en: str


class ReviewAuthority(NamedTuple):
    """The office doing one level of review, e.g. ("city", "平凉市民政局", ...)."""

    level: str
    name_zh: str
    name_en: str


@dataclass(frozen=True, slots=True)
class RulePack:
    """Rules of one region. Hours are Decimal; counts of months and days are int."""

    id: str
    name_zh: str
    name_en: str
    region: str  # ISO 3166-2 code: "CN" (national), "CN-GS" (Gansu)
    version: str
    cycle_years: int
    window_opens_months_before: int  # re-registration accepted from this many months before expiry
    reminder_months_before: int  # start watching hours and notices this many months before
    hours_required: Mapping[CertificateLevel, Decimal]
    late_hours_required: Mapping[CertificateLevel, Decimal]
    late_requires_explanation: bool  # 情况说明
    late_counts_hours_until: LateCountsUntil
    max_hours_per_day: Decimal  # normal activities: hours <= days x this
    lump_sum_types: frozenset[ActivityType]  # converted hours, exempt from the per-day cap
    review_chain: tuple[str, ...]  # review levels in order, e.g. ("city", "province")
    review_authorities: tuple[ReviewAuthority, ...]  # one per level of review_chain
    review_deadline_working_days: int
    counties: tuple[County, ...]  # empty: any county code is accepted
    evidence_max_bytes: int
    sources: Mapping[str, str]

    def required_hours(self, level: CertificateLevel, *, late: bool = False) -> Decimal:
        """Hours needed in one cycle for `level`; the late requirement when `late`."""
        return (self.late_hours_required if late else self.hours_required)[level]

    def county(self, code: str) -> County | None:
        """The county with this code, or None when the pack does not list it."""
        return next((c for c in self.counties if c.code == code), None)

    def authority(self, level: str) -> ReviewAuthority | None:
        """The office reviewing at `level`, or None when the pack names none."""
        return next((a for a in self.review_authorities if a.level == level), None)
