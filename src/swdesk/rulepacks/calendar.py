"""The working-day calendar: the State Council's public holidays and make-up working days
(调休) per year, shipped as `swdesk.resources/rulepacks/calendars/cn-working-days.toml`,
checked against `calendar-schema.json` and a few cross-field rules. `shipped_calendar()`
reads that file; `WorkingCalendar.from_folder` reads the same file name in another folder.

Each year names the notice it comes from (document number when known, title, date, where
published). A year without a notice in the file is *unknown*: its days count Monday to
Friday and the reviewer is told so. The file also holds one reviewer-side setting,
`declaration_received_max_days` (swdesk's design choice, documented in the file).

A file that cannot be read raises `RulePackError` ("rulepack_invalid") naming the file.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, cast

from .loader import RulePackError, build_checked, shipped_packs
from .schema_check import compiled, schema_bytes, schema_reason

__all__ = [
    "CalendarYear",
    "Holiday",
    "WorkingCalendar",
    "calendar_from_data",
    "load_calendar_file",
    "shipped_calendar",
]

CALENDAR_FILE = "cn-working-days.toml"
_SATURDAY = 5


@dataclass(frozen=True, slots=True)
class Holiday:
    """One article of a notice: the days off `first` .. `last` (inclusive) and the
    Saturdays/Sundays worked instead."""

    article: str
    name_zh: str
    first: date
    last: date
    make_up_working_days: tuple[date, ...]


@dataclass(frozen=True, slots=True)
class CalendarYear:
    """The notice for one year and what it says."""

    year: int
    document_number: str  # "" when the published texts do not give it
    title: str
    issued_on: date
    published_in: str
    url: str
    holidays: tuple[Holiday, ...]


@dataclass(frozen=True, slots=True)
class WorkingCalendar:
    """Which days an office works: Monday to Friday, less the listed days off, plus the
    listed make-up working days. `days_off` and `make_up_days` are sorted; `weekdays_off`
    (derived) holds the days off that fall Monday to Friday, the ones a count of working
    days subtracts."""

    id: str
    version: str
    years: tuple[CalendarYear, ...]
    days_off: tuple[date, ...]
    make_up_days: tuple[date, ...]
    declaration_received_max_days: int
    declaration_received_source: str
    weekdays_off: tuple[date, ...] = field(init=False)

    def __post_init__(self) -> None:
        weekdays = tuple(d for d in self.days_off if d.weekday() < _SATURDAY)
        object.__setattr__(self, "weekdays_off", weekdays)

    @property
    def known_years(self) -> frozenset[int]:
        return frozenset(y.year for y in self.years)

    def notice(self, year: int) -> CalendarYear | None:
        return next((y for y in self.years if y.year == year), None)

    def is_working_day(self, day: date) -> bool:
        if _has(self.make_up_days, day):
            return True
        return day.weekday() < _SATURDAY and not _has(self.days_off, day)

    def unknown_years(self, first: date, last: date) -> tuple[int, ...]:
        """The years from `first` to `last` (inclusive) that no notice covers."""
        known = self.known_years
        return tuple(y for y in range(first.year, last.year + 1) if y not in known)

    @classmethod
    def from_folder(cls, folder: Traversable) -> WorkingCalendar:
        """The calendar `cn-working-days.toml` in `folder` (not cached). RulePackError
        naming the file when it is missing or invalid."""
        path = folder.joinpath(CALENDAR_FILE)
        if not path.is_file():
            raise RulePackError("rulepack_invalid", file=str(path), reason="no such file")
        return load_calendar_file(path)


def _has(days: Sequence[date], day: date) -> bool:
    index = bisect_right(days, day)
    return index > 0 and days[index - 1] == day


def _schema_bytes() -> bytes:
    return schema_bytes("calendar-schema.json")


@cache
def shipped_calendar() -> WorkingCalendar:
    """The calendar shipped with swdesk, in the shipped rule packs' `calendars` folder
    (cached). RulePackError when missing or invalid."""
    return WorkingCalendar.from_folder(shipped_packs().joinpath("calendars"))


def load_calendar_file(path: Traversable | Path) -> WorkingCalendar:
    """Read and check one calendar file (not cached). RulePackError names `path`."""
    name = str(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise RulePackError("rulepack_invalid", file=name, reason=str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise RulePackError("rulepack_invalid", file=name, reason="not UTF-8 text") from exc
    return build_checked(
        text,
        name,
        _schema_bytes(),
        lambda data, checked: calendar_from_data(data, file=name, schema_checked=checked),
    )


def _schema_errors(data: Mapping[str, Any]) -> str | None:
    return schema_reason(compiled("calendar-schema.json"), data)


def calendar_from_data(
    data: Mapping[str, Any], *, file: str, schema_checked: bool = False
) -> WorkingCalendar:
    """A WorkingCalendar from parsed TOML; RulePackError(file=`file`) when invalid.
    `schema_checked`: these exact bytes passed the schema before."""
    if not schema_checked:
        reason = _schema_errors(data)
        if reason:
            raise RulePackError("rulepack_invalid", file=file, reason=reason)
    problems: list[str] = []

    def day(value: Any, where: str) -> date:
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            problems.append(f"{where}: {value!r} is not a date")
            return date.min

    years: list[CalendarYear] = []
    for y in cast(list[Mapping[str, Any]], data["years"]):
        number = int(y["year"])
        holidays: list[Holiday] = []
        for h in cast(list[Mapping[str, Any]], y["holidays"]):
            where = f"years.{number}.{h['name_zh']}"
            first, last = day(h["first"], where), day(h["last"], where)
            make_up = tuple(day(d, where) for d in h["make_up_working_days"])
            holidays.append(Holiday(str(h["article"]), str(h["name_zh"]), first, last, make_up))
        years.append(
            CalendarYear(
                year=number,
                document_number=str(y["document_number"]),
                title=str(y["title"]),
                issued_on=day(y["issued_on"], f"years.{number}.issued_on"),
                published_in=str(y["published_in"]),
                url=str(y["url"]),
                holidays=tuple(holidays),
            )
        )
    if problems:
        raise RulePackError("rulepack_invalid", file=file, reason="; ".join(problems))
    days_off, make_up_days = _check_years(years, problems)
    if problems:
        raise RulePackError("rulepack_invalid", file=file, reason="; ".join(problems[:5]))
    reviewer = cast(Mapping[str, Any], data["reviewer"])
    return WorkingCalendar(
        id=str(data["id"]),
        version=str(data["version"]),
        years=tuple(years),
        days_off=tuple(sorted(days_off)),
        make_up_days=tuple(sorted(make_up_days)),
        declaration_received_max_days=int(reviewer["declaration_received_max_days"]),
        declaration_received_source=str(reviewer["source"]),
    )


_MAX_HOLIDAY_DAYS = 10  # the longest run of days off in a notice is 9 (春节 2026)


def _check_years(years: list[CalendarYear], problems: list[str]) -> tuple[set[date], set[date]]:
    """The cross-field rules: one notice per year, issued before its year; every date in
    the notice's year (or the December before); a run of days off in order and at most
    _MAX_HOLIDAY_DAYS long; make-up working days on a Saturday or Sunday and never a day
    off. Returns (days off, make-up working days)."""
    days_off: set[date] = set()
    make_up_days: set[date] = set()
    seen: set[int] = set()
    for y in years:
        if y.year in seen:
            problems.append(f"years.{y.year}: listed twice")
        seen.add(y.year)
        if y.issued_on.year >= y.year + 1:
            problems.append(f"years.{y.year}: issued_on after the year")

        def in_year(d: date, where: str, year: int = y.year) -> None:
            if not (d.year == year or (d.year == year - 1 and d.month == 12)):
                problems.append(f"{where}: {d.isoformat()} is outside {year}")

        for h in y.holidays:
            where = f"years.{y.year}.{h.name_zh}"
            in_year(h.first, where)
            in_year(h.last, where)
            length = (h.last - h.first).days + 1
            if not 1 <= length <= _MAX_HOLIDAY_DAYS:
                problems.append(f"{where}: first..last must be 1 to {_MAX_HOLIDAY_DAYS} days")
                continue
            days_off.update(h.first + timedelta(days=i) for i in range(length))
            for d in h.make_up_working_days:
                in_year(d, where)
                if d.weekday() < _SATURDAY:
                    problems.append(
                        f"{where}: make-up working day {d.isoformat()} is not a Saturday or Sunday"
                    )
                make_up_days.add(d)
    clash = sorted(days_off & make_up_days)
    if clash:
        problems.append(
            "both a day off and a make-up working day: " + ", ".join(d.isoformat() for d in clash)
        )
    return days_off, make_up_days
