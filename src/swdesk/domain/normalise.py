"""Canonical forms of what people type, shared by validation and storage.

Each field with a canonical form has ONE function here (or next to its validator in
`identity` and `credit_code`), used both by the check and by the service that stores the
value: what passes validation is exactly what is stored, printed and bundled.

- codes (ID number, credit code, certificate number, county code): NFKC (full-width
  digits and letters become ASCII), every whitespace and invisible format character
  removed (space, tab, NBSP, U+3000, zero-width space, BOM);
- phone: the same, with the dash look-alikes (－ — ‐ −) made "-"; a mobile number
  loses its dashes ("139-0933-1234" → "13909331234"), a landline keeps the one after
  its area code ("0933-8212345");
- one-line text (name, employer, post): NFC, every run of whitespace or control
  characters inside made one space, invisible format characters removed, trimmed; a name
  also gets the look-alikes of the middle dot (• ・ ･) as U+00B7 "·" (间隔号);
- free text (the late explanation): NFC, line ends as "\\n", control characters other than
  tab and line feed removed, outer whitespace trimmed.

Every function is idempotent: f(f(s)) == f(s). Standard library only.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "MIDDLE_DOT",
    "compact_code",
    "normalise_free_text",
    "normalise_line",
    "normalise_name",
    "normalise_phone",
]

MIDDLE_DOT = "\u00b7"  # 间隔号, as in 买买提·吐尔逊
_DOT_LOOKALIKES = str.maketrans(
    {
        "\u2022": MIDDLE_DOT,
        "\u30fb": MIDDLE_DOT,
        "\uff65": MIDDLE_DOT,
        "\u2027": MIDDLE_DOT,
        "\u00b7": MIDDLE_DOT,
    }
)
_DASHES = str.maketrans(
    {c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"}
)
_MOBILE_DIGITS = re.compile(r"(?:\+?86)?1[3-9][0-9]{9}")


def _invisible(c: str) -> bool:
    """A format character (zero-width space, BOM, soft hyphen …): never meant as text."""
    return unicodedata.category(c) == "Cf"


def _blank(c: str) -> bool:
    return c.isspace() or unicodedata.category(c) == "Cc"


def compact_code(s: str) -> str:
    """NFKC, then every whitespace, control and invisible format character removed."""
    s = unicodedata.normalize("NFKC", s)
    return "".join(c for c in s if not (_blank(c) or _invisible(c)))


def normalise_phone(s: str) -> str:
    """The canonical phone number (see the module doc); text that is no phone number
    comes back compacted, for the validator to refuse."""
    text = compact_code(s).translate(_DASHES)
    plain = text.replace("-", "")
    if _MOBILE_DIGITS.fullmatch(plain):
        return plain
    return text


def normalise_line(s: str) -> str:
    """One line of text: NFC, whitespace and control runs inside as one space, format
    characters removed, trimmed."""
    s = unicodedata.normalize("NFC", s)
    out: list[str] = []
    pending_space = False
    for c in s:
        if _invisible(c):
            continue
        if _blank(c):
            pending_space = bool(out)
            continue
        if pending_space:
            out.append(" ")
            pending_space = False
        out.append(c)
    return "".join(out)


def normalise_name(s: str) -> str:
    """A person's name: `normalise_line`, with the middle dot's look-alikes as "·"."""
    return normalise_line(s).translate(_DOT_LOOKALIKES)


def normalise_free_text(s: str) -> str:
    """Text that may span lines: NFC, CR LF and CR as LF, control characters other than
    tab and LF removed, format characters removed, outer whitespace trimmed."""
    s = unicodedata.normalize("NFC", s).replace("\r\n", "\n").replace("\r", "\n")
    kept = "".join(
        c for c in s if c in "\t\n" or not (unicodedata.category(c) == "Cc" or _invisible(c))
    )
    return kept.strip()
