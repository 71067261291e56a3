"""Canonical forms: what the validators check is what the services store.

Each normaliser turns what people paste (full-width digits from a Chinese input method,
a tab from a spreadsheet, a no-break space from a web page, a lower-case x) into one form,
is idempotent, and is the very function the validator applies.
"""

from __future__ import annotations

from datetime import date

import pytest

from swdesk.domain.credit_code import credit_code_issues, normalize_credit_code
from swdesk.domain.identity import id_check_char, id_number_issues, normalize_id_number
from swdesk.domain.normalise import (
    compact_code,
    normalise_free_text,
    normalise_line,
    normalise_name,
    normalise_phone,
)
from swdesk.domain.validation import name_issues, phone_issues

FIRST17 = "62080219910412422"
ID = FIRST17 + id_check_char(FIRST17)  # ends in a digit
X_FIRST17 = "11010519491231002"
X_ID = X_FIRST17 + id_check_char(X_FIRST17)
CREDIT = "91620802MA71234560"
FULL_WIDTH = str.maketrans(
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-",
    "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
    "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ－",
)


def _credit() -> str:
    from swdesk.domain.credit_code import credit_code_check_char

    return CREDIT[:17] + credit_code_check_char(CREDIT[:17])


def test_the_sample_numbers_are_valid() -> None:
    assert X_ID.endswith("X")
    assert id_number_issues(ID, today=date(2026, 11, 28)) == []
    assert credit_code_issues(_credit()) == []


@pytest.mark.parametrize(
    "typed",
    [
        lambda s: s.translate(FULL_WIDTH),  # a Chinese input method in full-width mode
        lambda s: s[:6] + "\t" + s[6:],  # pasted from a spreadsheet
        lambda s: "\u00a0" + s[:10] + "\u00a0" + s[10:] + " ",  # from a web page
        lambda s: s[:6] + "\u3000" + s[6:14] + "\u200b" + s[14:],  # ideographic + zero-width
        lambda s: s.lower(),
        lambda s: "\ufeff" + s.translate(FULL_WIDTH).lower() + "\n",
    ],
)
def test_id_numbers_and_credit_codes_come_out_canonical(typed) -> None:  # type: ignore[no-untyped-def]
    for canonical, normalise, issues in (
        (X_ID, normalize_id_number, lambda s: id_number_issues(s, today=date(2026, 11, 28))),
        (ID, normalize_id_number, lambda s: id_number_issues(s, today=date(2026, 11, 28))),
        (_credit(), normalize_credit_code, credit_code_issues),
    ):
        text = typed(canonical)
        assert normalise(text) == canonical
        assert normalise(normalise(text)) == canonical  # idempotent
        assert issues(text) == []  # the check sees exactly what is stored


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("139 0933 1234", "13909331234"),
        ("１３９０９３３１２３４", "13909331234"),
        ("139-0933-1234", "13909331234"),
        ("139\t0933\u00a01234", "13909331234"),
        ("+86 139 0933 1234", "+8613909331234"),
        ("0933－8212345", "0933-8212345"),
        ("0933 — 8212345", "0933-8212345"),
        ("（0933）8212345", "(0933)8212345"),
        ("0933-8212345-12", "0933-8212345-12"),
    ],
)
def test_phone_numbers_come_out_canonical_and_valid(typed: str, stored: str) -> None:
    assert normalise_phone(typed) == stored
    assert normalise_phone(stored) == stored
    assert phone_issues(typed) == [] and phone_issues(stored) == []


def test_a_wrong_phone_number_stays_wrong() -> None:
    assert [i.code for i in phone_issues("139 0933 123")] == ["phone_format"]
    assert [i.code for i in phone_issues(" \t ")] == ["required"]


def test_names_and_lines_are_one_trimmed_nfc_line() -> None:
    decomposed = "Ze\u0301"  # e + combining acute
    assert (
        normalise_line(f"  {decomposed}\t东关街道\u00a0 社会工作服务站\n")
        == "Z\u00e9 东关街道 社会工作服务站"
    )
    assert normalise_name(" 买买提•吐尔逊\u200b ") == "买买提·吐尔逊"
    assert normalise_name("买买提・吐尔逊") == "买买提·吐尔逊"
    assert name_issues(" 买买提•吐尔逊\u200b ") == []
    assert normalise_name("𠮷䶮") == "𠮷䶮"  # rare characters are kept as they are
    for text in ("\t", "\u3000", ""):
        assert normalise_line(text) == ""


def test_free_text_keeps_its_lines_but_not_its_debris() -> None:
    typed = "\u00a0 第一行\r\n第二行\x07\u200b\r\n\n  "
    assert normalise_free_text(typed) == "第一行\n第二行"
    assert normalise_free_text(normalise_free_text(typed)) == "第一行\n第二行"


def test_codes_drop_every_invisible_character() -> None:
    assert compact_code("６２０\u00ad８０２") == "620802"  # soft hyphen
    assert compact_code("S2023\t0001 ") == "S20230001"
