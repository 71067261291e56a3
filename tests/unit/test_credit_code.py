"""GB 32100 unified social credit codes."""

from __future__ import annotations

import pytest

from swdesk.domain.credit_code import (
    CREDIT_CODE_ALPHABET,
    credit_code_check_char,
    credit_code_issues,
    normalize_credit_code,
)

VALID = "11320000MB151840XJ"  # the example in the technical notes
FIELD = "employer_credit_code"


def codes(s: str) -> list[str]:
    issues = credit_code_issues(s)
    assert all(i.field == FIELD for i in issues)
    return [i.code for i in issues]


def make_code(first17: str) -> str:
    return first17 + credit_code_check_char(first17)


def test_valid_example() -> None:
    assert credit_code_check_char(VALID[:17]) == "J"
    assert codes(VALID) == []


def test_check_char_zero_case() -> None:
    # A sum divisible by 31 gives 31 - 0 = 31, which maps to "0".
    assert credit_code_check_char("0" * 17) == "0"
    assert codes("0" * 18) == []


def test_weights_are_powers_of_three_mod_31() -> None:
    # Only position i holds a 1: the check value is 31 - 3^i mod 31.
    for i in range(17):
        first17 = "0" * i + "1" + "0" * (16 - i)
        expected = (31 - pow(3, i, 31) % 31) % 31
        assert credit_code_check_char(first17) == CREDIT_CODE_ALPHABET[expected]


def test_empty_is_fine_because_optional() -> None:
    assert codes("") == []
    assert codes("   ") == []


def test_normalize() -> None:
    assert normalize_credit_code(" 11320000mb151840xj ") == VALID
    assert normalize_credit_code("１１３２００００ＭＢ１５１８４０ＸＪ") == VALID
    assert codes("11320000mb151840xj") == []


@pytest.mark.parametrize(
    "bad",
    [
        "11320000MB151840X",  # 17 characters
        "11320000MB151840XJ1",  # 19
        "11320000MB15184OXJ",  # letter O
        "11320000MB15I840XJ",  # letter I
        "1132000SMB151840XJ",  # S, and not a digit in the area code
        "113A0000MB151840XJ",  # letter in the area code
        "11320000MB151840X-",
    ],
)
def test_format(bad: str) -> None:
    assert codes(bad) == ["credit_code_format"]


def test_check_char_mismatch() -> None:
    assert codes("11320000MB151840XK") == ["credit_code_check_char"]


def test_check_char_rejects_bad_input() -> None:
    for bad in ("", "11320000MB151840", "11320000MB151840O"):
        with pytest.raises(ValueError):
            credit_code_check_char(bad)


@pytest.mark.parametrize(
    "valid", [VALID, make_code("91620802MA7ABCDE1"), make_code("52620800MJX12345Y")]
)
def test_every_single_character_change_is_detected(valid: str) -> None:
    assert codes(valid) == []
    tried = 0
    for position in range(18):
        for replacement in CREDIT_CODE_ALPHABET + "IOSVZ-":
            if replacement == valid[position]:
                continue
            mutated = valid[:position] + replacement + valid[position + 1 :]
            tried += 1
            assert codes(mutated), (position, replacement, mutated)
    assert tried == 18 * 36  # 37 candidates per position, minus the original
