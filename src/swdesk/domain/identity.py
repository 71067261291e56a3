"""公民身份号码 (GB 11643-1999): check character, parsing, validation and masking.

An 18-character number is 6 digits of area code, 8 digits of birth date (YYYYMMDD),
3 digits of sequence (odd = male, even = female) and one check character
("10X98765432"[sum(digit_i * weight_i) mod 11]).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .enums import Gender
from .errors import FieldIssue
from .normalise import compact_code

__all__ = [
    "IdNumberInfo",
    "id_check_char",
    "id_number_issues",
    "mask_id_number",
    "normalize_id_number",
    "parse_id_number",
]

FIELD = "id_number"
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_FIRST17 = re.compile(r"[0-9]{17}")
_FORMAT = re.compile(r"[0-9]{17}[0-9X]")
_EARLIEST_BIRTH_YEAR = 1900


@dataclass(frozen=True, slots=True)
class IdNumberInfo:
    """What an ID number says about its holder."""

    area_code: str  # 6 digits, GB/T 2260 code of the place of first registration
    birth_date: date
    gender: Gender


def id_check_char(first17: str) -> str:
    """The GB 11643 check character ("0"-"9" or "X") for 17 ASCII digits."""
    if not _FIRST17.fullmatch(first17):
        raise ValueError(f"expected 17 ASCII digits, got {len(first17)} characters")
    total = sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def normalize_id_number(s: str) -> str:
    """The canonical ID number, as checked and as stored: full-width to ASCII (NFKC), all
    whitespace and invisible characters removed (tab, NBSP, zero-width space), "x"
    upper-cased (`normalise.compact_code`)."""
    return compact_code(s).upper()


def _birth_date_of(number: str) -> date | None:
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None
    return born if born.year >= _EARLIEST_BIRTH_YEAR else None


def _gender_of(number: str) -> Gender:
    return Gender.MALE if int(number[16]) % 2 == 1 else Gender.FEMALE


def parse_id_number(s: str) -> IdNumberInfo:
    """Area code, birth date and gender of a valid number; ValueError if it is not valid."""
    number = normalize_id_number(s)
    if not _FORMAT.fullmatch(number):
        raise ValueError("an ID number is 17 digits followed by a digit or X")
    if id_check_char(number[:17]) != number[17]:
        raise ValueError("the ID number's check character does not match")
    born = _birth_date_of(number)
    if born is None:
        raise ValueError("the ID number does not contain a valid birth date")
    return IdNumberInfo(area_code=number[:6], birth_date=born, gender=_gender_of(number))


def id_number_issues(
    s: str,
    *,
    birth_date: date | None = None,
    gender: Gender | None = None,
    today: date | None = None,
) -> list[FieldIssue]:
    """Every problem with an ID number, all on field "id_number".

    Codes: "required", "id_format" (then nothing else is checked), "id_check_digit",
    "id_birth_date_invalid", "id_birth_in_future" (params id_birth_date),
    "id_birth_date_mismatch" (params id_birth_date, birth_date),
    "id_gender_mismatch" (params id_gender, gender). `today` defaults to date.today().
    """
    number = normalize_id_number(s)
    if not number:
        return [FieldIssue(FIELD, "required")]
    if not _FORMAT.fullmatch(number):
        return [FieldIssue(FIELD, "id_format")]
    issues: list[FieldIssue] = []
    if id_check_char(number[:17]) != number[17]:
        issues.append(FieldIssue(FIELD, "id_check_digit"))
    born = _birth_date_of(number)
    if born is None:
        issues.append(FieldIssue(FIELD, "id_birth_date_invalid"))
    else:
        if born > (today or date.today()):
            issues.append(FieldIssue(FIELD, "id_birth_in_future", {"id_birth_date": born}))
        if birth_date is not None and born != birth_date:
            issues.append(
                FieldIssue(
                    FIELD,
                    "id_birth_date_mismatch",
                    {"id_birth_date": born, "birth_date": birth_date},
                )
            )
    id_gender = _gender_of(number)
    if gender is not None and id_gender != gender:
        issues.append(
            FieldIssue(FIELD, "id_gender_mismatch", {"id_gender": id_gender, "gender": gender})
        )
    return issues


def mask_id_number(s: str) -> str:
    """First 6 + "********" + last 4 characters, e.g. "620802********123X".

    Shorter input keeps proportionally fewer characters (a third at the front, two
    ninths at the back), longer input never more than 6 + 4; "" stays "".
    """
    number = normalize_id_number(s)
    n = len(number)
    if n == 0:
        return ""
    head = min(6, n // 3)
    tail = min(4, 2 * n // 9)
    return number[:head] + "*" * 8 + (number[n - tail :] if tail else "")
