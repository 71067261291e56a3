"""A rule pack: the regional rules of registration and continuing education, as data.

Rules differ between provinces and sources disagree, so no number lives in code: the
loader (`swdesk.rulepacks`) builds a `RulePack` from a TOML file, and every rule carries a
`Citation` in `citations` (key = the rule's name, per-level rules as
"hours_required.assistant"): the document, article (条), date and publication it rests on,
or that it is an assumption. Only a cited rule may refuse a record or an export; a check
resting on an assumption warns (`RulePack.may_block`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, NamedTuple

from .enums import ActivityType, CertificateLevel

__all__ = [
    "Basis",
    "Citation",
    "County",
    "LateCountsUntil",
    "ReviewAuthority",
    "RulePack",
    "WindowAnchor",
]

LateCountsUntil = Literal["application_date", "expiry_date"]
"""Until when hours count for a late re-registration: the day one applies, or expiry."""

WindowAnchor = Literal["expiry_date", "lapse_date"]
"""The day the re-registration window's months are counted back from: the last valid day
(expiry_date, the earlier opening) or the day after it (lapse_date)."""

Basis = Literal["cited", "assumption", "design"]
"""Why a rule holds: a text says so (cited), nothing found yet (assumption), or swdesk's own
setting such as a file-size limit or the time zone (design)."""


@dataclass(frozen=True, slots=True)
class Citation:
    """Where one rule comes from, in fields a person can look up.

    `article` is the article (条) where one is known: `article_checked` True when it was read
    in a copy of the full text, False when only a secondary source numbers it. `verified` is
    True only when the wording was read in the official publication itself. Empty strings
    mean "not known"."""

    basis: Basis
    document: str = ""
    article: str = ""
    article_checked: bool = False
    date: str = ""  # YYYY-MM-DD (or YYYY-MM, YYYY) the document was issued
    published_in: str = ""
    url: str = ""
    quote: str = ""
    verified: bool = False
    note: str = ""

    @property
    def is_assumption(self) -> bool:
        return self.basis == "assumption"

    def summary(self) -> str:
        """One line with every known field (the log, `RulePack.sources`, tests)."""
        head = {"cited": "", "assumption": "Assumption: ", "design": "swdesk design choice: "}
        article = (
            self.article
            if self.article_checked or not self.article
            else (f"{self.article} (numbered so by a secondary source)")
        )
        parts = [p for p in (self.document, article, self.date, self.published_in, self.url) if p]
        text = head[self.basis] + ", ".join(parts)
        if self.quote:
            text += f" 「{self.quote}」"
        if self.note:
            text += f" ({self.note})" if parts or self.quote else self.note
        return text.strip()


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
    window_anchor: WindowAnchor  # counted back from the last valid day or the day after
    first_registration_within_months: int  # first registration within this after the certificate
    time_zone: str  # IANA zone of "today", e.g. "Asia/Shanghai"
    reminder_months_before: int  # start watching hours and notices this many months before
    hours_required: Mapping[CertificateLevel, Decimal]
    late_hours_required: Mapping[CertificateLevel, Decimal]
    late_requires_explanation: bool  # 情况说明
    late_counts_hours_until: LateCountsUntil
    max_hours_per_day: Decimal  # normal activities: more than days x this is questioned
    lump_sum_types: frozenset[ActivityType]  # converted hours, exempt from the per-day cap
    review_chain: tuple[str, ...]  # review levels in order, e.g. ("city", "province")
    review_authorities: tuple[ReviewAuthority, ...]  # one per level of review_chain
    review_deadline_working_days: int
    counties: tuple[County, ...]  # empty: any county code is accepted
    evidence_max_bytes: int
    photo_size_mm: tuple[Decimal, Decimal]  # the form's ID photo (width, height): 一寸 25×35
    citations: Mapping[str, Citation]

    @property
    def sources(self) -> dict[str, str]:
        """Each rule's citation as one line (see `Citation.summary`)."""
        return {key: c.summary() for key, c in self.citations.items()}

    def citation(self, key: str) -> Citation | None:
        """The citation of rule `key` ("hours_required.assistant"), None when unknown."""
        return self.citations.get(key)

    def may_block(self, key: str) -> bool:
        """Whether a check resting on rule `key` may refuse: only when the rule is not an
        assumption. An assumption may warn; swdesk's design limits (file sizes) may block."""
        citation = self.citations.get(key)
        return citation is not None and not citation.is_assumption

    def required_hours(self, level: CertificateLevel, *, late: bool = False) -> Decimal:
        """Hours needed in one cycle for `level`; the late requirement when `late`."""
        return (self.late_hours_required if late else self.hours_required)[level]

    def county(self, code: str) -> County | None:
        """The county with this code, or None when the pack does not list it."""
        return next((c for c in self.counties if c.code == code), None)

    def authority(self, level: str) -> ReviewAuthority | None:
        """The office reviewing at `level`, or None when the pack names none."""
        return next((a for a in self.review_authorities if a.level == level), None)
