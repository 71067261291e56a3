"""GB 11643 citizen ID numbers: check character, parsing, issues, masking."""

from __future__ import annotations

from datetime import date

import pytest

from swdesk.domain.enums import Gender
from swdesk.domain.errors import FieldIssue
from swdesk.domain.identity import (
    IdNumberInfo,
    id_check_char,
    id_number_issues,
    mask_id_number,
    normalize_id_number,
    parse_id_number,
)

STANDARD_EXAMPLE = "11010519491231002X"  # the example of GB 11643-1999
TODAY = date(2025, 6, 1)


def make_id(area: str, birth: str, seq: str) -> str:
    first17 = area + birth + seq
    return first17 + id_check_char(first17)


def codes(issues: list[FieldIssue]) -> list[str]:
    return [i.code for i in issues]


def test_standard_example_is_valid() -> None:
    assert id_check_char(STANDARD_EXAMPLE[:17]) == "X"
    assert id_number_issues(STANDARD_EXAMPLE, today=TODAY) == []
    assert parse_id_number(STANDARD_EXAMPLE) == IdNumberInfo(
        "110105", date(1949, 12, 31), Gender.FEMALE
    )


@pytest.mark.parametrize(
    ("first17", "check"),
    [
        ("62080219900315122", "X"),
        ("44052419800101001", "3"),
        ("11010519491231002", "X"),
    ],
)
def test_check_char_values(first17: str, check: str) -> None:
    assert id_check_char(first17) == check


@pytest.mark.parametrize(
    "bad", ["", "1234567890123456", "1101051949123100X", "１１０１０５１９４９１２３１００２"]
)
def test_check_char_rejects_non_ascii_or_wrong_length(bad: str) -> None:
    with pytest.raises(ValueError):
        id_check_char(bad)


def test_normalize() -> None:
    assert normalize_id_number(" 110105 19491231 002x ") == STANDARD_EXAMPLE
    assert normalize_id_number("１１０１０５１９４９１２３１００２ｘ") == STANDARD_EXAMPLE
    assert normalize_id_number("") == ""


def test_parse_male_and_lower_case_x() -> None:
    number = make_id("620802", "19900315", "123")
    info = parse_id_number(number)
    assert info.gender is Gender.MALE
    assert info.birth_date == date(1990, 3, 15)
    assert info.area_code == "620802"
    assert parse_id_number(STANDARD_EXAMPLE.lower()).gender is Gender.FEMALE


@pytest.mark.parametrize(
    "bad",
    ["", "11010519491231002", "11010519491231002Y", "1101051949123100X2", "110105194912310021"],
)
def test_parse_rejects_invalid(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_id_number(bad)


def test_parse_rejects_impossible_birth_date_even_with_right_check_char() -> None:
    with pytest.raises(ValueError, match="birth date"):
        parse_id_number(make_id("620802", "19900230", "123"))


VALID_IDS = [
    STANDARD_EXAMPLE,
    make_id("620802", "19900315", "123"),
    make_id("620881", "20000229", "246"),
]
REPLACEMENTS = "0123456789XAx -"


@pytest.mark.parametrize("valid", VALID_IDS)
def test_every_single_character_change_is_detected(valid: str) -> None:
    assert id_number_issues(valid, today=TODAY) == []
    tried = 0
    for position in range(18):
        for replacement in REPLACEMENTS:
            mutated = valid[:position] + replacement + valid[position + 1 :]
            if normalize_id_number(mutated) == valid:
                continue  # "x" for "X" is the same number
            tried += 1
            assert id_number_issues(mutated, today=TODAY), (position, replacement, mutated)
            with pytest.raises(ValueError):
                parse_id_number(mutated)
    assert tried >= 18 * 13


def test_required() -> None:
    assert codes(id_number_issues("  ")) == ["required"]


@pytest.mark.parametrize(
    "bad",
    [
        "1101051949123100",
        "11010519491231002XX",
        "11010519491231X02X",
        "A1010519491231002X",
        "110105-19491231-002X",
    ],
)
def test_format(bad: str) -> None:
    assert codes(id_number_issues(bad, today=TODAY)) == ["id_format"]


def test_check_digit() -> None:
    assert codes(id_number_issues("110105194912310021", today=TODAY)) == ["id_check_digit"]


def test_birth_date_invalid() -> None:
    for birth in ("19901332", "19900230", "18991231", "00000000"):
        number = make_id("620802", birth, "123")
        assert codes(id_number_issues(number, today=TODAY)) == ["id_birth_date_invalid"], birth


def test_birth_in_future() -> None:
    number = make_id("620802", "20250602", "123")
    issues = id_number_issues(number, today=TODAY)
    assert codes(issues) == ["id_birth_in_future"]
    assert issues[0].params == {"id_birth_date": date(2025, 6, 2)}
    assert id_number_issues(make_id("620802", "20250601", "123"), today=TODAY) == []


def test_birth_date_mismatch() -> None:
    number = make_id("620802", "19900315", "123")
    issues = id_number_issues(number, birth_date=date(1990, 3, 16), today=TODAY)
    assert codes(issues) == ["id_birth_date_mismatch"]
    assert issues[0].field == "id_number"
    assert issues[0].params == {"id_birth_date": date(1990, 3, 15), "birth_date": date(1990, 3, 16)}
    assert id_number_issues(number, birth_date=date(1990, 3, 15), today=TODAY) == []


def test_gender_mismatch() -> None:
    male = make_id("620802", "19900315", "123")
    female = make_id("620802", "19900315", "124")
    assert codes(id_number_issues(male, gender=Gender.FEMALE, today=TODAY)) == [
        "id_gender_mismatch"
    ]
    assert codes(id_number_issues(female, gender=Gender.MALE, today=TODAY)) == [
        "id_gender_mismatch"
    ]
    assert id_number_issues(male, gender=Gender.MALE, today=TODAY) == []
    assert id_number_issues(female, gender=Gender.FEMALE, today=TODAY) == []


def test_several_issues_at_once() -> None:
    number = "62080219900315123" + "0"  # wrong check char (the right one is 8)
    assert id_check_char(number[:17]) != "0"
    issues = id_number_issues(
        number, birth_date=date(1991, 1, 1), gender=Gender.FEMALE, today=TODAY
    )
    assert codes(issues) == ["id_check_digit", "id_birth_date_mismatch", "id_gender_mismatch"]


def test_mask_full_number() -> None:
    assert mask_id_number("62080219900315123X") == "620802********123X"
    assert mask_id_number(STANDARD_EXAMPLE.lower()) == "110105********002X"
    assert mask_id_number(" 1101 0519 4912 3100 2X") == "110105********002X"


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("", ""),
        ("1", "********"),
        ("12345", "1********5"),
        ("123456789", "123********89"),
        ("123456789012345", "12345********345"),
        ("1234567890123456789012", "123456********9012"),
    ],
)
def test_mask_short_and_long_input(raw: str, masked: str) -> None:
    assert mask_id_number(raw) == masked


def test_mask_never_reveals_more_than_ten_characters_nor_everything() -> None:
    for n in range(1, 41):
        raw = "".join(str(i % 10) for i in range(n))
        masked = mask_id_number(raw)
        revealed = len(masked) - masked.count("*")
        assert masked.count("*") == 8
        assert revealed <= 10
        assert revealed <= n * 10 // 18, n
