"""How dates and hours are written, the same on the printed form, the certificate, in
application.json, in the reviewer's checks and on screen.

- `date_cn`: the Chinese written date of the printed documents, 2025年4月18日.
- `hours_text`: hours as a plain decimal: 12 → "12", 7.50 → "7.5", 100 → "100" (never
  "1E+2"); with `places`, rounded to that many decimal places first (half to even, as
  `Decimal.quantize` does), trailing zeros still dropped: the screen shows tenths.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

__all__ = ["date_cn", "hours_text"]


def date_cn(value: date) -> str:
    """2025-04-18 → "2025年4月18日" (no leading zeros, as Chinese documents write dates)."""
    return f"{value.year}年{value.month}月{value.day}日"


def hours_text(value: Decimal | int | float, places: int | None = None) -> str:
    """A number of hours without trailing zeros or exponent; `places` rounds it first."""
    number = Decimal(value)
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places))
    return f"{number.normalize():f}"
