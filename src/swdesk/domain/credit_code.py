"""统一社会信用代码 (GB 32100-2015): check character and validation.

18 characters from the alphabet "0123456789ABCDEFGHJKLMNPQRTUWXY" (no I O S V Z):
registration authority (1), organisation type (1), area code (6 digits),
subject identifier (9), check character. Check: weights 3^(i-1) mod 31,
value = 31 - (sum mod 31), 31 -> 0.
"""

from __future__ import annotations

import re

from .errors import FieldIssue
from .normalise import compact_code

__all__ = [
    "CREDIT_CODE_ALPHABET",
    "credit_code_check_char",
    "credit_code_issues",
    "normalize_credit_code",
]

FIELD = "employer_credit_code"
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {c: i for i, c in enumerate(CREDIT_CODE_ALPHABET)}
_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
_CLASS = "[0-9A-HJ-NPQRTUWXY]"
_FORMAT = re.compile(f"{_CLASS}{{2}}[0-9]{{6}}{_CLASS}{{10}}")


def normalize_credit_code(s: str) -> str:
    """The canonical credit code, as checked and as stored: full-width to ASCII (NFKC),
    all whitespace and invisible characters removed, upper-cased
    (`normalise.compact_code`)."""
    return compact_code(s).upper()


def credit_code_check_char(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters of a code."""
    if len(first17) != 17 or any(c not in _VALUE for c in first17):
        raise ValueError("expected 17 characters of the GB 32100 alphabet")
    total = sum(_VALUE[c] * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def credit_code_issues(s: str) -> list[FieldIssue]:
    """Problems with an (optional) credit code on field "employer_credit_code".

    Empty is fine. Codes: "credit_code_format" (18 characters of the alphabet, characters
    3-8 digits), "credit_code_check_char".
    """
    code = normalize_credit_code(s)
    if not code:
        return []
    if not _FORMAT.fullmatch(code):
        return [FieldIssue(FIELD, "credit_code_format")]
    if credit_code_check_char(code[:17]) != code[17]:
        return [FieldIssue(FIELD, "credit_code_check_char")]
    return []
