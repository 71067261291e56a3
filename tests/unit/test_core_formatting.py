"""Dates and hours are written one way everywhere: the printed form, the certificate, the
reviewer's checks and the screen all call swdesk.core.formatting."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from swdesk.core.formatting import date_cn, hours_text


def test_date_cn_writes_the_chinese_date_without_leading_zeros() -> None:
    assert date_cn(date(2025, 4, 18)) == "2025年4月18日"
    assert date_cn(date(2026, 1, 5)) == "2026年1月5日"
    assert date_cn(date(2030, 12, 31)) == "2030年12月31日"


def test_hours_text_drops_trailing_zeros_and_never_writes_an_exponent() -> None:
    assert hours_text(Decimal("96.00")) == "96"
    assert hours_text(Decimal("7.50")) == "7.5"
    assert hours_text(Decimal("100")) == "100"  # Decimal("1E+2") after normalize()
    assert hours_text(Decimal("0.0")) == "0"
    assert hours_text(Decimal("1.25")) == "1.25"
    assert hours_text(12) == "12"


def test_hours_text_rounds_to_the_places_asked_for_half_to_even() -> None:
    assert hours_text(Decimal("1.25"), places=1) == "1.2"
    assert hours_text(Decimal("1.35"), places=1) == "1.4"
    assert hours_text(Decimal("119.96"), places=1) == "120"
    assert hours_text(7.5, places=1) == "7.5"
    assert hours_text(Decimal("0.04"), places=1) == "0"


@given(st.decimals(min_value=0, max_value=100_000, places=3, allow_nan=False, allow_infinity=False))
def test_hours_text_reads_back_as_the_same_number(value: Decimal) -> None:
    """Oracle: the text parses back to the value, has no exponent and no trailing zero."""
    text = hours_text(value)
    assert Decimal(text) == value
    assert "E" not in text and not text.endswith(".") and not ("." in text and text.endswith("0"))


@given(st.decimals(min_value=0, max_value=100_000, places=3, allow_nan=False, allow_infinity=False))
def test_hours_on_screen_is_the_value_rounded_to_tenths(value: Decimal) -> None:
    """Oracle: the screen's figure is what rounding to tenths then dropping a ".0" gives."""
    rounded = f"{value.quantize(Decimal('0.1')):f}"
    assert hours_text(value, places=1) == (rounded[:-2] if rounded.endswith(".0") else rounded)
