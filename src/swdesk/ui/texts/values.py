"""Values written into sentences: dates and hours as the screen shows them, and the two
placeholder styles filled in one place.

The message tables of this package use named placeholders, `%(name)s`, filled from the
params of the code (`UserFixableError.params`, `FieldIssue.params`, ...) by `fill_named`.
Strings that need Qt's plural forms (`translate(..., n)` with `%n`) and the widgets' short
`tr()` strings use Qt's numbered `%1`…`%9`, filled by `fill` in ONE pass: a value that
itself contains "%2" is never substituted again (as chained `.replace("%1", …)
.replace("%2", …)` would do).

A sentence whose placeholders do not match its values is a bug of swdesk, not of the
user: the user still gets the sentence (with the placeholder left in it) and the mismatch
is logged at error level; with the environment variable SWDESK_STRICT_TEXTS set (the test
suite sets it) it raises `TextFormatError` instead, so a test that shows the sentence fails.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from swdesk.core.formatting import hours_text

__all__ = ["TextFormatError", "fill", "fill_named", "fmt_date", "fmt_hours"]

log = logging.getLogger(__name__)

STRICT_ENV = "SWDESK_STRICT_TEXTS"
_NUMBERED = re.compile(r"%([1-9])(?![0-9])")


class TextFormatError(ValueError):
    """A sentence's placeholders and the values given for it do not match."""


def fmt_date(value: date | None) -> str:
    if value is None:
        return "—"
    return value.isoformat()  # 2026-11-28: the usual written form in China, and unambiguous


def fmt_hours(value: Decimal | float | int) -> str:
    """Hours on screen: rounded to tenths, 7.50 → "7.5", 12 → "12"."""
    return hours_text(value, places=1)


def _mismatch(message: str, template: str) -> None:
    if os.environ.get(STRICT_ENV):
        raise TextFormatError(f"{message}: {template!r}")
    log.error("%s: %r", message, template)


def fill(text: str, *values: object) -> str:
    """Qt's `%1`…`%9` in `text` replaced by `values` (`str()` of each) in one pass. A value
    the text does not use is fine (the singular "One activity, %2 hours" leaves out %1); a
    placeholder without a value is the mismatch."""

    def value_for(match: re.Match[str]) -> str:
        index = int(match.group(1))
        if index > len(values):
            _mismatch(f"no value for %{index}", text)
            return match.group(0)
        return str(values[index - 1])

    return _NUMBERED.sub(value_for, text)


def fill_named(template: str, params: Mapping[str, Any]) -> str:
    """`template % params` (`%(name)s`); on a missing key or a bad placeholder the template
    itself (logged, or raised under SWDESK_STRICT_TEXTS)."""
    try:
        return template % params
    except (KeyError, ValueError, TypeError) as error:
        _mismatch(f"cannot fill the placeholders ({error!r})", template)
        return template
